"""Programs and rotation applications (one program, one block)."""

from dataclasses import dataclass
from enum import StrEnum


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
    # Joined for display; not columns of rotations.
    program_name: str = ""
    institution: str = ""


@dataclass(frozen=True)
class StatusChange:
    rotation_id: int
    status: str
    changed_on: str
