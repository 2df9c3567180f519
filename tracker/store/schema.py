"""Schema migrations, one named function per step. Released steps are never edited."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # sqlite-utils is imported when a migration runs, not at start-up
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "away"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' name for it
# Names of every step this version of Away knows, in order; a database that has applied
# a step not in this list was written by a newer Away and is refused.
KNOWN_STEPS: list[str] = []
_STEPS: list[Step] = []

Step = Callable[["Database"], None]


def step(fn: Step) -> Step:
    _STEPS.append(fn)
    KNOWN_STEPS.append(fn.__name__)
    return fn


@functools.cache
def migrations() -> Migrations:
    """sqlite-utils' Migrations with every step, in order (built on first use)."""
    from sqlite_utils import Migrations

    built = Migrations(MIGRATION_SET)
    for fn in _STEPS:
        built(name=fn.__name__)(fn)
    return built


def _date(column: str) -> str:
    return f"CHECK ({column} IS NULL OR {column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')"


_NOW = "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
_TRI = "TEXT NOT NULL DEFAULT 'unknown' CHECK ({} IN ('yes', 'no', 'unknown'))"


def _core_statements() -> list[str]:
    # Enum values are written out literally so this step never changes after release.
    return [
        f"""CREATE TABLE profile (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            full_name TEXT NOT NULL DEFAULT '',
            school TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            match_year INTEGER CHECK (match_year IS NULL OR match_year BETWEEN 2000 AND 2100),
            eras_opens_on TEXT {_date("eras_opens_on")},
            usce_months INTEGER NOT NULL DEFAULT 0 CHECK (usce_months >= 0),
            visa_needed TEXT NOT NULL DEFAULT 'j1'
                CHECK (visa_needed IN ('j1', 'h1b', 'j1_or_h1b', 'none')),
            budget_limited INTEGER NOT NULL DEFAULT 0 CHECK (budget_limited IN (0, 1)),
            eras_id TEXT NOT NULL DEFAULT '',
            aamc_id TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE programs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            institution TEXT NOT NULL DEFAULT '',
            city TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT 'academic'
                CHECK (kind IN ('academic', 'affiliated', 'community')),
            route TEXT NOT NULL DEFAULT 'vslo'
                CHECK (route IN ('vslo', 'institutional', 'other')),
            sponsors_j1 {_TRI.format("sponsors_j1")},
            sponsors_h1b {_TRI.format("sponsors_h1b")},
            accepts_international {_TRI.format("accepts_international")},
            has_img_residents {_TRI.format("has_img_residents")},
            structured_evaluation {_TRI.format("structured_evaluation")},
            website TEXT NOT NULL DEFAULT '',
            coordinator_name TEXT NOT NULL DEFAULT '',
            coordinator_email TEXT NOT NULL DEFAULT '',
            housing_monthly_cents INTEGER CHECK (housing_monthly_cents >= 0),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW},
            UNIQUE (name, institution)
        )""",
        f"""CREATE TABLE rotations (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            specialty TEXT NOT NULL DEFAULT 'anesthesiology' CHECK (specialty IN
                ('anesthesiology', 'critical_care', 'internal_medicine', 'surgery', 'other')),
            starts_on TEXT {_date("starts_on")},
            ends_on TEXT {_date("ends_on")},
            status TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea', 'preparing',
                'applied', 'offered', 'waitlisted', 'denied', 'accepted', 'declined',
                'completed', 'withdrawn')),
            deadline_on TEXT {_date("deadline_on")},
            applied_on TEXT {_date("applied_on")},
            decision_on TEXT {_date("decision_on")},
            fee_cents INTEGER CHECK (fee_cents >= 0),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW},
            CHECK (starts_on IS NULL OR ends_on IS NULL OR ends_on >= starts_on)
        )""",
        "CREATE INDEX rotations_program ON rotations(program_id)",
        f"""CREATE TABLE rotation_status_changes (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            changed_on TEXT NOT NULL {_date("changed_on")},
            recorded_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        "CREATE INDEX status_changes_rotation ON rotation_status_changes(rotation_id)",
        f"""CREATE TABLE checklist_items (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL CHECK (category IN
                ('visa', 'immunization', 'document', 'travel')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            due_on TEXT {_date("due_on")},
            done_on TEXT {_date("done_on")},
            valid_until TEXT {_date("valid_until")},
            rule_id TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE housing_options (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('student_housing', 'hostel',
                'sublet', 'short_let', 'hotel', 'other')),
            monthly_cents INTEGER CHECK (monthly_cents >= 0),
            currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
            status TEXT NOT NULL DEFAULT 'idea'
                CHECK (status IN ('idea', 'contacted', 'booked', 'rejected')),
            url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE expenses (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            category TEXT NOT NULL CHECK (category IN ('housing', 'food', 'transport',
                'application', 'visa', 'travel', 'insurance', 'other')),
            description TEXT NOT NULL DEFAULT '',
            planned_cents INTEGER CHECK (planned_cents >= 0),
            actual_cents INTEGER CHECK (actual_cents >= 0),
            currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
            spent_on TEXT {_date("spent_on")},
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            role TEXT NOT NULL DEFAULT 'attending'
                CHECK (role IN ('attending', 'resident', 'coordinator', 'other')),
            program_id INTEGER REFERENCES programs(id) ON DELETE SET NULL,
            email TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE journal_days (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE CASCADE,
            day TEXT NOT NULL UNIQUE {_date("day")},
            learning_points TEXT NOT NULL DEFAULT '',
            feedback TEXT NOT NULL DEFAULT '',
            reflection TEXT NOT NULL DEFAULT '',
            tomorrow_focus TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        "CREATE INDEX journal_days_rotation ON journal_days(rotation_id)",
        f"""CREATE TABLE cases (
            id INTEGER PRIMARY KEY,
            day_id INTEGER NOT NULL REFERENCES journal_days(id) ON DELETE CASCADE,
            procedure TEXT NOT NULL CHECK (length(trim(procedure)) > 0),
            technique TEXT NOT NULL DEFAULT 'general' CHECK (technique IN ('general',
                'regional', 'neuraxial', 'mac', 'combined', 'other')),
            asa INTEGER CHECK (asa IS NULL OR asa BETWEEN 1 AND 6),
            emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
            age_band TEXT NOT NULL DEFAULT 'adult' CHECK (age_band IN ('neonate', 'infant',
                'child', 'adolescent', 'adult', 'older_adult')),
            airway TEXT CHECK (airway IS NULL OR airway IN ('ett', 'lma', 'mask', 'natural',
                'tracheostomy', 'other')),
            comorbidities TEXT NOT NULL DEFAULT '',
            attending_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            teaching_point TEXT NOT NULL DEFAULT '',
            memorable INTEGER NOT NULL DEFAULT 0 CHECK (memorable IN (0, 1)),
            story TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        "CREATE INDEX cases_day ON cases(day_id)",
        f"""CREATE TABLE case_skills (
            id INTEGER PRIMARY KEY,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            skill TEXT NOT NULL CHECK (length(trim(skill)) > 0),
            role TEXT NOT NULL CHECK (role IN ('performed', 'assisted', 'observed')),
            created_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        "CREATE INDEX case_skills_case ON case_skills(case_id)",
        f"""CREATE TABLE letters (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'asked',
                'agreed', 'packet_sent', 'uploaded', 'declined')),
            asked_on TEXT {_date("asked_on")},
            agreed_on TEXT {_date("agreed_on")},
            packet_sent_on TEXT {_date("packet_sent_on")},
            eras_letter_id TEXT NOT NULL DEFAULT '',
            uploaded_on TEXT {_date("uploaded_on")},
            thanked_on TEXT {_date("thanked_on")},
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            due_on TEXT {_date("due_on")},
            action TEXT NOT NULL CHECK (length(trim(action)) > 0),
            done_on TEXT {_date("done_on")},
            rule_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
    ]


@step
def m001_core_schema(db: Database) -> None:
    # One execute per statement: executescript() would COMMIT the migration's transaction.
    for statement in _core_statements():
        db.execute(statement)


@step
def m002_journal_outlives_rotations(db: Database) -> None:
    # Deleting an application used to delete its journal days (ON DELETE CASCADE); the
    # journal is the one thing a user can never recreate, so the days stay, detached.
    # Runs with foreign keys off (store.db.migrate), so dropping the old table fires no
    # cascade on cases.
    from sqlite_utils.db import ForeignKey

    db.table("journal_days").transform(
        foreign_keys=[
            ForeignKey("journal_days", "rotation_id", "rotations", "id", on_delete="SET NULL"),
        ]
    )


# journal_search holds a journal day at rowid 2 * id and a case at 2 * id + 1, so the
# triggers find a row by its key. (Part of m003: frozen once released, like the step.)
_DAY_COLUMNS = ("learning_points", "feedback", "reflection", "tomorrow_focus")
_CASE_COLUMNS = ("procedure", "comorbidities", "teaching_point", "story")


def _text_of(columns: tuple[str, ...], prefix: str = "") -> str:
    return " || ' ' || ".join(f"{prefix}{column}" for column in columns)


def _search_triggers(day_columns: tuple[str, ...], case_columns: tuple[str, ...]) -> list[str]:
    day_row = (
        "INSERT INTO journal_search (rowid, day_id, body) "
        f"VALUES (2 * new.id, new.id, {_text_of(day_columns, 'new.')})"
    )
    case_row = (
        "INSERT INTO journal_search (rowid, day_id, body) "
        f"VALUES (2 * new.id + 1, new.day_id, {_text_of(case_columns, 'new.')})"
    )
    triggers = []
    for table, row, key in (
        ("journal_days", day_row, "2 * old.id"),
        ("cases", case_row, "2 * old.id + 1"),
    ):
        remove = f"DELETE FROM journal_search WHERE rowid = {key};"
        triggers += [
            f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {row}; END",
            f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} "
            f"BEGIN {remove} {row}; END",
            f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END",
        ]
    return triggers


def _search_fill(day_columns: tuple[str, ...], case_columns: tuple[str, ...]) -> list[str]:
    """What is already written, into journal_search."""
    return [
        "INSERT INTO journal_search (rowid, day_id, body) "
        f"SELECT 2 * id, id, {_text_of(day_columns)} FROM journal_days",
        "INSERT INTO journal_search (rowid, day_id, body) "
        f"SELECT 2 * id + 1, day_id, {_text_of(case_columns)} FROM cases",
    ]


def _search_statements() -> list[str]:
    return [
        # unicode61 with remove_diacritics 2: "eloi" finds "Éloi", whatever the case.
        "CREATE VIRTUAL TABLE journal_search USING fts5(day_id UNINDEXED, body, "
        "tokenize = 'unicode61 remove_diacritics 2')",
        *_search_triggers(_DAY_COLUMNS, _CASE_COLUMNS),
        *_search_fill(_DAY_COLUMNS, _CASE_COLUMNS),
    ]


@step
def m003_journal_search(db: Database) -> None:
    # Full-text search over every journal day and case, kept in sync by triggers.
    for statement in _search_statements():
        db.execute(statement)


_LOCATIONS = "'', 'or', 'preop_clinic', 'pacu', 'icu', 'labour_ward', 'other'"
_DAY_COLUMNS_4 = (*_DAY_COLUMNS, "tomorrow_preparation")
_CASE_COLUMNS_4 = (*_CASE_COLUMNS, "specialty")


def _bool(column: str) -> str:
    return f"{column} INTEGER NOT NULL DEFAULT 0 CHECK ({column} IN (0, 1))"


@step
def m004_journal_day_view(db: Database) -> None:
    # The day view of the Journal: where the day was spent, tomorrow's preparation (J1),
    # the three daily goals (J5), who supervised (people), the weekly self-check (J6),
    # and each case's surgical specialty; search covers the new text.
    for statement in [
        "ALTER TABLE journal_days ADD COLUMN tomorrow_preparation TEXT NOT NULL DEFAULT ''",
        f"ALTER TABLE journal_days ADD COLUMN location TEXT NOT NULL DEFAULT '' "
        f"CHECK (location IN ({_LOCATIONS}))",
        f"ALTER TABLE journal_days ADD COLUMN {_bool('goal_preop')}",
        f"ALTER TABLE journal_days ADD COLUMN {_bool('goal_plan')}",
        f"ALTER TABLE journal_days ADD COLUMN {_bool('goal_skill')}",
        "ALTER TABLE cases ADD COLUMN specialty TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE journal_day_people (
            day_id INTEGER NOT NULL REFERENCES journal_days(id) ON DELETE CASCADE,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            PRIMARY KEY (day_id, person_id)
        )""",
        "CREATE INDEX journal_day_people_person ON journal_day_people(person_id)",
        "CREATE INDEX cases_attending ON cases(attending_id)",
        f"""CREATE TABLE journal_weeks (
            week_of TEXT PRIMARY KEY {_date("week_of")},
            watched TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        *(
            f"DROP TRIGGER {table}_search_{event}"
            for table in ("journal_days", "cases")
            for event in ("insert", "update", "delete")
        ),
        *_search_triggers(_DAY_COLUMNS_4, _CASE_COLUMNS_4),
        "DELETE FROM journal_search",
        *_search_fill(_DAY_COLUMNS_4, _CASE_COLUMNS_4),
    ]:
        db.execute(statement)


@step
def m005_checklist_items_status_and_validity(db: Database) -> None:
    # Items get a status (to do, in progress, done, not needed), a validity rule, a scan's
    # path and the category "other". A CHECK cannot be altered in place, so the table is
    # rebuilt (foreign keys are off during migrations) and its rows copied.
    for statement in [
        f"""CREATE TABLE checklist_items_new (
            id INTEGER PRIMARY KEY,
            category TEXT NOT NULL CHECK (category IN
                ('visa', 'immunization', 'document', 'travel', 'other')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done', 'not_needed')),
            due_on TEXT {_date("due_on")},
            done_on TEXT {_date("done_on")},
            valid_until TEXT {_date("valid_until")},
            validity TEXT NOT NULL DEFAULT ''
                CHECK (validity IN ('', 'block', 'season') OR validity GLOB 'within:[0-9]*'),
            scan_path TEXT NOT NULL DEFAULT '',
            rule_id TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        """INSERT INTO checklist_items_new (id, category, title, rotation_id, status, due_on,
               done_on, valid_until, rule_id, notes, created_at, updated_at)
           SELECT id, category, title, rotation_id,
               CASE WHEN done_on IS NULL THEN 'todo' ELSE 'done' END, due_on, done_on,
               valid_until, rule_id, notes, created_at, updated_at
           FROM checklist_items""",
        "DROP TABLE checklist_items",
        "ALTER TABLE checklist_items_new RENAME TO checklist_items",
        "CREATE INDEX checklist_items_rotation ON checklist_items(rotation_id)",
        "CREATE INDEX checklist_items_due ON checklist_items(status, due_on)",
    ]:
        db.execute(statement)


@step
def m006_housing_and_money(db: Database) -> None:
    # Housing gets an address, a contact, its dates and a cost per month or in total;
    # expenses the category "exams"; the profile a home currency and the user's own
    # exchange rate (home units per dollar, in millionths) with its date. Amounts stay
    # integers in the currency's minor units. CHECKs change, so both tables are rebuilt.
    for statement in [
        f"""CREATE TABLE housing_options_new (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('student_housing', 'hostel',
                'sublet', 'short_let', 'hotel', 'other')),
            address TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT '',
            amount_cents INTEGER CHECK (amount_cents >= 0),
            per TEXT NOT NULL DEFAULT 'month' CHECK (per IN ('month', 'total')),
            currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
            check_in TEXT {_date("check_in")},
            check_out TEXT {_date("check_out")},
            status TEXT NOT NULL DEFAULT 'idea'
                CHECK (status IN ('idea', 'contacted', 'booked', 'rejected')),
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        """INSERT INTO housing_options_new (id, rotation_id, name, kind, url, amount_cents,
               per, currency, status, notes, created_at, updated_at)
           SELECT id, rotation_id, name, kind, url, monthly_cents, 'month', currency, status,
               notes, created_at, updated_at FROM housing_options""",
        "DROP TABLE housing_options",
        "ALTER TABLE housing_options_new RENAME TO housing_options",
        "CREATE INDEX housing_options_rotation ON housing_options(rotation_id)",
        f"""CREATE TABLE expenses_new (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            category TEXT NOT NULL CHECK (category IN ('housing', 'food', 'transport',
                'application', 'visa', 'travel', 'insurance', 'exams', 'other')),
            description TEXT NOT NULL DEFAULT '',
            planned_cents INTEGER CHECK (planned_cents >= 0),
            actual_cents INTEGER CHECK (actual_cents >= 0),
            currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
            spent_on TEXT {_date("spent_on")},
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        """INSERT INTO expenses_new SELECT id, rotation_id, category, description,
               planned_cents, actual_cents, currency, spent_on, created_at, updated_at
           FROM expenses""",
        "DROP TABLE expenses",
        "ALTER TABLE expenses_new RENAME TO expenses",
        "CREATE INDEX expenses_rotation ON expenses(rotation_id)",
        "ALTER TABLE profile ADD COLUMN home_currency TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE profile ADD COLUMN usd_rate_micros INTEGER CHECK (usd_rate_micros > 0)",
        f"ALTER TABLE profile ADD COLUMN rate_on TEXT {_date('rate_on')}",
    ]:
        db.execute(statement)


_LETTER_DATES = (
    "asked_on",
    "agreed_on",
    "declined_on",
    "packet_sent_on",
    "id_created_on",
    "uploaded_on",
    "thanked_on",
)


@step
def m007_letters_pipeline(db: Database) -> None:
    # People get more roles (fellow, program director, chair) and a specialty; a letter
    # follows the ERAS pipeline step by step, each dated (declined, Letter ID created),
    # with what L1 counts (US anesthesiology faculty, academic), L3 (a strong letter
    # asked for), the chair's letter and the waived right to view; a Letter ID is unique.
    # Letters are assigned to programs (ERAS allows four per program); a follow-up made
    # by a rule carries a key so it is made once. Tables are rebuilt for their CHECKs.
    dates = ",\n            ".join(f"{column} TEXT {_date(column)}" for column in _LETTER_DATES)
    for statement in [
        f"""CREATE TABLE people_new (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            role TEXT NOT NULL DEFAULT 'attending' CHECK (role IN ('attending', 'resident',
                'fellow', 'coordinator', 'program_director', 'chair', 'other')),
            specialty TEXT NOT NULL DEFAULT '',
            program_id INTEGER REFERENCES programs(id) ON DELETE SET NULL,
            email TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        """INSERT INTO people_new (id, name, role, program_id, email, notes, created_at,
               updated_at)
           SELECT id, name, role, program_id, email, notes, created_at, updated_at FROM people""",
        "DROP TABLE people",
        "ALTER TABLE people_new RENAME TO people",
        f"""CREATE TABLE letters_new (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'asked',
                'agreed', 'declined', 'packet_sent', 'id_created', 'uploaded', 'thanked')),
            {dates},
            strong_asked INTEGER NOT NULL DEFAULT 0 CHECK (strong_asked IN (0, 1)),
            us_anesthesiology INTEGER NOT NULL DEFAULT 1 CHECK (us_anesthesiology IN (0, 1)),
            academic INTEGER NOT NULL DEFAULT 1 CHECK (academic IN (0, 1)),
            chair_letter INTEGER NOT NULL DEFAULT 0 CHECK (chair_letter IN (0, 1)),
            waived INTEGER NOT NULL DEFAULT 1 CHECK (waived IN (0, 1)),
            eras_letter_id TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        """INSERT INTO letters_new (id, person_id, rotation_id, status, asked_on, agreed_on,
               packet_sent_on, uploaded_on, thanked_on, eras_letter_id, notes, created_at,
               updated_at)
           SELECT id, person_id, rotation_id, status, asked_on, agreed_on, packet_sent_on,
               uploaded_on, thanked_on, eras_letter_id, notes, created_at, updated_at
           FROM letters""",
        "DROP TABLE letters",
        "ALTER TABLE letters_new RENAME TO letters",
        "CREATE INDEX letters_person ON letters(person_id)",
        "CREATE UNIQUE INDEX letters_eras_id ON letters(eras_letter_id) WHERE eras_letter_id != ''",
        """CREATE TABLE letter_programs (
            letter_id INTEGER NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
            program_id INTEGER NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
            PRIMARY KEY (letter_id, program_id)
        )""",
        "CREATE INDEX letter_programs_program ON letter_programs(program_id)",
        "ALTER TABLE follow_ups ADD COLUMN rule_key TEXT NOT NULL DEFAULT ''",
        "CREATE UNIQUE INDEX follow_ups_rule_key ON follow_ups(rule_key) WHERE rule_key != ''",
    ]:
        db.execute(statement)


@step
def m008_residency_interviews(db: Database) -> None:
    # The date of a residency interview at a program where the user applied or rotated:
    # L7 speaks when one is recorded (name the writers there and the cases).
    db.execute(f"ALTER TABLE rotations ADD COLUMN interview_on TEXT {_date('interview_on')}")


@step
def m009_eras_season_by_match_year(db: Database) -> None:
    # Away asked for "the ERAS season you apply in" as the year ERAS opens and stored
    # the Match year as that plus one; AAMC names a season by its Match year, so a user
    # who typed AAMC's name (2028 for the season opening June 2027) got 2029 stored.
    # Where the profile's ERAS date says which season was meant, the Match year follows
    # it; without a date the stored year stays (it cannot tell which naming was used).
    db.execute(
        """UPDATE profile
           SET match_year = CAST(substr(eras_opens_on, 1, 4) AS INTEGER) + 1
           WHERE match_year IS NOT NULL
             AND eras_opens_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
             AND match_year != CAST(substr(eras_opens_on, 1, 4) AS INTEGER) + 1"""
    )


@step
def m010_visa_wait(db: Database) -> None:
    # The visitor-visa appointment wait at the user's consulate, in days, as the State
    # Department publishes it (V1 counts back from the block with it).
    db.execute(
        "ALTER TABLE profile ADD COLUMN visa_wait_days INTEGER "
        "CHECK (visa_wait_days IS NULL OR visa_wait_days BETWEEN 0 AND 730)"
    )


@step
def m011_letters_by_hand_and_letter_id_sent(db: Database) -> None:
    # A writer added by hand names where they work in words (a home-country hospital
    # is not one of the user's programs). A letter gains the step between making the
    # Letter Request Form and the upload: its Letter ID sent to the writer. The date a
    # letter was assigned to a program is kept. Letters are rebuilt for the new CHECK.
    dates = ",\n            ".join(
        f"{column} TEXT {_date(column)}"
        for column in (
            "asked_on",
            "agreed_on",
            "declined_on",
            "packet_sent_on",
            "id_created_on",
            "id_sent_on",
            "uploaded_on",
            "thanked_on",
        )
    )
    kept = """id, person_id, rotation_id, status, asked_on, agreed_on, declined_on,
        packet_sent_on, id_created_on, uploaded_on, thanked_on, strong_asked,
        us_anesthesiology, academic, chair_letter, waived, eras_letter_id, notes,
        created_at, updated_at"""
    for statement in [
        "ALTER TABLE people ADD COLUMN institution TEXT NOT NULL DEFAULT ''",
        f"""CREATE TABLE letters_new (
            id INTEGER PRIMARY KEY,
            person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            rotation_id INTEGER REFERENCES rotations(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'asked',
                'agreed', 'declined', 'packet_sent', 'id_created', 'id_sent', 'uploaded',
                'thanked')),
            {dates},
            strong_asked INTEGER NOT NULL DEFAULT 0 CHECK (strong_asked IN (0, 1)),
            us_anesthesiology INTEGER NOT NULL DEFAULT 1 CHECK (us_anesthesiology IN (0, 1)),
            academic INTEGER NOT NULL DEFAULT 1 CHECK (academic IN (0, 1)),
            chair_letter INTEGER NOT NULL DEFAULT 0 CHECK (chair_letter IN (0, 1)),
            waived INTEGER NOT NULL DEFAULT 1 CHECK (waived IN (0, 1)),
            eras_letter_id TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"INSERT INTO letters_new ({kept}) SELECT {kept} FROM letters",
        "DROP TABLE letters",
        "ALTER TABLE letters_new RENAME TO letters",
        "CREATE INDEX letters_person ON letters(person_id)",
        "CREATE UNIQUE INDEX letters_eras_id ON letters(eras_letter_id) WHERE eras_letter_id != ''",
        f"ALTER TABLE letter_programs ADD COLUMN assigned_on TEXT {_date('assigned_on')}",
    ]:
        db.execute(statement)


# The person's template items when m012 was written (kept literal: released steps never
# change, the templates may).
_PERSONAL_TITLES_M012 = (
    "Transcript and proof of final-year standing",
    "USMLE Step 1 score report",
    "USMLE Step 2 CK score report",
    "Immunization form (AAMC Standardized Immunization Form)",
    "TB test result for the application",
    "COVID-19 compliance",
    "BLS certificate (if the host asks)",
    "Photo ID / passport copy",
    "CV",
    "English proficiency proof (if the host asks)",
    "MMR: 2 doses or positive titers",
    "Varicella: 2 doses or a positive titer",
    "Hepatitis B: 3 doses and a quantitative surface-antibody titer",
    "Tdap: one adult dose (and a Td/Tdap booster if Tdap was over 10 years ago)",
    "TB test (IGRA or TST), within 12 months of the start",
    "COVID-19 vaccination (where the host asks)",
)
_STATUS_RANK = {"done": 3, "in_progress": 2, "todo": 1, "not_needed": 0}


@step
def m012_personal_checklist_items_once(db: Database) -> None:
    # The templates copied the person's items (CV, Step reports, vaccines) into every
    # block: ticking one left the others open. Each becomes one item on the user's own
    # list: the copy furthest along is kept (done, latest done date, with a scan), due
    # by the earliest open copy's date, with every copy's notes; the others go.
    for title in _PERSONAL_TITLES_M012:
        copies = db.execute(
            """SELECT id, rotation_id, status, done_on, due_on, scan_path, notes
               FROM checklist_items WHERE title = ? ORDER BY id""",
            [title],
        ).fetchall()
        if not copies or (len(copies) == 1 and copies[0][1] is None):
            continue
        kept = max(copies, key=lambda c: (_STATUS_RANK.get(c[2], 0), c[3] or "", bool(c[5]), -c[0]))
        open_dues = [c[4] for c in copies if c[4] and c[2] in ("todo", "in_progress")]
        notes = "\n".join(dict.fromkeys(c[6].strip() for c in copies if c[6].strip()))
        scan = kept[5] or next((c[5] for c in copies if c[5]), "")
        db.execute(
            """UPDATE checklist_items SET rotation_id = NULL, notes = ?, scan_path = ?,
                   due_on = coalesce(?, due_on) WHERE id = ?""",
            [notes, scan, min(open_dues) if open_dues else None, kept[0]],
        )
        for other in (c[0] for c in copies if c[0] != kept[0]):
            db.execute("DELETE FROM checklist_items WHERE id = ?", [other])


@step
def m013_eras_workbench(db: Database) -> None:
    # The ERAS workbench: Experience drafts (a secured block's is seeded from the
    # journal and stored once edited), anesthesiology's program signals with their
    # statements, the supplemental answers, and how many programs the user plans to
    # apply to (the season's fees).
    for statement in [
        f"""CREATE TABLE eras_experiences (
            id INTEGER PRIMARY KEY,
            rotation_id INTEGER UNIQUE REFERENCES rotations(id) ON DELETE SET NULL,
            position_title TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            starts_on TEXT {_date("starts_on")},
            ends_on TEXT {_date("ends_on")},
            hours_per_week INTEGER
                CHECK (hours_per_week IS NULL OR hours_per_week BETWEEN 0 AND 168),
            city TEXT NOT NULL DEFAULT '',
            state TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            setting TEXT NOT NULL DEFAULT '',
            experience_type TEXT NOT NULL DEFAULT 'Education/training',
            focus_area TEXT NOT NULL DEFAULT '',
            key_characteristic TEXT NOT NULL DEFAULT '',
            supervisor TEXT NOT NULL DEFAULT '',
            description TEXT NOT NULL DEFAULT '',
            meaningful INTEGER NOT NULL DEFAULT 0 CHECK (meaningful IN (0, 1)),
            reflection TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE eras_signals (
            id INTEGER PRIMARY KEY,
            program_id INTEGER NOT NULL UNIQUE REFERENCES programs(id) ON DELETE CASCADE,
            tier TEXT NOT NULL CHECK (tier IN ('gold', 'silver')),
            statement TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        f"""CREATE TABLE eras_answers (
            id INTEGER PRIMARY KEY,
            question TEXT NOT NULL UNIQUE
                CHECK (question IN ('adversity', 'differently', 'career')),
            answer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT {_NOW},
            updated_at TEXT NOT NULL DEFAULT {_NOW}
        )""",
        "ALTER TABLE profile ADD COLUMN eras_programs INTEGER "
        "CHECK (eras_programs IS NULL OR eras_programs BETWEEN 0 AND 1000)",
    ]:
        db.execute(statement)


@step
def m014_calendar_identity(db: Database) -> None:
    # A random id made once per database: the calendar export's UIDs carry it, so the
    # demo's events and the user's never merge in a calendar app (they were numbered by
    # row id alone). Not user data: exports and imports leave it out.
    db.execute(
        """CREATE TABLE _away_identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            calendar_id TEXT NOT NULL CHECK (length(calendar_id) = 16)
        )"""
    )
    db.execute("INSERT INTO _away_identity (id, calendar_id) VALUES (1, lower(hex(randomblob(8))))")
