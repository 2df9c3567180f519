"""People (letter writers and contacts), letter requests and follow-ups."""

from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.checks import (
    DATE,
    LONG_TEXT,
    NAME_MAX,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    check_email,
    max_length,
)


class PersonRole(StrEnum):
    ATTENDING = "attending"
    RESIDENT = "resident"
    COORDINATOR = "coordinator"
    OTHER = "other"


class LetterStatus(StrEnum):
    CANDIDATE = "candidate"
    ASKED = "asked"
    AGREED = "agreed"
    PACKET_SENT = "packet_sent"
    UPLOADED = "uploaded"
    DECLINED = "declined"


@dataclass(frozen=True)
class Person:
    id: int | None = None
    name: str = ""
    role: str = PersonRole.ATTENDING
    program_id: int | None = None
    email: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Letter:
    id: int | None = None
    person_id: int | None = None
    rotation_id: int | None = None
    status: str = LetterStatus.CANDIDATE
    asked_on: str | None = None
    agreed_on: str | None = None
    packet_sent_on: str | None = None
    eras_letter_id: str = ""
    uploaded_on: str | None = None
    thanked_on: str | None = None
    notes: str = ""
    # Joined for display.
    person_name: str = ""


@dataclass(frozen=True)
class FollowUp:
    id: int | None = None
    person_id: int | None = None
    due_on: str | None = None
    action: str = ""
    done_on: str | None = None
    rule_id: str = ""
    # Joined for display.
    person_name: str = ""


# Field checks, the same for forms, imports and the store.
PERSON_CHECKS: dict[str, tuple[Check, ...]] = {
    "name": REQUIRED_NAME,
    "email": (check_email, max_length(NAME_MAX)),
    "notes": LONG_TEXT,
}
LETTER_CHECKS: dict[str, tuple[Check, ...]] = {
    **{
        field: DATE
        for field in ("asked_on", "agreed_on", "packet_sent_on", "uploaded_on", "thanked_on")
    },
    "eras_letter_id": SHORT_TEXT,
    "notes": LONG_TEXT,
}
FOLLOW_UP_CHECKS: dict[str, tuple[Check, ...]] = {
    "due_on": DATE,
    "done_on": DATE,
    "action": REQUIRED_NAME,
    "rule_id": SHORT_TEXT,
}
