"""Phases read from the parse, after the lexicon's first pass (`phases.find_phases`).

Rules in `rules/mitigation.toml` and `rules/prevention.toml`: an action that changed nothing or
only would have been done is not the mitigation; with none left, the speaker's team holding or
switching off what did harm, or the step before "it did stop ...", tells it; prevention agreed
and then said not to have happened is no prevention work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import clauses
from .lexicon import FIX, MITIGATION, PREVENTION
from .nlp import parse
from .phases import Mention, Phases
from .rulebook import Hit, ruleset
from .structure import Answer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def refine(out: Phases, answer: Answer) -> None:
    """Correct `out` (from `find_phases`) with what the parse of `answer` says."""
    _drop_undone(out, answer)
    _drop_unreal_mitigation(out, answer)


def _drop_unreal_mitigation(out: Phases, answer: Answer) -> None:
    """An action told as a mitigation that changed nothing ("which did nothing",
    rules/mitigation.toml) or only would have been done ("rolling back would have taken five
    minutes") did not stop the impact: it is not the mitigation."""
    doc = parse(answer.text)
    hits = ruleset("mitigation").hits(doc)  # matched once; each reading takes its own kind
    no_effect = [h for h in hits if h.detects == "no_effect"]
    dead = {s.index for h in no_effect if (s := answer.sentence_at(h.start)) is not None}
    keep = []
    for m in out.mentions:
        if m.phase == MITIGATION and not m.named:
            token = doc.char_span(m.start, m.end, alignment_mode="expand")
            unreal = token is not None and clauses.counterfactual(token.root)
            if unreal or (m.sentence in dead and not _after_no_effect(answer, no_effect, m)):
                out.sentence_phases.get(m.sentence, set()).discard(MITIGATION)
                continue
        keep.append(m)
    out.mentions = keep
    if not out.present(MITIGATION):
        _containment(out, answer, [h for h in hits if h.detects == "contain"])
    if not out.present(MITIGATION):
        _took_hold(out, answer, doc, [h for h in hits if h.detects == "effect"])


def _before_the_fix(out: Phases, answer: Answer, hits: list[Hit]) -> Iterator[Hit]:
    """The hits in the story before the first sentence that tells the fix, in order."""
    fixes = [i for i, p in out.sentence_phases.items() if FIX in p]
    for hit in hits:
        sentence = answer.sentence_at(hit.start)
        if sentence is None or sentence.index >= answer.reflection_from:
            continue
        if fixes and sentence.index > min(fixes):
            return
        yield hit


def _mark(out: Phases, answer: Answer, start: int, end: int, text: str) -> bool:
    """Record `[start, end)` as telling the mitigation, unless its sentence tells prevention."""
    told = answer.sentence_at(start)
    if told is None or PREVENTION in out.sentence_phases.get(told.index, set()):
        return False
    out.mentions.append(Mention(MITIGATION, start, end, text, told.index, False))
    out.sentence_phases.setdefault(told.index, set()).add(MITIGATION)
    return True


def _took_hold(out: Phases, answer: Answer, doc: Doc, hits: list[Hit]) -> None:
    """With no mitigation told otherwise: "It did stop the wrong cars going out" says the step
    told just before it (in its sentence or the one before) stopped the impact."""
    for hit in _before_the_fix(out, answer, hits):
        span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        before = doc[sent.start - 1].sent if sent.start > 0 else None
        for piece in (sent, before):
            verb = _told_step(piece, hit.start)
            if verb is not None and _mark(
                out, answer, verb.idx, verb.idx + len(verb.text), verb.text
            ):
                return


def _told_step(sent: Span | None, before: int) -> Token | None:
    """The last past-tense verb before `before` in `sent` whose subject is the speaker's side
    (or an imperative the speaker reports and then says "that's what we did")."""
    if sent is None:
        return None
    verbs = [
        t
        for t in sent
        if t.idx < before
        and t.pos_ == "VERB"
        and (
            (t.tag_ == "VBD" and clauses.first_person(t)) or (t.dep_ == "ccomp" and t.tag_ == "VB")
        )
    ]
    return verbs[-1] if verbs else None


def _containment(out: Phases, answer: Answer, hits: list[Hit]) -> None:
    """With no mitigation told otherwise, the first story sentence in which the speaker's team
    held or switched off what did harm, before the repair, tells it."""
    for hit in _before_the_fix(out, answer, hits):
        if _mark(out, answer, hit.start, hit.end, hit.text):
            return


def _after_no_effect(answer: Answer, hits: list[Hit], mention: Mention) -> bool:
    """Every no-effect phrase of the mention's sentence comes before the action: it is about
    an earlier attempt ("restarting did nothing, so we rolled back")."""
    sentence = answer.sentences[mention.sentence]
    inside = [h for h in hits if sentence.start <= h.start < sentence.end]
    return all(h.end <= mention.start for h in inside)


_UNDONE_REACH = 3  # sentences before "it never got done" whose prevention it takes back


def _drop_undone(out: Phases, answer: Answer) -> None:
    """Prevention told as agreed or planned, then said not to have happened ("neither
    happened", rules/prevention.toml), is no prevention work: drop it from the phases."""
    hits = ruleset("prevention").hits(parse(answer.text), detects=("undone",))
    dropped: set[int] = set()
    for hit in hits:
        sentence = answer.sentence_at(hit.start)
        if sentence is None:
            continue
        dropped |= set(range(max(0, sentence.index - _UNDONE_REACH), sentence.index + 1))
    if not dropped:
        return
    out.mentions = [m for m in out.mentions if m.phase != PREVENTION or m.sentence not in dropped]
    out.structural_prevention = [m for m in out.structural_prevention if m.sentence not in dropped]
    out.vague_prevention = [m for m in out.vague_prevention if m.sentence not in dropped]
    out.name_uses = [u for u in out.name_uses if u.phase != PREVENTION or u.sentence not in dropped]
    for index in dropped:
        out.sentence_phases.get(index, set()).discard(PREVENTION)
