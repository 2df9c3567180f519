"""The PHI guard's word lists, cached as their digests on disk: the first use reads them
from Faker and english-words (about 0.5 s and 30 MB of modules that stay loaded); later
runs read 1.4 MB from the cache folder in a few ms. Not user data: a missing, stale or
unreadable cache is rebuilt, and one that cannot be written is simply not kept."""

import contextlib
import os
from array import array
from pathlib import Path

from tracker.domain import phi_words
from tracker.domain.phi_words import HashedWords
from tracker.services.kept_file import installed

FORMAT = 1  # of the file: two arrays of 64-bit digests, names then English words


def cache_file() -> Path:
    """In AWAY_CACHE_DIR if set (the tests set it), else the user's cache folder; named
    after the installed word packages, so an upgrade of either makes a new one."""
    from platformdirs import user_cache_path

    folder = Path(os.environ.get("AWAY_CACHE_DIR") or user_cache_path("away"))
    made_from = "-".join(installed(package) for package in ("faker", "english_words"))
    return folder / f"phi-words-{FORMAT}-{made_from}.bin"


def cached_word_lists() -> tuple[HashedWords, HashedWords]:
    path = cache_file()
    try:
        return _read(path)
    except (OSError, ValueError, EOFError):
        pass
    lists = phi_words.from_packages()
    with contextlib.suppress(OSError):  # a read-only home: built again next time
        _write(path, lists)
    return lists


def _read(path: Path) -> tuple[HashedWords, HashedWords]:
    data = path.read_bytes()
    names_count = int.from_bytes(data[:8], "little")
    digests = array("Q")
    digests.frombytes(data[8:])
    if len(digests) <= names_count or names_count == 0:
        raise ValueError("a damaged cache")
    return HashedWords(digests[:names_count]), HashedWords(digests[names_count:])


def _write(path: Path, lists: tuple[HashedWords, HashedWords]) -> None:
    names, english = lists
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}")
    temp.write_bytes(
        len(names.digests).to_bytes(8, "little")
        + names.digests.tobytes()
        + english.digests.tobytes()
    )
    os.replace(temp, path)  # whole or not at all, as a second process may read it


def install() -> None:
    """The guard reads its lists through the cache from now on."""
    phi_words.use_word_source(cached_word_lists)
