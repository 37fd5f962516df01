"""Ctrl-C as an orderly stop, at every instant of the process.

The entry point installs the handler before anything heavy is imported. Until a command runs,
and wherever nothing is recorded, the first Ctrl-C prints one line and ends the process at once
(exit 130). While a command runs (`raising`), Ctrl-C becomes a KeyboardInterrupt in the main
thread so the command can keep what it recorded; `deferred` blocks (a WAV append, an index
write) finish before it is raised. Once interrupted, the process ends with `os._exit` after
flushing its output: interpreter shutdown would wait on threads (the model loading in C++)
that cannot stop in the middle of a call, and could abort or hang. A second Ctrl-C, or a
cleanup that takes longer than `GRACE_S`, ends the process at once. A KeyboardInterrupt
Python had to swallow (raised inside a weakref callback or `__del__`) is raised again a moment
later.

Without `install()` (the library used from Python, CliRunner tests) nothing changes: Python's
own KeyboardInterrupt applies and `finish` falls back to `sys.exit`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType

EXIT_CODE = 130  # 128 + SIGINT, what shells report for a process stopped by Ctrl-C
GRACE_S = 5  # seconds an orderly stop may take before the process ends anyway
RETRY_S = 0.01  # a KeyboardInterrupt Python swallowed is raised again this much later
MAX_RETRIES = 100
MESSAGE = "Interrupted."

_installed = False
_raising = 0  # depth of `raising` blocks: Ctrl-C raises KeyboardInterrupt inside them
_deferring = 0  # depth of `deferred` blocks: Ctrl-C waits for the block to end
_pending = False  # a Ctrl-C arrived inside a deferred block
_requested = False  # Ctrl-C was pressed
_announced = False  # the line saying what happened was printed
_swallowed = 0  # KeyboardInterrupts raised where Python could only ignore them
_retry = False  # the next SIGALRM raises the swallowed KeyboardInterrupt again
_previous_hook = sys.unraisablehook


def install() -> None:
    """Take over SIGINT (and SIGALRM, the grace timer) for this process; main thread only."""
    global _installed
    signal.signal(signal.SIGINT, _on_sigint)
    signal.signal(signal.SIGALRM, _on_alarm)
    sys.unraisablehook = _on_unraisable
    _installed = True


def installed() -> bool:
    """True when the entry point installed the handler."""
    return _installed


def requested() -> bool:
    """True once Ctrl-C was pressed: anything failing after it is a consequence of it."""
    return _requested


@contextlib.contextmanager
def raising() -> Iterator[None]:
    """Inside the block, Ctrl-C raises KeyboardInterrupt (the command cleans up and exits)."""
    global _raising
    _raising += 1
    try:
        yield
    finally:
        _raising -= 1


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """A block Ctrl-C does not cut short: the KeyboardInterrupt comes when it ends."""
    global _deferring, _pending
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
        if _deferring == 0 and _pending:
            _pending = False
            raise KeyboardInterrupt


def announce(line: str) -> None:
    """Print the one line that says what the interruption kept (on standard error)."""
    global _announced
    _announced = True
    _write_err(line)


def finish() -> None:
    """End an interrupted process: one line (unless already said), flushed output, exit 130."""
    if not _announced:
        announce(MESSAGE)
    if not _installed:
        sys.exit(EXIT_CODE)
    _exit_now()


def _on_sigint(_signum: int, _frame: FrameType | None) -> None:
    global _requested, _pending
    if _requested:  # a second Ctrl-C: stop waiting for anything
        _exit_now(announce_if_silent=True)
    _requested = True
    if not _raising:  # start-up, imports, or nothing to keep: end now
        _exit_now(announce_if_silent=True)
    signal.alarm(GRACE_S)
    if _deferring:
        _pending = True
        return
    raise KeyboardInterrupt


def _on_unraisable(info: sys.UnraisableHookArgs) -> None:
    """A KeyboardInterrupt raised inside a weakref callback or `__del__` is lost, not raised:
    raise it again a moment later, somewhere it can reach the command."""
    global _swallowed, _retry
    if not isinstance(info.exc_value, KeyboardInterrupt) or _swallowed >= MAX_RETRIES:
        _previous_hook(info)
        return
    _swallowed += 1
    _retry = True
    signal.setitimer(signal.ITIMER_REAL, RETRY_S)


def _on_alarm(_signum: int, _frame: FrameType | None) -> None:
    global _retry, _pending
    if not _retry:
        _exit_now(announce_if_silent=True)  # the grace period is over
    _retry = False
    signal.alarm(GRACE_S)
    if _deferring:
        _pending = True
        return
    raise KeyboardInterrupt


def _exit_now(announce_if_silent: bool = False) -> None:
    if announce_if_silent and not _announced:
        announce(MESSAGE)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a stream closed, or a write cut short
            stream.flush()
    os._exit(EXIT_CODE)


def _write_err(line: str) -> None:
    """To standard error; straight to file descriptor 2 if a handler cut into a write."""
    try:
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()
        return
    except Exception:  # a reentrant write from the signal handler, or a closed stream
        if not _installed:
            return
    data = f"{line}\n".encode(errors="replace")
    with contextlib.suppress(OSError):
        while data:
            data = data[os.write(2, data) :]
