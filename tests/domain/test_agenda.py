import pendulum

from tracker.domain.agenda import build_agenda
from tracker.domain.checklists import ChecklistItem
from tracker.domain.journal import JournalDay
from tracker.domain.letters import FollowUp
from tracker.domain.programs import Rotation, current_rotation, rotation_day

TODAY = pendulum.date(2026, 7, 15)
ON_ROTATION = Rotation(
    id=1, status="accepted", starts_on="2026-07-02", ends_on="2026-07-29", institution="Gulf Coast"
)


def test_current_rotation_and_day_number():
    assert current_rotation([ON_ROTATION], TODAY) == ON_ROTATION
    assert rotation_day(ON_ROTATION, TODAY) == (14, 28)
    denied = Rotation(status="denied", starts_on="2026-07-01", ends_on="2026-07-30")
    assert current_rotation([denied], TODAY) is None


def test_agenda_orders_overdue_first_and_skips_done_and_far():
    items = [
        ChecklistItem(title="Far", due_on="2026-09-01"),
        ChecklistItem(title="Done", due_on="2026-07-10", done_on="2026-07-09", status="done"),
        ChecklistItem(title="Soon", due_on="2026-07-20", rule_id="D1"),
        ChecklistItem(title="Late", due_on="2026-07-01"),
    ]
    follow = [FollowUp(due_on="2026-07-16", action="Thank you", person_name="Zoë", rule_id="L5")]
    agenda = build_agenda(TODAY, [ON_ROTATION], items, follow, [])
    texts = [entry.text for entry in agenda]
    assert texts[0] == "Late"
    assert "Far" not in texts
    assert "Done" not in texts
    assert texts.index("Thank you (Zoë)") < texts.index("Soon")
    assert any(entry.rule_id == "J3" for entry in agenda)


def test_no_journal_prompt_once_today_is_written_nor_on_a_weekend():
    written = JournalDay(day="2026-07-15", learning_points="Spinal for a hip")
    agenda = build_agenda(TODAY, [ON_ROTATION], [], [], [written])
    assert not any(entry.area == "journal" for entry in agenda)
    empty = build_agenda(TODAY, [ON_ROTATION], [], [], [JournalDay(day="2026-07-15")])
    assert any(entry.area == "journal" for entry in empty)  # an empty row is not an entry
    saturday = build_agenda(pendulum.date(2026, 7, 18), [ON_ROTATION], [], [], [])
    assert not any(entry.area == "journal" for entry in saturday)


def test_a_lapsed_idea_is_shown_as_missed_for_a_week_then_dropped():
    idea = Rotation(status="idea", institution="Lakeside", deadline_on="2026-07-10")
    [missed] = build_agenda(TODAY, [idea], [], [], [])
    assert missed.text == "Missed deadline (an idea): Lakeside"
    assert build_agenda(TODAY.add(days=10), [idea], [], [], []) == []
    preparing = Rotation(status="preparing", institution="Lakeside", deadline_on="2026-07-10")
    assert build_agenda(TODAY.add(days=60), [preparing], [], [], [])[0].text.startswith(
        "Application deadline"
    )
