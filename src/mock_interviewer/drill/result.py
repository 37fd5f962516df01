"""A drill round's result and the whole run's: JSON shapes and the lines a person reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mock_interviewer.drill.scoring import Landing, PartTime, SectionScore, streaks, words_off
from mock_interviewer.terminal import clock
from mock_interviewer.wording import plural


@dataclass(frozen=True)
class RoundResult:
    """One drill round: length against target, words, and the mode's own judgement."""

    round: int  # 1-based
    mode: str
    target_s: float
    tolerance_s: float
    heard: bool
    duration_s: float = 0.0
    words: int = 0
    wpm: float = 0.0
    prompt_id: str | None = None
    parts: tuple[PartTime, ...] = ()
    section: SectionScore | None = None
    budget: tuple[int, int] | None = None
    cues: tuple[tuple[str, int], ...] = ()  # (cue name, recording sample it was placed at)
    tones_played: bool = False
    speech_start_s: float | None = None
    end_reason: str | None = None  # "silence", "cap" (target + 30 s), "stopped", "eof"...
    session: str | None = None

    @property
    def landing(self) -> Landing:
        """Length against the target."""
        return Landing(self.duration_s, self.target_s, self.tolerance_s)

    @property
    def words_delta(self) -> int | None:
        """Words outside the budget (word mode only)."""
        if self.budget is None:
            return None
        return words_off(self.words, *self.budget)

    @property
    def landed(self) -> bool:
        """Inside the tolerance (or, for a word budget, inside the budget)."""
        if not self.heard:
            return False
        if self.mode == "words":
            return self.words_delta == 0
        return self.landing.landed

    @property
    def error(self) -> float:
        """The round's error: seconds off target, or words outside the budget."""
        if not self.heard:
            return 0.0
        if self.mode == "words":
            return float(self.words_delta or 0)
        return self.landing.delta_s

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of one round."""
        data: dict[str, Any] = {
            "round": self.round,
            "mode": self.mode,
            "duration_s": round(self.duration_s, 2),
            "target_s": round(self.target_s, 2),
            "delta_s": round(self.landing.delta_s, 2),
            "words": self.words,
            "wpm": round(self.wpm, 1),
            "tolerance_s": round(self.tolerance_s, 2),
            "landed": self.landed,
            "verdict": self.landing.verdict if self.heard else "no answer",
            "error": round(self.error, 2),
            "heard": self.heard,
            "prompt": self.prompt_id,
            "speech_start_s": None
            if self.speech_start_s is None
            else round(self.speech_start_s, 3),
            "cues": [{"cue": name, "sample": sample} for name, sample in self.cues],
            "tones_played": self.tones_played,
            "end_reason": self.end_reason,
            "session": self.session,
        }
        if self.mode == "full":
            data["parts"] = {p.part: round(p.seconds, 2) for p in self.parts}
        if self.section is not None:
            data.update(self.section.to_dict())
        if self.budget is not None:
            data["budget"] = list(self.budget)
            data["words_delta"] = self.words_delta
            data["in_budget"] = self.landed
        return data

    def session_extra(self, run_id: str, rounds: int) -> dict[str, Any]:
        """What the session index keeps for `history --drills`."""
        data = self.to_dict()
        keep = ["mode", "target_s", "delta_s", "tolerance_s", "landed", "error", "verdict"]
        keep.append("end_reason")
        extra: dict[str, Any] = {k: data[k] for k in keep}
        extra.update({"round": self.round, "rounds": rounds, "drill": run_id})
        for key in ("parts", "section", "met", "budget", "words_delta"):
            if key in data:
                extra[key] = data[key]
        return extra


@dataclass(frozen=True)
class DrillResult:
    """Every round of one drill run."""

    rounds: tuple[RoundResult, ...]

    @property
    def streak(self) -> int:
        """Landed rounds in a row, ending with the last one."""
        return streaks(r.landed for r in self.rounds)[0]

    def to_dict(self) -> dict[str, Any]:
        """The last round's figures at the top, every round under "rounds", and the streaks."""
        data = self.rounds[-1].to_dict() if self.rounds else {}
        current, best = streaks(r.landed for r in self.rounds)
        errors = [abs(r.error) for r in self.rounds if r.heard]
        data.update(
            {
                "rounds": [r.to_dict() for r in self.rounds],
                "streak": current,
                "best_streak": best,
                "landed_rounds": sum(r.landed for r in self.rounds),
                "mean_abs_error": round(sum(errors) / len(errors), 2) if errors else None,
            }
        )
        return data


def round_lines(result: RoundResult) -> list[str]:
    """A round's result for a person, a few lines."""
    head = f"Round {result.round}:"
    if not result.heard:
        return [f"{head} no answer heard."]
    land = result.landing
    lines = [
        f"{head} {clock(result.duration_s)} of speech against {clock(result.target_s)} "
        f"({signed(land.delta_s, 'full')}): {land.verdict} "
        f"(±{round(result.tolerance_s, 1):g} s); "
        f"{plural(result.words, 'word')} at {result.wpm:.0f} wpm"
    ]
    if result.budget is not None:
        low, high = result.budget
        off = result.words_delta or 0
        where = "inside" if off == 0 else (f"{off} over" if off > 0 else f"{-off} under")
        lines.append(f"  Word budget {low}–{high}: {plural(result.words, 'word')}, {where}")
    if result.parts:
        spent = [f"{p.part} {clock(p.seconds)}" for p in result.parts if p.start_s is not None]
        missing = [p.part for p in result.parts if p.start_s is None]
        lines.append("  Where the time went: " + " · ".join(spent))
        if missing:
            lines.append("  Not found: " + ", ".join(missing))
    if result.section is not None:
        mark = "met" if result.section.met else "not met"
        lines.append(f"  Section {result.section.section}: {mark} ({result.section.reason})")
    return lines


def signed(value: float, mode: str) -> str:
    """An error with its sign and unit: `+7.0 s`, `-40 words`."""
    if mode == "words":
        return f"{value:+.0f} words"
    return f"{value:+.1f} s"
