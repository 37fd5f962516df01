"""The mitigation principle: the cheapest or fastest reversible action that stops the impact."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .lexicon import FIX, MITIGATION
from .nlp import parse
from .phases import Mention, Phases
from .rulebook import Hit, ruleset
from .sentences import Sentence, is_negated
from .spans import Span
from .structure import Answer

if TYPE_CHECKING:
    from spacy.tokens import Doc

_I = re.IGNORECASE

# Low cost or speed of the chosen action (not of a product tier or a supplier).
_COST = re.compile(
    r"(?=\w)\b(?:(?:cheap|cheapest|fastest|quickest|simplest|least risky|lowest-risk|low-cost|"
    r"low-risk|low risk|minimal-risk|"
    r"lowest-cost|smallest|safest) (?:\w+ )?(?:thing|option|move|lever|step|action|way|fix|"
    r"mitigation|choice|change|path|button|intervention|bet)|"
    r"(?:it's|it is|it was|was|that's|a) (?:cheap|quick|fast|low-cost|costless|low-risk)\b|"
    r"cheap(?:est)?,|"
    r"cost(?:s)? (?:us )?(?:nothing|almost nothing|very little|little)|costless|"
    r"worst case it cost|the cost (?:was|is) (?:that|maybe|only|just)|"
    r"took (?:about |only |just |under |a few )?(?:[\w-]+ )?seconds|"
    r"took (?:a |one )?(?:minute|moment)|in seconds|"
    r"(?:one|a single|single)[- ](?:click|command|toggle|flag|setting|switch|dropdown|config "
    r"(?:change|value)|line|action|button)|a few taps|"
    r"(?:just|only|simply|it's|was|is) a config (?:value|change|flag)|"
    r"(?:was|is) a paste|the fastest|the quickest|the cheapest|fastest to do|"
    r"(?:was|is|it's|cost) (?:basically |essentially |practically )?free\b|"
    r"least (?:disruptive|invasive|risky|costly|expensive)|smallest blast radius|trade-?off|"
    r"cost of (?:acting|doing|waiting|not acting|the outage)|"
    r"minimal (?:cost|risk|impact|blast radius|disruption)|lowest[- ](?:cost|risk)|"
    r"(?:cheap(?:est)?|quickest|fastest)\b(?! (?:[\w-]+ )?(?:tier|plan|hosting|hosted|provider|"
    r"carrier|vendor|one|supplier|instance|licen[cs]e|seats?|storage|hardware)\b))\b",
    _I,
)
# The action can be undone.
_UNDO = re.compile(
    r"(?=\w)\b(?:reversible|revers(?:e|ed|ing) it|undo(?:ing|able|ne|es)?|un-?do|back out|"
    r"roll(?:ed)? (?:it )?forward|(?:flip|switch|turn|put|set|point|move|change|toggle|bring|"
    r"dial|pick|re-?enable|scale)(?:ped|ping|ted|ting|ed|ing|s)? (?:\w+ ){0,4}back\b|"
    r"re-?(?:apply|add|adding|enable|publish|select|pick|deploy)\w*|"
    r"same (?:toggle|switch|setting|flag|button|lever|command|query|line|click|script|checkbox|"
    r"entry|call|edit|step|rule|dropdown)|resum(?:e|ed|ing)|unpause|release (?:it|them|the \w+)|"
    r"whenever we (?:liked|wanted)|(?:could|can) (?:just )?(?:pick|switch|turn|flip)|"
    r"back on|back off|"
    r"replay(?:ed)? (?:it|the|them)|lost no data|nothing (?:is|was) lost|equally quick|"
    r"just as (?:fast|quick(?:ly)?|easily|simply|readily)|"
    r"(?:could|can)(?: just| easily| simply)? be (?:\w+ed|put|set) (?:back|forward|off)\b|"
    r"(?:could|can) (?:just |easily |simply )?(?:re-?)?\w+ (?:[\w-]+ ){0,4}again (?:any ?time|"
    r"whenever|later|once|when)|(?:could|can) (?:just |easily |simply )?(?:lift|remove|"
    r"drop|disable|undo|reverse|revert|roll (?:it )?back|take (?:it )?(?:off|down))|"
    r"(?:easy|simple|quick|trivial|one click|one command) to (?:reverse|undo|revert|roll back|"
    r"switch back|turn (?:back )?on|remove|release|lift)|to release\b|"
    r"(?:could|can|'d) (?:just |easily |simply )?\w+ (?:[\w-]+ ){0,3}back\b|"
    r"(?:could|can)(?: be| just| easily)? (?:re-?run|re-?started|re-?enabled|reverted|undone|"
    r"restored|re-?applied|re-?added|put back|turned back on))\b",
    _I,
)
# Speed or smallness said plainly: "one config switch", "took effect on the next send",
# "stopped it within a minute", "nothing else would stop it as fast", "each minute cost us".
_COST_PLAIN = re.compile(
    r"(?=\w)\b(?:(?:one|a single|single) (?:[\w-]+ ){0,2}(?:click|command|toggle|flag|setting|"
    r"switch|variable|value|changes?|line|publish|rule|edit|call|restart|step|deploy|redeploy|"
    r"push|commit|script|api call|query)\b|"
    r"(?:takes?|took|taking) effect (?:on|at|with|from|within|immediately|at once|right away)|"
    r"effective (?:on|at|from|immediately)|"
    r"(?:stop\w*|end\w*|halt\w*|fix\w*|clear\w*)\b[^.;:]{0,50}\b(?:within|in) "
    r"(?:about |around |under |a few |one |a |\w+ )?(?:seconds?|minutes?)\b|"
    r"(?:nothing|no other [\w-]+)\b[^.;:]{0,60}\b(?:as (?:fast|quick(?:ly)?|cheap(?:ly)?|soon)|"
    r"faster|quicker|sooner|cheaper)\b|"
    r"(?:each|every) (?:minute|hour|second)\b[^.;]{0,30}\bcost|"
    r"(?:nearly|almost|virtually|next to) (?:free|nothing)|costs? (?:us )?(?:only|just) |"
    r"(?:stopp?\w*|end\w*|halt\w*|clear\w*) (?:[\w-]+ ){0,4}(?:immediately|at once|straight away|"
    r"right away)|(?:a|one) (?:per-[\w-]+|one-line|tiny|small) (?:switch|flag|toggle|setting|"
    r"config change|change|command)|instant(?:ly|aneous(?:ly)?)?\b|"
    r"cheap to (?:try|do|run|apply|make)|least (?:effort|work)|"
    r"(?:at|for) (?:almost |nearly |next to |virtually )?no (?:real )?cost|"
    r"\b(?:that|so) (?:quickly|fast)\b|"
    r"(?:quick|fast|cheap|easy) to (?:do|apply|make|run|try|ship|push)|"
    r"(?:\w+|few)-(?:second|minute) (?:job|change|task|thing|operation|step|edit|action|fix)|"
    r"(?:takes?|took|taking) (?:about |only |just |under |a few |a couple of )?(?:[\w-]+ )?"
    r"seconds|low[- ]stakes|worst case,? (?:we|it|the|that)\b|the alternative (?:was|being))",
    _I,
)
# Undoing said plainly: "switching it off just drains the queue", "could be reversed".
_UNDO_PLAIN = re.compile(
    r"(?=\w)\b(?:(?:switching|turning|flipping|toggling|taking|pulling|setting) (?:it|that|this|"
    r"them|the \w+) (?:off|on|out|back)\b|un-(?:paus|block|freez|throttl|mut|hid|suspend)\w*|"
    r"(?:could|can|would)(?: be| just| easily| simply)? (?:be )?reversed|"
    r"(?:easiest|simplest|quickest|fastest) to (?:reverse|undo|revert|roll back|switch|turn|"
    r"remove|lift)|just as (?:easy|simple|cheap)|puts? (?:it|them|everything) back|"
    r"(?:harmless|painless|safe|cheap|easy|simple|trivial|quick)(?:ly)? to (?:undo|reverse|revert|"
    r"take (?:it )?back|roll back|back out|switch back|turn off|remove)|"
    r"(?:trivially|easily|instantly) (?:undone|reversed|reverted|reversible)|"
    r"(?:re-?\w+ing|undoing|reversing|reverting) (?:[\w-]+ ){0,3}(?:is|was|takes|took) (?:just |"
    r"only )?(?:trivial|easy|simple|quick|instant|a single|one|seconds)|"
    r"(?:raising|lowering|restarting|resuming|reopening|re-?enabling|turning|switching|putting|"
    r"setting|adding|flipping) (?:it|them|that|the \w+) (?:back )?again|"
    r"(?:goes|go|went|comes|come|switch(?:es)?|flips?) back (?:the )?same way|"
    r"(?:could|can|'d|would) (?:just |easily |simply |always )?(?:return|go back|get back|revert) "
    r"to|nothing (?:we|that) (?:couldn't|could not|can't|cannot) (?:[\w-]+ ){0,2}(?:back|undo|"
    r"reverse)|(?:left|leaves|kept|keeps) (?:us )?(?:every|all|all our|all the|our|the) "
    r"options? open|to (?:take|pull) (?:it |them )?out again|un-?(?:drain|cordon|quarantin|"
    r"disabl|flag|pin)\w*|the same (?:few )?(?:seconds|minute|steps?|edit|change)|"
    r"nothing (?:about it )?(?:was|is) permanent|walk(?:ed|ing)? (?:it |that |this )?back|"
    # "unfreezing it", "unticking it releases them", "removing the entry restores the check",
    # "enable it again in one minute", "back to blocking in a second"
    r"un(?:paus|block|freez|throttl|mut|hid|suspend|drain|cordon|quarantin|disabl|pin|tick|mask|"
    r"fenc|silenc|snooz|park|hold|flag)\w*|"
    r"(?:removing|deleting|dropping|clearing|reverting|flipping|switching|turning|unsetting) "
    r"(?:[\w-]+ ){0,3}(?:restores?|brings? back|puts? back|releases?|re-?enables?)\b|"
    r"(?:could|can) (?:just |easily |simply )?[\w-]+ (?:[\w-]+ ){0,3}again (?:in|within) "
    r"(?:about |under |a few |\w+ )?(?:seconds?|minutes?|a moment)|"
    r"back (?:to [\w-]+ )?(?:in|within) (?:a |one |about |under |a few |\w+ )?"
    r"(?:seconds?|minutes?|moment))\b",
    _I,
)
_NOT_REVERSIBLE = re.compile(
    r"\b(?:irreversible|not reversible|couldn't (?:be )?undo|can't (?:be )?undo|no way back|"
    r"(?:couldn't|can't|cannot) be undone|"
    r"(?:can|could|would) never be|no going back|wasn't something we could undo|"
    r"neither cheap nor)\b",
    _I,
)
_GUT = re.compile(
    r"(?=\w)\b(?:didn't (?:really )?(?:weigh|think)|felt like the (?:\w+ )?thing|"
    r"first (?:thing|idea|option|suggestion) (?:anyone|someone|somebody) (?:suggested|said|had)|"
    r"first (?:flag|thing|button|option|idea) (?:on|that|i)|(?:one|button|tool|thing) i knew best|"
    r"(?:most|more) decisive|didn't consider|gut feeling|just went with it|"
    r"(?:be )?seen to (?:act|do)|"
    r"(?:because|since|as) (?:the|our|my) (?:runbook|playbook|director|manager|cto|vp|boss|lead|"
    r"ceo|checklist) (?:says?|said|asked|suggested|told|wanted|recommended)|"
    r"(?:the|our|my) (?:director|manager|cto|vp|boss|ceo|head of \w+) (?:asked|suggested|told|"
    r"wanted|insisted)|(?:just )?what (?:our|the|my) team (?:always )?(?:does|did|do)\b|"
    r"that's what (?:the team|we|everyone) (?:did|does|always do))\b",
    _I,
)


def _calls_irreversible(text: str) -> bool:
    """The sentence calls the step irreversible, with no contrast that turns to another step
    ("we couldn't undo the purge, but the flag we could")."""
    return bool(_NOT_REVERSIBLE.search(text)) and not re.search(r"\b(?:but|whereas|while)\b", text)


def _costs(text: str) -> list[re.Match[str]]:
    return [*_COST.finditer(text), *_COST_PLAIN.finditer(text)]


def _undos(text: str) -> list[re.Match[str]]:
    return [*_UNDO.finditer(text), *_UNDO_PLAIN.finditer(text)]


_SHORT_RUN_WORDS = 40  # short spoken sentences: read on until the window holds this many words
_MAX_AFTER = 5


def _window(answer: Answer, index: int, before: int, after: int) -> list[Sentence]:
    lo = max(0, index - before)
    hi = min(answer.reflection_from, index + after + 1)
    words = sum(len(s.text.split()) for s in answer.sentences[index + 1 : hi])
    while hi < min(answer.reflection_from, index + _MAX_AFTER + 1) and words < _SHORT_RUN_WORDS:
        words += len(answer.sentences[hi].text.split())
        hi += 1
    return answer.sentences[lo:hi]


def find_principle(answer: Answer, phases: Phases) -> tuple[bool, list[Span]]:
    """Whether the mitigation is justified as cheap/fast and reversible, with the justification."""
    indexes = set(phases.sentences_of(MITIGATION))
    indexes |= {u.sentence for u in phases.name_uses if u.phase == MITIGATION}
    best: list[Span] = []
    for index in sorted(indexes):
        window = _window(answer, index, 1, 3)
        cost = undo = None
        cost_s = undo_s = None
        for sentence in window:
            text = sentence.text
            if _GUT.search(text) or _tells_repair(phases, sentence):
                continue
            for m in _costs(text):
                if not is_negated(text, m.start(), window=2):
                    cost, cost_s = m, sentence
                    break
            if _calls_irreversible(text):
                continue
            for m in _undos(text):
                if not is_negated(text, m.start(), window=2):
                    undo, undo_s = m, sentence
                    break
            if cost is not None and undo is not None:
                break
        if cost and undo and cost_s and undo_s and abs(cost_s.index - undo_s.index) <= 2:
            best = [
                Span(*cost_s.span(cost.start(), cost.end()), "principle"),
                Span(*undo_s.span(undo.start(), undo.end()), "principle"),
            ]
            return True, best
    found = _argued_anywhere(answer, phases)
    return found if found[0] else argued_from_parse(answer, phases)


def _first_free(text: str, matches: list[re.Match[str]]) -> re.Match[str] | None:
    return next((m for m in matches if not is_negated(text, m.start(), window=2)), None)


def _tells_repair(phases: Phases, sentence: Sentence) -> bool:
    """'The fix was one line and easy to revert': the argument is about the repair."""
    told = set(phases.sentence_phases.get(sentence.index, set()))
    told |= {u.phase for u in phases.name_uses if u.sentence == sentence.index and u.phase}
    return told == {FIX}


def _argued_anywhere(answer: Answer, phases: Phases) -> tuple[bool, list[Span]]:
    """A story sentence that argues a step as both cheap and undoable is the justification,
    even when the step itself is told in words the phase lexicon does not know."""
    story = answer.story
    for n, sentence in enumerate(story):
        text = sentence.text
        if _GUT.search(text) or _NOT_REVERSIBLE.search(text) or _tells_repair(phases, sentence):
            continue
        cost = _first_free(text, _costs(text))
        if cost is None:
            continue
        undo_s = sentence
        undo = _first_free(text, _undos(text))
        if undo is None and n + 1 < len(story) and text[-1:] not in ".!?":
            # A raw transcript cut mid-argument: "one config switch | and we can switch back".
            undo_s = story[n + 1]
            clean = not (_GUT.search(undo_s.text) or _NOT_REVERSIBLE.search(undo_s.text))
            undo = _first_free(undo_s.text, _undos(undo_s.text)) if clean else None
        if undo is not None:
            return True, [
                Span(*sentence.span(cost.start(), cost.end()), "principle"),
                Span(*undo_s.span(undo.start(), undo.end()), "principle"),
            ]
    return False, []


def infer_mitigation(answer: Answer, phases: Phases) -> None:
    """A step argued as cheap and undoable is a mitigation, whatever verb tells it."""
    if phases.mitigation_denied:
        return
    if phases.present(MITIGATION):
        _mark_argued_step(answer, phases)
        return
    fix_sentences = phases.sentences_of(FIX)
    stop = fix_sentences[0] if fix_sentences else answer.reflection_from
    story = answer.sentences[:stop]
    for n, sentence in enumerate(story):
        nxt = story[n + 1] if n + 1 < len(story) else None
        text = sentence.text
        if _GUT.search(text) or not _costs(text):
            continue
        # An empty list is "no undo": the step needs a way back in it or the next sentence.
        if not (_undos(text) or (nxt is not None and _undos(nxt.text))):
            continue
        _mark(phases, sentence)
        return
    ok, spans = argued_from_parse(answer, phases)
    argued = answer.sentence_at(spans[0].start) if ok else None
    if argued is not None and argued.index < stop:
        _mark(phases, argued)


def _mark(phases: Phases, sentence: Sentence) -> None:
    """Record `sentence` as telling the mitigation."""
    phases.mentions.append(
        Mention(MITIGATION, sentence.start, sentence.end, sentence.text, sentence.index, False)
    )
    phases.sentence_phases.setdefault(sentence.index, set()).add(MITIGATION)


def _mark_argued_step(answer: Answer, phases: Phases) -> None:
    """The first story sentence arguing a step as cheap and undoable tells the mitigation,
    even when an earlier sentence already names one (a reflection told first, say)."""
    ok, spans = _argued_anywhere(answer, phases)
    sentence = answer.sentence_at(spans[0].start) if ok else None
    if sentence is None or MITIGATION in phases.sentence_phases.get(sentence.index, set()):
        return
    _mark(phases, sentence)


_REPAIR_NOUNS = frozenset({"fix", "repair", "hotfix", "solution"})
_LASTING = frozenset({"proper", "real", "permanent", "lasting", "durable", "long-term"})


def _about_repair(doc: Doc, start: int, end: int) -> bool:
    """The parse's sentences over `[start, end)` talk about the repair ("the fix was one line
    and easy to revert", "the proper change"), not about the stopgap."""
    for sent in doc.sents:
        if sent.end_char <= start or sent.start_char >= end:
            continue
        for token in sent:
            if token.pos_ == "NOUN" and token.lemma_ in _REPAIR_NOUNS:
                return True
            if token.lemma_ in _LASTING and token.dep_ == "amod":
                return True
    return False


def _clean(answer: Answer, doc: Doc, start: int, end: int) -> bool:
    """No sentence of the answer in `[start, end)` argues from gut feeling or calls the step
    irreversible, and the argument is not about the repair."""
    if _about_repair(doc, start, end):
        return False
    for sentence in answer.sentences:
        if sentence.end <= start or sentence.start >= end:
            continue
        text = sentence.text
        if _GUT.search(text):
            return False
        if _calls_irreversible(text):
            return False
    return True


def argued_from_parse(answer: Answer, phases: Phases) -> tuple[bool, list[Span]]:
    """The rules in `rules/principle.toml`: a `cheap` and an `undo` hit in one sentence of the
    parse, or in two neighbouring ones, before the closing reflection."""
    doc = parse(answer.text)
    story = answer.story
    story_end = story[-1].end if story else 0
    sents = [s for s in doc.sents if s.start_char < story_end]
    hits = ruleset("principle").hits(doc)
    for n, sent in enumerate(sents):
        start = sent.start_char
        end = sents[n + 1].end_char if n + 1 < len(sents) else sent.end_char
        inside = [h for h in hits if start <= h.start < min(end, story_end)]
        cheap = _first(inside, "cheap")
        undo = _first(inside, "undo")
        if cheap is None or undo is None:
            continue
        if not _clean(answer, doc, min(cheap.start, undo.start), max(cheap.end, undo.end)):
            continue
        return True, [
            Span(cheap.start, cheap.end, "principle", cheap.rule),
            Span(undo.start, undo.end, "principle", undo.rule),
        ]
    return False, []


def _first(hits: list[Hit], detects: str) -> Hit | None:
    return next((h for h in hits if h.detects == detects), None)
