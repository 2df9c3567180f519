"""Several writers at once on one file: `away log` loops and a CSV import in their own
processes while the app autosaves the same journal day. Nothing is lost, neither text
overwrites the other, and no "locked" reaches the user."""

import asyncio
import sqlite3

from textual.widgets import TextArea

from tests.reliability.faults import away_process, python_process, runs
from tests.ui.test_journal import DAY, settle, stored
from tracker.domain.profile import Profile
from tracker.store.db import open_db
from tracker.store.profile import save_profile
from tracker.ui.app import make_app

LOGS = runs(15, 60)  # `away log` lines per logging process
PROGRAMS = 3000  # rows in the imported CSV

LOG_LOOP = """
import subprocess, sys
db, day, who, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
for n in range(count):
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", db, "log", "--date", day,
         f"Logged by {who}, line {n}"],
        capture_output=True, text=True,
    )
    print(result.returncode, result.stderr.strip().replace(chr(10), " "), flush=True)
"""


async def test_away_log_and_an_import_while_the_app_autosaves_the_same_day(
    db_path, tmp_path, figure
):
    db = open_db(db_path)
    save_profile(db, Profile(full_name="Zoë Nguyễn"))
    db.close()
    csv = tmp_path / "programs.csv"
    rows = "".join(f"Fictional Program {n},academic\n" for n in range(PROGRAMS))
    csv.write_text("name,kind\n" + rows, encoding="utf-8")
    typed = []
    app = make_app(db_path, DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "w")
        loggers = [
            python_process("-c", LOG_LOOP, db_path, DAY.isoformat(), who, LOGS)
            for who in ("writer-a", "writer-b")
        ]
        importer = away_process("--db", db_path, "import", "programs", csv)
        n = 0
        # Type and save in the same field as the loggers, until they are all done.
        while any(p.poll() is None for p in [*loggers, importer]) or n < 3:
            words = f" t{n}."
            typed.append(words.strip())
            await pilot.press(*words, "ctrl+s")
            await asyncio.sleep(0.05)
            n += 1
        # One more typed save once every other writer is done: a save merges the file's
        # lines into the screen, and the last logger may have written after the loop's
        # last save (ctrl+s on unchanged text writes nothing, so it would not show it).
        typed.append("end.")
        await pilot.press(*" end.", "ctrl+s")
        await settle(app, pilot)
        await pilot.pause()
        on_screen = app.query_one("#day-learning_points", TextArea).text
    reports = [line for p in loggers for line in p.communicate()[0].splitlines()]
    imported = importer.communicate()
    saved = stored(db_path, DAY.isoformat())["learning_points"]
    logged = [f"Logged by {who}, line {n}" for who in ("writer-a", "writer-b") for n in range(LOGS)]
    missing_logs = [line for line in logged if line not in saved]
    missing_typed = [word for word in typed if word not in saved]
    refused = [line for line in reports if not line.startswith("0 ")]
    conn = sqlite3.connect(db_path)
    programs = conn.execute("SELECT count(*) FROM programs").fetchone()[0]
    conn.close()
    figure(
        "away log lines / typed saves / imported rows",
        f"{len(logged)} / {len(typed)} / {programs}",
    )
    figure(
        "lost lines / lost words / refusals",
        f"{len(missing_logs)} / {len(missing_typed)} / {len(refused)}",
    )
    assert not refused, f"a logger was refused: {refused}"
    assert "locked" not in imported[1], imported[1]
    assert importer.returncode == 0, imported[1]
    assert programs == PROGRAMS
    assert not missing_logs, f"{len(missing_logs)} of {len(logged)} away log lines lost"
    assert not missing_typed, f"typed words lost: {missing_typed}"
    assert on_screen == saved, "the screen and the file disagree after the last save"


TYPED_LOGS = runs(50, 150)  # `away log` lines while the user types


async def test_away_log_while_the_user_types_loses_no_line_and_no_keystroke(db_path, figure):
    """The user types without pausing for the file: autosave after each pause merges the
    logged lines into the field, which must neither drop a line nor move the cursor (a
    moved cursor reorders what is typed next)."""
    db = open_db(db_path)
    save_profile(db, Profile(full_name="Zoë Nguyễn"))
    db.close()
    typed = ""
    app = make_app(db_path, DAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "w")
        logger = python_process("-c", LOG_LOOP, db_path, DAY.isoformat(), "log", TYPED_LOGS)
        n = 0
        while logger.poll() is None or n < 30:
            word = f" w{n}"
            typed += word
            await pilot.press(*word)
            # Mostly quick typing; every fourth word a pause long enough for the autosave.
            await asyncio.sleep(1.2 if n % 4 == 3 else 0.05)
            n += 1
        await pilot.press("tab")  # leaving the field saves it
        await settle(app, pilot)
        await pilot.press("shift+tab", *" end")
        typed += " end"
        await pilot.press("tab")
        await settle(app, pilot)
        await pilot.pause()
        area = app.query_one("#day-learning_points", TextArea)
        on_screen = area.text
    reports = logger.communicate()[0].splitlines()
    saved = stored(db_path, DAY.isoformat())["learning_points"]
    logged = [f"Logged by log, line {n}" for n in range(TYPED_LOGS)]
    missing = [line for line in logged if line not in saved]
    refused = [line for line in reports if not line.startswith("0 ")]
    figure(
        "typed while logging: lines / typed characters / lost lines / typed text in one piece",
        f"{len(logged)} / {len(typed)} / {len(missing)} / {typed.strip() in saved}",
    )
    assert not refused, f"a logger was refused: {refused}"
    assert not missing, f"{len(missing)} of {len(logged)} away log lines lost"
    assert typed.strip() in saved, "typed characters were lost or reordered"
    assert on_screen == saved, "the screen and the file disagree after the last save"
