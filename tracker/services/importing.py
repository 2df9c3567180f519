"""Bringing programs in from a CSV file: every row checked first, then all or nothing."""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.domain.checks import InvalidValues, first_errors, passed
from tracker.domain.programs import (
    ROTATION_CHECKS,
    Program,
    Rotation,
    default_block_end,
    program_from_values,
)
from tracker.domain.text import clean_text
from tracker.services.collector import collector_paused
from tracker.store.db import Database
from tracker.store.programs import import_programs

# Column name (after lower-casing and trimming) -> field. Documented in the README.
PROGRAM_COLUMNS = {
    "name": "name",
    "program": "name",
    "program name": "name",
    "elective": "name",
    "institution": "institution",
    "hospital": "institution",
    "school": "institution",
    "city": "city",
    "state": "state",
    "kind": "kind",
    "type": "kind",
    "program type": "kind",
    "route": "route",
    "application route": "route",
    "portal": "route",
    "sponsors j-1": "sponsors_j1",
    "sponsors j1": "sponsors_j1",
    "j-1": "sponsors_j1",
    "j1": "sponsors_j1",
    "sponsors h-1b": "sponsors_h1b",
    "sponsors h1b": "sponsors_h1b",
    "h-1b": "sponsors_h1b",
    "h1b": "sponsors_h1b",
    "accepts international": "accepts_international",
    "international": "accepts_international",
    "accepts international students": "accepts_international",
    "img residents": "has_img_residents",
    "has img residents": "has_img_residents",
    "imgs": "has_img_residents",
    "structured evaluation": "structured_evaluation",
    "evaluation": "structured_evaluation",
    "letters": "structured_evaluation",
    "website": "website",
    "url": "website",
    "coordinator": "coordinator_name",
    "coordinator name": "coordinator_name",
    "coordinator email": "coordinator_email",
    "email": "coordinator_email",
    "housing": "housing_monthly_cents",
    "monthly housing": "housing_monthly_cents",
    "housing per month": "housing_monthly_cents",
    "notes": "notes",
    # Optional: a row with either of these also gets an application (status 'idea').
    "deadline": "deadline_on",
    "application deadline": "deadline_on",
    "block start": "starts_on",
    "start": "starts_on",
    "rotation start": "starts_on",
}
APPLICATION_FIELDS = ("deadline_on", "starts_on")
# The kind drives the list mix (P2) and R7, so every row must say it.
REQUIRED_COLUMNS = ("name", "kind")


class ImportRefused(Exception):
    """Nothing was written; each line says where and why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    ignored_columns: tuple[str, ...] = ()


def _normalise(header: str) -> str:
    return " ".join(header.strip().lower().replace("_", " ").split())


def _row_records(values: dict[str, str]) -> tuple[Program, Rotation | None]:
    """The program on a row and its optional application (a deadline and/or a block start,
    4 weeks long by R5); InvalidValues names every bad field of the row at once."""
    # The store's own checks of these fields: the application made here is noted as
    # passed (its other fields are defaults), and the store does not check it again.
    errors = first_errors(values, {field: ROTATION_CHECKS[field] for field in APPLICATION_FIELDS})
    try:
        program = program_from_values(values)
    except InvalidValues as error:
        raise InvalidValues({**error.errors, **errors}) from None
    if errors:
        raise InvalidValues(errors)
    deadline = values.get("deadline_on", "").strip() or None
    starts = values.get("starts_on", "").strip() or None
    if not deadline and not starts:
        return program, None
    application = Rotation(
        deadline_on=deadline,
        starts_on=starts,
        ends_on=default_block_end(starts) if starts else None,
    )
    return program, passed(application, ROTATION_CHECKS)


# Cells longer than the longest field (20,000 characters) are refused by the row checks,
# which name the column; csv's own limit (131,072) would only name the line.
CELL_LIMIT = 16 * 1024 * 1024


def decode(path: Path, encoding: str) -> str:
    """The file's text; ImportRefused naming the line and byte that is not in encoding."""
    data = path.read_bytes()
    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        encoding = "utf-8-sig"  # a byte-order mark, as spreadsheet programs write, is fine
    try:
        return data.decode(encoding)
    except LookupError:
        raise ImportRefused(
            [f"{path}: unknown encoding '{encoding}' (try utf-8, cp1252 or latin-1)"]
        ) from None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        bad = data[error.start : error.start + 1].hex().upper()
        raise ImportRefused(
            [
                f"line {line}, character {column}: byte 0x{bad} is not {error.encoding} text; "
                "a file saved by Excel or an older spreadsheet is often cp1252: "
                "try --encoding cp1252"
            ]
        ) from None


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, cells), reading quoted newlines as part of a cell."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    limit = csv.field_size_limit(CELL_LIMIT)
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ImportRefused([_csv_problem(start, reader.line_num, str(error))]) from None
            yield start, row
    finally:
        csv.field_size_limit(limit)


def _csv_problem(start: int, line: int, message: str) -> str:
    if "unexpected end of data" in message:
        return f'line {start}: a quoted cell opens here and never closes (a missing closing ")'
    if "field larger" in message:
        return f"line {start}: a cell is longer than {CELL_LIMIT:,} characters"
    if "expected after" in message:
        return (
            f"line {line}: text follows a closing quote; inside a quoted cell, "
            'write a quote twice ("")'
        )
    return f"line {start}: {message}"


def read_program_rows(
    path: Path, encoding: str = "utf-8"
) -> tuple[list[tuple[Program, Rotation | None]], list[str]]:
    """Parse and check every row; ImportRefused lists 'line N: column: reason' for each.

    Returns the programs and the header names that match no field (ignored)."""
    text = decode(path, encoding)
    if not text.strip():
        raise ImportRefused([f"{path}: the file is empty"])
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    rows = _csv_rows(text, delimiter)
    header: list[str] = []
    for _, header in rows:
        if any(cell.strip() for cell in header):
            break
    columns: dict[int, str] = {}
    titles: dict[str, str] = {}
    unknown = []
    for index, title in enumerate(header):
        field = PROGRAM_COLUMNS.get(_normalise(title))
        if field is None:
            if title.strip():
                unknown.append(title.strip())
            continue
        if field in titles:
            raise ImportRefused([f"line 1: {title.strip()}: same column as {titles[field]}"])
        columns[index], titles[field] = field, title.strip()
    missing = [field for field in REQUIRED_COLUMNS if field not in titles]
    if missing:
        found = ", ".join(h.strip() for h in header)
        raise ImportRefused(
            [f"line 1: {field}: required column missing (found: {found})" for field in missing]
        )
    problems: list[str] = []
    programs: list[tuple[Program, Rotation | None]] = []
    seen: dict[tuple[str, str], int] = {}
    for line_number, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(f"line {line_number}: {len(row)} cells for {len(header)} columns")
            continue
        # Cleaned before checking, so a NUL can never reach a constraint.
        values = {
            field: (clean_text(row[i]) or "") if i < len(row) else ""
            for i, field in columns.items()
        }
        try:
            program, application = _row_records(values)
        except InvalidValues as error:
            problems.extend(
                f"line {line_number}: {titles.get(field, field)}: {reason}"
                for field, reason in error.errors.items()
            )
            continue
        key = (program.name.lower(), program.institution.lower())
        if key in seen:
            problems.append(
                f"line {line_number}: name: same program and institution as line {seen[key]}"
            )
            continue
        seen[key] = line_number
        programs.append((program, application))
    if problems:
        raise ImportRefused(problems)
    if not programs:
        raise ImportRefused([f"{path}: no rows under the header"])
    return programs, unknown


def import_programs_csv(
    db: Database,
    path: Path,
    today: date,
    update: bool = False,
    encoding: str = "utf-8",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    with collector_paused():  # ten thousand rows make records that all live on
        records, ignored = read_program_rows(path, encoding)
        counts = import_programs(db, records, update, today.isoformat(), progress)
    return ImportResult(*counts, tuple(ignored))
