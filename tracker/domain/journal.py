"""The daily OR learning journal: days, de-identified cases and skills."""

import re
from dataclasses import dataclass, field
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
    check_date,
    check_required,
    first_errors,
    int_range,
    member_of,
)
from tracker.domain.text import fold


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


# The codes spelled out, for people outside the app (the writer's packet).
TECHNIQUE_WORDS = {
    "general": "general anesthesia",
    "regional": "regional anesthesia",
    "neuraxial": "neuraxial (spinal or epidural)",
    "mac": "MAC (monitored anesthesia care)",
    "combined": "combined general and regional",
    "other": "other technique",
}
AIRWAY_WORDS = {
    "ett": "ETT (endotracheal tube)",
    "lma": "LMA (laryngeal mask airway)",
    "mask": "face mask",
    "natural": "natural airway",
    "tracheostomy": "tracheostomy",
    "other": "other airway",
}


class SkillRole(StrEnum):
    PERFORMED = "performed"
    ASSISTED = "assisted"
    OBSERVED = "observed"


class Location(StrEnum):
    """Where the day was spent ('' when not said)."""

    OR = "or"
    PREOP_CLINIC = "preop_clinic"
    PACU = "pacu"
    ICU = "icu"
    LABOUR_WARD = "labour_ward"
    OTHER = "other"


LOCATION_LABELS = {
    Location.OR: "OR",
    Location.PREOP_CLINIC: "Pre-op clinic",
    Location.PACU: "PACU",
    Location.ICU: "ICU",
    Location.LABOUR_WARD: "Labour ward",
    Location.OTHER: "Other",
}

# J5: three small goals a day, each a column of journal_days.
DAILY_GOALS = (
    ("goal_preop", "A good pre-op assessment"),
    ("goal_plan", "A well-formulated plan"),
    ("goal_skill", "A new skill"),
)
# J6: what attendings watch, checked once a week (journal_weeks.watched).
WATCHED = (
    ("punctuality", "Punctuality"),
    ("engagement", "Engagement"),
    ("communication", "Clear communication"),
    ("awareness", "Situational awareness"),
    ("teachability", "Teachability"),
    ("professionalism", "Professionalism"),
)
# The skills of J2 and the list, offered by name; any other is kept as typed.
KNOWN_SKILLS = (
    "IV",
    "arterial line",
    "mask ventilation",
    "intubation",
    "LMA",
    "spinal",
    "epidural",
    "nerve block",
    "central line",
)
KNOWN_COMORBIDITIES = (
    "CAD",
    "COPD",
    "OSA",
    "anticoagulation",
    "diabetes",
    "obesity",
    "hypertension",
)


@dataclass(frozen=True)
class JournalDay:
    id: int | None = None
    rotation_id: int | None = None
    day: str = ""
    learning_points: str = ""
    feedback: str = ""
    reflection: str = ""
    tomorrow_focus: str = ""
    tomorrow_preparation: str = ""
    location: str = ""
    goal_preop: bool = False
    goal_plan: bool = False
    goal_skill: bool = False
    # Joined for display.
    case_count: int = 0


# The day's free text, in the order the editor shows it.
@dataclass(frozen=True)
class Flagged:
    """Where stored text the PHI guard flags is (never the text): its journal day and field."""

    day: str
    field: str  # "learning points", "case: teaching point"
    day_id: int

    def __str__(self) -> str:
        return f"{self.day}, {self.field}"


DAY_TEXT_FIELDS = (
    "learning_points",
    "feedback",
    "reflection",
    "tomorrow_focus",
    "tomorrow_preparation",
)


@dataclass(frozen=True)
class Case:
    id: int | None = None
    day_id: int | None = None
    procedure: str = ""
    specialty: str = ""
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
    "tomorrow_preparation": LONG_TEXT,
}
CASE_CHECKS: dict[str, tuple[Check, ...]] = {
    "procedure": REQUIRED_NAME,
    "specialty": SHORT_TEXT,
    "asa": (int_range(1, 6),),
    "airway": (member_of(Airway),),
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
    # Week of the block -> cases: how cases are dated outside the app (privacy).
    by_week: dict[int, int] = field(default_factory=dict)


def bar(count: int, largest: int, width: int = 24) -> str:
    """A bar of block characters, count's share of width (at least one for any count)."""
    if count <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(width * count / largest))


def goals_done(day: JournalDay | None) -> int:
    """How many of J5's three small goals the day ticks (0 without an entry)."""
    return sum(bool(getattr(day, name)) for name, _ in DAILY_GOALS) if day else 0


def week_of(day: date) -> date:
    """The Monday of day's week: J6's self-check is kept once a week."""
    return day - timedelta(days=day.weekday())


def block_week(starts_on: date, day: date) -> int:
    """Week 1, 2 … of a block on day: how cases are dated outside the app (privacy)."""
    return (day - starts_on).days // 7 + 1


def merge_text(base: str, mine: str, theirs: str) -> str:
    """One field written from two places since base (the editor's text and, say, an
    `away log` line): neither loses its words. The usual cases are one side unchanged,
    or both having added to base; otherwise the stored lines that the editor lacks are
    kept after the editor's text."""
    if theirs in (base, mine):
        return mine
    if mine == base:
        return theirs
    if theirs.startswith(base):
        added = theirs[len(base) :].strip("\n")
        if added in mine:  # the editor shows it already (merged into the screen before)
            return mine
        return "\n".join(filter(None, [mine.rstrip("\n"), added]))
    missing = [line for line in theirs.splitlines() if line.strip() and line not in mine]
    return "\n".join([mine.rstrip("\n"), *missing]) if missing else mine


def _known(word: str, known: tuple[str, ...]) -> str:
    """A known name in its usual spelling ("iv" -> "IV"), else the word as typed."""
    return next((name for name in known if fold(name) == fold(word)), word)


def split_list(text: str) -> list[str]:
    """Comma- or semicolon-separated items, trimmed, without repeats (case-blind)."""
    items: dict[str, str] = {}
    for item in re.split(r"[,;\n]", text):
        if item := " ".join(item.split()):
            items.setdefault(fold(item) or item, item)
    return list(items.values())


def comorbidity_tags(text: str) -> str:
    """'copd, osa,  CKD' -> 'COPD, OSA, CKD': known tags spelled one way, free tags kept."""
    return ", ".join(_known(tag, KNOWN_COMORBIDITIES) for tag in split_list(text))


_ROLE_WORDS = {
    **dict.fromkeys(("performed", "perf", "p", "did"), "performed"),
    **dict.fromkeys(("assisted", "assist", "a"), "assisted"),
    **dict.fromkeys(("observed", "obs", "o", "saw"), "observed"),
}


def parse_skills(text: str, unnamed: str = SkillRole.OBSERVED) -> list[CaseSkill]:
    """'intubation performed, IV observed, art line' -> skills with roles; a role is the
    last word (performed, assisted, observed, or p / a / o), `unnamed` when left out."""
    skills = []
    for item in split_list(text):
        *words, last = item.split()
        role = _ROLE_WORDS.get(last.lower()) if words else None
        name = " ".join(words) if role else item
        if len(name) > NAME_MAX:
            raise InvalidValues({"skills": f"“{name[:40]}…” is too long for a skill's name"})
        skills.append(CaseSkill(skill=_known(name, KNOWN_SKILLS), role=role or unnamed))
    return skills


def skills_text(skills: list[CaseSkill]) -> str:
    """The skills as parse_skills reads them back."""
    return ", ".join(f"{skill.skill} {skill.role}" for skill in skills)


# The case form's fields that hold free text (the PHI guard reads them before saving).
CASE_TEXT_FIELDS = ("procedure", "specialty", "comorbidities", "teaching_point", "story")


def case_from_values(values: dict[str, str], day_id: int | None) -> tuple[Case, list[CaseSkill]]:
    """A case and its skills from form text; InvalidValues names each refused field."""
    if errors := first_errors(values, CASE_CHECKS):
        raise InvalidValues(errors)
    asa = values.get("asa", "")
    case = Case(
        day_id=day_id,
        procedure=values["procedure"],
        specialty=values.get("specialty", ""),
        technique=values.get("technique") or Technique.GENERAL,
        asa=int(asa) if asa.isdigit() else None,
        emergency=values.get("emergency") == "1",
        age_band=values.get("age_band") or AgeBand.ADULT,
        airway=values.get("airway") or None,
        comorbidities=comorbidity_tags(values.get("comorbidities", "")),
        teaching_point=values.get("teaching_point", ""),
        memorable=values.get("memorable") == "1",
        story=values.get("story", ""),
    )
    unnamed = values.get("skill_role") or SkillRole.OBSERVED
    if unnamed not in list(SkillRole):
        raise InvalidValues({"skill_role": "choose performed, assisted or observed"})
    return case, parse_skills(values.get("skills", ""), unnamed)


def case_values(case: Case, skills: list[CaseSkill], attending: str) -> dict[str, str]:
    """The form's text for a case (a copy of the last case starts from these)."""
    return {
        "procedure": case.procedure,
        "specialty": case.specialty,
        "technique": case.technique,
        "asa": str(case.asa or ""),
        "emergency": "1" if case.emergency else "0",
        "age_band": case.age_band,
        "airway": case.airway or "",
        "comorbidities": case.comorbidities,
        "skills": skills_text(skills),
        "attending": attending,
        "teaching_point": case.teaching_point,
        "memorable": "1" if case.memorable else "0",
        "story": case.story,
    }


# The journal's go-to prompt (g): a date, or words for the days a user jumps to.
GO_TO_HINT = "YYYY-MM-DD, today, yesterday, block start, block end, or +3 / -7 days"


def day_asked(text: str, today: date, shown: date, block: tuple[str, str] | None) -> date:
    """The day the user typed at the go-to prompt: +N / -N count from the day shown,
    block is (starts_on, ends_on) of the rotation in view. InvalidValues says what is
    understood."""
    words = " ".join(text.lower().split())
    if words in ("today", "t", ""):
        return today
    if words == "yesterday":
        return today - timedelta(days=1)
    if words in ("block start", "start", "first day", "block end", "end", "last day"):
        if block is None:
            raise InvalidValues({"day": "no rotation here: type a date (YYYY-MM-DD)"})
        return date.fromisoformat(block[0] if "start" in words or "first" in words else block[1])
    if re.fullmatch(r"[+-]\d{1,4}( days?)?", words):
        return shown + timedelta(days=int(words.split()[0]))
    if problem := check_date(words):
        raise InvalidValues({"day": f"{problem}; or {GO_TO_HINT}"})
    return date.fromisoformat(words)
