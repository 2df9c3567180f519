"""Turning dataclasses into rows and back, with text cleaned on the way in."""

import dataclasses
import functools
import operator
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from tracker.domain.checks import Check, InvalidValues, record_errors
from tracker.domain.text import clean_text
from tracker.store.db import Database

Checks = dict[str, tuple[Check, ...]]

STAGED_FROM = 100  # records in one insert_many from which they are staged (see there)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T", bound="DataclassInstance")


def now_utc() -> str:
    # The standard library's clock: pendulum (3 MB, 20 ms to import) is left to the demo.
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def values_of(item: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """Column values of a dataclass: no id, no display-only fields, clean text, bools as 0/1."""
    cls: type = type(item)
    names, read, optional = _columns(cls, skip)
    values = dict(zip(names, read(item), strict=True))
    for name, value in values.items():
        # Exact types first: the common cases cost one comparison (10,000 rows imported).
        if value.__class__ is str or (value.__class__ is not bool and isinstance(value, str)):
            if not (value.isascii() and "\x00" not in value):  # (clean_text's own shortcut)
                value = values[name] = clean_text(value)
            if value == "" and name in optional:
                values[name] = None  # an empty date or choice is no value, as the schema wants
        elif isinstance(value, bool):
            values[name] = int(value)
    return values


@functools.cache
def _columns(
    cls: type, skip: tuple[str, ...]
) -> tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]], frozenset[str]]:
    """The columns of a class's records, a reader of their values in that order, and the
    optional ones: once per class (an import writes ten thousand records)."""
    names = tuple(name for name in _by_name(cls) if name != "id" and name not in skip)
    getter = operator.attrgetter(*names)
    read = getter if len(names) > 1 else lambda item: (getter(item),)
    return names, read, _optional(cls)


_FIELDS: dict[type, dict[str, dataclasses.Field[Any]]] = {}


def _by_name(cls: type) -> dict[str, dataclasses.Field[Any]]:
    # dataclasses.fields() builds a tuple on every call: once per class is enough.
    if cls not in _FIELDS:
        _FIELDS[cls] = {field.name: field for field in dataclasses.fields(cls)}
    return _FIELDS[cls]


_OPTIONAL: dict[type, frozenset[str]] = {}


def _optional(cls: type) -> frozenset[str]:
    """The fields that may be None (str | None): empty text is stored as NULL."""
    if cls not in _OPTIONAL:
        _OPTIONAL[cls] = frozenset(
            name for name, field in _by_name(cls).items() if "None" in str(field.type)
        )
    return _OPTIONAL[cls]


def from_row(cls: type[T], row: dict[str, Any]) -> T:
    read: Callable[[Sequence[Any]], T] = _reader(cls, tuple(row))
    return read(tuple(row.values()))


@functools.cache
def _reader(cls: type[T], columns: tuple[str, ...]) -> Callable[[Sequence[Any]], T]:
    """Makes a record from a row of these columns, once per query shape: the columns
    without a field are dropped, 0/1 become bools, NULL text becomes ''.

    The record is filled as pickle fills one, without its __init__: a frozen dataclass's
    sets each field through object.__setattr__ (1.4 us for a program's 17; reading 1,200
    programs took 8 ms, 4.5 now). Only for a class whose __init__ does nothing more (no
    __post_init__) and whose fields the columns cover or give defaults to; else __init__."""
    names = _by_name(cls)
    kept = [(index, name) for index, name in enumerate(columns) if name in names]
    bools = [(index, name) for index, name in kept if names[name].type is bool]
    blanks = [(index, name) for index, name in kept if names[name].default == ""]
    plain = [pair for pair in kept if pair not in bools and pair not in blanks]
    plain_names = tuple(name for _, name in plain)
    plain_values = _getter([index for index, _ in plain])
    read_names = {name for _, name in kept}
    left = [field for name, field in names.items() if name not in read_names]
    defaults = {field.name: field.default for field in left}
    whole = (
        not hasattr(cls, "__post_init__")
        and not hasattr(cls, "__slots__")
        and all(field.init for field in names.values())
        and all(field.default is not dataclasses.MISSING for field in left)
    )
    new, fill = object.__new__, object.__setattr__

    def read(row: Sequence[Any]) -> T:
        values = dict(zip(plain_names, plain_values(row), strict=True))
        for index, name in bools:
            values[name] = bool(row[index])
        for index, name in blanks:
            values[name] = "" if row[index] is None else row[index]
        if not whole:
            return cls(**values)
        if defaults:
            values.update(defaults)
        record = new(cls)
        fill(record, "__dict__", values)
        return record

    return read


def _getter(indexes: list[int]) -> Callable[[Sequence[Any]], tuple[Any, ...]]:
    if len(indexes) == 1:
        index = indexes[0]
        return lambda row: (row[index],)
    return operator.itemgetter(*indexes) if indexes else lambda row: ()


def checked(item: Any, checks: Checks) -> None:
    """InvalidValues unless the record's text passes its area's checks (the form's own)."""
    if errors := record_errors(item, checks):
        raise InvalidValues(errors)


def insert(db: Database, table: str, item: Any, checks: Checks, skip: tuple[str, ...] = ()) -> int:
    checked(item, checks)
    values = values_of(item, skip)
    # Plain SQL: sqlite-utils' insert() reads the table's schema on every call (about
    # eight statements a row). Table and column names come from our dataclasses.
    columns = ", ".join(f"[{name}]" for name in values)
    marks = ", ".join("?" for _ in values)
    sql = f"INSERT INTO [{table}] ({columns}) VALUES ({marks})"
    if db.conn.in_transaction:  # one statement is atomic: no savepoint needed
        cursor = db.execute(sql, list(values.values()))
    else:
        with db.atomic():
            cursor = db.execute(sql, list(values.values()))
    if cursor.lastrowid is None:  # pragma: no cover - every Away table has an integer key
        raise RuntimeError(f"no key for the new row in {table}")
    return cursor.lastrowid


def insert_many(
    db: Database,
    table: str,
    items: Sequence[Any],
    checks: Checks,
    skip: tuple[str, ...] = (),
    links: dict[str, Sequence[int]] | None = None,
) -> list[int]:
    """Insert many records with one executemany; returns their ids, in order.

    links: a column -> one id per item, written instead of the records' own (the ids of
    records inserted just before, e.g. each application's new program; the schema's
    foreign keys hold them).

    Only inside a write transaction (atomic() begins IMMEDIATE, so no other process can
    insert meanwhile): the ids are given explicitly, following the largest one.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("insert_many runs inside db.atomic()")
    if not items:
        return []
    for item in items:
        checked(item, checks)
    first = db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]").fetchone()[0]
    ids = list(range(first, first + len(items)))
    values = [values_of(item, skip) for item in items]
    for column, linked in (links or {}).items():
        for row, link in zip(values, linked, strict=True):
            row[column] = link
    columns = ", ".join(f"[{name}]" for name in ["id", *values[0]])
    marks = ", ".join("?" for _ in range(len(values[0]) + 1))
    rows = ([row_id, *row.values()] for row_id, row in zip(ids, values, strict=True))
    if len(items) < STAGED_FROM:
        db.conn.executemany(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", rows)
        return ids
    # SQLite builds the lists of the schema's CHECK (x IN (...)) again for each statement
    # it runs, and executemany runs one a row: staged in a table without checks, the rows
    # go in with one statement (10,000 programs: 0.17 -> 0.11 s). The same checks apply.
    staged = f"away_staged_{table}"
    db.execute(f"CREATE TEMP TABLE [{staged}] ({columns})")
    try:
        db.conn.executemany(f"INSERT INTO [{staged}] VALUES ({marks})", rows)
        db.execute(f"INSERT INTO [{table}] ({columns}) SELECT {columns} FROM [{staged}]")
    finally:
        db.execute(f"DROP TABLE [{staged}]")
    return ids


def update(db: Database, table: str, item: Any, checks: Checks, skip: tuple[str, ...] = ()) -> None:
    checked(item, checks)
    values = values_of(item, skip) | {"updated_at": now_utc()}
    assignments = ", ".join(f"[{name}] = ?" for name in values)
    with db.atomic():
        db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*values.values(), item.id])


def select(
    db: Database,
    cls: type[T],
    sql: str,
    params: Sequence[object] = (),
    limit: int | None = None,
    offset: int = 0,
) -> list[T]:
    """Rows of sql as cls; with limit, one page of them (sql must have its ORDER BY)."""
    if limit is not None:
        sql, params = f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset]
    cursor = db.execute(sql, params)
    read: Callable[[Sequence[Any]], T] = _reader(
        cls, tuple(column[0] for column in cursor.description)
    )
    return [read(row) for row in cursor]


def count(db: Database, table: str) -> int:
    return int(db.execute(f"SELECT count(*) FROM [{table}]").fetchone()[0])
