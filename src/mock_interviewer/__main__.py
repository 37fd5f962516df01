"""The entry point (`mock-interviewer`, `python -m mock_interviewer`).

Ctrl-C is taken over by the first statement, before anything else is imported: first by a
stand-in that needs only built-in modules (on a busy machine even the standard library's
`signal` and `contextlib` take a noticeable time to import), then by `interrupts.py`. No
instant of start-up after that can turn Ctrl-C into a traceback.
"""

import _signal  # type: ignore[import-not-found]  # built in: costs nothing to import
import os


def _stop_now(_signum: object, _frame: object) -> None:
    os.write(2, b"Interrupted.\n")
    os._exit(130)


_signal.signal(_signal.SIGINT, _stop_now)

from mock_interviewer import interrupts  # noqa: E402  (after the stand-in, on purpose)

interrupts.install()


def run() -> None:
    """Run the command line."""
    from mock_interviewer.cli import main

    main()


if __name__ == "__main__":
    run()
