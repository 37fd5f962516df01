"""Meaning at the level of the clause, read off spaCy's dependency parse.

Each function takes a token (usually the head of a matched phrase) and answers one question
about the clause it sits in: is it negated, hypothetical or planned, who is its agent. Rules
name these as guards (see `rulebook.GUARDS`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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
