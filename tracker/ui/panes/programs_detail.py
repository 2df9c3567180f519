"""The detail panel of the Applications pane: one program with its fit, or one application."""

from rich.style import Style
from rich.text import Text

from tracker.domain.checks import format_cents
from tracker.domain.fit import Fit
from tracker.domain.programs import KIND_LABELS, Program, ProgramKind, Rotation, StatusChange
from tracker.ui.format import block, label, short_date

SIGN_STYLES = {"+": "green", "-": "red", "?": "yellow"}


def rule_link(rule_id: str) -> Style:
    """A rule ID the mouse can click to open its explanation."""
    return Style(dim=True, underline=True, meta={"@click": f"app.show_rule('{rule_id}')"})


def _pairs(text: Text, pairs: list[tuple[str, str]]) -> None:
    for name, value in pairs:
        if value:
            text.append(f"{name:<14}", style="dim")
            text.append(f"{value}\n")


def program_detail(program: Program, fit: Fit, applications: int) -> Text:
    text = Text()
    text.append(f"{program.name}\n", style="bold")
    text.append(f"{program.institution}\n\n")
    text.append(f"Fit {fit.score:+d} ({fit.label})\n", style="bold")
    for reason in fit.reasons:
        text.append(f"{reason.sign} ", style=f"bold {SIGN_STYLES[reason.sign]}")
        text.append(f"{reason.text} ")
        text.append(reason.rule_id, style=rule_link(reason.rule_id))
        text.append("\n")
    text.append("\n")
    _pairs(
        text,
        [
            ("Place", program.place),
            ("Kind", KIND_LABELS.get(ProgramKind(program.kind), program.kind)),
            ("Route", label(program.route)),
            ("Website", program.website),
            (
                "Coordinator",
                " ".join(filter(None, [program.coordinator_name, program.coordinator_email])),
            ),
            (
                "Housing",
                f"{format_cents(program.housing_monthly_cents)}/month"
                if program.housing_monthly_cents is not None
                else "",
            ),
            ("Applications", str(applications) if applications else ""),
            ("Notes", program.notes),
        ],
    )
    text.append("\na new application  enter edit  d delete", style="dim")
    return text


def rotation_detail(
    rotation: Rotation, history: list[StatusChange], planned_cents: int | None = None
) -> Text:
    text = Text()
    text.append(f"{rotation.institution}\n", style="bold")
    text.append(f"{rotation.program_name}\n\n")
    _pairs(
        text,
        [
            ("Specialty", label(rotation.specialty)),
            ("Block", block(rotation.starts_on, rotation.ends_on)),
            ("Status", label(rotation.status)),
            ("Deadline", short_date(rotation.deadline_on)),
            ("Applied on", short_date(rotation.applied_on)),
            ("Decision on", short_date(rotation.decision_on)),
            ("Fee", format_cents(rotation.fee_cents)),
            (
                "Planned cost",
                format_cents(planned_cents)
                if planned_cents
                else "not planned yet (B in Housing & Budget)",
            ),
            ("Interview", short_date(rotation.interview_on)),
            ("Notes", rotation.notes),
        ],
    )
    if history:
        text.append("\nHistory\n", style="bold")
        for change in history:
            text.append(f"{short_date(change.changed_on):<14}", style="dim")
            text.append(f"{label(change.status)}\n")
    text.append("\n> advance status  s set status  enter edit  d delete", style="dim")
    return text
