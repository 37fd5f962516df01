"""Streaming transcription: closed speech segments transcribed while the user speaks."""

from __future__ import annotations

import queue
import threading
from typing import TYPE_CHECKING

import numpy as np

from mock_interviewer.audio import AudioChunk
from mock_interviewer.transcript import Transcript, Word

if TYPE_CHECKING:
    from mock_interviewer.endpoint import SegmentClosed
    from mock_interviewer.protocols import SpeechModel

_PAUSE = "pause"  # a job: the speaker paused; transcribe what waits if it is long enough
_FLUSH = "flush"  # a job: transcribe what is waiting now, however short
PIECE_PAD_S = 0.3  # seconds of the stream kept either side of a batch's voice
PACE_WINDOW_S = 20.0  # seconds of transcribed speech the live pace is measured over


class SegmentTranscriber:
    """Transcribes closed speech segments in a worker thread while the user is still speaking.

    Segments are batched until about `BATCH_S` seconds of audio are waiting (Whisper is slow and
    less accurate on very short pieces), or until the recorder reports a pause (`pause()`, after
    a silence counted in samples): the batches depend on the audio alone, never on the wall
    clock, so the same recording is cut, and transcribed, the same way every time. Gaps between
    batched segments are filled with silence so word times stay exact. Each batch is decoded on
    its own, with no text carried over from the one before (a misheard or invented phrase would
    be carried forward). When the answer ends, little or nothing remains.
    """

    BATCH_S = 6.0  # seconds of speech per background transcription
    MIN_PAUSE_BATCH_S = 2.5  # a pause sends what waits only from this much (short is less exact)
    IDLE_S: float | None = None  # wall-clock flush after a quiet spell; off (pauses are reported)

    def __init__(self, stt: SpeechModel) -> None:
        self.stt = stt
        self.jobs: queue.Queue[AudioChunk | str | None] = queue.Queue()
        self.pending: list[AudioChunk] = []
        self.words: list[Word] = []
        self.done_until = 0  # stream sample before which everything is transcribed
        self.error: BaseException | None = None
        self._heard: list[AudioChunk] = []
        self._flush_asked: int | None = None  # the whole stream, when the recorder shares it
        self._progress = threading.Condition()
        self.worker = threading.Thread(target=self._work, name="stt-stream", daemon=True)
        self.worker.start()

    def submit(self, segment: SegmentClosed, audio: AudioChunk) -> None:
        """Queue a closed segment's audio (called from the recording loop; never blocks)."""
        self.jobs.put(audio)

    def hear(self, chunk: AudioChunk) -> None:
        """Keep a chunk of the stream (from the recording loop), so a batch is the real audio
        between its segments: digital silence spliced into speech makes Whisper skip words."""
        with self._progress:
            self._heard.append(chunk)

    def pause(self) -> None:
        """The speaker paused: transcribe what is waiting, if enough is (never blocks)."""
        self.jobs.put(_PAUSE)

    def text_through(self, sample: int, timeout_s: float) -> str | None:
        """The transcript once everything before stream `sample` is transcribed (what waits is
        sent now); None if that takes longer than `timeout_s` or the worker failed."""
        if self._flush_asked != sample:  # once per pause: the batches depend on the audio only
            self._flush_asked = sample
            self.jobs.put(_FLUSH)
        with self._progress:
            ready = self._progress.wait_for(
                lambda: self.error is not None or self.done_until >= sample, timeout_s
            )
            if not ready or self.error is not None:
                return None
            return " ".join(w.text.strip() for w in self.words if w.text.strip())

    def pace_wpm(self, window_s: float = PACE_WINDOW_S) -> float | None:
        """Words per minute over the last `window_s` seconds transcribed (None: too little yet)."""
        with self._progress:
            if not self.words:
                return None
            end = self.words[-1].end
            recent = [w for w in self.words if w.start >= end - window_s]
            span = min(window_s, end - self.words[0].start)
        return len(recent) * 60.0 / span if span >= window_s / 4 else None

    def _work(self) -> None:
        while True:
            try:
                idle = self.IDLE_S if self.pending else None
                job = self.jobs.get(timeout=idle)
            except queue.Empty:
                self._flush()
                continue
            if job is None:
                return
            if self.error is not None:
                continue
            if isinstance(job, str):
                waiting = sum(c.seconds for c in self.pending)
                if job == _FLUSH or waiting >= self.MIN_PAUSE_BATCH_S:
                    self._flush()
                continue
            self.pending.append(job)
            if sum(c.seconds for c in self.pending) >= self.BATCH_S:
                self._flush()

    def _flush(self) -> None:
        if not self.pending or self.error is not None:
            return
        try:
            self._transcribe(self._batch_audio())
        except BaseException as error:  # finish() falls back to the whole recording
            with self._progress:
                self.error = error
                self._progress.notify_all()
        self.pending = []

    def _batch_audio(self) -> AudioChunk:
        """The waiting segments as one chunk: the stream's audio from the first segment's start
        to the last one's end when it was heard, else the segments with silence between."""
        import numpy as np

        rate = self.pending[0].rate
        start, end = self.pending[0].offset, self.pending[-1].end
        with self._progress:
            heard = (self._heard[0].offset, self._heard[-1].end) if self._heard else (0, 0)
            if not heard[0] <= start < end <= heard[1]:
                return _join_with_silence(self.pending)
            # Whisper reads a piece cut tight on the voice badly: keep a little either side.
            pad = round(PIECE_PAD_S * rate)
            start = max(start - pad, heard[0], min(self.done_until, start))
            end = min(end + pad, heard[1])
            parts = [c for c in self._heard if c.end > start and c.offset < end]
        samples = np.concatenate([c.samples for c in parts])
        first = start - parts[0].offset
        return AudioChunk(samples[first : first + end - start], parts[0].rate, start)

    def _transcribe(self, piece: AudioChunk) -> None:
        start = max(self.done_until - piece.offset, 0)
        if start:
            piece = AudioChunk(piece.samples[start:], piece.rate, piece.offset + start)
        words: tuple[Word, ...] = ()
        if piece.seconds >= 0.2:
            words = self.stt.transcribe(piece, offset_s=piece.start_s).words
        with self._progress:
            self.words.extend(words)
            self.done_until = max(self.done_until, piece.end)
            self._progress.notify_all()

    def finish(self, audio: AudioChunk) -> Transcript | None:
        """Transcribe what is left after the last batch; the whole answer's transcript.

        Word times are relative to the start of `audio` (the session's WAV).
        """
        self.jobs.put(None)
        self.worker.join()
        if self.error is not None:
            return None  # fall back to transcribing the whole recording
        self._transcribe(audio)
        shift = audio.start_s
        words = [Word(w.text, w.start - shift, w.end - shift, w.probability) for w in self.words]
        return Transcript.from_words(words, duration=audio.seconds, source="audio")

    def close(self) -> None:
        """Stop the worker without waiting for pending segments."""
        with self._progress:
            self.error = self.error or RuntimeError("closed")
            self._progress.notify_all()
        self.jobs.put(None)


def _join_with_silence(chunks: list[AudioChunk]) -> AudioChunk:
    """One chunk spanning `chunks`, with silence where the gaps between them were."""
    first, last = chunks[0], chunks[-1]
    samples = np.zeros(last.end - first.offset, dtype=np.int16)
    for chunk in chunks:
        samples[chunk.offset - first.offset : chunk.end - first.offset] = chunk.samples
    return AudioChunk(samples, first.rate, first.offset)
