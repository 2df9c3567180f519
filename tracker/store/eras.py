"""The ERAS workbench's records: Experience drafts (a secured block's seeded from its
journal until stored), program signals, supplemental answers."""

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from tracker.domain.checks import InvalidValues
from tracker.domain.eras import (
    EXPERIENCE_CHECKS,
    QUESTION_KEYS,
    SEED_LINES,
    SIGNAL_CHECKS,
    BlockFacts,
    Experience,
    Signal,
    seed_experience,
    signal_refusal,
)
from tracker.domain.seasons import ErasLimits
from tracker.store import journal, rows
from tracker.store.db import Database
from tracker.store.programs import PLACE

SECURED = ("accepted", "completed")


class SignalRefused(InvalidValues):
    """A signal over the season's limit: the sentence names the limit and its source."""


def block_facts(db: Database, rotation_id: int, team: frozenset[str]) -> BlockFacts | None:
    """What the journal holds about a block, for its Experience draft (team: the names
    the PHI guard allows)."""
    from tracker.domain.phi import find_phi  # the guard's patterns: not on the start path

    row = db.execute(
        f"""SELECT {PLACE}, rotations.starts_on, rotations.ends_on, programs.city,
                   programs.state
            FROM rotations JOIN programs ON programs.id = rotations.program_id
            WHERE rotations.id = ?""",
        [rotation_id],
    ).fetchone()
    if row is None:
        return None
    stats = journal.case_stats(db, rotation_id)
    places = dict(
        db.execute(
            """SELECT location, count(*) FROM journal_days
               WHERE rotation_id = ? AND location != '' GROUP BY 1 ORDER BY 2 DESC, 1""",
            [rotation_id],
        ).fetchall()
    )
    days = db.execute(
        "SELECT count(*) FROM journal_days WHERE rotation_id = ?", [rotation_id]
    ).fetchone()[0]
    supervisor = db.execute(
        """SELECT people.name FROM cases JOIN journal_days ON journal_days.id = cases.day_id
           JOIN people ON people.id = cases.attending_id
           WHERE journal_days.rotation_id = ? GROUP BY people.id
           ORDER BY count(*) DESC, people.name LIMIT 1""",
        [rotation_id],
    ).fetchone()

    def clean(lines: Iterable[str], field: str) -> list[str]:
        # Never seed a line the guard flags; the first lines it passes, as many as a seed
        # takes (the guard checks each: 0.15 ms a line).
        passed = (line for line in lines if not find_phi(line, team))
        return list(itertools.islice(passed, SEED_LINES[field]))

    return BlockFacts(
        rotation_id=rotation_id,
        organization=row[0],
        starts_on=row[1],
        ends_on=row[2],
        city=row[3] or "",
        state=row[4] or "",
        days=days,
        places={str(k): int(n) for k, n in places.items()},
        cases=stats.cases,
        by_technique=stats.by_technique,
        skills=stats.skills,
        supervisor=supervisor[0] if supervisor else "",
        teaching=clean(_recurring(db, rotation_id, "cases.teaching_point", cases=True), "teaching"),
        feedback=clean(_recurring(db, rotation_id, "journal_days.feedback"), "feedback"),
        memorable=clean(
            (
                str(procedure)
                for (procedure,) in db.execute(
                    """SELECT cases.procedure FROM cases
                       JOIN journal_days ON journal_days.id = cases.day_id
                       WHERE journal_days.rotation_id = ? AND cases.memorable = 1
                       ORDER BY journal_days.day, cases.id""",
                    [rotation_id],
                )
            ),
            "memorable",
        ),
    )


def _recurring(db: Database, rotation_id: int, column: str, cases: bool = False) -> list[str]:
    """The block's lines of column, most written first."""
    joined = (
        "cases JOIN journal_days ON journal_days.id = cases.day_id" if cases else ("journal_days")
    )
    counts: Counter[str] = Counter()
    for (text,) in db.execute(
        f"SELECT {column} FROM {joined} WHERE journal_days.rotation_id = ? AND {column} != ''",
        [rotation_id],
    ):
        counts.update(line.strip() for line in str(text).splitlines() if line.strip())
    return [line for line, _ in counts.most_common()]


def stored_experiences(db: Database) -> list[Experience]:
    """The Experience drafts the file holds (no seeds)."""
    return rows.select(db, Experience, "SELECT * FROM eras_experiences ORDER BY starts_on, id")


def experiences(db: Database, limits: ErasLimits) -> list[Experience]:
    """Stored drafts, then a seeded one for each secured block that has none yet (the
    latest ones, as many as MyERAS has room for)."""
    stored = stored_experiences(db)
    from tracker.store.phi import team_names

    room = max(0, limits.experiences - len(stored))
    seeded, team = [], team_names(db) if room else frozenset()
    for (rotation_id,) in db.execute(
        f"""SELECT id FROM rotations WHERE status IN {SECURED} AND id NOT IN
               (SELECT rotation_id FROM eras_experiences WHERE rotation_id IS NOT NULL)
            ORDER BY starts_on DESC, id DESC LIMIT ?""",
        [room],
    ):
        if facts := block_facts(db, rotation_id, team):
            seeded.append(seed_experience(facts, limits))
    return sorted(stored + seeded, key=lambda e: (e.starts_on or "9999", e.id or 0))


def seeded_count(db: Database) -> int:
    """Secured blocks whose Experience is still the journal's seed (not stored)."""
    return int(
        db.execute(
            f"""SELECT count(*) FROM rotations WHERE status IN {SECURED} AND id NOT IN
                (SELECT rotation_id FROM eras_experiences WHERE rotation_id IS NOT NULL)"""
        ).fetchone()[0]
    )


def answers_written(db: Database) -> int:
    return int(db.execute("SELECT count(*) FROM eras_answers WHERE answer != ''").fetchone()[0])


def get_experience(db: Database, experience_id: int) -> Experience | None:
    found = rows.select(
        db, Experience, "SELECT * FROM eras_experiences WHERE id = ?", [experience_id]
    )
    return found[0] if found else None


def save_experience(db: Database, experience: Experience) -> Experience:
    """Insert a new (or seeded) draft, or update a stored one; returns it with its id."""
    if experience.id is None:
        return replace(
            experience, id=rows.insert(db, "eras_experiences", experience, EXPERIENCE_CHECKS)
        )
    rows.update(db, "eras_experiences", experience, EXPERIENCE_CHECKS)
    return experience


def delete_experience(db: Database, experience_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM eras_experiences WHERE id = ?", [experience_id])


_SIGNALS = f"""SELECT eras_signals.*, {PLACE} AS program_name FROM eras_signals
               JOIN programs ON programs.id = eras_signals.program_id"""


def signals(db: Database) -> list[Signal]:
    """Gold first, then silver, by program."""
    return rows.select(
        db, Signal, f"{_SIGNALS} ORDER BY eras_signals.tier = 'silver', program_name"
    )


def signal_counts(db: Database) -> Counter[str]:
    return Counter(
        {
            str(tier): int(n)
            for tier, n in db.execute("SELECT tier, count(*) FROM eras_signals GROUP BY tier")
        }
    )


def set_signal(db: Database, signal: Signal, limits: ErasLimits) -> None:
    """Give (or change) a program's signal; SignalRefused past the season's limit."""
    with db.atomic():  # counted and written in one transaction: no sixth gold by a race
        current = db.execute(
            "SELECT tier FROM eras_signals WHERE program_id = ?", [signal.program_id]
        ).fetchone()
        given = signal_counts(db)
        if current:
            given[current[0]] -= 1
        if refusal := signal_refusal(signal.tier, given, limits):
            raise SignalRefused({"tier": refusal})
        rows.checked(signal, SIGNAL_CHECKS)
        db.execute(
            """INSERT INTO eras_signals (program_id, tier, statement) VALUES (?, ?, ?)
               ON CONFLICT (program_id) DO UPDATE SET tier = excluded.tier,
               statement = excluded.statement,
               updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
            [signal.program_id, signal.tier, signal.statement],
        )


def remove_signal(db: Database, program_id: int) -> bool:
    with db.atomic():
        return (
            db.execute("DELETE FROM eras_signals WHERE program_id = ?", [program_id]).rowcount > 0
        )


def answers(db: Database) -> dict[str, str]:
    """The supplemental answers by question key (empty for those not started)."""
    found = {key: "" for key in QUESTION_KEYS}
    found |= {str(q): str(a) for q, a in db.execute("SELECT question, answer FROM eras_answers")}
    return found


def save_answer(db: Database, question: str, answer: str) -> None:
    if question not in QUESTION_KEYS:
        raise InvalidValues({"question": "one of " + ", ".join(QUESTION_KEYS)})
    with db.atomic():
        db.execute(
            """INSERT INTO eras_answers (question, answer) VALUES (?, ?)
               ON CONFLICT (question) DO UPDATE SET answer = excluded.answer,
               updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
            [question, answer],
        )
