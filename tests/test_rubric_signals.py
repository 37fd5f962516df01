"""Each of the six signals, met and missed, including the traps the rubric warns about."""

from __future__ import annotations

import pytest

from mock_interviewer.rubric import score, score_text
from mock_interviewer.rubric.blame import find_gaps
from mock_interviewer.rubric.structure import analyse_structure
from mock_interviewer.rubric.timemarkers import find_markers
from mock_interviewer.transcript import Transcript, Word
from rubric_answers import (
    CAUSE,
    FIX,
    MITIGATION,
    OPENING,
    PREVENTION,
    REFLECTION,
    STRONG,
    answer,
)


def met(text: str, signal: str) -> bool:
    return score_text(text).signals[signal].hit


def test_strong_answer_meets_every_signal() -> None:
    card = score_text(STRONG)
    assert {k for k, f in card.signals.items() if not f.hit} == set()
    assert {k for k, f in card.pitfalls.items() if f.hit} == set()


# --- timeline -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("At T plus five we reverted.", "T+5"),
        ("At tee plus five we reverted.", "T+5"),
        ("At T+5 we reverted.", "T+5"),
        ("T plus zero was the page.", "T+0"),
        ("Detected at T+0, about two hours later, at T plus 2 hours, it was clear.", "T+2h"),
        ("We posted the write-up at T+1 day.", "T+1d"),
        ("By minute eight the graphs were flat.", "T+8"),
        ("Five minutes after the page I had the dashboard up.", "T+5"),
        ("We had the notes out the next morning.", "T+1d"),
        ("The check shipped within two weeks.", "T+14d"),
        ("The audit happened a month later.", "T+30d"),
        ("The retro was within a fortnight.", "T+14d"),
        ("We held the debrief on the Thursday.", "T+3d"),
        ("Within a quarter of an hour the queue had drained.", "T+15"),
        ("That same week the check went live.", "T+3d"),
        ("The check landed two sprints later.", "T+28d"),
        ("The Wednesday after, the alert went live.", "T+3d"),
    ],
)
def test_marker_forms(said: str, label: str) -> None:
    labels = [m.label for m in find_markers(said)]
    assert label in labels, labels


@pytest.mark.parametrize(
    "said",
    [
        "It started at 14:20 on a Tuesday.",
        "T plus zero was 1420 on a Tuesday.",
        "It was at twenty past two in the afternoon.",
        "The pager went at 3:40 on a Sunday.",
        "It went off at quarter to nine, and we joined.",
        "Around half four we rebuilt the index.",
        "The pager went at seven forty-two, just as I sat down.",
        "By nine oh five the dashboards were green.",
    ],
)
def test_clock_forms_are_markers(said: str) -> None:
    assert find_markers(said), said


@pytest.mark.parametrize(
    "said",
    [
        "We had spent weeks of planning on the launch.",
        "There was a 30-minute meeting with legal.",
        "I spent ten minutes on the wrong dashboard.",
        "The batch takes about two days to finish.",
        "Retention is thirty days of events.",
        "The error rate went from two percent to about twelve.",
        "At seven twenty people were still in the queue.",
        "We spent two sprints on the migration.",
    ],
)
def test_durations_are_not_markers(said: str) -> None:
    assert find_markers(said) == [], said


def test_clock_markers_are_labelled_from_detection() -> None:
    labels = [m.label for m in find_markers("It began at 10:04. We paused at 10:09.")]
    assert labels == ["T+0", "T+5"]


def test_timeline_needs_mitigation_time_and_later_marker() -> None:
    assert met(STRONG, "timeline")
    no_later = STRONG.replace("within two weeks", "eventually")
    assert not met(no_later, "timeline")
    untimed_mitigation = STRONG.replace("At T+7 the", "The").replace(" by T+10", "")
    untimed_mitigation = untimed_mitigation.replace("By T+4 we", "We")
    assert not met(untimed_mitigation, "timeline")


def test_timeline_in_spoken_words_only() -> None:
    text = answer(
        "At about ten past nine on a Monday the queue alert went off and I paged the database "
        "on-call.",
        "Roughly fifteen minutes after the alert we failed the reads over to the replica, the "
        "cheapest move we had and one we could switch back in seconds.",
        "An hour or so in we found the cause: nothing limited how many rows the nightly job "
        "could lock.",
        "The fix went out the next afternoon, batching the job into small transactions.",
        "Within three weeks we added a lock-wait alert and a required batch-size check.",
        REFLECTION,
    )
    assert met(text, "timeline")


def test_weekday_before_the_incident_is_not_a_later_marker() -> None:
    assert find_markers("We had shipped the pool change on the Friday.") == []


def test_returning_to_other_work_is_not_follow_up() -> None:
    ending = (
        "That was the end of it; the following week we went back to the spring loyalty "
        "project, a six-week migration."
    )
    text = answer(OPENING, MITIGATION, CAUSE, FIX, ending, REFLECTION)
    assert not met(text, "timeline")
    dated = "The following week we added a pre-deploy check on pool settings."
    assert met(answer(OPENING, MITIGATION, CAUSE, FIX, dated, REFLECTION), "timeline")


def test_durations_do_not_make_a_timeline() -> None:
    text = answer(
        "We had planned the migration for six weeks and held a 30-minute go/no-go call.",
        "One morning the checkout failed for some users and I paged my lead.",
        "The mitigation was turning the new path off with its flag, the cheapest thing we had, "
        "and easy to switch back on.",
        CAUSE,
        FIX,
        "Within a month we added an alert on payment failures per region.",
        REFLECTION,
    )
    assert not met(text, "timeline")


# --- separation ------------------------------------------------------------------------


def test_separation_without_the_usual_words() -> None:
    text = answer(
        OPENING,
        "As a holding action at T+7 we switched the pool setting back to the old value, since "
        "it cost nothing and could be flipped back just as quickly.",
        CAUSE,
        "The proper repair went in that evening, deriving the pool size from the database limit.",
        "Within two weeks the guardrails were in: a pre-deploy check that rejects oversize pools.",
        REFLECTION,
    )
    assert met(text, "separation")


@pytest.mark.parametrize(
    "repair",
    [
        "That evening we made the pool size follow the database limit at start-up.",
        "Later that day the pool code learned to read the limit before sizing itself.",
        "That evening we taught the service to size its pool from the database limit.",
        "The pool-sizing fix went out that evening after review.",
    ],
)
def test_repair_told_without_fix_verbs(repair: str) -> None:
    assert met(answer(OPENING, MITIGATION, CAUSE, repair, PREVENTION, REFLECTION), "separation")


def test_separation_missed_without_mitigation() -> None:
    text = answer(OPENING, CAUSE, FIX, PREVENTION, REFLECTION)
    assert not met(text, "separation")


def test_fix_used_legitimately_several_times_keeps_separation() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        "The root cause was a fixed-size buffer that silently dropped entries past 512.",
        "The fix replaced the fixed-size buffer with a growable list, and we fixed the parser "
        "tests the same evening with new fixtures.",
        PREVENTION,
        REFLECTION,
    )
    card = score_text(text)
    assert card.signals["separation"].hit
    assert not card.pitfalls["conflation"].hit


# --- principle -------------------------------------------------------------------------


def test_principle_in_plain_words() -> None:
    mitigation = (
        "At T+7 we took the new checkout path out of rotation with its flag. It cost us "
        "nothing, took seconds, stopped the failed orders, and flipping it back was just as "
        "quick."
    )
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


@pytest.mark.parametrize(
    "reason",
    [
        "No other lever would stop the failed orders as quickly: a single pool value, live on "
        "the next connection, and setting it back is the same edit.",
        "It was one config switch, it ended the failures within two minutes, and it could be "
        "reversed whenever we liked.",
        "I went for the revert because it was the quickest way to stop the damage and the "
        "easiest to undo.",
        "Every minute of this cost us orders; the revert was nearly free, and switching it off "
        "again would just restore the new pool.",
        "It was instant, and harmless to undo if the old pool misbehaved.",
        "It was cheap to try and just as cheap to take back.",
    ],
)
def test_principle_paraphrased(reason: str) -> None:
    mitigation = f"At T+7 we reverted that setting with the config tool. {reason}"
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


@pytest.mark.parametrize(
    "reason",
    [
        "We did it because the runbook says so, and the step can't be undone.",
        "It was the first thing anyone suggested, and the director asked for it.",
        "We were on the cheapest support tier, and the rollout was irreversible anyway.",
        "Reverting is just what our team does first, it's quick and we can switch back.",
        "We did it because our VP asked for a quick revert we could switch back later.",
    ],
)
def test_reasons_that_are_not_the_principle(reason: str) -> None:
    mitigation = f"At T+7 we reverted that setting with the config tool. {reason}"
    assert not met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


@pytest.mark.parametrize(
    "mitigation",
    [
        "At T+7 we sent new orders to the standby processor; it was one dropdown in the admin "
        "console, worked within a minute, and the dropdown goes back the same way.",
        "At T+7 we set the pool back to its old value. It was the least effort that stopped "
        "the errors, and raising it again takes a single command.",
        "At T+7 we put checkout behind a waiting room. It held the failures at almost no cost, "
        "and we could take it down whenever we wanted.",
        "At T+7 we stopped the hourly export. Nothing else would end the refusals that quickly, "
        "and restarting the export is trivial.",
        "At T+7 we put checkout onto the offline payment path, the fastest thing that stopped "
        "the failures, and we could return to the online path with one command.",
        "At T+7 we steered the failing regions to the spare database with a weight change: a "
        "single value, and putting the weight back undoes it in seconds.",
        "At T+7 we paused the pool resizer, a per-service switch we could lift at any moment, "
        "and it stopped the refusals immediately.",
    ],
)
def test_unusual_mitigations_argued_plainly(mitigation: str) -> None:
    text = answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION)
    assert met(text, "principle")
    assert met(text, "separation")


def test_principle_told_in_short_spoken_sentences() -> None:
    mitigation = (
        "At T+7 we reverted the pool setting. Why that one? It took one command. It ended the "
        "refusals. And if I was wrong, re-applying it was the same command."
    )
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_a_mode_switch_is_a_mitigation() -> None:
    mitigation = (
        "At T+7 we put checkout into offline mode from the admin page. Nothing else stopped "
        "the failures as fast, and turning it off again is one click."
    )
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_cheap_and_irreversible_in_innocent_senses_are_not_a_principle() -> None:
    mitigation = (
        "At T+7 we doubled the database cluster, which was just the first idea on the call. "
        "We were on the cheapest hosting tier, and the data migration that week was "
        "irreversible anyway."
    )
    assert not met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_principle_chosen_on_gut_is_missed() -> None:
    mitigation = (
        "At T+7 I restarted every node. Honestly, I didn't weigh it up; it felt like the "
        "responsible thing to do."
    )
    assert not met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


# --- systemic ---------------------------------------------------------------------------


def test_negative_words_about_systems_are_systemic() -> None:
    cause = (
        "Around T+35 we had the cause. The pipeline didn't require a canary, no alert existed "
        "on connection refusals, and the deploy tool forgot the previous value."
    )
    assert met(answer(OPENING, MITIGATION, cause, FIX, PREVENTION, REFLECTION), "systemic")


@pytest.mark.parametrize(
    "cause",
    [
        "Around T+35 we saw it: our deploy tool quietly took a pool size twice the limit.",
        "Around T+35 we saw why: the only safeguard between a typo and production was one "
        "reviewer reading the diff.",
        "Around T+35 we found it: the config service let any value through as long as it parsed.",
        "What had happened, we worked out around T+35, was that the load test ran against a "
        "far bigger database, so it proved nothing about the limit.",
        "Around T+35 we realised the dashboards showed pool usage but nobody was watching them "
        "at night.",
        "Around T+35 it was clear: the load tests ran on a far bigger database, so they could "
        "never have caught it.",
    ],
)
def test_gaps_framed_without_stock_words_are_systemic(cause: str) -> None:
    assert met(answer(OPENING, MITIGATION, cause, FIX, PREVENTION, REFLECTION), "systemic")


def test_a_story_with_no_cause_or_guardrail_is_not_systemic() -> None:
    cause = "Around T+35 the errors stopped on their own and we moved on."
    no_guardrail = "Within two weeks we agreed to be more careful."
    text = answer(OPENING, MITIGATION, cause, FIX, no_guardrail, REFLECTION)
    assert not met(text, "systemic")


def test_nobody_on_a_side_having_considered_it_is_a_gap() -> None:
    gaps = find_gaps(
        analyse_structure("Nobody on the payments side had considered the pool limit.")
    )
    assert gaps
    assert not find_gaps(analyse_structure("Nobody was hurt, and the pool recovered."))


def test_systemic_missed_when_someone_is_blamed() -> None:
    cause = (
        "Around T+35 we had the cause: the platform team had changed the pool size without "
        "telling anyone, which is typical of them."
    )
    assert not met(answer(OPENING, MITIGATION, cause, FIX, PREVENTION, REFLECTION), "systemic")


# --- prevention ------------------------------------------------------------------------


def test_vague_prevention_is_not_concrete() -> None:
    vague = (
        "For prevention, within two weeks we all agreed to be more careful with config changes "
        "and to improve communication with the database team."
    )
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, vague, REFLECTION))
    assert not card.signals["prevention"].hit
    assert not card.pitfalls["no_prevention"].hit
    assert card.signals["separation"].hit


def test_past_perfect_i_d_does_not_open_the_reflection() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        CAUSE,
        FIX,
        "By the evening I'd checked every service, and I'd moved the pool back to its old size.",
        "Postmortem was the Monday.",
        PREVENTION,
        "Honestly, I learned a lot.",
    )
    card = score_text(text)
    assert card.signals["prevention"].hit
    assert not card.pitfalls["no_prevention"].hit


def test_care_about_a_structural_word_is_still_vague() -> None:
    vague = (
        "At the retro on the Tuesday we agreed to pay more attention to connection limits and "
        "to be more careful around pool alerts."
    )
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, vague, REFLECTION))
    assert not card.signals["prevention"].hit
    assert not card.pitfalls["no_prevention"].hit


def test_prevention_needs_when_it_landed() -> None:
    undated = "We also added an alert on connection refusals."
    assert not met(answer(OPENING, MITIGATION, CAUSE, FIX, undated, REFLECTION), "prevention")


def test_prevention_without_the_word() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        CAUSE,
        FIX,
        "By the following Thursday there was a synthetic order running every minute, and by "
        "the end of that month deploys were blocked unless the pool check passed.",
        REFLECTION,
    )
    assert met(text, "prevention")


# --- reflection ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "closing",
    [
        "Looking back, I'd have paged the database team twenty minutes sooner.",
        "Reflection: a refusal spike right after a config push is my cue to revert first.",
        "Now, when only one region fails, I compare it with its neighbour before touching "
        "anything.",
        "One habit I picked up: whenever a config push precedes an error spike, I revert "
        "within three minutes and read logs afterwards.",
        "What changed for me: if refusals climb after a deploy, I check the pool size first, "
        "before opening any dashboard.",
        "What I'd do differently: I'd warn the store managers at 18:07 instead of 18:12.",
        "These days I diff the live config against the last release before I open a dashboard.",
        "Since that night, whenever two graphs disagree, I ask which one sits closer to the "
        "customer before trusting either.",
        "I've changed one thing: when only some users fail, I split the errors by host before "
        "any theory.",
        "Looking back, at the first refusal alert I'd revert immediately instead of spending "
        "ten minutes confirming.",
        "My bar now is simple: three minutes of refusals after a config push and I revert, no "
        "discussion.",
        "One rule I follow now: any time two graphs disagree, I believe the one measured at "
        "the checkout.",
        "Looking back, I'd loop in the database on-call ten minutes earlier than I did.",
    ],
)
def test_concrete_reflection(closing: str) -> None:
    assert met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing), "reflection")


@pytest.mark.parametrize(
    "closing",
    [
        "What did I learn? I learned a lot, mostly to keep an open mind.",
        "Reflection: next time I'll communicate better and keep calm under pressure.",
        "Honestly, what I took from it is to trust my gut sooner.",
        "One habit I kept from it: slow down and trust the data more.",
        "What changed for me is that I'm less quick to jump to conclusions.",
        "What I'd do differently: I'd try to be calmer at the start.",
        "These days I'm a lot calmer before big launches.",
        "What I changed in myself is that I now pause before acting.",
        "When things go wrong, I now try to stay curious rather than certain.",
        "One rule I follow now: trust the data more.",
    ],
)
def test_generic_reflection(closing: str) -> None:
    assert not met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing), "reflection")


# --- evidence --------------------------------------------------------------------------


def test_evidence_spans_are_exact_and_labelled() -> None:
    card = score_text(STRONG)
    labels = set()
    for finding in [*card.signals.values(), *card.pitfalls.values()]:
        for ev in finding.evidence:
            assert STRONG[ev.start_char : ev.end_char] == ev.text
            labels.add(ev.label)
    assert {"T+0", "T+7", "mitigation", "fix", "prevention", "principle", "reflection"} <= labels


def test_timed_transcript_fills_seconds() -> None:
    words = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(STRONG.split())]
    transcript = Transcript.from_words(words, duration=len(words) * 0.4)
    card = score(transcript)
    evidence = [e for f in card.signals.values() for e in f.evidence]
    assert evidence
    for ev in evidence:
        assert transcript.text[ev.start_char : ev.end_char] == ev.text
        assert ev.start_s is not None and ev.end_s is not None
        assert ev.start_s <= ev.end_s


def test_whisper_style_transcript() -> None:
    whisper = (
        STRONG.replace("T plus zero was 18:05", "T plus zero was 1805")
        .replace("T+4", "T plus 4")
        .replace("T+7", "T plus 7")
        .replace("T+10", "T plus 10")
        .replace("T+35", "T plus 35")
    )
    card = score_text(whisper)
    assert card.signals["timeline"].hit


def test_deterministic() -> None:
    first = score_text(STRONG).to_dict()
    for _ in range(3):
        assert score_text(STRONG).to_dict() == first


# --- forms added while testing on new wording --------------------------------------------


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("It was a Sunday, around 2:13am, when the check failed.", "T+0"),
        ("The week after, we added a drift alert.", "T+7d"),
        ("A sprint later the gate was live.", "T+14d"),
        ("Forty-eight hours later the patch was out.", "T+2d"),
    ],
)
def test_more_marker_forms(said: str, label: str) -> None:
    assert label in [m.label for m in find_markers(said)]


RAW_TRANSCRIPT = (
    "okay so i was on call for the search service t plus zero was 1412 on a thursday the "
    "latency alert fired and search was timing out i paged my secondary at t plus 3 we saw "
    "the new ranking model had gone out so at t plus 6 we rolled the model back because it "
    "was the cheapest thing we could do one command and we could roll forward again in a "
    "minute search recovered by t plus 9 at t plus 45 we found the cause the model made an "
    "extra lookup per result and nothing in our release checks measured latency under load "
    "the fix shipped the next morning with the lookup batched and within three weeks we added "
    "a latency budget check to the release pipeline and a canary at five percent of traffic "
    "looking back i'd roll back at t plus 2 not t plus 6 any latency alert within an hour of "
    "a release is an immediate rollback for me"
)


def test_unpunctuated_transcript_is_read_in_clauses() -> None:
    card = score_text(RAW_TRANSCRIPT)
    assert {k for k, f in card.signals.items() if not f.hit} == set()


def test_mitigation_told_as_containing_or_moving_traffic() -> None:
    contain = (
        "To contain the damage, at T+7, we pointed reads back at the primary, the smallest "
        "change we could make and trivially undone."
    )
    moved = (
        "At T+7 we moved that carrier's traffic to the backup route, which was cheap and took "
        "a single setting to move back."
    )
    for mitigation in (contain, moved):
        card = score_text(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION))
        assert card.signals["separation"].hit
        assert card.signals["principle"].hit


def test_promises_to_be_more_careful_are_vague() -> None:
    vague = "For prevention, the next week we promised to test edge cases more carefully."
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, vague, REFLECTION))
    assert not card.signals["prevention"].hit
    assert not card.pitfalls["no_prevention"].hit


@pytest.mark.parametrize(
    "closing",
    [
        "Next time a deploy doubles the error rate, I'll revert first and read logs second.",
        "If the home page looks stale, I purge first and check the publish logs second.",
        "I'd move traffic at the first failed check, not after waiting seven minutes.",
    ],
)
def test_rules_without_a_reflection_heading(closing: str) -> None:
    assert met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing), "reflection")


def test_over_the_next_weeks_is_a_marker_but_for_the_next_is_not() -> None:
    assert [m.label for m in find_markers("Over the next two weeks we added checks.")] == ["T+14d"]
    assert find_markers("The alert had been firing for the next two weeks.") == []


@pytest.mark.parametrize(
    "mitigation",
    [
        "At T+7 I rolled the pool config back, cheapest and fully reversible.",
        "At T+7 we put checkout into maintenance mode, which was quick and easy to reverse.",
        "At T+7 we held every outbound file; holding was free and one click to release.",
        "At T+7 we re-enabled the old worker pool from its template, the cheapest step we had, "
        "and we could delete it again in seconds.",
    ],
)
def test_principle_and_mitigation_in_varied_words(mitigation: str) -> None:
    card = score_text(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION))
    assert card.signals["principle"].hit
    assert card.signals["separation"].hit


def test_planned_prevention_is_not_concrete() -> None:
    planned = "We plan to add an asset check to the build next quarter."
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, planned, REFLECTION))
    assert not card.signals["prevention"].hit
    assert not card.pitfalls["no_prevention"].hit


def test_escalate_earlier_without_a_time_is_generic() -> None:
    closing = "Reflection: I should have escalated earlier."
    assert not met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing), "reflection")


def test_hyphenated_t_plus_and_next_release() -> None:
    labels = [m.label for m in find_markers("T-plus-4 we rolled back; by the next release it was")]
    assert labels == ["T+4", "T+3d"]


def test_next_day_fix_alone_is_not_follow_up_work() -> None:
    text = answer(OPENING, MITIGATION, CAUSE, "The fix went out the next morning.", REFLECTION)
    parts = score_text(text).signals["timeline"]
    assert not parts.hit


def test_lowercased_transcript_with_full_stops() -> None:
    lowered = STRONG.lower()
    card = score_text(lowered)
    assert card.signals["timeline"].hit
    assert card.signals["reflection"].hit
    assert card.signals["separation"].hit


def test_rule_without_a_comma_and_past_events_are_not_rules() -> None:
    rule = "Reflection: if a kiosk charges twice I switch to desk-only first."
    past = "Reflection: when I looked at the logs we found the bug."
    assert met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, rule), "reflection")
    assert not met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, past), "reflection")


@pytest.mark.parametrize(
    "mitigation",
    [
        "At T+7 we killed the runaway query, which was cheap and could be rerun later.",
        "At T+7 we scaled the consumers up, a low-risk change we could scale back down any time.",
        "At T+7 I turned the new path off, the quickest move we had, and flipping it back is one "
        "click.",
    ],
)
def test_more_principle_wordings(mitigation: str) -> None:
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_a_restart_is_not_an_undo() -> None:
    mitigation = "At T+7 I restarted the pods, which was just a config change."
    assert not met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_follow_up_told_inside_the_reflection() -> None:
    closing = (
        "Looking back, we had a retro and everyone agreed to keep an eye on config changes. "
        "Now, if errors jump after a config push, I revert first."
    )
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, closing))
    assert not card.pitfalls["no_prevention"].hit
    assert not card.signals["prevention"].hit


@pytest.mark.parametrize(
    ("said", "label"),
    [
        ("At the eight-minute mark we reverted.", "T+8"),
        ("Later that week we shipped the alert.", "T+3d"),
        ("By Friday the canary was required.", "T+3d"),
    ],
)
def test_marks_and_later_that_week(said: str, label: str) -> None:
    assert [m.label for m in find_markers(said)] == [label]


def test_unpunctuated_reflection_heading_starts_a_clause() -> None:
    text = (
        STRONG.replace(".", "").replace(",", "").replace(":", "").lower()
        + " on my own judgement i spent ten minutes on dashboards a config push followed by "
        "errors is my cue to revert first"
    )
    assert score_text(text).signals["reflection"].hit


def test_accepting_any_value_is_a_systemic_gap_but_my_assumption_is_not() -> None:
    gap = "Around T+35 we saw the loader accepted any value without a sanity range."
    mine = "Around T+35 I assumed a database problem, but a vendor had changed a format."
    assert met(answer(OPENING, MITIGATION, gap, FIX, PREVENTION, REFLECTION), "systemic")
    assert find_gaps(analyse_structure(mine)) == []


def test_cause_answered_by_a_guardrail_is_systemic_without_gap_words() -> None:
    cause = "Around T+35 we found the cause: a vendor had changed its token format."
    assert met(answer(OPENING, MITIGATION, cause, FIX, PREVENTION, REFLECTION), "systemic")


def test_stopgap_and_repair_in_one_sentence() -> None:
    both = (
        "The real culprit was a token format change. We rolled back our tokenisation library at "
        "T+7, the cheapest reversible step, and then we added support for the new format the "
        "next day."
    )
    card = score_text(answer(OPENING, both, PREVENTION, REFLECTION))
    assert card.signals["separation"].hit


def test_talk_of_maybe_adding_things_is_vague_prevention() -> None:
    talk = "Afterwards we talked about adding more monitoring and maybe a canary at some point."
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, talk, REFLECTION))
    assert not card.pitfalls["no_prevention"].hit
    assert not card.signals["prevention"].hit


@pytest.mark.parametrize(
    "closing",
    [
        "If I did it again, I'd just try to be faster.",
        "If I'm honest, next time I would act faster and speak up.",
    ],
)
def test_wishing_to_be_faster_is_generic(closing: str) -> None:
    assert not met(answer(OPENING, MITIGATION, CAUSE, FIX, PREVENTION, closing), "reflection")


def test_no_real_mitigation_means_no_mitigation() -> None:
    none = "There was no real mitigation; we just worked on the repair as fast as we could."
    card = score_text(answer(OPENING, none, CAUSE, FIX, PREVENTION, REFLECTION))
    assert not card.signals["separation"].hit
    assert not card.signals["principle"].hit


def test_a_system_falling_back_is_not_our_mitigation() -> None:
    cause = (
        "Around T+35 we had the cause: when the lookup failed, the merge fell back to the "
        "planned value, and nothing compared the two timetables."
    )
    card = score_text(answer(OPENING, cause, FIX, PREVENTION, REFLECTION))
    assert not card.signals["separation"].hit


def test_least_disruptive_and_easily_undone_is_a_principle() -> None:
    mitigation = (
        "At T+7 we drained the bad node, the least disruptive option, and one easily undone."
    )
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_rough_relative_markers() -> None:
    assert [m.label for m in find_markers("A few minutes later we flipped the flag.")] == ["T+3"]
    assert find_markers("Streams came back within a few seconds of the flip.") == []


def test_raw_transcript_with_the_date_cut_from_the_follow_up() -> None:
    raw = (
        "so at 1405 the error budget alert fired t+ 5 we rolled back the release which was one "
        "command and we could roll forward any time t+ 30 we found the cause the serializer "
        "dropped a field and no contract test covered it the fix went out the next day and two "
        "weeks later we added a contract test and a canary step reflection if errors follow a "
        "deploy within ten minutes i roll back first"
    )
    card = score_text(raw)
    assert {k for k, f in card.signals.items() if not f.hit} == set()


def test_weeks_on_is_a_marker_but_a_day_on_something_is_not() -> None:
    assert [m.label for m in find_markers("Three weeks on, a load test went in.")] == ["T+21d"]
    assert find_markers("Instead of spending a day on the pipeline, I'd look at agents.") == []


def test_manual_rerun_is_a_mitigation_and_dates_the_timeline() -> None:
    text = (
        "It was 9:05 when the export job failed. At 9:12 I reran it by hand, which worked. At "
        "10:00 we found the disk was full, with no alert on disk usage. The repair cleaned old "
        "files that afternoon. Later that week we added an alert on disk usage. Next time, I'd "
        "check disk space first whenever an export fails."
    )
    card = score_text(text)
    assert card.signals["timeline"].hit
    assert card.signals["separation"].hit


def test_clock_said_with_t_plus_zero_anchors_the_labels() -> None:
    said = "The deploy went out at 13:40. T plus zero was 14:05, the alert. At 14:12 we reverted."
    assert [m.label for m in find_markers(said)] == ["T-25", "T+0", "T+0", "T+7"]


@pytest.mark.parametrize(
    "mitigation",
    [
        "At T+7 we put the service into degraded mode; the trade-off was stale data for a few "
        "minutes versus failed orders, and degraded mode can be switched off with the same "
        "command.",
        "At T+7 we rerouted traffic to the standby cluster because it cost almost nothing and "
        "we could route back in seconds.",
    ],
)
def test_trade_off_and_cost_nothing_wordings(mitigation: str) -> None:
    assert met(answer(OPENING, mitigation, CAUSE, FIX, PREVENTION, REFLECTION), "principle")


def test_negation_stops_at_a_conjunction() -> None:
    follow_up = "Within two weeks it cost us nothing and we added an alert on refusals."
    assert met(answer(OPENING, MITIGATION, CAUSE, FIX, follow_up, REFLECTION), "prevention")
