"""The single profile row."""

from tracker.domain.checks import InvalidValues, field_texts
from tracker.domain.profile import Profile, profile_errors
from tracker.store.db import Database
from tracker.store.rows import from_row, now_utc, values_of


def get_profile(db: Database) -> Profile:
    rows = list(db.query("SELECT * FROM profile WHERE id = 1"))
    return from_row(Profile, rows[0]) if rows else Profile()


def save_profile(db: Database, profile: Profile) -> None:
    """Validate, then write the profile in one transaction; InvalidValues if refused."""
    if errors := profile_errors(field_texts(profile)):
        raise InvalidValues(errors)
    values = values_of(profile) | {"id": 1, "updated_at": now_utc()}
    with db.atomic():
        db.table("profile").upsert(values, pk="id")


def is_new_user(db: Database) -> bool:
    """True on a fresh database: no profile yet and no programs or journal."""
    row = db.execute(
        """SELECT (SELECT count(*) FROM profile) + (SELECT count(*) FROM programs)
                  + (SELECT count(*) FROM journal_days)"""
    ).fetchone()
    return bool(row[0] == 0)
