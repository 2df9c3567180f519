"""Today's PHI scan remembers the texts it found clean: the next run reads only new or
changed text, and flags what it flagged before; the memory holds no journal text."""

import stat

import tracker.store.phi as store_phi
from tests.store.test_phi_flagged import filled
from tracker.domain.journal import JournalDay
from tracker.domain.letters import Person
from tracker.services.phi_scan import memory_file, scan
from tracker.store import journal, letters
from tracker.store.phi import flagged_text


def counting_guard(monkeypatch) -> list[str]:
    read: list[str] = []
    guard = store_phi.find_phi

    def counted(text, team):
        read.append(text)
        return guard(text, team)

    monkeypatch.setattr(store_phi, "find_phi", counted)
    return read


def test_a_second_scan_reads_only_new_text_and_flags_the_same(db_path, monkeypatch):
    db, _ = filled(db_path)
    expected = flagged_text(db)
    assert expected  # the fixture holds flagged lines
    read = counting_guard(monkeypatch)
    assert scan(db) == expected
    first = len(read)
    read.clear()
    assert scan(db) == expected  # flagged again, from the guard, not the memory
    assert 0 < len(read) < first
    flagged_again = list(read)
    read.clear()
    journal.save_day(db, None, JournalDay(day="2026-07-09", feedback="Calm induction"), None)
    assert scan(db) == expected
    assert sorted(read) == sorted([*flagged_again, "Calm induction"])


def test_the_memory_holds_no_text_and_only_the_user_reads_it(db_path):
    db, _ = filled(db_path)
    scan(db)
    path = memory_file(db)
    data = path.read_bytes()
    for word in ("interscalene", "Okafor", "Adeyemi", "Lap chole", "TKA"):
        assert word.encode() not in data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_new_names_allowed_or_a_damaged_memory_mean_a_full_scan(db_path, monkeypatch):
    db, _ = filled(db_path)
    expected_before = flagged_text(db)
    read = counting_guard(monkeypatch)
    scan(db)
    every_text = len(read)
    read.clear()
    assert scan(db) == expected_before
    assert len(read) < every_text  # remembered
    letters.add_person(db, Person(name="Folasade Bello"))  # a name the guard now allows
    read.clear()
    found = scan(db)
    assert len(read) == every_text  # the verdicts may differ: all read again
    read.clear()
    assert found == flagged_text(db)
    read.clear()
    memory_file(db).write_bytes(b"not a memory")
    assert scan(db) == found
    assert len(read) == every_text
