"""The report's stylesheet (screen and print) and its one inline script, as strings.

Highlight styles differ by colour and by line style (solid, double, dashed, dotted, boxed,
over-and-under, wavy, struck through), so they stay apart without colour vision; every text
colour meets WCAG AA (4.5:1) on its background.
"""

from __future__ import annotations

CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #c8c8c8;
  --soft: #f5f6f8; --accent: #1f4e9c; --warn: #9c1028; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
  background: #fff; margin: 0 auto; max-width: 78rem; padding: .75rem 1.25rem 3rem;
  overflow-wrap: break-word; }
h1, h2, h3 { line-height: 1.2; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; }
.top { display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem 1rem; }
.top h1 { font-size: 1.15rem; margin: 0; }
.meta { color: var(--muted); margin: 0; font-size: .9rem; }
.bit { display: inline-block; max-width: 100%; }
.verdict { display: grid; grid-template-columns: auto minmax(0, 1.1fr) minmax(0, 1fr);
  gap: 1rem 2rem; align-items: start; margin: .75rem 0 0; padding: 1rem 1.25rem;
  background: var(--soft); border: 1px solid var(--line); border-radius: 10px; }
.verdict h2 { font-size: 1rem; margin: 0 0 .35rem; }
.verdict ul, .verdict ol { margin: 0; padding-left: 1.2rem; }
.verdict li { margin: .15rem 0; }
.grade { font-size: 3.6rem; font-weight: 800; line-height: 1; margin: 0; min-width: 5.5rem;
  padding: .6rem .4rem; text-align: center; background: #fff; border: 3px solid var(--ink);
  border-radius: 10px; }
.grade-word { display: block; font-size: .8rem; font-weight: 600; letter-spacing: .05em;
  text-transform: uppercase; color: var(--muted); margin-bottom: .2rem; }
.changes ol { font-weight: 600; }
.why { font-size: .95rem; }
.glance { grid-column: 1 / -1; display: grid; gap: .75rem 1.5rem;
  grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); margin: .25rem 0 0;
  padding: .75rem 0 0; border-top: 1px solid var(--line); }
.glance div { min-width: 0; }
.glance dt { font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .05em;
  color: var(--muted); }
.glance dd { margin: .1rem 0 0; }
.big { font-size: 1.35rem; font-weight: 700; }
.meter { display: block; position: relative; height: .7rem; background: #fff;
  border: 1px solid #767676; border-radius: 4px; margin: .35rem 0 .2rem; overflow: hidden; }
.meter .fill { position: absolute; left: 0; top: 0; bottom: 0; background: var(--accent); }
.meter .zone { position: absolute; top: 0; bottom: 0; background: #b9dfb3; }
.meter .tick { position: absolute; top: -1px; bottom: -1px; width: 3px; margin-left: -1.5px;
  background: var(--warn); }
.meter .dot { position: absolute; top: 0; bottom: 0; width: 4px; margin-left: -2px;
  background: var(--ink); }
.player { position: sticky; top: 0; z-index: 2; background: #fff; margin: 1rem 0 0;
  padding: .5rem 0; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap;
  align-items: center; gap: .25rem .5rem; }
audio { flex: 1 1 18rem; min-width: 0; max-width: 100%; }
button { font: inherit; font-size: .9rem; padding: .2rem .55rem; color: var(--ink);
  background: #fff; border: 1px solid #767676; border-radius: 5px; cursor: pointer; }
button:hover { background: var(--soft); }
button:focus-visible, .w:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.keys { color: var(--muted); font-size: .85rem; margin: 0; flex-basis: 100%; }
kbd { font: inherit; font-size: .8rem; border: 1px solid #999; border-radius: 3px;
  padding: 0 .25rem; background: var(--soft); }
.legend { list-style: none; padding: 0; margin: .4rem 0; display: flex; flex-wrap: wrap;
  gap: .35rem 1.25rem; font-size: .9rem; }
.legend li { line-height: 2; }
.help { color: var(--muted); font-size: .9rem; margin: .2rem 0 .6rem; }
.transcript { border-top: 1px solid var(--line); }
.part { margin: 0; }
.part-h { margin: 1rem 0 .2rem; display: flex; flex-wrap: wrap; align-items: baseline;
  gap: .2rem .6rem; }
.part-follow { border-left: 4px solid var(--accent); padding-left: .9rem; margin-top: 1.25rem; }
.asked q { font-style: italic; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 21rem); gap: .2rem 2rem;
  padding: .45rem 0; border-bottom: 1px solid #ececec; }
.said { margin: 0; font-size: 1.08rem; line-height: 2; white-space: pre-wrap; }
.w { cursor: pointer; border-radius: 2px; }
.w:hover { background: rgba(31, 78, 156, .12); }
.w.now { background: var(--accent); color: #fff; }
mark.ev { color: inherit; padding: .1em .1em; border-radius: 2px;
  -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.ev-time { background: #dbe8fb; border-bottom: 2px solid #1f4e9c; }
.ev-mitigation { background: #fde3c4; border-bottom: 4px double #a04a00; }
.ev-fix { background: #d3f0e0; border-bottom: 2px dashed #0b6b3a; }
.ev-prevention { background: #ecdcf6; border-bottom: 3px dotted #6a2f96; }
.ev-principle { background: #fbf0a9; border: 1px solid #6b5800; }
.ev-systemic { background: #bfe9ef; border: 1px dashed #00636b; }
.ev-reflection { background: #f9cde6; border-top: 2px solid #9a1c5a;
  border-bottom: 2px solid #9a1c5a; }
.ev-pitfall { background: #ffd6d9; text-decoration: underline wavy #b00020;
  text-decoration-thickness: 1.5px; text-underline-offset: .25em; }
.filler { text-decoration: line-through 2px #595959; color: #4a4a4a; }
.tag { font-size: .72rem; font-weight: 700; line-height: 1.3; white-space: nowrap;
  border: 1px solid currentColor; border-radius: 3px; padding: 0 .3em; margin: 0 .3em 0 .2em;
  background: #fff; vertical-align: .12em; text-decoration: none; display: inline-block; }
.tag-time { color: #1f4e9c; } .tag-mitigation { color: #a04a00; } .tag-fix { color: #0b6b3a; }
.tag-prevention { color: #6a2f96; } .tag-principle { color: #6b5800; }
.tag-systemic { color: #00636b; } .tag-reflection { color: #9a1c5a; }
.tag-pitfall { color: #b00020; }
.marker { font-size: .75rem; font-weight: 700; white-space: nowrap; border-radius: 3px;
  padding: .05em .35em; vertical-align: .12em; }
.marker-pause { background: #e8e8e8; color: #333; border: 1px dashed #6b6b6b; }
.marker-target { background: #fff; color: var(--warn); border: 1px solid var(--warn); }
.cards { list-style: none; margin: 0; padding: .3rem 0 0; font-size: .88rem; }
.card { margin: 0 0 .45rem; padding-left: .6rem; border-left: 3px solid #9bb5dd; }
.card-warn { border-left-color: #b00020; } .card-todo { border-left-color: #a04a00; }
.card-info { border-left-color: #8a8a8a; }
.card p { margin: 0; }
.card-h { margin: 0; }
.card-h .seek { font-size: .78rem; padding: 0 .35rem; margin-right: .3rem; }
.card-icon { font-weight: 700; }
.card-warn .card-icon { color: #b00020; } .card-good .card-icon { color: #0b6b3a; }
.card-q { color: var(--muted); font-style: italic; }
.card-a { margin-top: .1rem !important; padding: .15rem .4rem; background: #fff6e0;
  border-radius: 3px; }
.card-a::before { content: "Try: "; font-weight: 700; }
.chart { display: block; width: 100%; height: auto; max-width: 60rem; }
.chart-narrow { display: none; }
.chart-key { color: var(--muted); font-size: .9rem; max-width: 60rem; }
.details { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 24rem), 1fr));
  gap: 0 2.5rem; }
.details h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.checks { list-style: none; padding: 0; margin: 0; }
.checks li { padding: .35rem 0; border-bottom: 1px solid #ececec; }
.checks .more { color: var(--muted); display: block; font-size: .92rem; }
.met { color: #0b6b3a; font-weight: 700; } .missed { color: #9c1028; font-weight: 700; }
@media (max-width: 760px) {
  body { padding: .5rem .8rem 2rem; }
  .verdict { grid-template-columns: auto minmax(0, 1fr); padding: .8rem; gap: .75rem 1rem; }
  .why { grid-column: 1 / -1; order: 5; }
  .why h2 { font-size: .95rem; }
  .grade { font-size: 2.8rem; min-width: 4.5rem; }
  .row { grid-template-columns: minmax(0, 1fr); }
  .cards { padding: 0 0 .2rem .5rem; }
  .keys { display: none; }
  .chart-wide { display: none; }
  .chart-narrow { display: block; }
  .player button { font-size: .82rem; padding: .15rem .45rem; }
}
@media print {
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .player, .help, .keys { display: none; }
  .verdict { break-inside: avoid; }
  .row, .card, .checks li, .chart { break-inside: avoid; }
  h2 { break-after: avoid; }
  .row { grid-template-columns: minmax(0, 1fr) minmax(0, 17rem); }
  .said { font-size: 10.5pt; line-height: 1.8; }
  .w.now { background: none; color: inherit; }
  button.seek { border: none; padding: 0; font-weight: 700; color: var(--ink); }
  .chart { max-width: 100%; }
  .chart-wide { display: block; }
  .chart-narrow { display: none; }
}
"""

SCRIPT = """
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
    else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault(); e.stopPropagation(); seek(starts[i]);
    }
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
  const skip = (s) => seek(audio.currentTime + s);
  document.querySelectorAll("[data-skip]").forEach((b) => b.addEventListener("click", () => {
    skip(parseFloat(b.dataset.skip));
  }));
  const jump = (dir) => {
    const t = audio.currentTime;
    const next = dir > 0 ? times.find((x) => x > t + 0.05)
      : times.filter((x) => x < t - 1).pop();
    if (next !== undefined) { seek(next); }
  };
  const toggle = () => {
    if (audio.paused) { audio.play().catch(() => {}); } else { audio.pause(); }
  };
  document.getElementById("next-note").addEventListener("click", () => jump(1));
  document.getElementById("prev-note").addEventListener("click", () => jump(-1));
  const play = document.getElementById("play");
  play.addEventListener("click", toggle);
  audio.addEventListener("play", () => { play.textContent = "Pause"; });
  audio.addEventListener("pause", () => { play.textContent = "Play"; });
  const keys = { k: toggle, j: () => skip(-5), l: () => skip(5), n: () => jump(1),
    p: () => jump(-1) };
  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) { return; }
    const tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    const act = keys[e.key.toLowerCase()];
    if (act) { e.preventDefault(); act(); }
  });
})();
"""
