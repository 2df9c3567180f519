"""The database as a whole, table by table: what the JSON and CSV exports write and the
JSON import reads back. Only the user's tables: not SQLite's, not the migrations', not
the search index (rebuilt by triggers from journal_days and cases)."""

from typing import Any

from tracker.store.db import Database

_SKIP_PREFIXES = ("sqlite_", "_sqlite", "journal_search")


def user_tables(db: Database) -> list[str]:
    """Tables in creation order (parents before the tables that refer to them)."""
    return [
        str(name)
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
        )
        if not str(name).startswith(_SKIP_PREFIXES)
    ]


def every_row(db: Database) -> dict[str, dict[str, Any]]:
    """Each user table: its columns and every row, in insertion order."""
    tables: dict[str, dict[str, Any]] = {}
    for table in user_tables(db):
        cursor = db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
        tables[table] = {
            "columns": [column[0] for column in cursor.description],
            "rows": [list(row) for row in cursor],
        }
    return tables


def schema_steps(db: Database) -> list[str]:
    """The migration steps applied to the file, in order."""
    return [
        str(name) for (name,) in db.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")
    ]


def holds_data(db: Database) -> bool:
    return any(
        db.execute(f"SELECT 1 FROM [{table}] LIMIT 1").fetchone() for table in user_tables(db)
    )


def empty_all(db: Database) -> None:
    """Delete every row of every user table (inside the caller's transaction)."""
    for table in reversed(user_tables(db)):
        db.execute(f"DELETE FROM [{table}]")


def insert_rows(db: Database, table: str, columns: list[str], rows: list[list[Any]]) -> None:
    """Rows as exported (ids included); the caller checks the table is one of ours and
    defers foreign keys, so tables may come in any order."""
    names = ", ".join(f"[{c}]" for c in columns)
    marks = ", ".join("?" for _ in columns)
    db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", rows)
