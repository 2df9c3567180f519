"""Full-text search over the journal: kept in sync by triggers, safe with any query."""

import shutil
from pathlib import Path

import pytest

from tracker.domain.journal import Case, JournalDay, search_terms
from tracker.store import journal
from tracker.store.db import open_db

FIXTURE = Path(__file__).parents[1] / "fixtures" / "release-1-demo.db"


def days_found(db, text):
    return [hit.day for hit in journal.search(db, text)]


def test_search_follows_inserts_edits_and_deletes(db):
    day_id = journal.add_day(db, JournalDay(day="2026-07-15", learning_points="Pre-oxygenate"))
    journal.add_case(db, Case(day_id=day_id, procedure="Hôpital Saint-Éloi hernia repair"))
    assert days_found(db, "preoxygenate") == []  # whole words: "Pre-oxygenate" is two
    assert days_found(db, "oxygenate") == ["2026-07-15"]
    assert days_found(db, "eloi HOPITAL") == ["2026-07-15"]  # accents and case ignored
    journal.append_learning_point(db, "2026-07-15", "Sugammadex reverses rocuronium")
    assert days_found(db, "sugamm*") == ["2026-07-15"]
    db.execute("UPDATE cases SET procedure = 'Inguinal hernia' WHERE day_id = ?", [day_id])
    assert days_found(db, "eloi") == []
    assert days_found(db, "inguinal") == ["2026-07-15"]
    db.execute("DELETE FROM journal_days WHERE id = ?", [day_id])  # its cases go with it
    assert days_found(db, "inguinal") == []
    assert days_found(db, "sugammadex") == []
    assert db.execute("SELECT count(*) FROM journal_search").fetchone()[0] == 0


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "(",
        "a AND",
        "OR",
        "NOT NOT",
        "*",
        "-",
        "spinal)",
        '"unbalanced',
        "😀",
        "🩺 spinal",
        "a:b",
        "col:value",
        "NEAR(a b)",
        "^start",
        "",
    ],
)
def test_no_query_can_break_the_search(db, query):
    journal.add_day(db, JournalDay(day="2026-07-15", learning_points="spinal start a b"))
    journal.search(db, query)  # never raises


def test_search_terms_quote_every_word():
    assert search_terms('spinal "L4-5" AND') == '"spinal" "L4-5" "AND"'
    assert search_terms("anticoag*") == '"anticoag"*'
    assert search_terms("😀 !!") is None


def test_an_upgraded_release_1_file_is_searchable(tmp_path):
    path = tmp_path / "away.db"
    shutil.copyfile(FIXTURE, path)
    db = open_db(path)
    hits = journal.search(db, "cricoid")
    assert hits
    assert all("[cricoid]" in hit.snippet.lower() for hit in hits)
    db.close()


def test_case_stats_count_every_case_once(demo_path):
    db = open_db(demo_path)
    every = journal.case_stats(db)
    cases = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    assert every.cases == cases == sum(every.by_technique.values())
    assert sum(n for key, n in every.by_asa.items() if key != "E") == cases
    performed = db.execute("SELECT count(*) FROM case_skills WHERE role = 'performed'")
    assert sum(r.get("performed", 0) for r in every.skills.values()) == performed.fetchone()[0]
    rotation_ids = [
        r
        for (r,) in db.execute(
            "SELECT DISTINCT rotation_id FROM journal_days WHERE rotation_id IS NOT NULL"
        )
    ]
    assert sum(journal.case_stats(db, r).cases for r in rotation_ids) == cases
    db.close()
