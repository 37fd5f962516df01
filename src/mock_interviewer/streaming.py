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


class SegmentTranscriber:
    """Transcribes closed speech segments in a worker thread while the user is still speaking.

    Segments are batched until about `BATCH_S` seconds of audio are waiting (Whisper is slow and
    less accurate on very short pieces), or until no segment has come for `IDLE_S` (the speaker
    paused, or finished: the endpointer's closing silence then leaves time to transcribe the
    last words). Gaps between batched segments are filled with silence so word times stay
    exact. When the answer ends, little or nothing remains.
    """

    BATCH_S = 6.0  # seconds of speech per background transcription
    IDLE_S = 0.8  # seconds with no new segment before waiting segments are transcribed anyway

    def __init__(self, stt: SpeechModel) -> None:
        self.stt = stt
        self.jobs: queue.Queue[AudioChunk | None] = queue.Queue()
        self.pending: list[AudioChunk] = []
        self.words: list[Word] = []
        self.done_until = 0  # stream sample before which everything is transcribed
        self.error: BaseException | None = None
        self.worker = threading.Thread(target=self._work, name="stt-stream", daemon=True)
        self.worker.start()

    def submit(self, segment: SegmentClosed, audio: AudioChunk) -> None:
        """Queue a closed segment's audio (called from the recording loop; never blocks)."""
        self.jobs.put(audio)

    def _work(self) -> None:
        while True:
            try:
                # A quiet spell with segments waiting means the speaker paused or finished:
                # transcribe now, so the end of the answer finds nothing left to do.
                chunk = self.jobs.get(timeout=self.IDLE_S if self.pending else None)
            except queue.Empty:
                self._flush()
                continue
            if chunk is None:
                return
            if self.error is not None:
                continue
            self.pending.append(chunk)
            if sum(c.seconds for c in self.pending) >= self.BATCH_S:
                self._flush()

    def _flush(self) -> None:
        if not self.pending or self.error is not None:
            return
        try:
            self._transcribe(_join_with_silence(self.pending))
        except BaseException as error:  # finish() falls back to the whole recording
            self.error = error
        self.pending = []

    def _transcribe(self, piece: AudioChunk) -> None:
        start = max(self.done_until - piece.offset, 0)
        if start:
            piece = AudioChunk(piece.samples[start:], piece.rate, piece.offset + start)
        if piece.seconds < 0.2:
            return
        context = " ".join(w.text for w in self.words[-40:]) or None
        part = self.stt.transcribe(piece, offset_s=piece.start_s, prompt_context=context)
        self.words.extend(part.words)
        self.done_until = piece.end

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
        self.error = self.error or RuntimeError("closed")
        self.jobs.put(None)


def _join_with_silence(chunks: list[AudioChunk]) -> AudioChunk:
    """One chunk spanning `chunks`, with silence where the gaps between them were."""
    first, last = chunks[0], chunks[-1]
    samples = np.zeros(last.end - first.offset, dtype=np.int16)
    for chunk in chunks:
        samples[chunk.offset - first.offset : chunk.end - first.offset] = chunk.samples
    return AudioChunk(samples, first.rate, first.offset)
