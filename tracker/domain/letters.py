"""People (letter writers and contacts), letters through ERAS, and follow-ups (L1-L7).

ERAS facts the pipeline follows: the applicant makes one Letter Request Form per letter,
each with a unique Letter ID; the writer uploads a PDF with that ID; at most four letters
may be assigned to one program.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from tracker.domain.checks import (
    DATE,
    LONG_TEXT,
    NAME_MAX,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    InvalidValues,
    check_email,
    field_texts,
    first_errors,
    max_length,
)

ERAS_LETTERS_PER_PROGRAM = 4
THANK_YOU_DAYS = 3  # L5: a thank-you within 3 days after the block ends (the app's default)
L1_US_ANESTHESIOLOGY = (2, 3)
L1_OTHERS = (1, 2)


class PersonRole(StrEnum):
    ATTENDING = "attending"
    RESIDENT = "resident"
    FELLOW = "fellow"
    COORDINATOR = "coordinator"
    PROGRAM_DIRECTOR = "program_director"
    CHAIR = "chair"
    OTHER = "other"


class LetterStatus(StrEnum):
    CANDIDATE = "candidate"
    ASKED = "asked"
    AGREED = "agreed"
    DECLINED = "declined"
    PACKET_SENT = "packet_sent"
    ID_CREATED = "id_created"
    ID_SENT = "id_sent"
    UPLOADED = "uploaded"
    THANKED = "thanked"


STATUS_LABELS = {
    LetterStatus.CANDIDATE: "candidate",
    LetterStatus.ASKED: "asked",
    LetterStatus.AGREED: "agreed",
    LetterStatus.DECLINED: "declined",
    LetterStatus.PACKET_SENT: "packet sent",
    LetterStatus.ID_CREATED: "Letter Request Form made",
    LetterStatus.ID_SENT: "Letter ID sent to writer",
    LetterStatus.UPLOADED: "uploaded",
    LetterStatus.THANKED: "thanked",
}
# Each step and the date column it stamps.
STEP_DATES = {
    LetterStatus.ASKED: "asked_on",
    LetterStatus.AGREED: "agreed_on",
    LetterStatus.DECLINED: "declined_on",
    LetterStatus.PACKET_SENT: "packet_sent_on",
    LetterStatus.ID_CREATED: "id_created_on",
    LetterStatus.ID_SENT: "id_sent_on",
    LetterStatus.UPLOADED: "uploaded_on",
    LetterStatus.THANKED: "thanked_on",
}
_NEXT = {
    LetterStatus.CANDIDATE: LetterStatus.ASKED,
    LetterStatus.ASKED: LetterStatus.AGREED,
    LetterStatus.AGREED: LetterStatus.PACKET_SENT,
    LetterStatus.PACKET_SENT: LetterStatus.ID_CREATED,
    LetterStatus.ID_CREATED: LetterStatus.ID_SENT,
    LetterStatus.ID_SENT: LetterStatus.UPLOADED,
    LetterStatus.UPLOADED: LetterStatus.THANKED,
}


@dataclass(frozen=True)
class Person:
    id: int | None = None
    name: str = ""
    role: str = PersonRole.ATTENDING
    specialty: str = ""
    program_id: int | None = None
    institution: str = ""  # where they work, when not one of the user's programs
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
    declined_on: str | None = None
    packet_sent_on: str | None = None
    id_created_on: str | None = None
    id_sent_on: str | None = None
    uploaded_on: str | None = None
    thanked_on: str | None = None
    strong_asked: bool = False
    us_anesthesiology: bool = True
    academic: bool = True
    chair_letter: bool = False
    waived: bool = True
    eras_letter_id: str = ""
    notes: str = ""
    # Joined for display.
    person_name: str = ""
    programs: int = 0  # programs it is assigned to in ERAS

    @property
    def counts(self) -> bool:
        """A letter that exists or is on its way: neither a candidate nor declined."""
        return self.status not in (LetterStatus.CANDIDATE, LetterStatus.DECLINED)

    @property
    def in_eras(self) -> bool:
        """Uploaded to ERAS (then thanked): only such a letter counts toward L1."""
        return self.status in (LetterStatus.UPLOADED, LetterStatus.THANKED)


@dataclass(frozen=True)
class FollowUp:
    id: int | None = None
    person_id: int | None = None
    due_on: str | None = None
    action: str = ""
    done_on: str | None = None
    rule_id: str = ""
    rule_key: str = ""  # set when a rule made it, so it is made once
    # Joined for display.
    person_name: str = ""


# Field checks, the same for forms, imports and the store.
PERSON_CHECKS: dict[str, tuple[Check, ...]] = {
    "name": REQUIRED_NAME,
    "specialty": SHORT_TEXT,
    "institution": SHORT_TEXT,
    "email": (check_email, max_length(NAME_MAX)),
    "notes": LONG_TEXT,
}
LETTER_CHECKS: dict[str, tuple[Check, ...]] = {
    **{field: DATE for field in STEP_DATES.values()},
    "eras_letter_id": SHORT_TEXT,
    "notes": LONG_TEXT,
}
FOLLOW_UP_CHECKS: dict[str, tuple[Check, ...]] = {
    "due_on": DATE,
    "done_on": DATE,
    "action": REQUIRED_NAME,
    "rule_id": SHORT_TEXT,
    "rule_key": SHORT_TEXT,
}


def next_status(status: str) -> str | None:
    return _NEXT.get(LetterStatus(status))


def problem_with_step(letter: Letter, status: str) -> str | None:
    """Why a letter cannot move to status now, in words; None when it can."""
    if status == LetterStatus.UPLOADED and not letter.eras_letter_id.strip():
        return "a letter is uploaded with its ERAS Letter ID: add the ID first (enter)"
    if status in (LetterStatus.ID_CREATED, LetterStatus.ID_SENT) and not (
        letter.eras_letter_id.strip()
    ):
        return "type the Letter ID from the ERAS Letter Request Form first (enter)"
    return None


# What the user does next for a letter on its way to ERAS.
NEXT_FOR_ERAS = {
    LetterStatus.AGREED: "send the packet (L4)",
    LetterStatus.PACKET_SENT: "make its Letter Request Form in MyERAS",
    LetterStatus.ID_CREATED: "send the Letter ID to the writer",
    LetterStatus.ID_SENT: "waiting for the writer's upload",
}


@dataclass(frozen=True)
class LetterCount:
    """L1: letters in ERAS from US anesthesiology faculty, and the others, against the
    guide; letters asked and agreed are on their way, shown apart, never counted."""

    us_anesthesiology: int
    others: int
    asked: int = 0
    agreed: int = 0  # agreed, packet sent or Letter ID made: not uploaded yet

    def describe(self) -> str:
        low, high = L1_US_ANESTHESIOLOGY
        other_low, other_high = L1_OTHERS
        on_the_way = f" · on the way: {self.asked} asked, {self.agreed} agreed"
        return (
            f"Letters in ERAS: US anesthesiology {self.us_anesthesiology} (aim {low}-{high}) · "
            f"others {self.others} (aim {other_low}-{other_high})"
            + (on_the_way if self.asked or self.agreed else "")
        )

    @property
    def short_of_l1(self) -> bool:
        return self.us_anesthesiology < L1_US_ANESTHESIOLOGY[0]


def count_letters(letters: list[Letter]) -> LetterCount:
    uploaded = [letter for letter in letters if letter.in_eras]
    us = sum(1 for letter in uploaded if letter.us_anesthesiology)
    asked = sum(1 for letter in letters if letter.status == LetterStatus.ASKED)
    agreed = sum(1 for letter in letters if letter.counts and not letter.in_eras) - asked
    return LetterCount(us, len(uploaded) - us, asked, agreed)


@dataclass(frozen=True)
class Candidate:
    """An attending of a rotation and why they could write a strong letter (L2)."""

    person_id: int
    name: str
    rotation_id: int
    cases: int
    days: int
    feedback: int
    teaching: int

    @property
    def score(self) -> int:
        return 3 * self.cases + 2 * self.days + 2 * self.feedback + self.teaching

    def reasons(self) -> str:
        parts = [
            (self.cases, "case"),
            (self.days, "day"),
            (self.feedback, "feedback note"),
            (self.teaching, "teaching point"),
        ]
        return ", ".join(f"{n} {word}{'' if n == 1 else 's'}" for n, word in parts if n)


def rank(candidates: list[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, c.name))


def in_last_week(starts_on: str, ends_on: str, today: date) -> bool:
    """L3: the moment to ask for a strong letter."""
    ends = date.fromisoformat(ends_on)
    return ends - timedelta(days=6) <= today <= ends and date.fromisoformat(starts_on) <= today


def from_week_two(starts_on: str, today: date) -> bool:
    """L2: candidates are worth naming once the attendings have seen you for a week."""
    return today >= date.fromisoformat(starts_on) + timedelta(days=7)


def strong_letter_words(name: str, place: str) -> str:
    """L3: words the user can edit and copy."""
    return (
        f"Dear {name}, thank you for teaching me during my rotation at {place}. "
        "I am applying to anesthesiology residency this year, and working with you has "
        "been the most valuable part of it. Would you feel able to write me a strong "
        "letter of recommendation for ERAS? I would send you my CV, a short summary of my "
        "goals and the cases we did together, to make it easy."
    )


def thank_you_words(name: str, place: str, learned: list[str]) -> str:
    """L5: a thank-you that names one or two specific things learned with the writer."""
    things = [point.strip().rstrip(".") for point in learned if point.strip()][:2]
    specific = ""
    if things:
        joined = "; and ".join(things)
        specific = f" In particular, I learned from you: {joined}."
    return (
        f"Dear {name}, thank you for your teaching during my rotation at {place}.{specific} "
        "I will carry this into residency. With gratitude,"
    )


_FLAGS = ("strong_asked", "us_anesthesiology", "academic", "chair_letter", "waived")


def letter_from_values(values: dict[str, str], letter: Letter) -> Letter:
    """The letter as the form says; InvalidValues names each refused field."""
    if errors := first_errors(values, LETTER_CHECKS):
        raise InvalidValues(errors)
    changes: dict[str, object] = {flag: values.get(flag) == "1" for flag in _FLAGS}
    changes |= {column: values.get(column) or None for column in STEP_DATES.values()}
    changes |= {
        "status": values.get("status") or letter.status,
        "eras_letter_id": values.get("eras_letter_id", "").strip(),
        "notes": values.get("notes", ""),
    }
    return replace(letter, **changes)  # type: ignore[arg-type]


def letter_values(letter: Letter) -> dict[str, str]:
    values = field_texts(letter)
    return values | {flag: "1" if getattr(letter, flag) else "0" for flag in _FLAGS}


def person_from_values(values: dict[str, str], person: Person) -> Person:
    if errors := first_errors(values, PERSON_CHECKS):
        raise InvalidValues(errors)
    return replace(
        person,
        name=values["name"].strip(),
        role=values.get("role") or PersonRole.ATTENDING,
        specialty=values.get("specialty", "").strip(),
        institution=values.get("institution", "").strip(),
        email=values.get("email", "").strip(),
        notes=values.get("notes", ""),
    )


# The steps a writer added by hand can start at (someone met on an observership may
# already have agreed, or uploaded).
HAND_ADDED_STEPS = (
    LetterStatus.CANDIDATE,
    LetterStatus.ASKED,
    LetterStatus.AGREED,
    LetterStatus.PACKET_SENT,
    LetterStatus.ID_CREATED,
    LetterStatus.ID_SENT,
    LetterStatus.UPLOADED,
)


def writer_from_values(values: dict[str, str], today: date) -> tuple[Person, Letter]:
    """A writer added by hand and their letter, at the step chosen, dated today;
    InvalidValues names each refused field, the person's and the letter's."""
    errors = first_errors(values, PERSON_CHECKS) | first_errors(values, LETTER_CHECKS)
    status = values.get("status") or LetterStatus.ASKED
    if status not in HAND_ADDED_STEPS:
        errors["status"] = "choose one of the steps listed"
    typed_id = values.get("eras_letter_id", "").strip()
    if not errors and (problem := problem_with_step(Letter(eras_letter_id=typed_id), status)):
        errors["eras_letter_id"] = problem
    if errors:
        raise InvalidValues(errors)
    person = person_from_values(values, Person())
    letter = Letter(
        status=status,
        us_anesthesiology=values.get("us_anesthesiology", "1") == "1",
        eras_letter_id=typed_id,
        notes=values.get("letter_notes", ""),
    )
    if column := STEP_DATES.get(LetterStatus(status)):  # the step's date; earlier ones unknown
        letter = replace(letter, **{column: today.isoformat()})  # type: ignore[arg-type]
    return person, letter


def follow_up_from_values(values: dict[str, str], follow_up: FollowUp) -> FollowUp:
    if errors := first_errors(values, FOLLOW_UP_CHECKS):
        raise InvalidValues(errors)
    return replace(follow_up, action=values["action"].strip(), due_on=values.get("due_on") or None)
