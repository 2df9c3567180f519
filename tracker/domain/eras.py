"""The ERAS workbench: what MyERAS asks for (Experiences, most meaningful reflections,
anesthesiology's program signals and supplemental questions), its limits, and drafts
seeded from the journal. The limits and fees change by season: seasons.ERAS_LIMITS."""

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tracker.domain.checks import Check, check_date, int_range, max_length
from tracker.domain.journal import LOCATION_LABELS
from tracker.domain.seasons import ErasLimits
from tracker.domain.text import plural

# MyERAS's lists (AAMC, MyERAS Experiences section), in its words.
EXPERIENCE_TYPES = (
    "Education/training",
    "Military service",
    "Professional organization",
    "Other extracurricular activity, club, or hobby",
    "Research",
    "Teaching/mentoring",
    "Volunteer/service/advocacy",
    "Work",
)
FOCUS_AREAS = (
    "",
    "Basic science",
    "Clinical/translational science",
    "Community involvement/outreach",
    "Customer service",
    "Healthcare administration",
    "Improving access to health care",
    "Medical education",
    "Music, athletics, art",
    "Promoting wellness",
    "Public health",
    "Quality improvement",
    "Social justice and advocacy",
)
KEY_CHARACTERISTICS = (
    "",
    "Communication",
    "Critical thinking and problem solving",
    "Cultural humility and awareness",
    "Empathy and compassion",
    "Ethical responsibility",
    "Ingenuity and innovation",
    "Reliability and dependability",
    "Resilience and adaptability",
    "Self-reflection and improvement",
    "Teamwork and leadership",
)


class Tier(StrEnum):
    GOLD = "gold"
    SILVER = "silver"


# Anesthesiology's supplemental questions (AACPD, 2025-2026), in MyERAS's order.
QUESTIONS = (
    (
        "adversity",
        "Describe a time when you faced adversity, how you overcame it, and any lessons "
        "learned from it.",
    ),
    (
        "differently",
        "Describe a situation in which you would have made a different decision that might "
        "have led to a better outcome.",
    ),
    ("career", "Describe your ideal career as an attending."),
)
QUESTION_KEYS = tuple(key for key, _ in QUESTIONS)


def one_of(choices: Sequence[str]) -> Check:
    """Exactly one of MyERAS's list (or nothing, where the list starts with "")."""

    def check(text: str) -> str | None:
        return None if text in choices else "one of: " + "; ".join(c for c in choices if c)

    return check


def myeras_length(text: str) -> int:
    """Characters as a MyERAS text box counts them: spaces and line breaks included, a
    line break (CRLF, CR or LF) once, as browsers count a text box's line breaks; an
    accent once when composed (NFC); a character outside the Basic Multilingual Plane
    (most emoji) twice, as the browser's length counts UTF-16 units. Counting high keeps
    a draft that fits here within the limit there."""
    normal = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return len(normal.encode("utf-16-le", "surrogatepass")) // 2  # UTF-16 units


def counter(text: str, limit: int) -> str:
    """'412/750'; over the limit: '812/750 (62 over)'."""
    used = myeras_length(text)
    return f"{used}/{limit}" + (f" ({used - limit} over)" if used > limit else "")


@dataclass(frozen=True)
class Experience:
    """One of the up to ten MyERAS Experiences; a rotation's is seeded from the journal."""

    id: int | None = None
    rotation_id: int | None = None
    position_title: str = "Visiting medical student, anesthesiology"
    organization: str = ""
    starts_on: str | None = None
    ends_on: str | None = None
    hours_per_week: int | None = None  # asked once per block; seeded from the journal
    city: str = ""
    state: str = ""
    country: str = "United States"
    setting: str = ""
    experience_type: str = "Education/training"
    focus_area: str = ""
    key_characteristic: str = ""
    supervisor: str = ""
    description: str = ""
    meaningful: bool = False
    reflection: str = ""


@dataclass(frozen=True)
class Signal:
    """A program signal (anesthesiology: gold and silver) with its statement."""

    program_id: int
    tier: str
    statement: str = ""
    id: int | None = None
    program_name: str = ""  # read with it


EXPERIENCE_CHECKS: dict[str, tuple[Check, ...]] = {
    "position_title": (max_length(100),),
    "organization": (max_length(200),),
    "starts_on": (check_date,),
    "ends_on": (check_date,),
    "hours_per_week": (int_range(0, 168),),
    "city": (max_length(100),),
    "state": (max_length(100),),
    "country": (max_length(100),),
    "setting": (max_length(200),),
    "experience_type": (one_of(EXPERIENCE_TYPES),),
    "focus_area": (one_of(FOCUS_AREAS),),
    "key_characteristic": (one_of(KEY_CHARACTERISTICS),),
    "supervisor": (max_length(200),),
    # Drafts may run over while being written; the export refuses what MyERAS would.
    "description": (max_length(20_000),),
    "reflection": (max_length(20_000),),
}
SIGNAL_CHECKS: dict[str, tuple[Check, ...]] = {
    "tier": (one_of(tuple(Tier)),),
    "statement": (max_length(20_000),),
}


def signal_refusal(tier: str, given: Counter[str], limits: ErasLimits) -> str | None:
    """Why one more signal of tier is refused (the limit and its source), or None."""
    allowed = limits.gold_signals if tier == Tier.GOLD else limits.silver_signals
    if given[tier] < allowed:
        return None
    return (
        f"Anesthesiology allows {plural(allowed, f'{tier} signal')} in ERAS {limits.season}, "
        f"and all {allowed} are given ({limits.signals_source}); remove one first"
    )


def fees(programs: int, limits: ErasLimits) -> int:
    """MyERAS's application fee, in dollars, for programs in one specialty."""
    first = min(programs, limits.fee_tier_programs)
    return first * limits.fee_first + (programs - first) * limits.fee_after


def over_limits(
    experiences: Sequence[Experience], answers: dict[str, str], limits: ErasLimits
) -> list[str]:
    """What MyERAS would not take, one sentence each (the export refuses while any)."""
    found = []
    if len(experiences) > limits.experiences:
        found.append(f"{len(experiences)} experiences; MyERAS takes {limits.experiences}")
    meaningful = [e for e in experiences if e.meaningful]
    if len(meaningful) > limits.meaningful:
        found.append(f"{len(meaningful)} marked most meaningful; MyERAS takes {limits.meaningful}")
    for experience in experiences:
        name = experience.organization or experience.position_title or "an experience"
        if (used := myeras_length(experience.description)) > limits.description:
            found.append(f"{name}: description {used}/{limits.description}")
        if experience.meaningful and (used := myeras_length(experience.reflection)) > (
            limits.reflection
        ):
            found.append(f"{name}: reflection {used}/{limits.reflection}")
    for key, _ in QUESTIONS:
        if (used := myeras_length(answers.get(key, ""))) > limits.supplemental:
            found.append(f"supplemental answer ({key}): {used}/{limits.supplemental}")
    return found


@dataclass(frozen=True)
class BlockFacts:
    """What the journal holds about one secured block, for its Experience draft."""

    rotation_id: int
    organization: str
    starts_on: str | None
    ends_on: str | None
    city: str = ""
    state: str = ""
    days: int = 0  # journal days written in the block
    places: dict[str, int] = field(default_factory=dict)  # OR, pre-op clinic … -> days
    cases: int = 0
    by_technique: dict[str, int] = field(default_factory=dict)
    skills: dict[str, dict[str, int]] = field(default_factory=dict)  # skill -> role -> n
    supervisor: str = ""  # the attending with the most cases together
    # The lines a seed draws on, most written first, as many as it takes (SEED_LINES):
    # each is checked by the PHI guard first, and a block's journal has dozens.
    teaching: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)
    memorable: list[str] = field(default_factory=list)  # procedures, de-identified


SEED_LINES = {"teaching": 3, "feedback": 2, "memorable": 3}


HOURS_A_DAY = 10  # an OR day as a student: 06:30 to about 17:00


def hours_per_week(facts: BlockFacts) -> int | None:
    """From the journal's days: days written per week of the block, times an OR day."""
    if not (facts.starts_on and facts.ends_on and facts.days):
        return None
    weeks = max(1.0, (_days_between(facts.starts_on, facts.ends_on) + 1) / 7)
    return min(80, round(facts.days / weeks * HOURS_A_DAY))


def _days_between(first: str, last: str) -> int:
    return (date.fromisoformat(last) - date.fromisoformat(first)).days


ROLE_ORDER = ("performed", "assisted", "observed")


def _technique(value: str) -> str:
    return {"mac": "MAC", "other": "other techniques"}.get(value, value)


def _place(value: str) -> str:
    return LOCATION_LABELS.get(value, value)  # type: ignore[call-overload, no-any-return]


def seed_description(facts: BlockFacts, limit: int) -> str:
    """A first draft from the journal: the block, cases by technique, skills with counts
    by role, teaching points, feedback and memorable cases; sentences are added while
    they fit within limit (MyERAS counting), the rest left for the user to choose."""
    sentences = [
        f"Four-week visiting student rotation in anesthesiology at {facts.organization}"
        + (f", {plural(facts.cases, 'case')} logged" if facts.cases else "")
        + (
            " ("
            + ", ".join(f"{n} {_technique(t)}" for t, n in list(facts.by_technique.items())[:4])
            + ")"
            if facts.by_technique
            else ""
        )
        + "."
    ]
    for role in ROLE_ORDER:
        done = sorted(
            ((skill, roles[role]) for skill, roles in facts.skills.items() if roles.get(role)),
            key=lambda pair: -pair[1],
        )
        if done:
            listed = ", ".join(f"{skill} ({n})" for skill, n in done[:5])
            sentences.append(f"{role.capitalize()}: {listed}.")
    if facts.places:
        sentences.append(
            "Worked in "
            + ", ".join(f"{_place(place)} ({n} days)" for place, n in facts.places.items())
            + "."
        )
    teaching, feedback = facts.teaching[: SEED_LINES["teaching"]], facts.feedback
    sentences += [f"Learned: {point.rstrip('.')}." for point in teaching]
    sentences += [f"Feedback: {line.rstrip('.')}." for line in feedback[: SEED_LINES["feedback"]]]
    if facts.memorable:
        memorable = facts.memorable[: SEED_LINES["memorable"]]
        sentences.append("Memorable: " + "; ".join(memorable) + ".")
    kept = ""
    for sentence in sentences:
        candidate = f"{kept} {sentence}".strip()
        if myeras_length(candidate) <= limit:
            kept = candidate
    return kept


def seed_experience(facts: BlockFacts, limits: ErasLimits) -> Experience:
    """The Experience a secured block starts as (not stored until the user edits it)."""
    return Experience(
        rotation_id=facts.rotation_id,
        organization=facts.organization,
        starts_on=facts.starts_on,
        ends_on=facts.ends_on,
        hours_per_week=hours_per_week(facts),
        city=facts.city,
        state=facts.state,
        setting=", ".join(f"{_place(place)} ({n} days)" for place, n in facts.places.items())[:200],
        focus_area="Medical education",
        key_characteristic="Teamwork and leadership",
        supervisor=facts.supervisor,
        description=seed_description(facts, limits.description),
    )
