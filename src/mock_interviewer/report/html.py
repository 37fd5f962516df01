"""The HTML report: one self-contained file (no network) with player, transcript and scorecard.

Every piece of answer text is escaped; a strict Content-Security-Policy allows only the one inline
script (by hash), inline styles and the embedded (or adjacent) recording.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import shutil
from collections.abc import Iterable, Mapping
from html import escape
from pathlib import Path
from urllib.parse import quote

from mock_interviewer.report.annotations import Annotation, annotate, format_clock, format_target
from mock_interviewer.report.chart import pacing_svg
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Evidence
from mock_interviewer.sessions import Session
from mock_interviewer.wording import plural

_DESCRIPTIONS = {
    "timeline": "time markers from detection to prevention",
    "separation": "mitigation, fix and prevention named apart",
    "principle": "why that mitigation: cheapest reversible action",
    "systemic": "root cause framed as a gap in systems",
    "prevention": "a concrete structural change",
    "reflection": "what you would do differently",
    "blame": "pitfall: a person or team blamed",
    "conflation": "pitfall: one word for mitigation, fix and prevention",
    "hero": "pitfall: lone-hero story",
    "no_prevention": "pitfall: no prevention work",
}

_CSS = """
:root { color-scheme: light; --ink: #111; --muted: #444; --line: #767676; }
* { box-sizing: border-box; }
body { font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: #fff; margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; font-size: 1.25rem; }
.meta { color: var(--muted); margin-top: 0; }
.grade { font-size: 3rem; font-weight: 700; margin: 0; line-height: 1; }
.player { position: sticky; top: 0; background: #fff; padding: .5rem 0;
  border-bottom: 1px solid var(--line); z-index: 1; }
audio { width: 100%; }
button { font: inherit; padding: .25rem .6rem; margin: .25rem .25rem 0 0; color: var(--ink);
  background: #f2f2f2; border: 1px solid var(--line); border-radius: 4px; cursor: pointer; }
button:focus-visible, .w:focus-visible { outline: 3px solid #8a4b00; outline-offset: 1px; }
.transcript { font-size: 1.1rem; line-height: 2.1; white-space: pre-wrap; }
.w { cursor: pointer; border-radius: 3px; padding: 0 1px; }
.w:hover { text-decoration: underline; }
.w.now { background: #1f3f7a !important; color: #fff; }
.tag { font-size: .72rem; font-weight: 600; border: 1px solid #555; border-radius: 3px;
  padding: 0 .25rem; margin: 0 .2rem; background: #fff; color: #222; vertical-align: super;
  line-height: 1; white-space: nowrap; }
.ev-timeline { background: #cde4ff; } .ev-separation { background: #d4f5d0; }
.ev-principle { background: #fff1b8; } .ev-systemic { background: #e6dcff; }
.ev-prevention { background: #c2efe9; } .ev-reflection { background: #ffdcc2; }
.ev-blame, .ev-conflation, .ev-hero, .ev-no_prevention { background: #ffd1d6;
  text-decoration: underline dashed #a0001c; text-underline-offset: 4px; }
.filler { text-decoration: underline dotted #444; text-underline-offset: 4px; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
.swatch { display: inline-block; width: 1.1em; height: 1.1em; border: 1px solid #555;
  vertical-align: -.15em; margin-right: .35rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #ccc; padding: .35rem; }
.met { color: #0b5a1a; font-weight: 600; } .missed { color: #8a0014; font-weight: 600; }
.notes { padding-left: 1.2rem; } .notes li { margin: .2rem 0; }
svg { max-width: 100%; height: auto; }
.chart-key { color: var(--muted); font-size: .9rem; }
"""

_SCRIPT = """
"use strict";
(() => {
  const audio = document.getElementById("player");
  const box = document.getElementById("transcript");
  if (!audio || !box) { return; }
  const words = Array.from(box.querySelectorAll(".w"));
  const starts = words.map((w) => parseFloat(w.dataset.start));
  let shown = null;
  const seek = (t) => { audio.currentTime = Math.max(0, t); };
  const focusWord = (i) => {
    if (i < 0 || i >= words.length) { return; }
    words.forEach((w) => { w.tabIndex = -1; });
    words[i].tabIndex = 0;
    words[i].focus();
  };
  box.addEventListener("click", (e) => {
    const w = e.target.closest(".w");
    if (!w) { return; }
    seek(parseFloat(w.dataset.start));
    focusWord(words.indexOf(w));
  });
  box.addEventListener("keydown", (e) => {
    const i = words.indexOf(document.activeElement);
    if (i < 0) { return; }
    const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: words.length - 1 };
    if (e.key in moves) { e.preventDefault(); focusWord(moves[e.key]); }
    else if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(starts[i]); }
  });
  const highlight = () => {
    const t = audio.currentTime + 0.005;  // seeks land a microsecond early
    let lo = 0, hi = starts.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    const w = at >= 0 ? words[at] : null;
    if (w === shown) { return; }
    if (shown) { shown.classList.remove("now"); shown.removeAttribute("aria-current"); }
    if (w) { w.classList.add("now"); w.setAttribute("aria-current", "true"); }
    shown = w;
  };
  audio.addEventListener("timeupdate", highlight);
  audio.addEventListener("seeked", highlight);
  const marks = Array.from(document.querySelectorAll("[data-seek]"));
  const times = marks.map((b) => parseFloat(b.dataset.seek)).sort((a, b) => a - b);
  marks.forEach((b) => b.addEventListener("click", () => seek(parseFloat(b.dataset.seek))));
  document.querySelectorAll("[data-skip]").forEach((b) => b.addEventListener("click", () => {
    seek(audio.currentTime + parseFloat(b.dataset.skip));
  }));
  const jump = (dir) => {
    const t = audio.currentTime;
    const next = dir > 0 ? times.find((x) => x > t + 0.05)
      : times.filter((x) => x < t - 1).pop();
    if (next !== undefined) { seek(next); }
  };
  document.getElementById("next-note").addEventListener("click", () => jump(1));
  document.getElementById("prev-note").addEventListener("click", () => jump(-1));
})();
"""


def render_html(session: Session, audio_src: str | None = None) -> str:
    """The whole report as one HTML document; the recording embedded unless `audio_src` given."""
    notes = annotate(session)
    spoken = session.transcript.timed and session.audio_path is not None
    script_hash = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
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
        f"<style>{_CSS}</style></head><body><main>",
        _header(session),
    ]
    if spoken:
        parts.append(_player(session, audio_src))
    parts += [
        _scorecard(session),
        _transcript(session, notes, spoken),
        _notes(notes, spoken),
        _pacing(session),
        "</main>",
    ]
    if spoken:
        parts.append(f"<script>{_SCRIPT}</script>")
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
    if info.duration_s is not None:
        bits.append(f"length {format_clock(info.duration_s)}")
    if info.wpm is not None:
        bits.append(f"{info.wpm:.0f} words a minute")
    if info.words is not None:
        bits.append(plural(info.words, "word"))
    bits.append("spoken" if info.source == "audio" else "typed")
    if info.status == "interrupted":
        bits.append("interrupted: scored from the audio it kept")
    return (
        "<header><h1>Mock interview report</h1>"
        f'<p class="meta">{escape(" · ".join(bits))} · session {escape(info.id)}</p></header>'
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
        '<div role="group" aria-label="Playback shortcuts">'
        '<button type="button" data-skip="-5" aria-label="Back 5 seconds">&#8722;5 s</button>'
        '<button type="button" data-skip="5" aria-label="Forward 5 seconds">+5 s</button>'
        '<button type="button" id="prev-note" aria-label="Previous feedback note">'
        "Previous note</button>"
        '<button type="button" id="next-note" aria-label="Next feedback note">Next note</button>'
        "</div></section>"
    )


def _scorecard(session: Session) -> str:
    card = session.scorecard
    out = [
        '<section aria-labelledby="score-h"><h2 id="score-h">Scorecard</h2>',
        f'<p class="grade" aria-label="Grade {escape(card.grade)}">{escape(card.grade)}</p>',
    ]
    if card.grade_reasons:
        out.append("<h3>Why this grade</h3>" + _ul(card.grade_reasons))
    if card.top_changes:
        out.append("<h3>What would raise it most</h3>" + _ul(card.top_changes))
    out.append(
        "<table><caption>Signals</caption><thead><tr><th scope='col'>Signal</th>"
        "<th scope='col'>Verdict</th><th scope='col'>Why</th><th scope='col'>Advice</th>"
        "</tr></thead><tbody>"
    )
    for key in _ordered(card.signals, SIGNALS):
        f = card.signals[key]
        verdict = (
            '<span class="met">&#10003; met</span>'
            if f.hit
            else ('<span class="missed">&#10007; missed</span>')
        )
        out.append(
            f"<tr><th scope='row'>{escape(key)}</th><td>{verdict}</td>"
            f"<td>{escape(f.reason)}</td><td>{escape(f.advice)}</td></tr>"
        )
    out.append("</tbody></table>")
    found = [k for k in _ordered(card.pitfalls, PITFALLS) if card.pitfalls[k].hit]
    out.append("<h3>Pitfalls</h3>")
    if found:
        out.append("<ul>")
        for key in found:
            f = card.pitfalls[key]
            out.append(
                f'<li><span class="missed">&#9888; {escape(key)}</span>: {escape(f.reason)} '
                f"{escape(f.advice)}</li>"
            )
        out.append("</ul>")
    else:
        out.append("<p>None found.</p>")
    if card.expectations:
        out.append("<h3>What this prompt asks for</h3><ul>")
        for e in card.expectations:
            mark = "&#10003; shown" if e.met else "&#10007; not shown"
            cls = "met" if e.met else "missed"
            advice = "" if e.met else f" {escape(e.advice)}"
            out.append(f'<li><span class="{cls}">{mark}</span>: {escape(e.text)}{advice}</li>')
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _transcript(session: Session, notes: list[Annotation], spoken: bool) -> str:
    """Words (or text segments) with evidence classes, labels after each evidence span."""
    card = session.scorecard
    spans: list[tuple[str, Evidence]] = [
        (key, e) for key, f in card.signals.items() for e in f.evidence
    ] + [(key, e) for key, f in card.pitfalls.items() if f.hit for e in f.evidence]
    fillers = [(n.start_char, n.end_char) for n in notes if n.kind == "filler"]
    text = session.transcript.text
    if spoken:
        units = list(session.transcript.word_offsets)
    else:
        cuts = {0, len(text)}
        for _, e in spans:
            cuts.update((e.start_char, e.end_char))
        for s, e2 in fillers:
            cuts.update(x for x in (s, e2) if x is not None)
        edges = sorted(c for c in cuts if 0 <= c <= len(text))
        units = [(a, b) for a, b in itertools.pairwise(edges) if b > a]
    ends: dict[int, list[tuple[str, Evidence]]] = {}
    for key, e in spans:
        last = max(
            (i for i, (a, b) in enumerate(units) if a < e.end_char and b > e.start_char),
            default=None,
        )
        if last is not None:
            ends.setdefault(last, []).append((key, e))
    out: list[str] = []
    pos = 0
    for i, (a, b) in enumerate(units):
        out.append(escape(text[pos:a]))
        keys = sorted({key for key, e in spans if a < e.end_char and b > e.start_char})
        classes = [f"ev-{k}" for k in keys]
        if any(s is not None and e2 is not None and a < e2 and b > s for s, e2 in fillers):
            classes.append("filler")
        piece = escape(text[a:b])
        if spoken:
            word = session.transcript.words[i]
            title = f' title="{escape(", ".join(keys))}"' if keys else ""
            out.append(
                f'<span class="{" ".join(["w", *classes])}" tabindex="{0 if i == 0 else -1}" '
                f'data-start="{word.start:.3f}" data-end="{word.end:.3f}"{title}>{piece}</span>'
            )
        elif classes:
            out.append(f'<span class="{" ".join(["seg", *classes])}">{piece}</span>')
        else:
            out.append(piece)
        for key, label in dict.fromkeys((k, e.label or k) for k, e in ends.get(i, [])):
            out.append(f'<span class="tag tag-{escape(key)}">{escape(label)}</span>')
        pos = b
    out.append(escape(text[pos:]))
    if spoken:
        help_text = "Click a word, or move with the arrow keys and press Enter, to play from it."
    elif session.transcript.timed:
        help_text = "The recording is missing: the feedback list still gives the times."
    else:
        help_text = "A typed answer: no recording."
    box_attrs = (
        ' role="group" aria-label="Transcript; arrow keys move between words, Enter plays"'
        if spoken
        else ""
    )
    return (
        '<section aria-labelledby="tr-h"><h2 id="tr-h">Your answer</h2>'
        + _legend(spans)
        + f'<p class="chart-key">{help_text}</p>'
        + f'<div id="transcript" class="transcript"{box_attrs}>{"".join(out)}</div></section>'
    )


def _legend(spans: list[tuple[str, Evidence]]) -> str:
    used = {key for key, _ in spans}
    keys = [k for k in (*SIGNALS, *PITFALLS) if k in used] + sorted(
        used - set(SIGNALS) - set(PITFALLS)
    )
    if not keys:
        return "<p>No evidence was highlighted.</p>"
    items = "".join(
        f'<li data-signal="{escape(k)}"><span class="swatch ev-{escape(k)}" aria-hidden="true">'
        f"</span><strong>{escape(k)}</strong>: {escape(_DESCRIPTIONS.get(k, k))}</li>"
        for k in keys
    )
    return f'<ul class="legend" aria-label="Highlight legend">{items}</ul>'


def _notes(notes: list[Annotation], spoken: bool) -> str:
    if not notes:
        return ""
    items = []
    for n in notes:
        when = ""
        if spoken and n.time_s is not None:
            clock = format_clock(n.time_s)
            when = (
                f'<button type="button" data-seek="{n.time_s:.3f}" '
                f'aria-label="Play from {clock}">{clock}</button> '
            )
        advice = f" {escape(n.advice)}" if n.advice else ""
        said = escape(n.said)
        items.append(f"<li>{when}<strong>{escape(n.heading)}</strong>: {said}{advice}</li>")
    return (
        '<section aria-labelledby="notes-h"><h2 id="notes-h">Feedback along the answer</h2>'
        f'<ol class="notes">{"".join(items)}</ol></section>'
    )


def _pacing(session: Session) -> str:
    pacing = session.pacing
    if pacing is None:
        return ""
    target = format_target(pacing.target_s)
    if pacing.estimated:
        return (
            '<section aria-labelledby="pace-h"><h2 id="pace-h">Length</h2>'
            f"<p>About {format_clock(pacing.duration_s)} if spoken at 150 words a minute "
            f"(target {target}).</p></section>"
        )
    return (
        '<section aria-labelledby="pace-h"><h2 id="pace-h">Pacing</h2>'
        f"<p>{format_clock(pacing.duration_s)} of speech against a {target} target; "
        f"{pacing.wpm:.0f} words a minute; {plural(len(pacing.pauses), 'long pause')}; "
        f"{pacing.fillers_per_minute:.1f} fillers a minute.</p>"
        + pacing_svg(pacing)
        + '<p class="chart-key">Solid line with dots: words per minute. Green band: 100 to 165 '
        "words a minute, a comfortable pace. Grey blocks: pauses longer than 2.5 s. "
        f"Triangles: fillers. Dashed line: the {target} target.</p></section>"
    )


def _ul(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def _ordered(found: Mapping[str, object], order: tuple[str, ...]) -> list[str]:
    return [k for k in order if k in found] + sorted(k for k in found if k not in order)
