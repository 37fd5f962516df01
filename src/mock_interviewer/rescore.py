"""An interrupted session scored afterwards, from the audio it kept.

Ctrl-C, a crash or `kill -9` leaves a session "interrupted" with its WAV valid up to the last
block written. `replay`, `report` and `export` open sessions through `viewable()`: a complete
session loads as it is; an interrupted one that has not been scored yet is transcribed and
scored once, on demand, and its results are saved beside the audio. Its status stays
"interrupted", so every view can say so, and the next view loads at once.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from mock_interviewer.audio import read_audio
from mock_interviewer.errors import NoAnswerHeard, RecordingFileError, SessionError
from mock_interviewer.pipeline import score_transcript, transcribe_audio
from mock_interviewer.prompts import load_prompts
from mock_interviewer.terminal import clock

if TYPE_CHECKING:
    from mock_interviewer.sessions import Session, SessionInfo, SessionStore

RESCORED = "scored_after_interrupt"  # key in the session's extra: scored from the kept audio


def viewable(
    store: SessionStore, session_id: str, model: str | None = None, status: TextIO | None = None
) -> Session:
    """The session, scored first when it was interrupted and never scored."""
    info = store.get(session_id)
    if info.status == "interrupted" and not store.scored(info):
        rescore(store, info, model, status or sys.stderr)
    return store.load(info.id)


def rescore(
    store: SessionStore, info: SessionInfo, model: str | None = None, status: TextIO | None = None
) -> SessionInfo:
    """Transcribe and score what an interrupted session recorded; save it, still interrupted."""

    wav = store.audio_path(info)
    if info.source != "audio" or not wav.is_file():
        raise SessionError(
            f"session {info.id} was interrupted before any audio was kept: there is nothing "
            "to show; use `mock-interviewer history` to pick another session"
        )
    try:
        audio = read_audio(wav)
    except RecordingFileError:
        raise _nothing_heard(info) from None
    print(
        f"Session {info.id} was interrupted: transcribing and scoring the {clock(audio.seconds)} "
        "it recorded (once: the result is kept).",
        file=status or sys.stderr,
        flush=True,
    )
    try:
        transcript, speech = transcribe_audio(audio, model, f"session {info.id}")
    except NoAnswerHeard:
        raise _nothing_heard(info) from None
    prompt = load_prompts().get(info.prompt_id) if info.prompt_id else None
    card, pacing = score_transcript(transcript, prompt, speech)
    extra = {RESCORED: True, "recorded_s": round(audio.seconds, 3)}
    return store.finish(info, transcript, card, pacing, extra=extra, status="interrupted")


def _nothing_heard(info: SessionInfo) -> NoAnswerHeard:
    return NoAnswerHeard(
        f"session {info.id} was interrupted before any speech was recorded: there is nothing "
        "to replay or score"
    )
