"""Backups: dated copies made with VACUUM INTO, private and integrity-checked."""

import os
import re
import sqlite3
from pathlib import Path

import pendulum

KEEP_DAILY = 14


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _daily_backups(db_path: Path) -> list[Path]:
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    # Names are <stem>-YYYY-MM-DD.db, so sorting by name is sorting by date.
    return sorted(folder.glob(f"{db_path.stem}-????-??-??.db"))


def _is_backup_of(name: str, stem: str) -> bool:
    # Daily, manual and before-restore copies; not "away-demo-…", the demo's own backups.
    pattern = rf"{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}}|manual-[\d-]+|before-restore-[\d-]+)\.db"
    return re.fullmatch(pattern, name) is not None


def newest_backup(db_path: Path) -> Path | None:
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return None
    candidates = [p for p in folder.glob("*.db") if _is_backup_of(p.name, db_path.stem)]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def write_backup(conn: sqlite3.Connection, target: Path) -> Path:
    """VACUUM INTO target (which must not exist), then make it 0600 and check it."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if target.exists():
        raise FileExistsError(f"{target} already exists")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    conn.execute("VACUUM INTO ?", [str(partial)])
    os.chmod(partial, 0o600)  # SQLite creates it 0644
    check = sqlite3.connect(f"file:{partial}?mode=ro", uri=True)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        partial.unlink()
        raise sqlite3.DatabaseError(f"backup failed its integrity check: {result}")
    partial.rename(target)
    return target


def daily_backup(conn: sqlite3.Connection, db_path: Path, today: pendulum.Date) -> Path | None:
    """On the first open of the day, copy the database; keep the newest KEEP_DAILY."""
    target = backup_dir(db_path) / f"{db_path.stem}-{today.isoformat()}.db"
    if target.exists():
        return None
    write_backup(conn, target)
    for old in _daily_backups(db_path)[:-KEEP_DAILY]:
        old.unlink()
    return target

