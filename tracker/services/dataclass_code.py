"""The methods Python writes for each dataclass, compiled once and kept beside the .pyc files.

`dataclasses` writes each class's __init__, __repr__, __eq__ (a frozen one's __hash__,
__setattr__ and __delattr__ too) as source text and compiles it at every start: about
0.5 ms a class, 30 ms of start-up for the hundred dataclasses (Textual's and ours) on the
way to Today. The code is the same for the same text, so it is kept as Python keeps a
module's: compiled once, in __pycache__, keyed by the exact text (new text is compiled
and added). Not user data: a missing, damaged or foreign file is rebuilt, and one that
cannot be written (a read-only install, PYTHONDONTWRITEBYTECODE) is not kept.
"""

import atexit
import builtins
import contextlib
import dataclasses
import importlib.util
import marshal
from pathlib import Path
from types import CodeType
from typing import Any

from tracker.services.kept_file import KeptFile, in_pycache

# A Python with another bytecode reads nothing from a file written by this one.
MAGIC = importlib.util.MAGIC_NUMBER

_compiled: dict[str, CodeType] = {}
_unsaved: list[str] = []  # texts compiled since the file was last written
_compiled_here = 0  # texts compiled in this process


def cache_file() -> Path:
    return in_pycache(__file__, "dataclass-methods")


def _exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """builtins.exec for the dataclasses module (its only use: the methods' text)."""
    global _compiled_here
    if isinstance(source, str):
        code = _compiled.get(source) or _from_file(source)
        if code is None:
            code = _compiled[source] = compile(source, "<string>", "exec")
            _unsaved.append(source)
            _compiled_here += 1
        source = code
    builtins.exec(source, globals, locals)


# Each entry is one text's code, marshalled: only the classes this process makes are read
# (the file holds every class ever made here: reading all of it took 4-5 ms).
_kept = KeptFile(lambda: cache_file(), lambda: MAGIC, lambda entry: isinstance(entry, bytes))
_stored: dict[str, bytes] = {}  # the file's entries, read by install()


def _from_file(text: str) -> CodeType | None:
    entry = _stored.get(text)
    if entry is None:
        return None
    with contextlib.suppress(ValueError, EOFError, TypeError):
        code = marshal.loads(entry)
        if isinstance(code, CodeType):
            _compiled[text] = code
            return code
    return None


def save() -> None:
    """Write the file if this process compiled texts it did not hold (at exit)."""
    _kept.add({text: marshal.dumps(_compiled[text]) for text in _unsaved})
    _unsaved.clear()


def release() -> None:
    """Let go of the code read from the file (most of it classes this process never
    makes): once start-up is over, a class made later is compiled as Python does."""
    save()
    _compiled.clear()
    _stored.clear()


def compiled_in_this_process() -> int:
    return _compiled_here


def install() -> None:
    """From now on, dataclasses reads the code of the texts it compiled before."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    _stored.update(_kept.read())
    # A module's own global comes before the builtin: only dataclasses' exec is ours.
    dataclasses.exec = _exec  # type: ignore[attr-defined]
    atexit.register(save)
