"""The writer's packet (L4): what makes a letter easy to write. The CV, the user's goals,
the ERAS ID and how the letter is uploaded, and the cases done with this writer, grouped
by rotation week, never by date, with de-identified fields only."""

import re
from collections import defaultdict
from datetime import date
from pathlib import Path

from tracker.domain.journal import block_week
from tracker.domain.letters import Person
from tracker.domain.profile import VISA_LABELS, Profile
from tracker.domain.text import NotFound, fold, one_named, plural, words
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


def _cases_by_week(db: Database, person_id: int) -> dict[str, dict[int, list[str]]]:
    """Rotation name -> week of the block -> case lines (de-identified, no dates)."""
    grouped: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    found = journal.dated_cases(db, attending_id=person_id)
    skills = journal.skills_of(db, [item.case.id for item in found if item.case.id])
    for item in found:
        case = item.case  # only the fields of PACKET_CASE_FIELDS and the teaching point
        starts = item.block_starts
        week = block_week(date.fromisoformat(starts), date.fromisoformat(item.day)) if starts else 0
        facts = [words(case.technique)]
        if case.asa:
            facts.append(f"ASA {case.asa}{'E' if case.emergency else ''}")
        facts += [words(case.age_band)] + ([words(case.airway)] if case.airway else [])
        line = f"{case.procedure}{f' ({case.specialty})' if case.specialty else ''}: "
        line += ", ".join(facts)
        done = skills.get(case.id or 0, [])
        if done:
            line += f"; my part: {', '.join(f'{s.skill} ({s.role})' for s in done)}"
        if case.teaching_point:
            line += f". Learned: {case.teaching_point}"
        grouped[item.place or "Other days"][week].append(line)
    return grouped


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
    )
    goals.ul(
        [
            f"Anesthesiology residency, Match {profile.match_year or '(year to be set)'}{season}",
            f"Visa for residency: {VISA_LABELS.get(profile.visa_needed, profile.visa_needed)}",  # type: ignore[call-overload]
            f"ERAS ID: {profile.eras_id or '(to be added)'}; AAMC ID: {profile.aamc_id or '—'}",
            f"CV: {cv or 'attached (add its scan to the CV checklist item)'}",
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
    grouped = _cases_by_week(db, person.id or 0)
    if not grouped:
        together.p("(No cases with you are in my journal yet.)")
    for place, weeks in grouped.items():
        for week in sorted(weeks):
            together.p(f"Week {week}: {place}" if week else f"Outside a rotation block: {place}")
            together.ul(weeks[week])
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
