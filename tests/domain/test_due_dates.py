"""Advice that expires: a block's checklist stops being overdue once the block is over,
and an accepted block's passed application items count back from its first day. Dated
tests on one applicant's timeline."""

from datetime import date

from tracker.domain.agenda import build_agenda
from tracker.domain.checklists import BlockDates, ChecklistItem, due_now, is_overdue
from tracker.domain.programs import Rotation

DEAN = ChecklistItem(id=1, rotation_id=7, title="Dean's letter", due_on="2027-03-01")
ACCEPTED = BlockDates("accepted", "2027-07-05", "2027-08-01", accepted_on="2027-04-10")


def test_an_application_item_passed_before_acceptance_is_due_by_the_block():
    assert due_now(DEAN, date(2027, 5, 1), ACCEPTED) == "2027-07-05"
    assert not is_overdue(DEAN, date(2027, 5, 1), ACCEPTED)
    assert is_overdue(DEAN, date(2027, 7, 6), ACCEPTED)  # still missing once there


def test_before_acceptance_the_deadline_date_holds():
    applied = BlockDates("applied", "2027-07-05", "2027-08-01")
    assert due_now(DEAN, date(2027, 3, 5), applied) == "2027-03-01"
    assert is_overdue(DEAN, date(2027, 3, 5), applied)


def test_a_block_that_is_over_or_closed_asks_nothing_more():
    assert due_now(DEAN, date(2027, 8, 2), ACCEPTED) is None  # ended yesterday
    for status in ("completed", "denied", "declined", "withdrawn"):
        assert due_now(DEAN, date(2027, 3, 5), BlockDates(status, "2027-07-05")) is None
    mine = ChecklistItem(id=2, title="Passport", due_on="2027-03-01")
    assert is_overdue(mine, date(2027, 12, 4))  # the user's own list never expires


def test_the_agenda_in_december_has_no_overdue_line_from_finished_blocks():
    block = Rotation(
        id=7,
        program_id=1,
        status="accepted",
        starts_on="2027-07-05",
        ends_on="2027-08-01",
        decision_on="2027-04-10",
    )
    agenda = build_agenda(date(2027, 12, 4), [block], [DEAN], [], [])
    assert agenda == []
    before = build_agenda(date(2027, 6, 20), [block], [DEAN], [], [])
    assert [(line.due_on, line.text) for line in before] == [("2027-07-05", "Dean's letter")]


def test_the_flu_vaccine_is_asked_for_only_for_a_block_in_flu_season():
    from tracker.domain.checklist_templates import items_for

    def flu(starts_on: str, ends_on: str) -> ChecklistItem:
        items = items_for(["immunizations"], 7, starts_on, None, set(), ends_on)
        return next(item for item in items if item.validity == "season")

    august = flu("2027-07-05", "2027-08-01")  # the new vaccine does not exist yet
    assert august.status == "not_needed"
    assert "October-March" in august.notes
    assert "late August or September" in august.notes
    october = flu("2027-09-20", "2027-10-17")  # its last weeks are in flu season
    assert october.status == "todo"
    assert october.due_on == "2027-09-06"


def test_j1_the_evening_before_the_first_day_b1_met_once_planned_b2_says_housing():
    from tests.domain.test_guidance import said, shot
    from tracker.domain.guidance import State

    # The block starts on Monday 6 July 2026: Sunday evening is the first J1.
    [j1] = said(shot("2026-07-05"))["J1"]
    assert j1.state == State.DUE_SOON
    [b1] = said(shot("2026-06-20"))["B1"]
    assert b1.state == State.INFO  # nothing planned yet: the reminder
    [b1] = said(shot("2026-06-20", next_planned=260_000))["B1"]
    assert (b1.state, b1.message) == (State.MET, "Lakeside University is planned: $2,600")
    warning = "No housing booked and the block starts in 16 days."
    [b2] = said(shot("2026-06-20", next_housing=[warning]))["B2"]
    assert b2.state == State.DUE_SOON
    assert b2.message == "Lakeside University: No housing booked and the block starts in 16 days"


def test_v1_speaks_from_the_application_with_the_ds160_passport_and_consular_wait():
    from dataclasses import replace

    from tests.domain.test_guidance import BLOCK, said, shot
    from tracker.domain.guidance import State

    applied = replace(BLOCK, status="applied")
    [v1] = said(shot("2025-11-01", rotations=[applied]))["V1"]  # eight months ahead
    assert v1.state == State.INFO
    for words in ("B-1/B-2", "DS-160", "six months past the stay", "Global Visa Wait Times"):
        assert words in v1.message
    [v1] = said(shot("2026-04-01", rotations=[applied]))["V1"]
    assert v1.state == State.DUE_SOON  # within 120 days
    assert "V1" not in said(shot("2025-11-01", rotations=[replace(BLOCK, status="idea")]))


def test_v1_counts_back_from_the_block_with_the_consulate_s_wait():
    from dataclasses import replace

    from tests.domain.test_guidance import BLOCK, PROFILE, said, shot
    from tracker.domain.guidance import State

    waiting = replace(PROFILE, visa_wait_days=150)  # block 6 July 2026: book by 23 Jan
    [v1] = said(shot("2025-11-01", profile=waiting))["V1"]
    assert "book the consulate appointment by 23 Jan 2026 (a 150-day wait)" in v1.message
    assert v1.state == State.INFO
    assert said(shot("2026-01-01", profile=waiting))["V1"][0].state == State.DUE_SOON
    assert said(shot("2026-02-01", profile=waiting))["V1"][0].state == State.OVERDUE
    [unknown] = said(shot("2025-11-01", rotations=[replace(BLOCK, status="applied")]))["V1"]
    assert "put it in your profile (p)" in unknown.message


def test_p1_stops_asking_for_applications_once_the_rotation_window_has_closed():
    from tests.domain.test_guidance import said, shot
    from tracker.domain.guidance import State

    # ERAS opens June 2027 (PROFILE): rotations belong in Apr-Oct 2026.
    assert said(shot("2026-03-01", rotations=[]))["P1"][0].state == State.NOT_MET
    [late] = said(shot("2026-12-04", rotations=[]))["P1"]
    assert late.state == State.INFO
    assert "has closed (Apr-Oct 2026)" in late.message


def test_counts_and_distances_read_right_for_one():
    from tracker.domain.budget import housing_warnings
    from tracker.domain.text import in_days, plural

    assert (in_days(0), in_days(1), in_days(5)) == ("today", "in 1 day", "in 5 days")
    assert (plural(1, "case"), plural(2, "case")) == ("1 case", "2 cases")
    [warning] = housing_warnings("accepted", "2027-07-05", "2027-08-01", [], date(2027, 7, 4))
    assert warning == "No housing booked and the block starts in 1 day."
