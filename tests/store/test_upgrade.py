"""A database made by the oldest schema keeps every row through the upgrade."""

import sqlite3

from sqlite_utils import Database

from tracker.services.demo import build_demo
from tracker.store.db import connect, open_db
from tracker.store.schema import KNOWN_STEPS, MIGRATIONS
from tests.conftest import DEMO_DAY


def dump(path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(path)
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' "
        "ESCAPE '\\' AND name NOT LIKE 'sqlite%'")]
    data = {t: sorted(conn.execute(f"SELECT * FROM [{t}]").fetchall(), key=repr)
            for t in tables}
    conn.close()
    return data


def test_oldest_schema_upgrades_without_losing_rows(db_path):
    db_path.parent.mkdir(mode=0o700)
    oldest = connect(db_path)
    later_steps = KNOWN_STEPS[1:]
    MIGRATIONS.apply(oldest, stop_before=later_steps[0] if later_steps else None)
    assert [row["name"] for row in oldest.query("SELECT name FROM _sqlite_migrations")] == \
        KNOWN_STEPS[:1]
    # The demo data set is written through the first step's tables only.
    build_demo(oldest, DEMO_DAY)
    oldest.close()
    before = dump(db_path)
    upgraded: Database = open_db(db_path)
    upgraded.close()
    after = dump(db_path)
    for table, rows in before.items():
        columns_kept = [row[: len(rows[0])] for row in after[table]] if rows else []
        assert sorted(columns_kept, key=repr) == rows, table
    assert sum(len(rows) for rows in before.values()) > 300
