"""Run the CLI and write its peak resident memory (VmHWM, in kB) to a file at exit.

    python tests/peak_memory.py OUT -- score long.wav --json

VmHWM belongs to this process's own address space: unlike `ru_maxrss` from `wait4`, it does
not include the memory of the (large) test process this one was forked from before exec.
"""

from __future__ import annotations

import atexit
import sys

OUT = sys.argv[1]
ARGS = sys.argv[sys.argv.index("--") + 1 :]


def write_peak() -> None:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                with open(OUT, "w", encoding="ascii") as out:
                    out.write(line.split()[1])


atexit.register(write_peak)

from mock_interviewer.cli import main  # noqa: E402

sys.argv = ["mock-interviewer", *ARGS]
main()
