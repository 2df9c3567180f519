"""The ERAS workbench as one piece: what the pane shows, what `away eras` prints, and the
export ready to paste into MyERAS (plain text: MyERAS takes no formatting)."""

from dataclasses import dataclass
from datetime import date

from tracker.domain.eras import (
    QUESTIONS,
    Experience,
    Signal,
    Tier,
    counter,
    fees,
    myeras_length,
    over_limits,
)
from tracker.domain.phi import find_phi
from tracker.domain.seasons import ErasLimits, eras_limits
from tracker.domain.text import markdown_escaped, plural
from tracker.store import eras
from tracker.store.db import Database
from tracker.store.phi import team_names
from tracker.store.profile import get_profile


@dataclass(frozen=True)
class ProgramState:
    """A signalled program beside its application: rotated there, interview, status."""

    status: str = ""
    rotated: bool = False
    interview_on: str | None = None


@dataclass(frozen=True)
class Workbench:
    season: int | None
    limits: ErasLimits
    experiences: list[Experience]
    answers: dict[str, str]
    signals: list[Signal]
    states: dict[int, ProgramState]
    programs_planned: int | None

    def signal_count(self, tier: str) -> int:
        return sum(1 for signal in self.signals if signal.tier == tier)

    @property
    def meaningful(self) -> list[Experience]:
        return [e for e in self.experiences if e.meaningful]

    def fees_line(self) -> str:
        """'ERAS fees for 40 programs: $630 (30 x $11 + 10 x $30; AAMC …)'."""
        planned = self.programs_planned
        if not planned:
            return "ERAS fees: set how many programs you plan to apply to (f)"
        first = min(planned, self.limits.fee_tier_programs)
        parts = f"{first} x ${self.limits.fee_first}"
        if planned > first:
            parts += f" + {planned - first} x ${self.limits.fee_after}"
        return (
            f"ERAS fees for {plural(planned, 'program')}: ${fees(planned, self.limits):,} ({parts})"
        )


def gather(db: Database) -> Workbench:
    profile = get_profile(db)
    limits = eras_limits(profile.match_year)
    states: dict[int, ProgramState] = {}
    for program_id, status, interview_on, rotated in db.execute(
        """SELECT program_id, status, max(interview_on),
                  max(status IN ('accepted', 'completed'))
           FROM rotations GROUP BY program_id"""
    ):
        states[int(program_id)] = ProgramState(str(status), bool(rotated), interview_on)
    return Workbench(
        season=profile.match_year,
        limits=limits,
        experiences=eras.experiences(db, limits),
        answers=eras.answers(db),
        signals=eras.signals(db),
        states=states,
        programs_planned=profile.eras_programs,
    )


def flagged_places(db: Database, bench: Workbench) -> list[str]:
    """Where a draft holds text the PHI guard flags (never the text)."""
    return _flagged(db, bench.experiences, bench.answers, bench.signals)


def stored_flagged_places(db: Database) -> list[str]:
    """The same for the drafts the file holds (what the JSON and CSV exports carry; a
    seed never stored is not in them)."""
    return _flagged(db, eras.stored_experiences(db), eras.answers(db), eras.signals(db))


def _flagged(
    db: Database, experiences: list[Experience], answers: dict[str, str], signals: list[Signal]
) -> list[str]:
    team = team_names(db)
    found = []
    for number, experience in enumerate(experiences, start=1):
        name = f"Experience {number} ({experience.organization or experience.position_title})"
        for label, text in (
            ("description", experience.description),
            ("reflection", experience.reflection),
        ):
            if text and find_phi(text, team):
                found.append(f"{name}, {label}")
    for key, _ in QUESTIONS:
        if (text := answers.get(key, "")) and find_phi(text, team):
            found.append(f"supplemental answer ({key})")
    for signal in signals:
        if signal.statement and find_phi(signal.statement, team):
            found.append(f"signal statement ({signal.program_name})")
    return found


def _month(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%m/%Y") if iso else "—"


def render(bench: Workbench, form: str = "txt") -> str:
    """The drafts as MyERAS asks for them, in its order; md adds headings (and escapes
    the user's text so it shows as typed)."""
    md = form == "md"
    lines: list[str] = []

    def heading(text: str) -> None:
        lines.extend([f"## {text}" if md else text.upper(), ""])

    def label(text: str) -> str:
        return f"**{text}**" if md else text

    def mine(text: str) -> str:
        return markdown_escaped(text) if md else text

    title = f"ERAS {bench.season}" if bench.season else "ERAS"
    lines += [f"# {title}: my drafts" if md else f"{title}: my drafts", ""]
    lines += ["Drafts from Away, ready to paste into MyERAS. Nothing was sent anywhere.", ""]
    limits = bench.limits
    heading(f"Experiences ({len(bench.experiences)} of {limits.experiences})")
    for number, e in enumerate(bench.experiences, start=1):
        name = f"{number}. {mine(e.position_title)}"
        lines += [f"### {name}" if md else name, *([""] if md else [])]
        fields = [
            ("Organization", e.organization),
            ("Dates (approximate)", f"{_month(e.starts_on)} to {_month(e.ends_on)}"),
            ("Hours per week", str(e.hours_per_week) if e.hours_per_week is not None else ""),
            ("Location", ", ".join(p for p in (e.city, e.state, e.country) if p)),
            ("Setting", e.setting),
            ("Experience type", e.experience_type),
            ("Primary focus area", e.focus_area),
            ("Key characteristic", e.key_characteristic),
            ("Supervisor", e.supervisor),
        ]
        lines += [f"{'- ' if md else ''}{name}: {mine(value) or '—'}" for name, value in fields]
        lines += [
            *([""] if md else []),
            label(f"Description ({counter(e.description, limits.description)}):"),
        ]
        lines += [mine(e.description), ""]
    heading(f"Most meaningful ({len(bench.meaningful)} of {limits.meaningful})")
    for e in bench.meaningful:
        name = mine(e.organization or e.position_title)
        lines += [label(f"{name}, reflection ({counter(e.reflection, limits.reflection)}):")]
        lines += [mine(e.reflection), ""]
    gold, silver = bench.signal_count(Tier.GOLD), bench.signal_count(Tier.SILVER)
    heading(
        f"Program signals (gold {gold} of {limits.gold_signals}, "
        f"silver {silver} of {limits.silver_signals})"
    )
    for signal in bench.signals:
        lines += [label(f"{signal.tier.capitalize()}: {mine(signal.program_name)}")]
        lines += [
            f"Statement ({myeras_length(signal.statement)} characters):",
            mine(signal.statement),
            "",
        ]
    heading("Anesthesiology supplemental questions")
    for number, (key, question) in enumerate(QUESTIONS, start=1):
        answer = bench.answers.get(key, "")
        lines += [label(f"{number}. {question} ({counter(answer, limits.supplemental)})")]
        lines += [mine(answer), ""]
    lines.append(
        f"Limits {limits.provenance()} ({limits.experiences_source}; {limits.signals_source})"
    )
    text = "\n".join(lines).rstrip() + "\n"
    return text.replace("\r\n", "\n").replace("\r", "\n")  # one kind of line break


def export_problems(bench: Workbench) -> list[str]:
    """What MyERAS would refuse: the export is not written while any."""
    return over_limits(bench.experiences, bench.answers, bench.limits)
