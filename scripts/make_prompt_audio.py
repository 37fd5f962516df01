"""Synthesise what the interviewer says ahead of time into `prompts/audio/`.

The bank's questions, their follow-up questions and the drill's spoken cue.

The files are named by the TTS cache key (text, voice name and size, settings), so an
interview finds them like its own cache and the first question plays at once, even on a
machine that has never run Piper. Run again after changing a question or the default voice:

    .venv/bin/python scripts/make_prompt_audio.py
"""

from __future__ import annotations

from pathlib import Path

from mock_interviewer import tts
from mock_interviewer.drill.runner import SPOKEN_TIME
from mock_interviewer.followup import DEFAULT_QUESTIONS
from mock_interviewer.prompts import load_bank

OUT = Path(__file__).resolve().parents[1] / tts.SEED_DIR


def spoken_texts() -> list[tuple[str, str]]:
    """Everything the interviewer says that is known ahead of time."""
    texts: dict[str, str] = {}
    for prompt in load_bank().values():  # the shipped bank only, never a user's questions
        texts.setdefault(prompt.question, prompt.id)
        for n, wording in enumerate(prompt.phrasings, 1):
            texts.setdefault(wording, f"{prompt.id} wording {n}")
        for key, question in prompt.follow_ups.items():
            texts.setdefault(question, f"{prompt.id} follow-up ({key})")
    for key, question in DEFAULT_QUESTIONS.items():
        texts.setdefault(question, f"default follow-up ({key})")
    texts.setdefault(SPOKEN_TIME, "drill cue")
    return [(label, text) for text, label in texts.items()]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    voice = tts.Voice()
    keep = set()
    for label, text in spoken_texts():
        path = OUT / voice.cache_path(text).name
        keep.add(path.name)
        if not path.exists():
            tts.save_wav(voice.synthesize(text), path)
            path.chmod(0o644)
        print(f"{label}: {path.relative_to(OUT.parent.parent)}")
    for stale in OUT.glob("*.wav"):
        if stale.name not in keep:
            stale.unlink()


if __name__ == "__main__":
    main()
