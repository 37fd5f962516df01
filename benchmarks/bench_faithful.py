"""Are transcripts faithful and repeatable? Word error, fillers and run-to-run agreement.

Every fixture answer (Piper speech with a reference text) and the espeak-ng sentences are
transcribed `--runs` times (default 3) with the default transcriber; printed per file: word
error rate, whether every run gave the same text, and, for the fillers answer, filler recall
and fillers counted where the audio has no voice. One more case inserts 5 s silences between
the sentences of the demo answer and counts words that fall entirely in those silences.

    .venv/bin/python benchmarks/bench_faithful.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("HF_HUB_OFFLINE", "1")
FIXTURES = ROOT / "fixtures" / "audio"


def voiced_overlap(start: float, end: float, speech: list[tuple[float, float]]) -> float:
    """Seconds of [start, end] inside the voiced regions."""
    return sum(max(0.0, min(end, b) - max(start, a)) for a, b in speech)


def fillers_report(transcriber: object, runs: int) -> None:
    from mock_interviewer.audio import read_audio
    from mock_interviewer.endpoint import speech_segments
    from mock_interviewer.pacing import find_fillers

    meta = json.loads((FIXTURES / "fillers_answer.json").read_text())["fillers"]
    audio = read_audio(FIXTURES / "fillers_answer.flac")
    speech = speech_segments(audio)
    for run in range(runs):
        transcript = transcriber.transcribe(audio)  # type: ignore[attr-defined]
        found = find_fillers(transcript)
        expected: dict[str, int] = {}
        for name in meta["spoken"]:
            expected[name] = expected.get(name, 0) + 1
        counts: dict[str, int] = {}
        for f in found:
            counts[f.text] = counts.get(f.text, 0) + 1
        hit = sum(min(counts.get(k, 0), n) for k, n in expected.items())
        unvoiced = sum(
            1 for f in found if voiced_overlap(f.start or 0.0, f.end or 0.0, speech) == 0.0
        )
        print(
            f"  fillers run {run + 1}: recall {hit}/{meta['count']} ({hit / meta['count']:.0%}), "
            f"{len(found)} counted, {unvoiced} with no VAD-voiced audio under their timestamps"
        )


def gaps_report(transcriber: object, runs: int) -> None:
    """The demo answer with 5 s of silence after every sentence: words invented in the gaps."""
    import numpy as np

    from mock_interviewer.audio import RATE, AudioChunk, read_audio
    from mock_interviewer.endpoint import speech_segments
    from mock_interviewer.wer import word_error_rate

    audio = read_audio(FIXTURES / "demo_answer.flac")
    regions = speech_segments(audio)
    parts, gaps, cursor, shift = [], [], 0, 0.0
    for i, (a, _end) in enumerate(regions):
        if i and a - regions[i - 1][1] > 0.45:  # a pause between phrases: make it 5 s long
            cut = round((regions[i - 1][1] + a) / 2 * RATE)
            parts.append(audio.samples[cursor:cut])
            gaps.append((cut / RATE + shift, cut / RATE + shift + 5.0))
            parts.append(np.zeros(5 * RATE, np.int16))
            shift += 5.0
            cursor = cut
    parts.append(audio.samples[cursor:])
    gapped = AudioChunk(np.concatenate(parts))
    reference = (FIXTURES / "demo_answer.txt").read_text()
    texts = []
    for _ in range(runs):
        t = transcriber.transcribe(gapped)  # type: ignore[attr-defined]
        texts.append(t.text)
        inside = [
            w.text
            for w in t.words
            if any(g0 + 0.3 <= w.start and w.end <= g1 - 0.3 for g0, g1 in gaps)
        ]
    print(
        f"demo answer with {len(gaps)} silences of 5 s: "
        f"WER {word_error_rate(reference, texts[0]):.1%}, "
        f"identical runs: {len(set(texts)) == 1}, words inside the silences: {inside}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-files", action="store_true", help="only fillers and silences")
    args = parser.parse_args()
    from mock_interviewer import stt
    from mock_interviewer.audio import read_audio
    from mock_interviewer.wer import word_error_rate

    transcriber = stt.Transcriber()
    transcriber.load()
    for path in [] if args.no_files else sorted(FIXTURES.glob("*.flac")):
        reference = path.with_suffix(".txt")
        texts = [transcriber.transcribe(read_audio(path)).text for _ in range(args.runs)]
        wer = (
            f"WER {word_error_rate(reference.read_text(), texts[0]):5.1%}"
            if reference.exists()
            else "no reference"
        )
        words = sorted({len(t.split()) for t in texts})
        print(f"{path.name:26} {wer}, identical runs: {len(set(texts)) == 1}, words {words}")
    fillers_report(transcriber, args.runs)
    gaps_report(transcriber, args.runs)


if __name__ == "__main__":
    main()
