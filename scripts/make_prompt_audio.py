"""Synthesise the prompt bank's questions ahead of time into `prompts/audio/`.

The files are named by the TTS cache key (text, voice name and size, settings), so an
interview finds them like its own cache and the first question plays at once, even on a
machine that has never run Piper. Run again after changing a question or the default voice:

    .venv/bin/python scripts/make_prompt_audio.py
"""

from __future__ import annotations

from pathlib import Path

from mock_interviewer import tts
from mock_interviewer.prompts import load_prompts

OUT = Path(__file__).resolve().parents[1] / tts.SEED_DIR


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    voice = tts.Voice()
    keep = set()
    for prompt in load_prompts().values():
        path = OUT / voice.cache_path(prompt.question).name
        keep.add(path.name)
        if not path.exists():
            tts.save_wav(voice.synthesize(prompt.question), path)
            path.chmod(0o644)
        print(f"{prompt.id}: {path.relative_to(OUT.parent.parent)}")
    for stale in OUT.glob("*.wav"):
        if stale.name not in keep:
            stale.unlink()


if __name__ == "__main__":
    main()
