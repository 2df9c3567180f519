"""Checklist templates and validity against the block: 12 months, the flu season, a
block across New Year, leap days."""

from datetime import date

import pytest

from tracker.domain.checklist_templates import TEMPLATES, items_for
from tracker.domain.checklists import ChecklistItem, expiring, expiry, is_overdue
from tracker.domain.rules import RULES


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_every_template_item_names_a_rule_of_the_guide(name):
    for template in TEMPLATES[name]:
        assert template.rule_id in RULES, template.title
        assert template.days_before >= 0


def test_the_templates_cover_what_the_issue_lists():
    titles = " ".join(t.title for group in TEMPLATES.values() for t in group).lower()
    for word in [
        "dean",
        "transcript",
        "step 1",
        "step 2 ck",
        "tb test",
        "covid",
        "malpractice",
        "bls",
        "health insurance",
        "background",
        "photo id",
        "cv",
        "english",
        "mmr",
        "varicella",
        "hepatitis b",
        "tdap",
        "influenza",
        "invitation",
        "consulate",
        "fee",
        "gme",
    ]:
        assert word in titles, word


def test_applied_to_a_rotation_items_count_back_from_its_deadline_or_start():
    items = items_for(["documents", "visa"], 7, "2027-01-25", "2026-10-01", set())
    by_title = {item.title: item for item in items}
    assert by_title["CV"].due_on == "2026-09-24"  # 7 days before the deadline
    assert by_title["Malpractice / liability insurance certificate"].due_on == "2026-12-26"
    assert all(item.rule_id for item in items)
    # The person's items (a CV, a passport) go to the user's own list; the host's stay.
    assert by_title["CV"].rotation_id is None
    assert by_title["Malpractice / liability insurance certificate"].rotation_id == 7
    assert all(item.rotation_id == 7 for item in items if item.category == "visa")
    mine = items_for(["immunizations"], None, None, None, {"cv"})
    assert all(item.due_on is None for item in mine)
    titles = {i.title.casefold() for i in items}
    again = items_for(["documents"], 7, "2027-01-25", None, titles, mine=titles)
    assert again == []  # nothing twice


def done(on: str, validity: str = "", valid_until: str | None = None) -> ChecklistItem:
    return ChecklistItem(status="done", done_on=on, validity=validity, valid_until=valid_until)


B = date.fromisoformat


@pytest.mark.parametrize(
    ("item", "starts", "ends", "verdict"),
    [
        # TB within 12 months: taken long before, lapses before / during / after the block.
        (done("2025-12-01", "within:365"), "2027-01-04", "2027-01-31", "before 1 Dec 2026"),
        (done("2026-01-10", "within:365"), "2026-12-28", "2027-01-24", "during 10 Jan 2027"),
        (done("2026-06-01", "within:365"), "2026-12-28", "2027-01-24", None),
        # A leap day: 365 days after 29 Feb 2028 is 28 Feb 2029.
        (done("2028-02-29", "within:365"), "2029-02-01", "2029-02-28", None),
        (done("2028-02-29", "within:365"), "2029-02-01", "2029-03-01", "during 28 Feb 2029"),
        # Valid through the block, across New Year.
        (done("2026-01-01", "block", "2026-12-31"), "2026-12-14", "2027-01-10", "during 31 Dec"),
        (done("2026-01-01", "block", "2027-01-10"), "2026-12-14", "2027-01-10", None),
        # The flu season runs 1 August to 31 July.
        (done("2026-10-15", "season"), "2027-01-04", "2027-01-31", None),
        (done("2026-03-01", "season"), "2026-09-07", "2026-10-04", "before 31 Jul 2026"),
        (done("2025-11-01", "season"), "2026-07-20", "2026-08-16", "during 31 Jul 2026"),
        (done("2026-08-01", "season"), "2027-07-05", "2027-07-31", None),
        # Not done, or no rule and no date: nothing to flag.
        (ChecklistItem(validity="within:365"), "2027-01-04", "2027-01-31", None),
        (done("2020-01-01"), "2027-01-04", "2027-01-31", None),
    ],
)
def test_a_done_item_is_flagged_when_it_does_not_cover_its_block(item, starts, ends, verdict):
    found = expiring(item, B(starts), B(ends))
    if verdict is None:
        assert found is None, found.describe()
    else:
        when, day = verdict.split(" ", 1)
        assert found is not None
        assert found.before_block == (when == "before")
        assert day in found.describe()


def test_the_earliest_end_counts_and_overdue_means_open_and_past_due():
    item = done("2026-01-10", "within:365", "2026-06-30")
    assert expiry(item) == date(2026, 6, 30)
    assert is_overdue(ChecklistItem(due_on="2026-07-14"), date(2026, 7, 15))
    assert not is_overdue(ChecklistItem(due_on="2026-07-15"), date(2026, 7, 15))
    assert not is_overdue(
        ChecklistItem(due_on="2026-07-01", status="not_needed"), date(2026, 7, 15)
    )
