import re
import sqlite3

import pytest

from tests.conftest import DEMO_DAY
from tracker.services.demo import write_demo
from tracker.store.db import StoreError


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_demo_fills_every_table_like_a_real_user(demo_path):
    count = lambda table: rows(demo_path, f"SELECT count(*) FROM {table}")[0][0]  # noqa: E731
    assert count("profile") == 1
    assert count("programs") == 12
    assert count("rotations") == 5
    assert 35 <= count("journal_days") <= 45
    assert 100 <= count("cases") <= 140
    assert count("people") == 6
    assert count("letters") == 4
    for table in (
        "checklist_items",
        "housing_options",
        "expenses",
        "follow_ups",
        "case_skills",
        "rotation_status_changes",
    ):
        assert count(table) > 0, table
    statuses = [s for (s,) in rows(demo_path, "SELECT status FROM rotations")]
    assert statuses.count("completed") == 2
    kinds = {k for (k,) in rows(demo_path, "SELECT kind FROM programs")}
    assert kinds == {"academic", "affiliated", "community"}
    names = [n for (n,) in rows(demo_path, "SELECT name FROM people")]
    assert "Zoë Nguyễn" in names


def test_demo_lands_mid_rotation(demo_path):
    [(start, end)] = rows(
        demo_path, "SELECT starts_on, ends_on FROM rotations WHERE status = 'accepted'"
    )
    assert start < DEMO_DAY.isoformat() < end


def test_demo_is_deterministic(tmp_path):
    first = write_demo(tmp_path / "a.db", DEMO_DAY)
    second = write_demo(tmp_path / "b.db", DEMO_DAY)
    sql = "SELECT day, learning_points FROM journal_days ORDER BY day"
    assert rows(first, sql) == rows(second, sql)
    sql = "SELECT procedure, asa, technique FROM cases ORDER BY id"
    assert rows(first, sql) == rows(second, sql)


def test_demo_refuses_to_overwrite(demo_path):
    before = demo_path.read_bytes()
    with pytest.raises(StoreError, match="already exists"):
        write_demo(demo_path, DEMO_DAY)
    assert demo_path.read_bytes() == before


def test_demo_journal_holds_no_identifiers(demo_path):
    text = " ".join(
        " ".join(str(v) for v in row)
        for row in rows(
            demo_path, "SELECT procedure, comorbidities, teaching_point, story FROM cases"
        )
        + rows(demo_path, "SELECT learning_points, feedback, reflection FROM journal_days")
    )
    assert not re.search(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b", text)  # phone numbers
    assert not re.search(r"\bMRN\b|\b\d{2}/\d{2}/\d{4}\b|@", text)


def test_a_scaled_demo_repeats_everything_deterministically(tmp_path):
    one = write_demo(tmp_path / "one.db", DEMO_DAY)
    first = write_demo(tmp_path / "a.db", DEMO_DAY, scale=5)
    again = write_demo(tmp_path / "b.db", DEMO_DAY, scale=5)
    for table in (
        "programs",
        "rotations",
        "journal_days",
        "expenses",
        "people",
        "letters",
        "follow_ups",
    ):
        base = rows(one, f"SELECT count(*) FROM {table}")[0][0]
        assert rows(first, f"SELECT count(*) FROM {table}")[0][0] == 5 * base, table
    # A block's checklist repeats with it; the person's CV is kept once.
    sql = "SELECT count(*) FROM checklist_items WHERE rotation_id IS NOT NULL"
    assert rows(first, sql)[0][0] == 5 * rows(one, sql)[0][0]
    assert rows(first, "SELECT count(*) FROM checklist_items WHERE title = 'CV'") == [(1,)]
    sql = "SELECT day, learning_points FROM journal_days ORDER BY day"
    assert rows(first, sql) == rows(again, sql)
    names = rows(first, "SELECT count(DISTINCT institution) FROM programs")[0][0]
    assert names == 60


def test_demo_scale_on_the_command_line(tmp_path):
    from tests.cli.test_cli import away

    path = tmp_path / "big.db"
    result = away("demo", path, "--scale", "3")
    assert result.returncode == 0, result.stderr
    assert rows(path, "SELECT count(*) FROM programs")[0][0] == 36
    assert away("demo", tmp_path / "x.db", "--scale", "0").returncode == 2


@pytest.mark.parametrize("written_on", ["2026-07-20", "2026-11-27", "2027-03-01", "2027-04-10"])
def test_the_demo_reads_right_at_every_date_of_its_season(tmp_path, written_on):
    """Whatever day it is written on, the demo's blocks fall in R6's window for its ERAS
    season, and Today gives the right block day from January of the rotation year to
    after ERAS opens."""
    import pendulum

    from tracker.services.demo import story_day
    from tracker.services.today import report
    from tracker.store.db import open_db

    day = story_day(pendulum.Date.fromisoformat(written_on))
    db = open_db(write_demo(tmp_path / "demo.db", pendulum.Date.fromisoformat(written_on)))
    try:
        blocks = rows(
            tmp_path / "demo.db",
            "SELECT starts_on, ends_on FROM rotations WHERE status IN ('accepted', 'completed')",
        )
        assert blocks
        assert all(f"{day.year}-04-01" <= s and e <= f"{day.year}-10-31" for s, e in blocks)
        on = pendulum.date(day.year, 1, 1)
        while on <= pendulum.date(day.year + 1, 8, 1):
            said = report(db, on)
            r6 = [f for f in said["findings"] if f["rule_id"] == "R6"]
            assert r6, on
            assert r6[0]["state"] != "not met", f"{on}: {r6[0]['message']}"
            current = [(s, e) for s, e in blocks if s <= on.isoformat() <= e]
            if current:
                start = pendulum.Date.fromisoformat(current[0][0])
                assert said["block"]["day"] == (on - start).days + 1, on
            on = on.add(days=9)
    finally:
        db.close()
