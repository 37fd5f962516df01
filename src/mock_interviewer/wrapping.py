"""Plain text fitted to the terminal: long lines broken between words, never inside one.

Rich wraps what it prints; this does the same for the plain text some commands print (the
annotated transcript of `replay --no-audio`, Markdown, `doctor`). Output to a file or a pipe
is left as it is unless COLUMNS asks for a width, as it does for rich.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import textwrap

# What starts a line and should start each of its continuation lines, as spaces, or as itself
# for a quote: indentation, a list or check mark, a `[m:ss.s]` stamp, a `>` quote.
_LEAD = re.compile(r"^(\s*(?:>\s?)*)((?:[-*✓!✗→] |\d+\. |\[\d+:\d\d(?:\.\d)?\] |> )?)")


def terminal_columns() -> int | None:
    """The width to fit: COLUMNS when set, else the terminal's; None for a file or pipe."""
    value = os.environ.get("COLUMNS", "")
    if value.isdigit() and int(value) > 0:
        return int(value)
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def fit(text: str, width: int | None = None) -> str:
    """`text` with every line longer than `width` (default: the terminal's) broken between
    words; continuation lines keep the line's indentation, list marker or quote."""
    width = terminal_columns() if width is None else width
    if width is None:
        return text
    out = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        match = _LEAD.match(line)
        quote, marker = (match.group(1), match.group(2)) if match else ("", "")
        hang = quote if quote.startswith(">") else " " * len(quote)  # a Markdown quote goes on
        hang += " " * len(marker) if marker.strip() != ">" else marker
        out.append(
            textwrap.fill(
                line,
                width,
                subsequent_indent=hang if len(hang) < width // 2 else "",
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)
