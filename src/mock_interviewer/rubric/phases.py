"""Mitigation, fix and prevention: where each is told, and whether one word covers several."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import (
    AFFIRMATIVE_BUILD,
    FIX,
    FIX_ACTION,
    FIX_NAME,
    MITIGATION,
    MITIGATION_ACTION,
    MITIGATION_NAME,
    NOW,
    PHASES,
    PREVENTION,
    PREVENTION_NAME,
    STRUCTURAL,
    VAGUE_PREVENTION,
)
from .naming import NameUse, collect_name_uses, modifier_phase
from .sentences import Sentence, in_ranges, is_negated
from .structure import Answer

if TYPE_CHECKING:
    pass

_I = re.IGNORECASE

# Words that can name a phase and so can be stretched over several phases.
_MIT_EXPLICITLY_ABSENT = re.compile(
    r"\b(?:no (?:mitigation|stop-?gap|workaround)|nothing to mitigate|(?:didn't|never|couldn't) "
    r"mitigate|(?:mitigation|stop-?gap|workaround)[^.]{0,40}\b(?:there (?:wasn't|was none|"
    r"wasn't any)|none|didn't have one))\b",
    _I,
)
# Follow-up told as an intention: vague prevention even with no time attached.
_INTENT = re.compile(
    r"\b(?:(?:talk|spoke|discuss)\w* about (?:adding|building|putting|getting|writing|setting up)|"
    r"(?:plan(?:s|ned)?|intend(?:s|ed)?|promis(?:e|ed)) to "
    r"(?:add|build|put|introduce|write|set up))\b",
    _I,
)
_LATER_NOTE = re.compile(
    r"\b(?:within|later|following|next|by the end|fortnight|weeks?|months?|afterwards|"
    r"after that|since then|from then on|post-?mortem|retro(?:spective)?)\b",
    _I,
)


@dataclass(frozen=True)
class Mention:
    """A span that tells one phase: a naming word ('stopgap') or an action ('rolled back')."""

    phase: str
    start: int
    end: int
    text: str
    sentence: int
    named: bool  # True when a word names the phase, False when the action implies it


@dataclass
class Phases:
    """Where mitigation, fix and prevention are told, and how they are named."""

    mentions: list[Mention] = field(default_factory=list)
    sentence_phases: dict[int, set[str]] = field(default_factory=dict)
    name_uses: list[NameUse] = field(default_factory=list)
    vague_prevention: list[Mention] = field(default_factory=list)
    structural_prevention: list[Mention] = field(default_factory=list)
    mitigation_denied: bool = False

    def present(self, phase: str) -> bool:
        """True when the phase is told somewhere."""
        if phase == MITIGATION and self.mitigation_denied:
            return any(m.phase == MITIGATION and not m.named for m in self.mentions)
        return any(m.phase == phase for m in self.mentions) or any(
            u.phase == phase for u in self.name_uses
        )

    def of(self, phase: str) -> list[Mention]:
        """Mentions of one phase, in order."""
        return [m for m in self.mentions if m.phase == phase]

    def sentences_of(self, phase: str) -> list[int]:
        """Indexes of the sentences that tell a phase."""
        return sorted(i for i, p in self.sentence_phases.items() if phase in p)

    def conflations(self) -> dict[str, list[NameUse]]:
        """Words used for two or more phases, with their uses."""
        by_lemma: dict[str, list[NameUse]] = {}
        for use in self.name_uses:
            if use.phase:
                by_lemma.setdefault(use.lemma, []).append(use)
        return {k: v for k, v in by_lemma.items() if len({u.phase for u in v}) >= 2}


def _clean(text: str, sentence: Sentence, answer: Answer, m: re.Match[str]) -> bool:
    """A match counts when it is neither negated nor inside quotation marks."""
    if in_ranges(sentence.start + m.start(), answer.quotes):
        return False
    return not is_negated(text, m.start(), window=4)


def _has_later_marker(answer: Answer, sentence: Sentence) -> bool:
    """A later marker in the sentence, or closing the sentence before it ("... and two weeks
    later | we added a canary": raw transcripts are cut into clauses at odd places)."""
    prev_end = answer.sentences[sentence.index - 1].end if sentence.index > 0 else -1
    return any(
        m.is_later and (sentence.start <= m.start < sentence.end or 0 <= prev_end - m.end <= 2)
        for m in answer.all_markers
    )


_WEAK_STRUCTURAL = re.compile(
    r"(?:required|requires|require|mandatory|must|has to|have to|blocking|blocks|refus\w+|"
    r"rejects?|limits?|threshold)$",
    _I,
)


def _later_note(answer: Answer, sentence: Sentence) -> bool:
    """A word that places the sentence after the incident, in it or in the unfinished piece of
    a raw transcript just before it ("the retro was the following monday and | we'd ...")."""
    if _LATER_NOTE.search(sentence.text):
        return True
    if sentence.index == 0:
        return False
    before = answer.sentences[sentence.index - 1]
    return before.text[-1:] not in ".!?" and _LATER_NOTE.search(before.text) is not None


def _structural_prevention(
    answer: Answer, sentence: Sentence, context: bool
) -> re.Match[str] | None:
    """A concrete change told as done (not a gap): 'we added an alert on ...', 'X now requires'."""
    text = sentence.text
    vague = [(v.start(), v.end()) for v in VAGUE_PREVENTION.finditer(text)]
    noun = None
    for m in STRUCTURAL.finditer(text):
        if not is_negated(text, m.start(), window=5) and not in_ranges(m.start(), vague):
            if noun is None or _WEAK_STRUCTURAL.match(noun.group()):
                noun = m  # prefer "alert", "canary", "contract test" over "required"
            if not _WEAK_STRUCTURAL.match(m.group()):
                break
    if noun is None:
        return None
    if _has_later_marker(answer, sentence):
        return noun
    if AFFIRMATIVE_BUILD.search(text) and (context or NOW.search(text)):
        return noun
    return None


def _mention(sentence: Sentence, m: re.Match[str], phase: str, named: bool) -> Mention:
    return Mention(phase, *sentence.span(m.start(), m.end()), m.group(), sentence.index, named)


def _named_phases(out: Phases, answer: Answer, sentence: Sentence) -> set[str]:
    """Record the words that name a phase in this sentence; return the phases they name."""
    text = sentence.text
    named: set[str] = set()
    for regex, phase in (
        (PREVENTION_NAME, PREVENTION),
        (MITIGATION_NAME, MITIGATION),
        (FIX_NAME, FIX),
    ):
        for m in regex.finditer(text):
            if not _clean(text, sentence, answer, m):
                continue
            if phase == PREVENTION and _IN_INCIDENT_HARM.match(text, m.end()):
                continue  # "prevention of data loss" during the incident is not follow-up work
            # "the quick fix" names the mitigation, "the longer-term fix" the prevention.
            resolved = modifier_phase(text, m.start(), m.end()) or FIX if phase == FIX else phase
            out.mentions.append(_mention(sentence, m, resolved, True))
            named.add(resolved)
    return named


# "prevention of data loss": the word names protecting against harm now, not a repeat.
_IN_INCIDENT_HARM = re.compile(
    r"\s+of\s+(?!(?:a |any |another |the same |future |further )?(?:repeats?|recurrences?|"
    r"repetitions?|this|it|that|incidents?|outages?|regressions?|the same)\b)",
    _I,
)


def _first_clean(
    regex: re.Pattern[str], answer: Answer, sentence: Sentence, hypothetical_ok: bool = True
) -> re.Match[str] | None:
    text = sentence.text
    for m in regex.finditer(text):
        if _clean(text, sentence, answer, m) and (
            hypothetical_ok or not _is_hypothetical(text, m.start())
        ):
            return m
    return None


def _vague_prevention(
    out: Phases, answer: Answer, sentence: Sentence, named: set[str], prev_context: bool
) -> bool:
    """Record vague follow-up talk in a sentence placed after the incident; True if any."""
    text = sentence.text
    later = PREVENTION in named or prev_context or _INTENT.search(text)
    if not (later or _later_note(answer, sentence)):
        return False
    found = False
    for m in VAGUE_PREVENTION.finditer(text):
        mention = _mention(sentence, m, PREVENTION, False)
        out.vague_prevention.append(mention)
        if not named:
            out.mentions.append(mention)
        found = True
    return found


def find_phases(answer: Answer) -> Phases:
    """Classify the story's sentences into phases and resolve each naming word's phase."""
    out = Phases()
    prev_context = False  # the previous phase sentence was about prevention
    root_cause_seen = False
    for sentence in answer.story:
        text = sentence.text
        if _MIT_EXPLICITLY_ABSENT.search(text):
            out.mitigation_denied = True
        named = _named_phases(out, answer, sentence)
        phases = set(named)
        if _ROOT_CAUSE.search(text) or out.of(MITIGATION):
            root_cause_seen = True
        structural = _structural_prevention(answer, sentence, prev_context or PREVENTION in named)
        if structural is not None:
            mention = _mention(sentence, structural, PREVENTION, False)
            out.structural_prevention.append(mention)
            if FIX not in named:
                phases.add(PREVENTION)
                if PREVENTION not in named:
                    out.mentions.append(mention)
        if _vague_prevention(out, answer, sentence, named, prev_context):
            phases.add(PREVENTION)
        if not named and PREVENTION not in phases:
            action = _first_clean(MITIGATION_ACTION, answer, sentence, hypothetical_ok=False)
            if action is not None and not _OUR_DOING.search(text):
                action = None  # "the merge fell back to ...": a system's behaviour, not our step
            repair = _first_clean(FIX_ACTION, answer, sentence) if root_cause_seen else None
            if action is not None and repair is not None and repair.start() < action.start():
                action = None  # "rewrote the loader, shipped it, turned the flag back on"
            if action is not None:
                out.mentions.append(_mention(sentence, action, MITIGATION, False))
                phases.add(MITIGATION)
                # "We rolled back, and then added support for the new format the next day."
                then = _THEN.search(text, action.end())
                later = FIX_ACTION.search(text, then.end()) if then else None
                if later is not None and root_cause_seen:
                    out.mentions.append(_mention(sentence, later, FIX, False))
                    phases.add(FIX)
            elif repair is not None:
                out.mentions.append(_mention(sentence, repair, FIX, False))
                phases.add(FIX)
        collect_name_uses(out.name_uses, answer, sentence, phases)
        if any(u.sentence == sentence.index and u.phase == PREVENTION for u in out.name_uses):
            phases.add(PREVENTION)  # "the third fix, weeks later, a contract test"
        if phases:
            out.sentence_phases[sentence.index] = phases
        if PREVENTION in phases:
            prev_context = True
        elif phases & {MITIGATION, FIX}:
            prev_context = False
    _reflection_prevention(out, answer)
    _reassign_early_fix(out, answer)
    return out


_TEAM_AGREED = re.compile(
    r"\b(?:we (?:had|held|ran|did) (?:a |the )?(?:retro|postmortem|post-mortem|review)|"
    r"(?:everyone|we all|the team) agreed|action items?)\b",
    _I,
)
_WE_BUILT = re.compile(
    r"\bwe(?:'ve| have)? (?:since |now |also |then )?(?:added|built|introduced|put in|set up|"
    r"made|wrote|shipped)\b",
    _I,
)


def _reflection_prevention(out: Phases, answer: Answer) -> None:
    """Follow-up work told inside the closing reflection still counts as prevention."""
    for sentence in answer.reflection:
        if _is_hypothetical(sentence.text, len(sentence.text)):
            continue
        if _TEAM_AGREED.search(sentence.text):
            for m in VAGUE_PREVENTION.finditer(sentence.text):
                mention = _mention(sentence, m, PREVENTION, False)
                out.vague_prevention.append(mention)
                out.mentions.append(mention)
        if not _WE_BUILT.search(sentence.text):
            continue
        structural = _structural_prevention(answer, sentence, True)
        if structural is not None:
            mention = _mention(sentence, structural, PREVENTION, False)
            out.structural_prevention.append(mention)
            out.mentions.append(mention)
            out.sentence_phases.setdefault(sentence.index, set()).add(PREVENTION)


_TEMPORARY = re.compile(
    r"\b(?:previous|old (?:version|value|build|config)|in the meantime|for now|until|"
    r"temporar\w*|restart\w*|re-?run\w*|re-?ran|while we|stop-?gap|workaround|unblock\w*|"
    r"to stop|for a while|got \w+ (?:their|its|the) \w+ back)\b",
    _I,
)


def _reassign_early_fix(out: Phases, answer: Answer) -> None:
    """'The fix was to restart it ... the actual fix was ...': the first 'fix' was a stopgap."""
    uses = out.name_uses
    later_marked = [u for u in uses if u.lemma == "fix" and u.phase == FIX and u.modified]
    if not later_marked:
        return
    for n, use in enumerate(uses):
        if use.lemma != "fix" or use.phase != FIX or use.modified:
            continue
        if not any(u.sentence > use.sentence for u in later_marked):
            continue
        text = answer.sentences[use.sentence].text
        if _TEMPORARY.search(text) or MITIGATION_ACTION.search(text):
            uses[n] = NameUse(
                use.lemma, MITIGATION, use.start, use.end, use.text, use.sentence, True
            )


_ROOT_CAUSE = re.compile(
    r"\b(?:root cause|cause was|caused by|the cause|culprit|the (?:problem|issue|reason) was|"
    r"turned out)\b",
    _I,
)
_OUR_DOING = re.compile(
    r"\b(?:we|i|us|our|my|we'd|i'd|we'd)\b|\bthe (?:revert|rollback|roll-back|flip|failover|"
    r"pause|hold|switch-?over)\b",
    _I,
)
_THEN = re.compile(r"\b(?:and then|then|later|afterwards|the next day|the next morning)\b", _I)


def _is_hypothetical(text: str, pos: int) -> bool:
    before = " ".join(text[:pos].split()[-5:])
    return bool(re.search(r"\b(?:could|would|should|might)(?: have)?\s*(?:\w+\s*)?$", before, _I))


__all__ = ["PHASES", "Mention", "NameUse", "Phases", "find_phases"]
