"""Form fields for programs and rotation applications, with the domain's checks."""

from tracker.domain.checks import field_texts, format_cents
from tracker.domain.programs import (
    KIND_LABELS,
    PROGRAM_CHECKS,
    ROTATION_CHECKS,
    Program,
    ProgramKind,
    Rotation,
    RotationStatus,
    Route,
    Specialty,
    Tristate,
)
from tracker.ui.format import label
from tracker.ui.modals.form import Field

TRISTATE = tuple((value.value, value.value) for value in Tristate)


def _money_text(cents: int | None) -> str:
    return "" if cents is None else format_cents(cents).lstrip("$").replace(",", "")


PROGRAM_FIELDS = [
    Field("name", "Program / elective *", PROGRAM_CHECKS["name"]),
    Field("institution", "Institution"),
    Field("city", "City"),
    Field("state", "State", placeholder="e.g. IL"),
    Field("kind", "Kind", choices=tuple((KIND_LABELS[k], k.value) for k in ProgramKind)),
    Field("route", "Route", choices=tuple((label(r.value), r.value) for r in Route)),
    Field("sponsors_j1", "Sponsors J-1 (P3)", choices=TRISTATE),
    Field("sponsors_h1b", "Sponsors H-1B (P3)", choices=TRISTATE),
    Field("accepts_international", "Takes students from abroad (V2)", choices=TRISTATE),
    Field("has_img_residents", "Has IMG residents (P4)", choices=TRISTATE),
    Field("structured_evaluation", "Structured evaluation (P5)", choices=TRISTATE),
    Field("website", "Website", PROGRAM_CHECKS["website"], placeholder="https://…"),
    Field("coordinator_name", "Coordinator"),
    Field("coordinator_email", "Coordinator e-mail", PROGRAM_CHECKS["coordinator_email"]),
    Field(
        "housing_monthly_cents",
        "Housing per month ($)",
        PROGRAM_CHECKS["housing_monthly_cents"],
        placeholder="e.g. 1200",
    ),
    Field("notes", "Notes"),
]


def program_values(program: Program) -> dict[str, str]:
    values = field_texts(program)
    values["housing_monthly_cents"] = _money_text(program.housing_monthly_cents)
    return values


def rotation_fields(programs: list[tuple[int, str, str]]) -> list[Field]:
    """The application form; programs: (id, name, institution), in the order shown."""
    program_choices = tuple(
        (f"{institution} — {name}" if institution else name, str(program_id))
        for program_id, name, institution in programs
    )
    return [
        Field("program_id", "Program *", ROTATION_CHECKS["program_id"], choices=program_choices),
        Field(
            "specialty", "Specialty", choices=tuple((label(s.value), s.value) for s in Specialty)
        ),
        Field("starts_on", "Block starts", ROTATION_CHECKS["starts_on"], placeholder="YYYY-MM-DD"),
        Field(
            "ends_on",
            "Block ends",
            ROTATION_CHECKS["ends_on"],
            placeholder="empty: 4 weeks after the start (R5)",
        ),
        Field("status", "Status", choices=tuple((label(s.value), s.value) for s in RotationStatus)),
        Field(
            "deadline_on",
            "Application deadline",
            ROTATION_CHECKS["deadline_on"],
            placeholder="YYYY-MM-DD",
        ),
        Field("applied_on", "Applied on", ROTATION_CHECKS["applied_on"], placeholder="YYYY-MM-DD"),
        Field(
            "decision_on", "Decision on", ROTATION_CHECKS["decision_on"], placeholder="YYYY-MM-DD"
        ),
        Field(
            "fee_cents", "Application fee ($)", ROTATION_CHECKS["fee_cents"], placeholder="e.g. 250"
        ),
        Field(
            "interview_on",
            "Residency interview on (L7)",
            ROTATION_CHECKS["interview_on"],
            placeholder="YYYY-MM-DD, once invited",
        ),
        Field("notes", "Notes"),
    ]


def rotation_values(rotation: Rotation) -> dict[str, str]:
    values = field_texts(rotation)
    values["fee_cents"] = _money_text(rotation.fee_cents)
    return values
