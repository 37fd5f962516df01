"""Timing drills: answer against a clock, hear cues, see how close you landed.

`settings` (what the user chose), `cues` (tones at exact samples), `scoring` (landing, budgets,
time per story part), `result` (a round's result and its lines), `countdown` (the live clock)
and `runner` (the drill as a mode of the session orchestrator).
"""
