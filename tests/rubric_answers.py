"""Answers written for the rubric tests (not taken from any corpus), built from parts."""

from __future__ import annotations

OPENING = (
    "I was on call for the checkout service at an online grocer. T plus zero was 18:05 on a "
    "Friday, when the payment error alert fired: about a third of orders were failing at the "
    "last step. I paged the secondary and the payments on-call. By T+4 we saw that the only "
    "change that afternoon was a new connection-pool setting."
)
MITIGATION = (
    "At T+7 the mitigation was reverting that setting with the config tool. I chose it because "
    "it was the cheapest step that stopped the failures, one command, and we could re-apply the "
    "new value in a minute if I was wrong. Errors were back to normal by T+10."
)
CAUSE = (
    "Around T+35 we had the root cause: the new pool size was larger than the database's "
    "connection limit, and nothing in our config pipeline compared the two."
)
FIX = (
    "The fix went out that evening: the pool size is now derived from the database limit at "
    "start-up."
)
PREVENTION = (
    "Prevention landed within two weeks: a pre-deploy check that rejects any pool setting above "
    "the database limit, and an alert on connection refusals per service."
)
REFLECTION = (
    "Reflection: I spent five minutes reading dashboards before reverting. Now, if errors jump "
    "within half an hour of a config change, I revert first and investigate second."
)


def answer(*parts: str) -> str:
    """Join parts into one answer."""
    return " ".join(p for p in parts if p)


STRONG = answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, REFLECTION)
