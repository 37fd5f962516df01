"""Replay's keys as a terminal sends them: escape sequences through a pseudo-terminal.

The player is a fake whose clock moves only when a key seeks (no sound device, no wall clock),
so the status line on screen says exactly what each key did. Everything else is the real
`replay` command: the raw terminal, the key decoder, the live screen and the feedback panel.
"""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mock_interviewer.report.annotations import annotate, format_clock
from mock_interviewer.report.keys import KeyDecoder
from mock_interviewer.report.replay import NoteFeed, ReplayScheduler, _note_line
from mock_interviewer.sessions import SessionStore
from session_fixtures import spoken_session

DRIVER = """
import sys, threading
from mock_interviewer.report import replay


class Player:
    def __init__(self, path):
        self.duration, self.at, self.paused = 30.0, 0.0, False
        self.finished = threading.Event()

    def position(self):
        return self.at

    def start(self, at_s=0.0):
        self.seek(at_s)

    def stop(self):
        pass

    def toggle(self):
        self.paused = not self.paused

    def seek(self, seconds):
        self.at = min(max(seconds, 0.0), self.duration)


replay.SamplePlayer = Player
replay.output_available = lambda: True
from mock_interviewer.cli import main

main(["replay", sys.argv[1]])
"""

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\x1b[=>]|\r")


class Terminal:
    """`replay` in a subprocess on a pseudo-terminal; keys in, screen text out."""

    def __init__(self, home: Path, session_id: str) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "MOCK_INTERVIEWER_HOME": str(home), "COLUMNS": "100"}
        env.update(LINES="40", TERM="xterm-256color")
        self.process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, session_id],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            close_fds=True,
        )
        os.close(slave)
        self.screen = ""

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Read until `text` appears in what was printed since the last call; that output."""
        seen = ""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.1)[0]:
                try:
                    data = os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    break
                seen += ANSI.sub("", data.decode("utf-8", "replace"))
                if text in seen:
                    self.screen = seen
                    return seen
            elif self.process.poll() is not None:
                break
        raise AssertionError(f"{text!r} never appeared; the screen showed:\n{seen[-2000:]}")

    def press(self, keys: str, expect: str) -> str:
        os.write(self.master, keys.encode())
        return self.wait_for(expect)

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds`: a terminal nobody reads blocks the program writing to it."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def close_after(self, key: str) -> int:
        """Press `key` (q) and wait for the command to end; its exit code."""
        os.write(self.master, key.encode())
        try:
            for _ in range(300):
                if self.process.poll() is not None:
                    break
                self.drain(0.1)
            return self.process.wait(timeout=1)
        finally:
            os.close(self.master)


@pytest.fixture
def terminal() -> Terminal:
    info = spoken_session(SessionStore())  # in the test's private data folder (conftest)
    return Terminal(Path(os.environ["MOCK_INTERVIEWER_HOME"]), info.id)


def status(seconds: float, state: str = "playing") -> str:
    return f"{format_clock(seconds)} / 0:30.0  {state}"


def test_arrows_space_n_p_and_q_work_in_a_real_terminal(terminal: Terminal) -> None:
    notes = annotate(SessionStore().load("last"))
    times = sorted({n.time_s for n in notes if n.time_s is not None})
    terminal.wait_for(status(0.0))
    terminal.press("\x1b[C", status(5.0))  # right arrow, as xterm sends it
    terminal.press("\x1b[C", status(10.0))
    terminal.press("\x1b[D", status(5.0))  # left arrow
    terminal.press("\x1bOC", status(10.0))  # right arrow in application cursor mode
    terminal.press(" ", status(10.0, "paused"))
    terminal.press(" ", status(10.0, "playing"))
    after = next(t for t in times if t > 10.0 + 1e-6)
    terminal.press("n", status(after))
    before = max(t for t in times if t < after - 1.0)
    terminal.press("p", status(before))
    terminal.press("\x1b[C\x1b[C", status(before + 10.0))  # two arrows in one read
    assert terminal.close_after("q") == 0


def test_the_feedback_panel_never_repeats_a_note(terminal: Terminal) -> None:
    scheduler = ReplayScheduler(annotate(SessionStore().load("last")))
    terminal.wait_for(status(0.0))
    at = 0.0
    for key in "nnnpnppnnpn":
        os.write(terminal.master, key.encode())
        jump = scheduler.next_time(at) if key == "n" else scheduler.previous_time(at)
        at = at if jump is None else jump
        screen = terminal.wait_for(status(at))
        screen = screen[: screen.rindex(status(at))]
        frame = screen[screen.rindex("Feedback") :]  # the feedback panel above that status
        lines = [line.strip(" │") for line in frame.splitlines() if "> [" in line]
        assert lines and len(lines) == len(set(lines)), frame
    assert terminal.close_after("q") == 0


# -- the pieces, without a terminal -------------------------------------------------------------


@pytest.mark.parametrize(
    ("chunks", "keys"),
    [
        ([b"\x1b[C"], ["right"]),
        ([b"\x1b[D"], ["left"]),
        ([b"\x1bOC", b"\x1bOD"], ["right", "left"]),
        ([b"\x1b", b"[", b"C"], ["right"]),  # a sequence cut across three reads
        ([b"\x1b[1;5C"], ["right"]),  # ctrl+right
        ([b" nP\x1b[Cq"], ["space", "n", "p", "right", "q"]),
        ([b"\x1b[15~x"], ["x"]),  # F5 is skipped whole
    ],
)
def test_key_decoder(chunks: list[bytes], keys: list[str]) -> None:
    decoder = KeyDecoder()
    got: list[str] = []
    for chunk in chunks:
        got.extend(decoder.feed(chunk))
    assert got == keys and not decoder.partial


def test_key_decoder_lone_escape() -> None:
    decoder = KeyDecoder()
    assert decoder.feed(b"\x1b") == [] and decoder.partial
    assert decoder.flush() == ["escape"]


def test_note_feed_shows_each_note_once_through_seeks() -> None:
    store = SessionStore()
    notes = annotate(store.load(spoken_session(store).id))
    feed = NoteFeed(ReplayScheduler(notes))
    scheduler = feed.scheduler
    at = 0.0
    for key in "nnnpnppnnpnnnnpppp":
        target = scheduler.next_time(at) if key == "n" else scheduler.previous_time(at)
        if target is None:
            continue
        at = target
        feed.seek(at)
        shown = [_note_line(n) for n in feed.advance(at)]
        assert len(shown) == len(set(shown)), shown
        assert all((n.time_s or 0.0) <= at for n in feed.shown)
