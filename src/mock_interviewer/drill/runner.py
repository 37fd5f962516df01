"""The drill mode of the orchestrator: answer against a clock, round after round.

Three kinds: a full answer against a target length, one section of the story in a time box,
or a word budget. Each round is spoken (or read from a file), recorded with cue tones placed
at exact samples (see `drill.cues`), transcribed, scored and kept as a session of kind
"drill". All timing counts samples, so a file or the ALSA test microphone gives exact results.
Speaking, recording, the model thread, Enter and Ctrl-C are the orchestrator's.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from mock_interviewer import sound, tts
from mock_interviewer.audio import RATE, AudioChunk, concat, resample
from mock_interviewer.drill.countdown import Countdown
from mock_interviewer.drill.cues import CueTrack, Samples, drill_cues
from mock_interviewer.drill.result import DrillResult, RoundResult, round_lines, signed
from mock_interviewer.drill.scoring import (
    OVERRUN_S,
    SECTION_ASKS,
    all_evidence,
    score_section,
    streaks,
    time_per_part,
)
from mock_interviewer.drill.settings import DrillSettings
from mock_interviewer.errors import AudioError, NoAnswerHeard
from mock_interviewer.orchestrator import SessionRunner, endpoint_settings, open_source
from mock_interviewer.pipeline import score_transcript
from mock_interviewer.prompts import Prompt, get_prompt, load_prompts
from mock_interviewer.protocols import AudioSource, SpeechModel
from mock_interviewer.recorder import Recording
from mock_interviewer.sound import OutputStream
from mock_interviewer.terminal import clock
from mock_interviewer.wrapping import fit

SPOKEN_TIME = "Time."  # said at the target with --say-time (shipped pre-synthesised)

SourceFactory = Callable[[DrillSettings, int], AudioSource]


def default_source(settings: DrillSettings, index: int) -> AudioSource:
    """The microphone, or the round's file standing in for it (a context manager of chunks)."""
    return open_source(settings.input_for(index), settings.realtime, settings.device)


def default_output(settings: DrillSettings) -> OutputStream | None:
    """The tone stream: only for the microphone, and only when there is a speaker."""
    if not settings.tones or settings.inputs:
        return None
    return OutputStream(RATE, what="play cue tones") if sound.has_output_device() else None


@dataclass
class Drill(SessionRunner):
    """Runs the rounds of one drill. I/O is built by factories that tests can replace."""

    settings: DrillSettings = field(default_factory=DrillSettings)
    source_factory: SourceFactory = default_source
    output_factory: Callable[[DrillSettings], OutputStream | None] = default_output
    out: TextIO = field(default_factory=lambda: sys.stdout)  # each round's result

    def run(self) -> DrillResult:
        """Every round in turn; a round with no speech is a missed round (a lone one raises)."""
        s = self.settings
        self.check_microphone(self.source_factory is default_source and not s.inputs, s.device)
        stt = self.speech_model(s.model)
        self.model_loader(stt).start()
        spoken_time = self._spoken_time()
        results: list[RoundResult] = []
        run_id = ""
        for index in range(s.rounds):
            if index:
                self._wait_for_next(index)
            result = self.run_round(index, stt, spoken_time, run_id)
            run_id = run_id or (result.session or "")
            if s.rounds == 1 and not result.heard:
                raise NoAnswerHeard("no answer heard: check the microphone or the --input file")
            results.append(result)
            self._print_round(result, results)
        return DrillResult(tuple(results))

    def run_round(
        self, index: int, stt: SpeechModel, spoken_time: Samples | None, run_id: str
    ) -> RoundResult:
        """Ask, record with cues, transcribe, judge and save one round."""
        s = self.settings
        prompt = self._prompt()
        self._ask(prompt)
        with self.session("drill", prompt.id if prompt else None) as info:
            base = RoundResult(index + 1, s.mode, s.target_s, s.tolerance, heard=False)
            wav = self.session_store().audio_path(info)
            recording, track, played = self._record(index, wav, spoken_time)
            base = replace(
                base,
                prompt_id=prompt.id if prompt else None,
                budget=s.budget,
                cues=tuple((p.cue.name, p.sample) for p in track.placed),
                tones_played=played,
                end_reason=recording.end_reason,
                speech_start_s=None if track.speech_start is None else track.speech_start / RATE,
                session=info.id,
            )
            speech = list(recording.segments)
            transcript = stt.transcribe(recording.audio, speech=speech) if speech else None
            if transcript is None or not transcript.text.strip():
                self.session_store().mark(info, "no_answer")
                return base
            card, pacing = score_transcript(transcript, prompt, speech, s.target_s)
        result = replace(
            base,
            heard=True,
            duration_s=pacing.duration_s,
            words=pacing.words,
            wpm=pacing.wpm,
            parts=time_per_part(all_evidence(card), pacing.speech_start_s, pacing.speech_end_s)
            if s.mode == "full"
            else (),
            section=score_section(s.section, card) if s.section and s.mode == "section" else None,
        )
        extra = result.session_extra(run_id or info.id, s.rounds)
        self.session_store().finish(info, transcript, card, pacing, extra=extra)
        return result

    # -- asking ------------------------------------------------------------------------

    def _prompt(self) -> Prompt | None:
        if self.settings.mode == "section":
            return get_prompt(self.settings.prompt_id) if self.settings.prompt_id else None
        if self.settings.prompt_id:
            return get_prompt(self.settings.prompt_id)
        return random.choice(list(load_prompts().values()))

    def task_text(self, prompt: Prompt | None) -> str:
        """What the drill asks for, as spoken and printed."""
        s = self.settings
        if s.mode == "section" and s.section:
            return f"{SECTION_ASKS[s.section]}, in {s.target_s:.0f} seconds."
        question = prompt.question if prompt else "Tell me about a production incident."
        if s.mode == "words" and s.budget:
            return f"{question} Aim for {s.budget[0]} to {s.budget[1]} words."
        return f"{question} Land it in {clock(s.target_s)}."

    def _ask(self, prompt: Prompt | None) -> None:
        self.say(self.task_text(prompt), self.settings.speak, self.settings.voice)

    def _spoken_time(self) -> Samples | None:
        """The word "time" at 16 kHz for --say-time (None when not wanted or no speaker)."""
        s = self.settings
        if not s.say_time or s.inputs or not s.tones or not sound.has_output_device():
            return None
        voice = tts.Voice(tts.TtsSettings(voice=s.voice))
        return resample(concat(voice.cached_or_synthesize(SPOKEN_TIME))).samples

    def _wait_for_next(self, index: int) -> None:
        """At a terminal, the next round starts when the user presses Enter."""
        if self.settings.input_for(index) is not None or not sys.stdin or not sys.stdin.isatty():
            return
        print(f"\nPress Enter for round {index + 1}…", file=self.status, flush=True)
        self.arm_enter().wait()

    # -- recording -----------------------------------------------------------------------

    def _record(
        self, index: int, wav_path: Path, spoken_time: Samples | None
    ) -> tuple[Recording, CueTrack, bool]:
        s = self.settings
        where = s.input_for(index)
        # A round ended by silence leaves its Enter armed for the next round (one at a time).
        stop = self.arm_enter() if where is None else None
        output = self._open_output()
        display = Countdown(self.status, s.target_s, audible=output is not None)
        tracks: list[CueTrack] = []
        settings = endpoint_settings(s.end_silence_s, s.target_s + OVERRUN_S)

        def with_cues(source: AudioSource) -> Iterable[AudioChunk]:
            sink = output.write if output is not None else None
            track = CueTrack(source, drill_cues(s.target_s, spoken_time), settings, sink=sink)
            track.on_cue, track.on_tick = display.cue, display.tick
            tracks.append(track)
            return track

        try:
            recording = self.record(
                self.source_factory(s, index),
                wav_path,
                settings,
                "Recording… the clock starts when you speak; press Enter when done."
                if where is None
                else f"Recording from {where}…",
                stop,
                wrap=with_cues,
            )
        finally:
            if output is not None:
                output.close()
            display.done()
        return recording, tracks[0], output is not None

    def _open_output(self) -> OutputStream | None:
        """The cue tones' stream, or None (no speaker, or it failed: cues on screen only)."""
        output = self.output_factory(self.settings)
        if output is None:
            return None
        try:
            output.open()
        except AudioError as error:
            print(f"({error}: the cues are shown on screen only)", file=self.status)
            return None
        return output

    # -- reporting -----------------------------------------------------------------------

    def _print_round(self, result: RoundResult, so_far: list[RoundResult]) -> None:
        for line in round_lines(result):
            print(fit(line), file=self.out)
        if self.settings.rounds > 1:
            errors = "  ".join(signed(r.error, r.mode) if r.heard else "—" for r in so_far)
            current, best = streaks(r.landed for r in so_far)
            print(
                fit(
                    f"  Rounds {len(so_far)}/{self.settings.rounds}: {errors}   "
                    f"streak {current} (best {best})"
                ),
                file=self.out,
                flush=True,
            )
