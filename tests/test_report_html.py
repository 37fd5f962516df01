"""The HTML report in headless Chromium (Debian's, via Playwright): seeking, highlights, safety.

Never `playwright install`: the browser is /usr/bin/chromium (apt package `chromium`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, Route, sync_playwright

from mock_interviewer.cli import main
from mock_interviewer.pacing import analyse
from mock_interviewer.report.html import render_html, write_report
from mock_interviewer.report.html_transcript import style_of
from mock_interviewer.scorecard import Evidence, Finding
from mock_interviewer.sessions import Session, SessionStore
from mock_interviewer.transcript import Transcript, Word
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


def styles_in(session: Session) -> set[str]:
    return {
        style_of(k, e.label)
        for k, f in [*session.scorecard.signals.items(), *session.scorecard.pitfalls.items()]
        if f.evidence and (k in session.scorecard.signals or f.hit)
        for e in f.evidence
    }


def test_evidence_is_highlighted_as_phrases_with_a_legend(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = store.load(spoken_session(store).id)
    opened = Opened(page, write(session, tmp_path / "report.html"))
    styles = styles_in(session)
    assert {"time", "mitigation", "fix", "prevention", "principle", "reflection", "pitfall"} == (
        styles
    )
    for style in [*styles, "filler"]:
        assert page.locator(f"#transcript .ev-{style}, #transcript .{style}").count() > 0, style
        legend = page.locator(f".legend li[data-style='{style}']")
        assert legend.count() == 1, style
        assert legend.inner_text().strip(), style  # named in text, not by colour alone
    assert page.locator(".legend li[data-style='systemic']").count() == 0  # nothing to show
    # one continuous element per phrase, spaces included, not one chip per word
    phrases = page.locator("#transcript mark.ev").all_text_contents()
    assert "cheapest reversible action." in phrases  # whole words, as they were said
    assert "The engineer who pushed it did not run a canary." in phrases
    assert "added a required canary." in phrases  # two overlapping prevention spans joined
    assert page.locator("#transcript mark.ev-mitigation .w", has_text="rolled").count() == 1
    tags = page.locator("#transcript .tag-time").all_inner_texts()
    assert tags == ["T+0", "T+5", "T+30", "T+60", "T+14d"]
    for tag in page.locator("#transcript .tag, .card-h strong").all_inner_texts():
        words = re.findall(r"[\w+-]+", tag.lower())
        assert all(a != b for a, b in itertools.pairwise(words)), tag  # no "prevention prevention"
    assert page.locator("#transcript .filler").count() == 1
    assert page.locator(".grade").inner_text().split()[-1] == "B"
    body = page.locator("body").inner_text()
    for text in ("Blame costs the systemic signal.", "Advice about systemic.", "Pacing"):
        assert text in body
    svg = page.locator("svg.chart-wide")
    assert svg.locator(".target").count() == 1
    assert svg.locator(".pause").count() == 1
    assert svg.locator(".filler").count() == 1
    assert svg.locator(".wpm").count() == 1
    opened.assert_offline({opened.page.url})


def test_each_note_sits_beside_its_words_with_the_advice_apart(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = store.load(spoken_session(store).id)
    Opened(page, write(session, tmp_path / "report.html"))
    rows = page.locator("#transcript .row")
    checked = 0
    for r in range(rows.count()):
        row = rows.nth(r)
        starts = [
            float(x)
            for x in row.locator(".said .w").evaluate_all("ws => ws.map(w => w.dataset.start)")
        ]
        ends = [
            float(x)
            for x in row.locator(".said .w").evaluate_all("ws => ws.map(w => w.dataset.end)")
        ]
        for card in row.locator(".card[data-kind='evidence']").all():
            seek = float(card.locator("[data-seek]").get_attribute("data-seek") or "nan")
            assert min(starts) - 1e-3 <= seek <= max(ends), (seek, row.inner_text())
            checked += 1
        if row.locator("mark.ev").count():  # every highlighted phrase has its note beside it
            assert row.locator(".card[data-kind='evidence']").count() > 0, row.inner_text()
    assert checked >= 10
    blame_row = page.locator("#transcript .row", has=page.locator("mark.ev-pitfall"))
    assert blame_row.count() == 1
    advice = blame_row.locator(".card-a").all_inner_texts()
    assert any("Advice about blame." in a for a in advice)
    assert "Advice about" not in page.locator("#transcript .said").all_inner_texts().__str__()
    # advice is not glued to a quote: it has an element of its own
    assert blame_row.locator(".card-a", has_text="Advice about blame.").count() == 1


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
    for style in styles_in(session):
        assert page.locator(f"#transcript .ev-{style}").count() > 0, style
        assert page.locator(f".legend li[data-style='{style}']").count() == 1, style
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
    for fetching in ("url(", "@import", "<link", "<iframe", "<object", "<embed", "href=", '="//'):
        assert fetching not in html.replace('xmlns="http://www.w3.org/2000/svg"', ""), fetching


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
    assert page.locator("#transcript .ev-time").count() > 0
    assert page.locator("svg.chart-wide .wpm").count() == 1
    opened.assert_offline({opened.page.url})


FOLLOW_UP_Q = "What stops it happening again?"
FOLLOW_UP = "For prevention we added a load test to the pipeline, and it blocks slow releases."


def followup_session(store: SessionStore) -> Session:
    """An answer, four seconds of the question being asked, then the follow-up answer."""
    first = spoken_transcript(STORY)
    assert first.duration is not None
    words = list(first.words)
    t = first.duration + 4.0
    for token in FOLLOW_UP.split():
        words.append(Word(token, round(t, 3), round(t + 0.25, 3)))
        t += 0.3
    transcript = Transcript.from_words(words, duration=round(t + 0.5, 3))
    card = scorecard_for(transcript)
    start = transcript.text.index("load test")
    seconds = transcript.seconds(start, start + 9)
    assert seconds is not None
    load = Evidence("load test", start, start + 9, "prevention", *seconds)
    card.signals["prevention"] = Finding("prevention", True, (load,), "", "a load test")
    info = store.begin("interview", "outage", "audio")
    write_wav(store.audio_path(info), t + 0.5)
    split = first.duration
    extra = {
        "parts": [
            {"label": "answer", "start_s": 0.0, "end_s": split, "question": "Tell me."},
            {"label": "follow_up", "start_s": split, "end_s": t + 0.5, "question": FOLLOW_UP_Q},
        ],
        "follow_up": {"answered": True, "first_answer_grade": "C", "whole_story_grade": "B"},
    }
    done = store.finish(info, transcript, card, analyse(first), extra=extra)
    return store.load(done.id)


def real_pacing_session(store: SessionStore) -> Session:
    """A 20-second answer measured by `pacing.analyse` against the usual 2:00 target."""
    transcript = spoken_transcript(STORY)
    assert transcript.duration is not None
    info = store.begin("interview", "outage", "audio")
    write_wav(store.audio_path(info), transcript.duration)
    pacing = analyse(transcript)
    return store.load(store.finish(info, transcript, scorecard_for(transcript), pacing).id)


def every_style_session(store: SessionStore) -> Session:
    """The fixture session with a systemic cause too, so every highlight style is used."""
    transcript = spoken_transcript(STORY)
    assert transcript.duration is not None
    card = scorecard_for(transcript)
    start = transcript.text.index("the root cause")
    seconds = transcript.seconds(start, start + 14)
    assert seconds is not None
    cause = Evidence("the root cause", start, start + 14, "root cause", *seconds)
    card.signals["systemic"] = Finding("systemic", True, (cause,), "", "a systems gap")
    info = store.begin("interview", "outage", "audio")
    write_wav(store.audio_path(info), transcript.duration)
    return store.load(store.finish(info, transcript, card, pacing_for(transcript)).id)


def x_to_seconds(page: Page, chart: str = "svg.chart-wide") -> Callable[[float], float]:
    """The chart's time axis, read from its tick labels (position and the seconds they say)."""
    ticks = page.locator(f"{chart} .xtick").evaluate_all(
        "ts => ts.map(t => [parseFloat(t.getAttribute('x')), parseFloat(t.dataset.s)])"
    )
    (x0, s0), (x1, s1) = ticks[0], ticks[-1]
    return lambda x: s0 + (x - x0) * (s1 - s0) / (x1 - x0)


def line_ends(page: Page, chart: str = "svg.chart-wide") -> list[float]:
    """Right end (SVG units) of each words-per-minute line."""
    return list(
        page.locator(f"{chart} .wpm").evaluate_all(
            "ps => ps.map(p => { const b = p.getBBox(); return b.x + b.width; })"
        )
    )


def test_follow_up_answer_is_marked_with_its_question(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = followup_session(store)
    opened = Opened(page, write(session, tmp_path / "report.html"))
    wait_for_audio(opened)
    part = page.locator("#transcript .part-follow")
    assert part.count() == 1
    assert part.locator(".part-h q").inner_text() == FOLLOW_UP_Q
    split = session.info.extra["parts"][1]["start_s"]
    inside = [
        float(s) for s in part.locator(".w").evaluate_all("ws => ws.map(w => w.dataset.start)")
    ]
    assert len(inside) == len(FOLLOW_UP.split()) and min(inside) >= split
    everything = page.locator("#transcript .w").count()
    assert everything == len(session.transcript.words)
    button = part.locator(".part-h [data-seek]")
    button.click()
    assert opened.js("document.getElementById('player').currentTime") == pytest.approx(
        min(inside), abs=1e-3
    )
    assert part.locator("mark.ev-prevention", has_text="load test").count() == 1
    glance = page.locator(".glance").inner_text()
    assert "C \u2192 B" in glance and "first answer" in glance.lower()
    # the chart carries both answers, each drawn to its own last word
    seconds = x_to_seconds(page)
    ends = [seconds(x) for x in line_ends(page)]
    assert len(ends) == 2
    first_words = [w for w in session.transcript.words if w.start < split]
    assert ends[0] == pytest.approx(first_words[-1].end, abs=0.25)
    assert ends[1] == pytest.approx(session.transcript.words[-1].end, abs=0.25)
    assert not opened.errors


@pytest.mark.parametrize(("width", "layout"), [(1280, "wide"), (375, "narrow")])
def test_pacing_chart_is_scaled_to_the_answer_and_drawn_to_its_last_word(
    store: SessionStore, browser: Browser, tmp_path: Path, width: int, layout: str
) -> None:
    session = real_pacing_session(store)
    pacing = session.pacing
    assert pacing is not None and pacing.target_s == 120 and pacing.speech_end_s < 30
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(write(session, tmp_path / "report.html").as_uri())
    shown = page.locator("svg.chart:visible")
    assert shown.count() == 1
    assert f"chart-{layout}" in (shown.get_attribute("class") or "")
    chart = f"svg.chart-{layout}"
    ticks = [
        float(s)
        for s in page.locator(f"{chart} .xtick").evaluate_all("ts => ts.map(t => t.dataset.s)")
    ]
    last_word = session.transcript.words[-1].end
    assert max(ticks) <= last_word * 1.05  # the axis ends with the answer, not at 2:00
    assert page.locator(f"{chart} .target").count() == 0  # the target is past the end...
    note = page.locator(f"{chart} .target-off").text_content() or ""
    assert "2:00" in note  # ...and said so
    (end,) = [x_to_seconds(page, chart)(x) for x in line_ends(page, chart)]
    assert end == pytest.approx(last_word, abs=0.25)
    assert page.locator(f"{chart} .pause").count() == len(pacing.pauses) == 1
    assert page.locator(f"{chart} .band").count() == 1
    # the chart's text stays readable: at least 9 CSS pixels high on the screen
    sizes = page.locator(f"{chart} text").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().height)"
    )
    assert min(sizes) >= 9, sizes
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (375, 740)])
def test_the_verdict_comes_first_on_one_screen(
    store: SessionStore, browser: Browser, tmp_path: Path, width: int, height: int
) -> None:
    session = followup_session(store)
    path = write(session, tmp_path / "report.html")
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(path.as_uri())
    top = page.locator(".verdict")
    assert top.locator(".grade").inner_text().split()[-1] == session.scorecard.grade
    changes = top.locator(".changes li")
    assert changes.count() == len(session.scorecard.top_changes)
    glance = top.locator(".glance")
    assert {"length", "pace"} <= set(re.findall(r"[a-z]+", glance.inner_text().lower()))
    seen = [top.locator(".grade"), changes.last]
    if width >= 1000:  # on a wide screen the whole verdict, length and pace included
        seen += [glance, page.locator("#player")]
    for locator in seen:
        box = locator.bounding_box()
        assert box is not None and box["y"] + box["height"] <= height, locator
    order = page.evaluate(
        "['.verdict', '#transcript', '#pace-h', '#score-h']"
        ".map(s => document.querySelector(s).getBoundingClientRect().top)"
    )
    assert order == sorted(order)
    context.close()


OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = Array.from(document.querySelectorAll('body *')).filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5);
  }).map((e) => e.tagName + '.' + e.className);
  return { scroll: document.documentElement.scrollWidth, width, wide };
}"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("kind", ["spoken", "follow-up", "typed", "injected"])
def test_nothing_overflows_horizontally(
    store: SessionStore, browser: Browser, tmp_path: Path, width: int, kind: str
) -> None:
    makers: dict[str, Callable[[], Session]] = {
        "spoken": lambda: store.load(spoken_session(store).id),
        "follow-up": lambda: followup_session(store),
        "typed": lambda: store.load(typed_session(store).id),
        "injected": lambda: injected_session(store),
    }
    path = write(makers[kind](), tmp_path / "report.html")
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(path.as_uri())
    found = page.evaluate(OVERFLOW_JS)
    assert found["scroll"] <= found["width"], found
    assert found["wide"] == [], found
    context.close()


CONTRAST_JS = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) { return null; }
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]))
    .concat([1]);
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) { break; } }
    }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) { bg = over(layers[i], bg); }
    return bg;
  };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || el.getClientRects().length === 0) { continue; }
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || getComputedStyle(el).visibility === 'hidden') { continue; }
    const bg = background(el);
    let fg = parse(getComputedStyle(el).color);
    if (fg[3] < 1) { fg = over(fg, bg); }
    out.push([el.tagName + '.' + el.className + ' ' + el.textContent.trim().slice(0, 30),
      ratio(fg, bg)]);
  }
  const grounds = [[255, 255, 255, 1]].concat(Array.from(document.querySelectorAll('svg rect'))
    .map((r) => parse(getComputedStyle(r).fill)).filter(Boolean));
  for (const t of document.querySelectorAll('svg text')) {
    const fg = parse(getComputedStyle(t).fill);
    const worst = Math.min(...grounds.map((g) => ratio(fg, over(g, [255, 255, 255, 1]))));
    out.push(['svg ' + t.textContent.slice(0, 30), worst]);
  }
  return out;
}"""


def test_text_contrast_is_at_least_wcag_aa(store: SessionStore, page: Page, tmp_path: Path) -> None:
    session = every_style_session(store)
    opened = Opened(page, write(session, tmp_path / "report.html"))
    wait_for_audio(opened)
    page.locator("#transcript mark.ev-pitfall .w").first.click()  # one word shown as playing
    page.wait_for_selector(".w.now")
    measured = page.evaluate(CONTRAST_JS)
    assert len(measured) > 100  # every text in the page, the chart's included
    low = [(what, round(r, 2)) for what, r in measured if r < 4.5]
    assert low == []


def lab(css: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a computed CSS colour; transparent counts as the white page."""
    parts = [float(v) for v in re.findall(r"[\d.]+", css)]
    if len(parts) > 3 and parts[3] == 0:
        parts = [255.0, 255.0, 255.0]

    def linear(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in parts[:3])
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


def delta_e(a: str, b: str) -> float:
    return float(sum((x - y) ** 2 for x, y in zip(lab(a), lab(b), strict=True)) ** 0.5)


LEGEND_JS = """() => Array.from(document.querySelectorAll('.legend li')).map((li) => {
  const s = getComputedStyle(li.firstElementChild);
  const accent = s.borderBottomStyle !== 'none' ? s.borderBottomColor
    : (s.borderTopStyle !== 'none' ? s.borderTopColor : s.textDecorationColor);
  return { style: li.dataset.style, name: li.firstElementChild.textContent,
    background: s.backgroundColor, accent,
    lines: [s.borderTopStyle, s.borderBottomStyle, s.borderLeftStyle, s.textDecorationLine,
      s.textDecorationStyle].join(' ') };
})"""


def test_legend_styles_differ_by_colour_and_by_line(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = every_style_session(store)
    Opened(page, write(session, tmp_path / "report.html"))
    legend = page.evaluate(LEGEND_JS)
    assert [item["style"] for item in legend] == [
        "time",
        "mitigation",
        "fix",
        "prevention",
        "principle",
        "systemic",
        "reflection",
        "pitfall",
        "filler",
    ]
    # a line style of its own for each: told apart without any colour vision
    assert len({item["lines"] for item in legend}) == len(legend), legend
    for a, b in itertools.combinations(legend, 2):
        pair = (a["style"], b["style"])
        assert delta_e(a["accent"], b["accent"]) >= 20, pair
        assert delta_e(a["background"], b["background"]) >= 10, pair
    # the legend sample is styled exactly like the phrases in the transcript
    for item in legend:
        if item["style"] == "filler":
            continue
        in_text = page.locator(f"#transcript mark.ev-{item['style']}").first
        assert in_text.evaluate("e => getComputedStyle(e).backgroundColor") == item["background"]


def test_tab_reaches_the_words_and_the_player_keys_work(
    store: SessionStore, page: Page, tmp_path: Path
) -> None:
    session = store.load(spoken_session(store).id)
    opened = Opened(page, write(session, tmp_path / "report.html"))
    wait_for_audio(opened)
    words = session.transcript.words
    page.get_by_role("button", name="Next feedback note").focus()
    page.keyboard.press("Tab")
    assert opened.js("document.activeElement.classList.contains('w')")
    assert opened.js("document.activeElement.textContent") == words[0].text
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press(" ")
    now = "document.getElementById('player').currentTime"
    assert opened.js(now) == pytest.approx(words[2].start, abs=1e-3)
    assert opened.js("window.scrollY") == 0  # Space seeks; it does not scroll the page
    page.keyboard.press("l")
    assert opened.js(now) == pytest.approx(words[2].start + 5, abs=1e-3)
    page.keyboard.press("j")
    assert opened.js(now) == pytest.approx(words[2].start, abs=1e-3)
    notes = sorted(
        float(s)
        for s in page.locator("[data-seek]").evaluate_all("bs => bs.map(b => b.dataset.seek)")
    )
    page.keyboard.press("n")
    assert opened.js(now) == pytest.approx(next(t for t in notes if t > words[2].start + 0.05))
    page.keyboard.press("p")
    assert opened.js(now) < words[2].start + 0.05
    assert opened.js("document.getElementById('player').paused")
    page.keyboard.press("k")
    page.wait_for_function("!document.getElementById('player').paused")
    assert page.locator("#play").inner_text() == "Pause"
    page.keyboard.press("k")
    page.wait_for_function("document.getElementById('player').paused")
    assert not opened.errors


def test_prints_well(store: SessionStore, browser: Browser, tmp_path: Path) -> None:
    session = followup_session(store)
    path = write(session, tmp_path / "report.html")
    context = browser.new_context(viewport={"width": 700, "height": 1000})
    page = context.new_page()
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    assert page.locator(".player").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator(".verdict").is_visible() and page.locator("svg.chart-wide").is_visible()
    assert page.locator("svg.chart-narrow").is_hidden()  # paper gets the full-size chart
    for selector in (".verdict", ".row", ".card", "svg.chart"):
        avoid = page.locator(selector).first.evaluate("e => getComputedStyle(e).breakInside")
        assert avoid == "avoid", selector
    colours = page.locator("mark.ev").first.evaluate("e => getComputedStyle(e).printColorAdjust")
    assert colours == "exact"  # the highlights print, not stripped to white
    found = page.evaluate(OVERFLOW_JS)
    assert found["wide"] == [] and found["scroll"] <= found["width"], found
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    context.close()
