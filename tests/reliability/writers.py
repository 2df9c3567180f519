"""A writer process for the fault tests: one action per area, each one transaction,
printing "area id ..." once it is committed (an acknowledgement).

python -m tests.reliability.writers DB START [--areas a,b] [--file-limit BYTES] [--rounds N]
With --file-limit, files may not grow past BYTES (as on a full disk); the first refused
write prints "refused: <the sentence the user would see>" and the writer exits 1.
"""

import argparse
import resource
import signal
import sys
from datetime import date, timedelta
from typing import NoReturn

from tracker.domain.budget import Expense
from tracker.domain.checklists import ChecklistItem
from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.letters import Letter, Person
from tracker.domain.programs import Program
from tracker.store import budget, checklists, journal, letters, programs
from tracker.store.db import AwayDatabase, connect
from tracker.store.errors import explain, is_explainable

AREAS = ("journal", "checklists", "budget", "letters")
# Where each area's acknowledged id lives (the first id printed).
TABLES = {
    "journal": "journal_days",
    "checklists": "checklist_items",
    "budget": "expenses",
    "letters": "people",
    "programs": "programs",
}


def write(db: AwayDatabase, area: str, n: int) -> str:
    """One action, all or nothing: its steps share one transaction."""
    with db.atomic():
        return _steps(db, area, n)


def _steps(db: AwayDatabase, area: str, n: int) -> str:
    day = (date(2000, 1, 2) + timedelta(days=n % 36_000)).isoformat()  # years 2000-2098
    if area == "journal":
        saved = journal.save_day(db, None, JournalDay(day=day, learning_points=f"point {n}"))
        skills = [CaseSkill(skill="IV", role="performed")] * 2
        case = journal.add_case(db, Case(day_id=saved.id, procedure=f"case {n}"), skills)
        return f"journal {saved.id} {case}"
    if area == "checklists":
        item = checklists.add_item(db, ChecklistItem(title=f"item {n}"))
        checklists.toggle_done(db, item, day)
        return f"checklists {item}"
    if area == "budget":
        return f"budget {budget.add_expense(db, Expense(description=f'x {n}', planned_cents=n))}"
    if area == "letters":
        person = letters.add_person(db, Person(name=f"Dr. {n}"))
        letter = letters.add_letter(db, Letter(person_id=person))
        return f"letters {person} {letter}"
    if area == "programs":
        return f"programs {programs.add_program(db, Program(name=f'Program {n}', notes='x' * 500))}"
    raise ValueError(area)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def refuse(error: Exception, path: str) -> NoReturn:
    if not is_explainable(error):
        raise error
    say(f"refused: {explain(error, path)}")
    sys.exit(1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("start", type=int)
    parser.add_argument("--areas", default=",".join(AREAS))
    parser.add_argument("--file-limit", type=int)
    parser.add_argument("--rounds", type=int, default=0, help="stop after this many (0: never)")
    args = parser.parse_args()
    try:
        db = connect(args.db)
    except Exception as error:
        refuse(error, args.db)
    if args.file_limit:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (args.file_limit, args.file_limit))
    n = args.start
    while not args.rounds or n < args.start + args.rounds:
        n += 1
        for area in args.areas.split(","):
            try:
                say(write(db, area, n))
            except Exception as error:
                if not is_explainable(error):
                    raise
                say(f"refused: {explain(error, args.db)}")
                sys.exit(1)


if __name__ == "__main__":
    main()
