"""The ERAS summary: everything from the rotations in one document, as Markdown, HTML or
PDF. Built once as sections of paragraphs, lists and tables, then rendered. Cases are
de-identified and dated by rotation week, never by date (privacy)."""

import html
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from tracker.domain.budget import CATEGORY_LABELS
from tracker.domain.journal import block_week
from tracker.domain.letters import STATUS_LABELS, count_letters
from tracker.domain.money import in_both
from tracker.domain.profile import VISA_LABELS, Profile
from tracker.domain.seasons import season_name
from tracker.domain.text import markdown_escaped, plural, words
from tracker.store import budget, checklists, journal, letters, programs
from tracker.store.budget import EVERYTHING, Scope
from tracker.store.db import Database
from tracker.store.profile import get_profile

# A2: the questions to prepare, and the kind of case that answers each.
A2_QUESTIONS = (
    "Tell us about a memorable case from your rotations.",
    "How has being an IMG shaped how you work in a US team?",
    "What did you learn about US anesthesia practice that surprised you?",
)


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


Block = Paragraph | Bullets | Table


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def p(self, text: str) -> None:
        self.blocks.append(Paragraph(text))

    def ul(self, items: list[str]) -> None:
        if items:
            self.blocks.append(Bullets(items))

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        if rows:
            self.blocks.append(Table(header, rows))


# What a summary may hold, as --sections names it; a mentor's copy by default, "all"
# for yourself (money, the visa, denied applications and the checklist stay home).
SECTIONS = {
    "profile": "your school, season and US experience",
    "visa": "the visa you need (in the profile)",
    "rotations": "rotations, their blocks and history",
    "denied": "applications denied, declined or withdrawn",
    "letters": "letters of recommendation",
    "cases": "case statistics by technique, airway, ASA, skill and week",
    "stories": "memorable cases and interview stories",
    "highlights": "learning highlights and recurring feedback",
    "checklist": "outstanding checklist items",
    "budget": "the budget, in both currencies",
}
FOR_A_MENTOR = frozenset({"profile", "rotations", "letters", "cases", "stories", "highlights"})
EVERY_SECTION = frozenset(SECTIONS)


def sections_asked(text: str) -> frozenset[str]:
    """--sections: "all", "mentor" (the default), or names joined by commas; ValueError
    names an unknown one."""
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    if asked <= {"all"} and asked:
        return EVERY_SECTION
    if not asked or asked == {"mentor"}:
        return FOR_A_MENTOR
    if unknown := asked - EVERY_SECTION:
        raise ValueError(
            f"no section called {', '.join(sorted(unknown))}; one of all, mentor, "
            + ", ".join(SECTIONS)
        )
    return frozenset(asked)


def build(
    db: Database, today: date, chosen: frozenset[str] = EVERY_SECTION
) -> tuple[str, list[Section]]:
    """The summary's title and the chosen sections, from the store."""
    profile = get_profile(db)
    title = f"Away rotations summary: {profile.full_name or 'applicant'}"
    sections = []
    if "profile" in chosen:
        sections.append(_profile(profile, today, "visa" in chosen))
    if "rotations" in chosen:
        sections.append(_rotations(db, "denied" in chosen))
    if "letters" in chosen:
        sections.append(_letters(db))
    stats, stories, highlights = _cases(db)
    for name, section in (("cases", stats), ("stories", stories), ("highlights", highlights)):
        if name in chosen:
            sections.append(section)
    if "checklist" in chosen:
        sections.append(_outstanding(db))
    if "budget" in chosen:
        sections.append(_money(db, profile))
    return title, sections


def _profile(p: Profile, today: date, visa: bool = True) -> Section:
    section = Section("Profile")
    section.ul(
        [
            f"School: {p.school or '—'} ({p.country or '—'})",
            f"Season: {season_name(p.match_year) if p.match_year else 'ERAS —'}; "
            f"ERAS opens {p.eras_opens_on or '—'}",
            *([f"Visa for residency: {VISA_LABELS.get(p.visa_needed, '—')}"] if visa else []),  # type: ignore[call-overload]
            f"US clinical experience before these rotations: {p.usce_months} months",
            f"Summary made on {today.isoformat()}",
        ]
    )
    return section


UNSUCCESSFUL = ("denied", "declined", "withdrawn")


def _rotations(db: Database, denied: bool = True) -> Section:
    section = Section("Rotations")
    rows = []
    for r in programs.list_rotations(db):
        if r.status in ("idea", "withdrawn") or (not denied and r.status in UNSUCCESSFUL):
            continue
        history = ", ".join(
            f"{words(c.status)} {c.changed_on}" for c in programs.status_history(db, r.id or 0)
        )
        rows.append(
            [
                f"{r.institution or r.program_name}: {r.program_name}",
                words(r.program_kind),
                f"{r.starts_on or '?'} to {r.ends_on or '?'}",
                words(r.specialty),
                words(r.status),
                history,
            ]
        )
    section.table(["Program", "Kind", "Block", "Specialty", "Status", "History"], rows)
    if not rows:
        section.p("No applications yet.")
    return section


def _letters(db: Database) -> Section:
    section = Section("Letters of recommendation")
    everything = letters.list_letters(db)
    section.p(count_letters(everything).describe() + " (L1).")
    section.table(
        ["Writer", "Kind", "Step", "Letter ID", "Uploaded"],
        [
            [
                x.person_name,
                "US anesthesiology" if x.us_anesthesiology else "other",
                STATUS_LABELS.get(x.status, x.status),  # type: ignore[call-overload]
                x.eras_letter_id or "—",
                "yes" if x.uploaded_on else "no",
            ]
            for x in everything
        ],
    )
    return section


def _cases(db: Database) -> tuple[Section, Section, Section]:
    stats = Section("Case log")
    overall = journal.case_stats(db)
    stats.p(
        f"{plural(overall.cases, 'case')} in the journal, de-identified; counted by week of "
        "each block."
    )
    for title, counts in (
        ("By technique", overall.by_technique),
        ("By airway", overall.by_airway),
        ("By ASA class", overall.by_asa),
    ):
        stats.table([title, "Cases"], [[words(k), str(n)] for k, n in counts.items()])
    stats.table(
        ["Skill", "Performed", "Assisted", "Observed"],
        [
            [skill, *(str(roles.get(role, 0)) for role in ("performed", "assisted", "observed"))]
            for skill, roles in sorted(overall.skills.items())
        ],
    )
    rotation_rows = []
    for r in programs.list_rotations(db):
        if r.id and r.status in ("accepted", "completed"):
            found = journal.case_stats(db, r.id)
            if found.cases:
                weeks = ", ".join(f"week {w}: {n}" for w, n in found.by_week.items())
                rotation_rows.append([r.institution or r.program_name, str(found.cases), weeks])
    stats.table(["Rotation", "Cases", "By week"], rotation_rows)

    stories = Section("Memorable cases and interview stories (A1, A2)")
    memorable = _memorable(db)
    for place, week, line in memorable:
        stories.p(f"{place}, week {week}: {line}")
    if not memorable:
        stories.p("No case is marked memorable yet (the journal's case form).")
    stories.ul(
        [f"{q} Cases that could answer it: {len(memorable)} memorable." for q in A2_QUESTIONS]
    )

    highlights = Section("Learning highlights and recurring feedback")
    points, feedback = _recurring(db)
    highlights.ul([f"{text} ({n} times)" if n > 1 else text for text, n in points])
    highlights.ul(
        [f"Feedback: {text} ({n} times)" if n > 1 else f"Feedback: {text}" for text, n in feedback]
    )
    return stats, stories, highlights


def _memorable(db: Database) -> list[tuple[str, int, str]]:
    found = []
    for item in journal.dated_cases(db, memorable_only=True):
        starts, case = item.block_starts, item.case
        week = block_week(date.fromisoformat(starts), date.fromisoformat(item.day)) if starts else 0
        story = f"{case.procedure}. {case.story or case.teaching_point or ''}".strip()
        found.append((item.place or "Other", week, story))
    return found


def _recurring(db: Database) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    return journal.line_counts(db, "learning_points"), journal.line_counts(db, "feedback")


def _outstanding(db: Database) -> Section:
    section = Section("Outstanding checklist items")
    items = [i for i in checklists.every_item(db) if not i.settled]
    section.table(
        ["Item", "Category", "Due", "Rule"],
        [[i.title, words(i.category), i.due_on or "—", i.rule_id or "—"] for i in items],
    )
    if not items:
        section.p("Nothing outstanding.")
    return section


def _money(db: Database, profile: Profile) -> Section:
    section = Section("Budget")
    found = budget.summary(db, Scope(EVERYTHING, "Every rotation"), profile)
    home, rate = profile.home_currency, profile.usd_rate_micros

    def both(dollars: Fraction) -> str:
        return in_both(dollars, rate, home)

    section.table(
        ["Category", "Planned", "Spent"],
        [
            [CATEGORY_LABELS.get(c, c), both(t.planned_usd), both(t.actual_usd)]  # type: ignore[call-overload]
            for c, t in found.by_category.items()
        ]
        + [["Total", both(found.planned_usd), both(found.actual_usd)]],
    )
    return section


# --- rendering ----------------------------------------------------------------------------


def to_markdown(title: str, sections: list[Section]) -> str:
    """Headings, lists and tables; the text in them escaped, so a name or a learning
    point with * _ < [ shows as typed."""
    md = markdown_escaped
    out = [f"# {md(title)}", ""]
    for section in sections:
        out += [f"## {md(section.title)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out += [md(block.text), ""]
            elif isinstance(block, Bullets):
                out += [f"- {md(item)}" for item in block.items] + [""]
            else:
                out.append("| " + " | ".join(md(h) for h in block.header) + " |")
                out.append("|" + "---|" * len(block.header))
                out += [
                    "| " + " | ".join(md(c).replace("|", "/") for c in row) + " |"
                    for row in block.rows
                ]
                out.append("")
    return "\n".join(out).rstrip() + "\n"


CSS = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.45;color:#222}table{border-collapse:collapse;margin:.5rem 0 1rem}
td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}h2{border-bottom:2px solid #333;margin-top:2rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table{break-inside:avoid}}"""


def to_html(title: str, sections: list[Section]) -> str:
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]
    for section in sections:
        out.append(f"<h2>{e(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.append(f"<p>{e(block.text)}</p>")
            elif isinstance(block, Bullets):
                out.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in block.items) + "</ul>")
            else:
                head = "".join(f"<th>{e(h)}</th>" for h in block.header)
                cells = "".join(
                    "<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                    for row in block.rows
                )
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def to_pdf(title: str, sections: list[Section], paper: str = "letter") -> bytes:
    """Every name printed, in its own script (services.pdf); Unprintable otherwise."""
    from tracker.services.pdf import render

    return render(title, sections, paper)
