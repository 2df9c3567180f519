"""The ERAS season calendar by AAMC's naming (a season is its Match year), its facts
with their source, and R6/L6 reading the season when the profile has no ERAS date."""

from dataclasses import replace
from datetime import date

import pytest

from tests.domain.test_guidance import PROFILE, said, shot
from tracker.domain.guidance import State
from tracker.domain.seasons import PUBLISHED, season, season_name, season_opening


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_the_estimate_agrees_with_every_published_season(year):
    """The rule for unpublished seasons, judged on the seasons AAMC did publish."""
    published = PUBLISHED[year]
    PUBLISHED.pop(year)
    try:
        estimate = season(year)
    finally:
        PUBLISHED[year] = published
    assert estimate.estimated
    assert (estimate.opens_on, estimate.submit_from, estimate.review_from) == (
        published.opens_on,
        published.submit_from,
        published.review_from,
    )
    assert (estimate.match_day, estimate.ends_on) == (published.match_day, published.ends_on)


def test_published_facts_name_their_source_and_when_they_were_checked():
    for facts in PUBLISHED.values():
        assert "AAMC" in facts.source
        assert facts.checked_on is not None


def test_a_season_is_named_by_its_match_year():
    assert season_name(2028) == "ERAS 2028 (opens June 2027, Match March 2028)"
    assert season(2028).opens_on == date(2027, 6, 2)
    assert season_opening(2028, None) == date(2027, 6, 2)
    assert season_opening(2028, "2027-06-09") == date(2027, 6, 9)  # the user's date wins


def test_aamc_s_own_pair_is_accepted_and_a_season_alone_times_r6_and_l6():
    aamc = replace(PROFILE, match_year=2028, eras_opens_on="2027-06-02")
    [r6] = said(shot("2027-05-01", profile=aamc))["R6"]
    assert "check the profile" not in r6.message
    alone = replace(PROFILE, match_year=2028, eras_opens_on=None)
    [r6] = said(shot("2027-05-01", profile=alone))["R6"]
    assert "Apr-Oct 2026" in r6.message or r6.state != State.NOT_MET
    [l6] = said(shot("2027-05-20", profile=alone))["L6"]
    assert "ERAS opens in 13 days" in l6.message  # 2 June 2027, from the season


def test_the_season_speaks_from_opening_to_match_day():
    """ERAS 2028 on one applicant's timeline (estimated dates: opens 2 June 2027,
    submissions 1 September, review 22 September, Match Day 17 March 2028)."""
    from tracker.domain.letters import Letter

    agreed = [Letter(status="agreed", person_name="Dr. Okafor")]
    moments = {
        "2027-06-10": ("E2", State.NOT_MET, "Dr. Okafor"),
        "2027-08-15": ("E1", State.INFO, "from 1 Sep 2027"),
        "2027-09-10": ("E1", State.DUE_SOON, "reviewing on 22 Sep 2027"),
        "2027-11-15": ("E3", State.INFO, "thank-you note"),
        "2028-02-10": ("E3", State.DUE_SOON, "Match Day 17 Mar 2028"),
    }
    for day, (rule_id, state, words) in moments.items():
        [finding] = said(shot(day, letters=agreed))[rule_id]
        assert finding.state == state, day
        assert words in finding.message, (day, finding.message)
        if rule_id != "E2":
            assert "estimated" in finding.message or rule_id == "E3" and state == State.INFO
    assert "E1" not in said(shot("2027-10-15"))
    uploaded = [Letter(status="uploaded", person_name="Dr. Okafor")]
    assert "E2" not in said(shot("2027-06-10", letters=uploaded))


def test_e2_names_each_letter_s_next_step_then_the_letters_assigned_nowhere():
    from tracker.domain.letters import Letter

    on_the_way = [
        Letter(status="agreed", person_name="Dr. Okafor"),
        Letter(status="packet_sent", person_name="Dr. Costa", eras_letter_id=""),
        Letter(status="id_created", person_name="Dr. Lim", eras_letter_id="L-1"),
        Letter(status="id_sent", person_name="Dr. Haddad", eras_letter_id="L-2"),
    ]
    [e2] = said(shot("2027-06-10", letters=on_the_way))["E2"]
    assert "4 letters agreed, not in ERAS yet" in e2.message
    for words in (
        "Dr. Okafor: send the packet",
        "Dr. Costa: make its Letter Request Form",
        "Dr. Lim: send the Letter ID to the writer",
        "and 1 more",
    ):
        assert words in e2.message
    unassigned = [Letter(status="uploaded", person_name="Dr. Okafor", programs=0)]
    assigned = [Letter(status="uploaded", person_name="Dr. Okafor", programs=3)]
    assert "E2" not in said(shot("2027-06-10", letters=unassigned)), "nothing to assign yet"
    [e2] = said(shot("2027-09-05", letters=unassigned))["E2"]
    assert e2.state == State.DUE_SOON
    assert "assigned to no program (Dr. Okafor)" in e2.message
    assert "E2" not in said(shot("2027-09-05", letters=assigned))
