"""The guidance engine: every rule has a handler, each handler speaks at its moment, and
one applicant's season reads right from nine months before a block to after ERAS opens."""

from dataclasses import replace
from datetime import date

from tracker.domain.checklists import ChecklistItem
from tracker.domain.guidance import HANDLERS, Snapshot, State, findings
from tracker.domain.journal import JournalDay
from tracker.domain.letters import Letter
from tracker.domain.profile import Profile
from tracker.domain.programs import Rotation
from tracker.domain.rules import RULES

PROFILE = Profile(full_name="Zoë", match_year=2028, eras_opens_on="2027-06-04", usce_months=0)
BLOCK = Rotation(
    id=7,
    status="accepted",
    starts_on="2026-07-06",
    ends_on="2026-08-02",
    institution="Lakeside University",
    program_kind="academic",
)


def shot(on: str, **changes) -> Snapshot:
    base = Snapshot(today=date.fromisoformat(on), profile=PROFILE, rotations=[BLOCK])
    return replace(base, **changes)


def said(snapshot: Snapshot) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in findings(snapshot):
        found.setdefault(finding.rule_id, []).append(finding)
    return found


def test_every_rule_of_the_guide_has_a_handler():
    missing = set(RULES) - set(HANDLERS)
    assert not missing, f"rules without a handler: {sorted(missing)}"
    assert set(HANDLERS) <= set(RULES)


def test_r2_counts_secured_rotations_for_a_user_without_us_experience():
    [r2] = said(shot("2026-05-01"))["R2"]
    assert r2.state == State.NOT_MET
    assert "1 anesthesiology rotation(s) secured, aim 3" in r2.message
    money = said(shot("2026-05-01", profile=replace(PROFILE, budget_limited=True, usce_months=2)))
    assert "R2" not in money
    assert "R3" not in money  # limited money speaks first, at any USCE level
    assert money["R4"][0].state == State.MET


def test_r6_window_is_the_year_before_applying_and_checks_the_match_year():
    [r6] = said(shot("2026-05-01"))["R6"]
    assert r6.state == State.MET
    assert "Apr-Oct 2026" in r6.message
    late = replace(BLOCK, starts_on="2026-11-02", ends_on="2026-11-29")
    assert said(shot("2026-05-01", rotations=[late]))["R6"][0].state == State.NOT_MET
    wrong = replace(PROFILE, match_year=2027)
    assert "the season set is ERAS 2027" in said(shot("2026-05-01", profile=wrong))["R6"][0].message


def test_journal_rules_speak_during_the_block_on_weekdays():
    before = said(shot("2026-07-01"))
    assert "J3" not in before
    assert "J5" not in before
    monday = said(shot("2026-07-13"))
    assert monday["J3"][0].state == State.DUE_SOON
    assert monday["J1"][0].state == State.DUE_SOON
    written = JournalDay(day="2026-07-13", learning_points="x", tomorrow_preparation="lap chole")
    done = said(shot("2026-07-13", entry_today=written))
    assert done["J3"][0].state == State.MET
    assert done["J1"][0].state == State.MET
    friday = said(shot("2026-07-10"))
    assert "J1" not in friday  # no OR day tomorrow
    saturday = said(shot("2026-07-11"))
    assert "J3" not in saturday


def test_letter_rules_follow_the_block():
    assert "L2" not in said(shot("2026-07-08"))  # week 1
    assert said(shot("2026-07-15"))["L2"][0].state == State.INFO  # week 2
    last_week = said(shot("2026-07-28"))
    assert last_week["L3"][0].state == State.DUE_SOON
    asked = Letter(rotation_id=7, status="asked", asked_on="2026-07-28")
    assert said(shot("2026-07-29", letters=[asked]))["L3"][0].state == State.MET
    assert said(shot("2026-08-05"))["L5"][0].state == State.INFO  # just after
    assert "L5" not in said(shot("2026-09-30"))
    agreed = Letter(status="agreed", person_name="Dr. Okafor")
    assert "Dr. Okafor" in said(shot("2026-08-05", letters=[agreed]))["L4"][0].message


def test_eras_rules_around_the_eras_date():
    assert "L6" not in said(shot("2027-03-01"))
    assert said(shot("2027-05-20"))["L6"][0].state == State.INFO
    assert "L6" not in said(shot("2027-06-10")), "opening day: nothing is submitted yet"
    assert said(shot("2027-09-10"))["L6"][0].state == State.DUE_SOON  # submissions open
    assert "L7" not in said(shot("2027-06-10")), "L7 waits for an interview"
    assert "A1" in said(shot("2027-03-01"))
    assert "A2" not in said(shot("2027-03-01"))
    assert "A2" in said(shot("2027-05-01"))


def test_l7_when_an_interview_is_recorded_names_the_writers_from_there():
    invited = replace(BLOCK, status="completed", interview_on="2027-11-02")
    writer = Letter(status="uploaded", person_name="Dr. Okafor", rotation_id=BLOCK.id)
    [l7] = said(shot("2027-10-20", rotations=[invited], letters=[writer]))["L7"]
    assert l7.state == State.DUE_SOON
    assert "Interview at Lakeside University in 13 days: mention Dr. Okafor" in l7.message
    assert (l7.pane, l7.record_id) == ("applications", BLOCK.id)
    assert said(shot("2027-09-01", rotations=[invited]))["L7"][0].state == State.INFO
    assert "L7" not in said(shot("2027-11-03", rotations=[invited])), "not after the day"


def test_documents_expiring_before_the_block_are_named():
    tb = ChecklistItem(
        id=3,
        title="TB test",
        status="done",
        done_on="2025-06-01",
        validity="within:365",
        rotation_id=7,
    )
    d1 = said(shot("2026-05-01", block_items=[tb]))["D1"]
    assert any("TB test expires before the block" in f.message for f in d1)
    assert said(shot("2026-05-01"))["D1"][0].message.startswith("No document checklist")


def test_one_applicants_season_from_nine_months_before_to_after_eras():
    """What Today says at the moments of the issue's timeline."""
    moments = {
        "2025-10-06": {"R2", "R6"},  # nine months before the block
        "2026-05-25": {"D1", "B1", "V1"},  # six weeks before
        "2026-07-08": {"J2", "J3", "J5", "J6"},  # day 3
        "2026-07-30": {"L3", "J3"},  # day 25
        "2026-08-16": {"L5"},  # two weeks after
        "2027-05-14": {"L6", "A1", "A2"},  # three weeks before ERAS opens
        "2027-09-10": {"L6", "E1"},  # submissions open (1 Sep, the estimated ERAS 2028)
        "2027-10-20": {"L7"},  # an interview invitation recorded for 2 November
    }
    invited = replace(BLOCK, status="completed", interview_on="2027-11-02")
    for day, rules in moments.items():
        rotations = [invited] if day >= "2027-10-01" else [BLOCK]
        speaking = set(said(shot(day, rotations=rotations)))
        assert rules <= speaking, f"{day}: missing {sorted(rules - speaking)}"


def applied(n: int, kind: str = "academic", status: str = "applied", start: int = 0) -> list:
    return [Rotation(program_id=start + i, status=status, program_kind=kind) for i in range(n)]


def test_p1_counts_programs_applied_to_within_8_to_15():
    for count, state in [(7, State.NOT_MET), (8, State.MET), (15, State.MET), (16, State.NOT_MET)]:
        [p1] = said(shot("2026-03-01", rotations=applied(count)))["P1"]
        assert p1.state == state, count
        assert f"Applied to {count} programs" in p1.message
    twice = applied(8) + [
        Rotation(program_id=1, status="offered"),  # the same program again
        Rotation(program_id=99, status="idea"),  # not applied to
    ]
    assert "Applied to 8 programs" in said(shot("2026-03-01", rotations=twice))["P1"][0].message


def test_p2_is_the_mix_applied_to_with_researched_programs_apart():
    researched = {"academic": 4, "affiliated": 5, "community": 3}
    lopsided = applied(4) + applied(3, "affiliated", start=10) + applied(1, "community", start=20)
    [p2] = said(shot("2026-03-01", rotations=lopsided, researched=researched))["P2"]
    assert p2.state == State.NOT_MET, "a balanced research list does not balance the applications"
    assert "academic 4 of 4 (3-5), affiliated 3 of 5 (4-6), community 1 of 3 (2-4)" in p2.message
    balanced = applied(4) + applied(5, "affiliated", start=10) + applied(3, "community", start=20)
    many = {"academic": 10, "affiliated": 10, "community": 5}
    [p2] = said(shot("2026-03-01", rotations=balanced, researched=many))["P2"]
    assert p2.state == State.MET, "researching 25 programs does not turn it red"
    [p2] = said(shot("2026-03-01", rotations=[], researched=many))["P2"]
    assert p2.state == State.INFO


def test_r7_counts_secured_rotations_only():
    idea = replace(BLOCK, status="idea")
    [r7] = said(shot("2026-03-01", rotations=[idea]))["R7"]
    assert r7.state == State.NOT_MET
    [r7] = said(shot("2026-03-01", rotations=[BLOCK]))["R7"]
    assert r7.state == State.MET


def test_a_long_list_of_problems_is_summarised():
    from tracker.domain.text import summarise

    assert summarise(["A", "B"]) == "A; B"
    assert summarise([f"P{n}" for n in range(200)]) == "P0; P1; and 198 more"
