import sqlite3
import stat

import pendulum

from tracker.store.backups import KEEP_DAILY, backup_dir, daily_backup, newest_backup
from tracker.store.db import open_db


def test_daily_backup_is_private_checked_and_once_a_day(demo_path):
    db = open_db(demo_path)
    first = daily_backup(db.conn, demo_path, pendulum.date(2026, 7, 15))
    assert first is not None
    assert first.name == "demo-2026-07-15.db"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    check = sqlite3.connect(first)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM cases").fetchone()[0] > 100
    check.close()
    assert daily_backup(db.conn, demo_path, pendulum.date(2026, 7, 15)) is None
    assert newest_backup(demo_path) == first


def test_only_the_newest_fourteen_are_kept(demo_path):
    db = open_db(demo_path)
    start = pendulum.date(2026, 6, 1)
    for offset in range(KEEP_DAILY + 5):
        daily_backup(db.conn, demo_path, start.add(days=offset))
    kept = sorted(p.name for p in backup_dir(demo_path).glob("demo-*.db"))
    assert len(kept) == KEEP_DAILY
    assert kept[0] == f"demo-{start.add(days=5).isoformat()}.db"
    assert kept[-1] == f"demo-{start.add(days=KEEP_DAILY + 4).isoformat()}.db"


def test_newest_backup_ignores_the_demo_files_backups(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / "away-2026-07-01.db").write_bytes(b"x")
    (folder / "away-demo-2026-07-15.db").write_bytes(b"x")
    assert newest_backup(tmp_path / "away.db") == folder / "away-2026-07-01.db"
