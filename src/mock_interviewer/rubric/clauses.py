"""Meaning at the level of the clause, read off spaCy's dependency parse.

Each function takes a token (usually the head of a matched phrase) and answers one question
about the clause it sits in: is it negated, hypothetical or planned, who is its agent. Rules
name these as guards (see `rulebook.GUARDS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "nobody", "neither", "nor"})
_MODALS = frozenset({"would", "could", "might", "should", "'d", "may"})
# "we planned to roll back", "the idea was to add a canary", "we never got round to adding".
_INTENT = frozenset(
    {"plan", "want", "intend", "hope", "mean", "try", "aim", "propose", "suggest", "agree"}
)
_REPLAY = frozenset({"replay", "rerun", "redo", "relive", "rewind", "restart"})
_PERSONAL = frozenset({"i", "we", "me", "us", "my", "our"})


def verb_of(token: Token) -> Token:
    """The verb (or copula) that governs `token`'s clause: itself when it is one."""
    node = token
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            return node
        if node.head is node:
            break
        node = node.head
    return node


def _negator(token: Token) -> bool:
    return token.dep_ == "neg" or (token.lower_ in _NEGATORS and token.dep_ != "det")


def negated(token: Token) -> bool:
    """True when the clause of `token` is negated ("we did not roll back", "never added")."""
    verb = verb_of(token)
    for node in (verb, *verb.ancestors):
        if any(
            c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ != "det") for c in node.children
        ):
            return True
        if node.dep_ not in ("xcomp", "ccomp", "pcomp", "conj", "advcl") or node.head is node:
            break
    return False


def hypothetical(token: Token) -> bool:
    """True for a counterfactual, a condition or a plan that did not (yet) happen."""
    verb = verb_of(token)
    for node in (verb, *verb.ancestors):
        kids = list(node.children)
        if any(c.dep_ == "aux" and c.lower_ in _MODALS for c in kids):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in kids):
            return True
        if node is not verb and node.lemma_ in _INTENT:
            return True
        if node.dep_ not in ("xcomp", "ccomp", "pcomp", "conj", "acomp") or node.head is node:
            break
    return False


def hindsight(token: Token) -> bool:
    """A judgement made looking back: "would have been cheaper", "should have been first"."""
    verb = verb_of(token)
    for node in (verb, *verb.ancestors):
        aux = [c for c in node.children if c.dep_ == "aux"]
        if any(a.lower_ in _MODALS for a in aux) and any(a.lower_ == "have" for a in aux):
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj", "acomp", "relcl") or node.head is node:
            break
    return False


def counterfactual(token: Token) -> bool:
    """An action told as what would have been done ("rolling back would have taken five
    minutes", "we could have failed over"): hindsight on its clause or the one it heads."""
    verb = verb_of(token)
    if hindsight(verb):
        return True
    return verb.dep_ in ("csubj", "nsubj", "xcomp") and hindsight(verb.head)


def past_act(span: Span) -> bool:
    """The phrase tells a step as done ("we reverted", "it was reverted"), not that it could be."""
    verb = next((t for t in span if t.pos_ in ("VERB", "AUX")), span.root)
    if verb.tag_ == "VBD":
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _MODALS or a.lower_ in ("can", "will") for a in aux):
        return False
    return verb.tag_ == "VBN" and any(a.tag_ == "VBD" for a in aux)


def followed_by(span: Span, words: tuple[str, ...]) -> bool:
    """The word right after the phrase is one of `words` ("never happened *again*")."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in words


def subject_of(token: Token) -> Token | None:
    """The grammatical subject of `token`'s clause, following conjuncts and open clauses."""
    verb = verb_of(token)
    for node in (verb, *verb.ancestors):
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child
        if node.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or node.head is node:
            break
    return None


def first_person(token: Token) -> bool:
    """True when the speaker ("I", "we") is the clause's subject."""
    subject = subject_of(token)
    return subject is not None and subject.lower_ in _PERSONAL


def is_person(token: Token) -> bool:
    """A named person, or a role or team that stands for people ("the contractor", "ops")."""
    return token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.ent_type_ == "")


def in_quotes(span: Span, quotes: list[tuple[int, int]]) -> bool:
    """True when the phrase sits inside a quotation the speaker reports."""
    return any(a <= span.start_char and span.end_char <= b for a, b in quotes)


def real_condition(token: Token) -> bool:
    """A condition that names a trigger, not a figure of speech ("if I'm honest", "if I did
    it again")."""
    verb = token.head if token.dep_ in ("mark", "advmod") else verb_of(token)
    words = {c.lower_ for c in verb.subtree}
    if (verb.lemma_ == "do" and words & {"again", "over"}) or verb.lemma_ in _REPLAY:
        return False
    return not (verb.lemma_ == "be" and words & {"honest", "fair", "frank"})


def lead_in(token: Token) -> bool:
    """A clause that only introduces what follows: "what I'd take from it is ..."."""
    verb = verb_of(token)
    return any(c.lower_ == "what" for c in verb.children) and verb.dep_ in (
        "csubj",
        "ccomp",
        "relcl",
        "pcomp",
        "advcl",
        "nsubj",
    )


def speaker_near(span: Span) -> bool:
    """The speaker ("I", "my", "me") is in the phrase's sentence or the one before it."""
    sent = span.sent
    doc = span.doc
    before = doc[sent.start - 1].sent if sent.start > 0 else sent
    return any(t.lower_ in ("i", "my", "me", "myself") for t in (*before, *sent))


_LENGTH_VERBS = frozenset({"take", "spend", "last", "wait", "lose", "burn", "run", "need"})
_LENGTH_PREPS = frozenset({"for", "during", "throughout"})
_PAST_WORDS = frozenset({"before", "earlier", "ago", "last", "previous", "prior", "yesterday"})
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
_FILLERS = frozenset({"like", "about", "around", "roughly", "um", "uh", ",", "following", "next"})
_DAY_WORDS = frozenset(
    {"week", "weeks", "month", "months", "fortnight", "quarter", "day", "days"} | _WEEKDAYS
)


def past_perfect(verb: Token) -> bool:
    """ "we had done", "we'd done" (spaCy may read this 'd as would: a VBN after it is had)."""
    for c in verb.children:
        if c.dep_ != "aux":
            continue
        if (c.lemma_ == "have" and c.tag_ == "VBD") or (c.lower_ == "'d" and verb.tag_ == "VBN"):
            return True
    return False


def point_in_time(span: Span) -> bool:
    """A date that is a point of the story, not a length ("a two-week sprint", "took a week")."""
    root = span.root
    words = {t.lower_ for t in span}
    if words & {"every", "each"}:
        return False
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN":
        return False
    head = root.head
    if head.pos_ == "ADP" and head.lower_ in _LENGTH_PREPS:
        return False
    if head.pos_ == "ADP" and head.lower_ == "over" and not words & {"next", "following"}:
        return False
    verb = verb_of(root)
    if past_perfect(verb):
        return False  # "a deploy we'd made on Friday": the past perfect dates what came before
    return not (verb.lemma_ in _LENGTH_VERBS and root.dep_ in ("dobj", "npadvmod", "attr"))


def not_past_relative(span: Span) -> bool:
    """Not a date before the story ("the week before", "last spring", "two months earlier")."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    words = {t.lower_ for t in span} | ({after.lower_} if after is not None else set())
    return not words & _PAST_WORDS


def day_scale(span: Span) -> bool:
    """A later point a day or more away, said as one: "on the Wednesday", "in like 3 weeks",
    "two weeks later", "over the next couple of weeks", "the following Monday"."""
    doc = span.doc
    words = {t.lower_ for t in span}
    if not words & _DAY_WORDS:
        return False
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    # The preposition that governs the date, past fillers and a determiner: "in like 3 weeks",
    # "on the Monday", "the following Thursday".
    i, first = span.start - 1, span[0].lower_
    while i >= 0 and (doc[i].lower_ in _FILLERS or doc[i].pos_ == "DET"):
        if doc[i].pos_ == "DET" or doc[i].lower_ in ("next", "following"):
            first = doc[i].lower_
        words.add(doc[i].lower_)
        i -= 1
    if words & {"next", "following", "later", "after"} or after in ("later", "after"):
        return True
    prep = doc[i].lower_ if i >= 0 else ""
    weekday = bool(words & _WEEKDAYS)
    if weekday:
        # "on a Friday" is the day it happened; "on the Wednesday", "on Tuesday" come later.
        return prep in ("on", "by", "until", "till") and first not in ("a", "one", "an")
    numbered = any(t.like_num or t.lower_ in ("a", "couple", "few") for t in span)
    # "within a day of a match" is a window around other events, not a point of this story.
    return numbered and prep in ("in", "within", "by") and after != "of"


def since_perfect(doc: Doc, start: int, end: int) -> bool:
    """True when the text between `start` and `end` tells its action as "we have since done",
    a present perfect with no time it happened."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    for token in span:
        if token.lower_ == "since" and token.dep_ == "advmod":
            verb = token.head
            if any(
                c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
                for c in verb.children
            ):
                return True
    return False


# Nouns that stand for people or a group of them (a team, a vendor's staff), never a system.
PARTY_NOUNS = frozenset(
    {"team", "group", "squad", "department", "vendor", "supplier", "contractor", "engineer"}
    | {"developer", "dev", "analyst", "admin", "intern", "hire", "junior", "guy", "person"}
    | {"folks", "people", "manager", "lead", "tester", "dba", "operator", "colleague"}
    | {"coworker", "consultant", "agency", "staff", "side", "owner", "reviewer", "partner"}
)
_THIRD = frozenset({"he", "she", "they", "him", "her", "them", "his", "their"})
_SELF = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})


def is_party(token: Token) -> bool:
    """A person or a team other than the speaker: a name, he/she/they, 'the data team'."""
    if token.lower_ in _SELF:
        return False
    if token.lower_ in _THIRD or token.ent_type_ == "PERSON":
        return True
    if token.lemma_.lower() in PARTY_NOUNS:
        return True
    # A lower-cased name in a transcript: a proper noun the parse could not type.
    return token.pos_ == "PROPN" and token.ent_type_ in ("", "NORP")


def owner_is_party(span: Span) -> bool:
    """'Dave's fault', 'their mistake', 'the fault of the ops team': the owner is a party."""
    for token in span:
        if token.dep_ == "poss" or token.dep_ == "pobj":
            return is_party(token)
        if token.lower_ in ("'s", "’s") and token.i > 0:
            return is_party(span.doc[token.i - 1])
    return False


def _party_subjects(tokens: Iterable[Token]) -> list[Token]:
    out = []
    for token in tokens:
        if token.dep_ in ("nsubj", "nsubjpass") and is_party(token):
            out.append(token)
        elif (
            token.dep_ in ("nsubj", "nsubjpass")
            and token.lower_ in ("nobody", "no one")
            and any(is_party(t) for t in token.subtree if t is not token)
        ):
            out.append(token)  # "nobody on their side checked it": a party by what follows
    return out


def party_did_it(span: Span) -> bool:
    """A party other than the speaker is the doer in this sentence or the one before, and the
    speaker is not the one who did it ("I merged it, and that is why")."""
    sent = span.sent
    doc = span.doc
    before = doc[sent.start - 1].sent if sent.start > 0 else None
    tokens = [*(before or ()), *sent]
    parties = [t for t in _party_subjects(tokens) if t.i < span.start]
    if not parties:
        return False
    nearest = max(t.i for t in parties)
    return not any(
        t.dep_ == "nsubj" and t.lower_ in _SELF and nearest < t.i < span.start for t in sent
    )


def party_acts_after(span: Span) -> bool:
    """The clause the phrase introduces has a party as its doer: "the real problem was that
    *Tom* ignored the alert" (a system or the speaker as the doer is not)."""
    be = next((t for t in span if t.lemma_ == "be"), None)
    if be is None:
        return False
    clause = [c for c in be.children if c.dep_ == "ccomp" and c.i >= span.end - 1]
    return any(_party_subjects(c.children) for c in clause)


def last_is_party(span: Span) -> bool:
    """The phrase ends on a person or a team: "down to *Priya*", "down to the *platform team*"."""
    return is_party(span[-1])


def party_in_sentence(span: Span) -> bool:
    """Someone other than the speaker is in the sentence, as subject or owner."""
    return any(is_party(t) for t in span.sent if t.dep_ in ("nsubj", "nsubjpass", "poss"))
