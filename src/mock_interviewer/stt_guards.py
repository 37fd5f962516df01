"""Guards against words Whisper invents: repetition loops, guesses in silence, fillers in pauses.

Decoding is greedy (temperature 0, no sampled retry), so the same audio always gives the same
words; these checks then drop what the audio cannot have said. Whisper's usual thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mock_interviewer.transcript import Word

# Hallucination guards, Whisper's usual values, applied without a sampled retry: a segment
# whose text compresses too well is a repetition loop; one the model itself thinks is silence
# (high no-speech probability) and decoded with low confidence is invented. Both are dropped.
COMPRESSION_RATIO_MAX = 2.4
NO_SPEECH_PROBABILITY = 0.6
LOG_PROB_MIN = -1.0
RETRY_BEAM = 5  # beam for a piece whose greedy reading stays unsure
MAX_WORDS_PER_S = 8.0  # fast speech is 4-5 words a second; beyond this the words were not said
FILLER_TOKENS = frozenset({"um", "uh", "uhm", "umm", "hmm", "hm", "er", "erm", "ah", "mm"})
FILLER_VOICED_S = 0.08  # seconds of voice a filler must overlap (or half its own length)
FILLER_SLACK_S = 0.3  # seconds: how far from voice Whisper may place a filler it heard


def least_sure(segments: list[Any]) -> float:
    """The lowest average log probability among decoded segments (0 when there are none)."""
    return min((float(getattr(s, "avg_logprob", 0.0)) for s in segments), default=0.0)


def invented(segment: Any) -> bool:
    """A decoded segment that is a repetition loop, the model's guess in silence, or words it
    is unsure of squeezed into less time than anyone could say them.

    The last is what the filler prompt invites at the end of a piece ("And, uh, we're going to
    do that." in 0.2 s); a sampled retry would only have replaced it with other invented words.
    """
    ratio = getattr(segment, "compression_ratio", 0.0)
    silent = getattr(segment, "no_speech_prob", 0.0) > NO_SPEECH_PROBABILITY
    unsure = getattr(segment, "avg_logprob", 0.0) < LOG_PROB_MIN
    count = len(segment.words) if getattr(segment, "words", None) else len(segment.text.split())
    seconds = max(float(segment.end) - float(segment.start), 0.05)
    too_fast = count >= 3 and count / seconds > MAX_WORDS_PER_S
    return bool(ratio > COMPRESSION_RATIO_MAX or (unsure and (silent or too_fast)))


def voiced_fillers_only(
    words: list[Word], speech: Sequence[tuple[float, float]], offset_s: float = 0.0
) -> list[Word]:
    """`words` without the "um"s and "uh"s that sit where the audio has no voice.

    The filler prompt makes Whisper write disfluencies; in a pause it sometimes writes one that
    was never said. A filler is kept only where it overlaps the voiced regions (`speech`, in
    seconds from the audio's start) by `FILLER_VOICED_S` or half its own length, or where its
    middle is within `FILLER_SLACK_S` of voice: Whisper often gives a short filler no length,
    placed just after the sound it came from.
    """
    kept = []
    for word in words:
        if word.text.strip(" ,.!?…-").lower() in FILLER_TOKENS:
            start, end = word.start - offset_s, word.end - offset_s
            voiced = sum(max(0.0, min(end, b) - max(start, a)) for a, b in speech)
            middle = (start + end) / 2
            near = any(a - FILLER_SLACK_S <= middle <= b + FILLER_SLACK_S for a, b in speech)
            if not near and voiced < min(FILLER_VOICED_S, max(end - start, 0.0) / 2):
                continue
            if voiced == 0.0 and not near:
                continue
        kept.append(word)
    return kept


def voiced_between(speech: Sequence[tuple[float, float]], start: float, end: float) -> float:
    """Seconds of the voiced regions `speech` that fall between `start` and `end`."""
    return sum(max(0.0, min(end, b) - max(start, a)) for a, b in speech)
