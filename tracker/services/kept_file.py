"""A table that start-up computes the same way every time, kept in a file beside the .pyc
files (dataclasses' compiled methods, Textual's parsed styles).

Not user data: a missing, damaged or foreign file (another Python, another version of
what made it) reads as empty and is written whole again; one that cannot be written (a
read-only install, PYTHONDONTWRITEBYTECODE) is not kept. Several processes may share it:
each adds its own entries to what is on disk, and the file is replaced whole.
"""

import contextlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# More entries than this (old versions' entries piling up): the file starts again.
MAX_ENTRIES = 4000


def installed(package: str) -> str:
    """The package as installed (its file's time and size), found without importing it or
    importlib.metadata (25 ms and 2 MB, for a version number): an upgrade changes it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return "none"
    stat = Path(spec.origin).stat()
    return f"{stat.st_mtime_ns:x}.{stat.st_size:x}"


def in_pycache(module_file: str, name: str) -> Path:
    """The file NAME in the __pycache__ folder beside a module, for this Python."""
    tag = sys.implementation.cache_tag or "python"
    return Path(module_file).resolve().parent / "__pycache__" / f"{name}.{tag}.bin"


class KeptFile:
    """A dict[str, value] marshalled with a stamp; values of the wrong kind are left out."""

    def __init__(
        self,
        path: Callable[[], Path],
        stamp: Callable[[], bytes | str],
        valid: Callable[[Any], bool],
    ) -> None:
        self.path = path  # called at each use (the tests point it elsewhere)
        self.stamp = stamp  # what made the entries: a file with another stamp is not read
        self.valid = valid

    def read(self) -> dict[str, Any]:
        with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
            stamp, entries = marshal.loads(self.path().read_bytes())
            if stamp == self.stamp() and isinstance(entries, dict):
                return {
                    key: value
                    for key, value in entries.items()
                    if isinstance(key, str) and self.valid(value)
                }
        return {}

    def add(self, new: dict[str, Any]) -> None:
        """Write new entries beside those on disk (another process may have added its own)."""
        if not new or sys.dont_write_bytecode:
            return
        path = self.path()
        entries = self.read()
        if len(entries) + len(new) > MAX_ENTRIES:
            entries = {}
        entries |= new
        with contextlib.suppress(OSError):  # read-only: made again next time
            path.parent.mkdir(exist_ok=True)
            temp = path.with_name(f".{path.name}.{os.getpid()}")
            temp.write_bytes(marshal.dumps((self.stamp(), entries)))
            os.replace(temp, path)  # whole or not at all: other processes read it
