"""A JSON export, checked before a byte of it is written: its shape, every cell
(domain/cells.py), every record against its area's form checks, and the journal's
text against the PHI guard. Problems name table, row and field, never the value."""

import dataclasses
from typing import Any

from tracker.domain.budget import EXPENSE_CHECKS, HOUSING_CHECKS, Expense, HousingOption
from tracker.domain.cells import cell_problem
from tracker.domain.checklists import ITEM_CHECKS, ChecklistItem
from tracker.domain.checks import record_errors
from tracker.domain.eras import EXPERIENCE_CHECKS, SIGNAL_CHECKS, Experience, Signal
from tracker.domain.journal import (
    CASE_CHECKS,
    CASE_TEXT_FIELDS,
    DAY_CHECKS,
    DAY_TEXT_FIELDS,
    SKILL_CHECKS,
    Case,
    CaseSkill,
    JournalDay,
)
from tracker.domain.letters import (
    FOLLOW_UP_CHECKS,
    LETTER_CHECKS,
    PERSON_CHECKS,
    FollowUp,
    Letter,
    Person,
)
from tracker.domain.phi import find_phi, team_words
from tracker.domain.profile import PROFILE_CHECKS, Profile
from tracker.domain.programs import PROGRAM_CHECKS, ROTATION_CHECKS, Program, Rotation
from tracker.store.rows import from_row

# The tables whose rows are records with a form: the form's checks apply to them.
RECORDS: dict[str, tuple[type, dict[str, Any]]] = {
    "profile": (Profile, PROFILE_CHECKS),
    "programs": (Program, PROGRAM_CHECKS),
    "rotations": (Rotation, ROTATION_CHECKS),
    "checklist_items": (ChecklistItem, ITEM_CHECKS),
    "housing_options": (HousingOption, HOUSING_CHECKS),
    "expenses": (Expense, EXPENSE_CHECKS),
    "journal_days": (JournalDay, DAY_CHECKS),
    "cases": (Case, CASE_CHECKS),
    "case_skills": (CaseSkill, SKILL_CHECKS),
    "people": (Person, PERSON_CHECKS),
    "letters": (Letter, LETTER_CHECKS),
    "follow_ups": (FollowUp, FOLLOW_UP_CHECKS),
    "eras_experiences": (Experience, EXPERIENCE_CHECKS),
    "eras_signals": (Signal, SIGNAL_CHECKS),
}
# Text the PHI guard reads in the app; an import reads it too.
GUARDED = {
    "journal_days": DAY_TEXT_FIELDS,
    "cases": CASE_TEXT_FIELDS,
    "eras_experiences": ("description", "reflection"),
    "eras_signals": ("statement",),
    "eras_answers": ("answer",),
}
SHOWN = 5  # problems printed; the rest are counted


def shape_problem(data: object, columns_of: dict[str, list[str]]) -> str | None:
    """Why data is not an export's shape: {"tables": {name: {"columns": [...], "rows":
    [[...], ...]}}} with known tables and columns."""
    if not isinstance(data, dict):
        return "the file holds no export (its top level is not an object)"
    tables = data.get("tables")
    if not isinstance(tables, dict):
        return 'the file has no tables ("tables" is not an object)'
    for table, body in tables.items():
        if table not in columns_of:
            return f"the export has a table this Away does not know ({table[:40]!r})"
        if not isinstance(body, dict):
            return f"table {table}: not an object with columns and rows"
        columns, rows = body.get("columns"), body.get("rows")
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            return f'table {table}: "columns" is not a list of names'
        unknown = [c for c in columns if c not in columns_of[table]]
        if unknown:
            return f"table {table}: unknown column {unknown[0][:40]!r}"
        if len(set(columns)) != len(columns):
            return f"table {table}: a column is named twice"
        if not isinstance(rows, list):
            return f'table {table}: "rows" is not a list'
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                return f"table {table}, row {number}: not a list of {len(columns)} values"
    return None


def type_problems(cls: type, row: dict[str, Any]) -> list[tuple[str, str]]:
    """Columns whose value is not of its field's kind: a number where a number belongs
    (true and false count as 1 and 0), text where text belongs."""
    found = []
    for field in dataclasses.fields(cls):
        value = row.get(field.name)
        if field.name not in row or value is None:
            continue
        kind = str(field.type)
        if "int" in kind or "bool" in kind:
            if not isinstance(value, int):
                found.append((field.name, "not a whole number"))
        elif "str" in kind and not isinstance(value, str):
            found.append((field.name, "not text"))
    return found


def row_problems(
    table: str,
    number: int,
    row: dict[str, Any],
    keep_phi: bool,
    team: frozenset[str] = frozenset(),
) -> list[str]:
    """What is wrong with one row: its cells, then its record's form checks and PHI."""
    where = f"table {table}, row {number}"
    if isinstance(row.get("id"), int) and not isinstance(row.get("id"), bool):
        where += f" (id {row['id']})"
    found = [
        f"{where}, {column}: {problem}"
        for column, value in row.items()
        if (problem := cell_problem(column, value))
    ]
    if found or table not in RECORDS:
        return found
    cls, checks = RECORDS[table]
    found = [f"{where}, {column}: {problem}" for column, problem in type_problems(cls, row)]
    if found:
        return found
    try:
        record: Any = from_row(cls, row)
    except TypeError:  # a required column is missing
        return [f"{where}: a required column is missing"]
    errors = record_errors(record, checks)
    found += [f"{where}, {field}: {reason}" for field, reason in errors.items()]
    if not keep_phi:
        for field in GUARDED.get(table, ()):
            text = row.get(field)
            if isinstance(text, str) and (flags := find_phi(text, team)):
                kinds = ", ".join(sorted({flag.kind for flag in flags}))
                found.append(
                    f"{where}, {field}: looks like a patient identifier ({kinds}); edit it "
                    "out, or --keep-flagged keeps it as written"
                )
    return found


def problems(data: object, columns_of: dict[str, list[str]], keep_phi: bool = False) -> list[str]:
    """Every problem of an export (empty: it may be imported)."""
    if problem := shape_problem(data, columns_of):
        return [problem]
    assert isinstance(data, dict)
    found: list[str] = []
    team = _team(data["tables"])
    for table, body in data["tables"].items():
        columns = body["columns"]
        for number, values in enumerate(body["rows"], start=1):
            row = dict(zip(columns, values, strict=True))
            found += row_problems(table, number, row, keep_phi, team)
    return found


def _team(tables: dict[str, Any]) -> frozenset[str]:
    """The names the export's own rows hold (TEAM_COLUMNS): the PHI guard allows them,
    as it does in the app."""
    from tracker.store.phi import TEAM_COLUMNS

    named = []
    for table, columns in TEAM_COLUMNS.items():
        body = tables.get(table, {})
        for column in columns:
            if column in body.get("columns", []):
                at = body["columns"].index(column)
                named += [row[at] for row in body["rows"] if isinstance(row[at], str)]
    return team_words(named)


def summary(found: list[str]) -> str:
    """The first problems, one per line, and how many more."""
    shown = found[:SHOWN]
    rest = len(found) - len(shown)
    return "\n".join(shown + ([f"and {rest:,} more"] if rest > 0 else []))
