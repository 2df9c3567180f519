"""The `away` command: the full-screen app at once, every other command through the CLI.

`away`, `away --db FILE` and `away --today DATE` open the app. The CLI (click, about 6 ms
of imports and parsing before the first paint) is left out of that path; anything else
on the command line (a command, --help, --version, an option it does not know, a value
it would refuse) goes to the CLI (cli.py), which explains it in its own words.
"""

import gc
import os
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

OPTIONS = {"--db": "AWAY_DB", "--today": "AWAY_TODAY"}  # each with its environment variable

# Collections of the middle generation between two full ones (Python's default is 10).
FULL_COLLECTION_EVERY = 100


def main() -> None:
    if (opening := app_arguments(sys.argv[1:])) is None:
        from tracker.cli import main as cli_main

        cli_main(prog_name="away")
        return
    db_path, today = opening
    try:
        prepare()
        open_tui(db_path, today)
    except KeyboardInterrupt:
        _fail(None, db_path)
    except Exception as error:
        _fail(error, db_path)
    sys.exit(0)


def _fail(error: Exception | None, db_path: Path) -> NoReturn:
    from tracker.cli import explain_failure

    explain_failure(error, db_path)


def app_arguments(args: list[str]) -> tuple[Path, date | None] | None:
    """The database and the date to open the app with, when the command line asks only for
    the app (each option at most once, with a value the CLI would take); else None."""
    given: dict[str, str] = {}
    rest = list(args)
    while rest:
        option, equals, value = rest.pop(0).partition("=")
        if option not in OPTIONS or option in given:
            return None
        if not equals:
            if not rest:
                return None
            value = rest.pop(0)
        given[option] = value
    text = {option: given.get(option, os.environ.get(env) or "") for option, env in OPTIONS.items()}
    if text["--today"]:
        from tracker.domain.checks import check_date

        if check_date(text["--today"].strip()):
            return None  # the CLI says what is wrong with it
    if "--db" in given and not text["--db"]:
        return None
    if text["--db"]:
        db_path = Path(text["--db"])
        if db_path.is_dir():
            return None
    else:
        from tracker.store.db import default_db_path

        db_path = default_db_path()
    today = date.fromisoformat(text["--today"].strip()) if text["--today"] else None
    return db_path.expanduser(), today


def prepare() -> None:
    """What every command does first: the start-up caches, before the first dataclass."""
    from tracker.services import currencies, dataclass_code, phi_cache

    dataclass_code.install()  # before the first dataclass: Textual's, the store's
    phi_cache.install()  # the PHI guard's word lists, read from the cache when used
    currencies.install()  # the currency table, read from iso4217's file when used


def resume_collector() -> None:
    gc.freeze()  # what start-up made is never walked again
    # A full collection walks every record a pane holds (at 100x a pause of about 100 ms
    # inside a key): the app runs them when the user pauses (AwayApp._collect_when_idle),
    # Python only past this many; the young generations collect as before.
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)
    gc.enable()


def after_start_up() -> None:
    """Once the first pane shows and the warm-up imported the others."""
    from tracker.services import dataclass_code

    resume_collector()
    dataclass_code.release()  # saved now: a terminal closed on Away never reaches exit


def open_tui(db_path: Path, today: date | None = None) -> None:
    from tracker.services.collector import collector_paused
    from tracker.services.safety import open_user_db
    from tracker.store.db import Inspection

    # The file's check runs on a thread while the app's modules are imported.
    inspection: Inspection | None = Inspection(db_path)
    while True:
        # Start-up makes objects that live until exit (modules, classes, styles); the
        # collector would walk them again and again while the first screen is built
        # (about a sixth of the start-up). It resumes once the app has started, with
        # them set aside.
        with collector_paused():
            from tracker.ui.app import make_app

            # checks (waiting for the inspection), migrates, makes the daily backup
            db, warning = open_user_db(db_path, inspection=inspection)
            inspection = None
            app = make_app(db_path, today, db=db, warning=warning)
            app.started = after_start_up
            next_path = app.run()
        if app.return_code:  # an unexpected error, already explained in one sentence
            sys.exit(app.return_code)
        if not isinstance(next_path, Path):
            return
        db_path = next_path  # the user chose to open another file (e.g. the demo)
