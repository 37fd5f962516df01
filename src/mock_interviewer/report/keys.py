"""Keys from a raw terminal, for replay: escape sequences decoded whole across reads.

`key_reader` puts the terminal in cbreak mode for the player's loop and restores it after.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import termios
import threading
import tty
from collections.abc import Callable, Iterator

_ARROWS = {"C": "right", "D": "left", "A": "up", "B": "down"}
_ESCAPE_WAIT_S = 0.05  # the rest of an escape sequence arrives within this, or it was Esc


class KeyDecoder:
    """Bytes from a raw terminal -> key names, escape sequences kept whole across reads.

    Arrows come as `ESC [ C` (or `ESC O C` in application mode, or with modifiers such as
    `ESC [ 1 ; 5 C`); a sequence cut between two reads waits for its end. Keys: "left",
    "right", "up", "down", "space", "escape", and lower-case letters and digits.
    """

    def __init__(self) -> None:
        self._pending = b""

    @property
    def partial(self) -> bool:
        """True while an escape sequence has started and not ended."""
        return bool(self._pending)

    def feed(self, data: bytes) -> list[str]:
        """The keys completed by `data`, in order."""
        buffer, keys, i = self._pending + data, [], 0
        self._pending = b""
        while i < len(buffer):
            byte = buffer[i : i + 1]
            if byte != b"\x1b":
                text = byte.decode("latin-1")
                keys.append("space" if text == " " else text.lower())
                i += 1
                continue
            end = _sequence_end(buffer, i)
            if end is None:  # incomplete: keep it for the next read
                self._pending = buffer[i:]
                break
            sequence = buffer[i:end]
            final = sequence[-1:].decode("latin-1")
            if len(sequence) == 1:
                keys.append("escape")
            elif sequence[1:2] in (b"[", b"O") and final in _ARROWS:
                keys.append(_ARROWS[final])
            i = end  # other sequences (function keys, mouse) are skipped whole
        return keys

    def flush(self) -> list[str]:
        """No more bytes came: a lone ESC was the Esc key; a cut sequence is dropped."""
        pending, self._pending = self._pending, b""
        return ["escape"] if pending == b"\x1b" else []


def _sequence_end(buffer: bytes, start: int) -> int | None:
    """Index just past the escape sequence at `start`, or None if it is not complete yet."""
    if start + 1 >= len(buffer):
        return None
    kind = buffer[start + 1 : start + 2]
    if kind == b"O":  # SS3: one more byte
        return start + 3 if start + 2 < len(buffer) else None
    if kind != b"[":  # ESC then another key (Alt+key): the ESC alone
        return start + 1
    for j in range(start + 2, len(buffer)):
        if 0x40 <= buffer[j] <= 0x7E:  # the final byte of a CSI sequence
            return j + 1
    return None


@contextlib.contextmanager
def key_reader() -> Iterator[Callable[[float], str | None]]:
    """Yields `read(timeout) -> key or None`, reading the raw terminal byte by byte.

    Reads the file descriptor, not buffered `sys.stdin`: a buffered read would swallow the
    rest of an escape sequence where `select` can no longer see it.
    """
    if not sys.stdin.isatty():
        yield lambda timeout: _sleep(timeout)
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)  # keys arrive at once, unechoed; Ctrl-C still interrupts
    decoder = KeyDecoder()
    queue: list[str] = []

    def read(timeout: float) -> str | None:
        while not queue:
            wait = _ESCAPE_WAIT_S if decoder.partial else timeout
            if not select.select([fd], [], [], wait)[0]:
                if not decoder.partial:
                    return None
                queue.extend(decoder.flush())
                continue
            data = os.read(fd, 64)
            if not data:
                return None
            queue.extend(decoder.feed(data))
        return queue.pop(0)

    try:
        yield read
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _sleep(timeout: float) -> None:
    threading.Event().wait(timeout)
