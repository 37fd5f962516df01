"""Spoken answers score to the same verdicts as their text: the audio path loses no meaning.

Each fixture in fixtures/audio has the exact text that was spoken (`NAME.txt`) beside the
recording. Transcribing the recording and scoring the transcript must agree with scoring the
text on at least 9 of the 10 signal and pitfall verdicts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mock_interviewer.audio import read_audio
from mock_interviewer.pipeline import transcriber
from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score, score_text
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Scorecard

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "audio"
SPOKEN = sorted(p for p in FIXTURES.glob("*.flac") if p.with_suffix(".txt").exists())


def verdicts(card: Scorecard) -> dict[str, bool]:
    found = {k: card.signals[k].hit for k in SIGNALS}
    found.update({k: card.pitfalls[k].hit for k in PITFALLS})
    return found


def test_there_are_spoken_fixtures() -> None:
    assert len(SPOKEN) >= 4


@pytest.mark.parametrize("recording", SPOKEN, ids=lambda p: p.stem)
def test_spoken_and_typed_verdicts_agree(recording: Path) -> None:
    meta = recording.with_suffix(".json")
    prompt_id = json.loads(meta.read_text()).get("prompt") if meta.exists() else None
    prompt = get_prompt(prompt_id) if prompt_id else None
    typed = verdicts(score_text(recording.with_suffix(".txt").read_text(), prompt))
    transcript = transcriber().transcribe(read_audio(recording))
    spoken = verdicts(score(transcript, prompt))
    differ = {k: (typed[k], spoken[k]) for k in typed if typed[k] != spoken[k]}
    assert len(differ) <= 1, f"typed vs spoken verdicts differ on {differ}\n{transcript.text}"
