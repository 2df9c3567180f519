"""Programs and applications through the store, on a real temporary SQLite file."""

import pendulum
import pytest

from tracker.domain.checks import InvalidValues
from tracker.domain.programs import Program, Rotation
from tracker.store import programs as store
from tracker.store.db import open_db

TODAY = pendulum.date(2026, 7, 15)


def test_program_round_trip_update_and_unique_name(db):
    program_id = store.add_program(
        db, Program(name="Elective", institution="Lakeshore", housing_monthly_cents=120000)
    )
    stored = store.get_program(db, program_id)
    assert stored.housing_monthly_cents == 120000
    assert stored.kind == "academic"
    store.update_program(db, Program(**{**vars(stored), "notes": "Ask about housing"}))
    assert store.get_program(db, program_id).notes == "Ask about housing"
    with pytest.raises(InvalidValues, match="already exists"):
        store.add_program(db, Program(name="Elective", institution="Lakeshore"))
    assert store.find_program(db, "elective", "LAKESHORE").id == program_id


def test_filters_run_in_sql_and_escape_wildcards(db):
    store.add_program(db, Program(name="A", institution="Lakeshore", city="Chicago"))
    store.add_program(
        db, Program(name="B", institution="Maple", kind="community", notes="100% remote research")
    )
    store.add_program(db, Program(name="C", institution="Other 100 beds"))
    assert [p.name for p in store.list_programs(db, "chicago")] == ["A"]
    assert [p.name for p in store.list_programs(db, kind="community")] == ["B"]
    assert [p.name for p in store.list_programs(db, "100%")] == ["B"]
    assert len(store.list_programs(db, limit=2)) == 2
    assert store.count_by_kind(db) == {"academic": 2, "community": 1}


def test_status_moves_are_recorded_with_their_dates(db):
    program_id = store.add_program(db, Program(name="Elective", institution="Lakeshore"))
    rotation_id = store.add_rotation(db, Rotation(program_id=program_id), "2026-03-01")
    store.set_status(db, rotation_id, "preparing", pendulum.date(2026, 3, 10))
    store.set_status(db, rotation_id, "applied", pendulum.date(2026, 4, 1))
    store.set_status(db, rotation_id, "applied", pendulum.date(2026, 4, 2))  # no change
    store.set_status(db, rotation_id, "waitlisted", pendulum.date(2026, 5, 1))
    rotation = store.get_rotation(db, rotation_id)
    assert rotation.status == "waitlisted"
    assert (rotation.applied_on, rotation.decision_on) == ("2026-04-01", "2026-05-01")
    history = [(c.status, c.changed_on) for c in store.status_history(db, rotation_id)]
    assert history == [
        ("idea", "2026-03-01"),
        ("preparing", "2026-03-10"),
        ("applied", "2026-04-01"),
        ("waitlisted", "2026-05-01"),
    ]


def test_editing_the_status_in_the_form_is_recorded_too(db):
    program_id = store.add_program(db, Program(name="Elective"))
    rotation_id = store.add_rotation(db, Rotation(program_id=program_id), "2026-03-01")
    rotation = store.get_rotation(db, rotation_id)
    store.update_rotation(db, Rotation(**{**vars(rotation), "status": "applied"}), "2026-03-05")
    store.update_rotation(
        db, Rotation(**{**vars(rotation), "status": "applied", "notes": "sent"}), "2026-03-06"
    )
    assert [c.status for c in store.status_history(db, rotation_id)] == ["idea", "applied"]


def test_list_rotations_filters_by_status_and_text(db):
    a = store.add_program(db, Program(name="A", institution="Lakeshore"))
    b = store.add_program(db, Program(name="B", institution="Maple"))
    store.add_rotation(db, Rotation(program_id=a, status="applied"), "2026-03-01")
    store.add_rotation(db, Rotation(program_id=b, status="idea"), "2026-03-01")
    assert [r.institution for r in store.list_rotations(db, status="idea")] == ["Maple"]
    assert [r.institution for r in store.list_rotations(db, "lake")] == ["Lakeshore"]


def test_deleting_counts_and_takes_the_journal_along(demo_path):
    db = open_db(demo_path)
    first = [r for r in store.list_rotations(db) if r.status == "completed"][0]
    counts = store.dependents(db, rotation_id=first.id)
    assert counts["journal days"] > 10
    assert counts["cases"] > 30
    program_counts = store.dependents(db, program_id=first.program_id)
    assert program_counts["applications"] == 1
    store.delete_program(db, first.program_id)
    assert store.get_rotation(db, first.id) is None
    left = db.execute(
        "SELECT count(*) FROM journal_days WHERE rotation_id = ?", [first.id]
    ).fetchone()[0]
    assert left == 0


def test_import_adds_skips_updates_in_one_transaction(db):
    store.add_program(db, Program(name="A", institution="X", notes="old"))
    records = [
        (Program(name="A", institution="x", notes="new"), None),
        (Program(name="B", institution="Y"), Rotation(deadline_on="2026-09-01", starts_on=None)),
    ]
    assert store.import_programs(db, records, False, "2026-07-15") == (1, 0, 1)
    assert store.find_program(db, "A", "X").notes == "old"
    [rotation] = store.list_rotations(db)
    assert rotation.deadline_on == "2026-09-01"
    assert rotation.status == "idea"
    assert store.import_programs(db, records, True, "2026-07-15") == (0, 2, 0)
    assert store.find_program(db, "A", "X").notes == "new"
    assert len(store.list_rotations(db)) == 1  # updating does not add applications


def test_import_skips_a_repeat_within_one_batch(db):
    records = [
        (Program(name="A", institution="X"), None),
        (Program(name="a", institution="x"), None),
    ]
    assert store.import_programs(db, records, True, "2026-07-15") == (1, 0, 1)
    assert store.count_programs(db) == 1


def test_a_large_import_goes_in_whole_or_not_at_all_under_the_schemas_checks(db, monkeypatch):
    # Past rows.STAGED_FROM records, rows are staged in a temporary table and inserted by
    # one statement: the schema's checks still refuse a bad row, and nothing is written.
    import sqlite3

    from tracker.store import rows

    count = rows.STAGED_FROM + 50
    good = [
        (Program(name=f"P{n}", institution="X"), Rotation(deadline_on="2026-09-01"))
        for n in range(count)
    ]
    # A record the store's own checks would refuse, let through to reach the schema.
    bad = Rotation(deadline_on="2026-09-01", status="nonsense")
    records = [*good[:-1], (good[-1][0], bad)]
    monkeypatch.setattr(rows, "checked", lambda item, checks: None)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        store.import_programs(db, records, False, "2026-07-15")
    monkeypatch.undo()
    assert store.count_programs(db) == 0
    assert store.import_programs(db, good, False, "2026-07-15") == (count, 0, 0)
    assert store.count_programs(db) == count
    assert {r.status for r in store.list_rotations(db)} == {"idea"}
    assert len(store.list_rotations(db)) == count


def test_program_names_for_the_form_come_by_institution_then_name(db):
    for name, institution in [
        ("Zeta elective", "École Hospital"),
        ("Alpha elective", "Zed Medical"),
        ("Beta elective", "Eagle Clinic"),
        ("Alpha elective", "école hospital"),
    ]:
        store.add_program(db, Program(name=name, institution=institution))
    names = [(name, institution) for _, name, institution in store.program_names(db)]
    # Case set aside in every alphabet (SQLite's lower() knows only ASCII letters).
    assert names == [
        ("Beta elective", "Eagle Clinic"),
        ("Alpha elective", "Zed Medical"),
        ("Alpha elective", "école hospital"),
        ("Zeta elective", "École Hospital"),
    ]


def test_programs_by_id_come_in_the_order_asked_without_those_deleted(db):
    ids = [
        store.add_program(db, Program(name=f"Elective {n}", institution="Lakeside")) for n in "abc"
    ]
    store.delete_program(db, ids[1])
    assert [p.name for p in store.programs_by_id(db, [ids[2], ids[1], ids[0]])] == [
        "Elective c",
        "Elective a",
    ]
    assert store.programs_by_id(db, []) == []
