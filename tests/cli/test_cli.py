"""Every command through click's runner, and each once as a real subprocess."""

import hashlib
import os
import stat
import subprocess
import sys

from click.testing import CliRunner

from tracker import __version__
from tracker.cli import main

RUNNER = CliRunner()


def away(*args, env=None):
    """A real subprocess of `python -m tracker`."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_demo_then_check_reports_a_healthy_private_database(tmp_path):
    path = tmp_path / "d.db"
    made = away("demo", path)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    checked = away("--db", path, "check")
    assert checked.returncode == 0, checked.stderr
    assert "integrity: ok" in checked.stdout
    assert "mode 0600" in checked.stdout
    assert "healthy" in checked.stdout


def test_demo_refuses_to_overwrite(tmp_path):
    path = tmp_path / "d.db"
    path.write_text("mine")
    result = away("demo", path)
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert path.read_text() == "mine"


def test_check_on_garbage_exits_nonzero_with_one_sentence_and_no_change(tmp_path):
    path = tmp_path / "some-garbage-file"
    path.write_bytes(os.urandom(4096))
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = away("--db", path, "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(path) in result.stderr
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_backup_subprocess_and_env_variable(tmp_path):
    path = tmp_path / "d.db"
    assert away("demo", path).returncode == 0
    out = tmp_path / "copy.db"
    result = away("backup", "--out", out, env={"AWAY_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert out.exists()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_restore_subprocess(tmp_path):
    source = tmp_path / "d.db"
    target = tmp_path / "target.db"
    assert away("demo", source).returncode == 0
    assert away("--db", target, "check").returncode == 2  # does not exist yet
    result = away("restore", "--db", target, source, "--yes")
    assert result.returncode == 0, result.stderr
    assert away("--db", target, "check").returncode == 0


def test_restore_refuses_garbage(tmp_path):
    source = tmp_path / "d.db"
    assert away("demo", source).returncode == 0
    garbage = tmp_path / "g.db"
    garbage.write_bytes(b"\x00" * 100)
    result = RUNNER.invoke(main, ["--db", str(source), "restore", str(garbage), "--yes"])
    assert result.exit_code == 2
    assert "not an Away database" in result.output


def test_restore_asks_before_replacing(tmp_path):
    source = tmp_path / "d.db"
    target = tmp_path / "t.db"
    RUNNER.invoke(main, ["demo", str(source)])
    RUNNER.invoke(main, ["--db", str(target), "check"])
    target.write_bytes(source.read_bytes())
    result = RUNNER.invoke(main, ["--db", str(target), "restore", str(source)], input="n\n")
    assert result.exit_code == 1
    assert "Replace" in result.output


def test_version_and_help_everywhere():
    result = away("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout
    for command in ([], ["demo"], ["check"], ["backup"], ["restore"]):
        result = RUNNER.invoke(main, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage:" in result.output


def test_subcommand_db_option_wins_over_group_and_env(tmp_path, monkeypatch):
    path = tmp_path / "d.db"
    RUNNER.invoke(main, ["demo", str(path)])
    monkeypatch.setenv("AWAY_DB", str(tmp_path / "elsewhere.db"))
    result = RUNNER.invoke(main, ["check", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert str(path) in result.output


def test_import_programs_subprocess(tmp_path):
    from pathlib import Path

    sample = Path(__file__).parents[2] / "samples" / "programs.csv"
    db = tmp_path / "a.db"
    result = away("--db", db, "import", "programs", sample)
    assert result.returncode == 0, result.stderr
    assert "3 added, 0 updated, 0 skipped." in result.stdout
    again = away("--db", db, "import", "programs", sample, "--update")
    assert "0 added, 3 updated, 0 skipped." in again.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind\nA,castle\n")
    refused = away("--db", db, "import", "programs", bad)
    assert refused.returncode == 2
    assert "line 2: kind: 'castle' is not one of academic, affiliated, community" in refused.stderr
    assert "nothing was imported" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert RUNNER.invoke(main, ["import", "programs", "--help"]).exit_code == 0


def test_an_unwritable_place_is_one_sentence_not_a_traceback(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = RUNNER.invoke(main, ["demo", str(blocker / "d.db")])
    assert result.exit_code == 2
    assert f"away: {blocker / 'd.db'} cannot be created: {blocker} is a file, not a folder." in (
        result.output
    )
    assert "Traceback" not in result.output


def test_the_collector_resumes_after_start_up_frozen_and_with_rarer_full_collections():
    """open_tui pauses the garbage collector; resume_collector (the app's `started`) must
    turn it back on, with start-up's objects frozen. In its own process: it changes gc."""
    code = (
        "import gc\n"
        "import tracker.cli\n"
        "from tracker.launch import FULL_COLLECTION_EVERY, resume_collector\n"
        "gc.disable()\n"
        "resume_collector()\n"
        "assert gc.isenabled(), 'the collector stayed off'\n"
        "assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
        "assert gc.get_threshold()[2] == FULL_COLLECTION_EVERY\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_today_takes_today_after_the_command_too(tmp_path):
    db = tmp_path / "d.db"
    RUNNER.invoke(main, ["--today", "2026-07-15", "demo", str(db)])
    after = away("--db", db, "today", "--today", "2026-07-15")
    before = away("--db", db, "--today", "2026-07-15", "today")
    assert after.returncode == 0, after.stderr
    assert after.stdout == before.stdout
    assert after.stdout.startswith("2026-07-15")
    refused = away("--db", db, "today", "--today", "2026-02-30")
    assert refused.returncode == 2
    assert "no such date" in refused.stderr
