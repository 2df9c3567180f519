"""Dataclasses' generated methods compiled once and read back: the same classes, nothing
compiled on the second run, and a damaged or unwritable file never in the way."""

import marshal
import os
import subprocess
import sys
from pathlib import Path

# Defines dataclasses after installing the cache at CACHE, checks that they behave as
# dataclasses do, saves, and prints how many method texts it had to compile.
SCRIPT = """
import dataclasses, sys
from pathlib import Path
from tracker.services import dataclass_code

dataclass_code.cache_file = lambda: Path(sys.argv[1])
dataclass_code.install()

@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()

@dataclasses.dataclass
class Bag:
    name: str
    items: list[int] = dataclasses.field(default_factory=list)

p = Point(1)
assert (p.x, p.y, p.tags) == (1, 0, ())
assert repr(p) == "Point(x=1, y=0, tags=())"
assert p == Point(1, 0) and p != Point(2) and hash(p) == hash(Point(1))
try:
    p.x = 3
except dataclasses.FrozenInstanceError:
    pass
else:
    raise AssertionError("a frozen dataclass took a new value")
a, b = Bag("a"), Bag("b")
a.items.append(1)
assert b.items == [] and a == Bag("a", [1]) and repr(b) == "Bag(name='b', items=[])"
dataclass_code.save()
print(dataclass_code.compiled_in_this_process())
"""


def compiled(cache: Path, env: dict[str, str] | None = None) -> int:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(cache)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "", **(env or {})},
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout)


def test_the_second_run_compiles_nothing_and_its_classes_behave_the_same(tmp_path: Path) -> None:
    cache = tmp_path / "__pycache__" / "methods.bin"
    assert compiled(cache) > 0  # (its classes' checks passed)
    assert cache.exists()
    assert compiled(cache) == 0  # every method's code read from the file; checks passed


def test_a_damaged_or_foreign_file_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "methods.bin"
    for damaged in (b"", b"\x00garbage", b"\xe3" * 100):
        cache.write_bytes(damaged)
        assert compiled(cache) > 0
        assert compiled(cache) == 0  # the file was written whole again
    # An entry that is not code is compiled again (the others are still read).
    magic, entries = marshal.loads(cache.read_bytes())
    first = next(iter(entries))
    cache.write_bytes(marshal.dumps((magic, {**entries, first: b"\x00not code"})))
    assert compiled(cache) == 1
    assert compiled(cache) == 0
    # A file of another Python's bytecode (its magic number) is not read.
    cache.write_bytes(marshal.dumps((b"\x00\x00\r\n", {})))
    assert compiled(cache) > 0


def test_a_cache_that_cannot_be_written_is_not_kept(tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    assert compiled(blocked / "methods.bin") > 0  # no error
    assert compiled(blocked / "methods.bin") > 0
    # PYTHONDONTWRITEBYTECODE: nothing written, as for .pyc files.
    cache = tmp_path / "methods.bin"
    assert compiled(cache, {"PYTHONDONTWRITEBYTECODE": "1"}) > 0
    assert not cache.exists()


def test_the_app_keeps_them_beside_its_own_bytecode() -> None:
    from tracker.services import dataclass_code

    path = dataclass_code.cache_file()
    assert path.parent.name == "__pycache__"
    assert path.parent.parent == Path(dataclass_code.__file__).resolve().parent
    assert sys.implementation.cache_tag in path.name


def test_after_start_up_the_code_read_is_let_go_and_new_classes_still_work(tmp_path: Path) -> None:
    script = SCRIPT.replace(
        "dataclass_code.save()\n",
        "dataclass_code.release()\n"
        "assert not dataclass_code._compiled\n"
        "@dataclasses.dataclass(frozen=True)\n"
        "class Later:\n"
        "    when: str = ''\n"
        "assert Later('x') == Later('x') and repr(Later()) == \"Later(when='')\"\n",
    )
    cache = tmp_path / "methods.bin"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script, str(cache)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""},
        )
        assert done.returncode == 0, done.stderr
    assert cache.exists()
