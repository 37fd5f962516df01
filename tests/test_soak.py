"""Soak: 50 consecutive scored interviews through the virtual microphone, in one process.

Resident memory may grow while caches warm up (first sessions), then must stay flat: less
than 10% growth from the fifth session to the fiftieth.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from alsa import virtual_audio_env
from audio_fixtures import ROLLBACK

pytestmark = pytest.mark.slow

SESSIONS = 50
WARM = 5  # sessions before memory is expected to be flat

SCRIPT = """
import io, json, sys
from mock_interviewer.interview import Interview, InterviewSettings
from mock_interviewer.prompts import get_prompt
from mock_interviewer.sessions import SessionStore

def rss_kb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1])

store = SessionStore()
settings = InterviewSettings(speak=False, end_silence_s=1.0)
for i in range(int(sys.argv[1])):
    result = Interview(get_prompt("outage"), settings, store=store, status=io.StringIO()).run()
    print(json.dumps({"rss_kb": rss_kb(), "session": result.session.id,
                      "words": len(result.transcript.words)}), flush=True)
"""


def test_fifty_sessions_keep_memory_flat(tmp_path: Path) -> None:
    audio = virtual_audio_env(tmp_path, ROLLBACK, pad_silence_s=3.0)
    env = {**audio.env, "MOCK_INTERVIEWER_HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SESSIONS)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == SESSIONS
    assert len({r["session"] for r in rows}) == SESSIONS
    assert all(r["words"] >= 8 for r in rows)  # every answer was heard and transcribed
    warm, last = rows[WARM - 1]["rss_kb"], rows[-1]["rss_kb"]
    growth = (last - warm) / warm
    assert growth < 0.10, f"resident memory grew {growth:.1%}: {[r['rss_kb'] for r in rows]}"
