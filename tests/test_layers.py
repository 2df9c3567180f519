"""The layer rule of DESIGN.md, checked in a fresh interpreter."""

import subprocess
import sys

CHECK = """
import sys
import tracker.domain.agenda, tracker.domain.profile, tracker.domain.programs
import tracker.domain.checklists, tracker.domain.budget, tracker.domain.journal
import tracker.domain.letters, tracker.domain.checks
import tracker.store.db, tracker.store.programs, tracker.store.checklists
import tracker.store.budget, tracker.store.journal, tracker.store.letters
import tracker.store.profile, tracker.store.backups
import tracker.services.demo, tracker.services.safety, tracker.services.today
import tracker.services.packet, tracker.services.autosave, tracker.domain.guidance
import tracker.cli
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, loaded
print("clean")
"""

QUICK_COMMANDS = """
import sys, tempfile, pathlib
from click.testing import CliRunner
from tracker.cli import main
folder = pathlib.Path(tempfile.mkdtemp())
runner = CliRunner()
for args in (["demo", str(folder / "d.db")], ["--db", str(folder / "d.db"), "check"],
             ["--db", str(folder / "d.db"), "backup"], ["--help"],
             ["--db", str(folder / "d.db"), "log", "Suction checked before induction"],
             ["--db", str(folder / "d.db"), "today", "--json"]):
    result = runner.invoke(main, args)
    assert result.exit_code == 0, (args, result.output)
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, loaded
print("clean")
"""


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def assert_clean(code: str) -> None:
    """The code ran in a fresh process and printed "clean" (its checks passed)."""
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "clean"


def test_store_domain_services_and_cli_do_not_import_textual():
    assert_clean(CHECK)


def test_quick_commands_do_not_import_textual():
    assert_clean(QUICK_COMMANDS)


def test_domain_has_no_io_imports():
    code = (
        "import sys\n"
        "import tracker.domain.agenda, tracker.domain.checks, tracker.domain.profile\n"
        "bad = [m for m in ('sqlite3', 'sqlite_utils') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr


def test_version_and_help_import_no_database_code():
    for args in (["--version"], ["--help"], ["check", "--help"]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "tracker", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
        assert not imported & {"sqlite_utils", "tracker.store.db", "pendulum"}, args


START_UP = """
import sys
import tracker.cli, tracker.services.safety, tracker.ui.app, tracker.ui.panes.today
late = sorted({"pendulum", "sqlite_utils", "iso4217"} & set(sys.modules))
assert not late, late
print("clean")
"""


def test_the_tui_reaches_its_first_pane_without_the_libraries_it_reads_ahead_later():
    """pendulum, sqlite-utils and the currency table are imported after the first paint
    (the app's warm-up) or by the commands that use them: not on the way to Today."""
    assert_clean(START_UP)


APP_WITHOUT_CLI = """
import sys
from tracker.launch import app_arguments, prepare
assert app_arguments([]) is not None
prepare()
import tracker.services.safety, tracker.ui.app, tracker.ui.panes.today
cli = sorted({"click", "tracker.cli"} & set(sys.modules))
assert not cli, cli
print("clean")
"""


def test_away_reaches_the_app_without_importing_the_cli():
    """`away` alone (launch.py) opens the app without click and the CLI's module."""
    assert_clean(APP_WITHOUT_CLI)
