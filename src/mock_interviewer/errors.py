"""Domain errors: each carries one line for the user that says what is wrong and what to do."""

from __future__ import annotations


class MockInterviewerError(Exception):
    """Base class; the CLI prints `str(error)` as one line and exits with `exit_code`."""

    exit_code = 1


class UsageError(MockInterviewerError):
    """The user asked for something that cannot be done as asked (bad file, unknown id)."""

    exit_code = 2


class PromptError(MockInterviewerError):
    """A prompt file is broken; the message names the file and line."""


class AudioError(MockInterviewerError):
    """A recording cannot be read, or an audio device cannot be used."""


class NoInputDevice(AudioError):
    """No microphone: suggest `--input FILE`."""


class ModelError(MockInterviewerError):
    """A speech model or voice cannot be found or loaded."""


class SessionError(MockInterviewerError):
    """A session is unknown, malformed or its store is damaged."""


class NoAnswerHeard(MockInterviewerError):
    """The recording holds no speech."""

    exit_code = 3


class CannotGrade(NoAnswerHeard):
    """The answer is too short, not English, or not about an incident: no scorecard."""
