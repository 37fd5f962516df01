"""Exports of a session: annotations as WebVTT or SRT cues, a Markdown summary, the whole as JSON.

Annotations overlap (a time marker inside a mitigation sentence), so cues are made by a sweep:
the recording is cut at every annotation's start and end, each piece shows every annotation
active in it, and equal neighbours are merged. The cues never overlap and stay inside the
recording.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from html import escape
from typing import Any

from mock_interviewer.errors import UsageError
from mock_interviewer.report.annotations import (
    Annotation,
    annotate,
    format_clock,
    format_target,
    recording_seconds,
)
from mock_interviewer.scorecard import PITFALLS, SIGNALS
from mock_interviewer.sessions import Session
from mock_interviewer.wording import plural

MIN_CUE_S = 2.0  # an annotation stays on screen at least this long
FORMATS = ("vtt", "srt", "json", "md")


@dataclass(frozen=True)
class Cue:
    """One subtitle: from `start` to `end` seconds, one line per annotation."""

    start: float
    end: float
    lines: tuple[str, ...]


def export(session: Session, fmt: str) -> str:
    """The session in one of FORMATS."""
    if fmt == "vtt":
        return to_vtt(session)
    if fmt == "srt":
        return to_srt(session)
    if fmt == "json":
        return to_json(session)
    if fmt == "md":
        return to_markdown(session)
    raise UsageError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")


def cues(session: Session) -> list[Cue]:
    """Ordered, non-overlapping cues inside the recording."""
    if not session.transcript.timed:
        raise UsageError(
            f"session {session.info.id} was typed: there is no recording to subtitle; "
            "use --format md or --format json"
        )
    total = recording_seconds(session)
    spans: list[tuple[float, float, str]] = []
    for note in annotate(session):
        if note.time_s is None:
            continue
        start = min(max(note.time_s, 0.0), total)
        end = min(max(note.end_s or start, start + MIN_CUE_S), total)
        if end > start:
            spans.append((start, end, _cue_line(note)))
    edges = sorted({t for s, e, _ in spans for t in (s, e)})
    out: list[Cue] = []
    for a, b in itertools.pairwise(edges):
        lines = tuple(dict.fromkeys(line for s, e, line in spans if s < b and e > a))
        if not lines:
            continue
        if out and out[-1].lines == lines and out[-1].end == a:
            out[-1] = Cue(out[-1].start, b, lines)
        else:
            out.append(Cue(a, b, lines))
    return out


def to_vtt(session: Session) -> str:
    """WebVTT: a header, then numbered cues `HH:MM:SS.mmm --> HH:MM:SS.mmm`."""
    head = f"WEBVTT - mock-interviewer session {session.info.id}"
    if session.info.status == "interrupted":
        head += " (interrupted: scored from the audio it kept)"
    blocks = [head]
    for i, cue in enumerate(cues(session), 1):
        text = "\n".join(escape(line, quote=False) for line in cue.lines)
        blocks.append(f"{i}\n{_stamp(cue.start, '.')} --> {_stamp(cue.end, '.')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def to_srt(session: Session) -> str:
    """SRT: numbered cues `HH:MM:SS,mmm --> HH:MM:SS,mmm`."""
    blocks = []
    for i, cue in enumerate(cues(session), 1):
        # SRT has no escaping; keep players from reading answer text as markup.
        text = "\n".join(line.replace("<", "\u2039").replace(">", "\u203a") for line in cue.lines)
        blocks.append(f"{i}\n{_stamp(cue.start, ',')} --> {_stamp(cue.end, ',')}\n{text}")
    return "\n\n".join(blocks) + "\n"


def to_json(session: Session) -> str:
    """Everything about the session as one JSON document."""
    return json.dumps(session_dict(session), indent=2, ensure_ascii=False) + "\n"


def session_dict(session: Session) -> dict[str, Any]:
    """The JSON shape: session metadata, transcript, scorecard, pacing and annotations."""
    return {
        "session": session.info.to_dict(),
        "audio": None if session.audio_path is None else str(session.audio_path),
        "transcript": session.transcript.to_dict(),
        "scorecard": session.scorecard.to_dict(),
        "pacing": None if session.pacing is None else session.pacing.to_dict(),
        "annotations": [a.to_dict() for a in annotate(session)],
        "delivery": _delivery(session),
    }


def _delivery(session: Session) -> dict[str, Any] | None:
    """Fillers, pauses and pace located in time (`delivery.py`); None for typed answers."""
    from mock_interviewer.delivery import locate

    if session.pacing is None:
        return None
    located = locate(session.transcript, session.pacing, session.scorecard)
    return None if located is None else located.to_dict()


def to_markdown(session: Session) -> str:
    """A readable summary: grade and why, signals, pitfalls, pacing, feedback, the answer."""
    info, card, pacing = session.info, session.scorecard, session.pacing
    md = [
        f"# Mock interview {info.id}",
        "",
        f"- Date: {info.created[:16].replace('T', ' ')} UTC",
        f"- Kind: {info.kind} ({'spoken' if info.source == 'audio' else 'typed'})",
        f"- Prompt: {_md(info.prompt_id or '-')}",
    ]
    if info.status == "interrupted":
        md.append("- Status: interrupted (scored from the audio recorded before it stopped)")
    if info.story:
        md.append(f"- Story: {_md(info.story)}")
    md += ["", f"## Grade: {_md(card.grade)}", ""]
    md += [f"- {_md(reason)}" for reason in card.grade_reasons]
    if card.top_changes:
        md += ["", "### What would raise it most", ""]
        md += [f"1. {_md(change)}" for change in card.top_changes]
    if card.expectations:
        md += ["", "### What this question asks for", ""]
        md += [f"- [{'x' if e.met else ' '}] {_md(e.text)}" for e in card.expectations]
    md += ["", "## Signals", "", "| signal | verdict | why |", "| --- | --- | --- |"]
    for key in [k for k in SIGNALS if k in card.signals] + sorted(set(card.signals) - set(SIGNALS)):
        f = card.signals[key]
        md.append(f"| {key} | {'met' if f.hit else 'missed'} | {_cell(f.reason)} |")
    found = [k for k in PITFALLS if k in card.pitfalls and card.pitfalls[k].hit]
    md += ["", "## Pitfalls", ""]
    md += [
        f"- **{k}**: {_md(card.pitfalls[k].reason)} {_md(card.pitfalls[k].advice)}" for k in found
    ]
    if not found:
        md.append("None found.")
    if pacing is not None:
        md += ["", "## Pacing", ""]
        target = format_target(pacing.target_s)
        if pacing.estimated:
            md.append(
                f"About {format_clock(pacing.duration_s)} at 150 words a minute ({target} target)."
            )
        else:
            md.append(
                f"{format_clock(pacing.duration_s)} of speech ({target} target), "
                f"{pacing.wpm:.0f} words a minute, {plural(len(pacing.pauses), 'long pause')}, "
                f"{pacing.fillers_per_minute:.1f} fillers a minute."
            )
    notes = annotate(session)
    if notes:
        md += ["", "## Feedback along the answer", ""]
        md += [f"- {_md_note(n)}" for n in notes]
    md += ["", "## Your answer", ""]
    md += [f"> {_md(line)}" if line else ">" for line in session.transcript.text.splitlines()]
    return "\n".join(md) + "\n"


def _cue_line(note: Annotation) -> str:
    line = f"{note.heading}: {note.said}"
    if note.advice:
        line += f" ({note.advice})"
    return " ".join(line.split()).replace("-->", "\u2192")  # one line, never a timing arrow


def _stamp(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    hours, ms = divmod(ms, 3_600_000)
    minutes, ms = divmod(ms, 60_000)
    secs, ms = divmod(ms, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{sep}{ms:03d}"


def _md(text: str) -> str:
    """Answer text inside Markdown: no raw HTML, no accidental formatting."""
    out = escape(text, quote=False)
    for ch in "\\`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


def _cell(text: str) -> str:
    return _md(" ".join(text.split()))


def _md_note(note: Annotation) -> str:
    when = "" if note.time_s is None else f"`{format_clock(note.time_s)}` "
    advice = f" {note.advice}" if note.advice else ""
    return f"{when}**{_md(note.heading)}**: {_md(' '.join((note.said + advice).split()))}"
