"""One line of coaching per verdict, and the wording of the top changes."""

from __future__ import annotations

# When a signal is missed.
MISSED: dict[str, str] = {
    "timeline": (
        "Anchor the story on the clock: say when you detected it, when impact stopped, "
        "and when the follow-up work landed (aim for four or more rough times)."
    ),
    "separation": (
        "Tell three distinct steps with three distinct names: what stopped the impact, "
        "what repaired the cause, and what changed so it cannot recur."
    ),
    "principle": (
        "Say why you chose that mitigation: it was the cheapest action you could undo "
        "that stopped the harm, and what acting cost compared with waiting."
    ),
    "systemic": (
        "Describe the cause as a missing check, alert or process step, not as somebody's mistake."
    ),
    "prevention": (
        "Name one concrete structural change (an alert on a named metric, a required "
        "check, a canary) and say when it went live."
    ),
    "reflection": (
        "Close with a rule for your own judgement: the signal that would make you act "
        "sooner or differently next time, and by how much."
    ),
}
# When a signal is met.
MET: dict[str, str] = {
    "timeline": "Good clock: the listener can follow the incident from detection to follow-up.",
    "separation": "Clear phases: stopgap, repair and follow-up are kept apart.",
    "principle": "The mitigation choice is argued well; keep the cost-versus-impact framing.",
    "systemic": "The cause is told as a systems gap; keep people out of the causal chain.",
    "prevention": "Concrete, dated follow-up work: exactly what interviewers look for.",
    "reflection": "The reflection gives a usable rule; keep the trigger specific.",
}
# When a pitfall is found.
FOUND: dict[str, str] = {
    "blame": (
        "Rewrite the sentence that points at a person or team: describe what the "
        "process allowed instead of who did it."
    ),
    "conflation": (
        "Stop using one word for several steps; call the first move a stopgap, the "
        "code change the fix, and the follow-up a guardrail."
    ),
    "hero": (
        "Show who you brought in and when; going it alone overnight reads as poor "
        "escalation, not dedication."
    ),
    "no_prevention": ("Do not end at the fix: add what changed afterwards and when it landed."),
}
# When a pitfall is absent.
CLEAR: dict[str, str] = {
    "blame": "No one is blamed.",
    "conflation": "Each phase has its own name.",
    "hero": "The response is told as a team effort.",
    "no_prevention": "Follow-up work is part of the story.",
}
# The concrete edits behind `top_changes`, keyed by what the grade lost.
CHANGES: dict[str, str] = {
    "conflation": (
        "Rename the steps you currently call by one word: stopgap for what stopped the "
        "impact, fix for the repair, guardrail for what stops a repeat."
    ),
    "no_prevention": (
        "Add the follow-up: one structural change (alert, required check, canary) and "
        "the week it landed."
    ),
    "no_mitigation": (
        "Add what you did to stop the impact before the cause was known, and why that step."
    ),
    "timeline": (
        "Put rough times on detection, mitigation and the follow-up (T+0, T+5, two weeks later)."
    ),
    "principle": "Justify the mitigation as the cheapest reversible step that stopped the harm.",
    "systemic": "Reframe the cause as a missing guardrail or check rather than a person's error.",
    "blame": "Drop the sentence that assigns fault to a person or team.",
    "prevention": "Make the follow-up concrete: name the alert, test or check and when it shipped.",
    "reflection": (
        "End with a concrete trigger for your own judgement, e.g. 'I'd page at minute two, "
        "not minute ten'."
    ),
    "hero": "Mention who you escalated to and when, instead of carrying it alone.",
    # {missing}: the asks not met yet, filled in by the engine so the change stands on its own.
    "expectations": "Cover more of what this question asks for; still missing: {missing}.",
}


def signal_advice(signal: str, met: bool) -> str:
    """The advice line for a signal."""
    return MET[signal] if met else MISSED[signal]


def pitfall_advice(pitfall: str, found: bool) -> str:
    """The advice line for a pitfall."""
    return FOUND[pitfall] if found else CLEAR[pitfall]
