"""Whether an answer can be graded at all: long enough, in English, about an incident.

A nine-word clip, a German paragraph or transcribed noise would otherwise get a full scorecard
of invented findings. `check()` says why not, in one line with what to do, or returns None.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..transcript import Transcript
from .nlp import parse

MIN_WORDS = 60  # under this an answer cannot tell detection, mitigation, cause and prevention
MIN_ENGLISH_SHARE = 0.25  # share of words that are common English function words
MIN_INCIDENT_WORDS = 3  # distinct words from the incident vocabulary below

# Words any incident story uses, whatever the system: enough of them say it is one.
INCIDENT_LEMMAS = frozenset(
    {"incident", "outage", "alert", "page", "deploy", "deployment", "rollback", "roll", "bug"}
    | {"error", "customer", "user", "service", "server", "database", "production", "fix"}
    | {"issue", "problem", "fail", "failure", "crash", "latency", "traffic", "release"}
    | {"config", "configuration", "monitor", "monitoring", "system", "request", "queue"}
    | {"job", "code", "test", "change", "cause", "root", "impact", "postmortem", "team"}
    | {"revert", "restart", "flag", "dashboard", "log", "call", "on-call", "timeout", "cache"}
    | {"load", "data", "app", "api", "network", "disk", "memory", "cpu", "mitigation"}
    | {"prevention", "canary", "break", "down", "slow", "stop", "patch", "check", "report"}
)


@dataclass(frozen=True)
class GateVerdict:
    """Why an answer cannot be graded (`reason`), with the remedy to tell the user."""

    reason: str
    remedy: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.remedy}"


def check(transcript: Transcript) -> GateVerdict | None:
    """None when the answer can be graded, else why not."""
    words = transcript.word_count()
    if words < MIN_WORDS:
        return GateVerdict(
            f"too short to grade ({words} words; a story needs at least {MIN_WORDS})",
            "tell the whole incident: how it was noticed, what you did first, the cause, "
            "the fix and what changed afterwards",
        )
    tokens = [t for t in parse(transcript.text) if t.is_alpha]
    english = sum(1 for t in tokens if t.is_stop) / max(1, len(tokens))
    if english < MIN_ENGLISH_SHARE:
        return GateVerdict(
            "this does not read as English, so it cannot be graded",
            "answer in English (the rubric and the speech model are English only)",
        )
    vocabulary = {t.lemma_.lower() for t in tokens} & INCIDENT_LEMMAS
    if len(vocabulary) < MIN_INCIDENT_WORDS:
        return GateVerdict(
            "this does not read as a story about an incident, so it cannot be graded",
            "tell one production incident you handled: what broke, what you did, what changed",
        )
    return None
