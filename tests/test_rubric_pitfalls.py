"""The four pitfalls, found and not found, with the innocent senses that must not trigger."""

from __future__ import annotations

import pytest

from mock_interviewer.rubric import score_text
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


def found(text: str, pitfall: str) -> bool:
    return score_text(text).pitfalls[pitfall].hit


def with_cause(cause: str) -> str:
    return answer(OPENING, MITIGATION, cause, FIX, PREVENTION, REFLECTION)


# --- blame -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cause",
    [
        "The root cause: the platform team pushed the pool change without telling anyone, "
        "which is typical of how they work.",
        "Honestly, that one was on them. The database group changes limits every quarter and "
        "never tells the services that depend on them.",
        "The engineer who made the change didn't run the load test, so it went straight out.",
        "Our contractor rammed the setting through on a Friday. That's what broke us.",
        "The vendor's release was sloppy, and the data team broke our feed with it.",
    ],
)
def test_blame_without_stock_phrases(cause: str) -> None:
    text = with_cause(cause)
    assert found(text, "blame")
    assert not score_text(text).signals["systemic"].hit


@pytest.mark.parametrize(
    "cause",
    [
        "The point was not who pushed the change but that nothing required a canary.",
        "It wasn't about who edited the setting; the pipeline didn't compare it with the "
        "database limit.",
        "The pipeline didn't require a canary, and no alert existed on refusals.",
        "It wasn't a careless change: it was tested against a small staging database, and "
        "nothing checked the production limit.",
        "The deploy tool forgot the previous value because it never stored one.",
        "The release note said 'the platform team broke it' as a joke, but the real gap was "
        "that no check compared pool size with the limit.",
    ],
)
def test_blameless_despite_negative_words(cause: str) -> None:
    text = with_cause(cause)
    assert not found(text, "blame")
    assert score_text(text).signals["systemic"].hit


@pytest.mark.parametrize(
    "cause",
    [
        "Root cause: the billing squad resized the pool like they always do, and nobody "
        "there looked at the limit.",
        "The platform group changed the pool, which is their usual style: push on Friday, "
        "gone by Monday.",
        "The root cause was the infra team editing our config like it was their own sandbox, "
        "and that's what caused the refusals.",
        "The release engineer pushed the pool change in a hurry to make the train.",
        "Tomasz set that pool size in a rush to get home and merged it without reading the diff.",
        "That config came from the tooling group, which is what you get from them; they tick "
        "boxes.",
        "Our release manager, who has a history of cowboy changes, doubled the pool on a whim.",
        "The growth squad just doesn't care what the database can take.",
        "If the platform folks had done their homework, we'd never have been paging anyone.",
        "The limit came from Ingrid, who always skips the capacity checklist.",
        "That's the tooling group all over: ship first, tell nobody.",
        "The growth team had shipped the pool change. Of course they did, because why would "
        "anyone load-test on a Friday. Their changes skip our capacity review, and that's "
        "exactly what bit us.",
        "A contractor on the platform team merged a half-baked pool change and went on holiday.",
        "The database group has not once read a capacity request properly.",
        "It came down to one engineer on the growth side who thought the limit was a suggestion.",
        "That squad treats production like a test environment, and this was the result.",
        "The growth engineers keep ignoring our capacity warnings; it was bound to blow up.",
    ],
)
def test_blame_told_as_habit_or_motive(cause: str) -> None:
    text = with_cause(cause)
    assert found(text, "blame")
    assert not score_text(text).signals["systemic"].hit


@pytest.mark.parametrize(
    "cause",
    [
        "Root cause: the pool grows at start-up like it always does, and nothing in our "
        "checklist tested a slow database.",
        "Priya, the on-call DBA, found the lock; no alert existed for refusals.",
        "I kept saying it wasn't about whoever merged it: the pipeline never compared the "
        "pool with the limit.",
        "The workers retry every token in the cache they keep locally without asking the "
        "database, and no check caps the pool.",
        "These days I look at the database's refusals before I blame the newest code.",
        "Tomasz rebuilt the pool module in a hurry that night, and no check covered the limit.",
        "The driver, which always retries three times, had no cap on total connections.",
        "Ingrid, who always answers pages fast, joined in two minutes.",
        "The finance team rang; I didn't care about the cost then, I wanted it stopped.",
        "The SRE team saw refusals all over the dashboard and was poking at the logs.",
        "We told nobody outside the call until the numbers were confirmed.",
        "The growth team had raised the pool for their launch. Nothing compared it with the "
        "limit, and that's what hit us.",
        "The staging cluster is a sandbox for the platform team, and nothing there mirrored the "
        "production limit.",
        "The platform team's load test was optional for config-only changes, and nothing else "
        "checked the limit.",
    ],
)
def test_blameless_with_people_and_habits_of_systems(cause: str) -> None:
    assert not found(with_cause(cause), "blame")


def test_self_criticism_is_not_blame() -> None:
    cause = (
        "Honestly, I didn't weigh up the options. The root cause was that nothing in the "
        "pipeline compared the pool size with the database limit."
    )
    assert not found(with_cause(cause), "blame")


# --- conflation ------------------------------------------------------------------------


def test_one_word_for_all_three_phases() -> None:
    text = answer(
        OPENING,
        "At T+7 we patched it the quick way, switching the pool setting back with the config "
        "tool, which was cheap and easy to switch back.",
        CAUSE,
        "That evening we patched the code properly so the pool size follows the database limit.",
        "Within two weeks we patched things so it can't happen again: an alert on refusals.",
        REFLECTION,
    )
    card = score_text(text)
    assert card.pitfalls["conflation"].hit
    assert not card.signals["separation"].hit
    labels = {e.label for e in card.pitfalls["conflation"].evidence}
    assert {"mitigation", "fix", "prevention"} <= labels


@pytest.mark.parametrize("word", ["sorted", "resolved", "handled", "fixed"])
def test_any_stretchy_word_conflates(word: str) -> None:
    text = answer(
        OPENING,
        f"We {word} it first at T+7 by reverting the pool setting, the cheapest step, and one "
        "we could re-apply in a minute.",
        CAUSE,
        f"Then we {word} it properly that evening by deriving the pool size from the limit.",
        PREVENTION,
        REFLECTION,
    )
    assert found(text, "conflation")


def test_quick_fix_and_real_fix_conflate() -> None:
    text = answer(
        OPENING,
        "The quick fix, at T+7, was reverting the pool setting, the cheapest step we had, and "
        "we could re-apply it in a minute.",
        CAUSE,
        "The real fix went out that evening, deriving the pool size from the limit.",
        PREVENTION,
        REFLECTION,
    )
    assert found(text, "conflation")


def test_numbered_fixes_conflate() -> None:
    text = answer(
        OPENING,
        "Our first fix, at T+7, put the old pool value back, the cheapest step there was, "
        "and we could re-apply the new one in a minute.",
        CAUSE,
        "The second fix came that evening: the pool size is now read from the limit.",
        "The third fix, the one that keeps it from happening again, landed within two weeks: "
        "a pre-deploy check that rejects pool settings above the limit.",
        REFLECTION,
    )
    assert found(text, "conflation")


def test_one_verb_carried_over_several_phases_conflates() -> None:
    text = answer(
        OPENING,
        CAUSE,
        "We took care of it first at T+7 by reverting the pool setting, took care of the "
        "pool sizing itself that evening by deriving it from the limit,",
        "and then took care of the longer-term side within two weeks with a pre-deploy check "
        "on pool settings.",
        REFLECTION,
    )
    assert found(text, "conflation")


def test_one_verb_for_two_phases_in_one_sentence_conflates() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        CAUSE,
        "We resolved the pool sizing that evening by deriving it from the limit, and resolved "
        "the bigger picture within two weeks with a pre-deploy check on pool settings.",
        REFLECTION,
    )
    assert found(text, "conflation")


def test_causative_got_it_sorted_conflates() -> None:
    text = answer(
        OPENING,
        "By T+7 we'd got it sorted for users by reverting the pool setting, the cheapest step, "
        "which we could re-apply in a minute.",
        CAUSE,
        "We got the pool code sorted that evening by deriving the size from the limit.",
        PREVENTION,
        REFLECTION,
    )
    assert found(text, "conflation")


def test_a_repeated_verb_for_one_phase_is_not_conflation() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        CAUSE,
        "The fix went out that evening; we handled the pool code first, handled its tests "
        "second, and the pool size is now derived from the limit.",
        PREVENTION,
        REFLECTION,
    )
    assert not found(text, "conflation")


def test_fix_once_for_the_fix_is_not_conflation() -> None:
    assert not found(STRONG, "conflation")


def test_fixed_as_adjective_and_fixtures_are_not_conflation() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        "The root cause was a fixed-width file read at a fixed interval with no header check.",
        FIX,
        "Within two weeks we added test fixtures built from real files and an alert on parse "
        "errors.",
        REFLECTION,
    )
    assert not found(text, "conflation")


# --- hero ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "night",
    [
        "I told the secondary to go back to bed and I'd take it from there, and I worked "
        "through the night until the fix was out by sunrise.",
        "I didn't want to wake anyone, so I debugged it on my own and went straight into my "
        "normal day with no sleep.",
        "I sent the SRE and the database lead off to bed and didn't see any point in paging "
        "the platform team; I worked on the pool code until it was getting light.",
        "I didn't bother the database on-call, rebuilt the pool module myself and had it out "
        "by breakfast.",
        "I kept at it until it was getting light, and by breakfast I'd rewritten the pool "
        "sizing code myself.",
        "I let the secondary go back to bed and kept the database team out of it; by the time "
        "the sun was up I had the pool code rewritten.",
        "I didn't ring the DBA, didn't want the noise, and I was still at my desk at 4 a.m.",
        "I assured my lead that I'd got it, and I carried on till first light.",
        "Nobody else was online, and I preferred it that way; I worked until the office filled up.",
        "I asked the secondary and both shift leads to log off and stayed on into the small "
        "hours, and I'd take it from here, I said.",
    ],
)
def test_lone_hero(night: str) -> None:
    assert found(answer(OPENING, MITIGATION, CAUSE, night, FIX, PREVENTION, REFLECTION), "hero")


@pytest.mark.parametrize(
    "innocent",
    [
        "The night crew works all night loading trucks, so they noticed first.",
        "The logs alone didn't show it; my colleague and I had to compare clocks.",
        "Candidates must be alone in the room, which the proctor checks.",
        "I was far from alone: the database on-call and my lead joined within minutes.",
        "Leave the power alone and switch the kiosks to desk-only instead.",
        "The reconciliation batch runs all night anyway, so nobody noticed until breakfast.",
        "I was alone on the rota but paged the database on-call at once.",
        "We left the pool setting alone and sent the status update before breakfast.",
        "The DBA and I worked late into the evening and handed over to the morning shift.",
        "I went home at midnight and picked it up with the team in the morning.",
        "We got it stable by T+10, and I told the customer not to worry about their orders.",
        "The scanners are built for single-handed use, so I asked the depot lead to test one.",
        "The alarm fired at 3 a.m. but it didn't wake anyone, since it only went to email; I "
        "was still asleep at 5 a.m. and found it at breakfast.",
    ],
)
def test_innocent_alone_and_all_night(innocent: str) -> None:
    text = answer(OPENING, innocent, MITIGATION, CAUSE, FIX, PREVENTION, REFLECTION)
    assert not found(text, "hero")


# --- no_prevention ---------------------------------------------------------------------


def test_story_ending_at_the_fix() -> None:
    text = answer(OPENING, MITIGATION, CAUSE, FIX, "After that we went back to the roadmap.")
    card = score_text(text)
    assert card.pitfalls["no_prevention"].hit
    assert not card.signals["prevention"].hit
    assert not card.signals["separation"].hit


def test_prevent_describing_the_mitigation_is_not_prevention() -> None:
    mitigation = MITIGATION + " That prevented any more failed orders."
    text = answer(OPENING, mitigation, CAUSE, FIX, "Then it was back to normal work.")
    assert found(text, "no_prevention")


def test_prevention_of_harm_during_the_incident_is_not_prevention() -> None:
    during = (
        "The first hour was mostly prevention of duplicate charges: we held the retry queue "
        "while the pool recovered."
    )
    text = answer(OPENING, MITIGATION, during, CAUSE, FIX, "Then it was back to normal work.")
    assert found(text, "no_prevention")
    assert not score_text(text).signals["separation"].hit


def test_prevention_of_a_repeat_is_prevention() -> None:
    later = (
        "Prevention of a repeat landed within two weeks: a pre-deploy check that rejects pool "
        "settings above the limit."
    )
    text = answer(OPENING, MITIGATION, CAUSE, FIX, later, REFLECTION)
    assert not found(text, "no_prevention")
    assert score_text(text).signals["separation"].hit


def test_follow_up_only_talked_about_is_vague_not_absent() -> None:
    talk = "We talked about adding pool monitoring at some point, but the quarter got busy."
    card = score_text(answer(OPENING, MITIGATION, CAUSE, FIX, talk, REFLECTION))
    assert not card.pitfalls["no_prevention"].hit
    assert not card.signals["prevention"].hit


def test_vague_follow_up_is_not_no_prevention() -> None:
    vague = "For prevention, the team agreed to be more careful with pool settings."
    assert not found(answer(OPENING, MITIGATION, CAUSE, FIX, vague, REFLECTION), "no_prevention")


@pytest.mark.parametrize(
    "cause",
    [
        "Priya on the storage team had resized the volumes without a change ticket, and "
        "honestly she's done this before.",
        "The integrations contractor shipped an update and they hadn't tested it against our "
        "relay at all, classic.",
        "It was operator error by the night shift, plain and simple.",
    ],
)
def test_more_blame_forms(cause: str) -> None:
    assert found(with_cause(cause), "blame")


def test_earlier_fix_followed_by_the_actual_fix_conflates() -> None:
    text = answer(
        OPENING,
        "The fix was to restart the workers with the previous pool value, which got orders "
        "flowing again at T+7.",
        CAUSE,
        "The actual fix, that evening, derived the pool size from the database limit.",
        PREVENTION,
        REFLECTION,
    )
    assert found(text, "conflation")


def test_hero_without_the_usual_words() -> None:
    night = (
        "I was the only engineer online, and I didn't page anyone because it felt like my "
        "problem. I spent the whole night alone tracing it."
    )
    assert found(answer(OPENING, night, CAUSE, FIX, PREVENTION, REFLECTION), "hero")


def test_person_mentioned_in_a_systemic_clause_is_not_blamed() -> None:
    cause = (
        "A junior engineer ran a cleanup script over the weekend, and the real problem was "
        "that the tooling let anyone run it against production without any review."
    )
    text = with_cause(cause)
    assert not found(text, "blame")
    assert score_text(text).signals["systemic"].hit


def test_fixed_for_the_repair_and_for_the_process_conflates() -> None:
    text = answer(
        OPENING,
        MITIGATION,
        CAUSE,
        "We fixed it and re-ran the batch that evening.",
        "Then we fixed our release process within three weeks: a regression suite now blocks "
        "releases.",
        REFLECTION,
    )
    assert found(text, "conflation")


@pytest.mark.parametrize(
    "cause",
    [
        "Honestly, if Dev had read the release notes, this wouldn't have happened.",
        "The previous team never documented the limit, so here we were.",
        "Frankly, the QA team should have caught it before it shipped.",
    ],
)
def test_blame_by_counterfactual_or_omission(cause: str) -> None:
    assert found(with_cause(cause), "blame")


def test_defending_the_person_is_blameless() -> None:
    cause = (
        "You could say Sam broke it, since Sam merged the change, but Sam followed the release "
        "checklist exactly; the checklist had no step for the database limit."
    )
    text = with_cause(cause)
    assert not found(text, "blame")
    assert score_text(text).signals["systemic"].hit


def test_declining_help_and_working_until_the_day_shift_is_hero() -> None:
    night = (
        "My manager offered to join but I told him I had it handled, and by the time the day "
        "shift arrived the repair was in."
    )
    assert found(answer(OPENING, night, MITIGATION, CAUSE, FIX, PREVENTION, REFLECTION), "hero")


def test_first_and_real_solution_conflate() -> None:
    text = answer(
        OPENING,
        "The first solution, at T+7, was reverting the pool setting, cheap and easy to reverse.",
        CAUSE,
        "The real solution, that evening, derived the pool size from the database limit.",
        PREVENTION,
        REFLECTION,
    )
    assert found(text, "conflation")


def test_lower_case_words_are_not_names() -> None:
    cause = (
        "Around T+35 we had the cause: the batch didn't validate what it loaded and the engine "
        "had no floor on something that should never be empty."
    )
    assert not found(with_cause(cause), "blame")


def test_insinuation_after_naming_a_team_is_blame() -> None:
    cause = "The change came from the platform team. I'll leave it at that."
    assert found(with_cause(cause), "blame")


def test_alone_but_escalated_is_not_hero() -> None:
    night = "I was on my own that night, but I paged the database on-call within ten minutes."
    assert not found(answer(OPENING, night, MITIGATION, CAUSE, FIX, PREVENTION, REFLECTION), "hero")


def test_not_escalating_and_working_until_dawn_is_hero() -> None:
    night = (
        "I didn't escalate because I didn't want to look like I couldn't handle it, and I kept "
        "going until 6am."
    )
    assert found(answer(OPENING, night, MITIGATION, CAUSE, FIX, PREVENTION, REFLECTION), "hero")


def test_status_resolved_is_not_a_phase_name() -> None:
    text = answer(
        OPENING,
        MITIGATION + " The incident was resolved by T+12.",
        CAUSE,
        "We resolved the underlying pool bug that evening by deriving the size from the limit.",
        PREVENTION,
        REFLECTION,
    )
    assert not found(text, "conflation")


def test_someone_else_alone_on_shift_is_not_hero() -> None:
    shift = (
        "The night shift operator was alone on the floor, so she called me and I called the "
        "controls lead."
    )
    assert not found(answer(OPENING, shift, MITIGATION, CAUSE, FIX, PREVENTION, REFLECTION), "hero")


def test_naming_the_intern_to_defend_them_is_blameless() -> None:
    cause = (
        "The intern's script deleted the rows, but the script had been approved and nothing "
        "stopped it from running against production. The point isn't the intern; any of us "
        "could have run it."
    )
    assert not found(with_cause(cause), "blame")


def test_owning_it_as_our_team_is_not_blame() -> None:
    cause = "Honestly, our team didn't test it against the real database limit."
    assert not found(with_cause(cause), "blame")


def test_denying_the_word_fix_keeps_phases_apart() -> None:
    text = answer(
        OPENING,
        "At T+7 we reverted the pool setting; it wasn't really a fix, more of a band-aid, but "
        "it was cheap and easy to reverse.",
        CAUSE,
        FIX,
        PREVENTION,
        REFLECTION,
    )
    assert not found(text, "conflation")
