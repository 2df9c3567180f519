"""Journal days, de-identified cases and the skills practised in them."""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from tracker.domain.journal import (
    CASE_CHECKS,
    DAILY_GOALS,
    DAY_CHECKS,
    DAY_TEXT_FIELDS,
    SKILL_CHECKS,
    WATCHED,
    Case,
    CaseSkill,
    CaseStats,
    JournalDay,
    SearchHit,
    merge_text,
    search_terms,
)
from tracker.store import rows
from tracker.store.db import Database
from tracker.store.letters import person_name, person_named
from tracker.store.programs import PLACE

DAY_DISPLAY = ("case_count",)


def add_day(db: Database, day: JournalDay) -> int:
    return rows.insert(db, "journal_days", day, DAY_CHECKS, skip=DAY_DISPLAY)


def add_case(db: Database, case: Case, skills: Sequence[CaseSkill] = ()) -> int:
    with db.atomic():
        case_id = rows.insert(db, "cases", case, CASE_CHECKS)
        _add_skills(db, case_id, skills)
    return case_id


def _add_skills(db: Database, case_id: int, skills: Sequence[CaseSkill]) -> None:
    for skill in skills:
        rows.insert(
            db,
            "case_skills",
            CaseSkill(case_id=case_id, skill=skill.skill, role=skill.role),
            SKILL_CHECKS,
        )


def update_case(db: Database, case: Case, skills: Sequence[CaseSkill]) -> None:
    """The case's fields and its skills, replaced together."""
    with db.atomic():
        rows.update(db, "cases", case, CASE_CHECKS)
        db.execute("DELETE FROM case_skills WHERE case_id = ?", [case.id])
        _add_skills(db, case.id or 0, skills)


def delete_case(db: Database, case_id: int) -> None:
    with db.atomic():
        db.execute("DELETE FROM cases WHERE id = ?", [case_id])


def get_case(db: Database, case_id: int) -> Case | None:
    found = rows.select(db, Case, "SELECT * FROM cases WHERE id = ?", [case_id])
    return found[0] if found else None


def last_case(db: Database) -> Case | None:
    """The case written last, to start a similar one from."""
    found = rows.select(db, Case, "SELECT * FROM cases ORDER BY id DESC LIMIT 1")
    return found[0] if found else None


def last_skill_role(db: Database) -> str | None:
    """The role of the skill logged last: the case form's default for a skill typed
    without one."""
    found = db.execute("SELECT role FROM case_skills ORDER BY id DESC LIMIT 1").fetchone()
    return str(found[0]) if found else None


def rotation_holding(db: Database, day: str) -> int | None:
    """The accepted or completed rotation whose block holds day (the latest to start)."""
    found = db.execute(
        """SELECT id FROM rotations WHERE status IN ('accepted', 'completed')
           AND starts_on <= ? AND ends_on >= ? ORDER BY starts_on DESC LIMIT 1""",
        [day, day],
    ).fetchone()
    return int(found[0]) if found else None


def append_learning_point(db: Database, day: str, text: str) -> JournalDay:
    """Add a line to a day's learning points, creating the day (tied to the rotation whose
    block holds it, if any); one transaction. InvalidValues when the result is refused."""
    with db.atomic():
        existing = day_of(db, day)
        if existing is None:
            new = JournalDay(day=day, rotation_id=rotation_holding(db, day), learning_points=text)
            rows.insert(db, "journal_days", new, DAY_CHECKS, skip=DAY_DISPLAY)
        else:
            points = "\n".join(filter(None, [existing.learning_points.rstrip(), text]))
            rows.update(
                db,
                "journal_days",
                replace(existing, learning_points=points),
                DAY_CHECKS,
                skip=DAY_DISPLAY,
            )
        saved = day_of(db, day)
    if saved is None:  # pragma: no cover - written just above
        raise RuntimeError(f"journal day {day} vanished")
    return saved


_DAY_CHOICES = ("location", *(name for name, _ in DAILY_GOALS))


def _merged(base: JournalDay, mine: JournalDay, theirs: JournalDay) -> JournalDay:
    changes: dict[str, object] = {
        name: merge_text(getattr(base, name), getattr(mine, name), getattr(theirs, name))
        for name in DAY_TEXT_FIELDS
    }
    for name in _DAY_CHOICES:
        changed = getattr(mine, name) != getattr(base, name)
        changes[name] = getattr(mine if changed else theirs, name)
    return replace(theirs, **changes)  # type: ignore[arg-type]


def _is_blank(day: JournalDay) -> bool:
    return not any(getattr(day, name).strip() for name in DAY_TEXT_FIELDS) and not any(
        getattr(day, name) for name in _DAY_CHOICES
    )


def save_day(
    db: Database, base: JournalDay | None, mine: JournalDay, supervisors: list[str] | None = None
) -> JournalDay | None:
    """Write the editor's day (by its date), one transaction; returns what is stored.

    base: the day as the editor last read or saved it. Text written meanwhile by another
    writer (`away log`, a second window) is merged, not overwritten (merge_text). A day
    that does not exist yet is created only once it holds something. supervisors: the
    names of the day's people (None: leave them as they are).
    """
    with db.atomic():
        theirs = day_of(db, mine.day)
        if theirs is None:
            if _is_blank(mine) and not supervisors:
                return None
            fresh = replace(mine, id=None, rotation_id=rotation_holding(db, mine.day))
            rows.insert(db, "journal_days", fresh, DAY_CHECKS, skip=DAY_DISPLAY)
        else:
            merged = _merged(base or JournalDay(day=mine.day), mine, theirs)
            if merged != theirs:
                rows.update(db, "journal_days", merged, DAY_CHECKS, skip=DAY_DISPLAY)
        saved = day_of(db, mine.day)
        if saved is not None and saved.id is not None and supervisors is not None:
            _set_supervisors(db, saved.id, supervisors)
    return saved


def _set_supervisors(db: Database, day_id: int, names: list[str]) -> None:
    set_supervisors(db, day_id, [person_named(db, name) for name in names])


def set_supervisors(db: Database, day_id: int, people: list[int]) -> None:
    """The day's supervisors are exactly these people."""
    with db.atomic():
        db.execute("DELETE FROM journal_day_people WHERE day_id = ?", [day_id])
        db.conn.executemany(
            "INSERT OR IGNORE INTO journal_day_people (day_id, person_id) VALUES (?, ?)",
            [(day_id, person) for person in people],
        )


def supervisors_of(db: Database, day_id: int) -> list[str]:
    return [
        str(name)
        for (name,) in db.execute(
            """SELECT people.name FROM journal_day_people
               JOIN people ON people.id = journal_day_people.person_id
               WHERE journal_day_people.day_id = ? ORDER BY people.name""",
            [day_id],
        )
    ]


def watched_in(db: Database, week_of: str) -> set[str]:
    """The J6 self-check of the week starting week_of (a Monday): what went well."""
    found = db.execute("SELECT watched FROM journal_weeks WHERE week_of = ?", [week_of]).fetchone()
    return set(filter(None, found[0].split(","))) if found else set()


def set_watched(db: Database, week_of: str, watched: set[str]) -> None:
    keys = ",".join(key for key, _ in WATCHED if key in watched)
    with db.atomic():
        db.execute(
            """INSERT INTO journal_weeks (week_of, watched) VALUES (?, ?)
               ON CONFLICT (week_of) DO UPDATE SET watched = excluded.watched,
               updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')""",
            [week_of, keys],
        )


def search(db: Database, text: str, limit: int = 50) -> list[SearchHit]:
    """Journal days whose text or cases hold every word (case and accents ignored), best
    matches first, one hit per day."""
    query = search_terms(text)
    if query is None:
        return []
    hits: dict[int, SearchHit] = {}
    matches = db.query(
        """SELECT journal_days.id AS day_id, journal_days.day, journal_days.rotation_id,
                  snippet(journal_search, 1, '[', ']', '…', 10) AS snippet
           FROM journal_search JOIN journal_days ON journal_days.id = journal_search.day_id
           WHERE journal_search MATCH ? ORDER BY journal_search.rank, journal_days.day DESC""",
        [query],
    )
    for match in matches:  # best first; a day's best line stands for it
        if match["day_id"] not in hits:
            hits[match["day_id"]] = rows.from_row(SearchHit, match)
            if len(hits) == limit:
                break
    return list(hits.values())


_WITH_CASE_COUNT = """SELECT journal_days.*, (SELECT count(*) FROM cases
    WHERE cases.day_id = journal_days.id) AS case_count FROM journal_days"""


def day_of(db: Database, day: str) -> JournalDay | None:
    """The journal entry of one date, by its key (with its number of cases)."""
    found = rows.select(db, JournalDay, f"{_WITH_CASE_COUNT} WHERE day = ?", [day])
    return found[0] if found else None


def ensure_day(db: Database, day: str) -> int:
    """The id of day's entry, created empty (tied to its rotation) when there is none."""
    with db.atomic():
        db.execute(
            "INSERT OR IGNORE INTO journal_days (day, rotation_id) VALUES (?, ?)",
            [day, rotation_holding(db, day)],
        )
        return int(db.execute("SELECT id FROM journal_days WHERE day = ?", [day]).fetchone()[0])


def attending_of(db: Database, case: Case) -> str:
    return person_name(db, case.attending_id)


def list_days(db: Database, limit: int | None = None, offset: int = 0) -> list[JournalDay]:
    """Newest first; with limit, one page (the case counts of that page only)."""
    return rows.select(
        db,
        JournalDay,
        f"{_WITH_CASE_COUNT} ORDER BY day DESC",
        limit=limit,
        offset=offset,
    )


def count_days(db: Database) -> int:
    return rows.count(db, "journal_days")


def position_of_day(db: Database, day: str) -> int | None:
    """The row of day in list_days (newest first), None when it has no entry."""
    if day_of(db, day) is None:
        return None
    return int(db.execute("SELECT count(*) FROM journal_days WHERE day > ?", [day]).fetchone()[0])


def case_stats(db: Database, rotation_id: int | None = None) -> CaseStats:
    """Cases counted by technique, airway, ASA and skill role, in SQL; all of them, or
    those of one rotation's journal days."""
    where, params = (
        ("WHERE journal_days.rotation_id = ?", [rotation_id]) if rotation_id else ("", [])
    )
    joined = "FROM cases JOIN journal_days ON journal_days.id = cases.day_id"
    scope = f"{joined} {where}"

    def counted(column: str) -> dict[str, int]:
        found = db.execute(
            f"SELECT {column}, count(*) {scope} GROUP BY 1 ORDER BY 2 DESC, 1", params
        ).fetchall()
        return {str(key): n for key, n in found if key is not None}

    total = db.execute(f"SELECT count(*) {scope}", params).fetchone()[0]
    asa = counted("cases.asa")
    emergencies = db.execute(
        f"SELECT count(*) {scope} {'AND' if where else 'WHERE'} cases.emergency = 1", params
    ).fetchone()[0]
    if emergencies:
        asa["E"] = emergencies
    skills: dict[str, dict[str, int]] = {}
    for skill, role, n in db.execute(
        f"""SELECT case_skills.skill, case_skills.role, count(*)
            FROM case_skills JOIN cases ON cases.id = case_skills.case_id
            JOIN journal_days ON journal_days.id = cases.day_id {where}
            GROUP BY 1, 2 ORDER BY 1""",
        params,
    ):
        skills.setdefault(skill, {})[role] = n
    by_week = {}
    if rotation_id:
        by_week = {
            int(week): n
            for week, n in db.execute(
                f"""SELECT CAST((julianday(journal_days.day) - julianday(rotations.starts_on))
                       / 7 AS INTEGER) + 1, count(*) {joined}
                    JOIN rotations ON rotations.id = journal_days.rotation_id {where}
                    GROUP BY 1 ORDER BY 1""",
                params,
            )
        }
    return CaseStats(
        cases=total,
        by_week=by_week,
        by_technique=counted("cases.technique"),
        by_airway=counted("cases.airway"),
        by_asa=dict(sorted(asa.items())),
        skills=skills,
    )


def get_day(db: Database, day_id: int) -> JournalDay | None:
    found = rows.select(db, JournalDay, "SELECT * FROM journal_days WHERE id = ?", [day_id])
    return found[0] if found else None


def skills_of(db: Database, case_ids: Sequence[int]) -> dict[int, list[CaseSkill]]:
    """The skills of each case, by case id (one query for a day's cases)."""
    found: dict[int, list[CaseSkill]] = {case_id: [] for case_id in case_ids}
    marks = ", ".join("?" for _ in case_ids)
    for skill in rows.select(
        db,
        CaseSkill,
        f"SELECT * FROM case_skills WHERE case_id IN ({marks}) ORDER BY id",
        list(case_ids),
    ):
        if skill.case_id is not None:
            found[skill.case_id].append(skill)
    return found


def list_cases(db: Database, day_id: int) -> list[Case]:
    return rows.select(db, Case, "SELECT * FROM cases WHERE day_id = ? ORDER BY id", [day_id])


@dataclass(frozen=True)
class DatedCase:
    """A case with its day and where it happened, for outputs that date it by the week
    of its block (never by the day itself)."""

    case: Case
    day: str
    block_starts: str | None
    place: str | None  # None: not during a rotation
    block_ends: str | None = None


def dated_cases(
    db: Database, attending_id: int | None = None, memorable_only: bool = False
) -> list[DatedCase]:
    """Cases in the order they happened: those with one attending, or the memorable ones."""
    where = "cases.attending_id = ?" if attending_id is not None else "1"
    params = [attending_id] if attending_id is not None else []
    if memorable_only:
        where += " AND cases.memorable = 1"
    found = db.query(
        f"""SELECT cases.*, journal_days.day AS dated_day, rotations.starts_on AS block_starts,
                   rotations.ends_on AS block_ends,
                   CASE WHEN programs.id IS NULL THEN NULL ELSE {PLACE} END AS place
            FROM cases JOIN journal_days ON journal_days.id = cases.day_id
            LEFT JOIN rotations ON rotations.id = journal_days.rotation_id
            LEFT JOIN programs ON programs.id = rotations.program_id
            WHERE {where} ORDER BY journal_days.day, cases.id""",
        params,
    )
    return [
        DatedCase(
            rows.from_row(Case, row),
            row["dated_day"],
            row["block_starts"],
            row["place"],
            row["block_ends"],
        )
        for row in found
    ]


def line_counts(db: Database, column: str, limit: int = 8) -> list[tuple[str, int]]:
    """The lines written most often in one of the day's text fields (learning points,
    feedback), with how often: the recurring ones first."""
    if column not in DAY_TEXT_FIELDS:
        raise ValueError(f"not a journal text field: {column}")
    counts: dict[str, int] = {}
    for (text,) in db.execute(f"SELECT {column} FROM journal_days WHERE {column} != ''"):
        for line in str(text).splitlines():
            if line.strip():
                counts[line.strip()] = counts.get(line.strip(), 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])[:limit]
