"""The pacing chart as inline SVG: words per minute over the real length of the recording.

The time axis runs from 0 to the last word (not to the target), the curve is drawn as steps over
each window right up to the last word, the comfortable band and long pauses are shaded, and the
target is a dashed line, or a note at the right edge when the answer ends before it. It comes
in two layouts, wide and narrow, so its text stays readable on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from mock_interviewer.pacing import PacingReport
from mock_interviewer.report.annotations import format_clock, format_target
from mock_interviewer.wording import plural

COMFORT_WPM = (100, 165)  # Microsoft Speaker Coach's recommended range
_TIME_STEPS = (5, 10, 15, 20, 30, 60, 120, 300)  # seconds between x ticks
INK, MUTED, CURVE, TARGET = "#1a1a1a", "#4a4a4a", "#1f4e9c", "#9c1028"


@dataclass(frozen=True)
class Layout:
    """Size, margins and type of one rendering of the chart, in SVG user units."""

    name: str  # "wide" or "narrow": the class `chart-<name>` and the ids' suffix
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    font: int
    max_ticks: int


WIDE = Layout("wide", 960, 260, 52, 20, 26, 42, 12, 10)
NARROW = Layout("narrow", 420, 250, 40, 12, 26, 46, 13, 5)


@dataclass(frozen=True)
class Curve:
    """One answer's words per minute: (window start, wpm) steps ending at `end_s`."""

    label: str  # "answer" or "follow-up"
    windows: tuple[tuple[float, float], ...]
    end_s: float  # the answer's last word


def pacing_svg(pacing: PacingReport, curves: Sequence[Curve] = (), layout: Layout = WIDE) -> str:
    """An accessible SVG chart of a spoken answer's pacing (and its follow-ups, if given)."""
    width, height, left, right = layout.width, layout.height, layout.left, layout.right
    top, bottom, font = layout.top, layout.bottom, layout.font
    narrow = layout.name == "narrow"
    curves = tuple(curves) or (Curve("answer", pacing.wpm_over_time, pacing.speech_end_s),)
    end = max(c.end_s for c in curves)
    x_max = max(end * 1.02, 5.0)
    peak = max((w for c in curves for _, w in c.windows), default=0.0)
    y_max = max(200.0, math.ceil(peak * 1.1 / 50) * 50)
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h

    def x(t: float) -> float:
        return left + plot_w * min(max(t, 0.0), x_max) / x_max

    def y(wpm: float) -> float:
        return top + plot_h * (1 - min(max(wpm, 0.0), y_max) / y_max)

    target = format_target(pacing.target_s)
    target_at = pacing.speech_start_s + pacing.target_s
    summary = (
        f"{format_clock(pacing.duration_s)} of speech against a {target} target, "
        f"{pacing.wpm:.0f} words a minute on average, {plural(len(pacing.pauses), 'long pause')}, "
        f"{plural(len(pacing.fillers), 'filler')}."
    )
    band_top, band_bottom = y(COMFORT_WPM[1]), y(COMFORT_WPM[0])
    out = [
        f'<svg viewBox="0 0 {width} {height}" role="img" class="chart chart-{layout.name}" '
        f'aria-labelledby="chart-title-{layout.name} chart-desc-{layout.name}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title-{layout.name}">Words per minute over time</title>',
        f'<desc id="chart-desc-{layout.name}">{escape(summary)}</desc>',
        f'<rect class="band" x="{left}" y="{band_top:.1f}" width="{plot_w}" '
        f'height="{band_bottom - band_top:.1f}" fill="#dff1dc">'
        f"<title>{COMFORT_WPM[0]} to {COMFORT_WPM[1]} words a minute</title></rect>",
        f'<text x="{left + 6}" y="{band_bottom - 6:.1f}" font-size="{font}" fill="#1d5a1d">'
        f"{'' if narrow else 'comfortable '}{COMFORT_WPM[0]}\u2013{COMFORT_WPM[1]} wpm</text>",
    ]
    for pause in pacing.pauses:
        px, pw = x(pause.start), max(x(pause.end) - x(pause.start), 2)
        out.append(
            f'<rect class="pause" x="{px:.1f}" y="{top}" width="{pw:.1f}" height="{plot_h}" '
            f'fill="#d6d6d6" stroke="#6b6b6b" stroke-dasharray="3 3">'
            f"<title>{pause.seconds:.1f} s pause at {format_clock(pause.start)}</title></rect>"
            f'<text x="{px + pw / 2:.1f}" y="{top - 8}" text-anchor="middle" font-size="{font}" '
            f'fill="{INK}">{pause.seconds:.1f} s pause</text>'
        )
    for curve in curves[1:]:
        start = curve.windows[0][0] if curve.windows else curve.end_s
        out.append(
            f'<line class="part-line" x1="{x(start):.1f}" x2="{x(start):.1f}" y1="{top}" '
            f'y2="{base}" stroke="{MUTED}" stroke-width="1"/>'
            f'<text x="{x(start) + 5:.1f}" y="{base - 8}" font-size="{font}" fill="{INK}">'
            f"{escape(curve.label)} →</text>"
        )
    # axes and ticks
    out.append(f'<path d="M{left} {top} V{base} H{width - right}" stroke="{INK}" fill="none"/>')
    for wpm in range(0, int(y_max) + 1, 50):
        out.append(
            f'<text x="{left - 8}" y="{y(wpm) + 4:.1f}" text-anchor="end" font-size="{font}" '
            f'fill="{INK}">{wpm}</text>'
        )
    step = next((s for s in _TIME_STEPS if x_max / s <= layout.max_ticks), _TIME_STEPS[-1])
    for tick in range(0, int(x_max) + 1, step):
        out.append(
            f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{base}" y2="{base + 5}" '
            f'stroke="{INK}"/><text class="xtick" data-s="{tick}" x="{x(tick):.1f}" '
            f'y="{base + 19}" text-anchor="middle" font-size="{font}" fill="{INK}">'
            f"{format_target(tick)}</text>"
        )
    out.append(
        f'<text x="{left}" y="{height - 4}" font-size="{font}" '
        f'fill="{MUTED}">{"time (m:ss)" if narrow else "time into the recording (m:ss)"}</text>'
        f'<text x="14" y="{top + plot_h / 2:.0f}" font-size="{font}" fill="{MUTED}" '
        f'transform="rotate(-90 14 {top + plot_h / 2:.0f})" text-anchor="middle">'
        f"{'wpm' if narrow else 'words a minute'}</text>"
    )
    # the target: a dashed line inside the chart, or a note at its right edge
    if target_at <= x_max:
        out.append(
            f'<line class="target" x1="{x(target_at):.1f}" x2="{x(target_at):.1f}" y1="{top}" '
            f'y2="{base}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4">'
            f"<title>{target} target</title></line>"
            f'<text x="{x(target_at) - 5:.1f}" y="{top + 14}" text-anchor="end" font-size="{font}" '
            f'fill="{TARGET}">{target} target</text>'
        )
    else:
        short = format_target(target_at - pacing.speech_end_s)
        out.append(
            f'<text class="target-off" x="{width - right}" y="{height - 4}" '
            f'text-anchor="end" font-size="{font}" fill="{TARGET}">'
            + (
                f"{target} target: {short} short \u2192"
                if narrow
                else f"the {target} target lies past the end: the answer fell {short} short \u2192"
            )
            + "</text>"
        )
    for curve in curves:
        out.append(_steps(curve, x, y))
    for filler in pacing.fillers:
        if filler.start is None:
            continue
        fx = x(filler.start)
        out.append(
            f'<path class="filler" d="M{fx:.1f} {base - 11} l-6 10 h12 z" fill="#7a4300">'
            f"<title>filler \u201c{escape(filler.text)}\u201d at "
            f"{format_clock(filler.start)}</title></path>"
        )
    out.append("</svg>")
    return "".join(out)


def _steps(curve: Curve, x: Callable[[float], float], y: Callable[[float], float]) -> str:
    """A curve as steps: each window's pace held flat from its start to the next, then the end."""
    if not curve.windows:
        return ""
    edges = [t for t, _ in curve.windows[1:]] + [curve.end_s]
    d: list[str] = []
    dots: list[str] = []
    for (start, wpm), stop in zip(curve.windows, edges, strict=True):
        d.append(f"{'M' if not d else 'L'}{x(start):.1f} {y(wpm):.1f} H{x(stop):.1f}")
        mid = (start + stop) / 2
        dots.append(
            f'<circle cx="{x(mid):.1f}" cy="{y(wpm):.1f}" r="3.5" fill="{CURVE}">'
            f"<title>{wpm:.0f} wpm from {format_clock(start)} to {format_clock(stop)}</title>"
            "</circle>"
        )
    return (
        f'<path class="wpm" data-part="{escape(curve.label)}" d="{" ".join(d)}" fill="none" '
        f'stroke="{CURVE}" stroke-width="2.5"/>' + "".join(dots)
    )
