"""Journal days, de-identified cases and the skills practised in them."""

from collections.abc import Sequence
from dataclasses import replace

from tracker.domain.journal import (
    CASE_CHECKS,
    DAY_CHECKS,
    SKILL_CHECKS,
    Case,
    CaseSkill,
    CaseStats,
    JournalDay,
    SearchHit,
    search_terms,
)
from tracker.store import rows
from tracker.store.db import Database

DAY_DISPLAY = ("case_count",)


def add_day(db: Database, day: JournalDay) -> int:
    return rows.insert(db, "journal_days", day, DAY_CHECKS, skip=DAY_DISPLAY)


def add_case(db: Database, case: Case, skills: Sequence[CaseSkill] = ()) -> int:
    with db.atomic():
        case_id = rows.insert(db, "cases", case, CASE_CHECKS)
        for skill in skills:
            rows.insert(
                db,
                "case_skills",
                CaseSkill(case_id=case_id, skill=skill.skill, role=skill.role),
                SKILL_CHECKS,
            )
    return case_id


def append_learning_point(db: Database, day: str, text: str) -> JournalDay:
    """Add a line to a day's learning points, creating the day (tied to the rotation whose
    block holds it, if any); one transaction. InvalidValues when the result is refused."""
    with db.atomic():
        existing = day_of(db, day)
        if existing is None:
            rotation = db.execute(
                """SELECT id FROM rotations WHERE status IN ('accepted', 'completed')
                   AND starts_on <= ? AND ends_on >= ? ORDER BY starts_on DESC LIMIT 1""",
                [day, day],
            ).fetchone()
            new = JournalDay(
                day=day, rotation_id=rotation[0] if rotation else None, learning_points=text
            )
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


def day_of(db: Database, day: str) -> JournalDay | None:
    """The journal entry of one date, by its key."""
    found = rows.select(db, JournalDay, "SELECT * FROM journal_days WHERE day = ?", [day])
    return found[0] if found else None


def list_days(db: Database, limit: int | None = None, offset: int = 0) -> list[JournalDay]:
    """Newest first; with limit, one page (the case counts of that page only)."""
    return rows.select(
        db,
        JournalDay,
        """SELECT journal_days.*, (SELECT count(*) FROM cases WHERE cases.day_id = journal_days.id)
           AS case_count FROM journal_days ORDER BY day DESC""",
        limit=limit,
        offset=offset,
    )


def count_days(db: Database) -> int:
    return rows.count(db, "journal_days")


def case_stats(db: Database, rotation_id: int | None = None) -> CaseStats:
    """Cases counted by technique, airway, ASA and skill role, in SQL; all of them, or
    those of one rotation's journal days."""
    where, params = (
        ("WHERE journal_days.rotation_id = ?", [rotation_id]) if rotation_id else ("", [])
    )
    scope = f"FROM cases JOIN journal_days ON journal_days.id = cases.day_id {where}"

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
    return CaseStats(
        cases=total,
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
