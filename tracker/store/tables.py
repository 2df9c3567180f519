"""The database as a whole, table by table: what the JSON and CSV exports write and the
JSON import reads back. Only the user's tables: not SQLite's, not the migrations', not
the search index (rebuilt by triggers from journal_days and cases), not the file's own
identity (_away_identity: one per database)."""

from typing import Any

from tracker.store.db import Database

_SKIP_PREFIXES = ("sqlite_", "_sqlite", "journal_search", "_away")


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


def columns_of(db: Database) -> dict[str, list[str]]:
    """Each user table's columns."""
    return {
        table: [str(row[1]) for row in db.execute(f"PRAGMA table_info([{table}])")]
        for table in user_tables(db)
    }


def value_problems(db: Database, shown: int = 20) -> tuple[list[str], int]:
    """Stored values that Away could not use: text that is not valid UTF-8 (a flipped
    byte), dates that do not exist, numbers past 64 bits (domain/cells.py). Named by
    table, row and column, never by content; the first `shown`, and how many in all."""
    from tracker.domain.cells import cell_problem

    found: list[str] = []
    total = 0
    conn = db.conn
    names = user_tables(db)
    previous = conn.text_factory
    conn.text_factory = bytes  # read text undecoded: a bad byte must not stop the scan
    try:
        for table in names:
            cursor = conn.execute(f"SELECT rowid, * FROM [{table}]")
            columns = [column[0] for column in cursor.description][1:]
            for rowid, *values in cursor:
                for column, value in zip(columns, values, strict=True):
                    if isinstance(value, bytes):
                        try:
                            value = value.decode("utf-8")
                        except UnicodeDecodeError:
                            problem: str | None = "not valid UTF-8 text"
                        else:
                            problem = cell_problem(column, value)
                    else:
                        problem = cell_problem(column, value)
                    if problem:
                        total += 1
                        if len(found) < shown:
                            found.append(f"{table} row {rowid}, {column}: {problem}")
    finally:
        conn.text_factory = previous
    return found, total


def calendar_id(db: Database) -> str:
    """The database's own random id (m014), for the calendar's UIDs."""
    found = db.execute("SELECT calendar_id FROM _away_identity WHERE id = 1").fetchone()
    return str(found[0]) if found else "local"
