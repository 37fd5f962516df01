"""Domain errors and exit codes: each error carries one line for the user saying what is wrong
and what to do, and the exit code the command ends with (the README's table of exit codes)."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Every exit status a command can end with; the CLI maps each error to one of these."""

    OK = 0
    FAILED = 1  # a check or an operation failed: doctor found a problem, a session is damaged
    USAGE = 2  # a bad option, argument or combination, or an unknown id (click uses 2 too)
    NO_ANSWER = 3  # the recording holds no speech, or no words were recognised
    BAD_INPUT = 4  # a file given to read is missing, empty, unreadable or of the wrong kind
    NO_DEVICE = 5  # no microphone or speaker, or the audio device cannot be used
    NO_MODEL = 6  # the speech model or the voice is missing or cannot be loaded
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), what remains recorded is kept


class MockInterviewerError(Exception):
    """Base class; the CLI prints `str(error)` as one line and exits with `exit_code`."""

    exit_code = ExitCode.FAILED


class UsageError(MockInterviewerError):
    """The user asked for something that cannot be done as asked (bad option, unknown id)."""

    exit_code = ExitCode.USAGE


class InputFileError(UsageError):
    """A file the user handed in (an answer, a recording) is missing, unreadable or wrong."""

    exit_code = ExitCode.BAD_INPUT


class PromptError(MockInterviewerError):
    """A prompt file is broken; the message names the file and line."""


class AudioError(MockInterviewerError):
    """Audio that cannot be handled: a recording that cannot be read, a device that fails."""


class RecordingFileError(InputFileError, AudioError):
    """A recording the user handed in cannot be read or decoded."""

    exit_code = ExitCode.BAD_INPUT


class DeviceError(AudioError):
    """An audio device is missing or cannot be used (PortAudio missing, stream failed)."""

    exit_code = ExitCode.NO_DEVICE


class NoInputDevice(DeviceError):
    """No microphone: suggest `--input FILE`."""


class ModelError(MockInterviewerError):
    """A speech model or voice cannot be found or loaded."""

    exit_code = ExitCode.NO_MODEL


class SessionError(MockInterviewerError):
    """A session is malformed or its store is damaged."""


class UnknownSession(SessionError):
    """An id (or `last`) names no session."""

    exit_code = ExitCode.USAGE


class NoAnswerHeard(MockInterviewerError):
    """The recording holds no speech."""

    exit_code = ExitCode.NO_ANSWER


class CannotGrade(NoAnswerHeard):
    """The answer is too short, not English, or not about an incident: no scorecard."""
