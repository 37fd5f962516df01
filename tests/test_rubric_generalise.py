"""Rules that generalise past stock words: each with a new sentence and a negative control."""

from __future__ import annotations

import re

import pytest

from mock_interviewer.rubric import score_text
from mock_interviewer.rubric.sentences import split_sentences
from mock_interviewer.rubric.timemarkers import find_markers
from rubric_answers import CAUSE, FIX, MITIGATION, OPENING, PREVENTION, REFLECTION, answer


def met(text: str, signal: str) -> bool:
    return score_text(text).signals[signal].hit


def found(text: str, pitfall: str) -> bool:
    return score_text(text).pitfalls[pitfall].hit


# --- principle: the justification told apart from the step --------------------------------

_STEP = "At T+7 we moved the basket service onto the older pricing table."


@pytest.mark.parametrize(
    "reason",
    [
        "It was one redeploy, it stopped the wrong totals straight away, and we could swap "
        "the new table in again any time.",
        "That was a single setting; it ended the bad totals at once and could be switched off "
        "just as quickly.",
        "It took one deploy and could be pointed forward again once we were sure.",
    ],
)
def test_justification_in_its_own_sentence(reason: str) -> None:
    text = answer(OPENING, _STEP, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert met(text, "principle")


@pytest.mark.parametrize(
    "reason",
    [
        "It was one redeploy, and the table can never be swapped back.",
        "We did it because the runbook says so; it was one setting and we could switch back.",
        "It stopped the wrong totals straight away.",
    ],
)
def test_justification_without_both_halves_is_missed(reason: str) -> None:
    text = answer(OPENING, _STEP, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert not met(text, "principle")


# --- timeline -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("Wednesday, 0915, the queue alarm went off.", 1),
        ("At 0915 on a Wednesday the queue alarm went off.", 1),
        ("The refund queue held 2150 messages by then.", 0),
        ("In 2019 we moved the queue to a new cluster.", 0),
    ],
)
def test_bare_four_digit_times_next_to_a_weekday(said: str, count: int) -> None:
    clocks = [m for m in find_markers(said) if m.kind == "clock"]
    assert len(clocks) == count


def test_the_following_fortnight_is_a_later_marker() -> None:
    assert [m.label for m in find_markers("Over the following fortnight we added a gate.")] == [
        "T+14d"
    ]
    assert find_markers("We argued about it for a fortnight of meetings.") == []


def test_reflection_told_first_does_not_hide_the_detection_time() -> None:
    first = (
        "What I'd change: when refunds stall I now pause the sender within the first two "
        "minutes, not after twenty."
    )
    text = answer(
        first,
        OPENING,
        _STEP,
        "That was a single setting, it stopped the bad totals "
        "at once, and it could be switched off just as quickly.",
        CAUSE,
        FIX,
        PREVENTION,
    )
    card = score_text(text)
    assert card.signals["timeline"].hit


# --- reflection ---------------------------------------------------------------------------


def _closing(closing: str) -> bool:
    return met(answer(OPENING, _STEP, _REASON, CAUSE, FIX, PREVENTION, closing), "reflection")


_REASON = "That was a single setting, and it could be switched off just as quickly."


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        (
            "Looking back, I'd have paused the exports at ten past four, before anyone knew why.",
            True,
        ),
        ("Looking back, I was exhausted by ten past four, before anyone knew why.", False),
        ("In hindsight I'd freeze the sync the minute a second region reports stale stock.", True),
        ("In hindsight I'd say that minute felt endless.", False),
        ("Looking back, the question I ask first now is which upstream file changed.", True),
        ("Looking back, the question I asked was which file had changed.", False),
    ],
)
def test_reflections_without_stock_triggers(closing: str, expected: bool) -> None:
    assert _closing(closing) is expected


def test_reflection_told_before_the_story() -> None:
    first = (
        "I'll begin with my own call, since it came out of this: when exports stall twice in an "
        "hour, I now pause them first and read logs after."
    )
    assert met(answer(first, OPENING, _STEP, _REASON, CAUSE, FIX, PREVENTION), "reflection")
    past = "When the exports stalled that day, I paused them and read the logs."
    assert not met(answer(past, OPENING, _STEP, _REASON, CAUSE, FIX, PREVENTION), "reflection")


# --- transcripts --------------------------------------------------------------------------


def test_lower_case_i_marks_a_transcript_split_at_every_stop() -> None:
    said = "so i paged Ana at 0910 on a Monday. queues cleared by T plus 15. i wrote it up."
    assert len(split_sentences(said)) == 3
    typed = "So I paged Ana at 09:10 on a Monday. queues cleared by T plus 15, as I wrote."
    assert len(split_sentences(typed)) == 1


# --- blame through sarcasm and imputed motive ---------------------------------------------

_BLAME_BASE = (OPENING, _STEP, _REASON, CAUSE, FIX, PREVENTION, REFLECTION)


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("The billing squad, bless them, had shipped the new pool size that lunchtime.", True),
        ("The billing squad had shipped the new pool size that lunchtime, bless the pager.", False),
        (
            "Dmitri, who, as ever, merged it alone, since he thinks code review is for other "
            "people.",
            True,
        ),
        ("Code review, we realised, was only for other services' repositories.", False),
        (
            "The platform team knew for months that the limit was wrong, but they were too busy "
            "with their new cluster.",
            True,
        ),
        ("We knew for months that the limit was close, and nothing alerted on it.", False),
        ("The vendor's engineers treat the upgrade notes as optional reading.", True),
        ("The upgrade notes were optional reading in our old onboarding pack.", False),
    ],
)
def test_blame_by_sarcasm_or_motive(said: str, expected: bool) -> None:
    parts = list(_BLAME_BASE)
    parts.insert(4, said)
    assert found(answer(*parts), "blame") is expected


# --- hero told as pride -------------------------------------------------------------------


def _hero(*said: str) -> bool:
    return found(answer(OPENING, _STEP, _REASON, *said, CAUSE, FIX, PREVENTION), "hero")


@pytest.mark.parametrize(
    "said",
    [
        (
            "When Leo offered to help I said no, I've got it.",
            "I only logged off when it was getting light.",
        ),
        (
            "I wasn't going to page the database team on a bank holiday.",
            "I'd rather own it, so I patched the resizer and sat there till 5 in the morning.",
        ),
        (
            "Honestly, I decided this was mine.",
            "I watched the sun come up before the patch was out.",
        ),
        (
            "I didn't really want to bother the platform on-call.",
            "Nobody else was going to "
            "untangle that code, so I worked the whole weekend and the nights.",
        ),
    ],
)
def test_lone_effort_told_as_pride(said: tuple[str, str]) -> None:
    assert _hero(*said)


@pytest.mark.parametrize(
    "said",
    [
        ("When Leo offered to help I said yes, and he took the database side.",),
        ("The nightly export ran till 5 in the morning, as it always does.",),
        ("Ravi and I swapped at midnight; he watched the sun come up on the graphs.",),
        ("I got Leo and the database on-call onto the bridge.", "We had it fixed before lunch."),
    ],
)
def test_shared_or_innocent_nights_are_not_hero(said: tuple[str, ...]) -> None:
    assert not _hero(*said)


# --- phases -------------------------------------------------------------------------------


def test_a_later_fix_that_dates_structural_work_names_the_prevention() -> None:
    first = "At T+7 our first fix was reverting that setting with the config tool."
    second = "The second fix, that evening, derived the pool size from the database limit."
    third = "The third fix, over the next two weeks, was a pre-deploy check on pool settings."
    card = score_text(answer(OPENING, first, CAUSE, second, third, REFLECTION))
    assert not card.pitfalls["no_prevention"].hit
    assert card.pitfalls["conflation"].hit
    assert card.signals["prevention"].hit
    same_day = "The third fix, an hour later, raised the alert threshold and we went home."
    card = score_text(answer(OPENING, first, CAUSE, second, same_day, REFLECTION))
    assert card.pitfalls["no_prevention"].hit


def test_within_the_month_is_a_later_marker() -> None:
    assert [m.label for m in find_markers("Within the month we had a gate on it.")] == ["T+30d"]
    assert find_markers("It was the busiest day within the monthly cycle.") == []


def test_a_repair_before_switching_the_flag_back_is_the_fix() -> None:
    fix = (
        "Then I rewrote the pool sizing to read the database limit, shipped it, and turned "
        "the old flag back off."
    )
    card = score_text(answer(OPENING, _STEP, _REASON, CAUSE, fix, PREVENTION, REFLECTION))
    assert card.signals["separation"].hit
    mit_only = "Then I turned the old flag back off and rewrote the runbook entry."
    card = score_text(answer(OPENING, _STEP, _REASON, CAUSE, mit_only, PREVENTION, REFLECTION))
    assert not card.signals["separation"].hit


def test_behind_a_described_holding_page_is_a_mitigation() -> None:
    step = "At T+7 we put checkout behind a static holding page."
    text = answer(OPENING, step, _REASON, CAUSE, FIX, PREVENTION, REFLECTION)
    assert score_text(text).signals["separation"].hit


def _transcribed(text: str) -> str:
    """Lower-case and strip punctuation, the way a raw recogniser may hand text over."""
    return re.sub(r"[^\w\s'+:-]", "", text.lower())


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        (
            "These days if payments fail right after a config change, I revert in the first two "
            "minutes before I open any dashboard.",
            True,
        ),
        ("These days I just try to stay calm and keep an open mind about it all.", False),
    ],
)
def test_reflection_opener_mid_piece_in_a_raw_transcript(closing: str, expected: bool) -> None:
    text = _transcribed(answer(OPENING, _STEP, _REASON, CAUSE, FIX, PREVENTION, closing))
    card = score_text(text)
    assert card.signals["reflection"].hit is expected
    assert card.signals["prevention"].hit


def test_a_time_opening_the_piece_after_a_mitigation_dates_it_in_a_raw_run() -> None:
    run = (
        "so t plus 0 was 1805 on a friday the payment alert fired and i paged the secondary "
        "and the payments on call and we looked at the only change that afternoon which was "
        "a new pool setting so we reverted that setting with the config tool for every region "
        "at 1812 we had the root cause the new pool size was larger than the database limit"
    )
    rest = _transcribed(answer(FIX, PREVENTION, REFLECTION))
    assert score_text(f"{run} {rest}").signals["timeline"].hit
    untimed = run.replace("every region at 1812", "every region then")
    assert not score_text(f"{untimed} {rest}").signals["timeline"].hit


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("at 9 15 the refund alert fired", "clock"),
        ("by um 14 20 we had it back", "clock"),
        ("it was nine fifteen when the refund alert fired", "clock"),
        ("0915 the refund pager went off", "clock"),
        ("by lunch the queue was empty", "sameday"),
        ("the morning after we wrote it up", "later"),
        ("by week two the gate was live", "later"),
    ],
)
def test_spoken_and_recognised_clock_forms(said: str, label: str) -> None:
    assert [m.kind for m in find_markers(said)] == [label]


@pytest.mark.parametrize(
    "said",
    [
        "at 10 20 percent of users saw it",
        "around 3 40 minutes of backlog",
        "in 2019 the refund queue moved",
        "at 12 15 people were on the bridge",
        "it was nine fifteen-minute slots",
    ],
)
def test_numbers_that_are_not_clock_times(said: str) -> None:
    assert [m for m in find_markers(said) if m.kind == "clock"] == []


_DRAIN = "At T+7 we drained traffic away from the bad node."


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("It was a ten-second job, and putting the traffic back was just as quick.", True),
        (
            "Draining cost us nothing we couldn't get back, and the errors stopped within the "
            "minute.",
            True,
        ),
        (
            "It was the smallest move that would stop the double charges, and it left every "
            "option open.",
            True,
        ),
        (
            "The whole thing was one line in the load balancer, live in seconds, and one line to "
            "take out again.",
            True,
        ),
        ("That takes a few seconds and un-draining is the same few seconds.", True),
        ("It was quick to do, it stopped the failures, and nothing about it was permanent.", True),
        ("Nothing else on the table was both as fast and as easy to walk back.", True),
        ("It was low stakes: if it didn't help, we'd put the node back in.", True),
        ("It was a ten-second job, and the director wanted it.", False),
        ("It took about two hours and could not be reversed.", False),
        ("It left every option open, though it took most of the morning.", False),
    ],
)
def test_cheap_and_undoable_in_plain_words(reason: str, expected: bool) -> None:
    text = answer(OPENING, _DRAIN, reason, CAUSE, FIX, PREVENTION, REFLECTION)
    assert met(text, "principle") is expected


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("If I replayed it, the page to the storage team goes out at T+3, not T+20.", True),
        ("If I replayed it, the storage team would still have been paged.", False),
        (
            "My own miss was waiting for a second dashboard; one queue graph climbing after a "
            "release is enough for me to roll back now.",
            True,
        ),
        ("My own miss was not sleeping enough that week.", False),
        (
            "The call I got wrong was sitting on the rollback for a quarter of an hour; I'd make "
            "that call in three today.",
            True,
        ),
        ("The call I got wrong was trusting the old dashboard.", False),
        ("Where I was slow: the status update. These days it goes out by minute four.", True),
        ("Where I was slow: the status update. These days I care about it a lot more.", False),
        (
            "Looking back, I'd give myself a fifteen-minute budget for theories before "
            "mitigating anyway.",
            True,
        ),
        ("Looking back, I'd give myself more credit.", False),
    ],
)
def test_reflections_told_as_my_miss_and_a_budget(closing: str, expected: bool) -> None:
    assert met(answer(OPENING, CAUSE, FIX, PREVENTION, closing), "reflection") is expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("The data team, in their infinite wisdom, renamed the column on a Friday.", True),
        ("Priya has a habit of merging her own pull requests at midnight, and this was one.", True),
        ("Apparently the platform team can't read a changelog.", True),
        ("Tom, who never met a test he didn't skip, had shipped the pool change.", True),
        ("Our QA contractor signed it off without opening it, which tells you everything.", True),
        ("The payments team only cares about their own dashboards, so nobody there noticed.", True),
        ("Thanks to the infra team's attention to detail, the cert expired on payday.", True),
        ("Frankly, Marcus should not be allowed near production config.", True),
        ("Once again the offshore team shipped something untested.", True),
        ("As always, the release went through the canary first.", False),
        ("Thanks to the infra team's quick help, we had the cert renewed by noon.", False),
        ("Once again the alert fired, and the on-call engineer paged me.", False),
        ("Priya has a habit of writing great runbooks, and hers saved us here.", False),
        ("The vendor's engineers can't read our logs, so we sent them a sample.", False),
        ("Marcus should not be allowed to carry the pager alone, so we now pair on-calls.", False),
        ("Our contractor and I paired on the fix that evening.", False),
    ],
)
def test_blame_by_sarcasm_and_habit_needs_a_bad_act(said: str, expected: bool) -> None:
    parts = list(_BLAME_BASE)
    parts.insert(4, said)
    assert found(answer(*parts), "blame") is expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            (
                "I kept the bridge to myself, and by the time the office filled up I had the patch "
                "out.",
            ),
            True,
        ),
        (
            (
                "The secondary offered to jump on; I told her to enjoy her weekend.",
                "I worked through till the milkman came.",
            ),
            True,
        ),
        (
            (
                "I didn't see the point in dragging anyone else in.",
                "I was still at the keyboard when the sun came up.",
            ),
            True,
        ),
        (("I handled the whole thing solo, start to finish.", "I got no sleep that night."), True),
        (("Nobody else knew that code, so I carried it through the night.",), True),
        (
            (
                "I didn't escalate, because asking for help felt like admitting defeat.",
                "I was up until four.",
            ),
            True,
        ),
        (
            ("I worked late with Sam and Ana, and we handed over to the morning shift at six.",),
            False,
        ),
        (("The batch ran all night, as it always does, and we checked it in the morning.",), False),
        (("I was alone on call that week, so I paged the database team straight away.",), False),
        (("When the sun came up the three of us went to get breakfast.",), False),
    ],
)
def test_lone_nights_in_other_words(said: tuple[str, ...], expected: bool) -> None:
    assert _hero(*said) is expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "By the end of the month, every config change had to pass a dry run against a "
            "production-sized replica.",
            True,
        ),
        (
            "Since the following Monday the pipeline won't ship a pool value the database can't "
            "take.",
            True,
        ),
        ("By the end of the month, every config change had been discussed at length.", False),
        ("Since the following Monday we've been much more careful with pool values.", False),
    ],
)
def test_prevention_told_as_a_rule_the_pipeline_now_keeps(said: str, expected: bool) -> None:
    assert met(answer(OPENING, _STEP, _REASON, CAUSE, FIX, said, REFLECTION), "prevention") is (
        expected
    )


@pytest.mark.parametrize("verb", ["cleaned it up", "tackled it", "squashed it", "got on top of it"])
def test_one_vague_verb_for_all_three_phases_is_conflation(verb: str) -> None:
    mit = f"At T+7 we {verb} by reverting the pool setting, one command we could re-apply."
    fix = f"That evening we {verb} properly: the pool size is now derived from the limit."
    prev = f"Within two weeks we {verb} for good with a pre-deploy check on pool settings."
    card = score_text(answer(OPENING, mit, CAUSE, fix, prev, REFLECTION))
    assert card.pitfalls["conflation"].hit
    once = f"That evening we {verb} properly: the pool size is now derived from the limit."
    card = score_text(answer(OPENING, MITIGATION, CAUSE, once, PREVENTION, REFLECTION))
    assert not card.pitfalls["conflation"].hit
    assert card.signals["separation"].hit


@pytest.mark.parametrize(
    "step",
    [
        "At T+7 we put the previous build back.",
        "At T+7 we went back to yesterday's release.",
        "At T+7 we parked the new pricing job.",
        "At T+7 we told the gateway to stop retrying.",
        "At T+7 we shut the new endpoint.",
        "At T+7 we took the new pool setting out.",
        "At T+7 we undid the pool change.",
        "At T+7 we stood up a copy of the old service and pointed checkout at it.",
        "At T+7 we suspended the nightly sync.",
        "At T+7 we took the bad host out of the pool.",
        "At T+7 we unplugged the new recommender.",
    ],
)
def test_mitigations_in_plain_verbs(step: str) -> None:
    card = score_text(answer(OPENING, step, CAUSE, FIX, PREVENTION, REFLECTION))
    assert card.signals["separation"].hit


@pytest.mark.parametrize(
    "step",
    [
        "At T+7 we parked the discussion about ownership until Monday.",
        "At T+7 we went back to the dashboards to look again.",
        "At T+7 we took the new hire through the dashboards.",
    ],
)
def test_innocent_uses_are_not_mitigations(step: str) -> None:
    card = score_text(answer(OPENING, step, CAUSE, FIX, PREVENTION, REFLECTION))
    assert not card.signals["separation"].hit


@pytest.mark.parametrize(
    ("fix", "expected"),
    [
        ("That evening we sized the pool from the database limit, not a fixed number.", True),
        ("That evening we deployed a version that derives the pool size from the limit.", True),
        ("That evening I amended the pool code to respect the database limit.", True),
        ("That evening we deployed a version of the dashboard for the support team.", False),
    ],
)
def test_repairs_in_plain_verbs(fix: str, expected: bool) -> None:
    card = score_text(answer(OPENING, MITIGATION, CAUSE, fix, PREVENTION, REFLECTION))
    assert card.signals["separation"].hit is expected


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("we can switch it back the moment the new table is fixed", True),
        ("we kept it that way for good after that", False),
    ],
)
def test_argument_split_across_raw_pieces(tail: str, expected: bool) -> None:
    step = (
        "the choice we had was the older pricing table and honestly it was one config "
        f"switch that stopped the wrong totals for every shopper {tail} so at t plus 7 we "
        "served baskets from the older pricing table and waited"
    )
    rest = _transcribed(answer(CAUSE, FIX, PREVENTION, REFLECTION))
    text = f"{_transcribed(OPENING)} {step} {rest}"
    assert score_text(text).signals["principle"].hit is expected


@pytest.mark.parametrize(
    ("said", "count"),
    [
        ("by twenty-five past we had reverted it", 1),
        ("at quarter past, the page came", 1),
        ("by ten to, errors were normal", 1),
        ("we went past the limit twice", 0),
        ("about half past the deadline", 0),
    ],
)
def test_minutes_past_with_the_hour_understood(said: str, count: int) -> None:
    assert len(find_markers(said)) == count


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        (
            "dmitri, who, as ever, merged it alone, since he thinks code review is for other "
            "people.",
            True,
        ),
        ("dmitri, who was secondary, joined at once and took the database side.", False),
    ],
)
def test_lower_cased_name_before_who_is_a_party(said: str, expected: bool) -> None:
    parts = list(_BLAME_BASE)
    parts.insert(4, said)
    assert found(answer(*parts).lower(), "blame") is expected


@pytest.mark.parametrize(
    "closing",
    [
        "Looking back, it went well. These days the alert fires within five minutes.",
        "Looking back, the team was great. Now the canary catches it by minute three.",
    ],
)
def test_a_system_habit_with_a_minute_is_not_my_calibration(closing: str) -> None:
    assert not met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing), "reflection")


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("Looking back, I'd say the call at 18:30 was right, before the evening rush.", False),
        (
            "Looking back, I'd do it all the same way, even the revert at T+7 before the rush.",
            False,
        ),
        (
            "Looking back, I'd have reverted at T+2 instead of T+7, when the alert named the pool.",
            True,
        ),
    ],
)
def test_i_d_say_is_not_a_calibration(closing: str, expected: bool) -> None:
    text = answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing)
    assert met(text, "reflection") is expected


@pytest.mark.parametrize(
    "fix",
    [
        "The fix went out that evening, a one-line change we could roll back if needed: the "
        "pool size now comes from the limit.",
        "The fix that evening was tiny, one line, and easy to revert: the pool size now comes "
        "from the limit.",
    ],
)
def test_a_cheap_undoable_fix_does_not_justify_the_mitigation(fix: str) -> None:
    mit = "At T+7 our director told us to revert the setting, so we did."
    assert not met(answer(OPENING, mit, CAUSE, fix, PREVENTION, REFLECTION), "principle")
    argued = f"{mit} It was one command and we could re-apply the setting in a minute."
    assert met(answer(OPENING, argued, CAUSE, fix, PREVENTION, REFLECTION), "principle")


@pytest.mark.parametrize(
    "said",
    [
        "The platform team were too busy with a region migration to join, so we paged their "
        "backup.",
        "The support team knew for months that customers wanted faster refunds.",
        "The vendor said the sandbox is for other people's testing, so we built our own.",
    ],
)
def test_busy_or_knowing_teams_without_a_bad_act_are_not_blamed(said: str) -> None:
    parts = list(_BLAME_BASE)
    parts.insert(4, said)
    assert not found(answer(*parts), "blame")
