"""kill -9 at a random moment of each operation that rewrites a whole file: a first open,
a schema upgrade, a backup, a restore and an export. Afterwards the database opens, holds
every row it held before (or, for a restore, every row of the backup), and no half-made
file is left where the user would find it."""

import json
import random
import shutil
import signal
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DEMO_DAY
from tests.reliability.faults import away_process, columns, content_hash, dump, runs
from tracker.services.demo import write_demo
from tracker.store.db import inspect_file, open_db

FIXTURES = Path(__file__).parents[1] / "fixtures"
KILLS = runs(6, 40)  # per operation


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@dataclass
class Operation:
    """args(folder) is the command; check(folder) lists what went wrong after the kill."""

    prepare: Callable[[Path], None]
    args: Callable[[Path], list[object]]
    check: Callable[[Path], list[str]]


def _first_open_check(folder: Path) -> list[str]:
    path = folder / "away.db"
    if not path.exists():
        return []  # killed before it was published: nothing, which is allowed
    inspect_file(path)  # raises if Away would refuse it
    open_db(path).close()
    leftovers = [p.name for p in folder.iterdir() if ".new" in p.name or "partial" in p.name]
    return [f"left beside the database: {leftovers}"] if leftovers else []


SHAPES: dict[str, tuple[dict[str, list[str]], str]] = {}


def _old_release(folder: Path) -> None:
    shutil.copyfile(FIXTURES / "release-1-demo.db", folder / "away.db")


def _migration_check(folder: Path) -> list[str]:
    path = folder / "away.db"
    if "release-1" not in SHAPES:
        fixture = FIXTURES / "release-1-demo.db"
        SHAPES["release-1"] = (columns(fixture), content_hash(dump(fixture)))
    shape, before = SHAPES["release-1"]
    open_db(path).close()  # finishes the upgrade if the kill stopped it
    problems = [] if integrity(path) == "ok" else ["integrity"]
    if content_hash(dump(path, shape)) != before:
        problems.append("rows changed or lost")
    return problems


def _demo(folder: Path) -> None:
    write_demo(folder / "away.db", DEMO_DAY)
    (folder / "before.hash").write_text(content_hash(dump(folder / "away.db")))


def _demo_unchanged(folder: Path) -> list[str]:
    """The database is still the one prepared, whole (its hash was taken before the run)."""
    path = folder / "away.db"
    open_db(path).close()
    problems = [] if integrity(path) == "ok" else ["integrity"]
    if content_hash(dump(path)) != (folder / "before.hash").read_text():
        problems.append("the database changed")
    return problems


def _backup_check(folder: Path) -> list[str]:
    problems = _demo_unchanged(folder)
    out = folder / "copy.db"
    if out.exists():
        if integrity(out) != "ok":
            problems.append("a damaged backup where the user asked for one")
        elif sqlite3.connect(out).execute("SELECT count(*) FROM cases").fetchone()[0] != 130:
            problems.append("a backup missing cases")
    return problems


def _with_backup(folder: Path) -> None:
    _demo(folder)
    source = sqlite3.connect(folder / "away.db")
    source.execute("DELETE FROM cases WHERE id % 2 = 0")  # a backup that differs
    source.commit()
    source.close()
    shutil.copyfile(folder / "away.db", folder / "older.db")
    shutil.copyfile(FIXTURES / "release-3-demo.db", folder / "away.db")


def _restore_check(folder: Path) -> list[str]:
    path = folder / "away.db"
    open_db(path).close()
    if integrity(path) != "ok":
        return ["integrity"]
    cases = sqlite3.connect(path).execute("SELECT count(*) FROM cases").fetchone()[0]
    if cases == 130:  # still the current database: fine, the restore did not happen
        return []
    if cases != 65:
        return [f"neither the current database nor the backup: {cases} cases"]
    kept = list((folder / "backups").glob("away-before-restore-*.db"))
    if not kept:
        return ["restored without keeping the current database"]
    held = sqlite3.connect(kept[0]).execute("SELECT count(*) FROM cases").fetchone()[0]
    return [] if held == 130 else [f"the kept copy holds {held} cases, not 130"]


def _export_check(folder: Path) -> list[str]:
    problems = _demo_unchanged(folder)
    out = folder / "all.json"
    if out.exists():
        try:
            data = json.loads(out.read_text(encoding="utf-8"))
        except ValueError:
            return [*problems, "a half-written export"]
        if len(data["tables"]["cases"]["rows"]) != 130:
            problems.append("an export missing cases")
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".all.json")]
    return problems + ([f"temporary files left: {leftovers}"] if leftovers else [])


OPERATIONS = {
    "first open": Operation(
        lambda folder: None, lambda f: ["--db", f / "away.db", "today"], _first_open_check
    ),
    "migration": Operation(
        _old_release, lambda f: ["--db", f / "away.db", "today"], _migration_check
    ),
    "backup": Operation(
        _demo, lambda f: ["--db", f / "away.db", "backup", "--out", f / "copy.db"], _backup_check
    ),
    "restore": Operation(
        _with_backup,
        lambda f: ["--db", f / "away.db", "restore", f / "older.db", "--yes"],
        _restore_check,
    ),
    "export": Operation(
        _demo,
        lambda f: ["--db", f / "away.db", "export", "--format", "json", "--out", f / "all.json"],
        _export_check,
    ),
}


@pytest.mark.parametrize("name", OPERATIONS)
def test_an_operation_killed_at_any_moment_loses_nothing(tmp_path, name, figure):
    operation = OPERATIONS[name]
    rng = random.Random(f"{name} 20261127")
    problems: list[str] = []
    finished = 0
    # How long the whole command takes here: the kills land from start-up to its end.
    folder = tmp_path / "timing"
    folder.mkdir()
    operation.prepare(folder)
    started = time.perf_counter()
    process = away_process(*operation.args(folder))
    _, err = process.communicate()
    assert process.returncode == 0, err
    duration = time.perf_counter() - started
    shutil.rmtree(folder)
    for kill in range(KILLS):
        folder = tmp_path / f"kill{kill}"
        folder.mkdir()
        operation.prepare(folder)
        process = away_process(*operation.args(folder))
        time.sleep(rng.uniform(0.0, duration))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        finished += process.returncode == 0
        problems += [f"kill {kill}: {problem}" for problem in operation.check(folder)]
        shutil.rmtree(folder)
    figure(
        f"{name}: kills (finished before the kill) / problems",
        f"{KILLS} ({finished}) / {len(problems)}",
    )
    assert finished < KILLS, "every run finished before its kill: the kills tested nothing"
    assert not problems, f"{name}, {KILLS} kills: {problems}"
