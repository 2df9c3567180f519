"""The ERAS workbench's rules: MyERAS's counting, the season's limits and fees, signals
past the limit, and the first draft the journal gives."""

import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.domain.eras import (
    BlockFacts,
    Experience,
    counter,
    fees,
    hours_per_week,
    myeras_length,
    over_limits,
    seed_description,
    seed_experience,
    signal_refusal,
)
from tracker.domain.seasons import ERAS_LIMITS, eras_limits

LIMITS = ERAS_LIMITS[2026]


@pytest.mark.parametrize(
    ("text", "length"),
    [
        ("", 0),
        ("Spinal anaesthesia", 18),
        ("line one\r\nline two", 17),  # CRLF is one line break
        ("line one\nline two", 17),
        ("line one\rline two", 17),
        ("Universidad del Litoral, Santa Fé", 33),
        ("Santa Fe\u0301", 8),  # e + combining accent counts once, composed
        ("Grateful 🙏", 11),  # outside the BMP: two, as a browser's length counts
        ("Zoë Nguyễn 👩🏽‍⚕️", 10 + 1 + 2 + 2 + 1 + 1 + 1),  # woman, skin tone, ZWJ, staff, VS16
    ],
)
def test_myeras_length_counts_as_a_browser_does(text, length):
    assert myeras_length(text) == length


def test_counter_says_how_far_over():
    assert counter("a" * 750, 750) == "750/750"
    assert counter("a" * 752, 750) == "752/750 (2 over)"


def test_fees_follow_aamcs_examples():
    # AAMC's examples for the 2026 season: 30 programs $330; 43 programs $720.
    assert fees(30, LIMITS) == 330
    assert fees(43, LIMITS) == 30 * 11 + 13 * 30
    assert fees(0, LIMITS) == 0


def test_a_season_not_published_carries_the_last_ones_limits_marked():
    later = eras_limits(2031)
    assert later.season == 2031
    assert later.checked_on is None
    assert later.description == LIMITS.description
    assert eras_limits(2026).checked_on is not None


def test_a_sixth_gold_signal_is_refused_naming_the_limit_and_its_source():
    assert signal_refusal("gold", Counter(gold=4), LIMITS) is None
    refused = signal_refusal("gold", Counter(gold=5, silver=2), LIMITS)
    assert refused is not None
    assert "5 gold signals" in refused
    assert "AACPD" in refused
    assert signal_refusal("silver", Counter(gold=5, silver=9), LIMITS) is None
    assert "10 silver signals" in (signal_refusal("silver", Counter(silver=10), LIMITS) or "")


def test_over_limits_names_what_myeras_would_refuse():
    long = Experience(organization="Lakeshore", description="x" * 751)
    meaningful = [Experience(organization=f"E{i}", meaningful=True) for i in range(4)]
    found = over_limits(
        [long, *meaningful, *[Experience() for _ in range(6)]],
        {"career": "y" * 501},
        LIMITS,
    )
    assert "11 experiences; MyERAS takes 10" in found
    assert "4 marked most meaningful; MyERAS takes 3" in found
    assert "Lakeshore: description 751/750" in found
    assert "supplemental answer (career): 501/500" in found
    assert over_limits([Experience(description="x" * 750)], {}, LIMITS) == []


FACTS = BlockFacts(
    rotation_id=1,
    organization="Lakeshore University Medical Center",
    starts_on="2026-07-06",
    ends_on="2026-07-31",
    city="Chicago",
    state="IL",
    days=16,
    places={"or": 14, "preop_clinic": 2},
    cases=40,
    by_technique={"general": 25, "mac": 10, "neuraxial": 5},
    skills={
        "Intubation": {"performed": 12, "assisted": 3},
        "Spinal": {"observed": 5},
    },
    supervisor="Rajesh Iyer",
    teaching=["Check the suction before induction", "Apfel score guides PONV prophylaxis"],
    feedback=["Good pre-op assessments"],
    memorable=["Awake fibreoptic intubation"],
)


def test_the_seed_is_built_from_the_journal_and_fits():
    text = seed_description(FACTS, 750)
    assert myeras_length(text) <= 750
    assert "40 cases logged (25 general, 10 MAC, 5 neuraxial)" in text
    assert "Performed: Intubation (12)." in text
    assert "Observed: Spinal (5)." in text
    assert "Worked in OR (14 days), Pre-op clinic (2 days)." in text
    assert "Learned: Check the suction before induction." in text
    short = seed_description(FACTS, 200)
    assert myeras_length(short) <= 200
    assert short.startswith("Four-week visiting student rotation")


def test_the_seeded_experience_fills_myeras_fields():
    draft = seed_experience(FACTS, LIMITS)
    assert draft.id is None
    assert draft.organization == FACTS.organization
    assert draft.experience_type == "Education/training"
    assert draft.supervisor == "Rajesh Iyer"
    assert draft.hours_per_week == hours_per_week(FACTS) == 43  # 16 days in 26: 4.3 a week
    assert draft.setting == "OR (14 days), Pre-op clinic (2 days)"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=())))
def test_myeras_length_is_one_per_character_two_beyond_the_basic_plane(text: str):
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert myeras_length(text) == sum(2 if ord(char) > 0xFFFF else 1 for char in normal)
