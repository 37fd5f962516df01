"""Two answers side by side: which sessions, each signal then and now, delivery, changed sentences.

By default the two are the newest answer that has an earlier answer to the same question, and
that earlier one. The older session is always "then", whichever order they are named in.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mock_interviewer.errors import UsageError
from mock_interviewer.progress import AnswerProgress, diff
from mock_interviewer.scorecard import PITFALLS, SIGNALS, Finding

if TYPE_CHECKING:
    from mock_interviewer.sessions import Session, SessionInfo, SessionStore

EVIDENCE_SHOWN = 2  # quotes per signal and side
QUOTE_WORDS = 12  # a longer quote is cut after this many words


@dataclass(frozen=True)
class Verdict:
    """One signal or pitfall, then and now, with the words that earned it on each side."""

    id: str
    kind: str  # "signal" | "pitfall"
    then: bool
    now: bool
    then_evidence: tuple[str, ...]
    now_evidence: tuple[str, ...]

    @property
    def change(self) -> str:
        """ "gained", "lost" or "" (a pitfall gained is "new", one lost "cleared")."""
        if self.then == self.now:
            return ""
        if self.kind == "signal":
            return "gained" if self.now else "lost"
        return "new" if self.now else "cleared"


@dataclass(frozen=True)
class Delivery:
    """Length, pace, fillers and long pauses of one answer (None where it was typed)."""

    words: int
    seconds: float | None
    wpm: float | None
    fillers: int
    pauses: int | None


@dataclass(frozen=True)
class SentenceChange:
    """One aligned piece of the two texts: sentences replaced, dropped ("then" only) or added."""

    op: str  # "replace" | "delete" | "insert"
    then: tuple[str, ...]
    now: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything `compare` shows."""

    then: Session
    now: Session
    progress: AnswerProgress
    verdicts: tuple[Verdict, ...]
    delivery: tuple[Delivery, Delivery]
    sentences: tuple[SentenceChange, ...]
    unchanged_sentences: int

    @property
    def same_prompt(self) -> bool:
        """True when both answer the same question."""
        return self.then.info.prompt_id == self.now.info.prompt_id

    def to_dict(self) -> dict[str, Any]:
        """The `compare --json` object."""
        return {
            "then": _side(self.then, self.delivery[0]),
            "now": _side(self.now, self.delivery[1]),
            "same_prompt": self.same_prompt,
            "signals_gained": list(self.progress.signals_gained),
            "signals_lost": list(self.progress.signals_lost),
            "pitfalls_cleared": list(self.progress.pitfalls_cleared),
            "pitfalls_new": list(self.progress.pitfalls_new),
            "verdicts": [
                {
                    "id": v.id,
                    "kind": v.kind,
                    "then": v.then,
                    "now": v.now,
                    "change": v.change or None,
                    "then_evidence": list(v.then_evidence),
                    "now_evidence": list(v.now_evidence),
                }
                for v in self.verdicts
            ],
            "sentences": [
                {"op": c.op, "then": list(c.then), "now": list(c.now)} for c in self.sentences
            ],
            "unchanged_sentences": self.unchanged_sentences,
        }


def pick(store: SessionStore, first: str | None, second: str | None) -> tuple[Session, Session]:
    """The two sessions to compare, older first (see the module's docstring)."""
    from mock_interviewer.rescore import viewable

    if first is None:
        older, newer = _last_pair(store)
        return viewable(store, older.id), viewable(store, newer.id)
    a = viewable(store, first)
    if second is None:
        previous = store.previous(a.info)
        if previous is None:
            raise UsageError(
                f"session {a.info.id} has no earlier answer to the same question: "
                "name the second session, `compare A B`"
            )
        return viewable(store, previous.id), a
    b = viewable(store, second)
    if a.info.id == b.info.id:
        raise UsageError("both names are the same session: name two different sessions")
    return (a, b) if (a.info.created, a.info.id) <= (b.info.created, b.info.id) else (b, a)


def _last_pair(store: SessionStore) -> tuple[SessionInfo, SessionInfo]:
    for info in store.list():
        if info.status != "complete" or info.kind not in ("interview", "score"):
            continue
        previous = store.previous(info)
        if previous is not None:
            return previous, info
    raise UsageError(
        "no two answers to the same question yet: answer one question twice "
        "(`mock-interviewer interview --retake`), or name two sessions"
    )


def compare(then: Session, now: Session) -> Comparison:
    """The comparison of two loaded sessions (pure)."""
    progress = diff(then.scorecard, now.scorecard, then.pacing, now.pacing, then.info)
    verdicts = [_verdict(then, now, sid, "signal") for sid in SIGNALS]
    verdicts += [_verdict(then, now, pid, "pitfall") for pid in PITFALLS]
    changes, same = align(_sentences(then.transcript.text), _sentences(now.transcript.text))
    return Comparison(
        then=then,
        now=now,
        progress=progress,
        verdicts=tuple(verdicts),
        delivery=(_delivery(then), _delivery(now)),
        sentences=tuple(changes),
        unchanged_sentences=same,
    )


SIMILAR = 0.5  # a rewritten sentence is paired with its old version above this word overlap


def align(before: list[str], after: list[str]) -> tuple[list[SentenceChange], int]:
    """The sentences that changed, aligned by difflib, and how many stayed the same.

    Sentences are matched on their words, case and punctuation aside, so a comma added does
    not count as a change. Inside a rewritten stretch, each old sentence is paired with the
    most similar new one in order ("replace"); the rest were dropped or added."""
    keys_before = [_key(s) for s in before]
    keys_after = [_key(s) for s in after]
    matcher = difflib.SequenceMatcher(a=keys_before, b=keys_after, autojunk=False)
    changes: list[SentenceChange] = []
    same = 0
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            same += i2 - i1
        else:
            changes += _pair(before[i1:i2], after[j1:j2])
    return changes, same


def _pair(old: list[str], new: list[str]) -> list[SentenceChange]:
    """One rewritten stretch as sentence pairs, drops and additions, in reading order."""
    out: list[SentenceChange] = []
    j = 0
    for sentence in old:
        scores = [(_similarity(sentence, cand), k) for k, cand in enumerate(new[j:], start=j)]
        best = max(scores, default=(0.0, -1))
        if best[0] < SIMILAR:
            out.append(SentenceChange("delete", (sentence,), ()))
            continue
        out += [SentenceChange("insert", (), (added,)) for added in new[j : best[1]]]
        out.append(SentenceChange("replace", (sentence,), (new[best[1]],)))
        j = best[1] + 1
    out += [SentenceChange("insert", (), (added,)) for added in new[j:]]
    return out


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=_key(a).split(), b=_key(b).split(), autojunk=False).ratio()


def _key(sentence: str) -> str:
    return " ".join("".join(c for c in w if c.isalnum()) for w in sentence.lower().split())


def _sentences(text: str) -> list[str]:
    from mock_interviewer.rubric.sentences import split_sentences

    return [s.text.strip() for s in split_sentences(text) if s.text.strip()]


def _verdict(then: Session, now: Session, key: str, kind: str) -> Verdict:
    table = "signals" if kind == "signal" else "pitfalls"
    a = getattr(then.scorecard, table).get(key, Finding(key, False))
    b = getattr(now.scorecard, table).get(key, Finding(key, False))
    return Verdict(
        id=key,
        kind=kind,
        then=a.hit,
        now=b.hit,
        then_evidence=_quotes(a) if a.hit else (),
        now_evidence=_quotes(b) if b.hit else (),
    )


def _quotes(finding: Finding) -> tuple[str, ...]:
    out = []
    for evidence in finding.evidence[:EVIDENCE_SHOWN]:
        words = evidence.text.split()
        out.append(" ".join(words[:QUOTE_WORDS]) + (" …" if len(words) > QUOTE_WORDS else ""))
    return tuple(out)


def _delivery(session: Session) -> Delivery:
    pacing = session.pacing
    words = pacing.words if pacing is not None else session.transcript.word_count()
    if pacing is None:
        return Delivery(words, None, None, 0, None)
    if pacing.estimated:
        return Delivery(words, None, None, len(pacing.fillers), None)
    return Delivery(words, pacing.duration_s, pacing.wpm, len(pacing.fillers), len(pacing.pauses))


def _side(session: Session, delivery: Delivery) -> dict[str, Any]:
    info = session.info
    return {
        "session": info.id,
        "created": info.created,
        "prompt": info.prompt_id,
        "grade": session.scorecard.grade,
        "words": delivery.words,
        "duration_s": None if delivery.seconds is None else round(delivery.seconds, 1),
        "wpm": None if delivery.wpm is None else round(delivery.wpm, 1),
        "fillers": delivery.fillers,
        "long_pauses": delivery.pauses,
    }
