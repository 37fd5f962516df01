"""Blame (a sentence pinning the incident on a person or team) and systemic framing."""

from __future__ import annotations

import re

from .nlp import parse
from .rulebook import ruleset
from .sentences import Sentence, clause_start, in_ranges, is_negated
from .spans import Span
from .structure import Answer

_I = re.IGNORECASE

# Another person or team as the doer (never "I" or "we": self-criticism is not blame).
_AGENT = re.compile(
    r"(?=\w)\b(?:(?:the|that|this|their|a|one|our(?!\s+(?:own\s+)?team\b)|those)\s+"
    r"(?:[\w'-]+\s+){0,3}?"
    r"(?:team|group|squad|department|dept|vendor|supplier|contractor|engineer|developer|dev|"
    r"analyst|admin|administrator|intern|new hire|hire|junior|guy|person|folks|people|manager|"
    r"lead|tester|designer|architect|dba|operator|provider|partner|colleague|coworker|"
    r"co-worker|consultant|agency|desk|shift|crew|staff|on-call|oncall|ops|sre|qa|owner|"
    r"maintainer|reviewer|approver)s?\b|"
    r"(?:sales|marketing|management|finance|legal|they|them|he|she|someone|somebody)\b|"
    r"(?<=[a-z,;] )(?!(?:I|I'd|I'm|I've|We|Our|My|The|This|That|It|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|T|UTC|API|EU|US|UK)\b)(?-i:[A-Z][a-z]+)"
    r"(?= (?:on|from|in|at) "
    r"the \w+ (?:team|side|desk)| had| pushed| merged| deployed| changed| ran| shipped))",
    _I,
)
# Things one says when pinning an incident on someone.
_ACCUSATION = re.compile(
    r"(?=[\w,])\b(?:(?:that's|that is|it's|it was|this (?:one )?was|this is|which is)\s+"
    r"(?:really\s+|all\s+|entirely\s+|squarely\s+|totally\s+)?"
    r"on (?:them|him|her|that team|their team|those guys)|"
    r"(?:their|his|her|the \w+ team's) (?:fault|mistake|screw-?up|doing)|to blame|"
    r"blam(?:e|ed|ing) (?:them|him|her|(?:the|that|those) (?:[\w'-]+ ){0,2}(?:team|group|squad|"
    r"engineer|developer|dev|person|guy|vendor|contractor|people|folks|intern|analyst)s?\b)|sloppy|careless(?:ly|ness)?|lazy|incompeten\w+|"
    r"cut(?:s|ting)? corners|rammed|cowboy\w*|keeps? doing|kept doing|every time (?:they|he|she)|"
    r"typical of|as usual|yet again|(?:they|he|she)(?:'d| had) done (?:it|this|that) before|"
    r"without (?:a word to|telling|asking|warning|checking with|consulting|informing|notifying|"
    r"testing|trying|running|bothering|any review|a heads-up)|"
    r"never (?:told|tested|checked|bothered|warned|asked)|let (?:\w+ ){0,4}lapse|"
    r"didn't bother|panicked|dropped the ball|"
    r"messed (?:it |things |everything )?up|screwed (?:it |things |everything )?up|botched|"
    r"broke (?:our|us|the|it|everything|prod|production)|"
    r"(?:what|which is what|this is what|that's what|that is what) (?:broke|took|brought|sank) "
    r"(?:us|it|everything)|in the wrong (?:time ?zone|\w+)|typed (?:\w+ ){0,6}wrong|"
    r"(?:forgot|failed|neglected|didn't|did not|hadn't|had not|never|couldn't be bothered) "
    r"(?:even )?(?:bother(?:ed)? )?(?:to )?"
    r"(?:run|test|check|tell|follow|review|update|renew|read|look|validate|verify|ask|warn|"
    r"notify|document|mention|communicate)(?:ed|ing)?|"
    r"without (?:a|any) (?:change )?(?:ticket|review|approval|sign-off|heads-up|warning|"
    r"testing|test|notice)|(?:'s|'ve| has| have) done (?:it|this|that|the same) (?:\w+ )?before|"
    r"not the first time (?:they|he|she|that team)|human error|operator error|fat-?finger\w*|"
    r"by mistake|classic (?:them|him|her)|, classic\b|took (?:us|our [\w-]+|everything|prod|"
    r"production) (?:down|out)|(?:their|his|her) (?:bad|broken|buggy|careless|sloppy|rushed) "
    r"(?:deploy|change|release|config|push|script|update|migration)|if (?:they|he|she|the \w+ "
    r"team) had (?:just |only )?\w+|let (?:us|me) down|ignored (?:the|our|my) |"
    r"didn't know what (?:they|he|she) (?:were|was) doing|should have known better|"
    r"(?:we|i) got burned by|pushed (?:it|this|the \w+) (?:through|out) anyway|"
    r"never (?:documented|wrote|reviewed|followed|read|updated|bothered)|"
    r"should(?: have|'ve) (?:caught|noticed|tested|checked|known|flagged|stopped|seen|asked)|"
    r"if (?-i:[A-Z][a-z]+) had (?:just |only |actually )?\w+|"
    r"(?-i:[A-Z][a-z]+)'s (?:fault|mistake|screw-?up|doing))\b",
    _I,
)
# Blame told through habit, motive or character ("like they always do", "which is their
# habit", "in a rush to get home", "what you get with that group"), or a cause pinned on a
# party ("and that's what caused this"). These need a named person or team nearby.
_CHARACTER = re.compile(
    r"(?=\w)\b(?:(?:like|as) (?:they|he|she) (?:always|usually|normally) (?:do|does|did)\b|"
    r"(?:their|his|her) (?:usual |classic |old )?(?:habit|way of (?:working|doing)|style|m\.?o\.?|"
    r"track record)\b|(?:like|as if) (?:it was |it were |they were |)(?:their|his|her) own\b|"
    r"what you get (?:with|from)|tick(?:s|ing|ed)? (?:the )?boxes|box-?ticking|"
    r"in (?:a|such a|their|his|her) (?:rush|hurry)|rush(?:ed|ing)? (?:it|through|to get)|"
    r"to get home|(?:couldn't|can't|don't|didn't|won't) (?:be bothered|care|want to wait)|"
    r"(?:they|he|she) (?:always|never) (?:check|test|ask|tell|read|look|bother)\w*|"
    r"without (?:looking|reading|thinking|a second look|a glance)|"
    r"(?:doesn't|does not|don't|do not|didn't|did not|never) (?:really |even )?care\b|"
    r"(?:did|do|does|doing|done) (?:their|his|her) (?:job|homework|due diligence)|"
    r"(?:their|his|her|who has a|who had a) history of|(?:can't|cannot|couldn't|not to) be "
    r"trusted|who (?:always|routinely|regularly|habitually|constantly) (?:skip|ignor|forget|rush|"
    r"bypass|cut|break|push)\w*|who never (?:read|test|check|ask|tell|follow|bother|review|look)"
    r"\w*|(?:that's|that is|this is|typical|classic) (?:[\w'-]+ ){1,4}all over\b|on a whim|"
    r"(?:tell|told|telling) (?:nobody|no one|no-one)\b|(?:poking|messing|fiddling|tinkering|"
    r"meddling|playing) (?:about |around )?(?:at|with|in) (?:our|other|prod\b|production)|"
    r"(?:pushed|forced|rushed|rammed|waved) (?:it|this|that|them|the \w+) through|"
    r"skip(?:s|ped|ping)? (?:the|our|every|any) (?:checklist|review|tests?|process|canary|"
    r"staging)|"
    r"(?:that's|that is|this is|which is|and that's) (?:exactly |really )?what "
    r"(?:caused|put|got|left|landed|started|triggered|bit|hit|burned|burnt|sank|killed) "
    r"(?:this|it|us|the|our|\w+ (?:on|in|into))|"
    r"(?:because )?why would (?:you|they|anyone|he|she) (?:ever |bother to )?(?:\w+-)?"
    r"(?:test|check|review|ask|tell|read|look)|"
    r"of course (?:they|he|she) (?:did|would|had|didn't|forgot)|"
    r"half-baked|slapdash|shoddy|reckless\w*|negligen\w+|irresponsibl\w+|clueless|amateurish|"
    r"(?:shipped|merged|pushed|deployed|released) [^.;]{0,40}\band (?:then )?(?:went|left|"
    r"vanished|disappeared|logged off)\b|(?:never|not) once|"
    r"like (?:a |an |their |his |her )?(?:own )?(?:playground|sandbox|toy|scratchpad|"
    r"test environment)\b|(?:was|were|is|are) (?:just )?a suggestion\b|"
    r"(?:keep|keeps|kept) (?:on )?(?:ignoring|skipping|bypassing|forgetting)|bound to (?:blow up|"
    r"happen|break|go wrong)|"
    # Sarcasm and imputed motive: "bless them", "beneath them", "for other people".
    r"bless (?:them|him|her|'em)|beneath (?:them|him|her)|(?:is|are|was|were) (?:just )?for "
    r"other people\b(?!')|someone else's problem|(?:optional|bedtime|light) reading|"
    r"(?:treat|treats|treated|treating) [^.;]{0,40} as (?:optional|a suggestion|a formality|an "
    r"afterthought|beneath)|"
    r"(?:not|never|aren't|isn't) (?:\w+ )?(?:interesting|exciting|glamorous|fun) (?:for|to|enough "
    r"for) (?:them|him|her)|(?:none|nobody|not one|no one) of them (?:has|have|had|did|"
    r"bothered|lifted|touched)|apparently (?:that|it|this) was (?:beneath|too|not)|"
    r"(?:they|he|she) (?:just )?(?:want|wanted|wants) (?:their|his|her) [\w-]+ (?:live|out|"
    r"shipped|done)\b|in (?:their|his|her) (?:infinite |great )?wisdom|"
    r"apparently [^.;]{0,40}(?:can't|cannot|couldn't) (?:even )?(?:read|follow|spell|count)\b|"
    r"never met a [\w-]+ (?:he|she|they) didn't|(?:which|that) (?:tells you (?:everything|all)|"
    r"says it all)|only cares? about (?:their|his|her) own|should(?:n't| not|n't ever) be "
    r"allowed (?:near|anywhere near|to touch)|beneath (?:a|any|the) [\w-]+)",
    _I,
)
# Weaker cues ("as ever", "has a habit of", "thanks to their attention to detail") pin blame
# only next to a bad act in the same sentence.
_WEAK_CHARACTER = re.compile(
    r"(?=\w)\b(?:as ever|as always|once again|true to form|(?:has|have|had) (?:a|this) "
    r"(?:bad |little )?(?:habit|tendency) of|(?:thanks to|courtesy of) [^.;]{0,40}(?:attention "
    r"to detail|diligence|thoroughness|competence|professionalism|genius)|(?:shipped|pushed|"
    r"merged|deployed|released) (?:[\w-]+ ){0,3}(?:untested|unreviewed)|(?:always|too) busy "
    r"(?:with|doing|building|playing)|(?:knew|known) (?:about (?:it|this|that) )?(?:since|for) "
    r"(?:months|weeks|ages|years|a year))\b",
    _I,
)
_BAD_ACT = re.compile(
    r"\b(?:untested|unreviewed|without|didn't|did not|never|broke|broken|skipp\w*|ignor\w*|"
    r"expired|went home|on a friday|at midnight|no (?:ticket|review|reviewer|tests?|warning)|"
    r"forgot|nobody|none of them|expir\w+|ticket|wrong)\b",
    _I,
)
_NEGATIVE_CUE = re.compile(r"(?:\w+n't|without|(?:they|he|she) never)\b", _I)
_PRONOUN = re.compile(r"^(?:they|them|he|she|someone|somebody)$", _I)
# Accusations that are about people by themselves.
_PERSONAL = re.compile(
    r"\b(?:human error|operator error|fat-?finger\w*|user error on our side)\b", _I
)
# An accusation that names nobody but clearly refers to a party just mentioned.
_BARE_ACCUSATION = re.compile(
    r"\b(?:i'll leave it at that|enough said|say no more|"
    r"you can (?:guess|imagine) (?:the rest|who)|"
    r"no surprises? there|of course it was (?:them|him|her))|"
    r"\b(?:that's|that is|this is|which is|and that's) (?:really |exactly )?what "
    r"(?:broke|took|brought|sank) (?:us|it|everything)|on (?:them|him|her)\b|"
    r"cut(?:s|ting)? corners",
    _I,
)
_SELF = re.compile(r"^\s*(?:i|we|my|our)\b", _I)
_DISCLAIMER = re.compile(
    r"(?=\w)\b(?:(?:was|is)n't about who|not about who|was not about who|not (?:any|a) person|"
    r"nothing to do with who|(?:was|is)n't (?:a mistake|the fault|anyone's fault) (?:by|of) "
    r"(?:anyone|anybody|any one)|no(?: one|body)'s fault|not anyone's|"
    r"(?:was|is)n't that (?:somebody|someone|anyone)|not who|rather than who|instead of who|"
    r"(?:wasn't|isn't|not) (?:a )?(?:careless|sloppy|people) |did everything right|"
    r"followed the (?:runbook|process|checklist)|(?:not|wasn't|isn't) (?:their|his|her|anyone's) "
    r"fault|no(?:body| one) did anything wrong|you could (?:say|blame)|easy to blame|"
    r"tempting to blame)",
    _I,
)

# A root cause told as a gap in the system, process, guardrails or observability.
_GAP = re.compile(
    r"(?=\w)\b(?:nothing (?:in (?:the|our)|on (?:the|our)|"
    r"(?!changed|happened|worked|helped|moved|seemed|showed|looked)[a-z]+(?:ed|es|s)\b)|"
    r"no (?:[\w-]+ ){0,2}(?:alert|alarm|check|test|validation|guardrail|canary|monitor|"
    r"monitoring|limit|step|contract|health check|staged rollout|review|sign-off|cap|bound|"
    r"floor|idempotency|telemetry|reconnect|guard|gate|lock|runbook|dedupe|safeguard|"
    r"observability|visibility|metric|logic|coverage)s?\b|"
    r"(?:didn't|did not|doesn't|does not|never|wasn't|weren't|had no|has no|lacked|without) "
    r"(?:[\w-]+ ){0,2}(?:validat|check|requir|includ|verif|test|walk|recogni|treat|exercis|cover|"
    r"compar|catch|alert|block|simulat|enforc|bound|limit|handl|resiz|defin|know)\w*|"
    r"(?:had|has|have|with|there (?:was|were|is|are)) no\b|no(?:body| one)(?: on (?:our|their|"
    r"the|either|any) (?:[\w-]+ )?side| else)? (?:had |ever )?(?:owned|was responsible|had|"
    r"checked|watched|tracked|noticed|knew|connected|considered|linked|mapped|thought|realised|"
    r"realized|treated|documented|tested)|unowned|"
    r"forg[eo]ts?|forgotten|never (?:stored|recorded|saved|checked|validated|tested|"
    r"exercised|alerted|covered|handled|considered)|gap|blind spot|"
    r"(?:system|process|pipeline|release|checklist|config|tooling) "
    r"(?:let|allowed|had no|didn't|never|assumed)|(?<!\bi )(?<!\bwe )trust(?:ed|s)? |"
    r"(?<!\bi )(?<!\bwe )(?<!\bi'd )assum(?:ed|es|ption)|accept(?:ed|s)? (?:any|whatever|anything)|"
    r"without (?:a|any) [\w-]+ (?:check|range|limit|bound|test|review|guard|validation)|"
    r"no(?:body| one) (?:was |were )?(?:watching|looking at|monitoring|checking|reading)|"
    r"(?:could|would)(?:n't| not| never)(?: have)? (?:caught|detected|noticed|seen|flagged|"
    r"spotted) (?:it|this|that|the)|"
    r"advisory|silent(?:ly)?|(?:happily|blindly|quietly|cheerfully) \w+|"
    r"let (?:any|anything|whatever|every|each|it|the \w+)(?: [\w-]+)? through|"
    r"(?:the )?only (?:thing|check|safeguard|guard|control|barrier) (?:standing )?between|"
    r"(?:proved|tested|caught|checked|guarded) nothing|as long as it (?:parsed|compiled|was valid|"
    r"looked valid|passed)|only (?:ever )?(?:simulated|tested|covered|used|had|checked|"
    r"validated|ran|exercised|included)|mock(?:ed|s)? |systemic|latent|"
    r"(?:our )?(?:test|tests|test data|test setup|test rig|test lab|load tests?) "
    r"(?:\w+ ){0,4}(?:only|never|all|always))",
    _I,
)


_CLAUSE_END = re.compile(r"[,;:\u2014]|\s-\s|\bbut\b|\bbecause\b", _I)


def _agent_other(text: str) -> re.Match[str] | None:
    for m in _AGENT.finditer(text):
        return m
    return None


# "the list they keep": a pronoun inside a relative clause refers back to the thing named.
_RELATIVE_PRONOUN = re.compile(r"\b(?:the|a|an|each|every|any|its|this|that|whatever) [\w-]+ $", _I)


_RELATIVE_OPENER = re.compile(r"\s*(?:who|whose)\b", _I)


def _clause_agent(clause: str) -> re.Match[str] | None:
    for m in _AGENT.finditer(clause):
        if _PRONOUN.match(m.group()) and _RELATIVE_PRONOUN.search(clause[: m.start()]):
            continue
        return m
    return None


def find_blame(answer: Answer) -> list[Span]:
    """Sentences that pin the incident on another person or team."""
    found: list[Span] = []
    for sentence in answer.sentences:
        text = sentence.text
        # Most sentences accuse nobody: check the cheap condition before looking for agents.
        if not (
            _ACCUSATION.search(text)
            or _BARE_ACCUSATION.search(text)
            or _CHARACTER.search(text)
            or _WEAK_CHARACTER.search(text)
        ):
            continue
        prev_agent = False
        if sentence.index > 0:
            prev_text = answer.sentences[sentence.index - 1].text
            agent = _agent_other(prev_text)
            prev_agent = agent is not None and not _SELF.match(prev_text[agent.start() :])
        if _blame_in(answer, sentence, prev_agent):
            found.append(Span(sentence.start, sentence.end, "blame"))
    return found


def _blame_in(answer: Answer, sentence: Sentence, prev_agent: bool) -> bool:
    text = sentence.text
    if _DISCLAIMER.search(text):
        return False
    for m in _ACCUSATION.finditer(text):
        if in_ranges(sentence.start + m.start(), answer.quotes):
            continue
        if is_negated(text, m.start(), window=4) and not m.group().lower().startswith(
            ("never", "without", "didn't", "did not", "forgot", "failed", "neglected", "couldn't")
        ):
            continue
        lo = clause_start(text, m.start())
        if _RELATIVE_OPENER.match(text, lo):
            lo = clause_start(text, max(0, lo - 1))  # "Our DBA, who ...": the doer is just before
        after = _CLAUSE_END.search(text, m.end())
        hi = after.start() if after else len(text)
        clause_agent = _clause_agent(text[lo:hi])
        if clause_agent is not None or _PERSONAL.match(m.group()):
            return True
        if prev_agent and _BARE_ACCUSATION.search(m.group()):
            return True
    if prev_agent and _BARE_ACCUSATION.search(text):
        return not _DISCLAIMER.search(text)
    return _character_blame(answer, sentence)


# "Marco drew up that config ...": a first name opening the sentence as the doer.
_NAME_SUBJECT = re.compile(
    r"^\W*(?:(?i:frankly|honestly|naturally|apparently|obviously|of course|and|so|well)[,\s]+)*"
    r"(?-i:(?!(?:I|We|The|This|That|It|Our|My|Then|So|And|But|At|By|On|In|After|When|Once|"
    r"Nothing|No|Nobody|Around|About|Within|Later|Root|Honestly|Frankly)\b)[A-Z][a-z]+)"
    r"(?: (?-i:[A-Z][a-z]+))? (?:had |just )?(?:\w+ed|drew|wrote|made|ran|built|set|put|took|sent|"
    r"shipped|pushed|threw|forgot|left|has|is|was|always|never|loves|likes|thinks|treats|should|"
    r"can't|won't)\b"
)


_CAUSAL_CUE = re.compile(r"(?:that's|that is|this is|which is|and that's)\b", _I)
_SELF_SUBJECT = re.compile(
    r"\s*(?:(?:and|but|so|then|honestly|frankly)\s+)*(?:i|we|i'd|we'd|i'm|we're|i've|we've)\b", _I
)
# "Marek, who" (or "marek, who" in a lower-cased transcript): a person as antecedent.
_NAME_WHO = re.compile(r"\b(?!(?:i|we|me|us|and|but|so)\b)[a-z]+, who\b", _I)


def _named_party(text: str) -> bool:
    """A person or team named in `text` (a bare pronoun is not enough here)."""
    if _NAME_SUBJECT.search(text) or _NAME_WHO.search(text):
        return True
    return any(
        not _PRONOUN.match(m.group())
        and (not _SELF.match(m.group()) or _OUR_OTHER.match(m.group()))
        for m in _AGENT.finditer(text)
    )


# "our contractor", "our DBA": one other person, not the speaker's own team.
_OUR_OTHER = re.compile(
    r"our\s+(?:[\w'-]+\s+){0,2}(?:vendor|supplier|contractor|engineer|developer|dev|analyst|admin|"
    r"administrator|intern|new hire|junior|manager|lead|tester|designer|architect|dba|operator|"
    r"provider|partner|consultant|agency|qa)s?$",
    _I,
)


def _character_cues(text: str) -> list[re.Match[str]]:
    cues = list(_CHARACTER.finditer(text))
    if _BAD_ACT.search(text):
        cues += _WEAK_CHARACTER.finditer(text)
    return cues


def _character_blame(answer: Answer, sentence: Sentence) -> bool:
    text = sentence.text
    for m in _character_cues(text.rstrip(" .!?")):
        if in_ranges(sentence.start + m.start(), answer.quotes):
            continue
        if is_negated(text, m.start(), window=3) and not _NEGATIVE_CUE.match(m.group()):
            continue
        if _SELF_SUBJECT.match(text, clause_start(text, m.start())):
            continue  # "I didn't care about the cost": the speaker's own attitude
        if _CAUSAL_CUE.match(m.group()) and _GAP.search(text):
            continue  # "nothing checked it, and that's what hit us" pins it on the gap
        # The party may be named a sentence or two earlier ("... the data team shipped it.
        # Of course they did.").
        prev = " ".join(
            s.text for s in answer.sentences[max(0, sentence.index - 2) : sentence.index]
        )
        if _named_party(text) or (_named_party(prev) and not _SELF.match(text)):
            return True
    return False


def find_gaps(answer: Answer) -> list[Span]:
    """Sentences that frame the cause as a missing guardrail, check, alert or process step."""
    found: list[Span] = []
    for sentence in answer.story:
        m = _GAP.search(sentence.text)
        if m is not None and not in_ranges(sentence.start + m.start(), answer.quotes):
            found.append(Span(sentence.start, sentence.end, "root cause"))
    return found


_CAUSE = re.compile(
    r"\b(?:root cause|the cause|caused by|culprit|turned out|the (?:problem|issue|reason) was|"
    r"what (?:had )?happened (?:was|is)|what had happened|we (?:saw|found|understood|worked out|"
    r"figured out) (?:it|why|how)(?! (?:was|were|looked|seemed) (?:fine|normal|healthy|ok)))\b",
    _I,
)


def find_cause_statements(answer: Answer) -> list[Span]:
    """Sentences that state the cause, for stories that frame it without naming a gap."""
    return [Span(s.start, s.end, "root cause") for s in answer.story if _CAUSE.search(s.text)]


def _unquoted_hits(answer: Answer, rules: str, detects: str, label: str) -> list[Span]:
    """The words where `rules/<rules>.toml` finds `detects`, outside quotations, as spans."""
    hits = ruleset(rules).hits(parse(answer.text), detects=(detects,))
    return [
        Span(h.start, h.end, label, h.rule) for h in hits if not in_ranges(h.start, answer.quotes)
    ]


def find_blame_v2(answer: Answer) -> list[Span]:
    """Blame read from the parse (rules/blame.toml), outside quotations: the words that
    earned it."""
    return _unquoted_hits(answer, "blame", "blame", "blame")


def find_chance(answer: Answer) -> list[Span]:
    """The cause put down to luck, or no part of the system said to be at fault
    (rules/systemic.toml), outside quotations."""
    return _unquoted_hits(answer, "systemic", "chance", "chance")
