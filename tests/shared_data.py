"""The files the suite reads from `../shared` beside the checkout, and whether they can be read.

CI always has that folder; a plain `git clone` does not. Tests that read it carry the `shared`
marker, and one hook in `conftest.py` skips them, with the single reason below, when the folder
is absent. A folder that is present but lacks a file is a failure, not a skip: it is broken.
Set MOCK_INTERVIEWER_REQUIRE_SHARED=1 (CI does) to turn the absence itself into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REQUIRE_ENV = "MOCK_INTERVIEWER_REQUIRE_SHARED"

JFK = SHARED / "audio" / "jfk.flac"
RUBRIC = SHARED / "RUBRIC.md"
CORPUS = SHARED / "corpus"

# What goes unmeasured without the folder, in the words of the skip reason.
MEASURES = (
    "rubric accuracy on corpus/dev.jsonl, dev-hard.jsonl and dev-wild.jsonl",
    "the detectors against the annotated roles of those three sets",
    "real speech from audio/jfk.flac (decoding, endpointing, recording, transcription)",
    "the check that no prompt text is copied from RUBRIC.md",
)


def absent_reason() -> str | None:
    """Why tests marked `shared` cannot run here, or None when they can (or must)."""
    if SHARED.is_dir() or os.environ.get(REQUIRE_ENV) == "1":
        return None
    return (
        f"not measured, {SHARED} is absent (a plain clone has no ../shared; CI does): "
        + "; ".join(MEASURES)
    )
