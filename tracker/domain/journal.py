"""The daily OR learning journal: days, de-identified cases and skills."""

from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.checks import DATE, LONG_TEXT, REQUIRED_NAME, Check, check_required


class Technique(StrEnum):
    GENERAL = "general"
    REGIONAL = "regional"
    NEURAXIAL = "neuraxial"
    MAC = "mac"
    COMBINED = "combined"
    OTHER = "other"


class AgeBand(StrEnum):
    NEONATE = "neonate"
    INFANT = "infant"
    CHILD = "child"
    ADOLESCENT = "adolescent"
    ADULT = "adult"
    OLDER_ADULT = "older_adult"


class Airway(StrEnum):
    ETT = "ett"
    LMA = "lma"
    MASK = "mask"
    NATURAL = "natural"
    TRACHEOSTOMY = "tracheostomy"
    OTHER = "other"


class SkillRole(StrEnum):
    PERFORMED = "performed"
    ASSISTED = "assisted"
    OBSERVED = "observed"


@dataclass(frozen=True)
class JournalDay:
    id: int | None = None
    rotation_id: int | None = None
    day: str = ""
    learning_points: str = ""
    feedback: str = ""
    reflection: str = ""
    tomorrow_focus: str = ""
    # Joined for display.
    case_count: int = 0


@dataclass(frozen=True)
class Case:
    id: int | None = None
    day_id: int | None = None
    procedure: str = ""
    technique: str = Technique.GENERAL
    asa: int | None = None
    emergency: bool = False
    age_band: str = AgeBand.ADULT
    airway: str | None = None
    comorbidities: str = ""
    attending_id: int | None = None
    teaching_point: str = ""
    memorable: bool = False
    story: str = ""


@dataclass(frozen=True)
class CaseSkill:
    id: int | None = None
    case_id: int | None = None
    skill: str = ""
    role: str = SkillRole.OBSERVED


@dataclass(frozen=True)
class SearchHit:
    """A journal day where the words were found, with the matching text around them."""

    day_id: int
    day: str
    snippet: str  # the found words between [ and ]
    rotation_id: int | None = None

    @property
    def id(self) -> int:
        """The day's id: a hit stands for its day in a table."""
        return self.day_id


def search_terms(text: str) -> str | None:
    """The user's words as an FTS5 query: each word quoted (so quotes, hyphens, AND,
    brackets never break the syntax), all of them required, 'word*' a prefix; None when
    nothing searchable is left (only punctuation or emoji)."""
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        core = "".join(char for char in word.rstrip("*") if char.isalnum() or char in "'-")
        if any(char.isalnum() for char in core):
            quoted = '"' + core.replace('"', '""') + '"'
            terms.append(quoted + ("*" if prefix else ""))
    return " ".join(terms) or None


# Field checks, the same for forms, imports and the store.
DAY_CHECKS: dict[str, tuple[Check, ...]] = {
    "day": (check_required, *DATE),
    "learning_points": LONG_TEXT,
    "feedback": LONG_TEXT,
    "reflection": LONG_TEXT,
    "tomorrow_focus": LONG_TEXT,
}
CASE_CHECKS: dict[str, tuple[Check, ...]] = {
    "procedure": REQUIRED_NAME,
    "comorbidities": LONG_TEXT,
    "teaching_point": LONG_TEXT,
    "story": LONG_TEXT,
}
SKILL_CHECKS: dict[str, tuple[Check, ...]] = {"skill": REQUIRED_NAME}


@dataclass(frozen=True)
class CaseStats:
    """Counts of cases, for the stats chart, the letters packet and the ERAS summary."""

    cases: int
    by_technique: dict[str, int]
    by_airway: dict[str, int]
    by_asa: dict[str, int]  # "1" … "6", "E" for emergencies counted apart
    skills: dict[str, dict[str, int]]  # skill -> role (performed / assisted / observed) -> n


def bar(count: int, largest: int, width: int = 24) -> str:
    """A bar of block characters, count's share of width (at least one for any count)."""
    if count <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(width * count / largest))
