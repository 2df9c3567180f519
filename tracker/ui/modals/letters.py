"""Form fields for a letter and a person, with the domain's checks."""

from tracker.domain.letters import (
    FOLLOW_UP_CHECKS,
    HAND_ADDED_STEPS,
    LETTER_CHECKS,
    PERSON_CHECKS,
    STATUS_LABELS,
    STEP_DATES,
    PersonRole,
)
from tracker.ui.format import label
from tracker.ui.modals.form import YES_NO, Field

LETTER_FIELDS = [
    Field("status", "Status", choices=tuple((text, s.value) for s, text in STATUS_LABELS.items())),
    Field("eras_letter_id", "ERAS Letter ID", LETTER_CHECKS["eras_letter_id"]),
    Field("strong_asked", "Asked for a strong letter (L3)", choices=YES_NO),
    Field("us_anesthesiology", "US anesthesiology faculty (L1)", choices=YES_NO),
    Field("academic", "At an academic department", choices=YES_NO),
    Field("chair_letter", "Chair's letter", choices=tuple(reversed(YES_NO))),
    Field("waived", "Right to view waived", choices=YES_NO),
    *(
        Field(
            column,
            f"{STATUS_LABELS[status].capitalize()} on",
            LETTER_CHECKS[column],
            placeholder="YYYY-MM-DD",
        )
        for status, column in STEP_DATES.items()
    ),
    Field("notes", "Notes", LETTER_CHECKS["notes"]),
]

PERSON_FIELDS = [
    Field("name", "Name *", PERSON_CHECKS["name"]),
    Field("role", "Role", choices=tuple((label(r), r.value) for r in PersonRole)),
    Field("specialty", "Specialty", PERSON_CHECKS["specialty"], placeholder="e.g. anesthesiology"),
    Field(
        "institution",
        "Institution or program",
        PERSON_CHECKS["institution"],
        placeholder="e.g. Lagos University Teaching Hospital",
    ),
    Field("email", "E-mail", PERSON_CHECKS["email"]),
    Field("notes", "Notes", PERSON_CHECKS["notes"]),
]

# A writer added by hand (home country, another specialty, an earlier observership):
# the person, then where their letter stands.
WRITER_FIELDS = [
    *PERSON_FIELDS,
    Field("us_anesthesiology", "US anesthesiology faculty (L1)", choices=YES_NO),
    Field(
        "status",
        "Their letter",
        choices=tuple((STATUS_LABELS[step], step.value) for step in HAND_ADDED_STEPS),
    ),
    Field("eras_letter_id", "ERAS Letter ID", LETTER_CHECKS["eras_letter_id"]),
]

FOLLOW_UP_FIELDS = [
    Field("action", "What to do *", FOLLOW_UP_CHECKS["action"]),
    Field(
        "due_on",
        "Due",
        FOLLOW_UP_CHECKS["due_on"],
        placeholder="YYYY-MM-DD (empty: when it happens)",
    ),
]
