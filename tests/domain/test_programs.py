import pendulum
import pytest

from tracker.domain.checks import InvalidValues
from tracker.domain.programs import (
    NEXT_STATUS,
    Rotation,
    deadline_urgency,
    program_from_values,
    rotation_from_values,
    status_dates,
)

TODAY = pendulum.date(2026, 7, 15)


def test_program_values_accept_aliases():
    program = program_from_values(
        {
            "name": " Elective ",
            "kind": "University-Affiliated",
            "route": "VSLO",
            "sponsors_j1": "Y",
            "sponsors_h1b": "",
            "accepts_international": "true",
            "housing_monthly_cents": "1,250",
            "coordinator_email": "c@x.example",
        }
    )
    assert program.name == "Elective"
    assert (program.kind, program.route) == ("affiliated", "vslo")
    assert (program.sponsors_j1, program.sponsors_h1b, program.accepts_international) == (
        "yes",
        "unknown",
        "yes",
    )
    assert program.housing_monthly_cents == 125000


def test_program_values_name_every_bad_field():
    with pytest.raises(InvalidValues) as error:
        program_from_values(
            {
                "name": "",
                "kind": "hospital",
                "sponsors_j1": "maybe",
                "website": "www.x.example",
                "coordinator_email": "nope",
            }
        )
    assert set(error.value.errors) == {
        "name",
        "kind",
        "sponsors_j1",
        "website",
        "coordinator_email",
    }


def test_r5_a_new_block_defaults_to_four_weeks():
    rotation = rotation_from_values({"program_id": "1", "starts_on": "2026-08-03"})
    assert rotation.ends_on == "2026-08-30"
    assert (
        pendulum.Date.fromisoformat(rotation.ends_on)
        - pendulum.Date.fromisoformat(rotation.starts_on)
    ).days == 27


def test_rotation_refuses_an_end_before_the_start_and_bad_dates():
    with pytest.raises(InvalidValues) as error:
        rotation_from_values(
            {"program_id": "1", "starts_on": "2026-08-03", "ends_on": "2026-08-01"}
        )
    assert error.value.errors == {"ends_on": "the block ends before it starts"}
    with pytest.raises(InvalidValues) as error:
        rotation_from_values({"program_id": "1", "deadline_on": "2026-02-30", "status": "maybe"})
    assert set(error.value.errors) == {"deadline_on", "status"}


def test_pipeline_main_line():
    status, seen = "idea", ["idea"]
    while status in NEXT_STATUS:
        status = NEXT_STATUS[status]
        seen.append(status)
    assert seen == ["idea", "preparing", "applied", "offered", "accepted", "completed"]
    assert NEXT_STATUS["waitlisted"] == "offered"
    assert "denied" not in NEXT_STATUS
    assert "withdrawn" not in NEXT_STATUS


def test_status_dates_fill_only_empty_dates():
    assert status_dates(Rotation(), "applied", TODAY) == {"applied_on": "2026-07-15"}
    assert status_dates(Rotation(applied_on="2026-01-01"), "applied", TODAY) == {}
    assert status_dates(Rotation(), "denied", TODAY) == {"decision_on": "2026-07-15"}
    assert status_dates(Rotation(), "accepted", TODAY) == {}


@pytest.mark.parametrize(
    ("deadline", "urgency"),
    [
        ("2026-07-14", "overdue"),
        ("2026-07-15", "urgent"),
        ("2026-07-22", "urgent"),
        ("2026-07-23", "soon"),
        ("2026-08-10", ""),
        (None, ""),
    ],
)
def test_deadline_urgency(deadline, urgency):
    assert deadline_urgency(deadline, TODAY) == urgency
