"""Live speed of a whole interview, in one run, on this machine.

Feeds the bundled two-minute answer (then 8 s of silence) through the real capture pipeline
at real-time pace, and prints the wait from the last word heard to the feedback: for the
finished answer with streaming transcription (ended by the story reading as finished), for the
same answer cut off half told (ended by the long silence), and record-then-transcribe; the
post-endpoint wait on its own; word error rates; then an interview with a follow-up question
that quotes the answer (Piper synthesises it at run time) for the peak resident memory; and
cold start of `--help` and time to the first prompt audio (cold and from the cache).

    .venv/bin/python benchmarks/bench_interview.py            # about ten minutes
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
FIXTURES = ROOT / "fixtures" / "audio"
ANSWER = FIXTURES / "demo_answer.flac"


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


class TimedSource:
    """The interview's input, noting when each chunk is handed over (wall clock), so the wait
    is measured from the moment the last word was heard."""

    def __init__(self, inner: object) -> None:
        self.inner = inner
        self.handed: list[tuple[int, float]] = []  # (sample just past the chunk, perf_counter)

    def __enter__(self) -> TimedSource:
        self.inner.__enter__()  # type: ignore[attr-defined]
        return self

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)  # type: ignore[attr-defined]

    def __iter__(self) -> object:
        for chunk in self.inner:  # type: ignore[attr-defined]
            self.handed.append((chunk.end, time.perf_counter()))
            yield chunk

    def heard_at(self, sample: int) -> float:
        """Wall time at which the chunk holding `sample` was handed over."""
        return next(t for end, t in self.handed if end >= sample)


def child_interview(mode: str, realtime: bool, answer: Path, follow_up: Path | None) -> None:
    """Run one interview in this process and print its figures as JSON."""
    from mock_interviewer import interview as interview_module
    from mock_interviewer import sound
    from mock_interviewer.audio import RATE
    from mock_interviewer.interview import Interview, InterviewSettings, State
    from mock_interviewer.prompts import get_prompt
    from mock_interviewer.wer import word_error_rate

    marks: dict[str, float] = {}
    sources: list[TimedSource] = []

    def on_state(state: State) -> None:
        marks.setdefault(state.value, time.perf_counter())

    def source(settings: InterviewSettings) -> TimedSource:
        sources.append(TimedSource(interview_module.default_source(settings)))
        return sources[-1]

    if follow_up is not None:  # the follow-up question is synthesised by Piper, not played
        sound.play = lambda chunks, device=None: [None for _ in chunks]  # type: ignore[assignment]
        sound.has_output_device = lambda: True
    settings = InterviewSettings(
        input_file=answer,
        realtime=realtime,
        speak=follow_up is not None,
        streaming=mode != "batch",
        follow_up=follow_up is not None,
        follow_up_file=follow_up,
    )
    interview = Interview(
        get_prompt("outage"),
        settings,
        status=io.StringIO(),
        on_state=on_state,
        source_factory=source,
    )
    result = interview.run()
    done = time.perf_counter()
    reference = ANSWER.with_suffix(".txt").read_text()
    rec_end = marks["transcribing"]
    figures = {
        "wait_s": done - rec_end,
        "record_s": rec_end - marks["recording"],
        "wer": word_error_rate(reference, result.transcript.text),
        "peak_rss_mb": peak_rss_mb(),
        "grade": result.scorecard.grade,
        "end_reason": result.extra.get("end_reason"),
        "question": (result.extra.get("follow_up") or {}).get("question"),
    }
    if follow_up is None:
        # The end of the last voiced region of the input: when the last word was heard.
        last = sources[0].heard_at(round(last_voiced_s(answer) * RATE))
        figures["last_word_to_feedback_s"] = done - last
        figures["last_word_to_endpoint_s"] = rec_end - last
    print(json.dumps(figures))


def last_voiced_s(path: Path) -> float:
    """Where the last voiced region of a recording ends, in seconds (offline VAD)."""
    from mock_interviewer.audio import read_audio
    from mock_interviewer.endpoint import speech_segments

    return speech_segments(read_audio(path))[-1][1]


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


def with_closing_silence(
    folder: Path, seconds: float = 8.0, source: Path = ANSWER, cut_s: float | None = None
) -> Path:
    """The answer followed by silence, as a speaker who stops talking: the endpointer ends it.

    `cut_s`: stop at the first pause after this many seconds, the story left half told."""
    import numpy as np

    from mock_interviewer.audio import AudioChunk, read_audio
    from mock_interviewer.endpoint import speech_segments
    from mock_interviewer.wav import write_wav

    audio = read_audio(source)
    samples = audio.samples
    name = f"{source.stem}.wav"
    if cut_s is not None:
        end = next(b for a, b in speech_segments(audio) if b >= cut_s)
        samples, name = samples[: round(end * audio.rate)], f"{source.stem}-cut.wav"
    silence = np.zeros(round(seconds * audio.rate), dtype=np.int16)
    return write_wav(folder / name, AudioChunk(np.concatenate([samples, silence])))


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
    """The answer fed through the pipeline: finished, half told, record-then-transcribe."""
    padded = str(with_closing_silence(home))
    half = str(with_closing_silence(home, cut_s=55.0))
    stream = run_child(env, "--child", "stream", "--answer", padded, *rt)
    unfinished = run_child(env, "--child", "stream", "--answer", half, *rt)
    batch = run_child(env, "--child", "batch", "--answer", padded, *rt)
    print(f"fed at real-time pace: {bool(rt)} (recording took {stream['record_s']:.1f} s)")
    print("wait from the last word to the feedback (the input keeps sending silence):")
    print(
        f"  finished answer, streaming:   {stream['last_word_to_feedback_s']:.2f} s "
        f"(ended by: {stream['end_reason']}; endpoint after {stream['last_word_to_endpoint_s']:.2f}"
        f" s, then {stream['wait_s']:.2f} s to feedback)"
    )
    print(
        f"  half-told answer, streaming:  {unfinished['last_word_to_feedback_s']:.2f} s "
        f"(ended by: {unfinished['end_reason']}; endpoint after "
        f"{unfinished['last_word_to_endpoint_s']:.2f} s, then {unfinished['wait_s']:.2f} s)"
    )
    print(
        f"  finished answer, record-then-transcribe: {batch['last_word_to_feedback_s']:.2f} s "
        f"(ended by: {batch['end_reason']}; then {batch['wait_s']:.2f} s)"
    )
    print(f"post-endpoint wait alone, streaming:              {stream['wait_s']:.2f} s")
    print(f"post-endpoint wait alone, record-then-transcribe: {batch['wait_s']:.2f} s")
    print(f"word error rate, streaming:              {stream['wer']:.1%}")
    print(f"word error rate, record-then-transcribe: {batch['wer']:.1%}")
    first = with_closing_silence(home, source=FIXTURES / "blame_answer.flac")
    second = with_closing_silence(home, source=FIXTURES / "followup_prevention.flac")
    asked = run_child(
        env, "--child", "stream", "--answer", str(first), "--follow-up", str(second), *rt
    )
    print(f"follow-up asked (Piper synthesises it at run time): {asked['question']}")
    peaks = {"streaming": stream, "half told": unfinished, "batch": batch, "follow-up": asked}
    each = ", ".join(f"{k} {f['peak_rss_mb']:.0f}" for k, f in peaks.items())
    peak = max(f["peak_rss_mb"] for f in peaks.values())
    print(f"peak memory of an interview: {peak:.0f} MB ({each})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="feed the answer faster than real time"
    )
    parser.add_argument("--child", choices=["stream", "batch"])
    parser.add_argument("--answer", type=Path, default=ANSWER)
    parser.add_argument("--follow-up", type=Path)
    parser.add_argument("--child-first-audio", action="store_true")
    parser.add_argument("--novel", action="store_true")
    parser.add_argument("--child-warm", action="store_true")
    parser.add_argument("--realtime", action="store_true")
    parser.add_argument("--start-only", action="store_true", help="only the start-up figures")
    args = parser.parse_args()
    if args.child:
        child_interview(args.child, args.realtime, args.answer, args.follow_up)
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
