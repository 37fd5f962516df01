"""Whole answers written for these tests (not from any data file), with every label checked."""

from __future__ import annotations

import pytest

from mock_interviewer.prompts import get_prompt
from mock_interviewer.rubric import score_text

STORIES: dict[str, tuple[str, str, dict[str, bool]]] = {
    "strong_lib": (
        (
            "So I was running the platform for a public library's e-book lending service. Around "
            "twenty past eight on a Monday our checkout success monitor dropped to sixty percent:"
            " people could browse but borrowing failed with a licence error. I pulled in the "
            "secondary and the publisher-integration engineer within five minutes. Our first read"
            " was the licence server itself, but its own health checks were green. At 8:31 we "
            "turned on the grace mode we built last year, which lets a loan start and settles the"
            " licence later; it's a single toggle, loans were going through again within two "
            "minutes, and switching it off just settles the backlog. Borrowing was back to normal"
            " by 8:35. About nine we found why: one publisher had rotated the signing key for "
            "their licence API over the weekend, and our client cached keys for thirty days with "
            "no refresh on a signature failure. Nothing in our integration tests exercised a key "
            "rotation. The repair went out before lunch: on a signature failure the client now "
            "fetches fresh keys once before giving up. We turned grace mode off at two. "
            "Postmortem was the next morning. Within two weeks we added a nightly job that "
            "rotates keys in the publisher sandbox and runs the full loan flow against it, and by"
            " the end of that month an alert on licence errors per publisher. For my own part, I "
            "spent about six minutes looking at the licence server before grace mode. Now, when "
            "borrowing fails but browsing works, I switch on grace mode in the first two minutes "
            "and investigate after."
        ),
        "outage",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "bad_freight": (
        (
            "This was at a freight brokerage, on the load-matching service. At 1915 on a Thursday"
            " carriers started calling because every load in the Midwest was showing a rate of "
            "zero dollars. I was on call. I sorted the customer side first, at about 1930, by "
            "hiding the Midwest board so nobody could accept a zero-rate load. I did it because "
            "the support lead asked me to take it down. The cause, which I had by nine, was a "
            "rate table the pricing analysts had uploaded that afternoon with the currency column"
            " empty. They upload tables like that every week without looking at them, that's just"
            " how that team works, and this time it hit us. I told the secondary to go back to "
            "bed, didn't call the pricing on-call, and kept going on my own until it got light, "
            "rebuilding the table from the previous week's file; I sorted the rates that way by "
            "six. Then a couple of weeks later we sorted the longer-term side with a validation "
            "step on table uploads. Honestly, my takeaway is to stay calm and keep an open mind."
        ),
        "stressful",
        {
            "timeline": True,
            "separation": False,
            "principle": False,
            "systemic": False,
            "prevention": True,
            "reflection": False,
            "blame": True,
            "conflation": True,
            "hero": True,
            "no_prevention": False,
        },
    ),
    "noprev_ferry": (
        (
            "I was the on-call engineer for a ferry operator's booking site. At quarter past six "
            "on a Friday evening, right as the holiday sailings opened, the payment page started "
            "timing out for about a third of customers. I brought in the secondary and the "
            "payments contact at the card processor by 6:20. We restarted the payment workers at "
            "6:24, mostly because that's what the runbook says to try first, and it didn't help. "
            "At 6:40 we moved card traffic to our second processor, which we keep warm for "
            "exactly this; customers could pay again within a minute. We found the root cause "
            "around half seven: our connection pool to the first processor had been sized for "
            "normal evenings and nothing alerted when it was saturated. The fix that night was "
            "raising the pool size and adding a timeout so a saturated pool fails fast. After "
            "that things were quiet and the following week we went back to the summer timetable "
            "project. Looking back, I'd have moved traffic to the second processor at 6:25, the "
            "moment the restart didn't help, rather than waiting another fifteen minutes."
        ),
        "outage",
        {
            "timeline": False,
            "separation": False,
            "principle": False,
            "systemic": True,
            "prevention": False,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": True,
        },
    ),
    "blameless_xteam": (
        (
            "My most surprising root cause was at a food-delivery company. At 11:50 on a Saturday"
            " our order-success alert fired: in one city, restaurants weren't receiving orders on"
            " their tablets, though customers were being charged. The restaurant tablets in that "
            "city run all night anyway for breakfast places, so we first suspected a tablet "
            "update, but the app version was the same everywhere. I had the secondary and the "
            "partner-tablet team on by 11:55. At 12:02 we switched that city's restaurants to "
            "receiving orders by phone call from our dispatch system, a fallback that's one "
            "setting per city and can be switched back at any time; orders were reaching kitchens"
            " again within three minutes. The surprise came at about one: the city's mobile "
            "carrier had started blocking the long-lived connections our push service uses, "
            "treating them as idle after five minutes. The partner team had chosen that carrier "
            "for the tablets, and nobody had ever told them our push protocol depended on long "
            "idle connections; there was no contract written down anywhere. The fix, that "
            "evening, was a heartbeat every two minutes on the push channel. Postmortem was "
            "Tuesday morning. Within three weeks we wrote a connectivity test that every new "
            "carrier or network has to pass, and a month later an alert on push delivery lag per "
            "city. Looking back, I anchored on the tablet update for ten minutes; now when only "
            "one city fails, I compare its network path with a healthy city before I look at app "
            "versions."
        ),
        "unexpected_root_cause",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "misdiag_weak": (
        (
            "The misdiagnosis I think about was at a ticketing company. At 0910 on a Wednesday "
            "the venue scanners at a stadium started rejecting valid tickets, and queues were "
            "building outside. I was certain it was the scanner firmware, because we'd had a bad "
            "firmware push a month earlier, and I spent twenty minutes on firmware logs. At 0935 "
            "we put the gates into offline validation, which checks tickets against a list "
            "downloaded at 8am; it was the fastest thing that stopped the rejections and we could"
            " return to online mode with one command. Queues cleared by 0945. The real cause, "
            "found around 1030, was that a cache in front of the ticket database was serving a "
            "stale list of seat transfers, so anyone who'd received a transferred ticket was "
            "rejected. Nothing invalidated that cache when a transfer completed. The fix went in "
            "that afternoon: transfers now evict the cache entry. The following Monday we held "
            "the postmortem, and within two weeks a synthetic transfer-and-scan check ran every "
            "five minutes. What did I learn? Mainly to keep an open mind and not to trust my "
            "first instinct, and I think I've become a more humble engineer."
        ),
        "misdiagnosis",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": False,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "crit_flag": (
        (
            "The critical bug was at a payroll software company. At 14:05 on the last Thursday of"
            " the month, the payday run, one large hospital customer reported that overtime for "
            "night staff was being paid at the day rate. I got the secondary and the hospital's "
            "account engineer on a call by 14:15. Payroll locked at 17:00, so we had under three "
            "hours. At 14:40 we turned off the new shift-rules engine for that one customer with "
            "its per-tenant flag, which put them back on the old engine; it was one flag for one "
            "tenant, it corrected the overtime lines on the next recalculation within minutes, "
            "and flipping the flag back restores the new engine. Every other customer stayed on "
            "the new engine. By 15:30 we'd found the cause: the new engine split a shift at "
            "midnight and priced the part after midnight using the next day's rule set, and the "
            "hospital's rule set for that day wasn't loaded yet. The shift-rules team and the "
            "rates team each assumed the other loaded next-day rules, and no test covered shifts "
            "that cross midnight. The actual repair landed the next day: the engine loads rule "
            "sets for every calendar day a shift touches. The postmortem was the Monday after. "
            "Within two weeks we added fixtures for overnight and month-end shifts to the "
            "engine's test suite, and by the end of the following month a reconciliation job that"
            " compares both engines' totals for a sample of tenants before every payday run. If "
            "I'm honest, I'd turn that per-tenant flag off at 14:20, not 14:40: when one tenant "
            "reports wrong pay on payday, I now flip them to the old engine first and investigate"
            " second."
        ),
        "critical_bug",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "handled_conf": (
        (
            "This was at a parking app. At 7:55 on a Monday commuters started reporting that the "
            "app charged them twice for the same session. I paged the secondary. We handled the "
            "immediate problem at 8:10 by pausing the billing worker, so no new charges went out "
            "while we looked. We handled the duplicates themselves around ten by refunding every "
            "second charge from the payment logs. The root cause was that the billing worker "
            "retried a charge after a network timeout, without checking whether the first attempt"
            " had gone through, and the payment provider had been slow that morning. Then we "
            "handled the longer-term side over the next three weeks: an idempotency key on every "
            "charge and an alert on duplicate charges per hour. Looking back, at the first "
            "duplicate report I'd pause billing immediately instead of spending fifteen minutes "
            "confirming."
        ),
        "outage",
        {
            "timeline": True,
            "separation": False,
            "principle": False,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": True,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "blame_sarcasm": (
        (
            "At 21:10 on a Friday our alert on search latency fired at a travel-booking site; "
            "hotel searches were taking thirty seconds. I paged the secondary and the search on-"
            "call, and by 21:18 we'd routed searches to the previous index, which is one alias "
            "switch and just as quick to switch back. Latency was normal by 21:20. The cause, "
            "found around 22:00: the data science team had shipped a new ranking feature that did"
            " a database call per hotel. Of course they did, because why would you load-test "
            "anything on a Friday evening. Their model changes never go through our performance "
            "review, and that's exactly what bit us. The fix went out Saturday morning, caching "
            "the feature per city. Within two weeks we added a latency budget check in CI for "
            "ranking features. Next time, if search latency doubles within an hour of a ranking "
            "deploy, I'll switch the alias first."
        ),
        "outage",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": False,
            "prevention": True,
            "reflection": True,
            "blame": True,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "fast_opts": (
        (
            "The fast decision I'd pick was at a streaming service during a live football final. "
            "At 20:47, two minutes into the second half, our alert on video start failures fired:"
            " about fifteen percent of viewers on one CDN couldn't start the stream. I had the "
            "secondary and the video platform lead on the bridge by 20:49. We had three options. "
            "Failing everyone over to the second CDN would take about a minute, but that CDN had "
            "never carried a final's load and could fall over too. Restarting the packagers meant"
            " a two-minute blackout for everybody. Or we could steer only the failing regions to "
            "the second CDN with a DNS weight change. By 20:51 I'd picked the weight change: it's"
            " a single config value, affected viewers got the stream on their next retry, the "
            "second CDN only took a slice of load, and putting the weight back undoes it in "
            "seconds. Start failures were back under one percent by 20:55. At about 21:30 we "
            "found the cause: a certificate on some of the first CDN's edge nodes had been "
            "renewed with a missing intermediate, so older smart TVs rejected it. Our certificate"
            " monitoring only checked expiry dates, not the chain. The fix, about 23:00, was the "
            "CDN reissuing the certificates with the full chain, after which we moved the weights"
            " back. Postmortem was two days later. Within a week we added a chain-validation "
            "check from an old TV client image, and within a month every certificate renewal ran "
            "through a staging edge before production. The habit I kept: when I fire a mitigation"
            " during a live event, I say out loud what load it moves and to where, and if it "
            "moves more than a third of traffic I ask the platform lead to confirm first."
        ),
        "fast_decision",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "innocent_words": (
        (
            "This was at a bank, on the mortgage application portal. At 9:12 on a Tuesday the "
            "broker help desk reported that applications were stuck at the affordability step. I "
            "paged the secondary and the credit-rules engineer. The affordability service runs "
            "alone on its own cluster and its batch recalculations run all night, so my first "
            "thought was an overnight batch still holding locks. At 9:30 we paused the new rules "
            "release by setting the rules version back to last week's, a one-line config change "
            "that takes effect on the next request, and reversible the same way. Applications "
            "moved again by 9:33. The root cause, around 10:15, was a new rule that divided by "
            "the applicant's previous salary, and for first-time earners that value was zero; the"
            " irreversible part was that a few application records had already been marked "
            "declined. Nobody had a test case for applicants with no salary history. The fix went"
            " out that afternoon, handling the zero case explicitly, and we re-opened the wrongly"
            " declined applications by hand. The postmortem was the next day. Within three weeks "
            "we added an edge-case suite generated from real anonymised applicant profiles to the"
            " rules pipeline, and it blocks any release that fails it. Looking back, I spent too "
            "long on the batch-lock theory; now if a step fails right after a rules release, I "
            "roll the rules version back within five minutes before looking at anything else."
        ),
        "critical_bug",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "noprinc_night_team": (
        (
            "I was on call overnight for a grocery delivery app when, at 02:10, the warehouse "
            "picking tablets stopped receiving orders for the morning slots. The night shift in "
            "the warehouse works all night anyway, so they noticed first and rang our support "
            "line. I paged the secondary and the warehouse-systems engineer, and both were on by "
            "02:20. At 02:35 we restarted the order-routing service, honestly because it's the "
            "first line of the runbook and nobody suggested anything else; orders started flowing"
            " again within a couple of minutes, and we could always have restarted it again. By "
            "02:40 tablets were filling up. Around 03:30 the warehouse-systems engineer found the"
            " root cause: a memory leak in the routing service's websocket handler, which only "
            "shows up after about five days of uptime, and no alert watched the service's memory."
            " We stayed on together until about five, and the handler fix went out at 10:00 after"
            " review. The postmortem was the next afternoon. Within two weeks we added a memory-"
            "growth alert on every routing pod and a weekly soak test that runs the service for "
            "seven days in staging. Looking back, I'd have asked the warehouse-systems engineer "
            "for a heap dump at 02:20 rather than restarting first, because the restart destroyed"
            " the evidence."
        ),
        "stressful",
        {
            "timeline": True,
            "separation": True,
            "principle": False,
            "systemic": True,
            "prevention": True,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "weak_refl_numbers": (
        (
            "At 16:20 on a Wednesday the finance team at a retailer told us that yesterday's "
            "sales report showed half the usual revenue. I pulled in the data engineer on call. "
            "At 16:35 we hid the report from the dashboard with its visibility flag, the cheapest"
            " step that stopped people acting on wrong numbers, and switching the flag back shows"
            " it again. By 17:30 we had the root cause: the nightly load had silently skipped one"
            " of two store regions because a file arrived after the load's cut-off, and nothing "
            "checked that both regions were present. The fix that evening was rerunning the load "
            "with the late file. Within a week we added a completeness check that fails the load "
            "when a region is missing, and an alert when a file arrives after the cut-off. In "
            "those forty minutes I learned a lot, mostly that I should keep calm and trust the "
            "data more."
        ),
        "outage",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": True,
            "reflection": False,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
    "vague_prev": (
        (
            "At 11:05 on a Friday a customer's webhook endpoint started getting every event three"
            " times. I brought in the secondary. At 11:12 we paused deliveries to that customer, "
            "a per-customer switch that we could lift at any moment, and it stopped the "
            "duplicates immediately. The cause, found around noon, was our retry worker treating "
            "the customer's slow 200 responses as timeouts, since the timeout was set lower than "
            "their typical response time and nothing compared the two. The fix, that afternoon, "
            "was raising the per-customer timeout and un-pausing. At the retro the following "
            "Wednesday we agreed to be more careful with timeouts and to keep an eye on retry "
            "rates. Next time a customer reports duplicates, I'll check the retry logs first, "
            "within the first five minutes."
        ),
        "critical_bug",
        {
            "timeline": True,
            "separation": True,
            "principle": True,
            "systemic": True,
            "prevention": False,
            "reflection": True,
            "blame": False,
            "conflation": False,
            "hero": False,
            "no_prevention": False,
        },
    ),
}


@pytest.mark.parametrize("name", sorted(STORIES))
def test_whole_story_labels(name: str) -> None:
    text, prompt, expected = STORIES[name]
    card = score_text(text, prompt=get_prompt(prompt))
    got = {k: f.hit for k, f in [*card.signals.items(), *card.pitfalls.items()]}
    assert {k: got[k] for k in expected} == expected
