"""Programs and rotation applications, with the history of status changes."""

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from tracker.domain.checks import InvalidValues
from tracker.domain.programs import (
    PROGRAM_CHECKS,
    ROTATION_CHECKS,
    Program,
    Rotation,
    StatusChange,
    block_errors,
    status_dates,
)
from tracker.domain.text import fold
from tracker.store import rows
from tracker.store.db import Database

ROTATION_DISPLAY = ("program_name", "institution", "program_kind")


PROGRESS_EVERY = 1000  # records between two progress calls of an import

DUPLICATE = {"name": "a program with this name and institution already exists"}


def add_program(db: Database, program: Program) -> int:
    """InvalidValues when a program with the same name and institution exists."""
    try:
        return rows.insert(db, "programs", program, PROGRAM_CHECKS)
    except sqlite3.IntegrityError:
        raise InvalidValues(DUPLICATE) from None


def update_program(db: Database, program: Program) -> None:
    try:
        rows.update(db, "programs", program, PROGRAM_CHECKS)
    except sqlite3.IntegrityError:
        raise InvalidValues(DUPLICATE) from None


def get_program(db: Database, program_id: int) -> Program | None:
    found = rows.select(db, Program, "SELECT * FROM programs WHERE id = ?", [program_id])
    return found[0] if found else None


def programs_by_id(db: Database, ids: Sequence[int]) -> list[Program]:
    """The programs of ids, in that order (one deleted meanwhile is left out)."""
    marks = ",".join("?" * len(ids))
    found = rows.select(db, Program, f"SELECT * FROM programs WHERE id IN ({marks})", ids)
    by_id = {program.id: program for program in found}
    return [by_id[program_id] for program_id in ids if program_id in by_id]


def find_program(db: Database, name: str, institution: str) -> Program | None:
    found = rows.select(
        db,
        Program,
        "SELECT * FROM programs WHERE lower(name) = lower(?) AND lower(institution) = lower(?)",
        [name.strip(), institution.strip()],
    )
    return found[0] if found else None


def _like(text: str) -> str:
    """A LIKE pattern for fold()ed columns: blind to case and accents, wildcards escaped."""
    folded = fold(text.strip()) or ""
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _matches(columns: list[str]) -> str:
    return "(" + " OR ".join(f"fold({column}) LIKE ? ESCAPE '\\'" for column in columns) + ")"


PROGRAM_SEARCH = ["name", "institution", "city", "state", "notes"]
ROTATION_SEARCH = ["programs.name", "programs.institution", "rotations.notes"]


def list_programs(
    db: Database, text: str = "", kind: str | None = None, limit: int | None = None
) -> list[Program]:
    where, params = ["1"], []
    if text.strip():
        where.append(_matches(PROGRAM_SEARCH))
        params += [_like(text)] * len(PROGRAM_SEARCH)
    if kind:
        where.append("kind = ?")
        params.append(kind)
    sql = f"SELECT * FROM programs WHERE {' AND '.join(where)} ORDER BY name, institution, id"
    return rows.select(db, Program, sql, params, limit=limit)


def program_names(db: Database) -> list[tuple[int, str, str]]:
    """(id, name, institution) of every program, by institution then name: the choices
    of a form (reading whole records took 10 ms at 1,200 programs)."""
    rows = db.execute("SELECT id, name, institution FROM programs").fetchall()
    # Python's lower(), not SQLite's (ASCII only): "École" and "école" sort together.
    return sorted(((r[0], r[1], r[2]) for r in rows), key=lambda r: (r[2].lower(), r[1].lower()))


def count_programs(db: Database) -> int:
    return rows.count(db, "programs")


def count_by_kind(db: Database) -> dict[str, int]:
    return dict(db.execute("SELECT kind, count(*) FROM programs GROUP BY kind").fetchall())


def delete_program(db: Database, program_id: int) -> None:
    """Deletes the program with its applications; their journal days are kept, detached
    (the UI asks first)."""
    with db.atomic():
        db.execute("DELETE FROM programs WHERE id = ?", [program_id])


def dependents(
    db: Database, *, program_id: int | None = None, rotation_id: int | None = None
) -> dict[str, int]:
    """What a delete touches: applications deleted with it, journal days and cases kept."""
    param: int | None
    if program_id is not None:
        scope, param = "SELECT id FROM rotations WHERE program_id = ?", program_id
    else:
        scope, param = "SELECT id FROM rotations WHERE id = ?", rotation_id
    row = db.execute(
        f"""SELECT (SELECT count(*) FROM ({scope})),
                   (SELECT count(*) FROM journal_days WHERE rotation_id IN ({scope})),
                   (SELECT count(*) FROM cases JOIN journal_days ON journal_days.id = cases.day_id
                    WHERE journal_days.rotation_id IN ({scope}))""",
        [param, param, param],
    ).fetchone()
    return {"applications": row[0], "journal days": row[1], "cases": row[2]}


def _check_block(rotation: Rotation) -> None:
    """Each field, then the block's dates together (as the form checks them)."""
    rows.checked(rotation, ROTATION_CHECKS)
    if errors := block_errors(rotation.starts_on or None, rotation.ends_on or None):
        raise InvalidValues(errors)


def add_rotation(db: Database, rotation: Rotation, changed_on: str) -> int:
    """Insert an application and record its first status on changed_on."""
    _check_block(rotation)
    with db.atomic():
        rotation_id = rows.insert(db, "rotations", rotation, ROTATION_CHECKS, skip=ROTATION_DISPLAY)
        record_status(db, rotation_id, rotation.status, changed_on)
    return rotation_id


def update_rotation(db: Database, rotation: Rotation, changed_on: str) -> None:
    """Save an edited application; a changed status is recorded in the history."""
    if rotation.id is None:
        raise ValueError("update_rotation needs a saved application")
    _check_block(rotation)
    with db.atomic():
        before = get_rotation(db, rotation.id)
        rows.update(db, "rotations", rotation, ROTATION_CHECKS, skip=ROTATION_DISPLAY)
        if before and before.status != rotation.status:
            record_status(db, rotation.id, rotation.status, changed_on)


def set_status(db: Database, rotation_id: int, status: str, on: date) -> None:
    """Move an application to status on a day, filling applied / decision dates if empty."""
    with db.atomic():
        rotation = get_rotation(db, rotation_id)
        if rotation is None or rotation.status == status:
            return
        values = {
            "status": status,
            "updated_at": rows.now_utc(),
            **status_dates(rotation, status, on),
        }
        db.table("rotations").update(rotation_id, values)
        record_status(db, rotation_id, status, on.isoformat())


def record_status(db: Database, rotation_id: int, status: str, changed_on: str) -> None:
    db.execute(
        "INSERT INTO rotation_status_changes (rotation_id, status, changed_on) VALUES (?, ?, ?)",
        [rotation_id, status, changed_on],
    )


# A rotation's place in words: its institution, else the program's name.
PLACE = "coalesce(nullif(programs.institution, ''), programs.name)"

_ROTATIONS = """SELECT rotations.*, programs.name AS program_name, programs.institution,
                       programs.kind AS program_kind
                FROM rotations JOIN programs ON programs.id = rotations.program_id"""


def get_rotation(db: Database, rotation_id: int) -> Rotation | None:
    found = rows.select(db, Rotation, f"{_ROTATIONS} WHERE rotations.id = ?", [rotation_id])
    return found[0] if found else None


def list_rotations(db: Database, text: str = "", status: str | None = None) -> list[Rotation]:
    where, params = ["1"], []
    if text.strip():
        where.append(_matches(ROTATION_SEARCH))
        params += [_like(text)] * len(ROTATION_SEARCH)
    if status:
        where.append("rotations.status = ?")
        params.append(status)
    return rows.select(
        db,
        Rotation,
        f"""{_ROTATIONS} WHERE {" AND ".join(where)}
            ORDER BY coalesce(rotations.starts_on, '9999'), programs.name""",
        params,
    )


def has_rotations(db: Database) -> bool:
    return bool(db.execute("SELECT EXISTS (SELECT 1 FROM rotations)").fetchone()[0])


def delete_rotation(db: Database, rotation_id: int) -> None:
    """Deletes the application; its journal days and cases are kept, no longer tied to a
    rotation (the UI asks first)."""
    with db.atomic():
        db.execute("DELETE FROM rotations WHERE id = ?", [rotation_id])


def status_history(db: Database, rotation_id: int) -> list[StatusChange]:
    return rows.select(
        db,
        StatusChange,
        "SELECT rotation_id, status, changed_on FROM rotation_status_changes "
        "WHERE rotation_id = ? ORDER BY changed_on, id",
        [rotation_id],
    )


def import_programs(
    db: Database,
    records: list[tuple[Program, Rotation | None]],
    update: bool,
    today: str,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int, int]:
    """Add new programs (with their application, if any); existing ones (same name and
    institution) are skipped, or updated when update is set.

    All or nothing: one transaction. Returns (added, updated, skipped). progress(done,
    total) is called every PROGRESS_EVERY records.
    """
    updated = skipped = 0
    new_keys = set()
    new: list[tuple[Program, Rotation | None]] = []
    with db.atomic():
        # Read inside the write transaction: another process may add programs meanwhile.
        existing = {
            (row["name"].lower(), row["institution"].lower()): row["id"]
            for row in db.query("SELECT id, name, institution FROM programs")
        }
        for done, (program, application) in enumerate(records, start=1):
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, len(records))
            key = (program.name.lower(), program.institution.lower())
            if key in new_keys:  # twice in the same batch: the first one wins
                skipped += 1
            elif key in existing and update:
                rows.update(db, "programs", replace(program, id=existing[key]), PROGRAM_CHECKS)
                updated += 1
            elif key in existing:
                skipped += 1
            else:
                new_keys.add(key)
                new.append((program, application))
        # New records in three batches: programs, their applications, first statuses.
        program_ids = rows.insert_many(db, "programs", [p for p, _ in new], PROGRAM_CHECKS)
        linked = [(a, pid) for (_, a), pid in zip(new, program_ids, strict=True) if a is not None]
        applications = [application for application, _ in linked]
        rotation_ids = rows.insert_many(
            db,
            "rotations",
            applications,
            ROTATION_CHECKS,
            skip=ROTATION_DISPLAY,
            links={"program_id": [program_id for _, program_id in linked]},
        )
        db.conn.executemany(
            "INSERT INTO rotation_status_changes (rotation_id, status, changed_on) "
            "VALUES (?, ?, ?)",
            [(rid, a.status, today) for rid, a in zip(rotation_ids, applications, strict=True)],
        )
        if progress and len(records) >= PROGRESS_EVERY:
            progress(len(records), len(records))
    return len(new), updated, skipped
