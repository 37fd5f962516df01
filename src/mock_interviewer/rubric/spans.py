"""A labelled span of the answer: the engine's internal form of `Evidence`."""

from __future__ import annotations

from dataclasses import dataclass

from ..scorecard import Evidence
from ..transcript import Transcript


@dataclass(frozen=True)
class Span:
    """Characters `[start, end)` of the answer with a label such as 'T+5' or 'blame'."""

    start: int
    end: int
    label: str
    rule: str = ""  # the id of the rule (or rules, comma-separated) that produced the span

    def evidence(self, transcript: Transcript) -> Evidence:
        """The public `Evidence`, with seconds filled for timed transcripts."""
        seconds = transcript.seconds(self.start, self.end)
        return Evidence(
            text=transcript.text[self.start : self.end],
            start_char=self.start,
            end_char=self.end,
            label=self.label,
            rule=self.rule,
            start_s=seconds[0] if seconds else None,
            end_s=seconds[1] if seconds else None,
        )
