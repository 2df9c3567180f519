"""`away` opens the app without the CLI when that is all it is asked; everything else, and
every value the CLI would refuse, goes to the CLI, which answers as before."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tracker.launch import app_arguments
from tracker.store.db import default_db_path


@pytest.mark.parametrize(
    ("args", "db", "today"),
    [
        ([], None, None),
        (["--db", "x.db"], "x.db", None),
        (["--db=x.db"], "x.db", None),
        (["--today", "2026-07-15"], None, date(2026, 7, 15)),
        (["--today=2026-07-15", "--db", "x.db"], "x.db", date(2026, 7, 15)),
        (["--db", "~/x.db"], "~/x.db", None),
    ],
)
def test_the_app_alone_is_opened_with_its_file_and_date(args, db, today):
    expected = Path(db).expanduser() if db else default_db_path()  # (HOME: the test's)
    assert app_arguments(args) == (expected, today)


def test_the_environment_gives_what_the_command_line_does_not(monkeypatch):
    monkeypatch.setenv("AWAY_DB", "from-env.db")
    monkeypatch.setenv("AWAY_TODAY", "2026-08-01")
    assert app_arguments([]) == (Path("from-env.db"), date(2026, 8, 1))
    assert app_arguments(["--db", "given.db"]) == (Path("given.db"), date(2026, 8, 1))
    monkeypatch.setenv("AWAY_DB", "")  # empty: as if unset, as click reads it
    assert app_arguments([]) == (default_db_path(), date(2026, 8, 1))


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["check"],
        ["--db", "x.db", "check"],
        ["--db"],
        ["--db="],
        ["--db", "a.db", "--db", "b.db"],
        ["--today", "2026-13-40"],
        ["--today", "tomorrow"],
        ["--unknown"],
        ["-d", "x.db"],
    ],
)
def test_anything_else_goes_to_the_cli(args):
    assert app_arguments(args) is None


def test_a_folder_or_a_bad_date_in_the_environment_goes_to_the_cli(tmp_path, monkeypatch):
    assert app_arguments(["--db", str(tmp_path)]) is None
    monkeypatch.setenv("AWAY_TODAY", "2026-02-30")
    assert app_arguments([]) is None


def away(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_the_cli_still_answers_what_the_app_path_leaves_to_it(tmp_path):
    folder = away("--db", str(tmp_path))
    assert folder.returncode == 2
    assert "is a directory" in folder.stderr
    date_refused = away("--today", "2026-13-40")
    assert date_refused.returncode == 2
    assert "is not a date" in date_refused.stderr


def test_a_file_the_app_cannot_open_is_one_sentence_and_left_untouched(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database")
    result = away("--db", str(garbage))
    assert result.returncode == 2
    assert result.stderr.startswith("away: ")
    assert "not an Away database" in result.stderr
    assert "Traceback" not in result.stderr
    assert garbage.read_bytes() == b"not a database"
