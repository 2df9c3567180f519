"""kill -9 at random moments while the store writes through every area: each write the
writer acknowledged (printed after its commit) is in the file after the kill, no action
is half-written, and the file passes SQLite's integrity check."""

import random
import signal
import sqlite3
import time

from tests.reliability.faults import python_process, runs
from tests.reliability.writers import TABLES
from tracker.domain.profile import Profile
from tracker.store.db import open_db
from tracker.store.profile import save_profile

KILLS = runs(40, 200)


def test_killed_writers_lose_no_acknowledged_write_and_leave_no_half_action(tmp_path, figure):
    path = tmp_path / "away.db"
    db = open_db(path)
    save_profile(db, Profile(full_name="Zoë"))
    db.close()
    rng = random.Random(20261127)
    acknowledged: list[list[str]] = []
    for kill in range(KILLS):
        writer = python_process("-m", "tests.reliability.writers", path, kill * 180)
        time.sleep(0.25 + rng.random() * 0.25)  # past start-up, at a random moment of writing
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        # Only whole lines are acknowledgements: the kill may cut the last one short.
        acknowledged += [line.split() for line in out.split("\n")[:-1] if len(line.split()) > 1]
    conn = sqlite3.connect(path)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    lost = []
    for area, *ids in acknowledged:
        table = TABLES[area]
        if not conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [int(ids[0])]).fetchone():
            lost.append((area, ids))
    half = conn.execute(
        """SELECT (SELECT count(*) FROM cases WHERE id NOT IN
                     (SELECT case_id FROM case_skills GROUP BY case_id HAVING count(*) = 2))
                + (SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM letters))
                + (SELECT count(*) FROM journal_search)
                - (SELECT count(*) FROM journal_days) - (SELECT count(*) FROM cases)"""
    ).fetchone()[0]
    conn.close()
    figure("kills / acknowledged writes", f"{KILLS} / {len(acknowledged)}")
    figure("lost / half-written / integrity", f"{len(lost)} / {half} / {integrity}")
    assert len(acknowledged) > KILLS, "the writers never got going"
    assert integrity == "ok", f"{KILLS} kills: integrity {integrity}"
    assert not lost, f"{KILLS} kills, {len(acknowledged)} acknowledged writes: lost {len(lost)}"
    assert half == 0, f"{KILLS} kills: {half} half-written actions"
