"""Several processes at once: writers wait instead of failing, first opens and daily
backups race safely. Real processes, because the bugs live between them."""

import os
import subprocess
import sys

import pendulum

from tracker.services.safety import open_user_db
from tracker.store.backups import backup_dir
from tracker.store.db import inspect_file, open_db

WRITER = """
import sys, pendulum
from tracker.domain.programs import Program, Rotation
from tracker.store import programs
from tracker.store.db import open_db
db = open_db(sys.argv[1])
name, count = sys.argv[2], int(sys.argv[3])
today = pendulum.date(2026, 7, 15)
for i in range(count):
    # read-then-write in one action, the pattern that failed with "database is locked"
    pid = programs.add_program(db, Program(name=f"{name} {i}", kind="academic"))
    rid = programs.add_rotation(db, Rotation(program_id=pid), today.isoformat())
    programs.set_status(db, rid, "preparing", today)
print("done", count)
"""


def spawn(code: str, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_three_writers_at_once_lose_nothing_and_never_see_locked(db_path):
    open_db(db_path).close()
    writes = 40
    writers = [spawn(WRITER, db_path, f"writer{n}", writes) for n in range(3)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in writers]
    for code, _, err in results:
        assert code == 0, err
        assert "locked" not in err
    db = open_db(db_path)
    programs = db.execute("SELECT count(*) FROM programs").fetchone()[0]
    preparing = db.execute("SELECT count(*) FROM rotations WHERE status = 'preparing'").fetchone()[
        0
    ]
    assert (programs, preparing) == (3 * writes, 3 * writes), (
        f"{3 * writes - programs} of {3 * writes} writes lost"
    )


FIRST_OPEN = """
import sys
from tracker.store.db import open_db
open_db(sys.argv[1]).close()
"""


def test_two_first_opens_at_once_both_succeed(tmp_path):
    for attempt in range(5):
        path = tmp_path / f"race{attempt}" / "away.db"
        both = [spawn(FIRST_OPEN, path) for _ in range(2)]
        for process in both:
            assert process.wait(timeout=60) == 0, process.stderr.read()
        inspect_file(path)


DAILY = """
import sys, pendulum
from pathlib import Path
from tracker.services.safety import open_user_db
db, warning = open_user_db(Path(sys.argv[1]), pendulum.date(2026, 7, 16))
print(warning or "ok")
"""


def test_first_opens_of_the_day_in_parallel_make_one_backup(demo_path):
    processes = [spawn(DAILY, demo_path) for _ in range(4)]
    for process in processes:
        assert process.wait(timeout=60) == 0, process.stderr.read()
        assert process.stdout.read().strip() == "ok"
    names = sorted(p.name for p in backup_dir(demo_path).iterdir())
    assert names == ["demo-2026-07-16.db"], names


def test_leftovers_of_a_killed_backup_are_removed_on_open(demo_path):
    folder = backup_dir(demo_path)
    folder.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    leftover = folder / f".demo-2026-07-14.db.{dead}-0a0b0c0d.partial"
    leftover.write_bytes(b"half a backup")
    mine = folder / f".demo-2026-07-14.db.{os.getpid()}-0a0b0c0d.partial"
    mine.write_bytes(b"a live process is still writing this one")
    open_user_db(demo_path, pendulum.date(2026, 7, 16))[0].close()
    assert not leftover.exists()
    assert mine.exists()


def test_a_backup_that_cannot_be_made_never_stops_the_open(demo_path):
    backup_dir(demo_path).write_text("a file where the backups folder should be")
    db, warning = open_user_db(demo_path, pendulum.date(2026, 7, 16))
    assert db.execute("SELECT count(*) FROM cases").fetchone()[0] > 100
    assert warning.startswith("today's backup could not be made: ")
    assert "backups" in warning
    db.close()
