"""Today's PHI scan of the journal, remembered between runs: years of journal took
seconds of a core at every start (4,000 days: about 6 s), to find what the last run
found. The texts found clean are kept as keyed digests in the user's cache folder
(never the text: 16-byte BLAKE2 digests under a random key kept beside them, a file
only the user can read); the next scan reads again only texts not among them. A
different guard, word lists or allowed names start a new memory; a missing, damaged or
unwritable one costs a full scan, nothing else."""

import contextlib
import hashlib
import os
import sqlite3
from pathlib import Path

from tracker.domain.journal import Flagged
from tracker.services.phi_cache import cache_file
from tracker.store.db import Database
from tracker.store.phi import flagged_text, team_names
from tracker.store.tables import calendar_id

MAGIC = b"away-phi-scan-1\n"
DIGEST = 16  # bytes of each text's digest (and of the key and the fingerprint)
GUARD_FILES = ("phi.py", "phi_words.py")  # in tracker/domain: an edit is a new guard


class CleanTexts:
    """The digests of texts found clean: those read from the last run, and those the
    scan finds now. Only the ones seen this run are written back (deleted days leave)."""

    def __init__(self, key: bytes, remembered: set[bytes]) -> None:
        self.key = key
        self.remembered = remembered
        self.seen: set[bytes] = set()

    def _digest(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode(), key=self.key, digest_size=DIGEST).digest()

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        digest = self._digest(text)
        if digest in self.remembered:
            self.seen.add(digest)
            return True
        return False

    def add(self, text: str) -> None:
        self.seen.add(self._digest(text))


def scan(db: Database) -> list[Flagged]:
    """flagged_text over the whole journal, reading again only texts not found clean by
    an earlier run with the same guard and the same allowed names."""
    try:
        path = memory_file(db)
    except sqlite3.Error:  # a file from before the random id (read, not upgraded)
        return flagged_text(db)
    fingerprint = _fingerprint(db)
    clean = _read(path, fingerprint) or CleanTexts(os.urandom(DIGEST), set())
    found = flagged_text(db, clean=clean)
    if clean.seen != clean.remembered:
        # 0600 through the one writer of private files (imported only to write: 30 ms);
        # a read-only home: a full scan next time.
        from tracker.services.exporting import ExportError, write_whole

        with contextlib.suppress(ExportError):
            write_whole(MAGIC + fingerprint + clean.key + b"".join(sorted(clean.seen)), path, True)
    return found


def memory_file(db: Database) -> Path:
    """Beside the guard's word lists, one per database (its random id)."""
    return cache_file().with_name(f"phi-scan-{calendar_id(db)}.bin")


def _fingerprint(db: Database) -> bytes:
    """What the verdicts depend on: the guard's code, its word lists and the names the
    file allows."""
    domain = Path(__file__).parents[1] / "domain"
    parts = [cache_file().name, *sorted(team_names(db))]
    for name in GUARD_FILES:
        stat = (domain / name).stat()
        parts.append(f"{name}:{stat.st_mtime_ns}:{stat.st_size}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=DIGEST).digest()


def _read(path: Path, fingerprint: bytes) -> CleanTexts | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + 2 * DIGEST
    if not data.startswith(MAGIC) or (len(data) - head) % DIGEST:
        return None  # damaged: forgotten
    if data[len(MAGIC) : len(MAGIC) + DIGEST] != fingerprint:
        return None  # another guard or other names allowed: every verdict may differ
    key = data[len(MAGIC) + DIGEST : head]
    digests = {data[at : at + DIGEST] for at in range(head, len(data), DIGEST)}
    return CleanTexts(key, digests)
