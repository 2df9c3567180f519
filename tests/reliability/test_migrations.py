"""Files written by every released schema upgrade with every row and its content kept,
a backup taken first, and running the upgrade again changes nothing.

Fixtures: the demo as each release wrote it (release 1: m001; release 2, the end of
stop 17: m001-m003; release 3, the end of stop 18: m001-m007)."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.faults import columns, content_hash, dump, rows_in
from tracker.store import programs
from tracker.store.db import open_db, schema_version
from tracker.store.schema import _PERSONAL_TITLES_M012, KNOWN_STEPS

FIXTURES = Path(__file__).parents[1] / "fixtures"
RELEASES = sorted(FIXTURES.glob("release-*-demo.db"))
FIXTURE = FIXTURES / "release-1-demo.db"


def steps_of(path: Path) -> int:
    """The schema steps a file has (immutable: no -shm file is left beside the fixture)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0])
    finally:
        conn.close()


def without_personal_copies(data: dict[str, list[tuple]], shape) -> dict[str, list[tuple]]:
    """The rows, leaving out the person's checklist items (m012 merges their copies)."""
    title = shape["checklist_items"].index("title")
    kept = [row for row in data["checklist_items"] if row[title] not in _PERSONAL_TITLES_M012]
    return data | {"checklist_items": kept}


def merged_once(before, after, shape) -> None:
    """Each of the person's items the file held is there once, on the user's own list,
    as far along as its furthest copy was."""
    columns_ = shape["checklist_items"]
    title, block = columns_.index("title"), columns_.index("rotation_id")
    # Before m005 an item was done when it had a done date.
    step = columns_.index("status" if "status" in columns_ else "done_on")
    rank = ["not_needed", "todo", "in_progress", "done"] if "status" in columns_ else None
    for name in _PERSONAL_TITLES_M012:
        old = [row for row in before["checklist_items"] if row[title] == name]
        new = [row for row in after["checklist_items"] if row[title] == name]
        if not old:
            continue
        [kept] = new
        assert kept[block] is None or len(old) == 1 and old[0][block] == kept[block]
        if rank:
            assert kept[step] == max((row[step] for row in old), key=rank.index)
        else:
            assert (kept[step] is None) == all(row[step] is None for row in old)


def test_every_released_schema_has_a_fixture():
    steps = [steps_of(path) for path in RELEASES]
    assert steps == [1, 3, 7, 8], "a release with a new schema needs its fixture here"


@pytest.mark.parametrize("fixture", RELEASES, ids=lambda p: p.stem)
def test_a_released_database_upgrades_with_every_row_unchanged(tmp_path, fixture, figure):
    path = tmp_path / "away.db"
    shutil.copyfile(fixture, path)
    shape = columns(path)
    before = dump(path)
    assert rows_in(before) > 300
    db = open_db(path)
    assert schema_version(db) == (len(KNOWN_STEPS), KNOWN_STEPS[-1])
    db.close()
    # Every row keeps every value it had; new tables and columns may be added. The one
    # planned change: m012 keeps one copy of each of the person's checklist items.
    upgraded_rows = dump(path, shape)
    after = content_hash(without_personal_copies(upgraded_rows, shape))
    figure(f"{fixture.stem}: rows kept", f"{rows_in(upgraded_rows)} of {rows_in(before)}")
    assert after == content_hash(without_personal_copies(before, shape)), (
        f"{fixture.stem}: rows changed by the upgrade"
    )
    merged_once(before, upgraded_rows, shape)
    backups = list((tmp_path / "backups").glob("away-before-upgrade-*.db"))
    upgraded = steps_of(fixture) < len(KNOWN_STEPS)  # the latest release opens as it is
    if upgraded:
        [kept] = backups
        assert content_hash(dump(kept)) == content_hash(before), "the backup is not the old file"
    else:
        assert backups == [], "a file at the current schema was backed up as if upgraded"
    # The search index covers every day and case again (it is rebuilt, not compared).
    db = open_db(path)
    indexed, days, cases = db.execute(
        "SELECT (SELECT count(*) FROM journal_search), (SELECT count(*) FROM journal_days),"
        " (SELECT count(*) FROM cases)"
    ).fetchone()
    db.close()
    assert indexed == days + cases, "the search index is out of step with the journal"
    # Running it again does nothing: no new step, no new backup.
    open_db(path).close()
    assert content_hash(dump(path, shape)) == content_hash(upgraded_rows)
    assert len(list((tmp_path / "backups").glob("*.db"))) == (1 if upgraded else 0)


def test_deleting_an_application_keeps_its_journal_days(tmp_path):
    path = tmp_path / "away.db"
    shutil.copyfile(FIXTURE, path)
    db = open_db(path)
    rotation_id, days, cases = db.execute(
        """SELECT rotation_id, count(DISTINCT journal_days.id), count(cases.id)
           FROM journal_days LEFT JOIN cases ON cases.day_id = journal_days.id
           WHERE rotation_id IS NOT NULL GROUP BY rotation_id ORDER BY 2 DESC"""
    ).fetchone()
    assert days > 5
    assert cases > 5
    assert programs.dependents(db, rotation_id=rotation_id)["journal days"] == days
    programs.delete_rotation(db, rotation_id)
    detached = db.execute("SELECT count(*) FROM journal_days WHERE rotation_id IS NULL").fetchone()[
        0
    ]
    assert detached >= days
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] == 130
    db.close()


def test_restoring_a_release_1_backup_brings_it_to_this_schema(tmp_path):
    from tracker.services.safety import restore_from

    path = tmp_path / "away.db"
    open_db(path).close()
    restore_from(path, FIXTURE)
    conn = sqlite3.connect(path)
    steps = [name for (name,) in conn.execute("SELECT name FROM _sqlite_migrations")]
    fk = conn.execute("SELECT on_delete FROM pragma_foreign_key_list('journal_days')").fetchone()
    conn.close()
    assert steps == KNOWN_STEPS
    assert fk == ("SET NULL",)
    original = dump(FIXTURE)
    assert content_hash(dump(path, columns(FIXTURE))) == content_hash(original)
