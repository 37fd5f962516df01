"""The HTML report in headless Chromium (Debian's, via Playwright): seeking, highlights, safety.

Never `playwright install`: the browser is /usr/bin/chromium (apt package `chromium`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, Route, sync_playwright

from mock_interviewer.cli import main
from mock_interviewer.report.html import render_html, write_report
from mock_interviewer.scorecard import Evidence, Finding
from mock_interviewer.sessions import Session, SessionStore
from session_fixtures import (
    STORY,
    pacing_for,
    scorecard_for,
    spoken_session,
    spoken_transcript,
    typed_session,
    write_wav,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INJECTION = '<script>window.pwned=1</script> <img src=x onerror="window.pwned=2">'


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Opened:
    """A report loaded in a page, with every request and console error it made."""

    def __init__(self, page: Page, path: Path) -> None:
        self.page = page
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)
        page.goto(path.as_uri())

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def assert_offline(self, allowed: set[str]) -> None:
        assert not self.blocked
        for url in self.requests:
            assert url in allowed or url.startswith("data:"), url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SessionStore:
    monkeypatch.setenv("MOCK_INTERVIEWER_HOME", str(tmp_path / "home"))
    return SessionStore()


def write(session: Session, path: Path, audio_beside: bool = False) -> Path:
    return write_report(session, path, audio_beside=audio_beside)


def wait_for_audio(opened: Opened) -> None:
    opened.page.wait_for_function("document.getElementById('player').readyState >= 1")


def found_ids(session: Session) -> list[str]:
    card = session.scorecard
    ids = [k for k, f in card.signals.items() if f.evidence]
    return ids + [k for k, f in card.pitfalls.items() if f.hit and f.evidence]


def test_clicking_a_word_seeks_the_player(store: SessionStore, page: Page, tmp_path: Path) -> None:
    session = store.load(spoken_session(store).id)
    path = write(session, tmp_path / "report.html")
    opened = Opened(page, path)
    wait_for_audio(opened)
    assert opened.js("document.getElementById('player').duration") == pytest.approx(
        session.transcript.duration, abs=0.01
    )
    for text in ("rolled", "timeout,", "canary."):
        word = page.locator("#transcript .w", has_text=text).first
        start = float(word.get_attribute("data-start") or "nan")
        word.click()
        assert opened.js("document.getElementById('player').currentTime") == pytest.approx(
            start, abs=1e-3
        )
        # the word being played is highlighted once the seek completes
        page.wait_for_function(
            "s => { const w = document.querySelector('.w.now');"
            " return w && w.dataset.start === s; }",
            arg=word.get_attribute("data-start"),
        )
        assert page.locator(".w[aria-current='true']").count() == 1
    assert not opened.errors  # the CSP allowed our one script, and it raised nothing
    opened.assert_offline({path.as_uri()})


def test_keyboard_moves_between_words_and_seeks(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = store.load(spoken_session(store).id)
    opened = Opened(page, write(session, tmp_path / "report.html"))
    wait_for_audio(opened)
    words = page.locator("#transcript .w")
    assert words.nth(0).get_attribute("tabindex") == "0"
    assert words.nth(1).get_attribute("tabindex") == "-1"
    words.nth(0).focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert opened.js("document.activeElement.textContent") == session.transcript.words[3].text
    page.keyboard.press("Enter")
    assert opened.js("document.getElementById('player').currentTime") == pytest.approx(
        session.transcript.words[3].start, abs=1e-3
    )
    note = page.locator("button[data-seek]").nth(2)
    note.focus()
    page.keyboard.press("Enter")
    assert opened.js("document.getElementById('player').currentTime") == pytest.approx(
        float(note.get_attribute("data-seek") or "nan"), abs=1e-3
    )
    for name in ("Back 5 seconds", "Forward 5 seconds", "Next feedback note"):
        assert page.get_by_role("button", name=name).count() == 1
    assert page.get_by_role("img", name="Words per minute over time").count() == 1


def test_each_found_signal_is_highlighted_with_a_legend(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = store.load(spoken_session(store).id)
    opened = Opened(page, write(session, tmp_path / "report.html"))
    ids = found_ids(session)
    assert {"timeline", "separation", "principle", "prevention", "reflection", "blame"} <= set(ids)
    for key in ids:
        assert page.locator(f"#transcript .ev-{key}").count() > 0, key
        legend = page.locator(f".legend li[data-signal='{key}']")
        assert legend.count() == 1, key
        assert key in legend.inner_text()  # named in text, not by colour alone
        assert page.locator(f"#transcript .tag-{key}").count() > 0, key
    assert page.locator(".ev-systemic").count() == 0  # missed, no evidence
    rolled = page.locator("#transcript .w", has_text="rolled").first
    assert "ev-separation" in (rolled.get_attribute("class") or "")
    tags = page.locator("#transcript .tag-timeline").all_inner_texts()
    assert tags == ["T+0", "T+5", "T+30", "T+60", "T+14d"]
    assert page.locator("#transcript .filler").count() == 1
    grade = page.locator(".grade")
    assert grade.inner_text() == "B"
    body = page.locator("body").inner_text()
    for text in ("Blame costs the systemic signal.", "Advice about systemic.", "Pacing"):
        assert text in body
    svg = page.locator("svg")
    assert svg.locator(".target").count() == 1
    assert svg.locator(".pause").count() == 1
    assert svg.locator(".filler").count() == 1
    assert svg.locator(".wpm").count() == 1
    opened.assert_offline({opened.page.url})


def injected_session(store: SessionStore) -> Session:
    text = f"{STORY} {INJECTION}"
    info = store.begin(
        "interview", "outage", "audio", story="<b>x</b><script>window.pwned=3</script>"
    )
    transcript = spoken_transcript(text)
    card = scorecard_for(transcript)
    start = transcript.text.index("<script>")
    end = len(transcript.text)
    seconds = transcript.seconds(start, end)
    assert seconds is not None
    evidence = Evidence(transcript.text[start:end], start, end, "<i>label</i>", *seconds)
    card.pitfalls["hero"] = Finding("hero", True, (evidence,), "<script>window.pwned=4</script>")
    assert transcript.duration is not None
    write_wav(store.audio_path(info), transcript.duration)
    return store.load(store.finish(info, transcript, card, pacing_for(transcript)).id)


def test_script_injection_stays_text(store: SessionStore, page: Page, tmp_path: Path) -> None:
    session = injected_session(store)
    html = render_html(session)
    assert "<script>window" not in html and "<img src=x" not in html
    opened = Opened(page, write(session, tmp_path / "report.html"))
    wait_for_audio(opened)
    assert opened.js("typeof window.pwned") == "undefined"
    assert page.locator("script").count() == 1  # ours only
    assert page.locator("img").count() == 0
    assert page.locator("b").count() == 0
    transcript = page.locator("#transcript").inner_text()
    assert "<script>window.pwned=1</script>" in transcript
    assert '<img src=x onerror="window.pwned=2">' in transcript
    body = page.locator("body").inner_text()
    assert "<b>x</b><script>window.pwned=3</script>" in body
    assert "<script>window.pwned=4</script>" in body
    assert "<i>label</i>" in body
    opened.assert_offline({opened.page.url})
    assert not opened.errors


def test_typed_answer_report_has_no_player(store: SessionStore, page: Page, tmp_path: Path) -> None:
    session = store.load(typed_session(store, text=f"{STORY}\n\n{INJECTION}").id)
    opened = Opened(page, write(session, tmp_path / "typed.html"))
    assert page.locator("audio").count() == 0
    assert page.locator("script").count() == 0
    assert opened.js("typeof window.pwned") == "undefined"
    for key in found_ids(session):
        assert page.locator(f"#transcript .ev-{key}").count() > 0, key
        assert page.locator(f".legend li[data-signal='{key}']").count() == 1, key
    text = page.locator("#transcript").inner_text()
    assert INJECTION in text
    assert "A typed answer" in page.locator("body").inner_text()
    assert page.locator("svg").count() == 0
    opened.assert_offline({opened.page.url})


def test_audio_beside_loads_only_local_files(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = store.load(spoken_session(store).id)
    path = write(session, tmp_path / "beside.html", audio_beside=True)
    wav = tmp_path / "beside.wav"
    assert wav.read_bytes() == (session.info.folder / "audio.wav").read_bytes()
    assert "base64" not in path.read_text()
    opened = Opened(page, path)
    wait_for_audio(opened)
    opened.assert_offline({path.as_uri(), wav.as_uri()})
    assert wav.as_uri() in opened.requests


def test_csp_is_strict(store: SessionStore) -> None:
    html = render_html(store.load(spoken_session(store).id))
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert match
    policy = match.group(1)
    assert "default-src 'none'" in policy
    assert "media-src data: 'self'" in policy
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", policy)
    assert "http" not in policy and "unsafe-eval" not in policy
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html


def test_report_command_writes_file(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = spoken_session(store)
    runner = CliRunner()
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = runner.invoke(main, ["report"])
    assert result.exit_code == 0, result.output
    default = here / f"mock-interviewer-{info.id}.html"
    assert result.output.strip() == f"Wrote {default}"
    assert default.read_text().startswith("<!doctype html>")
    assert default.stat().st_mode & 0o777 == 0o600
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["report", info.id, "-o", str(out), "--audio-beside"])
    assert result.exit_code == 0 and out.exists() and (tmp_path / "r.wav").exists()
    bad = runner.invoke(main, ["report", "../../etc/passwd"])
    assert bad.exit_code == 2  # an unknown id is a usage error (README, exit codes)
    assert bad.output.strip() == (
        "Error: no session '../../etc/passwd': use `mock-interviewer history` to list sessions"
    )


def test_report_open_uses_the_browser(
    store: SessionStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    info = spoken_session(store)
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", opened.append)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(main, ["report", info.id, "-o", str(out), "--open"])
    assert result.exit_code == 0
    assert opened == [out.resolve().as_uri()]


def test_spoken_session_without_its_recording(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    info = spoken_session(store)
    store.audio_path(info).unlink()
    session = store.load(info.id)
    assert session.audio_path is None
    opened = Opened(page, write(session, tmp_path / "r.html"))
    assert page.locator("audio").count() == 0
    assert "The recording is missing" in page.locator("body").inner_text()
    assert page.locator("#transcript .ev-timeline").count() > 0
    assert page.locator("svg .wpm").count() == 1
    opened.assert_offline({opened.page.url})
