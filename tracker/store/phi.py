"""The PHI guard over what the file holds: the names it allows, and the journal text it
flags again (text saved before a stricter guard, or kept by the user's choice), for
Today and for every export that includes it."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from tracker.domain.journal import CASE_TEXT_FIELDS, DAY_TEXT_FIELDS, Flagged
from tracker.domain.phi import find_phi, team_words
from tracker.domain.text import words
from tracker.store.db import Database

# The columns whose words the PHI guard allows: everyone in people; the user, their
# school and country; the programs, their hospitals and cities (where the student was,
# not where a patient lives). The app and the JSON import read the same ones.
TEAM_COLUMNS = {
    "people": ("name",),
    "profile": ("full_name", "school", "country"),
    "programs": ("name", "institution", "city", "state"),
}


def team_names(db: Database) -> frozenset[str]:
    """Words of the names the PHI guard allows (TEAM_COLUMNS); read again only when the
    file has changed (each journal day shown asks: 15 ms at 100x)."""
    joined = " || ' ' || "
    selects = " UNION ALL ".join(
        f"SELECT {joined.join(columns)} FROM {table}" for table, columns in TEAM_COLUMNS.items()
    )
    return db.derived(
        "team names", lambda: team_words(str(text) for (text,) in db.execute(selects) if text)
    )


@dataclass(frozen=True)
class Scope:
    """The free text an output includes."""

    day_fields: Sequence[str] = DAY_TEXT_FIELDS
    case_fields: Sequence[str] = CASE_TEXT_FIELDS
    memorable_only: bool = False  # of cases
    attending_id: int | None = None  # of cases
    eras_drafts: bool = False  # the ERAS drafts the file holds (services.eras checks them)


EVERYTHING = Scope()  # the journal: Today's count, and with the drafts the JSON and CSV
SUMMARY = Scope(
    day_fields=("learning_points", "feedback"),
    case_fields=("procedure", "teaching_point", "story"),
    memorable_only=True,
)


def packet_scope(person_id: int) -> Scope:
    return Scope(
        day_fields=(),
        case_fields=("procedure", "specialty", "teaching_point"),
        attending_id=person_id,
    )


class CleanTexts(Protocol):
    """Texts the guard found clean before, with the same guard and the same names allowed
    (services.phi_scan keeps them between runs); a flagged text is never among them."""

    def __contains__(self, text: object) -> bool: ...

    def add(self, text: str) -> None: ...


def flagged_text(
    db: Database, scope: Scope = EVERYTHING, clean: CleanTexts | None = None
) -> list[Flagged]:
    """Each field of scope, day by day, in which the guard finds a possible identifier
    (the names of the team and the user allowed). clean: texts known clean, not read
    again, and where each text found clean is added."""
    team = team_names(db)
    found: list[Flagged] = []

    def flags(text: str) -> bool:
        if clean is not None and text in clean:
            return False
        if find_phi(text, team):
            return True
        if clean is not None:
            clean.add(text)
        return False

    if scope.day_fields:
        columns = ", ".join(scope.day_fields)
        for row in db.execute(f"SELECT day, id, {columns} FROM journal_days ORDER BY day"):
            found += [
                Flagged(row[0], words(field), row[1])
                for field, text in zip(scope.day_fields, row[2:], strict=True)
                if text and flags(text)
            ]
    if scope.case_fields:
        where, params = "1", []
        if scope.memorable_only:
            where += " AND cases.memorable = 1"
        if scope.attending_id is not None:
            where += " AND cases.attending_id = ?"
            params.append(scope.attending_id)
        columns = ", ".join(f"cases.{field}" for field in scope.case_fields)
        query = f"""SELECT journal_days.day, journal_days.id, {columns} FROM cases
                    JOIN journal_days ON journal_days.id = cases.day_id
                    WHERE {where} ORDER BY journal_days.day, cases.id"""
        for row in db.execute(query, params):
            found += [
                Flagged(row[0], f"case: {words(field)}", row[1])
                for field, text in zip(scope.case_fields, row[2:], strict=True)
                if text and flags(text)
            ]
    return sorted(found, key=lambda flagged: flagged.day)
