"""The journal's pure rules: merging two writers' text, skills and tags as typed."""

from datetime import date

import pytest

from tracker.domain.checks import InvalidValues
from tracker.domain.journal import (
    block_week,
    case_from_values,
    comorbidity_tags,
    merge_text,
    parse_skills,
    week_of,
)


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "merged"),
    [
        ("a", "a b", "a", "a b"),  # only the editor changed
        ("a", "a", "a\nlog line", "a\nlog line"),  # only the other writer
        ("a", "a b", "a\nlog line", "a b\nlog line"),  # both added: both kept
        ("", "typed", "log line", "typed\nlog line"),  # a new day written twice
        ("old", "rewritten", "old\nlog", "rewritten\nlog"),
        ("a\nb", "a", "a\nb\nc", "a\nc"),  # the editor deleted b; the new line c stays
        ("same", "x", "x", "x"),
    ],
)
def test_merge_keeps_both_writers_words(base, mine, theirs, merged):
    assert merge_text(base, mine, theirs) == merged


def test_skills_take_a_role_from_their_last_word_and_known_names_their_spelling():
    skills = parse_skills("intubation p, iv observed; Arterial line assisted, epidural")
    assert [(s.skill, s.role) for s in skills] == [
        ("intubation", "performed"),
        ("IV", "observed"),
        ("arterial line", "assisted"),
        ("epidural", "observed"),
    ]
    assert parse_skills("") == []
    assert parse_skills("spinal o, SPINAL o")[1:] == []  # the same skill once


def test_comorbidity_tags_keep_free_tags_and_spell_known_ones_one_way():
    assert comorbidity_tags("copd,  osa, Anticoagulation, CKD stage 3") == (
        "COPD, OSA, anticoagulation, CKD stage 3"
    )


def test_a_case_from_form_text_names_each_refused_field():
    case, skills = case_from_values(
        {"procedure": "Lap chole", "asa": "3", "emergency": "1", "skills": "LMA p"}, 7
    )
    assert (case.day_id, case.asa, case.emergency, skills[0].skill) == (7, 3, True, "LMA")
    with pytest.raises(InvalidValues) as refused:
        case_from_values({"procedure": " ", "story": "x" * 20_001}, 7)
    assert set(refused.value.errors) == {"procedure", "story"}


def test_weeks_of_the_calendar_and_of_a_block():
    assert week_of(date(2026, 7, 15)) == date(2026, 7, 13)  # a Wednesday -> its Monday
    assert block_week(date(2026, 7, 1), date(2026, 7, 1)) == 1
    assert block_week(date(2026, 7, 1), date(2026, 7, 8)) == 2
    assert block_week(date(2026, 7, 1), date(2026, 7, 28)) == 4
