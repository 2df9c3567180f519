"""The detail panel of the Journal pane: one day in full, with its cases and skills."""

from rich.text import Text

from tracker.domain.journal import Case, CaseSkill, JournalDay
from tracker.domain.text import plural
from tracker.ui.format import label, short_date

SECTIONS = (
    ("Learning points", "learning_points"),
    ("Feedback", "feedback"),
    ("Reflection", "reflection"),
    ("Tomorrow's focus", "tomorrow_focus"),
)


def day_detail(
    day: JournalDay, rotation: str, cases: list[Case], skills: dict[int, list[CaseSkill]]
) -> Text:
    text = Text()
    text.append(f"{short_date(day.day)}\n", style="bold")
    text.append(f"{rotation or 'not tied to a rotation'}\n", style="dim")
    for title, field in SECTIONS:
        body = getattr(day, field).strip()
        if body:
            text.append(f"\n{title}\n", style="bold")
            text.append(f"{body}\n")
    text.append(f"\n{plural(len(cases), 'case')}\n", style="bold")
    for case in cases:
        facts = [label(case.technique)]
        if case.asa:
            facts.append(f"ASA {case.asa}{'E' if case.emergency else ''}")
        facts += [label(case.age_band)] + ([label(case.airway)] if case.airway else [])
        text.append(f"• {case.procedure}", style="bold" if case.memorable else "")
        text.append(f"  {', '.join(facts)}\n", style="dim")
        done = skills.get(case.id or 0, [])
        if done:
            text.append("  " + ", ".join(f"{s.skill} ({s.role})" for s in done) + "\n")
        if case.teaching_point:
            text.append(f"  {case.teaching_point}\n", style="italic")
    return text
