"""Taking the data out and bringing it back: the ERAS summary (md, html, pdf), every table
as JSON (re-importable: a round trip gives identical data) or as a zip of CSVs, and the
dates as an iCalendar file. Files are written whole or not at all."""

import csv
import io
import json
import os
import re
import sqlite3
import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__
from tracker.domain.money import amount_text
from tracker.domain.text import plural
from tracker.store import checklists, letters, programs, tables
from tracker.store.db import Database, StoreError
from tracker.store.errors import rule_broken
from tracker.store.schema import KNOWN_STEPS

if TYPE_CHECKING:
    from tracker.domain.journal import Flagged
    from tracker.services.summary import Section
    from tracker.store.phi import Scope

FORMATS = ("md", "html", "pdf", "json", "csv", "ics")
JSON_SCHEMA = "away-export/1"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LAST_DAY = "9999-12-31"  # every dated item, however far ahead


class ExportError(StoreError):
    """One sentence: why nothing was written or imported."""


class FlaggedText(ExportError):
    """A shareable output would carry text the PHI guard flags: where it is (day and
    field, never the text)."""

    SHOWN = 5

    def __init__(
        self, flagged: "list[Flagged]", what: str = "This export", drafts: list[str] | None = None
    ) -> None:
        self.flagged, self.what, self.drafts = flagged, what, drafts or []
        where = "in the journal (g goes to a day)" if flagged else ""
        if self.drafts:
            where += (" or " if where else "") + "in the ERAS pane (7)"
        super().__init__(
            f"{what} was not written: {self.places()}. Edit them {where}, or write it "
            "anyway with --force"
        )

    def places(self) -> str:
        """How many entries the guard flags, and where the first are."""
        parts = []
        for found, one, many in (
            (list(map(str, self.flagged)), "journal entry", "journal entries"),
            (self.drafts, "ERAS draft", "ERAS drafts"),
        ):
            if not found:
                continue
            shown = "; ".join(found[: self.SHOWN])
            more = len(found) - self.SHOWN
            shown += f"; and {more:,} more" if more > 0 else ""
            parts.append(f"{plural(len(found), one, many)} may hold patient identifiers ({shown})")
        return ", and ".join(parts)


def refuse_flagged(db: Database, scope: "Scope | None", what: str = "This export") -> None:
    """Raise FlaggedText when the text scope includes has a flag: the guard runs again on
    what leaves, since text saved before a stricter guard, or kept as written, is in
    the file."""
    from tracker.store.phi import flagged_text

    if scope is None:
        return
    found = flagged_text(db, scope)
    drafts = []
    if scope.eras_drafts:
        from tracker.services.eras import stored_flagged_places

        drafts = stored_flagged_places(db)
    if found or drafts:
        raise FlaggedText(found, what, drafts)


def export_json(db: Database) -> dict[str, Any]:
    return {
        "schema": JSON_SCHEMA,
        "app_version": __version__,
        "schema_steps": tables.schema_steps(db),
        "tables": tables.every_row(db),
    }


def import_json(
    db: Database, data: object, replace: bool = False, keep_flagged: bool = False
) -> int:
    """Every row of an export into this database, one transaction; rows imported.
    Refused into a database that holds data unless replace (the caller backs it up).
    Every row is checked first, as the forms check it (json_checks): one bad cell and
    nothing is imported, the problems named by table, row and field."""
    from tracker.services.json_checks import problems, summary

    if not isinstance(data, dict) or data.get("schema") != JSON_SCHEMA:
        raise ExportError(f"this is not an Away export ({JSON_SCHEMA}); nothing was imported")
    if data.get("schema_steps") != KNOWN_STEPS:
        raise ExportError(
            "the export was made by another version of Away's schema; open it with the "
            "version that made it, or import into that version first; nothing was imported"
        )
    found = problems(data, tables.columns_of(db), keep_flagged)
    if found:
        raise ExportError(f"{summary(found)}\nnothing was imported")
    try:
        return _insert_all(db, data, replace)
    except sqlite3.IntegrityError as error:  # a link checked at commit (deferred keys)
        if db.conn.in_transaction:
            db.rollback()
        raise ExportError(
            f"the rows do not fit together: {rule_broken(error)}; nothing was imported"
        ) from None


def _insert_all(db: Database, data: dict[str, Any], replace: bool) -> int:
    count = 0
    with db.atomic():
        if tables.holds_data(db):
            if not replace:
                raise ExportError(
                    "the database already holds data; use --replace (a backup is taken first) "
                    "or import into a new file; nothing was imported"
                )
            tables.empty_all(db)
        db.execute("PRAGMA defer_foreign_keys = ON")
        known = set(tables.user_tables(db))
        for table, body in data["tables"].items():
            if table not in known:
                raise ExportError(f"the export has a table this Away does not know ({table})")
            try:
                tables.insert_rows(db, table, body["columns"], body["rows"])
            except sqlite3.IntegrityError as error:
                raise ExportError(
                    f"table {table}: {rule_broken(error)}; nothing was imported"
                ) from None
            count += len(body["rows"])
    return count


def _safe_cell(value: object) -> object:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only after it


def export_csv_zip(db: Database, bom: bool = False) -> bytes:
    """A zip: cases.csv to read (each case with its date, rotation, attending and skills,
    codes spelled out), and every table as it is stored under tables/, money in units of
    its currency (planned_cents 1234 -> planned 12.34). Cells a spreadsheet would run as
    a formula are neutralised; bom: for Excel."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("cases.csv", _csv(*readable_cases(db), bom))
        for table, body in export_json(db)["tables"].items():
            columns, rows = _in_units(body["columns"], body["rows"])
            archive.writestr(f"tables/{table}.csv", _csv(columns, rows, bom))
    return buffer.getvalue()


def _csv(columns: list[str], rows: list[list[Any]], bom: bool) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows([_safe_cell(v) for v in row] for row in rows)
    return (BOM if bom else "") + text.getvalue()


def _in_units(columns: list[str], rows: list[list[Any]]) -> tuple[list[str], list[list[Any]]]:
    """Amounts kept in minor units (cents) as amounts in their currency's units: the
    row's own currency, else dollars."""
    money = [i for i, name in enumerate(columns) if name.endswith("_cents")]
    if not money:
        return columns, rows
    currency = columns.index("currency") if "currency" in columns else None
    named = [name.removesuffix("_cents") if i in money else name for i, name in enumerate(columns)]
    converted = []
    for row in rows:
        code = str(row[currency]) if currency is not None and row[currency] else "USD"
        converted.append(
            [
                amount_text(value, code) if i in money and isinstance(value, int) else value
                for i, value in enumerate(row)
            ]
        )
    return named, converted


CASE_COLUMNS = [
    "date",
    "rotation",
    "attending",
    "procedure",
    "specialty",
    "technique",
    "asa",
    "emergency",
    "age band",
    "airway",
    "comorbidities",
    "skills",
    "teaching point",
    "memorable",
]


def readable_cases(db: Database) -> tuple[list[str], list[list[Any]]]:
    """Each case as a person reads it: names instead of ids, codes spelled out."""
    from tracker.domain.journal import AIRWAY_WORDS, TECHNIQUE_WORDS
    from tracker.store import journal

    names = {int(i): str(name) for i, name in db.execute("SELECT id, name FROM people")}
    found = journal.dated_cases(db)
    skills = journal.skills_of(db, [item.case.id for item in found if item.case.id])
    rows = []
    for item in found:
        case = item.case
        done = skills.get(case.id or 0, [])
        rows.append(
            [
                item.day,
                item.place or "",
                names.get(case.attending_id or 0, ""),
                case.procedure,
                case.specialty,
                TECHNIQUE_WORDS.get(case.technique, case.technique),
                case.asa if case.asa is not None else "",
                "yes" if case.emergency else "no",
                case.age_band.replace("_", " "),
                AIRWAY_WORDS.get(case.airway or "", case.airway or ""),
                case.comorbidities,
                "; ".join(f"{s.skill} ({s.role})" for s in done),
                case.teaching_point,
                "yes" if case.memorable else "no",
            ]
        )
    return CASE_COLUMNS, rows


# A hint at the app's keys in stored or rule-made text: "(t drafts it)", ": P in Letters".
_KEY_HINT = re.compile(r"\s*\((?:[a-zA-Z]|ctrl\+\w) [^)]*\)|:\s+[A-Za-z] in [A-Z][a-z]+\b")


def without_key_hints(text: str) -> str:
    """Text for a calendar: the app's key hints taken out (no keys in a calendar)."""
    return _KEY_HINT.sub("", text).strip()


def export_ics(db: Database) -> bytes:
    """Blocks, application deadlines, open checklist items and follow-ups, each with a
    stable UID: importing the file again updates the events instead of adding copies."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", f"-//Away {__version__}//away-rotations//EN")
    calendar.add("version", "2.0")
    domain = f"{tables.calendar_id(db)}.away.local"  # this database's events only
    stamp = datetime.now(UTC).replace(microsecond=0)  # RFC 5545: when this file was made

    def event(uid: str, summary: str, start: str, end: str | None = None) -> None:
        item = Event()
        item.add("uid", f"{uid}@{domain}")
        item.add("dtstamp", stamp)
        item.add("summary", without_key_hints(summary))
        first = date.fromisoformat(start)
        last = date.fromisoformat(end) if end else first
        item.add("dtstart", first)
        item.add("dtend", last + timedelta(days=1))  # all-day: the end is exclusive
        calendar.add_component(item)

    for r in programs.list_rotations(db):
        place = r.institution or r.program_name
        if r.starts_on and r.status in ("accepted", "completed", "offered"):
            event(f"block-{r.id}", f"Rotation at {place}", r.starts_on, r.ends_on)
        if r.deadline_on and r.status in ("idea", "preparing"):
            event(f"deadline-{r.id}", f"Application deadline: {place}", r.deadline_on)
    for item in checklists.open_items_due_by(db, LAST_DAY):
        event(f"item-{item.id}", f"Due: {item.title}", item.due_on or "")
    for follow_up in letters.open_follow_ups_due_by(db, LAST_DAY):
        name = follow_up.person_name
        event(f"follow-up-{follow_up.id}", f"{follow_up.action} ({name})", follow_up.due_on or "")
    return bytes(calendar.to_ical())


def scope_of(form: str, chosen: frozenset[str] = frozenset()) -> "Scope | None":
    """The free text an export includes (None: none, as in the calendar); a summary's
    depends on its sections (highlights: learning points and feedback; stories: the
    memorable cases)."""
    from dataclasses import replace

    from tracker.store.phi import EVERYTHING, SUMMARY

    if form in ("json", "csv"):
        return replace(EVERYTHING, eras_drafts=True)  # every table: the drafts too
    if form not in ("md", "html", "pdf"):
        return None
    return replace(
        SUMMARY,
        day_fields=SUMMARY.day_fields if "highlights" in chosen else (),
        case_fields=SUMMARY.case_fields if "stories" in chosen else (),
    )


def render(
    db: Database,
    form: str,
    today: date,
    keep_flagged: bool = False,
    paper: str = "letter",
    chosen: "frozenset[str] | None" = None,
    bom: bool = False,
) -> bytes:
    """The export's bytes in one of FORMATS; refused (FlaggedText) when text it includes
    looks like a patient identifier, unless keep_flagged. A summary holds the chosen
    sections (a mentor's copy by default); a PDF is on paper (letter, a4); ExportError
    when a name would print as a blank."""
    from tracker.services import summary

    chosen = summary.FOR_A_MENTOR if chosen is None else chosen
    if not keep_flagged:
        refuse_flagged(db, scope_of(form, chosen))
    if form in ("md", "html", "pdf"):
        title, sections = summary.build(db, today, chosen)
        if form == "md":
            return summary.to_markdown(title, sections).encode()
        if form == "html":
            return summary.to_html(title, sections).encode()
        return pdf_or_refusal(title, sections, paper)
    if form == "json":
        return json.dumps(export_json(db), ensure_ascii=False, indent=1).encode()
    if form == "csv":
        return export_csv_zip(db, bom)
    if form == "ics":
        return export_ics(db)
    raise ExportError(f"unknown format {form}; one of {', '.join(FORMATS)}")


def pdf_or_refusal(title: str, sections: "list[Section]", paper: str) -> bytes:
    """The PDF, or ExportError naming the text that would print as blanks."""
    from tracker.services.pdf import Unprintable
    from tracker.services.summary import to_pdf

    try:
        return to_pdf(title, sections, paper)
    except Unprintable as error:
        raise ExportError(
            f"the PDF was not written: {error}; the html or md export shows them"
        ) from None


def default_path(db_path: Path, form: str, today: date) -> Path:
    suffix = {"csv": "zip"}.get(form, form)
    kind = "summary" if form in ("md", "html", "pdf") else "data"
    return db_path.parent / "exports" / f"away-{kind}-{today.isoformat()}.{suffix}"


def private_folder(folder: Path) -> None:
    """Make folder (and its missing parents) 0700 whatever the umask; a folder that
    exists already is the user's choice and is left as it is."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        os.mkdir(made, 0o700)
        os.chmod(made, 0o700)  # (mkdir's mode passes through the umask)


def write_whole(content: bytes, target: Path, force: bool = False) -> Path:
    """Write content to target through a temporary file renamed into place: a failure
    never leaves half a file. An existing file (or a symbolic link, even a broken one)
    is kept unless force. The file is 0600 and new folders 0700: an export holds the
    journal."""
    if os.path.lexists(target) and not force:
        raise ExportError(
            f"{target} already exists; nothing was written (use --force to replace it)"
        )
    try:
        private_folder(target.parent)
        temp = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            fd = _anonymous_file(target.parent)
            if fd is None:  # (not Linux, or a file system without them: a named one)
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                named = True
            else:
                named = False
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), 0o600)  # (a leftover file keeps its old mode)
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
                if not named:  # written and synced: only now does it get a name
                    temp.unlink(missing_ok=True)  # (a leftover of an older process)
                    _name(handle.fileno(), temp)
            os.replace(temp, target)
        finally:
            temp.unlink(missing_ok=True)
    except OSError as error:
        reason = (error.strerror or str(error)).lower()
        raise ExportError(f"{target} cannot be written: {reason}; nothing was written") from None
    return target


def _name(fd: int, path: Path) -> None:
    """Give an anonymous file a name. (os.link follows the /proc link only through
    linkat, which it calls when given a folder's descriptor.)"""
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(f"/proc/self/fd/{fd}", path.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _anonymous_file(folder: Path) -> int | None:
    """A file in folder with no name yet (Linux O_TMPFILE): killed while it is written,
    the process leaves nothing behind (a named temporary file stayed, hidden, beside the
    export). None where the system or the file system has none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o600)
    except OSError:
        return None
