"""Programs and rotation applications, with the history of status changes."""

from sqlite_utils import Database

from tracker.domain.programs import Program, Rotation, StatusChange
from tracker.store import rows

ROTATION_DISPLAY = ("program_name", "institution")


def add_program(db: Database, program: Program) -> int:
    return rows.insert(db, "programs", program)


def list_programs(db: Database) -> list[Program]:
    return rows.select(db, Program, "SELECT * FROM programs ORDER BY name, institution")


def add_rotation(db: Database, rotation: Rotation, changed_on: str) -> int:
    """Insert an application and record its first status on changed_on."""
    with db.atomic():
        rotation_id = rows.insert(db, "rotations", rotation, skip=ROTATION_DISPLAY)
        record_status(db, rotation_id, rotation.status, changed_on)
    return rotation_id


def record_status(db: Database, rotation_id: int, status: str, changed_on: str) -> None:
    db["rotation_status_changes"].insert(
        {"rotation_id": rotation_id, "status": status, "changed_on": changed_on}
    )


def list_rotations(db: Database) -> list[Rotation]:
    return rows.select(
        db,
        Rotation,
        """SELECT rotations.*, programs.name AS program_name, programs.institution
           FROM rotations
           JOIN programs ON programs.id = rotations.program_id
           ORDER BY coalesce(rotations.starts_on, '9999'), programs.name""",
    )


def status_history(db: Database, rotation_id: int) -> list[StatusChange]:
    return rows.select(
        db,
        StatusChange,
        "SELECT * FROM rotation_status_changes WHERE rotation_id = ? ORDER BY changed_on, id",
        [rotation_id],
    )
