"""The entry point (`mock-interviewer`, `python -m mock_interviewer`).

Ctrl-C is taken over before anything else is imported, so no instant of start-up can turn it
into a traceback (see `interrupts.py`).
"""

from mock_interviewer import interrupts

interrupts.install()


def run() -> None:
    """Run the command line."""
    from mock_interviewer.cli import main

    main()


if __name__ == "__main__":
    run()
