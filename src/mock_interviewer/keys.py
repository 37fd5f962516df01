"""The Enter key: one reader thread for the whole process, armed per recording."""

from __future__ import annotations

import sys
import threading


class EnterKey:
    """One thread reads the terminal for the whole process; Enter ends the armed recording.

    One reader, not one per recording: a reader left blocked after an answer ended on silence
    would otherwise swallow the Enter meant for the follow-up (or the next question of a round).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: threading.Event | None = None
        self._thread: threading.Thread | None = None

    def arm(self, stop: threading.Event | None) -> None:
        """Enter sets `stop` from now on (None: Enter does nothing); terminals only."""
        if not sys.stdin or not sys.stdin.isatty():
            return
        with self._lock:
            self._armed = stop
            if self._thread is None and stop is not None:
                self._thread = threading.Thread(target=self._read, name="enter-key", daemon=True)
                self._thread.start()

    def _read(self) -> None:
        while True:
            try:
                line = sys.stdin.readline()
            except (OSError, ValueError):
                return
            if not line:
                return  # end of input
            with self._lock:
                armed = self._armed
            if armed is not None:
                armed.set()


ENTER_KEY = EnterKey()


def watch_enter(stop: threading.Event | None) -> None:
    """Enter sets `stop` from now on (None: Enter does nothing); terminals only."""
    ENTER_KEY.arm(stop)
