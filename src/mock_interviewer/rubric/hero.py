"""The lone-hero story: no escalation, others sent away, working alone through the night."""

from __future__ import annotations

import re

from .sentences import is_negated
from .spans import Span
from .structure import Answer

_I = re.IGNORECASE

# Each family is one kind of hero cue; a story needs two different kinds (or one blatant cue).
_NO_ESCALATION = re.compile(
    r"(?=\w)\b(?:(?:(?:i|we)\s+(?:\w+\s+)?|(?:and|but)\s+)(?:didn't|did not|decided not to|"
    r"chose not to|"
    r"'d rather not|wasn't going to|was not going to|"
    r"would rather not|didn't want to|never)\s+(?:really\s+)?(?:want(?:ed)?\s+to\s+)?"
    r"(?:bother\s+)?(?:to\s+)?(?:wak\w+|page|paging|"
    r"call|escalat\w+|disturb|pull in|involve|loop in|ring)|"
    r"no need to (?:wake|page|call|escalate|bother)|without (?:waking|paging|escalating|"
    r"calling|telling) (?:anyone|anybody|a soul|the)|"
    r"nobody (?:else )?(?:was )?(?:paged|woken|called)|"
    r"rather not wake|let (?:everyone|them|the others) sleep|"
    r"(?:told|assured) (?:[\w']+ ){0,3}(?:i|we) had it (?:handled|covered|under control)|"
    r"didn't need (?:any )?help|(?:told|assured) [^.;]{0,40}\b(?:i|we)(?:'d| had)? (?:got|had) "
    r"(?:it|this)\b|told [^.;]{0,40}\bnot to worry|"
    r"kept (?:[\w'-]+ ){1,3}out of (?:it|the loop)|(?:preferred|liked|wanted) it that way|"
    r"(?:turned down|declined|refused) (?:\w+ )?(?:help|offer)|"
    r"(?:waved|sent) (?:them|him|her) off|(?:didn't|did not) see (?:the|a|any) (?:point|need|"
    r"reason) (?:of |in |to |for )?(?:\w+ing|wak\w+|call\w*|pag\w+|pull\w*|loop\w*|"
    r"involv\w+|bother\w*|escalat\w+)|(?:i|we) (?:didn't|did not) bother (?:the|anyone|"
    r"anybody|my|our|them|him|her)\b|didn't (?:really )?want to bother "
    r"(?:anyone|anybody|people|the team|them|my \w+|the [\w-]+)|"
    # Help offered and turned down: "asked if I needed anything and I said no, I've got it".
    r"(?:said|told (?:him|her|them)|replied)[,:]? (?:no[,.;]? )?(?:i(?:'ve| have)? )?"
    r"got (?:it|this)\b|(?:asked|offered)[^.;]{0,50}\b(?:help|anything|a hand)\b[^.;]{0,20}\b"
    r"(?:i|and i) (?:said no|declined|turned it down))",
    _I,
)
_SENT_AWAY = re.compile(
    r"\b(?:i|we)\s+(?:told|sent|asked)\s+(?:\w+\s+){0,6}?(?:off\s+)?(?:to\s+)?(?:go\s+)?"
    r"(?:home|back to bed|to bed|bed|sleep|rest|log off|sign off|get some sleep|head home|"
    r"drop off|leave)\b|"
    r"\b(?:sent|told) (?:the others|everyone|everybody|the team|them) (?:home|to log off|to go)|"
    r"\btold (?:him|her|them) to enjoy (?:the|their|his|her) (?:weekend|evening|night|holiday)|"
    r"\b(?:i|we)\s+let\s+(?:\w+\s+){1,6}?(?:go\s+)?(?:back to (?:sleep|bed)|to bed|home|log off|"
    r"sign off)\b",
    _I,
)
_SOLO = re.compile(
    r"(?=\w)\b(?:on my own|by myself|all myself|single-?handed(?:ly)?|just me\b|only me\b|"
    r"it was (?:just|only) me|i'd see it through|see it through (?:on my own|myself|alone)|"
    r"(?:did|do|handle|handled|fix|fixed) (?:it|everything|the rest)(?: all)? myself|"
    r"i (?:was|worked|stayed|kept going|carried on|did it|handled it|ran it) alone|"
    r"(?:the )?only (?:one|engineer|person|dev\w*)(?: \w+)? (?:on call|online|awake|around|"
    r"working|there|who knew)|i (?:was|worked|stayed|spent|sat|debugged|handled|did) "
    r"(?:[\w']+ ){0,4}alone|i'd take it from there|"
    r"i(?:'d| would) (?:handle|take) (?:it|the rest)|one-?man (?:show|band)|lone wolf|"
    r"all on me|on my shoulders|nobody else was (?:on|around|online|awake|up)|"
    r"my (?:own )?(?:mess|problem|baby) to (?:clean|fix|sort|solve)|"
    r"i'd take it from (?:here|there)|"
    r"(?:built|wrote|shipped|deployed|rolled|rebuilt|rewr\w+|patched|finished) (?:it|them|"
    r"everything|the rest|(?:the|that|our) (?:[\w-]+ ){0,2}[\w-]+)(?: out| through)?(?: all)? "
    r"myself|"
    # Ownership told as pride: "I'd rather own it", "this was mine", "the rest was me".
    r"(?:i'd|i would) rather (?:own|do|handle|fix|sort|carry) (?:it|this|the rest)|"
    r"wanted to be the one (?:who|that|to)|(?:decided|felt|knew) (?:that )?(?:this|it) was mine|"
    r"(?:solve|fix|sort|handle|do|finish) (?:it|this|the rest) (?:all )?myself|"
    r"nobody else was going to|the rest (?:was|of it was) (?:me|mine|on me)\b|"
    r"(?:handled|did|ran|fixed|worked|took) (?:[\w-]+ ){0,3}solo\b|kept (?:the|it|this|that) "
    r"(?:[\w-]+ ){0,2}to myself|(?:this|it) was my (?:service|system|code|problem|mess|baby)\b|"
    r"nobody else (?:knew|understood|could (?:read|follow)) (?:that|the|this|our) )\b",
    _I,
)
_NIGHT = re.compile(
    r"(?=\w)\b(?:no sleep|didn't (?:go to bed|sleep)|without (?:any )?sleep(?:ing)?|"
    r"stayed up (?:all|the rest of the|through the) night|(?:worked|kept going|carried on|stayed "
    r"on|was up|kept at it) (?:\w+ ){0,3}(?:through the night|all night|until (?:sunrise|dawn|"
    r"morning))|through the night|by sunrise|until sunrise|till sunrise|until dawn|by dawn|"
    r"all-nighter|straight into my (?:normal )?(?:day|shift)|went to bed at|"
    r"(?:that|the) night by myself|until (?:about |around )?(?:\d{1,2}|four|five|six|seven)\s?"
    r"(?:am\b|a\.m\b|in the morning)|by the time the (?:day shift|morning shift|office|team|"
    r"others) (?:arrived|came in|woke up|logged on|filled)|"
    r"before anyone (?:else )?(?:woke up|was awake|"
    r"came in|logged on)|(?:spent|worked|stayed up|was up) (?:[\w']+ ){0,2}"
    r"(?:whole|entire) night|up until (?:[0-9]|three|four|five|six|seven|dawn|sunrise|morning|"
    r"the morning)|(?:hours|all day|all night) straight|on no sleep|without sleeping|"
    r"went straight into (?:the |my )?(?:morning|next day|standup|stand-up|normal day|day)|"
    r"(?:until|till|when|as) (?:it was|it got|it was getting|it started getting) (?:light|bright)|"
    r"(?:saw|watched|see) the sun (?:come|coming|rise|rising)|"
    r"(?:till|til|'til) (?:about |around )?(?:\d{1,2}|three|four|five|six)\s?(?:am\b|a\.m\b|"
    r"in the morning)|(?:whole|entire) (?:weekend|night)s? and the nights?|"
    r"(?:worked|spent|stayed up) (?:\w+ ){0,3}the nights?\b|"
    r"(?:by|until|till|before) breakfast|until the birds|"
    r"(?:until|till|til|'til) (?:dawn|sunrise|daylight|first light)|"
    r"(?:by the time|until|till|before|when|as) the sun (?:came|was|got) up|"
    r"(?:until|till|when) the (?:milkman|milk float|cleaners|postman|birds|bin lorr\w+)|"
    r"until the (?:office|building|team|others|day shift) (?:filled|arrived|came|woke|opened)|"
    r"still [^.]{0,40}\bat (?:about |around )?(?:[1-6]|three|four|five|six)(?::\d\d)?\s?"
    r"(?:am\b|a\.m\b|in the morning)|(?:into|through) the (?:early|small) "
    r"hours)\b",
    _I,
)
_BLATANT = re.compile(
    r"\b(?:all night (?:alone|on my own|by myself)|alone all night|single-?handedly|"
    r"(?:i|we)\b[^.;]{0,40}\bsingle-?handed)\b",
    _I,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'd|i'm|i've|me|my|myself)\b", _I)


def find_hero(answer: Answer) -> tuple[bool, list[Span]]:
    """Whether the story is a lone-hero story, with the sentences that make it one."""
    kinds: set[str] = set()
    spans: list[Span] = []
    for sentence in answer.sentences:
        text = sentence.text
        if not _FIRST_PERSON.search(text):
            continue
        for name, regex in (
            ("escalation", _NO_ESCALATION),
            ("sent_away", _SENT_AWAY),
            ("solo", _SOLO),
            ("night", _NIGHT),
            ("blatant", _BLATANT),
        ):
            m = regex.search(text)
            if m is None:
                continue
            if name != "escalation" and is_negated(text, m.start(), window=3):
                continue
            kinds.add(name)
            spans.append(Span(*sentence.span(m.start(), m.end()), "hero"))
    hit = len(kinds) >= 2 or "blatant" in kinds
    return hit, spans
