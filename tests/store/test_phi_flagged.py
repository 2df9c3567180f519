"""The PHI guard over what the file holds: journal text flagged again, where (never
what), the team's names allowed, and each output's scope."""

from tracker.domain.journal import Case, JournalDay
from tracker.domain.letters import Person
from tracker.domain.profile import Profile
from tracker.store import journal, letters
from tracker.store.db import open_db
from tracker.store.phi import EVERYTHING, SUMMARY, flagged_text, packet_scope, team_names
from tracker.store.profile import save_profile


def filled(path):
    db = open_db(path)
    save_profile(db, Profile(full_name="Zoë Nguyễn"))
    okafor = letters.add_person(db, Person(name="Chidi Okafor"))
    journal.save_day(
        db,
        None,
        JournalDay(
            day="2026-07-06",
            learning_points="Okafor showed me the interscalene block\nNguyễn wrote this",
        ),
        None,
    )
    day_id = journal.day_of(db, "2026-07-06").id
    journal.add_case(db, Case(day_id=day_id, procedure="Lap chole", attending_id=okafor), [])
    journal.save_day(
        db,
        None,
        JournalDay(day="2026-07-07", feedback="Mrs. Adeyemi in bed 4 thanked me"),
        None,
    )
    day_id = journal.day_of(db, "2026-07-07").id
    journal.add_case(
        db,
        Case(day_id=day_id, procedure="TKA", teaching_point="pt Folasade, DOB 3/4/1950"),
        [],
    )
    return db, okafor


def test_flagged_text_names_the_day_and_field_and_allows_the_team(tmp_path):
    db, okafor = filled(tmp_path / "away.db")
    assert {"okafor", "chidi", "zoë", "nguyễn"} <= team_names(db)
    found = flagged_text(db, EVERYTHING)
    assert [str(flag) for flag in found] == [
        "2026-07-07, feedback",
        "2026-07-07, case: teaching point",
    ]
    assert all("Adeyemi" not in str(flag) for flag in found)  # where, never the text
    assert flagged_text(db, SUMMARY) == [found[0]]  # the summary has no unmemorable case
    assert flagged_text(db, packet_scope(okafor)) == []  # Okafor's cases are clean


def test_a_name_that_leaves_the_team_is_flagged_again(tmp_path):
    db, okafor = filled(tmp_path / "away.db")
    db.execute("DELETE FROM people WHERE id = ?", [okafor])
    assert "2026-07-06, learning points" in map(str, flagged_text(db))


def test_the_allowed_names_are_read_again_only_when_the_file_changes(tmp_path):
    # Each journal day shown asks for them; a person added here or by another process
    # (away log, a second window) is allowed at once, and nothing else reads them again.
    db, _ = filled(tmp_path / "away.db")
    reads: list[str] = []
    db.conn.set_trace_callback(lambda sql: reads.append(sql) if "UNION ALL" in sql else None)
    first = team_names(db)
    assert team_names(db) is first
    assert len(reads) == 1
    letters.add_person(db, Person(name="Ifeoma Eze"))
    assert "ifeoma" in team_names(db)
    other = open_db(tmp_path / "away.db")
    letters.add_person(other, Person(name="Kwame Mensah"))
    other.close()
    assert "mensah" in team_names(db)
    assert len(reads) == 3
    team_names(db)
    assert len(reads) == 3
    db.close()
