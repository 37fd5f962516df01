"""Per-prompt expectations: checks built from the detectors plus a few story-shape patterns."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..prompts import Prompt
from .lexicon import FIX, MITIGATION, PREVENTION, STRUCTURAL
from .signals import Detection
from .spans import Span

_I = re.IGNORECASE
Check = Callable[[Detection], tuple[bool, list[Span]]]

_IMPACT = re.compile(
    r"\b(?:customers?|users?|members?|patients?|riders?|students?|players?|viewers?|fans?|"
    r"people|clients?|retailers?|publishers?|passengers?|visitors?|candidates?|buyers?|"
    r"subscribers?|merchants?|drivers?|couriers?)\b",
    _I,
)
_DECISION = re.compile(
    r"\b(?:decid\w*|decision|call\b|chose|choice|option|trade-?off|judg\w+|weigh\w*|risk\w*|"
    r"gamble|bet)\b",
    _I,
)
_RISK = re.compile(
    r"\b(?:could have|would have|risk\w*|worse|dangerous|double-\w+|lose|lost|drop(?:ped)? "
    r"in-flight|harder to back out|own risk|side effects?|blast radius)\b",
    _I,
)
_DEFEND = re.compile(
    r"\b(?:defend|was right|the right call|worth (?:it|the)|i'd keep|i would keep|glad|"
    r"i'd do (?:it|that) again|still think)\b",
    _I,
)
_WRONG_THEORY = re.compile(
    r"\b(?:assum\w+|anchor\w*|(?:was|were) (?:sure|certain|convinced)|i was (?:sure|certain|"
    r"convinced)|theory|hypothes\w+|misdiagnos\w*|wrong|jumped to|went straight to|"
    r"first instinct|suspect\w*)\b",
    _I,
)
_MISTAKE = re.compile(
    r"\b(?:anchor\w*|confirmation|proxy|aggregate|assum\w+|didn't check|without checking|"
    r"i measured|read (?:that|it) as|instead of|ignored|defend\w*|held on|held onto|"
    r"chased|committed to|should have)\b",
    _I,
)
_OPTIONS = re.compile(
    r"\b(?:options?|choices|alternatives|could (?:either|try)|we could|i could|"
    r"(?:two|three|four) (?:things|ways|paths))\b",
    _I,
)
_FAST = re.compile(
    r"\b(?:(?:within|inside|in under|under) (?:about )?(?:a|one|two|ninety|sixty|thirty|\d+) "
    r"(?:seconds?|minutes?)|(?:two|a couple of) minutes later|on the spot|right then|"
    r"straight away|immediately)\b",
    _I,
)
_SURPRISE = re.compile(
    r"\b(?:surpris\w+|unexpected|wasn't (?:the|our|it)|it wasn't|turned out|nothing to do with|"
    r"not what|weird|of all things|wasn't .{0,30} at all)\b",
    _I,
)
_REVISE = re.compile(
    r"\b(?:(?:but|and) (?:the|it|they|that) (?:was|were|wasn't|weren't) fine|changed nothing|"
    r"did nothing|nothing changed|was flat|were flat|came back (?:perfectly|fine|clean)|"
    r"still there|not (?:it|the cause)|wasn't (?:it|the)|ruled out|disconfirm\w*|drop(?:ped)? "
    r"(?:that|the|my) theory|so it wasn't|turned out|^nothing\b|wasn't \w+ at all|"
    r"it was(?:n't| not) (?:our|the) \w+)\b",
    _I,
)
_FIRST_Q = re.compile(
    r"\b(?:first (?:check|question|query|thing i (?:look|check|open|ask))|my first|"
    r"i (?:now )?ask|look at .{0,40} first|check .{0,40} first)\b",
    _I,
)
_ESCALATE = re.compile(
    r"\b(?:pag\w+|escalat\w+|broadcast\w*|call(?:ed|ing)?|pull(?:ed)? in|announc\w+|"
    r"declar\w+|phone call|told|ring)\b",
    _I,
)


def _search_all(
    det: Detection, regex: re.Pattern[str], label: str, story_only: bool = False
) -> list[Span]:
    sentences = det.answer.story if story_only else det.answer.sentences
    spans = []
    for s in sentences:
        m = regex.search(s.text)
        if m:
            spans.append(Span(*s.span(m.start(), m.end()), label))
    return spans


def _verdict(det: Detection, signal: str) -> tuple[bool, list[Span]]:
    v = det.verdicts[signal]
    return v.hit, list(v.spans)


def _detection_first(det: Detection) -> tuple[bool, list[Span]]:
    m = det.timeline_parts.detection
    if m is None:
        return False, []
    return m.start < len(det.answer.text) * 0.4, [Span(m.start, m.end, m.label)]


def _early_mitigation(det: Detection) -> tuple[bool, list[Span]]:
    m = det.timeline_parts.mitigation
    if m is None or m.minutes is None:
        return False, []
    return m.minutes <= 20, [Span(m.start, m.end, m.label)]


def _root_cause_timed(det: Detection) -> tuple[bool, list[Span]]:
    for s in det.answer.story:
        if re.search(
            r"\b(?:root cause|the cause|we knew why|understood|found it|had the cause)", s.text, _I
        ):
            for m in det.answer.markers:
                if s.start <= m.start < s.end and not m.is_later:
                    return True, [Span(m.start, m.end, m.label)]
    return False, []


def _fix_within_hours(det: Detection) -> tuple[bool, list[Span]]:
    fix_idx = set(det.phases.sentences_of(FIX)) | {
        u.sentence for u in det.phases.name_uses if u.phase == FIX
    }
    for m in det.answer.markers:
        s = det.answer.sentence_at(m.start)
        if s is not None and s.index in fix_idx and (m.minutes is None or m.minutes <= 2 * 1440):
            return True, [Span(m.start, m.end, m.label)]
    return False, []


def _guardrail_in_weeks(det: Detection) -> tuple[bool, list[Span]]:
    if not det.verdicts["prevention"].hit:
        return False, []
    for m in det.answer.markers:
        if m.is_later and m.minutes is not None and 5 * 1440 <= m.minutes <= 45 * 1440:
            return True, [Span(m.start, m.end, m.label)]
    return False, []


def _in_reflection(det: Detection, regex: re.Pattern[str]) -> tuple[bool, list[Span]]:
    spans = [
        Span(*s.span(m.start(), m.end()), "reflection")
        for s in det.answer.reflection
        if (m := regex.search(s.text))
    ]
    return bool(spans), spans


def _phased_prevention(det: Detection) -> tuple[bool, list[Span]]:
    prev_idx = set(det.phases.sentences_of(PREVENTION))
    later = [
        m
        for m in det.answer.markers
        if m.is_later
        and (s := det.answer.sentence_at(m.start)) is not None
        and any(abs(s.index - i) <= 1 for i in prev_idx)
    ]
    ok = det.verdicts["prevention"].hit and (
        len({m.label for m in later}) >= 2 or len(_structural_items(det)) >= 2
    )
    return ok, [Span(m.start, m.end, m.label) for m in later]


def _count_at_least(regex: re.Pattern[str], n: int, label: str) -> Check:
    def check(det: Detection) -> tuple[bool, list[Span]]:
        spans = _search_all(det, regex, label)
        return len(spans) >= n, spans

    return check


_APPLIED = re.compile(
    r"\b(?:now|since|ever since|these days|every time|any ?time|whenever|always)\b", _I
)


def _behaviour_changes(det: Detection) -> tuple[bool, list[Span]]:
    spans = list(det.verdicts["reflection"].spans)
    applied = any(_APPLIED.search(s.text) for s in det.answer.reflection)
    return bool(spans) and (len(spans) >= 2 or applied), spans


def _workaround_apart(det: Detection) -> tuple[bool, list[Span]]:
    ok = (
        det.phases.present(MITIGATION)
        and det.phases.present(FIX)
        and not det.verdicts["conflation"].hit
    )
    return ok, [
        Span(m.start, m.end, m.phase) for m in det.phases.mentions if m.phase in (MITIGATION, FIX)
    ][:4]


def _structural_items(det: Detection) -> dict[str, Span]:
    """Distinct structural nouns told in prevention sentences."""
    items: dict[str, Span] = {}
    for index in det.phases.sentences_of(PREVENTION):
        s = det.answer.sentences[index]
        for m in STRUCTURAL.finditer(s.text):
            key = m.group().lower().rstrip("s")
            if key not in _WEAK_ITEMS:
                items.setdefault(key, Span(*s.span(m.start(), m.end()), "prevention"))
    return items


_WEAK_ITEMS = {"required", "require", "mandatory", "must", "has to", "have to", "blocking"}


def _broad_prevention(det: Detection) -> tuple[bool, list[Span]]:
    items = _structural_items(det)
    return det.verdicts["prevention"].hit and len(items) >= 2, list(items.values())


CHECKS: dict[str, Check] = {
    "detection_first": _detection_first,
    "early_mitigation": _early_mitigation,
    "mitigation_principle": lambda d: _verdict(d, "principle"),
    "root_cause_timed": _root_cause_timed,
    "fix_within_hours": _fix_within_hours,
    "guardrail_in_weeks": _guardrail_in_weeks,
    "escalation_reflection": lambda d: _in_reflection(d, _ESCALATE),
    "customer_impact": _count_at_least(_IMPACT, 1, "impact"),
    "workaround_apart": _workaround_apart,
    "blameless_gap": lambda d: _verdict(d, "systemic"),
    "phased_prevention": _phased_prevention,
    "judgement_calls": _count_at_least(_DECISION, 2, "decision"),
    "risky_mitigation": _count_at_least(_RISK, 1, "risk"),
    "defended_deliberation": lambda d: (
        _in_reflection(d, _DEFEND) if _in_reflection(d, _DEFEND)[0] else _verdict(d, "reflection")
    ),
    "real_misdiagnosis": _count_at_least(_WRONG_THEORY, 2, "misdiagnosis"),
    "named_mistakes": _count_at_least(_MISTAKE, 2, "mistake"),
    "behaviour_changes": _behaviour_changes,
    "options_weighed": _count_at_least(_OPTIONS, 1, "options"),
    "decision_speed": _count_at_least(_FAST, 1, "decision time"),
    "broad_prevention": _broad_prevention,
    "habit_rule": lambda d: _verdict(d, "reflection"),
    "surprising_cause": _count_at_least(_SURPRISE, 1, "surprise"),
    "hypothesis_revised": _count_at_least(_REVISE, 1, "revised"),
    "first_question": lambda d: (
        _in_reflection(d, _FIRST_Q) if _in_reflection(d, _FIRST_Q)[0] else _verdict(d, "reflection")
    ),
}


def evaluate(det: Detection, prompt: Prompt) -> list[tuple[str, str, bool, list[Span]]]:
    """(id, text, met, evidence) for each of the prompt's expectations."""
    out: list[tuple[str, str, bool, list[Span]]] = []
    for exp in prompt.expectations:
        check = CHECKS.get(exp.check or exp.id)
        if check is None:
            out.append((exp.id, exp.text, False, []))
            continue
        met, spans = check(det)
        out.append((exp.id, exp.text, met, spans[:4]))
    return out
