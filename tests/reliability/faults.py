"""What the fault tests share: how many times to repeat a fault, and a subprocess of away."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tracker.store import tables
from tracker.store.db import connect_readonly

SOAK = os.environ.get("AWAY_SOAK") == "1"
ROOT = Path(__file__).parents[2]
ENV = os.environ | {"PYTHONPATH": str(ROOT)}


def runs(fast: int, full: int) -> int:
    """How many times to repeat a fault: a few in make test, the full count in make soak."""
    return full if SOAK else fast


def python_process(*args: object, **options: object) -> subprocess.Popen[str]:
    """A Python process of this project (its code on the path), started with its output
    captured as text."""
    return subprocess.Popen(
        [sys.executable, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
        **options,  # type: ignore[arg-type]
    )


def away_process(*args: object, **options: object) -> subprocess.Popen[str]:
    """A real `away` command, started (to be killed or waited for)."""
    return python_process("-m", "tracker", *args, **options)


def columns(path: Path) -> dict[str, list[str]]:
    """Each user table's columns, as the exports see them: not the migrations' own,
    SQLite's, or the search index (derived from the journal, and re-indexed when it
    covers new fields)."""
    conn = connect_readonly(path)
    found = {
        t: [row[1] for row in conn.execute(f"PRAGMA table_info([{t}])")]
        for t in tables.user_tables(conn)  # type: ignore[arg-type]
    }
    conn.close()
    return found


# Columns a migration renamed: (table, old name) -> new name (m006: a cost per month or
# in total, no longer only monthly).
RENAMED = {("housing_options", "monthly_cents"): "amount_cents"}


def dump(path: Path, shape: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table; with shape, only those tables and columns (what an older
    schema had, to compare after an upgrade that added or renamed some)."""
    if shape is None:
        shape, renamed = columns(path), {}
    else:
        renamed = RENAMED
    conn = connect_readonly(path)  # leaves nothing beside the file (the fixture included)
    data = {
        table: sorted(
            conn.execute(
                f"SELECT {', '.join(f'[{renamed.get((table, c), c)}]' for c in cols)} "
                f"FROM [{table}]"
            ),
            key=repr,
        )
        for table, cols in shape.items()
    }
    conn.close()
    return data


def content_hash(data: dict[str, list[tuple]]) -> str:
    """A hash of every row of every table of data."""
    return hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()


def rows_in(data: dict[str, list[tuple]]) -> int:
    return sum(len(rows) for rows in data.values())
