"""Small helpers for the words shown to people: counts with the right singular or plural."""

from __future__ import annotations


def plural(count: int, singular: str, many: str | None = None) -> str:
    """`plural(1, "filler")` -> "1 filler"; `plural(0, "filler")` -> "0 fillers".

    `many` is the plural when it is not `singular` + "s" ("1 pass", "2 passes" needs
    `many="passes"`); the count is written as a number either way.
    """
    word = singular if count == 1 else (many or singular + "s")
    return f"{count} {word}"


def several(count: int, singular: str, many: str | None = None) -> str:
    """The noun alone for a count: `several(1, "marker")` -> "marker", else "markers"."""
    return singular if count == 1 else (many or singular + "s")
