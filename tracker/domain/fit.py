"""Explainable program fit: a score made only of reasons the user can read and check.

Each reason cites its rule (DOMAIN.md). Weights are the app's own judgement of how much a
rule matters to a non-US IMG who needs a visa; the guide gives the rules, not the numbers.
"""

from dataclasses import dataclass

from tracker.domain.checks import format_cents
from tracker.domain.profile import Profile, VisaNeed
from tracker.domain.programs import Program, ProgramKind, Route

# Monthly housing above this is "expensive" for a limited budget (B1: $800-2,000).
EXPENSIVE_HOUSING_CENTS = 150_000
CHEAP_HOUSING_CENTS = 100_000


@dataclass(frozen=True)
class Reason:
    sign: str  # "+" helps, "-" hurts, "?" unknown: something to find out
    text: str
    rule_id: str
    points: int

    def __str__(self) -> str:
        return f"{self.sign} {self.text} ({self.rule_id})"


@dataclass(frozen=True)
class Fit:
    score: int
    reasons: tuple[Reason, ...]

    @property
    def label(self) -> str:
        if self.score >= 9:
            return "strong"
        if self.score >= 5:
            return "good"
        if self.score >= 1:
            return "weak"
        return "poor"


def _visa_reasons(program: Program, need: str) -> list[Reason]:
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
    if program.has_img_residents == "yes" and program.accepts_international == "yes":
        reasons.append(Reason("+", "IMG-friendly: IMG residents and students from abroad", "P6", 1))
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
        reasons.extend(_budget_reasons(program, profile))
    score = sum(reason.points for reason in reasons)
    return Fit(score, tuple(reasons))


def _budget_reasons(program: Program, profile: Profile) -> list[Reason]:
    reasons = []
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
        reasons.append(
            Reason(
                "+",
                "high-impact choice for a limited budget: sponsors, has IMGs, structured letters",
                "R4",
                2,
            )
        )
    else:
        reasons.append(
            Reason(
                "-",
                "with a limited budget, prefer one program that sponsors, "
                "has IMGs and gives structured letters",
                "R4",
                -1,
            )
        )
    rent = program.housing_monthly_cents
    if rent is None:
        reasons.append(Reason("?", "housing cost unknown: ask the coordinator", "P7", 0))
    elif rent > EXPENSIVE_HOUSING_CENTS:
        reasons.append(Reason("-", f"housing about {format_cents(rent)}/month", "P7", -1))
    elif rent <= CHEAP_HOUSING_CENTS:
        reasons.append(Reason("+", f"housing about {format_cents(rent)}/month", "P7", 1))
    return reasons
