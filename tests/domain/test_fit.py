"""Each fit rule (P3-P7, R4, R7, V2) as reasons; never a bare number."""

import pytest

from tracker.domain.fit import fit
from tracker.domain.profile import Profile
from tracker.domain.programs import Program

J1 = Profile(full_name="A", visa_needed="j1")
NEUTRAL = dict(
    accepts_international="unknown",
    has_img_residents="unknown",
    structured_evaluation="unknown",
    route="other",
    kind="community",
)


def reasons(program, profile=J1):
    return {(r.sign, r.rule_id, r.text) for r in fit(program, profile).reasons}


def test_score_is_the_sum_of_its_reasons_and_every_reason_has_a_rule():
    result = fit(Program(name="X", sponsors_j1="yes", kind="academic"), J1)
    assert result.score == sum(r.points for r in result.reasons)
    assert all(r.rule_id and r.text and r.sign in "+-?" for r in result.reasons)
    assert str(result.reasons[0]) == "+ sponsors J-1 (P3)"


@pytest.mark.parametrize(("answer", "sign"), [("yes", "+"), ("no", "-"), ("unknown", "?")])
def test_p3_the_visa_the_user_needs(answer, sign):
    found = [
        r for r in fit(Program(sponsors_j1=answer, **NEUTRAL), J1).reasons if r.rule_id == "P3"
    ]
    assert [r.sign for r in found] == [sign]
    if answer == "unknown":
        assert "ask the GME office" in found[0].text


def test_p3_h1b_only_matters_to_who_needs_it():
    program = Program(sponsors_j1="no", sponsors_h1b="yes", **NEUTRAL)
    assert ("-", "P3") in {(s, r) for s, r, _ in reasons(program, J1)}
    h1b = Profile(visa_needed="h1b")
    assert ("+", "P3", "sponsors H-1B") in reasons(program, h1b)
    either = Profile(visa_needed="j1_or_h1b")
    assert ("+", "P3", "sponsors H-1B") in reasons(program, either)
    no_visa = Profile(visa_needed="none")
    assert not [r for r in fit(program, no_visa).reasons if r.rule_id == "P3"]


def test_p3_preferably_h1b_for_someone_who_needs_a_j1():
    j1_only = fit(Program(sponsors_j1="yes", sponsors_h1b="no", **NEUTRAL), J1)
    both = fit(Program(sponsors_j1="yes", sponsors_h1b="yes", **NEUTRAL), J1)
    assert both.score == j1_only.score + 1
    assert ("+", "P3", "also sponsors H-1B, which the guide prefers") in {
        (r.sign, r.rule_id, r.text) for r in both.reasons
    }


def test_p3_prefers_both_visas():
    either = Profile(visa_needed="j1_or_h1b")
    both = fit(Program(sponsors_j1="yes", sponsors_h1b="yes", **NEUTRAL), either)
    j1_only = fit(Program(sponsors_j1="yes", sponsors_h1b="no", **NEUTRAL), either)
    assert both.score > j1_only.score


def test_v2_no_students_from_abroad_is_a_strong_minus():
    closed = fit(Program(sponsors_j1="yes", accepts_international="no", kind="academic"), J1)
    assert ("-", "V2", "no visiting students from abroad") in {
        (r.sign, r.rule_id, r.text) for r in closed.reasons
    }
    open_ = fit(Program(sponsors_j1="yes", accepts_international="yes", kind="academic"), J1)
    assert open_.score - closed.score >= 8


def test_p4_img_residents():
    assert ("+", "P4", "has current or recent IMG residents") in reasons(
        Program(has_img_residents="yes")
    )
    assert any(s == "?" and r == "P4" for s, r, _ in reasons(Program()))


def test_p6_reads_its_own_signs_not_p4_and_v2_again():
    both = Program(has_img_residents="yes", accepts_international="yes")
    assert ("?", "P6") in {(s, r) for s, r, _ in reasons(both)}, "P4 and V2 count once"
    noted = Program(notes="Alumni reports: two past rotators from Brazil matched here")
    assert ("+", "P6", "your notes say: alumni") in reasons(noted)
    assert fit(noted, J1).score == fit(Program(), J1).score + 1


def test_p5_route_and_structured_evaluation():
    vslo = reasons(Program(route="vslo", structured_evaluation="yes"))
    assert ("+", "P5", "formal visiting-student route (VSLO)") in vslo
    assert ("+", "P5", "structured evaluation and letter process") in vslo
    other = reasons(Program(route="other", structured_evaluation="no"))
    assert ("-", "P5", "no formal visiting-student route") in other


def test_r7_academic_center_scores_higher():
    academic = fit(Program(kind="academic"), J1)
    community = fit(Program(kind="community"), J1)
    assert any(r.rule_id == "R7" and r.sign == "+" for r in academic.reasons)
    assert academic.score > community.score


def test_r4_only_for_a_limited_budget_p7_for_everyone_and_more_when_tight():
    program = Program(
        sponsors_j1="yes",
        accepts_international="yes",
        has_img_residents="yes",
        structured_evaluation="yes",
        housing_monthly_cents=180_000,
    )
    roomy = {(r.sign, r.rule_id, r.points) for r in fit(program, J1).reasons}
    assert not [r for r in roomy if r[1] == "R4"]
    assert ("-", "P7", -1) in roomy
    tight = Profile(visa_needed="j1", budget_limited=True)
    found = {(r.sign, r.rule_id, r.points) for r in fit(program, tight).reasons}
    assert ("+", "R4", 2) in found
    assert ("-", "P7", -2) in found
    cheap_but_weak = Program(sponsors_j1="no", housing_monthly_cents=70_000)
    found = {(r.sign, r.rule_id, r.points) for r in fit(cheap_but_weak, tight).reasons}
    assert ("-", "R4", -1) in found
    assert ("+", "P7", 2) in found
    middle = Program(housing_monthly_cents=120_000)
    assert not [r for r in fit(middle, J1).reasons if r.rule_id == "P7"]


def test_labels_follow_the_score():
    best = Program(
        sponsors_j1="yes",
        sponsors_h1b="yes",
        accepts_international="yes",
        has_img_residents="yes",
        structured_evaluation="yes",
        kind="academic",
    )
    assert fit(best, J1).label == "strong"
    worst = Program(sponsors_j1="no", accepts_international="no", route="other", kind="community")
    assert fit(worst, J1).label == "poor"
