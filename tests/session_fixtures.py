"""Hand-made sessions for the store and report tests: no microphone, no model, no rubric engine."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from mock_interviewer.pacing import Filler, PacingReport, Pause
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Evidence, Finding, Scorecard
from mock_interviewer.sessions import SessionInfo, SessionStore
from mock_interviewer.transcript import Transcript, Word

RATE = 8000  # hertz: small fixtures; the report does not care about the rate
WORD_S = 0.25  # seconds per word in the generated timings
GAP_S = 0.05  # silence between words
LONG_PAUSE_AFTER = "cause."  # a 3-second pause follows this word

STORY = (
    "At T+0 we got paged for checkout errors. Um, by T+5 we rolled back the deploy "
    "because it was the cheapest reversible action. At T+30 we found the root cause. "
    "The fix was a timeout, shipped at T+60. Within two weeks we added a required canary. "
    "The engineer who pushed it did not run a canary. Next time I'd broadcast at minute two."
)

# signal or pitfall id -> (hit, [(phrase, label)])
FINDINGS: dict[str, tuple[bool, list[tuple[str, str]]]] = {
    "timeline": (
        True,
        [
            ("T+0", "T+0"),
            ("T+5", "T+5"),
            ("T+30", "T+30"),
            ("T+60", "T+60"),
            ("two weeks", "T+14d"),
        ],
    ),
    "separation": (
        True,
        [("rolled back", "mitigation"), ("a timeout", "fix"), ("required canary", "prevention")],
    ),
    "principle": (True, [("cheapest reversible action", "principle")]),
    "systemic": (False, []),
    "prevention": (True, [("added a required canary", "prevention")]),
    "reflection": (True, [("I'd broadcast at minute two", "reflection")]),
    "blame": (True, [("The engineer who pushed it did not run a canary.", "blame")]),
    "conflation": (False, []),
    "hero": (False, []),
    "no_prevention": (False, []),
}


def spoken_transcript(text: str = STORY) -> Transcript:
    """Evenly timed words, with one long pause, as Whisper would give them."""
    words: list[Word] = []
    t = 0.5
    for token in text.split():
        words.append(Word(token, round(t, 3), round(t + WORD_S, 3)))
        t += WORD_S + GAP_S
        if token == LONG_PAUSE_AFTER:
            t += 2.95  # with the gap: a 3-second pause
    return Transcript.from_words(words, duration=round(t + 0.5, 3))


def scorecard_for(transcript: Transcript, grade: str = "B") -> Scorecard:
    """A scorecard whose evidence points at the phrases in FINDINGS."""
    signals: dict[str, Finding] = {}
    pitfalls: dict[str, Finding] = {}
    for key, (hit, phrases) in FINDINGS.items():
        evidence = tuple(_evidence(transcript, phrase, label) for phrase, label in phrases)
        finding = Finding(
            id=key,
            hit=hit,
            evidence=evidence if hit else (),
            advice=f"Advice about {key}.",
            reason=f"Reason for {key}.",
        )
        (signals if key in SIGNALS else pitfalls)[key] = finding
    assert set(pitfalls) == set(PITFALLS)
    return Scorecard(
        prompt="outage",
        signals=signals,
        pitfalls=pitfalls,
        grade=grade,
        grade_reasons=("Blame costs the systemic signal.", "Mitigation, fix and prevention named."),
        top_changes=("Frame the root cause as a missing guardrail.",),
        words=transcript.word_count(),
        estimated_seconds=transcript.word_count() * 60 // 150,
    )


def _evidence(transcript: Transcript, phrase: str, label: str) -> Evidence:
    start = transcript.text.index(phrase)
    end = start + len(phrase)
    seconds = transcript.seconds(start, end)
    return Evidence(
        text=phrase,
        start_char=start,
        end_char=end,
        label=label,
        start_s=None if seconds is None else seconds[0],
        end_s=None if seconds is None else seconds[1],
    )


def pacing_for(transcript: Transcript, target_s: float = 10.0) -> PacingReport:
    """Pacing with the long pause, the "Um," filler and a short target so it gets crossed."""
    words = transcript.words
    start, end = words[0].start, words[-1].end
    pause_after = next(w for w in words if w.text == LONG_PAUSE_AFTER)
    pause_next = words[words.index(pause_after) + 1]
    um = transcript.text.index("Um,")
    um_word = transcript.words_in(um, um + 2)[0]
    duration = end - start
    return PacingReport(
        duration_s=duration,
        target_s=target_s,
        words=len(words),
        wpm=len(words) / duration * 60,
        wpm_over_time=((0.0, 170.0), (5.0, 190.0), (10.0, 120.0), (15.0, 200.0)),
        pauses=(Pause(pause_after.end, pause_next.start),),
        fillers=(Filler("um", um, um + 2, um_word.start, um_word.end),),
        speech_start_s=start,
        speech_end_s=end,
    )


def typed_pacing(transcript: Transcript) -> PacingReport:
    """Estimated pacing of a typed answer at 150 words per minute."""
    n = transcript.word_count()
    return PacingReport(duration_s=n * 60 / 150, words=n, wpm=150.0, estimated=True)


def write_wav(path: Path, seconds: float) -> None:
    """A quiet 440 Hz tone: a real, short WAV for the players."""
    frames = int(seconds * RATE)
    data = b"".join(
        struct.pack("<h", int(800 * math.sin(2 * math.pi * 440 * i / RATE))) for i in range(frames)
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(data)


def spoken_session(store: SessionStore, text: str = STORY, grade: str = "B") -> SessionInfo:
    """A complete spoken interview with audio, transcript, scorecard and pacing."""
    info = store.begin("interview", "outage", "audio", story="checkout rollback")
    transcript = spoken_transcript(text)
    assert transcript.duration is not None
    write_wav(store.audio_path(info), transcript.duration)
    return store.finish(info, transcript, scorecard_for(transcript, grade), pacing_for(transcript))


def typed_session(store: SessionStore, text: str = STORY, grade: str = "B") -> SessionInfo:
    """A complete typed `score` session: no audio, no seconds."""
    info = store.begin("score", "outage", "text")
    transcript = Transcript.from_text(text)
    return store.finish(
        info, transcript, scorecard_for(transcript, grade), typed_pacing(transcript)
    )


def concurrent_writer(root: str, count: int) -> None:
    """Run in a child process: begin and finish `count` typed sessions."""
    store = SessionStore(Path(root))
    for i in range(count):
        info = store.begin("score", None, "text", story=f"story {i}")
        transcript = Transcript.from_text(f"answer number {i}")
        store.finish(info, transcript, scorecard_for_plain(transcript), None)


def scorecard_for_plain(transcript: Transcript) -> Scorecard:
    """A scorecard with nothing found, for bulk sessions."""
    return Scorecard(
        prompt=None,
        signals={s: Finding(s, False) for s in SIGNALS},
        pitfalls={p: Finding(p, False) for p in PITFALLS},
        grade="C",
        grade_reasons=(),
        words=transcript.word_count(),
    )
