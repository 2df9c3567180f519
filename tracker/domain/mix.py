"""List-mix guidance: is the list of programs and rotations balanced (P1, P2, R1-R3, R6, R7)?"""

from dataclasses import dataclass

from tracker.domain.profile import Profile
from tracker.domain.programs import (
    LIVE_STATUSES,
    SUBMITTED_STATUSES,
    ProgramKind,
    Rotation,
    RotationStatus,
    Specialty,
)
from tracker.domain.text import plural

APPLY_RANGE = (8, 15)  # P1
KIND_RANGES = {  # P2
    ProgramKind.ACADEMIC: (3, 5),
    ProgramKind.AFFILIATED: (4, 6),
    ProgramKind.COMMUNITY: (2, 4),
}
KIND_NAMES = {
    ProgramKind.ACADEMIC: "academic",
    ProgramKind.AFFILIATED: "affiliated",
    ProgramKind.COMMUNITY: "community",
}
SECURED = {RotationStatus.ACCEPTED, RotationStatus.COMPLETED}
# The guide's example: apply in September 2026 -> rotate April-September 2025. The match
# is the spring after applying, so the rotation year is the match year minus two.
ROTATION_YEAR_BEFORE_MATCH = 2


@dataclass(frozen=True)
class MixLine:
    rule_id: str
    ok: bool | None  # True on target, False off target, None not enough data yet
    text: str


SHOWN_PROBLEMS = 2  # a mix line stays one or two lines, even with hundreds of blocks


def summarise(problems: list[str]) -> str:
    """'A; B' or 'A; B; and 198 more': the worst offenders first, then a count."""
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    rest = len(problems) - SHOWN_PROBLEMS
    return f"{shown}; and {rest} more" if rest > 0 else shown


def _within(count: int, low: int, high: int) -> bool:
    return low <= count <= high


def applied_count(rotations: list[Rotation]) -> int:
    return len({r.program_id for r in rotations if r.status in SUBMITTED_STATUSES})


def mix_lines(
    kind_counts: dict[str, int], rotations: list[Rotation], profile: Profile
) -> list[MixLine]:
    """kind_counts: programs on the list by kind; rotations: every application."""
    lines = [_p1(rotations), _p2(kind_counts), _rotation_count(rotations, profile)]
    lines.append(_r6(rotations, profile))
    lines.append(_r7(rotations))
    return lines


def _p1(rotations: list[Rotation]) -> MixLine:
    count = applied_count(rotations)
    low, high = APPLY_RANGE
    if count < low:
        advice = f"apply to {low - count} more"
    elif count > high:
        advice = "more than you can follow up well"
    else:
        advice = "on target"
    return MixLine(
        "P1",
        _within(count, low, high),
        f"applied to {plural(count, 'program')} (aim {low}-{high}): {advice}",
    )


def _p2(kind_counts: dict[str, int]) -> MixLine:
    parts, ok = [], True
    for kind, (low, high) in KIND_RANGES.items():
        count = kind_counts.get(kind, 0)
        ok = ok and _within(count, low, high)
        parts.append(f"{count} {KIND_NAMES[kind]} ({low}-{high})")
    return MixLine("P2", ok, "list mix: " + ", ".join(parts))


def _rotation_count(rotations: list[Rotation], profile: Profile) -> MixLine:
    secured = [r for r in rotations if r.status in SECURED]
    anesthesia = sum(1 for r in secured if r.specialty == Specialty.ANESTHESIOLOGY)
    related = len(secured) - anesthesia
    if profile.usce_months == 0:
        ok = anesthesia >= 2 and related >= 1
        return MixLine(
            "R2",
            ok,
            f"no US clinical experience yet: aim for 2 anesthesiology "
            f"+ 1 related rotation; secured {anesthesia} + {related}",
        )
    if profile.usce_months >= 2:
        return MixLine(
            "R3",
            anesthesia >= 2,
            f"{profile.usce_months} months of USCE: aim for "
            f"2 anesthesiology rotations; secured {anesthesia}",
        )
    ok = anesthesia >= 1 if profile.budget_limited else anesthesia >= 2
    target = "1 strong one (R4: limited budget)" if profile.budget_limited else "2-3"
    return MixLine(
        "R1", ok, f"anesthesiology rotations: aim for {target}, at least 1; secured {anesthesia}"
    )


def _r6(rotations: list[Rotation], profile: Profile) -> MixLine:
    live = [r for r in rotations if r.status in LIVE_STATUSES and r.starts_on and r.ends_on]
    if not profile.match_year:
        return MixLine("R6", None, "set your match year in the profile to check timing")
    year = profile.match_year - ROTATION_YEAR_BEFORE_MATCH
    window = (f"{year}-04-01", f"{year}-10-31")
    problems = []
    for r in live:
        name = r.institution or r.program_name
        starts, ends = r.starts_on or "", r.ends_on or ""  # both set: see `live`
        if starts < window[0] or ends > window[1]:
            problems.append(f"{name} is outside Apr-Oct {year}")
        elif profile.eras_opens_on and ends > profile.eras_opens_on:
            problems.append(f"{name} ends after ERAS opens")
    if problems:
        return MixLine("R6", False, summarise(problems))
    return MixLine(
        "R6",
        True if live else None,
        f"rotate April-October {year} so letters are ready before ERAS opens",
    )


def _r7(rotations: list[Rotation]) -> MixLine:
    academic = [
        r
        for r in rotations
        if r.status in LIVE_STATUSES
        and r.program_kind == ProgramKind.ACADEMIC
        and r.status != "idea"
    ]
    if academic:
        return MixLine("R7", True, f"{plural(len(academic), 'rotation')} at an academic center")
    return MixLine("R7", False, "no rotation at an academic center yet: strongly recommended")
