"""Follow-up questions that pick up the candidate's own words.

An interviewer who heard "we rolled that release back" asks "You said you rolled that release
back; why that step, and what would undoing it have cost?", not a stock sentence. The quote
comes from the evidence spans of the weakness being probed (or of the part of the story it
hangs on), turned to the second person, and kept short: at most `MAX_QUOTE_WORDS` words, one
question. When no span gives a clean quote, the shipped fixed question is asked instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mock_interviewer.scorecard import Evidence, Scorecard

MAX_QUOTE_WORDS = 8
MIN_QUOTE_WORDS = 2
# Per target: where to look for a quote (finding id, evidence label or "" for any), and the
# question built around it. "said" templates take a clause, "mentioned" ones a noun phrase.
SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "no_prevention": (("separation", "fix"), ("separation", "mitigation")),
    "prevention": (("prevention", "prevention"), ("separation", "prevention")),
    "separation": (("separation", "mitigation"), ("separation", "fix")),
    "principle": (("separation", "mitigation"),),
    "timeline": (("timeline", ""),),
    "reflection": (("separation", "mitigation"), ("separation", "fix")),
    "systemic": (("systemic", ""), ("separation", "fix")),
    "blame": (("blame", ""),),
    "hero": (("hero", ""),),
    "conflation": (("conflation", ""),),
}
SAID = {
    "no_prevention": "You said {q}. What changed afterwards so it can't happen again?",
    "prevention": "You said {q}. When was that in place?",
    "separation": "You said {q}. What repaired the cause, and what changed afterwards?",
    "principle": "You said {q}. Why that step, and what would undoing it have cost?",
    "timeline": "You said {q}. When did the impact stop, and when did the follow-up land?",
    "reflection": "You said {q}. Looking back, what would you do differently?",
    "systemic": "You said {q}. What in the system let that happen?",
    "blame": "You said {q}. Setting the people aside, what guardrail was missing?",
    "hero": "You said {q}. Who else was involved?",
    "conflation": "You said {q}. Which step was temporary, and which was permanent?",
}
MENTIONED = {
    "no_prevention": "You mentioned {q}. What changed afterwards so it can't happen again?",
    "prevention": "You mentioned {q}; when did it go live?",
    "separation": "You mentioned {q}. What repaired the cause, and what changed afterwards?",
    "principle": "You mentioned {q}. Why that, and what would undoing it have cost?",
    "timeline": "You mentioned {q}. When did the impact stop, and when did the follow-up land?",
    "reflection": "You mentioned {q}. Looking back, what would you do differently?",
    "systemic": "You mentioned {q}. What in the system let that happen?",
    "blame": "You mentioned {q}. Setting the people aside, what guardrail was missing?",
    "hero": "You mentioned {q}. Who else was involved?",
    "conflation": "You used the word “{q}” for more than one step. Which was temporary?",
}
NOUN_PHRASE_OK = {"prevention"}  # "You mentioned the canary stage; when did it go live?"
_SECOND_PERSON = {
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
}
_BOUNDARY = re.compile(
    r"[.!?;:,]|\s(?=(?:and|but|because|so|which|while|when|then|until|after|before)\s)",
    re.IGNORECASE,
)
_SUBJECTS = {"i", "we", "i'd", "we'd", "i've", "we've"}
_LEADS = {"so", "and", "then", "but", "um", "uh", "well", "also", "just", "basically", "honestly"}
_CUT_WORDS = {"that", "which", "who", "with", "for", "to", "by", "in", "on", "at", "after", "from"}
_DETERMINERS = {"the", "a", "an", "your", "that", "this"}
_FILLER_MASK = re.compile(r",?\s*\b(?:um|uh|erm|hmm|you know)\b,?", re.IGNORECASE)
_FILLER = re.compile(r"\b(?:um|uh|erm|hmm|you know|like,)\b[,.]?\s*", re.IGNORECASE)


def quoted_question(target: str, card: Scorecard, text: str | None = None) -> str | None:
    """A question for `target` quoting the answer `text` (the transcript the card scored), or
    None when no evidence gives a clean quote (the caller then asks the fixed question)."""
    for evidence in _candidates(target, card):
        if target == "conflation":
            word = _clean(evidence.text)
            if word and len(word.split()) <= 2:
                return MENTIONED["conflation"].format(q=word.lower())
            continue
        fragment = evidence.text
        if text is not None and 0 <= evidence.start_char < evidence.end_char <= len(text):
            fragment = clause_around(text, evidence.start_char, evidence.end_char)
        quote = second_person(fragment)
        if quote is None:
            continue
        words, clause = quote
        if clause or target in NOUN_PHRASE_OK:
            return (SAID if clause else MENTIONED)[target].format(q=words)
    return None


def _candidates(target: str, card: Scorecard) -> Iterator[Evidence]:
    for finding_id, label in SOURCES.get(target, ()):
        finding = card.signals.get(finding_id) or card.pitfalls.get(finding_id)
        if finding is None:
            continue
        yield from (e for e in finding.evidence if not label or e.label == label)


def clause_around(text: str, start: int, end: int) -> str:
    """The words of the clause holding `text[start:end]`, from its subject, at most
    `MAX_QUOTE_WORDS` long ("we made a canary stage mandatory for that service")."""
    plain = _FILLER_MASK.sub(lambda m: " " * len(m.group()), text)  # "we, uh, rolled" is one
    left = max((m.end() for m in _BOUNDARY.finditer(plain, 0, start)), default=0)
    right = next((m.start() for m in _BOUNDARY.finditer(plain, start + 1)), len(text))
    clause = plain[left:right]
    words = clause.split()
    offsets, pos = [], left
    for word in words:
        pos = text.index(word, pos)
        offsets.append(pos)
        pos += len(word)
    first = 0
    for i, (word, at) in enumerate(zip(words, offsets, strict=True)):
        if at > start:
            break
        if word.lower().strip(",.") in _SUBJECTS:
            first = i  # the last subject before the evidence begins the quote
    if not any(w.lower().strip(",.") in _SUBJECTS for w in words[first : first + 1]):
        first = next(i for i, at in enumerate(offsets) if at + len(words[i]) > start)
        if first and words[first - 1].lower() in _DETERMINERS | {"an"}:
            first -= 1  # "an alert on replica health", not "alert on replica health"
    return " ".join(words[first:])


def _clean(text: str) -> str:
    text = _FILLER.sub("", " ".join(text.split()))
    return text.strip(" .,;:!?\"“”'")


def second_person(fragment: str) -> tuple[str, bool] | None:
    """(the fragment told back in the second person, whether it is a clause), or None when it
    is too long, too short or reads badly as a quote."""
    words = [w.strip(",;") for w in _clean(fragment).split() if w.strip(",;")]
    while words and words[0].lower().strip(",") in _LEADS:
        words = words[1:]
    from mock_interviewer.answer_end import open_ending

    ends = [len(words)]
    if len(words) > MAX_QUOTE_WORDS:  # end before a trailing phrase: "... for that service"
        ends = [i for i in range(MAX_QUOTE_WORDS, 2, -1) if words[i].lower() in _CUT_WORDS]
    # The longest quote that fits and does not leave the listener hanging ("the cause was").
    end = next((i for i in ends if not open_ending(" ".join(words[:i]) + ".")), 0)
    words = words[:end]
    if not MIN_QUOTE_WORDS <= len(words) <= MAX_QUOTE_WORDS:
        return None
    turned = [_SECOND_PERSON.get(w.lower(), w) for w in words]
    if not turned[0].isupper() or (len(turned[0]) > 1 and turned[0] != "I"):
        turned[0] = turned[0][0].lower() + turned[0][1:]
    quote = " ".join(turned)
    if turned[0] == "you" and len(turned) >= 3:
        return quote, True
    if turned[0].lower() in _DETERMINERS and len(turned) >= 2:
        return quote, _has_verb(quote)  # "the fix was small" is said; "the canary" mentioned
    return None


def _has_verb(fragment: str) -> bool:
    from mock_interviewer.rubric import nlp

    return any(t.pos_ in ("VERB", "AUX") for t in nlp.pipeline()(fragment))
