"""Opening the database file safely: header check, pragmas, quick_check, migrations, locks."""

import contextlib
import errno
import functools
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from tracker.domain.text import fold
from tracker.store.schema import KNOWN_STEPS, MIGRATION_SET, MIGRATIONS_TABLE, migrations

if TYPE_CHECKING:
    from sqlite_utils import Database as SqliteUtilsDatabase
    from sqlite_utils.db import Table

try:  # advisory locks between Away processes; not available on Windows
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]  # Windows: no locks, restore cannot tell

SQLITE_HEADER = b"SQLite format 3\x00"
APP_NAME = "away-rotation-tracker"
BUSY_TIMEOUT_S = 10
# A temporary file whose process is gone, or older than this, is a leftover of a kill.
STALE_AFTER_S = 3600


T = TypeVar("T")


class StoreError(Exception):
    """A database problem to show the user as one sentence; nothing was written."""


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "away.db"


DEMO_SUFFIX = "-demo"


def demo_path_of(path: Path) -> Path:
    """The demo file that belongs beside a user's database: away.db -> away-demo.db."""
    return path.with_name(f"{path.stem}{DEMO_SUFFIX}{path.suffix}")


def is_demo(path: Path) -> bool:
    return path.stem.endswith(DEMO_SUFFIX)


def home_path_of(path: Path) -> Path:
    """The user's own database beside a demo file: away-demo.db -> away.db."""
    return path.with_name(f"{path.stem.removesuffix(DEMO_SUFFIX)}{path.suffix}")


def _refusal(path: Path, reason: str, name_backup: bool = True) -> StoreError:
    from tracker.store.backups import newest_backup

    if not name_backup:
        return StoreError(f"{path} {reason}; it was left untouched.")
    backup = newest_backup(path)
    hint = (
        f"the newest backup is {backup} (restore it with: away restore {backup})"
        if backup
        else "no backup of it was found"
    )
    return StoreError(f"{path} {reason}; it was left untouched and {hint}.")


def readonly_uri(path: Path, immutable: bool = False) -> str:
    """A read-only SQLite URI; Path.as_uri() quotes '#', '?' and '%' in file names."""
    return Path(os.path.abspath(path)).as_uri() + ("?immutable=1" if immutable else "?mode=ro")


def _wal_exists(path: Path) -> bool:
    """True when a -wal file holds changes not yet in the database file."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def connect_readonly(path: Path, timeout: float = BUSY_TIMEOUT_S) -> sqlite3.Connection:
    """A read-only connection that creates no file beside the database.

    With no changes in a -wal file the database file alone is the whole truth, so it is
    read as immutable: a plain read-only open would create -shm, and fails in a folder the
    user cannot write (or on a full disk).
    """
    conn = sqlite3.connect(
        readonly_uri(path, immutable=not _wal_exists(path)),
        uri=True,
        timeout=timeout,
        isolation_level=None,
    )
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return conn


def applied_steps(conn: sqlite3.Connection) -> list[str] | None:
    """Names of applied Away migration steps; None when the file has no migrations table."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
        [MIGRATIONS_TABLE],
    ).fetchone()
    if not has_table:
        return None
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid",
        [MIGRATION_SET],
    )
    return [name for (name,) in rows]


def _quick_check(path: Path) -> tuple[str, int, list[str] | None]:
    conn = connect_readonly(path)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
        return (result[0] if result else ""), tables.fetchone()[0], applied_steps(conn)
    finally:
        conn.close()


def inspect_file(path: Path, name_backup: bool = True) -> None:
    """Refuse (StoreError) a file that exists but is not a healthy Away database.

    Reads only: the header is checked before SQLite touches the file, because SQLite
    would silently turn an empty or foreign file into a new database. name_backup: point
    to the file's newest backup (not for a file the user offers to restore from).
    """
    refuse = functools.partial(_refusal, name_backup=name_backup)
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise refuse(path, "is empty, not an Away database")
    if header != SQLITE_HEADER:
        raise refuse(path, "is not an Away database (it is not a SQLite file)")
    try:
        result, tables, steps = _quick_check(path)
        if result != "ok" and not _wal_exists(path):
            # An immutable read can race a writer that started meanwhile: look again.
            result, tables, steps = _quick_check(path)
    except sqlite3.DatabaseError as error:
        from tracker.store.errors import is_damage

        if not is_damage(error):
            raise
        raise refuse(path, f"cannot be read as a database ({error})") from None
    if result != "ok":
        raise refuse(path, "is damaged (SQLite's quick_check failed)")
    if tables and not steps:
        raise refuse(path, "is another program's SQLite database, not Away's")
    unknown = [name for name in steps or [] if name not in KNOWN_STEPS]
    if unknown:
        raise refuse(
            path,
            f"was written by a newer version of Away (schema step {unknown[-1]}); "
            "update Away to open it",
        )


class Inspection:
    """inspect_file begun on a thread: SQLite reads the file without holding the
    interpreter, so its quick_check (16 ms for a 13 MB file) runs while the app's modules
    are imported. The opening waits for it, and raises what it found."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path).expanduser()
        self._refusal: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="away-inspection", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            inspect_file(self.path)
        except BaseException as error:  # the opening raises it, in its own thread
            self._refusal = error

    def wait(self) -> None:
        self._thread.join()
        if self._refusal is not None:
            raise self._refusal


def _inspect(path: Path, begun: Inspection | None) -> None:
    if begun is not None and begun.path == path:
        begun.wait()
    else:
        inspect_file(path)


# --- the open lock: restore refuses while any Away process has the database open -------


def lock_path(path: Path) -> Path:
    return Path(f"{path}-lock")


def _open_lock_file(path: Path, create: bool = True) -> int | None:
    if fcntl is None:
        return None
    try:
        if create:
            return os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
        return os.open(lock_path(path), os.O_RDONLY)
    except OSError:
        try:  # a read-only folder: an existing lock file can still be shared
            return os.open(lock_path(path), os.O_RDONLY)
        except OSError:
            return None  # nothing can replace this file from here either


def _shared_lock(path: Path, create: bool = True) -> int | None:
    """Held for the life of a connection; waits while a restore is replacing the file.

    A reader does not create the lock file: it leaves nothing beside a file it only reads.
    """
    fd = _open_lock_file(path, create)
    if fd is None:
        return None
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                os.close(fd)
                raise StoreError(
                    f"{path} is being restored by another Away; try again in a moment."
                ) from None
            time.sleep(0.05)


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """For restore: StoreError at once when any Away process has the database open."""
    fd = _open_lock_file(path)
    if fd is None:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"Away has {path} open; close it first (nothing was changed)."
            ) from None
        yield
    finally:
        os.close(fd)


class AwayDatabase:
    """The connection and the few operations the store uses, with Away's transactions.

    The outermost atomic() begins IMMEDIATE: a deferred transaction that reads before it
    writes fails at once with "database is locked" when another process commits in
    between, whatever the busy timeout; an IMMEDIATE one waits for the write lock first.

    sqlite-utils (44 ms to import, a fifth of start-up) is loaded only when something
    needs it: migrations and its table helpers (`db.table(name)`, `db[name]`), whose
    own transactions go through this atomic() too.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, lock_fd: int | None, read_only: bool = False
    ) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._lock_fd = lock_fd
        self._identity = _identity(path)
        self._derived: dict[str, tuple[tuple[int, int], Any]] = {}

    def version(self) -> tuple[int, int]:
        """Changes so far: this connection's, and a count that moves when another one
        commits (PRAGMA data_version). Equal versions: the file reads the same."""
        return self.conn.total_changes, self.conn.execute("PRAGMA data_version").fetchone()[0]

    def derived(self, name: str, read: Callable[[], T]) -> T:
        """read(), made again only when the file has changed since it was last made (for
        what is read often and changes rarely, such as the names the PHI guard allows)."""
        version = self.version()
        made = self._derived.get(name)
        if made is None or made[0] != version:
            made = self._derived[name] = (version, read())
        return cast(T, made[1])

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, parameters)

    def query(
        self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, parameters)
        keys = [column[0] for column in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row, strict=True))

    @contextlib.contextmanager
    def atomic(self) -> Iterator["AwayDatabase"]:
        if self.conn.in_transaction:  # nested: a savepoint, undone alone on an error
            name = f"away_{os.urandom(8).hex()}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:  # an error may have ended the transaction
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._check_not_replaced()
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    @functools.cached_property
    def utils(self) -> "SqliteUtilsDatabase":
        """A sqlite-utils Database on this connection, whose atomic() is this one's."""
        from sqlite_utils import Database

        away = self

        class Linked(Database):
            def atomic(self) -> Any:
                return away.atomic()

        # Away uses no sqlite-utils plugins; skipping them saves an entry-point scan.
        return Linked(self.conn, execute_plugins=False)

    def table(self, name: str) -> "Table":
        return self.utils.table(name)

    def __getitem__(self, name: str) -> "Table":
        return self.table(name)

    def table_names(self) -> list[str]:
        return list(self.utils.table_names())

    def _check_not_replaced(self) -> None:
        if self._identity is not None and _identity(self.path) != self._identity:
            raise StoreError(
                f"{self.path} was replaced or removed while Away had it open "
                "(a restore?); nothing was saved. Close Away and open it again."
            )

    def close(self) -> None:
        self.conn.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None


# The name the store modules annotate their connection with.
Database = AwayDatabase


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    conn.execute("PRAGMA foreign_keys = ON")
    # fold() makes text filters blind to case and accents ("eloi" finds "Éloi").
    conn.create_function("fold", 1, fold, deterministic=True)


def connect(path: Path, lock: bool = True) -> AwayDatabase:
    """A writable connection with Away's pragmas; no checks, no migrations.

    isolation_level=None: no implicit deferred transactions; atomic() begins them.
    """
    lock_fd = _shared_lock(path) if lock else None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        # WAL is kept in the file: set it only when it is not (a new file is built in WAL
        # already). Changing it needs an exclusive lock that the busy timeout does not wait
        # for, so two first opens at once would fail here.
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        _configure(conn)
    except BaseException:
        if lock_fd is not None:
            os.close(lock_fd)
        raise
    return AwayDatabase(conn, path, lock_fd)


def connect_readonly_db(path: Path) -> AwayDatabase:
    """A read-only Database for commands that only read (check, backup, export)."""
    lock_fd = _shared_lock(path, create=False)
    try:
        conn = connect_readonly(path)
        _configure(conn)
    except BaseException:
        if lock_fd is not None:
            os.close(lock_fd)
        raise
    return AwayDatabase(conn, path, lock_fd, read_only=True)


# --- creating and upgrading ------------------------------------------------------------


def temp_name(path: Path, suffix: str) -> Path:
    """A per-process temporary name beside path: '.away.db.<pid>-<token>.<suffix>'."""
    return path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.{suffix}")


_TEMP_OWNER = re.compile(r"\.(\d+)-[0-9a-f]+\.[a-z]+")


def _is_stale(temp: Path) -> bool:
    """True for a temporary file whose process has gone (or that is over an hour old)."""
    try:
        age = time.time() - temp.stat().st_mtime
    except OSError:
        return False
    owner = _TEMP_OWNER.search(temp.name)
    if age > STALE_AFTER_S or not owner:
        return age > 60
    try:
        os.kill(int(owner.group(1)), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # another user's live process
    return False


def glob_escape(text: str) -> str:
    """A file name as a literal glob pattern ('[' and '*' are legal in names)."""
    return re.sub(r"([\[\]*?])", r"[\1]", text)


def remove_stale(folder: Path, pattern: str) -> None:
    """Delete leftovers of killed processes; never a reason to fail."""
    try:
        for temp in folder.glob(pattern):
            if _is_stale(temp):
                temp.unlink(missing_ok=True)
    except OSError:
        pass


def publish(temp: Path, target: Path) -> None:
    """Put a finished file in place without ever replacing one (FileExistsError)."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links (FAT, some network shares)
        if target.exists():
            raise FileExistsError(target) from None
        os.rename(temp, target)
        return
    temp.unlink(missing_ok=True)


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _create_new(path: Path) -> None:
    """Build the schema in a temporary file beside path, then put it in place.

    A process killed at any moment leaves no file or a complete database; two processes
    creating at once both end with the same one.
    """
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        os.chmod(path.parent, 0o700)  # mkdir's mode is filtered by the umask
    temp = temp_name(path, "new")
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:  # name the file the user asked for, not our temporary one
        if error.errno == errno.ENOTDIR:
            raise StoreError(
                f"{path} cannot be created: {path.parent} is a file, not a folder."
            ) from None
        reason = (error.strerror or str(error)).lower()
        raise StoreError(f"{path} cannot be created in {path.parent}: {reason}.") from None
    try:
        conn = sqlite3.connect(str(temp), isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # kept in the file: set once, here
            conn.execute("PRAGMA synchronous = FULL")
            from sqlite_utils import Database

            migrations().apply(Database(conn, execute_plugins=False))
            _checkpoint_fully(conn)
        finally:
            conn.close()
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process created it first
            publish(temp, path)
        _fsync_folder(path.parent)
    finally:
        temp.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            Path(f"{temp}{suffix}").unlink(missing_ok=True)


def _checkpoint_fully(conn: sqlite3.Connection) -> None:
    """Move every page from the -wal into the file itself, or raise.

    The new file is published alone and its -wal deleted: a checkpoint that failed (a
    full disk) would otherwise publish a file missing the pages still in the -wal.
    """
    busy, in_log, moved = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy or in_log != moved:
        raise sqlite3.OperationalError("database or disk is full")
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise sqlite3.OperationalError("database or disk is full")


def pending_steps(db: AwayDatabase) -> list[str]:
    """Steps this Away knows that the file has not applied yet (no sqlite-utils needed)."""
    applied = set(applied_steps(db.conn) or [])
    return [name for name in KNOWN_STEPS if name not in applied]


def migrate(db: AwayDatabase) -> list[str]:
    """Apply pending steps in one IMMEDIATE transaction; returns the names applied.

    Foreign keys are off meanwhile: a table rebuild drops the old table, and with them
    on, its ON DELETE actions would fire on the rows that point to it.
    """
    if not pending_steps(db):
        return []
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            pending = pending_steps(db)  # again: another process may have applied them
            migrations().apply(db.utils)
            if db.execute("PRAGMA foreign_key_check").fetchall():
                raise StoreError(
                    f"{db.path}: an upgrade step broke a reference; nothing was changed."
                )
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    return pending


def open_db(path: Path | str, inspection: Inspection | None = None) -> AwayDatabase:
    """Open (creating if missing) an Away database, checked and migrated to this version.

    Before an upgrade of an existing file, a copy is kept in backups/. inspection: the
    check of the file, begun earlier (see Inspection).
    """
    path = Path(path).expanduser()
    _inspect(path, inspection)
    if path.parent.exists():  # leftovers of a first open that was killed
        remove_stale(path.parent, f".{glob_escape(path.name)}.*.new*")
    if not path.exists():
        _create_new(path)
    db = connect(path)
    try:
        if pending_steps(db):
            from tracker.store.backups import backup_before_upgrade

            backup_before_upgrade(db.conn, path)
            migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def open_readonly(path: Path | str, inspection: Inspection | None = None) -> AwayDatabase:
    """Open an existing Away database read-only: checked, never migrated or created."""
    path = Path(path).expanduser()
    if not path.exists():
        raise StoreError(f"{path} does not exist.")
    _inspect(path, inspection)
    return connect_readonly_db(path)


def schema_version(db: Database) -> tuple[int, str]:
    """(number of applied steps, name of the latest one)."""
    steps = applied_steps(db.conn) or []
    return len(steps), (steps[-1] if steps else "")
