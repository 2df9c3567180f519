"""Round trips through the area stores, with text cleaned on the way in."""

import pytest

from tracker.domain.checklists import ChecklistItem
from tracker.domain.checks import InvalidValues
from tracker.domain.journal import JournalDay
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


# Each area's records as its store reads them (the store's own queries: joins, counts).
def _every_record(db):
    from tracker.domain.budget import Expense, HousingOption
    from tracker.store import checklists, eras, journal, letters, rows

    yield from programs.list_programs(db)
    yield from programs.list_rotations(db)
    yield from checklists.every_item(db)
    yield from rows.select(db, Expense, "SELECT * FROM expenses")
    yield from rows.select(db, HousingOption, "SELECT * FROM housing_options")
    yield from eras.stored_experiences(db)
    for day in journal.list_days(db):
        yield day
        yield from journal.list_cases(db, day.id)
    yield from letters.list_people(db)
    yield from letters.list_letters(db)
    yield from letters.list_follow_ups(db)


def test_records_read_from_rows_equal_what_their_constructor_makes(demo_path):
    """Records are filled without their __init__ (it cost most of a 1,200-program read):
    each must be the record its constructor makes from the same values, frozen as one."""
    import dataclasses

    db = open_db(demo_path)
    kinds = set()
    for record in _every_record(db):
        values = {field.name: getattr(record, field.name) for field in dataclasses.fields(record)}
        assert record == type(record)(**values)
        assert repr(record) == repr(type(record)(**values))
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.id = 0
        kinds.add(type(record).__name__)
    assert len(kinds) >= 10, kinds  # (a store function renamed would shrink this)


def test_records_read_from_rows_hold_what_their_constructor_reads(demo_path):
    """The same rows read into each record class and into a copy of it with a
    __post_init__ (which makes the reader use the constructor) hold the same values."""
    import dataclasses

    from tracker.store import rows

    db = open_db(demo_path)
    for record_class, sql in (
        (Program, "SELECT * FROM programs"),
        (Rotation, "SELECT * FROM rotations"),
        (JournalDay, "SELECT * FROM journal_days"),
        (ChecklistItem, "SELECT * FROM checklist_items"),
    ):
        by_init = dataclasses.dataclass(frozen=True)(
            type("ByInit", (record_class,), {"__post_init__": lambda self: None})
        )
        fast = rows.select(db, record_class, sql)
        slow = rows.select(db, by_init, sql)
        assert fast
        assert [dataclasses.astuple(r) for r in fast] == [dataclasses.astuple(r) for r in slow]
        for a, b in zip(fast, slow, strict=True):
            assert [type(v) for v in dataclasses.astuple(a)] == [
                type(v) for v in dataclasses.astuple(b)
            ]


def test_a_record_with_a_post_init_is_still_made_by_its_constructor(db):
    import dataclasses

    from tracker.store import rows

    made = []

    @dataclasses.dataclass(frozen=True)
    class Checked:
        id: int
        name: str = ""

        def __post_init__(self) -> None:
            made.append(self.name)

    found = rows.select(db, Checked, "SELECT 7 AS id, 'x' AS name, 1 AS extra")
    assert found == [Checked(7, "x")]
    assert made == ["x", "x"]  # the read ran __post_init__, and so did Checked(7, "x")
