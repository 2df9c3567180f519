"""List-mix guidance rules: P1, P2, R1-R4, R6, R7."""

import pytest

from tracker.domain.mix import mix_lines
from tracker.domain.profile import Profile
from tracker.domain.programs import Rotation

PROFILE = Profile(full_name="A", match_year=2028, eras_opens_on="2027-06-04", usce_months=1)
BALANCED = {"academic": 4, "affiliated": 5, "community": 3}


def line(rule, kinds=BALANCED, rotations=(), profile=PROFILE):
    lines = {m.rule_id: m for m in mix_lines(kinds, list(rotations), profile)}
    return lines[rule]


def applied(n, status="applied"):
    return [Rotation(program_id=i, status=status) for i in range(n)]


@pytest.mark.parametrize(("count", "ok"), [(7, False), (8, True), (15, True), (16, False)])
def test_p1_applied_to_8_to_15_programs(count, ok):
    result = line("P1", rotations=applied(count))
    assert result.ok is ok
    assert f"applied to {count} programs" in result.text


def test_p1_counts_programs_not_ideas_and_not_twice():
    rotations = applied(8) + [
        Rotation(program_id=1, status="offered"),
        Rotation(program_id=99, status="idea"),
    ]
    assert "applied to 8 programs" in line("P1", rotations=rotations).text


@pytest.mark.parametrize(
    ("kinds", "ok"),
    [
        (BALANCED, True),
        ({"academic": 2, "affiliated": 5, "community": 3}, False),
        ({"academic": 4, "affiliated": 7, "community": 3}, False),
        ({"academic": 4, "affiliated": 5, "community": 1}, False),
    ],
)
def test_p2_kind_mix(kinds, ok):
    assert line("P2", kinds=kinds).ok is ok


def anesthesia(n, status="accepted"):
    return [Rotation(program_id=i, status=status, specialty="anesthesiology") for i in range(n)]


def test_r2_without_usce_wants_two_anesthesia_plus_one_related():
    profile = Profile(usce_months=0, match_year=2028)
    related = [Rotation(program_id=9, status="completed", specialty="critical_care")]
    assert line("R2", rotations=anesthesia(2), profile=profile).ok is False
    assert line("R2", rotations=anesthesia(2) + related, profile=profile).ok is True


def test_r3_with_usce_wants_two_anesthesia():
    profile = Profile(usce_months=3, match_year=2028)
    assert line("R3", rotations=anesthesia(1), profile=profile).ok is False
    assert line("R3", rotations=anesthesia(2, "completed"), profile=profile).ok is True


def test_r1_and_r4_one_strong_rotation_when_money_is_tight():
    assert line("R1", rotations=anesthesia(1)).ok is False
    tight = Profile(usce_months=1, budget_limited=True, match_year=2028)
    result = line("R1", rotations=anesthesia(1), profile=tight)
    assert result.ok is True
    assert "R4" in result.text


def block(start, end, status="accepted", kind="academic"):
    return Rotation(
        program_id=1,
        status=status,
        starts_on=start,
        ends_on=end,
        institution="Lakeshore",
        program_kind=kind,
    )


def test_r6_window_is_april_to_october_two_years_before_the_match():
    assert line("R6", rotations=[block("2026-05-04", "2026-05-31")]).ok is True
    early = line("R6", rotations=[block("2026-03-02", "2026-03-29")])
    assert early.ok is False
    assert "outside Apr-Oct 2026" in early.text
    late = line("R6", rotations=[block("2026-11-02", "2026-11-29")])
    assert late.ok is False


def test_r6_flags_a_block_ending_after_eras_opens():
    profile = Profile(match_year=2027, eras_opens_on="2025-06-04")  # window Apr-Oct 2025
    result = line("R6", rotations=[block("2025-06-02", "2025-06-29")], profile=profile)
    assert result.ok is False
    assert "ends after ERAS opens" in result.text


def test_r6_ignores_denied_and_needs_a_match_year():
    assert line("R6", rotations=[block("2026-01-05", "2026-02-01", status="denied")]).ok is None
    assert line("R6", profile=Profile()).ok is None


def test_r7_at_least_one_academic_rotation():
    assert line("R7", rotations=[block("2026-05-04", "2026-05-31", kind="community")]).ok is False
    assert line("R7", rotations=[block("2026-05-04", "2026-05-31")]).ok is True
    assert line("R7", rotations=[block("2026-05-04", "2026-05-31", status="idea")]).ok is False


def test_a_long_list_of_problems_is_summarised():
    from tracker.domain.mix import summarise

    assert summarise(["A", "B"]) == "A; B"
    assert summarise([f"P{n}" for n in range(200)]) == "P0; P1; and 198 more"
