"""The prompt bank: loading, ordering, lookup and clear errors for broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

from mock_interviewer.errors import PromptError, UsageError
from mock_interviewer.prompts import (
    PROMPTS_ENV,
    STANDARD_IDS,
    default_prompts_dir,
    get_prompt,
    load_prompts,
)
from mock_interviewer.scorecard import PITFALLS, SIGNALS
from shared_data import RUBRIC

QUESTIONS = {
    "outage": "Tell me about a production outage you handled.",
    "critical_bug": "Describe a critical bug you had to fix under pressure.",
    "stressful": "Walk me through your most stressful incident.",
    "misdiagnosis": "Tell me about a time you misdiagnosed an issue and what you learned.",
    "fast_decision": (
        "Describe a time you had to make a fast technical decision during an incident."
    ),
    "unexpected_root_cause": (
        "Tell me about an incident where the root cause was not what you expected."
    ),
}

GOOD = """
id = "{id}"
title = "A title"
question = "A question?"

[[expectations]]
id = "detection_first"
text = "Something to show."

[follow_ups]
timeline = "When?"
"""


def _write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def test_bank_has_the_six_standard_prompts_in_order() -> None:
    prompts = load_prompts()
    assert tuple(prompts)[:6] == STANDARD_IDS
    for pid, question in QUESTIONS.items():
        assert prompts[pid].question == question


def test_every_prompt_is_complete() -> None:
    for prompt in load_prompts().values():
        assert prompt.title and prompt.expectations
        assert set(prompt.follow_ups) == set(SIGNALS) | set(PITFALLS)
        assert all(e.id and e.text for e in prompt.expectations)


def test_relaxed_signals_only_where_the_lesson_allows() -> None:
    prompts = load_prompts()
    assert set(prompts["misdiagnosis"].relaxed) == {"timeline", "principle"}
    assert set(prompts["unexpected_root_cause"].relaxed) == {"timeline", "principle"}
    assert prompts["outage"].relaxed == ()


def test_get_prompt_unknown_id_lists_valid_ids() -> None:
    with pytest.raises(UsageError) as info:
        get_prompt("nope")
    message = str(info.value)
    assert "nope" in message
    for pid in STANDARD_IDS:
        assert pid in message


def test_env_overrides_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, "zeta.toml", GOOD.format(id="zeta"))
    _write(tmp_path, "alpha.toml", GOOD.format(id="alpha"))
    _write(tmp_path, "outage.toml", GOOD.format(id="outage"))
    monkeypatch.setenv(PROMPTS_ENV, str(tmp_path))
    assert default_prompts_dir() == tmp_path
    assert list(load_prompts()) == ["outage", "alpha", "zeta"]


def test_broken_toml_names_file_and_line(tmp_path: Path) -> None:
    _write(tmp_path, "outage.toml", 'id = "outage"\ntitle = "x"\nquestion = = "broken"\n')
    with pytest.raises(PromptError) as info:
        load_prompts(tmp_path)
    message = str(info.value)
    assert f"{tmp_path.name}/outage.toml line 3" in message
    assert "fix the file or remove it" in message


def test_missing_key_names_the_file(tmp_path: Path) -> None:
    _write(tmp_path, "bad.toml", 'id = "bad"\ntitle = "x"\n')
    with pytest.raises(PromptError) as info:
        load_prompts(tmp_path)
    assert "bad.toml" in str(info.value)
    assert "question" in str(info.value)


def test_unknown_follow_up_id_is_rejected(tmp_path: Path) -> None:
    _write(tmp_path, "odd.toml", GOOD.format(id="odd") + 'speed = "Faster?"\n')
    with pytest.raises(PromptError, match=r"odd\.toml"):
        load_prompts(tmp_path)


@pytest.mark.shared
def test_no_prompt_text_is_copied_from_the_rubric() -> None:
    source = RUBRIC.read_text(encoding="utf-8").lower()
    for prompt in load_prompts().values():
        texts = [e.text for e in prompt.expectations] + list(prompt.follow_ups.values())
        for text in texts:
            assert text.lower().rstrip(".") not in source, text
