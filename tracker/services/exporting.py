"""Taking the data out and bringing it back: the ERAS summary (md, html, pdf), every table
as JSON (re-importable: a round trip gives identical data) or as a zip of CSVs, and the
dates as an iCalendar file. Files are written whole or not at all."""

import csv
import io
import json
import os
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.store.db import Database, StoreError
from tracker.store.schema import KNOWN_STEPS

FORMATS = ("md", "html", "pdf", "json", "csv", "ics")
JSON_SCHEMA = "away-export/1"
# Tables the export leaves out: SQLite's, the migrations', and the search index (rebuilt
# by triggers from journal_days and cases on import).
_SKIP_PREFIXES = ("sqlite_", "_sqlite", "journal_search")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportError(StoreError):
    """One sentence: why nothing was written or imported."""


def user_tables(db: Database) -> list[str]:
    """Tables in creation order (parents before the tables that refer to them)."""
    return [
        str(name)
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
        )
        if not str(name).startswith(_SKIP_PREFIXES)
    ]


def export_json(db: Database) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in user_tables(db):
        cursor = db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
        tables[table] = {
            "columns": [column[0] for column in cursor.description],
            "rows": [list(row) for row in cursor],
        }
    steps = [
        str(name) for (name,) in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")
    ]
    return {
        "schema": JSON_SCHEMA,
        "app_version": __version__,
        "schema_steps": steps,
        "tables": tables,
    }


def _has_data(db: Database) -> bool:
    return any(
        db.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone() for table in user_tables(db)
    )


def import_json(db: Database, data: dict[str, Any], replace: bool = False) -> int:
    """Every row of an export into this database, one transaction; rows imported.
    Refused into a database that holds data unless replace (the caller backs it up)."""
    if data.get("schema") != JSON_SCHEMA:
        raise ExportError(f"this is not an Away export ({JSON_SCHEMA}); nothing was imported")
    if data.get("schema_steps") != KNOWN_STEPS:
        raise ExportError(
            "the export was made by another version of Away's schema; open it with the "
            "version that made it, or import into that version first; nothing was imported"
        )
    count = 0
    with db.atomic():
        if _has_data(db):
            if not replace:
                raise ExportError(
                    "the database already holds data; use --replace (a backup is taken first) "
                    "or import into a new file; nothing was imported"
                )
            for table in reversed(user_tables(db)):
                db.execute(f"DELETE FROM [{table}]")
        db.execute("PRAGMA defer_foreign_keys = ON")
        known = set(user_tables(db))
        for table, body in data["tables"].items():
            if table not in known:
                raise ExportError(f"the export has a table this Away does not know ({table})")
            columns = ", ".join(f"[{c}]" for c in body["columns"])
            marks = ", ".join("?" for _ in body["columns"])
            db.conn.executemany(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", body["rows"])
            count += len(body["rows"])
    return count


def _safe_cell(value: object) -> object:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_csv_zip(db: Database) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, body in export_json(db)["tables"].items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(body["columns"])
            writer.writerows([_safe_cell(v) for v in row] for row in body["rows"])
            archive.writestr(f"{table}.csv", text.getvalue())
    return buffer.getvalue()


def export_ics(db: Database) -> bytes:
    """Blocks, application deadlines, open checklist items and follow-ups, each with a
    stable UID: importing the file again updates the events instead of adding copies."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//Away {__version__}//away-rotations//EN")
    calendar.add("version", "2.0")

    def event(uid: str, summary: str, start: str, end: str | None = None) -> None:
        item = Event()
        item.add("uid", f"{uid}@away.local")
        item.add("summary", summary)
        first = date.fromisoformat(start)
        last = date.fromisoformat(end) if end else first
        item.add("dtstart", first)
        item.add("dtend", last + timedelta(days=1))  # all-day: the end is exclusive
        calendar.add_component(item)

    for rid, place, starts, ends, deadline, status in db.execute(
        """SELECT rotations.id, coalesce(nullif(programs.institution, ''), programs.name),
                  rotations.starts_on, rotations.ends_on, rotations.deadline_on, rotations.status
           FROM rotations JOIN programs ON programs.id = rotations.program_id"""
    ):
        if starts and status in ("accepted", "completed", "offered"):
            event(f"block-{rid}", f"Rotation at {place}", starts, ends)
        if deadline and status in ("idea", "preparing"):
            event(f"deadline-{rid}", f"Application deadline: {place}", deadline)
    for iid, title, due in db.execute(
        """SELECT id, title, due_on FROM checklist_items
           WHERE due_on IS NOT NULL AND status NOT IN ('done', 'not_needed')"""
    ):
        event(f"item-{iid}", f"Due: {title}", due)
    for fid, action, due, name in db.execute(
        """SELECT follow_ups.id, follow_ups.action, follow_ups.due_on, people.name
           FROM follow_ups JOIN people ON people.id = follow_ups.person_id
           WHERE follow_ups.due_on IS NOT NULL AND follow_ups.done_on IS NULL"""
    ):
        event(f"follow-up-{fid}", f"{action} ({name})", due)
    return bytes(calendar.to_ical())


def render(db: Database, form: str, today: date) -> bytes:
    """The export's bytes in one of FORMATS."""
    from tracker.services import summary

    if form in ("md", "html", "pdf"):
        title, sections = summary.build(db, today)
        if form == "md":
            return summary.to_markdown(title, sections).encode()
        if form == "html":
            return summary.to_html(title, sections).encode()
        return summary.to_pdf(title, sections)
    if form == "json":
        return json.dumps(export_json(db), ensure_ascii=False, indent=1).encode()
    if form == "csv":
        return export_csv_zip(db)
    if form == "ics":
        return export_ics(db)
    raise ExportError(f"unknown format {form}; one of {', '.join(FORMATS)}")


def default_path(db_path: Path, form: str, today: date) -> Path:
    suffix = {"csv": "zip"}.get(form, form)
    kind = "summary" if form in ("md", "html", "pdf") else "data"
    return db_path.parent / "exports" / f"away-{kind}-{today.isoformat()}.{suffix}"


def write_whole(content: bytes, target: Path, force: bool = False) -> Path:
    """Write content to target through a temporary file renamed into place: a failure
    never leaves half a file. An existing file is kept unless force."""
    if target.exists() and not force:
        raise ExportError(
            f"{target} already exists; nothing was written (use --force to replace it)"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            with open(temp, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ExportError(f"{target} cannot be written: {reason}; nothing was written") from None
    return target
