"""Files that are not ours or are damaged, given to every command (and the app): one
sentence on stderr, a non-zero exit, and the file's bytes exactly as they were, with
nothing written beside it."""

import hashlib
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DEMO_DAY
from tests.reliability.faults import away_process
from tracker.services.demo import write_demo

PAGE = 4096


def _demo(path: Path) -> None:
    write_demo(path, DEMO_DAY)


def _truncated(path: Path) -> None:
    _demo(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zeroed_page(path: Path) -> None:
    _demo(path)
    data = bytearray(path.read_bytes())
    data[5 * PAGE : 6 * PAGE] = bytes(PAGE)  # a page of the tables, not the header
    path.write_bytes(bytes(data))


def _other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('another program''s data')")
    conn.commit()
    conn.close()


def _newer_schema(path: Path) -> None:
    _demo(path)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name) VALUES ('away', 'm999')")
    conn.commit()
    conn.close()


KINDS: dict[str, Callable[[Path], None]] = {
    "empty": lambda path: path.write_bytes(b""),
    "garbage": lambda path: path.write_bytes(bytes(range(256)) * 40),
    "text": lambda path: path.write_text("name,kind\nLakeshore,academic\n", encoding="utf-8"),
    "truncated": _truncated,
    "a zeroed page": _zeroed_page,
    "another app's SQLite file": _other_app,
    "a newer schema": _newer_schema,
    "a directory": lambda path: path.mkdir(),
}

COMMANDS = {
    "open the app": [],
    "today": ["today"],
    "log": ["log", "A fictional learning point"],
    "export": ["export", "--format", "md", "--out", "{out}/summary.md"],
    "backup": ["backup", "--out", "{out}/copy.db"],
    "check": ["check"],
    "import": ["import", "programs", "{out}/programs.csv"],
}


def state(folder: Path) -> dict[str, str]:
    """Every file in the folder and its bytes' hash (a directory by its name)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        digest = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
        found[str(path.relative_to(folder))] = digest
    return found


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> dict[str, Path]:
    """One folder per kind, each holding away.db made that way."""
    root = tmp_path_factory.mktemp("damaged")
    made = {}
    for kind, make in KINDS.items():
        folder = root / kind.replace(" ", "-").replace("'", "")
        folder.mkdir()
        make(folder / "away.db")
        for leftover in folder.glob("away.db-*"):  # the demo's lock file: not part of it
            leftover.unlink()
        made[kind] = folder
    return made


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_file_that_is_not_ours_is_one_sentence_and_left_as_it_was(
    damaged, tmp_path, kind, command
):
    folder = tmp_path / "data"
    shutil.copytree(damaged[kind], folder)
    out = tmp_path / "out"
    out.mkdir()
    (out / "programs.csv").write_text("name,kind\nLakeshore,academic\n", encoding="utf-8")
    before = state(folder)
    args = [arg.replace("{out}", str(out)) for arg in COMMANDS[command]]
    process = away_process("--db", folder / "away.db", *args, stdin=-3)  # DEVNULL
    _, err = process.communicate(timeout=60)
    lines = err.strip().splitlines()
    assert process.returncode != 0, f"{kind}, {command}: accepted"
    assert len(lines) == 1, f"{kind}, {command}: not one sentence: {err!r}"
    assert lines[0].startswith("away: ")
    assert "Traceback" not in err
    assert state(folder) == before, f"{kind}, {command}: the file or its folder changed"
    assert sorted(p.name for p in out.iterdir()) == ["programs.csv"], "something was written"
