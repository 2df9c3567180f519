"""The case form: de-identified by construction (no field for a name, a record number or
a date of birth), with the PHI guard asking before flagged words are kept."""

from collections.abc import Callable

from tracker.domain.checks import SHORT_TEXT, InvalidValues
from tracker.domain.journal import (
    CASE_CHECKS,
    CASE_TEXT_FIELDS,
    KNOWN_COMORBIDITIES,
    KNOWN_SKILLS,
    AgeBand,
    Airway,
    SkillRole,
    Technique,
    case_from_values,
)
from tracker.domain.phi import find_phi
from tracker.ui.format import label
from tracker.ui.modals.form import YES_NO, Field, SaveValues


def _choices(values: list[str]) -> tuple[tuple[str, str], ...]:
    return tuple((label(value) if value else "—", value) for value in values)


CASE_FIELDS = [
    Field("procedure", "Procedure *", CASE_CHECKS["procedure"], placeholder="e.g. lap chole"),
    Field("specialty", "Surgical specialty", CASE_CHECKS["specialty"], placeholder="e.g. general"),
    Field("technique", "Technique", choices=_choices(list(Technique))),
    Field("asa", "ASA class", choices=_choices(["", "1", "2", "3", "4", "5", "6"])),
    Field("emergency", "Emergency (E)", choices=tuple(reversed(YES_NO))),
    Field("age_band", "Age band", choices=_choices(list(AgeBand))),
    Field("airway", "Airway", choices=_choices(["", *list(Airway)])),
    Field(
        "comorbidities",
        "Comorbidities",
        CASE_CHECKS["comorbidities"],
        placeholder=", ".join(KNOWN_COMORBIDITIES[:4]) + " … or your own tags",
    ),
    Field(
        "skills",
        "Skills and your role",
        placeholder=f"{KNOWN_SKILLS[3]} performed, {KNOWN_SKILLS[0]} observed, spinal assisted",
    ),
    Field("skill_role", "Role of a skill typed without one", choices=_choices(list(SkillRole))),
    Field("attending", "Supervising attending", SHORT_TEXT, placeholder="Dr. …"),
    Field("teaching_point", "Teaching point", CASE_CHECKS["teaching_point"]),
    Field("memorable", "Memorable (A1, A2)", choices=tuple(reversed(YES_NO))),
    Field("story", "The story", CASE_CHECKS["story"], placeholder="For interviews (A2)"),
]


# A new case starts here (the form otherwise shows each list's first choice).
NEW_CASE = {"technique": Technique.GENERAL, "age_band": AgeBand.ADULT, "emergency": "0"}


def guarded(
    save: Callable[[dict[str, str]], None], allowed: frozenset[str] = frozenset()
) -> SaveValues:
    """The form's save: refuses once, naming the words, when free text looks like a
    patient identifier (allowed: the team's names); saving the same words again keeps
    them (the user confirmed)."""
    warned: dict[str, str] = {}

    def check_then_save(values: dict[str, str]) -> dict[str, str]:
        errors = {}
        for field in CASE_TEXT_FIELDS:
            flags = find_phi(values.get(field, ""), allowed)
            if flags and warned.get(field) != values[field]:
                warned[field] = values[field]
                spans = "; ".join(f"“{flag.text}” ({flag.kind})" for flag in flags)
                errors[field] = (
                    f"Looks like a patient identifier: {spans}. Edit it out, or save "
                    "again (ctrl+s) to keep it as written."
                )
        if errors:
            return errors
        try:
            case_from_values(values, None)  # every refusal named before anything is written
        except InvalidValues as refused:
            return refused.errors
        save(values)
        return {}

    return check_then_save
