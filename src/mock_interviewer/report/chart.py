"""The pacing chart as inline SVG: words per minute over time, long pauses, fillers, the target."""

from __future__ import annotations

import math
from html import escape

from mock_interviewer.pacing import PacingReport
from mock_interviewer.report.annotations import format_clock, format_target
from mock_interviewer.wording import plural

WIDTH, HEIGHT = 720, 240  # SVG user units
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40  # margins
COMFORT_WPM = (100, 165)  # Microsoft Speaker Coach's recommended range
_TIME_STEPS = (5, 10, 15, 30, 60, 120, 300)  # seconds between x ticks


def pacing_svg(pacing: PacingReport) -> str:
    """An accessible SVG chart of one spoken answer's pacing."""
    target_at = pacing.speech_start_s + pacing.target_s
    x_max = max(pacing.speech_end_s, target_at, 10.0) * 1.05
    peak = max((w for _, w in pacing.wpm_over_time), default=0.0)
    y_max = max(200.0, math.ceil(peak * 1.1 / 50) * 50)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t: float) -> float:
        return LEFT + plot_w * min(max(t, 0.0), x_max) / x_max

    def y(wpm: float) -> float:
        return TOP + plot_h * (1 - min(max(wpm, 0.0), y_max) / y_max)

    target = format_target(pacing.target_s)
    summary = (
        f"{format_clock(pacing.duration_s)} of speech against a {target} target, "
        f"{pacing.wpm:.0f} words a minute on average, {plural(len(pacing.pauses), 'long pause')}, "
        f"{plural(len(pacing.fillers), 'filler')}."
    )
    out = [
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Words per minute over time</title>',
        f'<desc id="chart-desc">{escape(summary)}</desc>',
        f'<rect x="{LEFT}" y="{y(COMFORT_WPM[1]):.1f}" width="{plot_w}" '
        f'height="{y(COMFORT_WPM[0]) - y(COMFORT_WPM[1]):.1f}" fill="#e3f4e1">'
        f"<title>{COMFORT_WPM[0]} to {COMFORT_WPM[1]} words a minute</title></rect>",
    ]
    for pause in pacing.pauses:
        out.append(
            f'<rect class="pause" x="{x(pause.start):.1f}" y="{TOP}" '
            f'width="{max(x(pause.end) - x(pause.start), 1):.1f}" height="{plot_h}" '
            f'fill="#bdbdbd" fill-opacity="0.7"><title>{pause.seconds:.1f} s pause at '
            f"{format_clock(pause.start)}</title></rect>"
        )
    # axes and ticks
    base = TOP + plot_h
    out.append(f'<path d="M{LEFT} {TOP} V{base} H{WIDTH - RIGHT}" stroke="#333" fill="none"/>')
    for wpm in range(0, int(y_max) + 1, 50):
        out.append(
            f'<text x="{LEFT - 6}" y="{y(wpm) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#333">{wpm}</text>'
        )
    step = next((s for s in _TIME_STEPS if x_max / s <= 8), _TIME_STEPS[-1])
    for tick in range(0, int(x_max) + 1, step):
        out.append(
            f'<text x="{x(tick):.1f}" y="{base + 16}" text-anchor="middle" font-size="11" '
            f'fill="#333">{format_target(tick)}</text>'
        )
    out.append(
        f'<text x="{LEFT + plot_w / 2:.0f}" y="{HEIGHT - 4}" text-anchor="middle" '
        'font-size="11" fill="#333">time (m:ss)</text>'
        f'<text x="12" y="{TOP + plot_h / 2:.0f}" font-size="11" fill="#333" '
        f'transform="rotate(-90 12 {TOP + plot_h / 2:.0f})" text-anchor="middle">wpm</text>'
    )
    # the target line
    out.append(
        f'<line class="target" x1="{x(target_at):.1f}" x2="{x(target_at):.1f}" y1="{TOP}" '
        f'y2="{base}" stroke="#8a0014" stroke-width="2" stroke-dasharray="6 4">'
        f"<title>{target} target</title></line>"
        f'<text x="{x(target_at) + 4:.1f}" y="{TOP + 12}" font-size="12" fill="#8a0014">'
        f"{target}</text>"
    )
    # words per minute
    if pacing.wpm_over_time:
        points = " ".join(f"{x(t):.1f},{y(w):.1f}" for t, w in pacing.wpm_over_time)
        out.append(
            f'<polyline class="wpm" points="{points}" fill="none" stroke="#1f3f7a" '
            'stroke-width="2"/>'
        )
        out.extend(
            f'<circle cx="{x(t):.1f}" cy="{y(w):.1f}" r="3" fill="#1f3f7a">'
            f"<title>{w:.0f} wpm from {format_clock(t)}</title></circle>"
            for t, w in pacing.wpm_over_time
        )
    for filler in pacing.fillers:
        if filler.start is None:
            continue
        fx = x(filler.start)
        out.append(
            f'<path class="filler" d="M{fx:.1f} {base - 10} l-5 9 h10 z" fill="#6b3f00">'
            f"<title>filler \u201c{escape(filler.text)}\u201d at "
            f"{format_clock(filler.start)}</title></path>"
        )
    out.append("</svg>")
    return "".join(out)
