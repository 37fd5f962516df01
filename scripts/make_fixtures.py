"""Regenerate the spoken-answer fixtures in fixtures/audio/ (FLAC, 16 kHz mono) and sidecars.

Usage: .venv/bin/python scripts/make_fixtures.py [NAME ...]

Each fixture is written as NAME.flac (the audio), NAME.txt (exactly the words spoken) and
NAME.json (prompt, voice, intended rubric verdicts, fillers and planned pauses).
Piper voices are run with zero noise so a rerun gives the same samples; espeak-ng is
deterministic anyway. The answer texts were written for this project.

In a synthesis text, `<pause 3.0>` inserts that many seconds of silence (a thinking pause the
pacing analysis must find from the audio). Synthesis spellings may differ from what the
reference says when a voice renders a word poorly; `SAY` maps reference words to spellings.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import av
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mock_interviewer.audio import RATE, AudioChunk  # noqa: E402
from mock_interviewer.tts import TtsSettings, Voice  # noqa: E402

OUT = ROOT / "fixtures" / "audio"
LEAD_S = 0.6  # silence before the answer starts
TAIL_S = 2.0  # silence after it, so an endpointer can close the answer
SENTENCE_GAP_S = 0.25  # breath between sentences
PIPER_LENGTH_SCALE = 1.35  # joe speaks about 190 words a minute at 1.0; this brings it near 160
ESPEAK = "/usr/bin/espeak-ng"
PAUSE = re.compile(r"<pause ([0-9.]+)>")

SIGNALS = ("timeline", "separation", "principle", "systemic", "prevention", "reflection")
PITFALLS = ("blame", "conflation", "hero", "no_prevention")


@dataclass(frozen=True)
class Fixture:
    """One spoken answer: the words, who speaks them and what the rubric should make of them."""

    name: str
    prompt: str
    voice: str  # "piper:joe" or "espeak:<voice>"
    text: str  # may hold <pause N> markers
    signals: tuple[str, ...]  # signals the answer is written to meet
    pitfalls: tuple[str, ...]  # pitfalls it is written to show
    fillers: tuple[str, ...] = ()  # fillers spoken, in order
    notes: str = ""
    extra: dict[str, object] = field(default_factory=dict)


FIXTURES = (
    Fixture(
        name="demo_answer",
        prompt="outage",
        voice="piper:joe",
        signals=SIGNALS,
        pitfalls=(),
        notes="A strong outage story: every signal met, no pitfall.",
        text=(
            "The one I come back to is a checkout outage at an online retailer. T plus zero "
            "was a Tuesday at two in the afternoon, when the error rate alert fired for the "
            "checkout service, and I was the on-call engineer. Within a minute I saw that a "
            "third of card payments were timing out, starting right as a new release of the "
            "pricing service went out. About five minutes in, I rolled that release back. I "
            "picked the rollback because it was the cheapest reversible action we had: it took "
            "two minutes, it could be undone as fast, and every minute of waiting cost "
            "real orders, while a needless rollback would only delay a small feature. By T plus "
            "eight the error rate was back to normal, so customers saw about eight minutes of "
            "failed payments. Then we went after the cause. At around T plus thirty we found "
            "it: the new release opened a database connection for every request instead of "
            "using the pool, and under afternoon traffic the database ran out of them. The real "
            "gap was in our system: nothing in the pipeline tested the service under realistic "
            "load before it reached every customer, and nothing alerted on pool saturation. The "
            "fix was small: we restored the pooled client, added a test for it, and "
            "shipped it that evening. We wrote the postmortem the next morning. For prevention, "
            "within two weeks we made a canary stage mandatory for that service, with an "
            "automatic rollback when the canary's error rate climbs, and we added an alert when "
            "the connection pool passes eighty percent. Both were live within the month, and "
            "six weeks later the canary caught a similar leak before customers noticed. Looking "
            "back, I would page the pricing team at minute two instead of minute six, as soon "
            "as the timing lined up with their deploy, because I spent four minutes confirming "
            "something I already suspected."
        ),
    ),
    Fixture(
        name="fillers_answer",
        prompt="stressful",
        voice="piper:joe",
        signals=("prevention",),
        pitfalls=(),
        fillers=(
            "um",
            "uh",
            "um",
            "uh",
            "you know",
            "um",
            "uh",
            "um",
            "like",
            "uh",
            "um",
            "you know",
        ),
        notes="Hesitant delivery: twelve fillers and one thinking pause of three seconds.",
        text=(
            "Um, so the most stressful one was, uh, a database failover that went wrong. It "
            "was, um, around midnight, and the primary just stopped answering. Uh, the replica "
            "was supposed to take over by itself, but it, you know, never got promoted. So I, "
            "um, paged the database team, and we, uh, promoted the replica by hand, which took "
            "about, um, twelve minutes. <pause 3.0> The cause was, like, a health check that "
            "pointed at the wrong port, so, uh, the failover logic never saw the primary as "
            "down. Um, and, you know, a week later we added a monthly failover drill and an "
            "alert on replica health."
        ),
        extra={"pauses_s": [3.0]},
    ),
    Fixture(
        name="blame_answer",
        prompt="outage",
        voice="piper:joe",
        signals=("timeline",),
        pitfalls=("blame", "no_prevention"),
        notes="Blames a new engineer; prevention is only 'be more careful'.",
        text=(
            "So this was an outage on our search service last spring. T plus zero was around "
            "nine in the morning, when customers started reporting that every search came back "
            "empty. About ten minutes in, we rolled back the latest deploy and results came "
            "back. It turned out the new engineer on the team had pushed a settings change "
            "without testing it, and he got the index name wrong. Honestly, he just didn't "
            "check his work, and that is what took us down. At T plus forty we found the bad "
            "line and put the right index name back that afternoon. We wrote it up the next "
            "day. After that, I told him to be more careful with settings and to ask "
            "someone before touching production. I think the main lesson was that new people "
            "need closer supervision, and I learned a lot about staying calm."
        ),
    ),
    Fixture(
        name="followup_prevention",
        prompt="outage",
        voice="piper:joe",
        signals=("prevention", "reflection"),
        pitfalls=(),
        notes=(
            "The answer to a follow-up after blame_answer: names the fix apart from the "
            "rollback, a dated concrete prevention and a calibrated reflection. Scored with "
            "blame_answer as one story."
        ),
        text=(
            "The rollback stopped the empty results, and the fix was putting the right index "
            "name back in the settings that afternoon. For prevention, within two weeks we "
            "added a contract test that checks every index name in the settings against the "
            "live cluster, and the deploy pipeline now blocks a settings change that fails it. "
            "Looking back, I would roll back at minute two instead of minute ten, as soon as "
            "the empty results lined up with the deploy."
        ),
        extra={"follows": "blame_answer"},
    ),
    Fixture(
        name="conflation_answer",
        prompt="critical_bug",
        voice="espeak:en-us",
        signals=("timeline", "prevention"),
        pitfalls=("conflation",),
        notes="'Fixed' names the workaround, the fix and the prevention; spoken by espeak-ng.",
        text=(
            "The one I remember best was when our login service broke for a big customer. T "
            "plus zero was a Monday morning, when the alerts fired on login failures. I jumped "
            "in and fixed it about fifteen minutes later by restarting the token cache, so "
            "people could sign in again. Then over the next hour we fixed the actual problem, "
            "which was a memory leak in the cache client after an upgrade. And a couple of "
            "weeks later we fixed it for good with a memory alert and a nightly restart. So we "
            "basically fixed it three times, and it has been stable ever since. The main thing "
            "I took away is that fixing things quickly matters most."
        ),
    ),
    Fixture(
        name="hero_answer",
        prompt="stressful",
        voice="piper:joe",
        signals=("timeline", "separation", "systemic", "prevention"),
        pitfalls=("hero",),
        notes="A lone all-nighter with no escalation; prevention is concrete.",
        text=(
            "My most stressful incident was a payments queue that backed up on a Friday night. "
            "T plus zero was eleven at night, when I saw the queue depth alarm on my phone. I "
            "didn't want to wake anyone, so I handled the whole thing by myself. I stayed up "
            "all night with no sleep, going through the logs on my own. About two hours in, I "
            "drained the stuck messages into a side queue so that new payments could flow "
            "again. Around four in the morning I found that one malformed message crashed every "
            "consumer that picked it up, and I patched the parser to skip it. The following "
            "week I added a dead letter queue with an alert on its size. Looking back, I would "
            "do it the same way again, because I knew that system better than anyone."
        ),
    ),
)


def spoken_text(fixture: Fixture) -> str:
    """The reference: what is said, without pause markers."""
    return re.sub(r"\s+", " ", PAUSE.sub(" ", fixture.text)).strip()


def without_fillers(fixture: Fixture) -> str:
    """The reference with its fillers (and the commas around them) removed."""
    text = spoken_text(fixture)
    for filler in sorted(set(fixture.fillers), key=len, reverse=True):
        pattern = rf"(?i)(,\s*)?\b{re.escape(filler)}\b,?"
        text = re.sub(pattern, "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([.,])", r"\1", text).strip()
    return re.sub(r"(^|[.?!] )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def resample(samples: np.ndarray, rate: int) -> np.ndarray:
    """Resample int16 mono to 16 kHz with FFmpeg's resampler."""
    if rate == RATE:
        return samples.astype(np.int16)
    resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1).astype(np.int16), "s16", "mono")
    frame.sample_rate = rate
    parts = [f.to_ndarray().reshape(-1) for f in resampler.resample(frame)]
    parts += [f.to_ndarray().reshape(-1) for f in resampler.resample(None)]
    return np.concatenate(parts).astype(np.int16)


def piper_audio(text: str) -> np.ndarray:
    """Speak with the bundled joe voice, noise off so reruns match."""
    settings = TtsSettings(
        length_scale=PIPER_LENGTH_SCALE,
        noise_scale=0.0,
        noise_w_scale=0.0,
        sentence_silence_s=SENTENCE_GAP_S,
    )
    voice = Voice(settings)
    chunks: list[AudioChunk] = list(voice.synthesize(text))
    return resample(np.concatenate([c.samples for c in chunks]), chunks[0].rate)


def espeak_audio(text: str, voice: str) -> np.ndarray:
    """Speak with espeak-ng at 150 words a minute."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "out.wav"
        subprocess.run(
            [ESPEAK, "-v", voice, "-s", "150", "-g", "4", "-w", str(wav), text], check=True
        )
        with av.open(str(wav)) as container:
            stream = container.streams.audio[0]
            rate = stream.rate
            data = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(stream)])
    return resample(data.astype(np.int16), rate)


def synthesize(fixture: Fixture) -> np.ndarray:
    """The whole answer at 16 kHz, with planned pauses and lead/tail silence."""
    pieces = [np.zeros(round(LEAD_S * RATE), dtype=np.int16)]
    parts = PAUSE.split(fixture.text)
    for i, part in enumerate(parts):
        if i % 2:
            pieces.append(np.zeros(round(float(part) * RATE), dtype=np.int16))
            continue
        if not part.strip():
            continue
        kind, _, voice = fixture.voice.partition(":")
        if kind == "piper":
            pieces.append(piper_audio(part.strip()))
        else:
            pieces.append(espeak_audio(part.strip(), voice))
    pieces.append(np.zeros(round(TAIL_S * RATE), dtype=np.int16))
    return np.concatenate(pieces)


def write_flac(samples: np.ndarray, path: Path) -> None:
    """Encode 16 kHz mono int16 as FLAC."""
    with av.open(str(path), "w", format="flac") as container:
        stream = container.add_stream("flac", rate=RATE, layout="mono")
        step = RATE
        for start in range(0, len(samples), step):
            block = samples[start : start + step].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(block, "s16", "mono")
            frame.sample_rate = RATE
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)


def sidecar(fixture: Fixture, samples: np.ndarray) -> dict[str, object]:
    """The JSON beside the audio."""
    text = spoken_text(fixture)
    data: dict[str, object] = {
        "prompt": fixture.prompt,
        "voice": fixture.voice,
        "words": len(text.split()),
        "seconds": round(len(samples) / RATE, 2),
        "lead_silence_s": LEAD_S,
        "tail_silence_s": TAIL_S,
        "notes": fixture.notes,
        "signals": {s: s in fixture.signals for s in SIGNALS},
        "pitfalls": {p: p in fixture.pitfalls for p in PITFALLS},
    }
    if fixture.fillers:
        data["fillers"] = {
            "count": len(fixture.fillers),
            "spoken": list(fixture.fillers),
            "text_without_fillers": without_fillers(fixture),
        }
    data.update(fixture.extra)
    return data


def main(names: list[str]) -> None:
    """Write the requested fixtures (all by default)."""
    OUT.mkdir(parents=True, exist_ok=True)
    for fixture in FIXTURES:
        if names and fixture.name not in names:
            continue
        samples = synthesize(fixture)
        write_flac(samples, OUT / f"{fixture.name}.flac")
        (OUT / f"{fixture.name}.txt").write_text(spoken_text(fixture) + "\n", encoding="utf-8")
        meta = sidecar(fixture, samples)
        (OUT / f"{fixture.name}.json").write_text(json.dumps(meta, indent=2) + "\n")
        print(f"{fixture.name}: {meta['seconds']} s, {meta['words']} words")


if __name__ == "__main__":
    main(sys.argv[1:])
