"""The HTML report: one self-contained file (no network) that leads with the verdict.

Top to bottom: the verdict (grade, the changes that matter most, length and pace at a glance),
the player, the transcript with its evidence and notes side by side, the pacing chart, then the
whole scorecard. Every piece of answer text is escaped; a strict Content-Security-Policy allows
only the one inline script (by hash), inline styles and the embedded (or adjacent) recording.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mock_interviewer.pacing import PacingReport, wpm_over_time
from mock_interviewer.report.annotations import annotate, format_clock, format_target
from mock_interviewer.report.chart import COMFORT_WPM, NARROW, WIDE, Curve, pacing_svg
from mock_interviewer.report.html_assets import CSS, SCRIPT
from mock_interviewer.report.html_transcript import STYLES, transcript_html, used_styles
from mock_interviewer.scorecard import PITFALLS, SIGNALS
from mock_interviewer.sessions import Session

_SIGNAL_NAMES = {
    "timeline": "Timeline from detection to prevention",
    "separation": "Mitigation, fix and prevention named apart",
    "principle": "The mitigation argued as cheapest and reversible",
    "systemic": "Root cause framed as a gap in the system",
    "prevention": "Concrete prevention, with when",
    "reflection": "Calibrated reflection",
    "blame": "Blame",
    "conflation": "One word for mitigation, fix and prevention",
    "hero": "Lone-hero story",
    "no_prevention": "No prevention work",
}
_PACE_RANGE = (60.0, 240.0)  # words a minute shown on the pace meter


def render_html(session: Session, audio_src: str | None = None) -> str:
    """The whole report as one HTML document; the recording embedded unless `audio_src` given."""
    notes = annotate(session)
    spoken = session.transcript.timed and session.audio_path is not None
    script_hash = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    csp = (
        "default-src 'none'; media-src data: 'self'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'"
    )
    info = session.info
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>Mock interview {escape(info.id)}: grade {escape(session.scorecard.grade)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        _header(session),
        _verdict(session),
    ]
    if spoken:
        parts.append(_player(session, audio_src))
    styles = used_styles(session, notes)
    if spoken:
        help_text = (
            "Click a word to play from it, or Tab to the transcript, move with the arrow keys "
            "and press Enter or Space."
        )
    elif session.transcript.timed:
        help_text = "The recording is missing: the notes still give the times."
    else:
        help_text = "A typed answer: no recording."
    box_attrs = (
        ' role="group" aria-label="Transcript; arrow keys move between words, Enter plays"'
        if spoken
        else ""
    )
    parts += [
        '<section aria-labelledby="tr-h"><h2 id="tr-h">Your answer, with its evidence</h2>',
        _legend(styles),
        f'<p class="help">{help_text}</p>',
        f'<div id="transcript" class="transcript"{box_attrs}>'
        f"{transcript_html(session, notes, spoken)}</div></section>",
        _pacing(session),
        _details(session),
        "</main>",
    ]
    if spoken:
        parts.append(f"<script>{SCRIPT}</script>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_report(session: Session, output: Path, audio_beside: bool = False) -> Path:
    """Write the report to `output` (0600); with `audio_beside`, the WAV is copied next to it."""
    audio_src = None
    if audio_beside and session.audio_path is not None:
        wav = output.with_suffix(".wav")
        shutil.copyfile(session.audio_path, wav)
        wav.chmod(0o600)
        audio_src = quote(wav.name)
    html = render_html(session, audio_src=audio_src)
    output.touch(mode=0o600, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return output


def _header(session: Session) -> str:
    info = session.info
    bits = [info.created[:16].replace("T", " ") + " UTC", info.kind]
    if info.prompt_id:
        bits.append(f"prompt: {info.prompt_id}")
    if info.story:
        bits.append(f"story: {info.story}")
    bits.append("spoken" if info.source == "audio" else "typed")
    if info.status == "interrupted":
        bits.append("interrupted: scored from the audio it kept")
    bits.append(f"session {info.id}")
    meta = " \u00b7 ".join(f'<span class="bit">{escape(b)}</span>' for b in bits)
    return f'<header class="top"><h1>Mock interview report</h1><p class="meta">{meta}</p></header>'


def _verdict(session: Session) -> str:
    card = session.scorecard
    grade = card.grade
    reasons = [r for r in card.grade_reasons if r.strip().rstrip(".") != f"Grade {grade}"]
    changes = list(card.top_changes)
    if len(changes) >= 2:
        changes_h = f"The {_count_word(len(changes))} changes that matter most"
    elif changes:
        changes_h = "The change that matters most"
    else:
        changes_h = "Nothing left to change"
    changes_body = (
        "<ol>" + "".join(f"<li>{escape(c)}</li>" for c in changes) + "</ol>"
        if changes
        else "<p>The rubric found nothing that would raise this grade.</p>"
    )
    why = "<ul>" + "".join(f"<li>{escape(r)}</li>" for r in reasons) + "</ul>" if reasons else ""
    return (
        '<section class="verdict" aria-labelledby="verdict-h">'
        f'<p class="grade" aria-label="Grade {escape(grade)}"><span class="grade-word">grade</span>'
        f"{escape(grade)}</p>"
        f'<div class="changes"><h2 id="verdict-h">{changes_h}</h2>{changes_body}</div>'
        f'<div class="why"><h2>Why {escape(grade)}</h2>{why}</div>'
        f'<dl class="glance">{_glance(session)}</dl></section>'
    )


def _count_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(n, str(n))


def _glance(session: Session) -> str:
    """Length, pace, fillers, pauses and the follow-up, each readable in a second."""
    pacing = session.pacing
    follow = session.info.extra.get("follow_up")
    first = " (first answer)" if isinstance(follow, dict) and follow.get("answered") else ""
    out: list[str] = []
    if pacing is None:
        words = session.transcript.word_count()
        out.append(_stat("Words", f'<span class="big">{words}</span>'))
    elif pacing.estimated:
        out.append(
            _stat(
                "Length",
                f'<span class="big">about {format_target(pacing.duration_s)}</span><br>'
                f"{pacing.words} words at 150 a minute, against a "
                f"{format_target(pacing.target_s)} target",
            )
        )
    else:
        out.append(_stat(f"Length{first}", _length(pacing)))
        out.append(_stat(f"Pace{first}", _pace(pacing)))
        per_min = f"{pacing.fillers_per_minute:.1f} a minute"
        fillers = len(pacing.fillers)
        out.append(
            _stat(
                "Fillers and pauses",
                f'<span class="big">{fillers}</span> {_plural(fillers, "filler", "fillers")} '
                f"({per_min})<br>{len(pacing.pauses)} "
                f"{_plural(len(pacing.pauses), 'pause', 'pauses')} over 2.5 s",
            )
        )
    if isinstance(follow, dict) and follow.get("answered"):
        out.append(
            _stat(
                "Follow-up",
                f'<span class="big">{escape(str(follow.get("first_answer_grade", "?")))} '
                f"&#8594; {escape(str(follow.get('whole_story_grade', '?')))}</span><br>"
                "first answer alone, then the whole story",
            )
        )
    return "".join(out)


def _stat(title: str, body: str) -> str:
    return f"<div><dt>{escape(title)}</dt><dd>{body}</dd></div>"


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def _length(pacing: PacingReport) -> str:
    delta = pacing.duration_s - pacing.target_s
    if abs(delta) <= 10:
        verdict = "on target"
    else:
        verdict = f"{format_target(abs(delta))} {'over' if delta > 0 else 'short'}"
    scale = max(pacing.duration_s, pacing.target_s) * 1.1
    fill = 100 * pacing.duration_s / scale
    tick = 100 * pacing.target_s / scale
    label = (
        f"{format_clock(pacing.duration_s)} of speech against a "
        f"{format_target(pacing.target_s)} target, {verdict}"
    )
    return (
        f'<span class="big">{format_target(pacing.duration_s)}</span> '
        f"of {format_target(pacing.target_s)} target, {verdict}; {pacing.words} words"
        f'<span class="meter" role="img" aria-label="{escape(label)}">'
        f'<span class="fill" style="width:{fill:.1f}%"></span>'
        f'<span class="tick" style="left:{tick:.1f}%"></span></span>'
    )


def _pace(pacing: PacingReport) -> str:
    lo, hi = COMFORT_WPM
    wpm = pacing.wpm
    verdict = "fast" if wpm > hi else ("slow" if wpm < lo else "comfortable")
    span = _PACE_RANGE[1] - _PACE_RANGE[0]

    def pct(v: float) -> float:
        return 100 * (min(max(v, _PACE_RANGE[0]), _PACE_RANGE[1]) - _PACE_RANGE[0]) / span

    label = f"{wpm:.0f} words a minute; comfortable is {lo} to {hi}"
    return (
        f'<span class="big">{wpm:.0f}</span> words a minute, {verdict} ({lo}\u2013{hi} is '
        f"comfortable)"
        f'<span class="meter" role="img" aria-label="{escape(label)}">'
        f'<span class="zone" style="left:{pct(lo):.1f}%;width:{pct(hi) - pct(lo):.1f}%"></span>'
        f'<span class="dot" style="left:{pct(wpm):.1f}%"></span></span>'
    )


def _player(session: Session, audio_src: str | None) -> str:
    if audio_src is None:
        assert session.audio_path is not None
        data = base64.b64encode(session.audio_path.read_bytes()).decode("ascii")
        audio_src = f"data:audio/wav;base64,{data}"
    return (
        '<section class="player" aria-label="Recording">'
        f'<audio id="player" controls preload="metadata" src="{escape(audio_src)}" '
        'aria-label="Recording of your answer"></audio>'
        '<span role="group" aria-label="Playback shortcuts">'
        '<button type="button" id="play" aria-keyshortcuts="k">Play</button> '
        '<button type="button" data-skip="-5" aria-label="Back 5 seconds" '
        'aria-keyshortcuts="j">&#8722;5 s</button> '
        '<button type="button" data-skip="5" aria-label="Forward 5 seconds" '
        'aria-keyshortcuts="l">+5 s</button> '
        '<button type="button" id="prev-note" aria-label="Previous feedback note" '
        'aria-keyshortcuts="p">Previous note</button> '
        '<button type="button" id="next-note" aria-label="Next feedback note" '
        'aria-keyshortcuts="n">Next note</button></span>'
        '<p class="keys">Keys: <kbd>k</kbd> play or pause, <kbd>j</kbd>/<kbd>l</kbd> back or '
        "forward 5 s, <kbd>p</kbd>/<kbd>n</kbd> previous or next note.</p></section>"
    )


def _legend(styles: list[str]) -> str:
    if not styles:
        return "<p>No evidence was highlighted.</p>"
    known = {s: (name, meaning) for s, name, meaning in STYLES}
    items = []
    for style in styles:
        name, meaning = known[style]
        sample = (
            f'<span class="filler">{name}</span>'
            if style == "filler"
            else f'<mark class="ev ev-{style}">{name}</mark>'
        )
        items.append(f'<li data-style="{style}">{sample} {escape(meaning)}</li>')
    return f'<ul class="legend" aria-label="Highlight legend">{"".join(items)}</ul>'


def _pacing(session: Session) -> str:
    pacing = session.pacing
    if pacing is None or pacing.estimated:
        return ""
    target = format_target(pacing.target_s)
    curves = _curves(session, pacing)
    fillers = len(pacing.fillers)
    return (
        '<section aria-labelledby="pace-h"><h2 id="pace-h">Pacing</h2>'
        + pacing_svg(pacing, curves, WIDE)
        + pacing_svg(pacing, curves, NARROW)
        + '<p class="chart-key">Blue steps: words a minute in each 15-second stretch, drawn to the '
        f"last word. Green band: {COMFORT_WPM[0]} to {COMFORT_WPM[1]} words a minute, a "
        "comfortable pace. Grey dashed blocks: pauses longer than 2.5 s. Brown triangles: "
        f"fillers ({fillers}). "
        + (
            f"Red dashed line: the {target} target."
            if pacing.speech_start_s + pacing.target_s <= max(c.end_s for c in curves) * 1.02
            else f"The {target} target lies past the end of the answer."
        )
        + (" The follow-up answer is charted after its divider." if len(curves) > 1 else "")
        + "</p>"
        + _located(session, pacing)
        + "</section>"
    )


def _located(session: Session, pacing: PacingReport) -> str:
    """Where fillers and pauses bunched, and the fastest and slowest stretch (`delivery.py`)."""
    from mock_interviewer.delivery import locate

    located = locate(session.transcript, pacing, session.scorecard)
    notes = located.notes() if located is not None else []
    if not notes:
        return ""
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return f'<ul class="delivery" aria-label="Delivery, located in time">{items}</ul>'


def _curves(session: Session, pacing: PacingReport) -> list[Curve]:
    """The first answer's curve, then one per follow-up answer, from the session's parts."""
    transcript = session.transcript
    parts: list[dict[str, Any]] = [
        p for p in session.info.extra.get("parts") or [] if isinstance(p, dict) and "start_s" in p
    ]
    first = Curve("answer", pacing.wpm_over_time, pacing.speech_end_s)
    curves = [first]
    for part in parts:
        if part.get("label") != "follow_up":
            continue
        lo, hi = float(part["start_s"]), float(part.get("end_s", float("inf")))
        inside = [w for w in transcript.words if lo <= w.start < hi]
        if not inside:
            continue
        start, end = inside[0].start, inside[-1].end
        windows = wpm_over_time(transcript, start, end)
        curves.append(Curve("follow-up", windows, end))
    return curves


def _details(session: Session) -> str:
    card = session.scorecard
    signals = []
    for key in _ordered(card.signals, SIGNALS):
        f = card.signals[key]
        mark = (
            '<span class="met">&#10003; met</span>'
            if f.hit
            else ('<span class="missed">&#10007; missed</span>')
        )
        advice = f'<span class="more">{escape(f.advice)}</span>' if f.advice else ""
        signals.append(
            f"<li>{mark} <strong>{escape(_SIGNAL_NAMES.get(key, key))}</strong> "
            f"({escape(key)}): {escape(f.reason)}{advice}</li>"
        )
    found = [k for k in _ordered(card.pitfalls, PITFALLS) if card.pitfalls[k].hit]
    pitfalls = [
        f'<li><span class="missed">&#9888; {escape(k)}</span> {escape(card.pitfalls[k].reason)}'
        f'<span class="more">{escape(card.pitfalls[k].advice)}</span></li>'
        for k in found
    ] or ["<li>None found.</li>"]
    left = (
        '<div><h3>Signals</h3><ul class="checks">' + "".join(signals) + "</ul>"
        '<h3>Pitfalls</h3><ul class="checks">' + "".join(pitfalls) + "</ul></div>"
    )
    right = ""
    if card.expectations:
        items = []
        for e in card.expectations:
            mark = (
                '<span class="met">&#10003; shown</span>'
                if e.met
                else '<span class="missed">&#10007; not shown</span>'
            )
            advice = "" if e.met else f'<span class="more">{escape(e.advice)}</span>'
            items.append(f"<li>{mark} {escape(e.text)}{advice}</li>")
        right = '<div><h3>What this question asks for</h3><ul class="checks">'
        right += "".join(items) + "</ul></div>"
    return (
        '<section aria-labelledby="score-h"><h2 id="score-h">The scorecard in full</h2>'
        f'<div class="details">{left}{right}</div></section>'
    )


def _ordered(found: Mapping[str, object], order: tuple[str, ...]) -> list[str]:
    return [k for k in order if k in found] + sorted(k for k in found if k not in order)
