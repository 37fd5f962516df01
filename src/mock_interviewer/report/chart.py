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


@dataclass(frozen=True)
class _Frame:
    """The plot area of one chart: its layout and the scales of both axes."""

    layout: Layout
    x_max: float  # seconds at the right edge
    y_max: float  # words a minute at the top

    @property
    def plot_w(self) -> int:
        return self.layout.width - self.layout.left - self.layout.right

    @property
    def plot_h(self) -> int:
        return self.layout.height - self.layout.top - self.layout.bottom

    @property
    def base(self) -> int:
        return self.layout.top + self.plot_h

    def x(self, t: float) -> float:
        return self.layout.left + self.plot_w * min(max(t, 0.0), self.x_max) / self.x_max

    def y(self, wpm: float) -> float:
        top = self.layout.top
        return top + self.plot_h * (1 - min(max(wpm, 0.0), self.y_max) / self.y_max)


def pacing_svg(pacing: PacingReport, curves: Sequence[Curve] = (), layout: Layout = WIDE) -> str:
    """An accessible SVG chart of a spoken answer's pacing (and its follow-ups, if given)."""
    curves = tuple(curves) or (Curve("answer", pacing.wpm_over_time, pacing.speech_end_s),)
    end = max(c.end_s for c in curves)
    peak = max((w for c in curves for _, w in c.windows), default=0.0)
    frame = _Frame(layout, max(end * 1.02, 5.0), max(200.0, math.ceil(peak * 1.1 / 50) * 50))
    out = [*_head(pacing, frame), *_pauses(pacing, frame), *_part_lines(curves, frame)]
    out += [*_axes(frame), *_target(pacing, frame)]
    out += [_steps(curve, frame.x, frame.y) for curve in curves]
    out += [*_fillers(pacing, frame), "</svg>"]
    return "".join(out)


def _head(pacing: PacingReport, frame: _Frame) -> list[str]:
    """The opening tag, title and description, and the comfortable band."""
    layout = frame.layout
    width, height, left, font = layout.width, layout.height, layout.left, layout.font
    narrow = layout.name == "narrow"
    target = format_target(pacing.target_s)
    summary = (
        f"{format_clock(pacing.duration_s)} of speech against a {target} target, "
        f"{pacing.wpm:.0f} words a minute on average, {plural(len(pacing.pauses), 'long pause')}, "
        f"{plural(len(pacing.fillers), 'filler')}."
    )
    band_top, band_bottom = frame.y(COMFORT_WPM[1]), frame.y(COMFORT_WPM[0])
    return [
        f'<svg viewBox="0 0 {width} {height}" role="img" class="chart chart-{layout.name}" '
        f'aria-labelledby="chart-title-{layout.name} chart-desc-{layout.name}" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title-{layout.name}">Words per minute over time</title>',
        f'<desc id="chart-desc-{layout.name}">{escape(summary)}</desc>',
        f'<rect class="band" x="{left}" y="{band_top:.1f}" width="{frame.plot_w}" '
        f'height="{band_bottom - band_top:.1f}" fill="#dff1dc">'
        f"<title>{COMFORT_WPM[0]} to {COMFORT_WPM[1]} words a minute</title></rect>",
        f'<text x="{left + 6}" y="{band_bottom - 6:.1f}" font-size="{font}" fill="#1d5a1d">'
        f"{'' if narrow else 'comfortable '}{COMFORT_WPM[0]}\u2013{COMFORT_WPM[1]} wpm</text>",
    ]


def _pauses(pacing: PacingReport, frame: _Frame) -> list[str]:
    top, font = frame.layout.top, frame.layout.font
    out = []
    for pause in pacing.pauses:
        px, pw = frame.x(pause.start), max(frame.x(pause.end) - frame.x(pause.start), 2)
        out.append(
            f'<rect class="pause" x="{px:.1f}" y="{top}" width="{pw:.1f}" height="{frame.plot_h}" '
            f'fill="#d6d6d6" stroke="#6b6b6b" stroke-dasharray="3 3">'
            f"<title>{pause.seconds:.1f} s pause at {format_clock(pause.start)}</title></rect>"
            f'<text x="{px + pw / 2:.1f}" y="{top - 8}" text-anchor="middle" font-size="{font}" '
            f'fill="{INK}">{pause.seconds:.1f} s pause</text>'
        )
    return out


def _part_lines(curves: Sequence[Curve], frame: _Frame) -> list[str]:
    """Where each follow-up answer starts."""
    top, base, font = frame.layout.top, frame.base, frame.layout.font
    out = []
    for curve in curves[1:]:
        start = curve.windows[0][0] if curve.windows else curve.end_s
        out.append(
            f'<line class="part-line" x1="{frame.x(start):.1f}" x2="{frame.x(start):.1f}" '
            f'y1="{top}" y2="{base}" stroke="{MUTED}" stroke-width="1"/>'
            f'<text x="{frame.x(start) + 5:.1f}" y="{base - 8}" font-size="{font}" fill="{INK}">'
            f"{escape(curve.label)} →</text>"
        )
    return out


def _axes(frame: _Frame) -> list[str]:
    """Axes, ticks and their labels."""
    layout = frame.layout
    left, right, top, font = layout.left, layout.right, layout.top, layout.font
    base, narrow = frame.base, layout.name == "narrow"
    out = [f'<path d="M{left} {top} V{base} H{layout.width - right}" stroke="{INK}" fill="none"/>']
    for wpm in range(0, int(frame.y_max) + 1, 50):
        out.append(
            f'<text x="{left - 8}" y="{frame.y(wpm) + 4:.1f}" text-anchor="end" '
            f'font-size="{font}" fill="{INK}">{wpm}</text>'
        )
    x_max = frame.x_max
    step = next((s for s in _TIME_STEPS if x_max / s <= layout.max_ticks), _TIME_STEPS[-1])
    for tick in range(0, int(x_max) + 1, step):
        out.append(
            f'<line x1="{frame.x(tick):.1f}" x2="{frame.x(tick):.1f}" y1="{base}" '
            f'y2="{base + 5}" stroke="{INK}"/><text class="xtick" data-s="{tick}" '
            f'x="{frame.x(tick):.1f}" y="{base + 19}" text-anchor="middle" font-size="{font}" '
            f'fill="{INK}">{format_target(tick)}</text>'
        )
    middle = top + frame.plot_h / 2
    out.append(
        f'<text x="{left}" y="{layout.height - 4}" font-size="{font}" '
        f'fill="{MUTED}">{"time (m:ss)" if narrow else "time into the recording (m:ss)"}</text>'
        f'<text x="14" y="{middle:.0f}" font-size="{font}" fill="{MUTED}" '
        f'transform="rotate(-90 14 {middle:.0f})" text-anchor="middle">'
        f"{'wpm' if narrow else 'words a minute'}</text>"
    )
    return out


def _target(pacing: PacingReport, frame: _Frame) -> list[str]:
    """The target: a dashed line inside the chart, or a note at its right edge."""
    layout = frame.layout
    top, font, narrow = layout.top, layout.font, layout.name == "narrow"
    target = format_target(pacing.target_s)
    target_at = pacing.speech_start_s + pacing.target_s
    if target_at <= frame.x_max:
        at = frame.x(target_at)
        return [
            f'<line class="target" x1="{at:.1f}" x2="{at:.1f}" y1="{top}" '
            f'y2="{frame.base}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4">'
            f"<title>{target} target</title></line>"
            f'<text x="{at - 5:.1f}" y="{top + 14}" text-anchor="end" font-size="{font}" '
            f'fill="{TARGET}">{target} target</text>'
        ]
    short = format_target(target_at - pacing.speech_end_s)
    note = (
        f"{target} target: {short} short \u2192"
        if narrow
        else f"the {target} target lies past the end: the answer fell {short} short \u2192"
    )
    return [
        f'<text class="target-off" x="{layout.width - layout.right}" y="{layout.height - 4}" '
        f'text-anchor="end" font-size="{font}" fill="{TARGET}">' + note + "</text>"
    ]


def _fillers(pacing: PacingReport, frame: _Frame) -> list[str]:
    out = []
    for filler in pacing.fillers:
        if filler.start is None:
            continue
        fx = frame.x(filler.start)
        out.append(
            f'<path class="filler" d="M{fx:.1f} {frame.base - 11} l-6 10 h12 z" fill="#7a4300">'
            f"<title>filler \u201c{escape(filler.text)}\u201d at "
            f"{format_clock(filler.start)}</title></path>"
        )
    return out


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
