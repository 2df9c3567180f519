"""Typed text that could not be saved, copied to a private file so that quitting loses
nothing: beside the database, or in the home or temporary folder when that is full."""

import tempfile
from datetime import datetime
from pathlib import Path

from tracker.services.exporting import ExportError, write_whole


def recovery_text(day: str, fields: dict[str, str]) -> str:
    """The day's unsaved fields as plain text, each under its name."""
    parts = [f"Away: journal text of {day} that could not be saved.", ""]
    for name, text in fields.items():
        parts += [f"== {name.replace('_', ' ')} ==", text, ""]
    return "\n".join(parts)


def write_recovery(db_path: Path, day: str, fields: dict[str, str]) -> Path:
    """Write the text (0600) to the first folder that takes it; raises ExportError with
    every folder's reason when none does."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"away-recovery-{day}-{stamp}.txt"
    content = recovery_text(day, fields).encode("utf-8")
    reasons = []
    for folder in (db_path.parent, Path.home(), Path(tempfile.gettempdir())):
        try:
            return write_whole(content, folder / name)
        except ExportError as error:
            reasons.append(str(error))
    raise ExportError("; ".join(reasons))
