"""Timing drills: answer against a clock, hear cues, see how close you landed, round after round.

Three modes: a full answer against a target length, one section of the story in a time box,
or a word budget. Each round is spoken (or read from a file), recorded with cue tones placed
at exact samples (see `drill_tones`), transcribed, scored and kept as a session of kind
"drill". All timing counts samples, so a file or the ALSA test microphone gives exact results.
"""

from __future__ import annotations

import contextlib
import random
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mock_interviewer.audio import RATE
from mock_interviewer.drill.countdown import Countdown
from mock_interviewer.drill.cues import CueTrack, drill_cues
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
from mock_interviewer.errors import MockInterviewerError, NoAnswerHeard
from mock_interviewer.sound import OutputStream

if TYPE_CHECKING:
    from mock_interviewer.endpoint import EndpointSettings
    from mock_interviewer.prompts import Prompt
    from mock_interviewer.recorder import Recording
    from mock_interviewer.sessions import SessionStore

SPOKEN_TIME = "Time."  # said at the target with --say-time (shipped pre-synthesised)


SourceFactory = Callable[[DrillSettings, int], Any]


def default_source(settings: DrillSettings, index: int) -> Any:
    """The microphone, or the round's file standing in for it (a context manager of chunks)."""
    from mock_interviewer.capture import FileSource, MicrophoneSource

    path = settings.input_for(index)
    if path is not None:
        return FileSource(path, realtime=settings.realtime)
    return MicrophoneSource(device=settings.device)


def default_output(settings: DrillSettings) -> OutputStream | None:
    """The tone stream: only for the microphone, and only when there is a speaker."""
    if not settings.tones or settings.inputs:
        return None
    from mock_interviewer import sound

    return OutputStream(RATE, what="play cue tones") if sound.has_output_device() else None


@dataclass
class Drill:
    """Runs the rounds of one drill. I/O is built by factories that tests can replace."""

    settings: DrillSettings = field(default_factory=DrillSettings)
    store: SessionStore | None = None
    source_factory: SourceFactory = default_source
    output_factory: Callable[[DrillSettings], OutputStream | None] = default_output
    status: TextIO = field(default_factory=lambda: sys.stderr)  # prompts, live clock, cues
    out: TextIO = field(default_factory=lambda: sys.stdout)  # each round's result
    _stop: threading.Event | None = field(default=None, init=False, repr=False)

    def run(self) -> DrillResult:
        """Every round in turn; a round with no speech is a missed round (a lone one raises)."""
        from mock_interviewer.pipeline import transcriber
        from mock_interviewer.sessions import SessionStore

        if self.source_factory is default_source and not self.settings.inputs:
            from mock_interviewer.sound import find_input_device

            find_input_device(self.settings.device)  # no microphone: say so before asking
        store = self.store or SessionStore()
        stt = transcriber(self.settings.model)
        threading.Thread(target=_quietly, args=(stt.load,), name="model-load", daemon=True).start()
        spoken_time = self._spoken_time()
        results: list[RoundResult] = []
        run_id = ""
        for index in range(self.settings.rounds):
            if index:
                self._wait_for_next(index)
            result = self.run_round(index, store, stt, spoken_time, run_id)
            run_id = run_id or (result.session or "")
            if self.settings.rounds == 1 and not result.heard:
                raise NoAnswerHeard("no answer heard: check the microphone or the --input file")
            results.append(result)
            self._print_round(result, results)
        return DrillResult(tuple(results))

    def run_round(
        self, index: int, store: SessionStore, stt: Any, spoken_time: Any, run_id: str
    ) -> RoundResult:
        """Ask, record with cues, transcribe, judge and save one round."""
        from mock_interviewer.pipeline import score_transcript

        s = self.settings
        prompt = self._prompt()
        self._ask(prompt)
        info = store.begin("drill", prompt.id if prompt else None, "audio")
        base = RoundResult(index + 1, s.mode, s.target_s, s.tolerance, heard=False)
        base = replace(base, prompt_id=prompt.id if prompt else None, budget=s.budget)
        try:
            recording, track, played = self._record(index, store.audio_path(info), spoken_time)
        except (KeyboardInterrupt, MockInterviewerError):
            store.mark(info, "interrupted")
            raise
        base = replace(
            base,
            cues=tuple((p.cue.name, p.sample) for p in track.placed),
            tones_played=played,
            end_reason=recording.end_reason,
            speech_start_s=None if track.speech_start is None else track.speech_start / RATE,
            session=info.id,
        )
        try:
            speech = list(recording.segments)
            transcript = stt.transcribe(recording.audio, speech=speech) if speech else None
            if transcript is None or not transcript.text.strip():
                store.mark(info, "no_answer")
                return base
            card, pacing = score_transcript(transcript, prompt, speech, s.target_s)
        except (KeyboardInterrupt, MockInterviewerError):
            store.mark(info, "interrupted")
            raise
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
        store.finish(info, transcript, card, pacing, extra=extra)
        return result

    # -- asking ------------------------------------------------------------------------

    def _prompt(self) -> Prompt | None:
        from mock_interviewer.prompts import get_prompt, load_prompts

        if self.settings.mode == "section":
            return get_prompt(self.settings.prompt_id) if self.settings.prompt_id else None
        if self.settings.prompt_id:
            return get_prompt(self.settings.prompt_id)
        return random.choice(list(load_prompts().values()))

    def task_text(self, prompt: Prompt | None) -> str:
        """What the drill asks for, as spoken and printed."""
        from mock_interviewer.terminal import clock

        s = self.settings
        if s.mode == "section" and s.section:
            return f"{SECTION_ASKS[s.section]}, in {s.target_s:.0f} seconds."
        question = prompt.question if prompt else "Tell me about a production incident."
        if s.mode == "words" and s.budget:
            return f"{question} Aim for {s.budget[0]} to {s.budget[1]} words."
        return f"{question} Land it in {clock(s.target_s)}."

    def _ask(self, prompt: Prompt | None) -> None:
        text = self.task_text(prompt)
        print(f"\n{text}\n", file=self.status, flush=True)
        if not self.settings.speak:
            return
        from mock_interviewer import sound, tts

        if not sound.has_output_device():
            print("(no speaker found: read the task above)", file=self.status)
            return
        voice = tts.Voice(tts.TtsSettings(voice=self.settings.voice))
        sound.play(voice.cached_or_synthesize(text))

    def _spoken_time(self) -> Any:
        """The word "time" at 16 kHz for --say-time (None when not wanted or no speaker)."""
        s = self.settings
        if not s.say_time or s.inputs or not s.tones:
            return None
        from mock_interviewer import sound, tts
        from mock_interviewer.audio import concat, resample

        if not sound.has_output_device():
            return None
        voice = tts.Voice(tts.TtsSettings(voice=s.voice))
        return resample(concat(voice.cached_or_synthesize(SPOKEN_TIME))).samples

    def _wait_for_next(self, index: int) -> None:
        """At a terminal, the next round starts when the user presses Enter."""
        from mock_interviewer.keys import watch_enter

        if self.settings.input_for(index) is not None or not sys.stdin or not sys.stdin.isatty():
            return
        print(f"\nPress Enter for round {index + 1}…", file=self.status, flush=True)
        if self._stop is None or self._stop.is_set():
            self._stop = threading.Event()
            watch_enter(self._stop)
        self._stop.wait()

    # -- recording -----------------------------------------------------------------------

    def _record(
        self, index: int, wav_path: Path, spoken_time: Any
    ) -> tuple[Recording, CueTrack, bool]:
        from mock_interviewer.errors import AudioError
        from mock_interviewer.keys import watch_enter
        from mock_interviewer.recorder import record_answer

        s = self.settings
        if s.input_for(index) is None and (self._stop is None or self._stop.is_set()):
            # One watcher waits for Enter at a time: a round ended by silence hands its
            # still-waiting watcher (and event) on to the next round.
            self._stop = threading.Event()
            watch_enter(self._stop)
        stop = self._stop if s.input_for(index) is None else None
        cues = drill_cues(s.target_s, spoken_time)
        output = self.output_factory(s)
        if output is not None:
            try:
                output.open()
            except AudioError as error:
                print(f"({error}: the cues are shown on screen only)", file=self.status)
                output = None
        display = Countdown(self.status, s.target_s, audible=output is not None)
        try:
            with self.source_factory(s, index) as source:
                where = s.input_for(index)
                print(
                    "Recording… the clock starts when you speak; press Enter when done."
                    if where is None
                    else f"Recording from {where}…",
                    file=self.status,
                    flush=True,
                )
                track = CueTrack(
                    source,
                    cues,
                    self._endpoint_settings(),
                    sink=output.write if output is not None else None,
                    on_cue=display.cue,
                    on_tick=display.tick,
                )
                recording = record_answer(track, wav_path, self._endpoint_settings(), stop=stop)
        finally:
            if output is not None:
                output.close()
            display.done()
        return recording, track, output is not None

    def _endpoint_settings(self) -> EndpointSettings:
        from mock_interviewer.endpoint import EndpointSettings

        base = EndpointSettings()
        return replace(
            base,
            end_silence_s=self.settings.end_silence_s or base.end_silence_s,
            max_answer_s=self.settings.target_s + OVERRUN_S,
        )

    # -- reporting -----------------------------------------------------------------------

    def _print_round(self, result: RoundResult, so_far: list[RoundResult]) -> None:
        from mock_interviewer.wrapping import fit

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


def _quietly(load: Callable[[], None]) -> None:
    """Load a model in the background; a failure is raised again, clearly, at first use."""
    with contextlib.suppress(MockInterviewerError):
        load()
