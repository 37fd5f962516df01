"""Shared word lists: what the three phases of an incident sound like, in any wording."""

from __future__ import annotations

import re

_I = re.IGNORECASE

MITIGATION = "mitigation"
FIX = "fix"
PREVENTION = "prevention"
PHASES: tuple[str, ...] = (MITIGATION, FIX, PREVENTION)

# Words that name the stop-the-impact phase.
MITIGATION_NAME = re.compile(
    r"(?=\w)\b(?:mitigat\w*|stop-?gaps?|work-?arounds?|holding (?:measure|action|move|pattern)|"
    r"stop(?:ped)? the bleeding|band-?aid|bandage|triage|"
    r"contain(?:ed|ing)? (?:the )?(?:damage|impact|blast radius|spread|problem|harm)|"
    r"(?:quick|temporary|short-term|interim|emergency) "
    r"(?:fix|patch|measure|lever|step))\b",
    _I,
)
# Actions that stop impact without repairing the cause: revert, flag off, pause, drain ...
MITIGATION_ACTION = re.compile(
    r"(?=\w)\b(?:revert(?:ed|ing)?|roll(?:ed|ing)? (?:[\w'-]+ ){0,4}back|rollback|roll-back|"
    r"flip(?:ped|ping)?|switch(?:ed|ing)? (?:[\w'-]+ ){0,4}(?:off|over|to)\b|"
    r"turn(?:ed|ing)? (?:[\w'-]+ ){0,4}off|toggl\w*|kill[- ]switch|paus(?:e|ed|ing)|"
    r"(?:held|hold|holding) (?:back|the|that|it|off|them|all|every|our)|drain(?:ed|ing)?|"
    r"fail(?:ed|ing)? (?:[\w'-]+ ){0,3}(?:over|open)\b|failover|disabl(?:e|ed|ing)|"
    r"hid|hide|hiding|took (?:[\w'-]+ ){0,4}off(?:line)?|pulled (?:the|it|them|all)|"
    r"block(?:ed|ing)? (?:the|all|it)|"
    r"re-?rout(?:e|ed|ing)|rout(?:ed|ing) (?:[\w'-]+ ){0,4}to|"
    r"shift(?:ed|ing) (?:[\w'-]+ ){0,3}(?:traffic|load|requests|allocation|users|customers|reads|"
    r"writes|jobs|queries|sessions) (?:over )?to|"
    r"mov(?:ed|ing) (?:[\w'-]+ ){0,3}(?:traffic|load|requests|users|reads|writes|jobs|queries|"
    r"sessions) (?:over )?to|"
    r"moved (?:[\w'-]+ ){0,3}aside|quarantin\w*|scal(?:e|ed|ing) (?:up|out|the)|doubl(?:ed|ing)|"
    r"capp?(?:ed)? (?:on|at|the)|throttl\w*|degraded (?:[\w'-]+ )?mode|fall ?back|"
    r"(?:offline|safe|fail-?safe|fallback|cached?|cache-only|static|lite|bypass|queue|queueing|"
    r"holding|emergency) mode|"
    r"(?:put|switch|mov|turn|flipp|sent|send)\w* (?:[\w'-]+ ){0,4}(?:into|to|onto|on) (?:an? |"
    r"the )?(?:offline|fallback|safe|degraded|manual|backup|cached|static|read-only) "
    r"(?:[\w-]+ )?(?:mode|validation|processing|path|flow|scoring|checks?|list|pages?)|"
    r"steer(?:ed|ing)? (?:[\w'-]+ ){0,4}(?:to|away|towards|onto)\b|"
    r"(?:behind|into|onto) (?:a|the) (?:[\w-]+ )?(?:waiting room|holding page|queue "
    r"page|virtual queue)|(?:sent|send|sending|moved|switched|pointed) (?:[\w'-]+ ){0,3}to (?:the "
    r"|a |our )?(?:backup|standby|secondary|fallback|spare|failover|old|previous) [\w-]+|"
    r"(?:lower|rais|set|put|dial|turn|wound)\w* (?:[\w'-]+ ){0,4}back (?:to|down|up)\b|"
    r"put (?:[\w'-]+ ){0,4}(?:into|in|on|behind) (?:[\w'-]+ ){0,3}"
    r"(?:mode|flag|queue|banner|notice)|"
    r"delet(?:ed|ing) (?:that|the) (?:one |bad |new )?(?:rule|entry|record|row|job)|"
    r"manual (?:review|mode|processing|fallback|override|re-?run|failover)|[\w]+-only mode|"
    r"(?:re-?ran|re-?run|ran|processed|sent|pushed|released|approved) (?:it|them|the [\w-]+)"
    r"(?: [\w-]+)? (?:by hand|manually)|"
    r"point(?:ed|ing) (?:[\w'-]+ ){0,3}(?:back|over)|kill(?:ed|ing)? (?:the|that|all|every)|"
    r"purg\w+|flush(?:ed|ing)? (?:the )?caches?|restart(?:ed|ing)? (?:the|all|every|our)|"
    r"bounc(?:ed|ing) (?:the|all)|spun up|added (?:more )?(?:capacity|instances|nodes|replicas|"
    r"servers)|bump(?:ed|ing)? (?:[\w'-]+ ){0,3}(?:limit|memory|timeout|capacity)|"
    r"maintenance (?:page|mode)|read-only mode|redirect(?:ed|ing)|evacuat\w+|"
    r"promot(?:ed|ing) (?:the|a) replica|cordon\w*|"
    r"stopp(?:ed|ing) (?:the |all |all the |every |our )?(?:[\w-]+ ){0,2}(?:job|cron|"
    r"consumer|workers?|rollout|deploy|sync|import|export|pushes|notifications|sends|emails|"
    r"mailings?|messages|campaigns?|payouts|uploads|batch(?:es)?)\b|"
    # "extended the stream-loss timeout": loosening a limit buys time without a repair.
    r"(?:extend|lengthen|loosen|relax|widen)(?:ed|ing) (?:the |our |that )?(?:[\w'-]+ ){0,2}"
    r"(?:timeouts?|grace periods?|ttls?|deadlines?|windows?|thresholds?)\b|"
    r"halt(?:ed|ing) (?:the )?(?:rollout|"
    r"deploy|job|sync|release)|fr[oe]ze deploys|status page|"
    r"(?:froze|freez(?:e|ing)) (?:the|that|all|every|our) (?:[\w-]+ ){0,2}(?:jobs?|crons?|"
    r"consumers?|workers?|rollouts?|deploys?|syncs?|imports?|exports?|queues?|retries|sends|"
    r"pushes|payouts|batch(?:es)?|schedules?|accounts?)\b|"
    r"to stop the (?:impact|bleeding|damage|harm|errors|spread)|"
    # Putting the last good state back, or taking the new thing out of service.
    r"put (?:the |our |that )?(?:previous|old|last|prior|earlier|known-good|last good) "
    r"(?:[\w-]+ ){0,2}back|(?:went|go|going|gone) back to (?:the |our |yesterday's |last "
    r"week's )?(?:previous |old |last |prior |earlier |known-good )?(?:release|build|version|"
    r"config|image|deploy|table|settings)|und(?:id|oing|o) (?:the|that|our|it|this)\b|"
    r"(?:park|suspend)(?:ed|ing)? (?:the|that|our|every|all) (?:[\w-]+ ){0,2}(?:jobs?|queues?|"
    r"sync|imports?|exports?|rollout|feature|workers?|consumers?|batch|release|sends?|emails?|"
    r"payouts?|billing|processing|schedule|cron|run)\b|"
    r"shut (?:off |down )?(?:the new|that|the [\w-]+ "
    r"(?:endpoint|job|feature|path|flow|sync|service))|took (?:[\w'-]+ ){1,4}out (?:of "
    r"(?:the )?(?:pool|rotation|service|load balancer|cluster)|again)|took (?:the|that) new "
    r"[\w-]+(?: [\w-]+)? out\b|unplug\w*|(?:told|made|got|asked) (?:the|our) (?:[\w-]+ )"
    r"{1,2}to stop \w+ing|point(?:ed|ing) (?:[\w'-]+ ){0,3}at (?:it|the (?:old|previous|backup|"
    r"standby|spare) [\w-]+))\b",
    _I,
)
# Nouns and phrases that name the repair of the proximate cause.
FIX_NAME = re.compile(
    r"\b(?:(?:the|a|our|my|that|its|real|actual|proper|permanent|final|code|underlying) )"
    r"(?:(?:real|actual|proper|permanent|final|code|underlying|actual code|[\w]+-?[\w]*) )?"
    r"(?:fix|repair|correction|remedy|solution)\b(?!-)|"
    r"\b(?:the|a|our) (?:real|actual|proper|permanent|code) (?:change|patch)\b",
    _I,
)
FIX_ACTION = re.compile(
    r"(?=\w)\b(?:rewr(?:ote|iting|ite)|re-?wrote|patch(?:ed|ing)|correct(?:ed|ing)|"
    r"re-?issu(?:ed|ing)|republish\w*|rebuil\w*|regenerat\w*|re-?export\w*|re-?ran|"
    r"re-?index\w*|re-?register\w*|swapp\w*|replac(?:ed|ing)|convert\w*|re-?enter\w*|"
    r"reconnect\w*|restor(?:ed|ing) the|changed (?:the|our|its) \w+|shipped a change|"
    r"pinn(?:ed|ing) (?:\w+ ){0,3}back|added (?:reconnect|retry|a guard|handling)|"
    r"made (?:the|our) \w+ (?:handle|accept|reject)|restor(?:ed|ing) (?:from|rows|data)|"
    r"renew(?:ed|ing)|upgrad(?:ed|ing)|merged (?:a|the) (?:patch|change|fix)|hot-?fix\w*|"
    r"released a|rolled out a (?:patch|fix|change|new)|register(?:ed|ing)|"
    r"wr(?:ote|iting) (?:a|the) (?:[\w-]+ )?(?:change|patch) (?:to|that|which)|"
    r"added (?:validation|handling|support|a check|a guard|a limit|retries|a retry)|"
    r"made (?:the|our|its|each|every) (?:[\w-]+ ){1,3}(?:follow|read|use|respect|handle|accept|"
    r"reject|check|honou?r|derive|compute|tolerate|ignore|skip|cap|fall back|wait|validate)|"
    r"taught (?:the|our|it|each|every) (?:[\w-]+ ){0,3}to|"
    r"(?:code|service|parser|client|job|importer|worker|app|consumer|library|sdk) (?:now )?"
    r"(?:learned|learnt) to)\b|"
    r"\bamend(?:ed|ing)\b|\b(?:deployed|shipped|released|rolled out) a (?:new |fixed |corrected |"
    r"patched )?(?:version|build|release) (?:that|which|with|where)\b|"
    r"\b(?:sized|derived|computed|calculated) (?:the |its |our )?[\w-]+ (?:[\w-]+ )?from\b",
    _I,
)
# Phrases that name follow-up work meant to stop a repeat.
PREVENTION_NAME = re.compile(
    r"(?=\w)\b(?:prevention|preventive|preventative|guard-?rails?|safeguards?|"
    r"so (?:that )?(?:this|it|that|nothing like (?:it|this|that)) (?:can't|cannot|couldn't|"
    r"won't|wouldn't|can never|could never|doesn't|didn't|would never|will never) "
    r"(?:happen|recur|repeat|come back)|"
    r"(?:stop|keep|prevent)(?:ed|ing|s)? (?:it|this|that|them) (?:from )?"
    r"(?:recurring|happening again|coming back|repeating)|"
    r"prevent(?:ed|ing|s)? (?:a )?(?:repeat|recurrence|repetition)|never happens? again|"
    r"long(?:er)?[- ]term|follow-?up (?:work|actions?|items?)|action items?|"
    r"structural (?:change|work)s?|going forward|from now on|in (?:the )?future|"
    r"never again)\b",
    _I,
)
# Concrete, structural changes (the nouns of prevention work).
STRUCTURAL = re.compile(
    r"(?=\w)\b(?:alert\w*|alarm\w*|pag(?:e|es|ing) (?:if|when|us|the|on)|monitor\w*|canar(?:y|ies)|"
    r"synthetic\w*|contract tests?|test suites?|load tests?|tests?|checks?|validat\w+|"
    r"guard\w*|locks?|runbooks?|checklists?|review (?:step|queue)|approv\w+|sign-off|"
    r"simulat\w+|gates?|watchdogs?|heartbeats?|dead-letter|quarantine queue|budgets?|"
    r"limits?|staged rollouts?|rollouts? (?:now )?(?:halt|go|stop)|autoscal\w*|fixtures?|"
    r"sensors?|audit\w*|golden set|second approver|blocking|blocks|refus\w+|rejects?|"
    r"circuit breakers?|rate limits?|idempotency|threshold|dashboards?|"
    r"required|requires|require|mandatory|must|has to|have to|dry[- ]runs?|pre-?flight "
    r"(?:checks?|steps?)|smoke tests?|lint (?:rules?|checks?)|schema (?:checks?|validation)|"
    r"assertions?|every [\w-]+ (?:[\w-]+ )?(?:had|has|needs?|needed) to|(?:won't|will not|can't|"
    r"cannot|refuses? to|no longer) (?:ship|deploy|merge|accept|release|publish|let))\b",
    _I,
)
# Vague follow-up talk: it is prevention work, but not a concrete change.
VAGUE_PREVENTION = re.compile(
    r"(?=\w)\b(?:(?:improve|improved|improving|better|more|increase|increased|add more|tighten) "
    r"(?:our |the )?(?:monitoring|testing|tests|alerting|observability|documentation|reviews?|"
    r"checks|code reviews?|qa)|double-check\w*|"
    r"(?:(?:be|being|stay) more (?:vigilant|careful)|pay more attention)"
    r"(?:\s+(?:with|about|around|when|on|to)\b[^.;,]*)?|promis(?:e|ed|ing) to [^.;]*|"
    r"(?:plan(?:s|ned|ning)?|intend(?:s|ed)?|hope|want(?:s|ed)?|going) to (?:add|build|put|"
    r"introduce|create|write|set up|look at)[^.;]*|"
    r"\w+ (?:[\w-]+ ){0,4}more (?:carefully|thoroughly|closely|rigorously)|"
    r"(?:be|being) (?:more )?careful|keep an eye on|watch (?:\w+ )?more closely|"
    r"(?:talk(?:ed)?|spoke|discuss(?:ed)?) about (?:adding|building|doing|putting|getting)[^.;]*|"
    r"maybe (?:a|an|add|adding|some)\b[^.;]*|at some point|"
    r"(?:improve|improved|improving|better) "
    r"communicat\w*|communicate better|(?:keep|keeping) (?:everyone|people) in the loop|"
    r"lessons? learn\w*|raise awareness|more training|(?:agreed|agree) (?:as a team )?to)\b",
    _I,
)
# "now", "from then on": the change is in place going forward.
NOW = re.compile(r"\b(?:now|from then on|since then|these days|anymore|any more)\b", _I)
AFFIRMATIVE_BUILD = re.compile(
    r"(?=\w)\b(?:add(?:ed|ing)?|introduc\w+|buil[td]|put (?:in|into)|set up|creat\w+|wrote|"
    r"shipp\w+|made|landed|(?:went|go|goes) (?:in|live|through)|requir\w+|blocks?|refus\w+|"
    r"halts?|runs?|pages?|sends?|fails?|rejects?|splits?|breaks? down|there'?s|there is|"
    r"there was|there were|had|have|has|got|uses?|used|"
    r"there are|were in|was in|got|moved|switched|turned|became|includes?|has to|must|"
    r"now)\b",
    _I,
)
GAP_NEGATION = re.compile(
    r"(?=\w)\b(?:no|nothing|never|without|didn't|did not|hadn't|had no|wasn't|weren't|lacked|"
    r"doesn't|don't|nobody|no one)\b",
    _I,
)
