"""What changed since the last answer to the same prompt: signals, pitfalls, grade, length, pace.

The previous answer is the newest *complete* session with the same prompt id, created before
this one (drills are left out: they tell one part of a story by design). For a session with a
follow-up the scorecard is the whole story's and the pacing the first answer's, the same as
the session shows everywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mock_interviewer.errors import SessionError
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Scorecard

if TYPE_CHECKING:
    from mock_interviewer.pacing import PacingReport
    from mock_interviewer.sessions import SessionInfo, SessionStore


@dataclass(frozen=True)
class Change:
    """One measure before and now."""

    before: float
    now: float

    @property
    def delta(self) -> float:
        """Now minus before."""
        return self.now - self.before


@dataclass(frozen=True)
class AnswerProgress:
    """The difference between this answer and the previous one to the same prompt."""

    previous_session: str
    previous_created: str
    grade_before: str
    grade_now: str
    signals_gained: tuple[str, ...]
    signals_lost: tuple[str, ...]
    pitfalls_cleared: tuple[str, ...]
    pitfalls_new: tuple[str, ...]
    words: Change
    duration_s: Change | None = None  # spoken answers on both sides only
    wpm: Change | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `"progress"` object of `--json`."""
        return {
            "previous_session": self.previous_session,
            "previous_created": self.previous_created,
            "grade": {"before": self.grade_before, "now": self.grade_now},
            "signals_gained": list(self.signals_gained),
            "signals_lost": list(self.signals_lost),
            "pitfalls_cleared": list(self.pitfalls_cleared),
            "pitfalls_new": list(self.pitfalls_new),
            "words": _change_dict(self.words),
            "duration_s": _change_dict(self.duration_s),
            "wpm": _change_dict(self.wpm),
        }

    def lines(self) -> list[str]:
        """Plain sentences for the terminal, most important first."""
        out = [f"Grade {self.grade_before} → {self.grade_now}."]
        if self.signals_gained:
            out.append(f"Gained: {', '.join(self.signals_gained)}.")
        if self.signals_lost:
            out.append(f"Lost: {', '.join(self.signals_lost)}.")
        if self.pitfalls_cleared:
            out.append(f"Pitfalls gone: {', '.join(self.pitfalls_cleared)}.")
        if self.pitfalls_new:
            out.append(f"New pitfalls: {', '.join(self.pitfalls_new)}.")
        if not (self.signals_gained or self.signals_lost or self.pitfalls_cleared) and not (
            self.pitfalls_new
        ):
            out.append("The same signals as last time.")
        length = f"Words {self.words.before:.0f} → {self.words.now:.0f}"
        if self.duration_s is not None:
            length += f"; length {_clock(self.duration_s.before)} → {_clock(self.duration_s.now)}"
        if self.wpm is not None:
            length += f"; pace {self.wpm.before:.0f} → {self.wpm.now:.0f} words per minute"
        out.append(length + ".")
        return out


def diff(
    before: Scorecard,
    now: Scorecard,
    before_pacing: PacingReport | None,
    now_pacing: PacingReport | None,
    previous: SessionInfo,
) -> AnswerProgress:
    """Compare two scored answers (pure)."""

    def met(card: Scorecard, sid: str) -> bool:
        return sid in card.signals and card.signals[sid].hit

    def found(card: Scorecard, pid: str) -> bool:
        return pid in card.pitfalls and card.pitfalls[pid].hit

    timed = (
        (before_pacing, now_pacing)
        if before_pacing is not None
        and now_pacing is not None
        and not before_pacing.estimated
        and not now_pacing.estimated
        else None
    )
    return AnswerProgress(
        previous_session=previous.id,
        previous_created=previous.created,
        grade_before=before.grade,
        grade_now=now.grade,
        signals_gained=tuple(s for s in SIGNALS if met(now, s) and not met(before, s)),
        signals_lost=tuple(s for s in SIGNALS if met(before, s) and not met(now, s)),
        pitfalls_cleared=tuple(p for p in PITFALLS if found(before, p) and not found(now, p)),
        pitfalls_new=tuple(p for p in PITFALLS if found(now, p) and not found(before, p)),
        words=Change(float(_words(before, before_pacing)), float(_words(now, now_pacing))),
        duration_s=Change(timed[0].duration_s, timed[1].duration_s) if timed else None,
        wpm=Change(timed[0].wpm, timed[1].wpm) if timed else None,
    )


def since_last(
    store: SessionStore,
    info: SessionInfo | None,
    card: Scorecard,
    pacing: PacingReport | None,
) -> AnswerProgress | None:
    """Progress since the previous answer to the same prompt, or None (first answer, damage)."""
    if info is None:
        return None
    previous = store.previous(info)
    if previous is None:
        return None
    try:
        loaded = store.load(previous.id)
    except SessionError:
        return None  # a damaged old session must not spoil today's feedback
    return diff(loaded.scorecard, card, loaded.pacing, pacing, previous)


def _words(card: Scorecard, pacing: PacingReport | None) -> int:
    return pacing.words if pacing is not None else card.words


def _change_dict(change: Change | None) -> dict[str, float] | None:
    if change is None:
        return None
    return {
        "before": round(change.before, 1),
        "now": round(change.now, 1),
        "delta": round(change.delta, 1),
    }


def _clock(seconds: float) -> str:
    whole = max(round(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"
