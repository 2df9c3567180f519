"""The writer's packet (L4): what makes a letter easy to write. The CV, the user's goals,
the ERAS ID and how the letter is uploaded, and the cases done with this writer, grouped
by rotation week, never by date, with de-identified fields only."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tracker.domain.journal import AIRWAY_WORDS, TECHNIQUE_WORDS, block_week
from tracker.domain.letters import Person
from tracker.domain.profile import VISA_LABELS, Profile
from tracker.domain.text import NotFound, block_dates, fold, one_named, plural, words
from tracker.services.summary import Section, to_markdown
from tracker.store import journal
from tracker.store.checklists import cv_scan_path
from tracker.store.db import Database
from tracker.store.letters import list_people, shared_with
from tracker.store.profile import get_profile

# The only case fields a packet shows (with the skills and the teaching point): none of
# them can identify a patient; _cases_by_week reads no other.
PACKET_CASE_FIELDS = ("procedure", "specialty", "technique", "asa", "age_band", "airway")


PersonNotFound = NotFound  # the CLI's name for it


def find_person(db: Database, text: str) -> Person:
    """The one person text names; NotFound with the close names otherwise."""
    people = list_people(db)
    names = [person.name for person in people]
    return people[one_named(names, text, "No one called “{text}” is in Away", "people")]


@dataclass
class Week:
    """A week of a block with one writer: its cases, each as a line and its facts."""

    lines: list[str] = field(default_factory=list)
    skills: dict[str, Counter[str]] = field(default_factory=dict)  # role -> skill -> n
    highlights: list[tuple[int, str]] = field(default_factory=list)  # (rank, procedure)
    teaching: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A rotation (or the days outside one) with one writer, week by week."""

    starts: str | None = None
    ends: str | None = None
    weeks: dict[int, Week] = field(default_factory=lambda: defaultdict(Week))


def _cases_by_week(db: Database, person_id: int) -> dict[str, Block]:
    """Rotation name -> its block's weeks -> the cases (de-identified, no dates)."""
    blocks: dict[str, Block] = {}
    found = journal.dated_cases(db, attending_id=person_id)
    skills = journal.skills_of(db, [item.case.id for item in found if item.case.id])
    for item in found:
        case = item.case  # only the fields of PACKET_CASE_FIELDS and the teaching point
        starts = item.block_starts
        week_number = (
            block_week(date.fromisoformat(starts), date.fromisoformat(item.day)) if starts else 0
        )
        block = blocks.setdefault(item.place or "Other days", Block(starts, item.block_ends))
        week = block.weeks[week_number]
        facts = [TECHNIQUE_WORDS.get(case.technique, words(case.technique))]
        if case.asa:
            facts.append(f"ASA {case.asa}{'E' if case.emergency else ''}")
        facts.append(words(case.age_band))
        if case.airway:
            facts.append(AIRWAY_WORDS.get(case.airway, words(case.airway)))
        line = f"{case.procedure}{f' ({case.specialty})' if case.specialty else ''}: "
        line += ", ".join(facts)
        done = skills.get(case.id or 0, [])
        if done:
            line += f"; my part: {', '.join(f'{s.skill} ({s.role})' for s in done)}"
            for s in done:
                week.skills.setdefault(s.role, Counter())[s.skill] += 1
        if case.teaching_point:
            line += f". Learned: {case.teaching_point}"
            if case.teaching_point not in week.teaching:
                week.teaching.append(case.teaching_point)
        # Highlights: memorable cases first, then those where I did the most.
        rank = (10 if case.memorable else 0) + sum(s.role == "performed" for s in done)
        week.highlights.append((rank, case.procedure))
        week.lines.append(line)
    return blocks


HIGHLIGHTS = 4  # cases named in a week's summary


def _week_summary(week: Week) -> list[str]:
    """Skills by role with counts, a few highlight cases and the teaching points, before
    the week's full list."""
    found = []
    for role in ("performed", "assisted", "observed"):
        if counts := week.skills.get(role):
            done = ", ".join(f"{skill} ×{n}" for skill, n in counts.most_common(5))
            found.append(f"{role.capitalize()}: {done}")
    ranked = sorted(week.highlights, key=lambda pair: -pair[0])
    names = list(dict.fromkeys(procedure for _, procedure in ranked))[:HIGHLIGHTS]
    if names:
        found.append("Highlights: " + "; ".join(names))
    if week.teaching:
        found.append("Teaching points: " + "; ".join(t.rstrip(".") for t in week.teaching[:3]))
    return found


def packet_sections(db: Database, person: Person) -> tuple[str, list[Section]]:
    """The packet as the summary's sections: the same Markdown, HTML and PDF writers."""
    profile: Profile = get_profile(db)
    shared = shared_with(db, person.id or 0)
    cv = cv_scan_path(db)
    season = f" (the ERAS {profile.match_year} season)" if profile.match_year else ""
    goals = Section("What I am applying for")
    goals.p(
        f"From {profile.full_name or 'the applicant'}"
        + (f", {profile.school}" if profile.school else "")
        + (f" ({profile.country})" if profile.country else "")
        + (f"; {profile.email}" if profile.email else "")
    )
    goals.ul(
        [
            f"Anesthesiology residency, Match {profile.match_year or '(year to be set)'}{season}",
            f"Visa for residency: {VISA_LABELS.get(profile.visa_needed, profile.visa_needed)}",  # type: ignore[call-overload]
            f"ERAS ID: {profile.eras_id or '(to be added)'}; AAMC ID: {profile.aamc_id or '—'}",
            f"CV: {Path(cv).name if cv else 'attached'}",
        ]
    )
    how = Section("How the letter reaches ERAS")
    how.p(
        "I create a Letter Request Form in ERAS for your letter and send you its Letter ID. "
        "You (or your office) upload the letter as a PDF on letterhead with that ID through "
        "the ERAS Letter of Recommendation Portal. Thank you!"
    )
    together = Section(
        f"What we did together ({plural(shared.days, 'day')}, {plural(shared.cases, 'case')})"
    )
    blocks = _cases_by_week(db, person.id or 0)
    if not blocks:
        together.p("(No cases with you are in my journal yet.)")
    for place, block in blocks.items():
        if block.starts and block.ends:
            together.p(f"{place}, block {block_dates(block.starts, block.ends)}")
        for number in sorted(block.weeks):
            week = block.weeks[number]
            together.p(f"Week {number}" if number else f"Outside a rotation block: {place}")
            together.ul(_week_summary(week))
            together.p(f"The {plural(len(week.lines), 'case')} of the week:")
            together.ul(week.lines)
    return f"Letter packet for {person.name}", [goals, how, together]


def build_packet(db: Database, person: Person) -> str:
    """The packet as Markdown (it reads well as plain text too)."""
    return to_markdown(*packet_sections(db, person))


def render_packet(
    db: Database, person: Person, form: str, keep_flagged: bool = False, paper: str = "letter"
) -> bytes:
    """The packet's bytes: "md" or "pdf" (what a writer can open anywhere); refused
    (FlaggedText) when a case it includes has text the PHI guard flags, unless
    keep_flagged."""
    from tracker.services.exporting import refuse_flagged
    from tracker.store.phi import packet_scope

    if not keep_flagged:
        refuse_flagged(db, packet_scope(person.id or 0), "The packet")
    title, sections = packet_sections(db, person)
    if form == "pdf":
        from tracker.services.exporting import pdf_or_refusal

        return pdf_or_refusal(title, sections, paper)
    return to_markdown(title, sections).encode()


def default_packet_path(db_path: Path, person: Person, form: str = "md") -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", (fold(person.name) or "writer").lower()).strip("-")
    return db_path.parent / "packets" / f"packet-{slug or 'writer'}.{form}"


def write_packet(
    content: bytes,
    out: Path | None,
    db_path: Path,
    person: Person,
    form: str = "md",
    force: bool = True,
) -> Path:
    """Write the packet whole (the exports' way); an existing file is replaced only when
    force (the app's packet key always makes the newest one)."""
    from tracker.services.exporting import write_whole

    return write_whole(content, out or default_packet_path(db_path, person, form), force=force)
