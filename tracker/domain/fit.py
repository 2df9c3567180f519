"""Explainable program fit: a score made only of reasons the user can read and check.

Each reason cites its rule (DOMAIN.md). Weights are the app's own judgement of how much a
rule matters to a non-US IMG who needs a visa; the guide gives the rules, not the numbers.
"""

from typing import NamedTuple

from tracker.domain.checks import format_cents
from tracker.domain.profile import Profile, VisaNeed
from tracker.domain.programs import Program, ProgramKind, Route

# Monthly housing above this is "expensive", at or below the other "cheap" (B1: $800-2,000).
EXPENSIVE_HOUSING_CENTS = 150_000
CHEAP_HOUSING_CENTS = 100_000


# Tuples, not dataclasses: Applications works out the fit of every program to sort them,
# about ten reasons each (1,200 programs at 100x: 8.8 ms as frozen dataclasses, 7.2 now).
class Reason(NamedTuple):
    sign: str  # "+" helps, "-" hurts, "?" unknown: something to find out
    text: str
    rule_id: str
    points: int

    def __str__(self) -> str:
        return f"{self.sign} {self.text} ({self.rule_id})"


class Fit(NamedTuple):
    score: int
    reasons: tuple[Reason, ...]

    @property
    def label(self) -> str:
        return fit_label(self.score)


def fit_label(score: int) -> str:
    if score >= 9:
        return "strong"
    if score >= 5:
        return "good"
    if score >= 1:
        return "weak"
    return "poor"


def _visa_reasons(program: Program, need: str) -> list[Reason]:
    """P3: J-1 at minimum, preferably H-1B. The visa the user needs decides the score;
    for someone who needs a J-1, H-1B sponsorship is the preferred extra."""
    if need == VisaNeed.NONE:
        return []
    wanted = {VisaNeed.J1: ["J-1"], VisaNeed.H1B: ["H-1B"], VisaNeed.J1_OR_H1B: ["J-1", "H-1B"]}[
        VisaNeed(need)
    ]
    answers = {"J-1": program.sponsors_j1, "H-1B": program.sponsors_h1b}
    yes = [visa for visa in wanted if answers[visa] == "yes"]
    unknown = [visa for visa in wanted if answers[visa] == "unknown"]
    reasons = [
        Reason("+", f"sponsors {visa}", "P3", 3 if i == 0 else 1) for i, visa in enumerate(yes)
    ]
    if not yes and not unknown:
        reasons.append(
            Reason("-", f"does not sponsor {' or '.join(wanted)}, the visa you will need", "P3", -5)
        )
    for visa in unknown:
        reasons.append(
            Reason("?", f"{visa} sponsorship unknown: ask the GME office", "P3", 0 if yes else -1)
        )
    if wanted == ["J-1"] and program.sponsors_h1b == "yes":
        reasons.append(Reason("+", "also sponsors H-1B, which the guide prefers", "P3", 1))
    return reasons


_TRISTATE_REASONS = {
    # field: (rule, yes text, yes points, no text, no points, unknown text)
    "accepts_international": (
        "V2",
        "accepts visiting students from abroad",
        2,
        "no visiting students from abroad",
        -6,
        "ask the international office whether it takes non-US students",
    ),
    "has_img_residents": (
        "P4",
        "has current or recent IMG residents",
        2,
        "no IMG residents found",
        -1,
        "IMG residents unknown: check the residents page",
    ),
    "structured_evaluation": (
        "P5",
        "structured evaluation and letter process",
        2,
        "no structured evaluation or letter process",
        -2,
        "evaluation and letter process unknown: ask the coordinator",
    ),
}


def fit(program: Program, profile: Profile) -> Fit:
    reasons = _visa_reasons(program, profile.visa_needed)
    for field, (rule, yes, yes_points, no, no_points, unknown) in _TRISTATE_REASONS.items():
        value = getattr(program, field)
        if value == "yes":
            reasons.append(Reason("+", yes, rule, yes_points))
        elif value == "no":
            reasons.append(Reason("-", no, rule, no_points))
        else:
            reasons.append(Reason("?", unknown, rule, 0))
    reasons.append(_img_friendly(program))
    if program.route == Route.VSLO:
        reasons.append(Reason("+", "formal visiting-student route (VSLO)", "P5", 1))
    elif program.route == Route.INSTITUTIONAL:
        reasons.append(Reason("+", "institutional visiting-student office", "P5", 1))
    else:
        reasons.append(Reason("-", "no formal visiting-student route", "P5", -1))
    if program.kind == ProgramKind.ACADEMIC:
        reasons.append(Reason("+", "academic center", "R7", 2))
    elif program.kind == ProgramKind.AFFILIATED:
        reasons.append(Reason("+", "university-affiliated", "P2", 1))
    if profile.budget_limited:
        reasons.append(_high_impact(program, profile))
    reasons.extend(_cost(program, profile))
    score = sum(reason.points for reason in reasons)
    return Fit(score, tuple(reasons))


# P6's own signs, beyond P4's IMG residents and V2's students from abroad (not counted
# twice): what the user noted about the program's faculty, statements and alumni.
IMG_FRIENDLY_WORDS = (
    "img-friendly",
    "img friendly",
    "international faculty",
    "diversity statement",
    "alumni",
    "past rotators",
    "former rotators",
)


def _img_friendly(program: Program) -> Reason:
    notes = program.notes.lower()
    found = next((word for word in IMG_FRIENDLY_WORDS if word in notes), None)
    if found:
        return Reason("+", f"your notes say: {found}", "P6", 1)
    return Reason(
        "?",
        "IMG-friendliness: note international faculty, a diversity statement or alumni reports",
        "P6",
        0,
    )


def _high_impact(program: Program, profile: Profile) -> Reason:
    """R4: with a limited budget, one program where a match is realistic."""
    high_impact = (
        program.accepts_international == "yes"
        and program.has_img_residents == "yes"
        and program.structured_evaluation == "yes"
        and (
            profile.visa_needed == VisaNeed.NONE
            or any(r.sign == "+" for r in _visa_reasons(program, profile.visa_needed))
        )
    )
    if high_impact:
        return Reason(
            "+",
            "high-impact choice for a limited budget: sponsors, has IMGs, structured letters",
            "R4",
            2,
        )
    return Reason(
        "-",
        "with a limited budget, prefer one program that sponsors, "
        "has IMGs and gives structured letters",
        "R4",
        -1,
    )


def _cost(program: Program, profile: Profile) -> list[Reason]:
    """P7 weighs total cost for everyone, twice as much on a limited budget; a rent in the
    middle of the guide's range says nothing either way."""
    weight = 2 if profile.budget_limited else 1
    rent = program.housing_monthly_cents
    if rent is None:
        return [Reason("?", "housing cost unknown: ask the coordinator", "P7", 0)]
    text = f"housing about {format_cents(rent)}/month"
    if rent > EXPENSIVE_HOUSING_CENTS:
        return [Reason("-", text, "P7", -weight)]
    if rent <= CHEAP_HOUSING_CENTS:
        return [Reason("+", text, "P7", weight)]
    return []
