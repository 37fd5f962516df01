"""Live speed of a whole interview, in one run, on this machine.

Feeds the bundled two-minute answer through the real capture pipeline at real-time pace,
once with streaming transcription and once record-then-transcribe, and prints:
the wait from end of answer to feedback for both and their ratio, the final word error rate
of both, cold start of `--help`, time to the first prompt audio (cold and from the cache),
and the peak resident memory of a whole interview.

    .venv/bin/python benchmarks/bench_interview.py            # about five minutes
    .venv/bin/python benchmarks/bench_interview.py --quick    # no real-time pacing
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSWER = ROOT / "fixtures" / "audio" / "demo_answer.flac"


def peak_rss_mb() -> float:
    """This process's own peak resident memory (VmHWM; falls back to ru_maxrss)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_interview(streaming: bool, realtime: bool, answer: Path) -> None:
    """Run one interview in this process and print its figures as JSON."""
    from mock_interviewer.interview import Interview, InterviewSettings, State
    from mock_interviewer.prompts import get_prompt
    from mock_interviewer.wer import word_error_rate

    marks: dict[str, float] = {}

    def on_state(state: State) -> None:
        marks[state.value] = time.perf_counter()

    settings = InterviewSettings(
        input_file=answer, realtime=realtime, speak=False, streaming=streaming, follow_up=False
    )
    interview = Interview(get_prompt("outage"), settings, status=io.StringIO(), on_state=on_state)
    result = interview.run()
    done = time.perf_counter()
    reference = ANSWER.with_suffix(".txt").read_text()
    print(
        json.dumps(
            {
                "wait_s": done - marks["transcribing"],
                "record_s": marks["transcribing"] - marks["recording"],
                "wer": word_error_rate(reference, result.transcript.text),
                "peak_rss_mb": peak_rss_mb(),
                "grade": result.scorecard.grade,
            }
        )
    )


def child_first_audio(novel: bool) -> None:
    """Time from process start to the first prompt audio handed to the speaker.

    `novel`: a question that ships no audio and is not in the cache, so Piper loads and
    synthesises its first sentence.
    """
    from mock_interviewer import sound
    from mock_interviewer.interview import Interview, InterviewSettings
    from mock_interviewer.prompts import get_prompt

    def play(chunks: object, device: object = None) -> None:
        for _chunk in chunks:  # type: ignore[attr-defined]
            print(json.dumps({"first_audio_at": time.time()}), flush=True)
            os._exit(0)

    sound.play = play
    sound.has_output_device = lambda: True
    prompt = get_prompt("outage")
    if novel:
        from dataclasses import replace

        prompt = replace(prompt, question=f"{prompt.question} Start wherever you like.")
    settings = InterviewSettings(input_file=ANSWER, speak=True)
    Interview(prompt, settings, status=io.StringIO()).run()


def child_warm_cache() -> None:
    """Synthesise the new question fully so that it lands in the cache."""
    from mock_interviewer import tts
    from mock_interviewer.prompts import get_prompt

    question = f"{get_prompt('outage').question} Start wherever you like."
    for _chunk in tts.Voice().cached_or_synthesize(question):
        pass
    print("{}")


def with_closing_silence(folder: Path, seconds: float = 8.0) -> Path:
    """The answer followed by silence, as a speaker who stops talking: the endpointer ends it."""
    import numpy as np

    from mock_interviewer.audio import AudioChunk, read_audio
    from mock_interviewer.wav import write_wav

    audio = read_audio(ANSWER)
    silence = np.zeros(round(seconds * audio.rate), dtype=np.int16)
    return write_wav(folder / "answer.wav", AudioChunk(np.concatenate([audio.samples, silence])))


def run_child(env: dict[str, str], *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cold_help(env: dict[str, str], runs: int = 5) -> float:
    exe = Path(sys.executable).with_name("mock-interviewer")
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(exe), "--help"], env=env, capture_output=True, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def first_audio(env: dict[str, str], *extra: str, runs: int = 3) -> float:
    """Best of `runs` cold starts: process start to the first audio handed to the speaker."""
    best = float("inf")
    for _ in range(runs):
        start = time.time()
        figures = run_child(env, "--child-first-audio", *extra)
        best = min(best, figures["first_audio_at"] - start)
    return best


def interview_figures(env: dict[str, str], home: Path, rt: list[str]) -> None:
    """The answer fed through the pipeline, streaming and record-then-transcribe."""
    padded = str(with_closing_silence(home))
    stream = run_child(env, "--child", "stream", "--answer", padded, *rt)
    batch = run_child(env, "--child", "batch", "--answer", padded, *rt)
    eof = run_child(env, "--child", "stream", *rt)
    print(f"fed at real-time pace: {bool(rt)} (recording took {stream['record_s']:.1f} s)")
    print("the answer ends as a speaker's does: the endpointer hears the closing silence")
    print(f"wait after answer, streaming:              {stream['wait_s']:.2f} s")
    print(f"wait after answer, record-then-transcribe: {batch['wait_s']:.2f} s")
    ratio = batch["wait_s"] / stream["wait_s"]
    print(f"ratio (record-then-transcribe / streaming): {ratio:.1f}x")
    print(
        "wait when the input stops dead 2 s after the last word (as if Enter were pressed):"
        f" {eof['wait_s']:.2f} s"
    )
    print(f"word error rate, streaming:              {stream['wer']:.1%}")
    print(f"word error rate, record-then-transcribe: {batch['wer']:.1%}")
    peak = max(stream["peak_rss_mb"], batch["peak_rss_mb"], eof["peak_rss_mb"])
    print(f"peak memory of an interview: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="feed the answer faster than real time"
    )
    parser.add_argument("--child", choices=["stream", "batch"])
    parser.add_argument("--answer", type=Path, default=ANSWER)
    parser.add_argument("--child-first-audio", action="store_true")
    parser.add_argument("--novel", action="store_true")
    parser.add_argument("--child-warm", action="store_true")
    parser.add_argument("--realtime", action="store_true")
    parser.add_argument("--start-only", action="store_true", help="only the start-up figures")
    args = parser.parse_args()
    if args.child:
        child_interview(args.child == "stream", args.realtime, args.answer)
        return
    if args.child_first_audio:
        child_first_audio(args.novel)
        return
    if args.child_warm:
        child_warm_cache()
        return

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "MOCK_INTERVIEWER_HOME": home, "HF_HUB_OFFLINE": "1"}
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}")
        print(f"answer: {ANSWER.name}")
        if not args.start_only:
            interview_figures(env, Path(home), [] if args.quick else ["--realtime"])
        print(f"cold start, `mock-interviewer --help` (best of 5): {cold_help(env):.3f} s")
        print("first prompt audio, best of 3 cold starts:")
        print(f"first prompt audio, cold start, shipped question: {first_audio(env):.2f} s")
        print(
            f"first prompt audio, cold start, new question:     {first_audio(env, '--novel'):.2f} s"
        )
        run_child(env, "--child-warm")
        print(
            f"first prompt audio, new question now cached:      {first_audio(env, '--novel'):.2f} s"
        )


if __name__ == "__main__":
    main()
