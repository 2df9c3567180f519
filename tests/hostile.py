"""Text an attacker (or a pasted web page) could leave in the database: markup, links and
actions, terminal escape sequences, NUL, bidi overrides. Shared by the screen, CLI and
export tests; written straight into the file, past the store's checks, as a foreign
or older file could hold it."""

import re
import sqlite3
from pathlib import Path

HOSTILE = [
    "Check TOF [/] before",
    "[bold red]X[/]",
    "[link=file:///etc/passwd]L[/link]",
    "[@click=app.quit]q[/]",
    "[b]unclosed",
    "closing[/b] only",
    "TOF \x1b]0;PWNED\x07 ok",
    "wipe\x1b[2J screen",
    "\x1b[31mred",
    "N\x00UL",
    "\u202eevil bidi",
    "C1 \x9b2J csi",
    "[dim half",
    "$var {brace} %s",
    "\\[escaped]",
]

# What must never reach a terminal (each is in HOSTILE above).
PAYLOADS = ["\x1b]0;PWNED", "\x1b[2J", "\x07", "\x00", "\u202e", "\x9b", "\x1b[31mred"]

# Every free-text column. A new TEXT column must be named here or in NOT_FREE_TEXT, so
# the hostile test cannot silently skip it.
FREE_TEXT = {
    "profile": ["full_name", "school", "country", "eras_id", "aamc_id", "email"],
    "programs": [
        "name",
        "institution",
        "city",
        "state",
        "website",
        "coordinator_name",
        "coordinator_email",
        "notes",
    ],
    "rotations": ["notes"],
    "cases": ["procedure", "comorbidities", "teaching_point", "story", "specialty"],
    "case_skills": ["skill"],
    "follow_ups": ["action"],
    "journal_days": [
        "learning_points",
        "feedback",
        "reflection",
        "tomorrow_focus",
        "tomorrow_preparation",
    ],
    "checklist_items": ["title", "scan_path", "notes"],
    "housing_options": ["name", "address", "url", "contact", "notes"],
    "expenses": ["description"],
    "people": ["name", "specialty", "institution", "email", "notes"],
    "letters": ["eras_letter_id", "notes"],
    "eras_experiences": [
        "position_title",
        "organization",
        "city",
        "state",
        "country",
        "setting",
        "experience_type",
        "focus_area",
        "key_characteristic",
        "supervisor",
        "description",
        "reflection",
    ],
    "eras_signals": ["statement"],
    "eras_answers": ["answer"],
}
# Dates, timestamps, choices (CHECKed), codes: validated elsewhere (away check, imports).
NOT_FREE_TEXT = re.compile(  # matched against "table.column"
    r"_on$|_at$|\.(day|week_of|valid_until|check_in|check_out|kind|route|status|category"
    r"|technique|age_band|airway|role|per|currency|home_currency|validity|rule_id|rule_key"
    r"|visa_needed|location|watched|sponsors_j1|sponsors_h1b|accepts_international"
    r"|has_img_residents|structured_evaluation|tier|question)$|^rotations\.specialty$"
    r"|^_away_identity\."
)


def text_columns(path: Path) -> dict[str, list[str]]:
    """Each user table's TEXT columns, as the file declares them."""
    conn = sqlite3.connect(path)
    tables = [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(("sqlite_", "_sqlite", "journal_search"))
    ]
    found = {
        table: [
            row[1]
            for row in conn.execute(f"PRAGMA table_info([{table}])")
            if row[2].upper() == "TEXT"
        ]
        for table in tables
    }
    conn.close()
    return {table: columns for table, columns in found.items() if columns}


def poison(path: Path) -> int:
    """Every free-text cell of every row becomes a hostile string (cycling through the
    corpus, the row id after it so unique names stay unique); returns cells written."""
    conn = sqlite3.connect(path)
    written = 0
    for table, columns in FREE_TEXT.items():
        ids = [row[0] for row in conn.execute(f"SELECT rowid FROM [{table}]")]
        for n, rowid in enumerate(ids):
            for k, column in enumerate(columns):
                value = f"{HOSTILE[(n + k) % len(HOSTILE)]} {rowid}"
                conn.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", [value, rowid])
                written += 1
    conn.commit()
    conn.close()
    return written
