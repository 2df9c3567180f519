"""People, letters through ERAS, their program assignments, candidates from the journal,
and follow-ups (some made by the rules L5-L7, once each)."""

import sqlite3
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tracker.domain.checks import InvalidValues
from tracker.domain.letters import (
    ERAS_LETTERS_PER_PROGRAM,
    FOLLOW_UP_CHECKS,
    LETTER_CHECKS,
    PERSON_CHECKS,
    STEP_DATES,
    THANK_YOU_DAYS,
    Candidate,
    FollowUp,
    Letter,
    LetterStatus,
    Person,
    problem_with_step,
    rank,
)
from tracker.store import rows
from tracker.store.db import Database
from tracker.store.programs import PLACE

JOINED = ("person_name", "programs")
_LETTERS = """SELECT letters.*, people.name AS person_name,
                  (SELECT count(*) FROM letter_programs
                   WHERE letter_programs.letter_id = letters.id) AS programs
              FROM letters JOIN people ON people.id = letters.person_id"""
_FOLLOW_UPS = """SELECT follow_ups.*, people.name AS person_name FROM follow_ups
                 JOIN people ON people.id = follow_ups.person_id"""


# --- people ----------------------------------------------------------------------------


def add_person(db: Database, person: Person) -> int:
    return rows.insert(db, "people", person, PERSON_CHECKS)


def update_person(db: Database, person: Person) -> None:
    rows.update(db, "people", person, PERSON_CHECKS)


def person_named(db: Database, name: str) -> int:
    """The id of the person of that name (case and accents ignored), added as an
    attending when there is none: the journal names people as the user meets them."""
    with db.atomic():
        found = db.execute(
            "SELECT id FROM people WHERE fold(name) = fold(?) ORDER BY id LIMIT 1", [name]
        ).fetchone()
        return int(found[0]) if found else add_person(db, Person(name=name))


def person_name(db: Database, person_id: int | None) -> str:
    found = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    return str(found[0]) if found else ""


def get_person(db: Database, person_id: int) -> Person | None:
    found = rows.select(db, Person, "SELECT * FROM people WHERE id = ?", [person_id])
    return found[0] if found else None


def list_people(db: Database) -> list[Person]:
    return rows.select(db, Person, "SELECT * FROM people ORDER BY name")


@dataclass(frozen=True)
class Shared:
    """What the user did with a person: journal days they supervised, cases with them."""

    days: int
    cases: int
    feedback: int
    teaching: int


def shared_with(db: Database, person_id: int) -> Shared:
    days, feedback = db.execute(
        """SELECT count(*), coalesce(sum(journal_days.feedback != ''), 0)
           FROM journal_day_people JOIN journal_days ON journal_days.id = journal_day_people.day_id
           WHERE journal_day_people.person_id = ?""",
        [person_id],
    ).fetchone()
    cases, teaching = db.execute(
        "SELECT count(*), coalesce(sum(teaching_point != ''), 0) FROM cases WHERE attending_id = ?",
        [person_id],
    ).fetchone()
    return Shared(int(days), int(cases), int(feedback), int(teaching))


def days_with(db: Database, person_id: int, limit: int = 8) -> list[tuple[str, int]]:
    """The latest days spent with a person (they supervised, or a case with them), each
    with the number of cases done with them that day, newest first."""
    return [
        (str(day), int(cases))
        for day, cases in db.execute(
            """SELECT journal_days.day,
                      (SELECT count(*) FROM cases
                       WHERE cases.day_id = journal_days.id AND cases.attending_id = :person)
               FROM journal_days
               WHERE journal_days.id IN (
                   SELECT day_id FROM journal_day_people WHERE person_id = :person
                   UNION SELECT day_id FROM cases WHERE attending_id = :person)
               ORDER BY journal_days.day DESC LIMIT :limit""",
            {"person": person_id, "limit": limit},
        )
    ]


def learned_with(db: Database, person_id: int, limit: int = 2) -> list[str]:
    """Teaching points of the cases done with a person, the latest first (for L5)."""
    return [
        str(point)
        for (point,) in db.execute(
            """SELECT DISTINCT teaching_point FROM cases WHERE attending_id = ?
               AND teaching_point != '' ORDER BY id DESC LIMIT ?""",
            [person_id, limit],
        )
    ]


# --- letters ---------------------------------------------------------------------------


def add_letter(db: Database, letter: Letter) -> int:
    try:
        return rows.insert(db, "letters", letter, LETTER_CHECKS, skip=JOINED)
    except sqlite3.IntegrityError:
        raise InvalidValues({"eras_letter_id": "another letter has this Letter ID"}) from None


def update_letter(db: Database, letter: Letter) -> None:
    try:
        rows.update(db, "letters", letter, LETTER_CHECKS, skip=JOINED)
    except sqlite3.IntegrityError:
        raise InvalidValues({"eras_letter_id": "another letter has this Letter ID"}) from None


def add_writer(db: Database, person: Person, letter: Letter) -> int:
    """A writer added by hand and their letter, together or not at all: the letter's id."""
    with db.atomic():
        person_id = add_person(db, person)
        return add_letter(db, replace(letter, person_id=person_id))


def delete_letter_and_writer(db: Database, letter_id: int) -> bool:
    """The letter, and its writer when nothing else names them (no journal day, case,
    other letter or follow-up a user wrote); True when the writer went too."""
    with db.atomic():
        letter = get_letter(db, letter_id)
        if letter is None:
            return False
        delete_letter(db, letter_id)
        named = db.execute(
            """SELECT EXISTS (SELECT 1 FROM journal_day_people WHERE person_id = :p)
                   OR EXISTS (SELECT 1 FROM cases WHERE attending_id = :p)
                   OR EXISTS (SELECT 1 FROM letters WHERE person_id = :p)
                   OR EXISTS (SELECT 1 FROM follow_ups WHERE person_id = :p AND rule_key = '')""",
            {"p": letter.person_id},
        ).fetchone()[0]
        if not named:
            db.execute("DELETE FROM people WHERE id = ?", [letter.person_id])
        return not named


def get_letter(db: Database, letter_id: int) -> Letter | None:
    found = rows.select(db, Letter, f"{_LETTERS} WHERE letters.id = ?", [letter_id])
    return found[0] if found else None


def delete_letter(db: Database, letter_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM letters WHERE id = ?", [letter_id])


def list_letters(db: Database, limit: int | None = None, offset: int = 0) -> list[Letter]:
    """In pipeline order (what needs the user first), then by writer."""
    return rows.select(
        db,
        Letter,
        f"""{_LETTERS}
           ORDER BY CASE letters.status WHEN 'candidate' THEN 0 WHEN 'asked' THEN 1
               WHEN 'agreed' THEN 2 WHEN 'packet_sent' THEN 3 WHEN 'id_created' THEN 4
               WHEN 'id_sent' THEN 5 WHEN 'uploaded' THEN 6 WHEN 'thanked' THEN 7 ELSE 8 END,
               people.name, letters.id""",
        limit=limit,
        offset=offset,
    )


def count_letters(db: Database) -> int:
    return rows.count(db, "letters")


def move_letter(db: Database, letter_id: int, status: str, today: str) -> Letter:
    """A letter to a step of the pipeline, stamped today (an earlier date is kept);
    InvalidValues when the step needs something first (a Letter ID)."""
    with db.atomic():
        letter = get_letter(db, letter_id)
        if letter is None:
            raise InvalidValues({"status": "this letter no longer exists"})
        if problem := problem_with_step(letter, status):
            raise InvalidValues({"status": problem})
        changes: dict[str, object] = {"status": status}
        column = STEP_DATES.get(LetterStatus(status))
        if column and getattr(letter, column) is None:
            changes[column] = today
        moved = replace(letter, **changes)  # type: ignore[arg-type]
        update_letter(db, moved)
    return moved


def letter_for(db: Database, person_id: int, rotation_id: int | None) -> int:
    """The person's letter (made a candidate when there is none): one letter per writer."""
    with db.atomic():
        found = db.execute("SELECT id FROM letters WHERE person_id = ?", [person_id]).fetchone()
        if found:
            return int(found[0])
        return add_letter(db, Letter(person_id=person_id, rotation_id=rotation_id))


# --- ERAS assignments ------------------------------------------------------------------


def assign(db: Database, letter_id: int, program_id: int, on: str | None = None) -> None:
    """Assign a letter to a program (on that date); refused past ERAS's four letters
    per program."""
    with db.atomic():
        taken = db.execute(
            "SELECT count(*) FROM letter_programs WHERE program_id = ? AND letter_id != ?",
            [program_id, letter_id],
        ).fetchone()[0]
        if taken >= ERAS_LETTERS_PER_PROGRAM:
            raise InvalidValues(
                {
                    "program": f"ERAS allows {ERAS_LETTERS_PER_PROGRAM} letters per program; "
                    "this one has them: unassign one first"
                }
            )
        db.execute(
            "INSERT OR IGNORE INTO letter_programs (letter_id, program_id, assigned_on) "
            "VALUES (?, ?, ?)",
            [letter_id, program_id, on],
        )


def unassign(db: Database, letter_id: int, program_id: int) -> None:
    with db.atomic():
        db.execute(
            "DELETE FROM letter_programs WHERE letter_id = ? AND program_id = ?",
            [letter_id, program_id],
        )


def assignments(db: Database, letter_id: int) -> list[tuple[int, str, int, str | None]]:
    """The programs a letter is assigned to: (id, name, letters assigned to it, when)."""
    return [
        (int(pid), str(name), int(n), on)
        for pid, name, n, on in db.execute(
            f"""SELECT programs.id, {PLACE},
                      (SELECT count(*) FROM letter_programs AS all_of
                       WHERE all_of.program_id = programs.id), letter_programs.assigned_on
               FROM letter_programs JOIN programs ON programs.id = letter_programs.program_id
               WHERE letter_programs.letter_id = ? ORDER BY 2""",
            [letter_id],
        )
    ]


# --- candidates (L2) -------------------------------------------------------------------


def candidates(db: Database, rotation_id: int) -> list[Candidate]:
    """The rotation's attendings and fellows, ranked by cases together, days together,
    feedback and teaching points logged; those with a letter already are left out."""
    found = db.execute(
        """WITH days AS (
               SELECT journal_day_people.person_id AS person_id, count(*) AS days,
                      sum(journal_days.feedback != '') AS feedback
               FROM journal_day_people
               JOIN journal_days ON journal_days.id = journal_day_people.day_id
               WHERE journal_days.rotation_id = ? GROUP BY 1),
           cases_with AS (
               SELECT cases.attending_id AS person_id, count(*) AS cases,
                      sum(cases.teaching_point != '') AS teaching
               FROM cases JOIN journal_days ON journal_days.id = cases.day_id
               WHERE journal_days.rotation_id = ? AND cases.attending_id IS NOT NULL
               GROUP BY 1)
           SELECT people.id, people.name, coalesce(cases_with.cases, 0),
                  coalesce(days.days, 0), coalesce(days.feedback, 0),
                  coalesce(cases_with.teaching, 0)
           FROM people
           LEFT JOIN days ON days.person_id = people.id
           LEFT JOIN cases_with ON cases_with.person_id = people.id
           WHERE (days.person_id IS NOT NULL OR cases_with.person_id IS NOT NULL)
             AND people.role IN ('attending', 'fellow', 'program_director', 'chair')
             AND people.id NOT IN (SELECT person_id FROM letters)""",
        [rotation_id, rotation_id],
    )
    return rank(
        [
            Candidate(int(pid), str(name), rotation_id, int(c), int(d), int(f), int(t))
            for pid, name, c, d, f, t in found
        ]
    )


# --- follow-ups ------------------------------------------------------------------------


def add_follow_up(db: Database, follow_up: FollowUp) -> int:
    return rows.insert(db, "follow_ups", follow_up, FOLLOW_UP_CHECKS, skip=JOINED)


def update_follow_up(db: Database, follow_up: FollowUp) -> None:
    rows.update(db, "follow_ups", follow_up, FOLLOW_UP_CHECKS, skip=JOINED)


def get_follow_up(db: Database, follow_up_id: int) -> FollowUp | None:
    found = rows.select(db, FollowUp, f"{_FOLLOW_UPS} WHERE follow_ups.id = ?", [follow_up_id])
    return found[0] if found else None


def toggle_follow_up(db: Database, follow_up_id: int, today: str) -> None:
    with db.atomic():
        db.execute(
            """UPDATE follow_ups SET done_on = CASE WHEN done_on IS NULL THEN ? END,
               updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?""",
            [today, follow_up_id],
        )


def open_follow_ups_due_by(db: Database, horizon: str) -> list[FollowUp]:
    """Follow-ups not done whose due date is on or before horizon (Today's agenda)."""
    return rows.select(
        db,
        FollowUp,
        f"""{_FOLLOW_UPS} WHERE follow_ups.done_on IS NULL AND follow_ups.due_on <= ?
            ORDER BY follow_ups.due_on""",
        [horizon],
    )


def list_follow_ups(db: Database, limit: int | None = None, offset: int = 0) -> list[FollowUp]:
    return rows.select(
        db,
        FollowUp,
        f"""{_FOLLOW_UPS}
           ORDER BY follow_ups.done_on IS NOT NULL, coalesce(follow_ups.due_on, '9999'),
               follow_ups.id""",
        limit=limit,
        offset=offset,
    )


def count_follow_ups(db: Database) -> int:
    return rows.count(db, "follow_ups")


def make_follow_ups(db: Database, eras_opens_on: str | None) -> int:
    """The follow-ups the rules call for, each made once (by its rule_key); how many are
    new. L5: a thank-you to each writer within 3 days after their rotation's block ends.
    L6: a note to each writer who agreed when ERAS opens. L7: when invited to interview
    where a writer works, mention them and the cases done together."""
    wanted: list[FollowUp] = []
    for letter_id, person_id, status, ends_on, place in db.execute(
        f"""SELECT letters.id, letters.person_id, letters.status, rotations.ends_on,
                  {PLACE}
           FROM letters LEFT JOIN rotations ON rotations.id = letters.rotation_id
           LEFT JOIN programs ON programs.id = rotations.program_id
           WHERE letters.status != 'declined'"""
    ):
        if ends_on:
            due = (date.fromisoformat(ends_on) + timedelta(days=THANK_YOU_DAYS)).isoformat()
            wanted.append(
                FollowUp(
                    person_id=person_id,
                    due_on=due,
                    action="Thank-you note naming one or two things learned (t drafts it)",
                    rule_id="L5",
                    rule_key=f"L5:letter:{letter_id}",
                )
            )
        if eras_opens_on and status not in ("candidate", "asked"):
            wanted.append(
                FollowUp(
                    person_id=person_id,
                    due_on=eras_opens_on,
                    action="ERAS is open: tell them, thank them again, confirm the Letter ID",
                    rule_id="L6",
                    rule_key=f"L6:letter:{letter_id}:{eras_opens_on}",
                )
            )
        if place and status not in ("candidate",):
            wanted.append(
                FollowUp(
                    person_id=person_id,
                    action=f"If invited to interview at {place}: mention them and your cases",
                    rule_id="L7",
                    rule_key=f"L7:letter:{letter_id}",
                )
            )

    def taken() -> set[str]:
        return {str(key) for (key,) in db.execute("SELECT rule_key FROM follow_ups")}

    # The Letters pane calls this on every visit: take the write lock only when a rule
    # has something new, and look again inside the transaction.
    if {follow_up.rule_key for follow_up in wanted} <= taken():
        return 0
    made = 0
    with db.atomic():
        made_already = taken()
        for follow_up in wanted:
            if follow_up.rule_key not in made_already:
                add_follow_up(db, follow_up)
                made += 1
    return made
