"""kill -9 at random moments while the store writes through every area: each write the
writer acknowledged (printed after its commit) is in the file after the kill, no action
is half-written, and the file passes SQLite's integrity check."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.faults import runs
from tracker.domain.profile import Profile
from tracker.store.db import open_db
from tracker.store.profile import save_profile

KILLS = runs(40, 200)

# One action per area, each one transaction; the writer prints "area id" once committed.
WRITER = r"""
import sys
from datetime import date, timedelta
from tracker.domain.budget import Expense
from tracker.domain.checklists import ChecklistItem
from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.letters import Letter, Person
from tracker.store import budget, checklists, journal, letters
from tracker.store.db import connect

db = connect(sys.argv[1])
n = int(sys.argv[2])
while True:
    n += 1
    day = (date(2000, 1, 2) + timedelta(days=n)).isoformat()
    saved = journal.save_day(db, None, JournalDay(day=day, learning_points=f"point {n}"))
    case = journal.add_case(db, Case(day_id=saved.id, procedure=f"case {n}"),
                            [CaseSkill(skill="IV", role="performed")] * 2)
    print("journal", saved.id, case, flush=True)
    item = checklists.add_item(db, ChecklistItem(title=f"item {n}"))
    checklists.toggle_done(db, item, day)
    print("checklists", item, flush=True)
    expense = budget.add_expense(db, Expense(description=f"x {n}", planned_cents=n))
    print("budget", expense, flush=True)
    with db.atomic():  # a person and their letter: both or neither
        person = letters.add_person(db, Person(name=f"Dr. {n}"))
        letter = letters.add_letter(db, Letter(person_id=person))
    print("letters", person, letter, flush=True)
"""


def test_killed_writers_lose_no_acknowledged_write_and_leave_no_half_action(tmp_path, figure):
    path = tmp_path / "away.db"
    db = open_db(path)
    save_profile(db, Profile(full_name="Zoë"))
    db.close()
    rng = random.Random(20261127)
    acknowledged: list[list[str]] = []
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parents[2])}
    for kill in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(kill * 180)],  # days apart
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        time.sleep(0.25 + rng.random() * 0.25)  # past start-up, at a random moment of writing
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        # Only whole lines are acknowledgements: the kill may cut the last one short.
        acknowledged += [line.split() for line in out.split("\n")[:-1] if len(line.split()) > 1]
    conn = sqlite3.connect(path)
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    lost = []
    for area, *ids in acknowledged:
        table = {
            "journal": "journal_days",
            "checklists": "checklist_items",
            "budget": "expenses",
            "letters": "people",
        }[area]
        if not conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", [int(ids[0])]).fetchone():
            lost.append((area, ids))
    half = conn.execute(
        """SELECT (SELECT count(*) FROM cases WHERE id NOT IN
                     (SELECT case_id FROM case_skills GROUP BY case_id HAVING count(*) = 2))
                + (SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM letters))
                + (SELECT count(*) FROM journal_search)
                - (SELECT count(*) FROM journal_days) - (SELECT count(*) FROM cases)"""
    ).fetchone()[0]
    conn.close()
    figure("kills / acknowledged writes", f"{KILLS} / {len(acknowledged)}")
    figure("lost / half-written / integrity", f"{len(lost)} / {half} / {integrity}")
    assert len(acknowledged) > KILLS, "the writers never got going"
    assert integrity == "ok", f"{KILLS} kills: integrity {integrity}"
    assert not lost, f"{KILLS} kills, {len(acknowledged)} acknowledged writes: lost {len(lost)}"
    assert half == 0, f"{KILLS} kills: {half} half-written actions"
