"""Value types of a scored answer: evidence, findings, the scorecard and its JSON shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SIGNALS: tuple[str, ...] = (
    "timeline",
    "separation",
    "principle",
    "systemic",
    "prevention",
    "reflection",
)
PITFALLS: tuple[str, ...] = ("blame", "conflation", "hero", "no_prevention")

WORDS_PER_MINUTE = 150  # speaking rate used to estimate the length of a typed answer
TARGET_SECONDS = 120  # the two-minute answer the lesson asks for


@dataclass(frozen=True)
class Evidence:
    """A span of the answer that earned or cost a verdict.

    `label` says what the span is, e.g. "T+0", "mitigation", "fix", "prevention", "blame".
    `start_s`/`end_s` are seconds into the recording when the answer was spoken.
    """

    text: str
    start_char: int
    end_char: int
    label: str = ""
    start_s: float | None = None
    end_s: float | None = None
    rule: str = ""  # the id of the rubric rule that produced the span ("" for older sessions)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape; seconds only appear for spoken answers."""
        data: dict[str, Any] = {
            "text": self.text,
            "start_char": self.start_char,
            "end_char": self.end_char,
        }
        if self.label:
            data["label"] = self.label
        if self.rule:
            data["rule"] = self.rule
        if self.start_s is not None and self.end_s is not None:
            data["start_s"] = round(self.start_s, 2)
            data["end_s"] = round(self.end_s, 2)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        """Inverse of `to_dict`."""
        return cls(
            text=str(data["text"]),
            start_char=int(data["start_char"]),
            end_char=int(data["end_char"]),
            label=str(data.get("label", "")),
            start_s=data.get("start_s"),
            end_s=data.get("end_s"),
            rule=str(data.get("rule", "")),
        )


@dataclass(frozen=True)
class Finding:
    """The verdict on one signal (met) or pitfall (found), with evidence and advice."""

    id: str
    hit: bool  # signal met, or pitfall found
    evidence: tuple[Evidence, ...] = ()
    advice: str = ""
    reason: str = ""  # one line: why the engine decided so

    def to_dict(self, kind: str) -> dict[str, Any]:
        """JSON shape: `met` for signals, `found` for pitfalls."""
        key = "met" if kind == "signal" else "found"
        return {
            key: self.hit,
            "evidence": [e.to_dict() for e in self.evidence],
            "advice": self.advice,
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, id: str, data: dict[str, Any]) -> Finding:
        """Inverse of `to_dict`."""
        hit = data["met"] if "met" in data else data["found"]
        return cls(
            id=id,
            hit=bool(hit),
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence", [])),
            advice=str(data.get("advice", "")),
            reason=str(data.get("reason", "")),
        )


@dataclass(frozen=True)
class ExpectationResult:
    """Whether the answer shows one thing its prompt asks for."""

    id: str
    text: str
    met: bool
    evidence: tuple[Evidence, ...] = ()
    advice: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON shape."""
        return {
            "id": self.id,
            "text": self.text,
            "met": self.met,
            "evidence": [e.to_dict() for e in self.evidence],
            "advice": self.advice,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExpectationResult:
        """Inverse of `to_dict`."""
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            met=bool(data["met"]),
            evidence=tuple(Evidence.from_dict(e) for e in data.get("evidence", [])),
            advice=str(data.get("advice", "")),
        )


@dataclass(frozen=True)
class Scorecard:
    """Everything the rubric engine says about one answer."""

    prompt: str | None
    signals: dict[str, Finding]
    pitfalls: dict[str, Finding]
    grade: str
    grade_reasons: tuple[str, ...]  # the explanation shown to the user, most important first
    expectations: tuple[ExpectationResult, ...] = ()
    top_changes: tuple[str, ...] = ()  # the changes that would raise the grade most
    words: int = 0
    estimated_seconds: int = 0  # at WORDS_PER_MINUTE
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The stable `--json` shape (keys may be added, these stay)."""
        return {
            "prompt": self.prompt,
            "grade": self.grade,
            "grade_reasons": list(self.grade_reasons),
            "signals": {k: f.to_dict("signal") for k, f in self.signals.items()},
            "pitfalls": {k: f.to_dict("pitfall") for k, f in self.pitfalls.items()},
            "expectations": [e.to_dict() for e in self.expectations],
            "top_changes": list(self.top_changes),
            "words": self.words,
            "estimated_seconds": self.estimated_seconds,
            "target_seconds": TARGET_SECONDS,
            **self.extra,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        """Inverse of `to_dict`, for sessions read back from disk."""
        known = {
            "prompt",
            "grade",
            "grade_reasons",
            "signals",
            "pitfalls",
            "expectations",
            "top_changes",
            "words",
            "estimated_seconds",
            "target_seconds",
        }
        return cls(
            prompt=data.get("prompt"),
            signals={k: Finding.from_dict(k, v) for k, v in data["signals"].items()},
            pitfalls={k: Finding.from_dict(k, v) for k, v in data["pitfalls"].items()},
            grade=str(data["grade"]),
            # Sessions saved by earlier versions began their reasons with "Grade B.", which every
            # view already shows as the grade itself.
            grade_reasons=tuple(
                r for r in data.get("grade_reasons", []) if r != f"Grade {data['grade']}."
            ),
            expectations=tuple(
                ExpectationResult.from_dict(e) for e in data.get("expectations", [])
            ),
            top_changes=tuple(data.get("top_changes", [])),
            words=int(data.get("words", 0)),
            estimated_seconds=int(data.get("estimated_seconds", 0)),
            extra={k: v for k, v in data.items() if k not in known},
        )
