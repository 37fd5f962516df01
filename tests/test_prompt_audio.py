"""The prompt bank's questions ship pre-synthesised, so the first question plays at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from mock_interviewer import tts
from mock_interviewer.prompts import load_prompts

SEEDS = Path(__file__).resolve().parents[1] / tts.SEED_DIR


def _spoken_texts() -> list[tuple[str, str]]:
    import importlib.util

    script = SEEDS.parents[1] / "scripts" / "make_prompt_audio.py"
    spec = importlib.util.spec_from_file_location("make_prompt_audio", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.spoken_texts()  # type: ignore[no-any-return]


def test_everything_the_interviewer_says_ahead_of_time_is_shipped() -> None:
    voice = tts.Voice()
    texts = _spoken_texts()
    questions = {w for p in load_prompts().values() for w in p.wordings}
    assert questions <= {text for _, text in texts}
    for label, text in texts:
        name = voice.cache_path(text).name
        assert (SEEDS / name).is_file(), (
            f"{label}: no shipped audio; run `.venv/bin/python scripts/make_prompt_audio.py`"
        )


def test_shipped_audio_plays_without_loading_piper(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(*args: object) -> object:
        raise AssertionError("Piper was loaded for a question that ships pre-synthesised")

    monkeypatch.setattr(tts, "load_piper_voice", no_model)
    question = next(iter(load_prompts().values())).question
    chunks = list(tts.Voice().cached_or_synthesize(question))
    assert len(chunks) == 1
    assert chunks[0].seconds > 1.0
    assert chunks[0].rate == tts.Voice().rate


def test_a_damaged_shipped_file_falls_back_to_synthesis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    question = next(iter(load_prompts().values())).question
    name = tts.Voice().cache_path(question).name
    (tmp_path / name).write_bytes(b"not a wav")
    monkeypatch.setattr(tts, "seed_dirs", lambda: [tmp_path])
    chunks = list(tts.Voice().cached_or_synthesize(question))
    assert sum(c.seconds for c in chunks) > 1.0
