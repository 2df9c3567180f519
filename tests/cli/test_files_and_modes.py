"""Every command on odd file names, read-only places, a full disk, and restore while open."""

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.cli.test_cli import away
from tests.ordinary_user import AS_NOBODY, needs_ordinary_user
from tracker.cli import main
from tracker.domain.programs import Program
from tracker.services.safety import restore_from
from tracker.store import programs
from tracker.store.db import StoreError, connect_readonly, open_db

RUNNER = CliRunner()
ODD_NAMES = ["with space", "hash#tag", "what?", "100%", "Zoë Nguyễn"]


def rows(path: Path, table: str) -> int:
    conn = connect_readonly(path)  # creates no -shm: works on a full disk too
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("name", ODD_NAMES)
def test_every_command_works_on_an_odd_path(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    db = folder / f"{name}.db"
    assert away("demo", db).returncode == 0
    checked = away("--db", db, "check")
    assert checked.returncode == 0, checked.stderr
    assert "cases 130" in checked.stdout  # the real file, not a new empty one
    backed = away("--db", db, "backup")
    assert backed.returncode == 0, backed.stderr
    copy = Path(backed.stdout.strip().removeprefix("Backup written to "))
    assert rows(copy, "cases") == 130
    sample = Path(__file__).parents[2] / "samples" / "programs.csv"
    odd_csv = folder / f"{name}.csv"
    shutil.copyfile(sample, odd_csv)
    imported = away("--db", db, "import", "programs", odd_csv)
    assert imported.returncode == 0, imported.stderr
    restored = away("--db", db, "restore", copy, "--yes")
    assert restored.returncode == 0, restored.stderr
    assert rows(db, "cases") == 130
    assert rows(db, "programs") == 12


def test_restore_is_refused_while_away_has_the_database_open(demo_path, tmp_path):
    source = tmp_path / "source.db"
    shutil.copyfile(demo_path, source)
    db = open_db(demo_path)
    before = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="Away has .* open; close it first"):
        restore_from(demo_path, source)
    result = away("--db", demo_path, "restore", source, "--yes")
    assert result.returncode == 2
    assert "close it first" in result.stderr
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == before
    db.close()
    restore_from(demo_path, source)


def test_an_app_whose_file_was_replaced_stops_writing(demo_path, tmp_path):
    db = open_db(demo_path)
    replacement = tmp_path / "replacement.db"
    shutil.copyfile(demo_path, replacement)
    os.replace(replacement, demo_path)  # as an old Away or a file manager would
    with pytest.raises(StoreError, match="was replaced or removed while Away had it open"):
        programs.add_program(db, Program(name="Lost?", kind="community"))
    db.close()


def test_two_restores_in_the_same_second_keep_both_copies(demo_path, db_path):
    open_db(db_path).close()
    first = restore_from(db_path, demo_path)
    second = restore_from(db_path, demo_path)
    assert first != second
    assert first.exists()
    assert second.exists()


def test_restore_refusal_of_a_bad_source_does_not_talk_about_its_backups(demo_path, tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all")
    result = RUNNER.invoke(main, ["--db", str(demo_path), "restore", str(bad), "--yes"])
    assert result.exit_code == 2
    assert "backup" not in result.output.split("not an Away database")[1]


def test_usage_errors_are_one_sentence_and_h_is_help():
    result = away("check", "--nonsense")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "away: No such option '--nonsense' (see: away check --help)."
    ]
    assert away("check", "-h").returncode == 0
    assert "Usage:" in away("-h").stdout


def test_check_does_not_migrate_or_leave_files_beside_a_file_it_refuses(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE notes (text)")
    conn.close()
    empty = tmp_path / "empty-sqlite.db"
    sqlite3.connect(empty).execute("PRAGMA user_version = 1").connection.close()
    for path in (other, empty):
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        result = away("--db", path, "check")
        assert result.returncode == 2
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty-sqlite.db", "other.db"]


def as_nobody(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*AS_NOBODY, *map(str, args)], capture_output=True, text=True, timeout=120
    )


@needs_ordinary_user
def test_check_and_backup_work_in_a_read_only_folder_as_an_ordinary_user(demo_path):
    import sys

    place = Path(tempfile.mkdtemp(prefix="away-ro-"))
    try:
        shutil.copyfile(demo_path, place / "away.db")
        os.chmod(place / "away.db", 0o644)
        os.chmod(place, 0o755)  # the ordinary user may read, not write, here
        out = Path(tempfile.mkdtemp(prefix="away-out-"))
        os.chmod(out, 0o777)
        checked = as_nobody(sys.executable, "-m", "tracker", "--db", place / "away.db", "check")
        assert checked.returncode == 2, checked.stderr  # 0644 is readable by others
        assert "integrity: ok" in checked.stdout
        assert "cases 130" in checked.stdout
        backed = as_nobody(
            sys.executable,
            "-m",
            "tracker",
            "--db",
            place / "away.db",
            "backup",
            "--out",
            out / "copy.db",
        )
        assert backed.returncode == 0, backed.stderr
        assert rows(out / "copy.db", "cases") == 130
        assert sorted(p.name for p in place.iterdir()) == ["away.db"]
        refused = as_nobody(sys.executable, "-m", "tracker", "--db", place / "away.db", "backup")
        assert refused.returncode == 2
        assert "permission denied" in refused.stderr
        assert "Traceback" not in refused.stderr
    finally:
        shutil.rmtree(place, ignore_errors=True)


@pytest.fixture
def small_disk():
    place = Path(tempfile.mkdtemp(prefix="away-full-"))
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1536k", "tmpfs", str(place)], capture_output=True
        ).returncode
        == 0
    )
    if not mounted:
        shutil.rmtree(place)
        pytest.skip("mounting a small disk needs root")
    yield place
    subprocess.run(["umount", str(place)], check=True)
    shutil.rmtree(place)


def test_a_full_disk_says_so(small_disk, tmp_path):
    db = small_disk / "away.db"
    assert away("demo", db).returncode == 0
    filler = small_disk / "filler"
    with open(filler, "wb") as handle, contextlib.suppress(OSError):
        handle.write(b"\0" * 4_000_000)
    big = tmp_path / "many.csv"
    big.write_text("name,kind\n" + "".join(f"Program number {i},academic\n" for i in range(2000)))
    before = rows(db, "programs")
    result = away("--db", db, "import", "programs", big)
    assert result.returncode == 2
    assert "the disk is full; nothing was saved" in result.stderr
    assert "damaged" not in result.stderr
    assert "Traceback" not in result.stderr
    filler.unlink()
    assert rows(db, "programs") == before


def test_a_new_database_on_a_nearly_full_disk_says_so_and_leaves_no_damaged_file(small_disk):
    # Found here: the new file's last pages sat in its -wal when the checkpoint failed
    # for space, and the file was published without them ("malformed" on next open).
    filler = small_disk / "filler"
    with open(filler, "wb") as handle, contextlib.suppress(OSError):
        handle.write(b"\0" * (1536 * 1024 - 640 * 1024))
    db = small_disk / "away.db"
    result = away("demo", db)
    assert result.returncode == 2
    assert "the disk is full; nothing was saved" in result.stderr
    assert not db.exists()
    assert [p.name for p in small_disk.iterdir() if p.name != "filler"] == []


@needs_ordinary_user
def test_a_new_database_in_a_folder_the_user_cannot_write_is_one_sentence():
    import sys

    place = Path(tempfile.mkdtemp(prefix="away-nowrite-"))
    try:
        os.chmod(place, 0o755)
        result = as_nobody(
            sys.executable, "-m", "tracker", "--db", place / "new.db", "demo", place / "demo.db"
        )
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"away: {place / 'demo.db'} cannot be created in {place}: permission denied."
        )
    finally:
        shutil.rmtree(place, ignore_errors=True)
