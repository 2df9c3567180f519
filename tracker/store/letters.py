"""People, letter requests and follow-ups."""

from tracker.domain.letters import (
    FOLLOW_UP_CHECKS,
    LETTER_CHECKS,
    PERSON_CHECKS,
    FollowUp,
    Letter,
    Person,
)
from tracker.store import rows
from tracker.store.db import Database

JOINED = ("person_name",)


def add_person(db: Database, person: Person) -> int:
    return rows.insert(db, "people", person, PERSON_CHECKS)


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


def add_letter(db: Database, letter: Letter) -> int:
    return rows.insert(db, "letters", letter, LETTER_CHECKS, skip=JOINED)


def add_follow_up(db: Database, follow_up: FollowUp) -> int:
    return rows.insert(db, "follow_ups", follow_up, FOLLOW_UP_CHECKS, skip=JOINED)


def list_people(db: Database) -> list[Person]:
    return rows.select(db, Person, "SELECT * FROM people ORDER BY name")


def list_letters(db: Database, limit: int | None = None, offset: int = 0) -> list[Letter]:
    return rows.select(
        db,
        Letter,
        """SELECT letters.*, people.name AS person_name FROM letters
           JOIN people ON people.id = letters.person_id
           ORDER BY CASE letters.status WHEN 'candidate' THEN 0 WHEN 'asked' THEN 1
               WHEN 'agreed' THEN 2 WHEN 'packet_sent' THEN 3 WHEN 'uploaded' THEN 4
               ELSE 5 END, people.name, letters.id""",
        limit=limit,
        offset=offset,
    )


def count_letters(db: Database) -> int:
    return rows.count(db, "letters")


def open_follow_ups_due_by(db: Database, horizon: str) -> list[FollowUp]:
    """Follow-ups not done whose due date is on or before horizon (Today's agenda)."""
    return rows.select(
        db,
        FollowUp,
        """SELECT follow_ups.*, people.name AS person_name FROM follow_ups
           JOIN people ON people.id = follow_ups.person_id
           WHERE follow_ups.done_on IS NULL AND follow_ups.due_on <= ?
           ORDER BY follow_ups.due_on""",
        [horizon],
    )


def list_follow_ups(db: Database, limit: int | None = None, offset: int = 0) -> list[FollowUp]:
    return rows.select(
        db,
        FollowUp,
        """SELECT follow_ups.*, people.name AS person_name FROM follow_ups
           JOIN people ON people.id = follow_ups.person_id
           ORDER BY follow_ups.done_on IS NOT NULL, coalesce(follow_ups.due_on, '9999'),
               follow_ups.id""",
        limit=limit,
        offset=offset,
    )


def count_follow_ups(db: Database) -> int:
    return rows.count(db, "follow_ups")
