"""Programs and rotation applications (one program, one block): values, checks, pipeline."""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tracker.domain.checklists import BlockDates
from tracker.domain.checks import (
    DATE,
    LINK_MAX,
    LONG_TEXT,
    NAME_MAX,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    InvalidValues,
    check_email,
    check_money,
    check_required,
    first_errors,
    max_length,
    parse_date,
    parse_money,
    passed,
)
from tracker.domain.text import clean_text


class ProgramKind(StrEnum):
    ACADEMIC = "academic"
    AFFILIATED = "affiliated"
    COMMUNITY = "community"


KIND_LABELS = {
    ProgramKind.ACADEMIC: "academic",
    ProgramKind.AFFILIATED: "university-affiliated",
    ProgramKind.COMMUNITY: "community",
}


class Route(StrEnum):
    VSLO = "vslo"
    INSTITUTIONAL = "institutional"
    OTHER = "other"


class Tristate(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Specialty(StrEnum):
    ANESTHESIOLOGY = "anesthesiology"
    CRITICAL_CARE = "critical_care"
    INTERNAL_MEDICINE = "internal_medicine"
    SURGERY = "surgery"
    OTHER = "other"


class RotationStatus(StrEnum):
    IDEA = "idea"
    PREPARING = "preparing"
    APPLIED = "applied"
    OFFERED = "offered"
    WAITLISTED = "waitlisted"
    DENIED = "denied"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


S = RotationStatus
# The main line of the pipeline, for the "advance" key; side exits are set explicitly.
NEXT_STATUS = {
    S.IDEA: S.PREPARING,
    S.PREPARING: S.APPLIED,
    S.APPLIED: S.OFFERED,
    S.WAITLISTED: S.OFFERED,
    S.OFFERED: S.ACCEPTED,
    S.ACCEPTED: S.COMPLETED,
}
OPEN_STATUSES = {S.IDEA, S.PREPARING}
SUBMITTED_STATUSES = {
    S.APPLIED,
    S.OFFERED,
    S.WAITLISTED,
    S.DENIED,
    S.ACCEPTED,
    S.DECLINED,
    S.COMPLETED,
}
DECISION_STATUSES = {S.OFFERED, S.WAITLISTED, S.DENIED}
LIVE_STATUSES = set(RotationStatus) - {S.DENIED, S.DECLINED, S.WITHDRAWN}
SECURED_STATUSES = {S.ACCEPTED, S.COMPLETED}  # a block the user rotates (or rotated) in
BLOCK_DAYS = 28  # R5: a rotation is usually a 4-week block


@dataclass(frozen=True)
class Program:
    id: int | None = None
    name: str = ""
    institution: str = ""
    city: str = ""
    state: str = ""
    kind: str = ProgramKind.ACADEMIC
    route: str = Route.VSLO
    sponsors_j1: str = Tristate.UNKNOWN
    sponsors_h1b: str = Tristate.UNKNOWN
    accepts_international: str = Tristate.UNKNOWN
    has_img_residents: str = Tristate.UNKNOWN
    structured_evaluation: str = Tristate.UNKNOWN
    website: str = ""
    coordinator_name: str = ""
    coordinator_email: str = ""
    housing_monthly_cents: int | None = None
    notes: str = ""

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.state) if part)


@dataclass(frozen=True)
class Rotation:
    id: int | None = None
    program_id: int | None = None
    specialty: str = Specialty.ANESTHESIOLOGY
    starts_on: str | None = None
    ends_on: str | None = None
    status: str = RotationStatus.IDEA
    deadline_on: str | None = None
    applied_on: str | None = None
    decision_on: str | None = None
    fee_cents: int | None = None
    notes: str = ""
    interview_on: str | None = None  # a residency interview there (L7)
    # Joined for display; not columns of rotations.
    program_name: str = ""
    institution: str = ""
    program_kind: str = ""


@dataclass(frozen=True)
class StatusChange:
    rotation_id: int
    status: str
    changed_on: str


# --- turning form or CSV text into records -------------------------------------------

# Accepted spellings of each choice, beyond the stored value itself.
CHOICE_ALIASES: dict[type[StrEnum], dict[str, str]] = {
    ProgramKind: {
        "university-affiliated": "affiliated",
        "university affiliated": "affiliated",
        "affiliate": "affiliated",
        "university": "academic",
        "academic center": "academic",
    },
    Route: {
        "": "other",
        "portal": "institutional",
        "institution": "institutional",
        "institutional portal": "institutional",
    },
    Tristate: {
        "y": "yes",
        "true": "yes",
        "1": "yes",
        "n": "no",
        "false": "no",
        "0": "no",
        "": "unknown",
        "?": "unknown",
        "unsure": "unknown",
        "don't know": "unknown",
    },
    Specialty: {
        "": "anesthesiology",
        "anesthesia": "anesthesiology",
        "anaesthesiology": "anesthesiology",
        "icu": "critical_care",
        "critical care": "critical_care",
        "internal medicine": "internal_medicine",
        "im": "internal_medicine",
    },
    RotationStatus: {"": "idea"},
}


_SPELLINGS: dict[type[StrEnum], dict[str, str]] = {}


def _spellings(enum: type[StrEnum]) -> dict[str, str]:
    """Every accepted spelling of an enum's values -> the value (built once per enum)."""
    if enum not in _SPELLINGS:
        known = {member.value: member.value for member in enum}
        known |= {member.value.replace("_", " "): member.value for member in enum}
        _SPELLINGS[enum] = known | CHOICE_ALIASES.get(enum, {})
    return _SPELLINGS[enum]


def choice(enum: type[StrEnum], text: str) -> str:
    """Normalise a choice typed by a person; ValueError naming the accepted values."""
    spellings = _spellings(enum)
    if text in spellings:  # the stored value itself: the common case, no normalising
        return spellings[text]
    key = " ".join(text.strip().lower().replace("_", " ").split())
    if key in spellings:
        return spellings[key]
    shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:39] + "…"
    raise ValueError(f"'{shown}' is not one of " + ", ".join(member.value for member in enum))


def check_choice(enum: type[StrEnum]) -> Check:
    def check(text: str) -> str | None:
        try:
            choice(enum, text)
        except ValueError as error:
            return str(error)
        return None

    return check


def check_website(text: str) -> str | None:
    text = text.strip()
    if not text or text.startswith(("http://", "https://")):
        return None
    return "starts with http:// or https://"


TRISTATE_FIELDS = (
    "sponsors_j1",
    "sponsors_h1b",
    "accepts_international",
    "has_img_residents",
    "structured_evaluation",
)

PROGRAM_CHECKS: dict[str, tuple[Check, ...]] = {
    "name": REQUIRED_NAME,
    "institution": SHORT_TEXT,
    "city": SHORT_TEXT,
    "state": SHORT_TEXT,
    "kind": (check_choice(ProgramKind),),
    "route": (check_choice(Route),),
    **{field: (check_choice(Tristate),) for field in TRISTATE_FIELDS},
    "website": (check_website, max_length(LINK_MAX)),
    "coordinator_name": SHORT_TEXT,
    "coordinator_email": (check_email, max_length(NAME_MAX)),
    "housing_monthly_cents": (check_money,),
    "notes": LONG_TEXT,
}


def program_from_values(values: dict[str, str], program_id: int | None = None) -> Program:
    """A Program from text fields (form or CSV); InvalidValues names each bad field."""
    if errors := first_errors(values, PROGRAM_CHECKS):
        raise InvalidValues(errors)
    text = {
        key: (clean_text(value) or "").strip() if value else "" for key, value in values.items()
    }
    program = Program(
        id=program_id,
        name=text["name"],
        institution=text.get("institution", ""),
        city=text.get("city", ""),
        state=text.get("state", ""),
        kind=choice(ProgramKind, text.get("kind") or "academic"),
        route=choice(Route, text.get("route", "")),
        **{field: choice(Tristate, text.get(field, "")) for field in TRISTATE_FIELDS},
        website=text.get("website", ""),
        coordinator_name=text.get("coordinator_name", ""),
        coordinator_email=text.get("coordinator_email", ""),
        housing_monthly_cents=parse_money(text.get("housing_monthly_cents", "")),
        notes=text.get("notes", ""),
    )
    return passed(program, PROGRAM_CHECKS)


ROTATION_CHECKS: dict[str, tuple[Check, ...]] = {
    "program_id": (check_required,),
    "specialty": (check_choice(Specialty),),
    "status": (check_choice(RotationStatus),),
    "starts_on": DATE,
    "ends_on": DATE,
    "deadline_on": DATE,
    "applied_on": DATE,
    "decision_on": DATE,
    "fee_cents": (check_money,),
    "notes": LONG_TEXT,
    "interview_on": DATE,
}


def default_block_end(starts_on: str) -> str:
    """R5: a new block defaults to 4 weeks, ending the day before the fifth week starts."""
    return (parse_date(starts_on) + timedelta(days=BLOCK_DAYS - 1)).isoformat()


def block_errors(starts: str | None, ends: str | None) -> dict[str, str]:
    """A block's two dates together (each already a date): the form's and the store's."""
    if starts and ends and ends < starts:
        return {"ends_on": "the block ends before it starts"}
    if ends and not starts:
        return {"starts_on": "needed when the block has an end"}
    return {}


def rotation_from_values(values: dict[str, str], rotation_id: int | None = None) -> Rotation:
    """A Rotation from text fields; the end defaults to a 4-week block (R5)."""
    errors = first_errors(values, ROTATION_CHECKS)
    text = {
        key: (clean_text(value) or "").strip() if value else "" for key, value in values.items()
    }
    starts, ends = text.get("starts_on") or None, text.get("ends_on") or None
    if starts and not ends and "starts_on" not in errors:
        ends = default_block_end(starts)
    if not errors.keys() & {"starts_on", "ends_on"}:
        errors.update(block_errors(starts, ends))
    if errors:
        raise InvalidValues(errors)
    return Rotation(
        id=rotation_id,
        program_id=int(text["program_id"]),
        specialty=choice(Specialty, text.get("specialty", "")),
        starts_on=starts,
        ends_on=ends,
        status=choice(RotationStatus, text.get("status", "")),
        deadline_on=text.get("deadline_on") or None,
        applied_on=text.get("applied_on") or None,
        decision_on=text.get("decision_on") or None,
        fee_cents=parse_money(text.get("fee_cents", "")),
        notes=text.get("notes", ""),
        interview_on=text.get("interview_on") or None,
    )


def status_dates(rotation: Rotation, status: str, on: date) -> dict[str, str]:
    """Dates to fill in when an application moves to status on a day (never overwritten)."""
    dates = {}
    if status == S.APPLIED and not rotation.applied_on:
        dates["applied_on"] = on.isoformat()
    if status in DECISION_STATUSES and not rotation.decision_on:
        dates["decision_on"] = on.isoformat()
    return dates


def current_rotation(rotations: list[Rotation], today: date) -> Rotation | None:
    """The secured block today falls in. Status first, then ISO dates compared as text:
    Today's rules ask this many times, over every rotation."""
    iso = today.isoformat()
    for rotation in rotations:
        if rotation.status not in SECURED_STATUSES or not rotation.starts_on:
            continue
        if rotation.ends_on and rotation.starts_on <= iso <= rotation.ends_on:
            return rotation
    return None


def rotation_day(rotation: Rotation, today: date) -> tuple[int, int]:
    """(day number, length in days) of today within the rotation's block."""
    if not rotation.starts_on or not rotation.ends_on:
        raise ValueError("the rotation has no block dates")
    start = date.fromisoformat(rotation.starts_on)
    end = date.fromisoformat(rotation.ends_on)
    return (today - start).days + 1, (end - start).days + 1


def block_is_over(rotation: Rotation, today: date) -> bool:
    """True once the block's last day has come; a block without an end is not over."""
    return rotation.ends_on is not None and rotation.ends_on <= today.isoformat()


def deadline_urgency(deadline_on: str | None, today: date) -> str:
    """'overdue', 'urgent' (within 7 days), 'soon' (within 21), or '' for later or none."""
    if not deadline_on:
        return ""
    days = (date.fromisoformat(deadline_on) - today).days
    if days < 0:
        return "overdue"
    if days <= 7:
        return "urgent"
    if days <= 21:
        return "soon"
    return ""


def block_dates(rotations: list[Rotation]) -> dict[int, BlockDates]:
    """Each application's status and dates, by id: what its checklist items' due dates
    depend on (checklists.due_now)."""
    return {
        r.id: BlockDates(r.status, r.starts_on, r.ends_on, r.decision_on)
        for r in rotations
        if r.id is not None
    }
