"""Round trips through the area stores, with text cleaned on the way in."""

import pytest

from tracker.domain.checks import InvalidValues
from tracker.domain.profile import Profile
from tracker.domain.programs import Program, Rotation
from tracker.store import programs
from tracker.store.db import open_db
from tracker.store.profile import get_profile, is_new_user, save_profile


def test_profile_round_trip_and_validation(db_path):
    db = open_db(db_path)
    assert is_new_user(db)
    profile = Profile(
        full_name="Zoë\x00 Nguyễn",
        match_year=2028,
        eras_opens_on="2027-06-04",
        usce_months=2,
        visa_needed="h1b",
        budget_limited=True,
    )
    save_profile(db, profile)
    stored = get_profile(db)
    assert stored.full_name == "Zoë Nguyễn"
    assert stored.budget_limited is True
    assert stored.visa_needed == "h1b"
    assert not is_new_user(db)
    with pytest.raises(InvalidValues) as error:
        save_profile(db, Profile(full_name="", eras_opens_on="2027-02-30"))
    assert set(error.value.errors) == {"full_name", "eras_opens_on"}
    assert get_profile(db).full_name == "Zoë Nguyễn"


def test_rotation_records_its_first_status(db_path):
    db = open_db(db_path)
    program_id = programs.add_program(db, Program(name="Elective", institution="Lakeshore"))
    rotation_id = programs.add_rotation(
        db,
        Rotation(
            program_id=program_id, status="applied", starts_on="2026-08-03", ends_on="2026-08-30"
        ),
        changed_on="2026-03-01",
    )
    [rotation] = programs.list_rotations(db)
    assert rotation.id == rotation_id
    assert rotation.institution == "Lakeshore"
    [change] = programs.status_history(db, rotation_id)
    assert (change.status, change.changed_on) == ("applied", "2026-03-01")
