"""The export dialog (ctrl+e): a format, a path, the file written whole."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.checks import check_required, max_length
from tracker.services.exporting import (
    ExportError,
    FlaggedText,
    default_path,
    render,
    write_whole,
)
from tracker.store.db import AwayDatabase, connect_readonly_db
from tracker.store.errors import explain, is_explainable
from tracker.ui.modals.choice import ChoiceScreen
from tracker.ui.modals.confirm import ConfirmScreen
from tracker.ui.modals.form import Field, FormScreen

if TYPE_CHECKING:
    from tracker.ui.app import AwayApp


def ask_and_export(app: "AwayApp") -> None:
    """ctrl+e: the format, then where (beside the database by default), then write."""
    path_checks = (check_required, max_length(4096))
    choices = [
        ("ERAS summary as Markdown (reads as plain text)", "md"),
        ("ERAS summary as a web page (HTML, prints well)", "html"),
        ("ERAS summary as PDF", "pdf"),
        ("All your data as JSON (away import json brings it back)", "json"),
        ("All your data as CSV files in a zip (spreadsheets)", "csv"),
        ("Blocks, deadlines and follow-ups for a calendar (ICS)", "ics"),
    ]

    def sections(form: str | None) -> None:
        """A summary asks what it holds first; the data and the calendar hold everything."""
        if form in ("md", "html", "pdf"):
            from tracker.ui.modals.sections import SectionsScreen

            app.push_screen(
                SectionsScreen(), lambda chosen: where(form, chosen) if chosen else None
            )
        elif form:
            where(form, None)

    def where(form: str, held: frozenset[str] | None) -> None:

        def save(values: dict[str, str]) -> dict[str, str]:
            return {}  # the path is checked when written (one sentence if it cannot be)

        def chosen(values: dict[str, str] | None) -> None:
            if values is None:
                return
            target = Path(values["path"].strip()).expanduser()
            if target.exists():
                app.push_screen(
                    ConfirmScreen(f"{target} exists. Replace it?", yes_label="Replace"),
                    lambda yes: export_to(app, form, target, held) if yes else None,
                )
            else:
                export_to(app, form, target, held)

        default = str(default_path(app.db_path, form, app.today))
        fields = [Field("path", "Write to", path_checks)]
        app.push_screen(FormScreen("Export: where to", fields, {"path": default}, save), chosen)

    app.push_screen(ChoiceScreen("Export:", choices), sections)


def export_to(
    app: "AwayApp",
    form: str,
    target: Path,
    held: frozenset[str] | None = None,
    keep_flagged: bool = False,
) -> None:
    """Write the export whole, in the background (write_in_background); held: the
    summary's sections (None: a mentor's copy)."""
    today = app.today

    def work(db: AwayDatabase) -> str:
        write_whole(render(db, form, today, keep_flagged, chosen=held), target, force=True)
        return f"Written to {target}"

    def anyway() -> None:
        export_to(app, form, target, held, keep_flagged=True)

    write_in_background(app, f"Writing {target.name}…", work, anyway)


def write_in_background(
    app: "AwayApp",
    starting: str,
    work: Callable[[AwayDatabase], str],
    anyway: Callable[[], None] | None = None,
) -> None:
    """Run work (it writes files from the records, and returns what to say when done) on
    a thread with its own read-only connection: a PDF of years of data takes seconds, and
    the screen must not freeze meanwhile. A failure is one sentence; the app stays.
    When the PHI guard stops it (FlaggedText), the user is asked whether to write it
    anyway (then anyway runs)."""
    app.notify(f"{starting} (you can keep working)", timeout=4)
    path = app.db_path

    def ask(refused: FlaggedText) -> None:
        assert anyway is not None
        question = f"{refused.places()}. Write it anyway?"
        app.push_screen(
            ConfirmScreen(question, yes_label="Write anyway"),
            lambda yes: anyway() if yes else None,
        )

    def run() -> None:
        try:
            db = connect_readonly_db(path)
            try:
                done = work(db)
            finally:
                db.close()
        except FlaggedText as refused:
            if anyway is not None:
                app.call_from_thread(ask, refused)
                return
            app.call_from_thread(
                app.notify, str(refused) + ".", title="Not written", severity="error", timeout=12
            )
            return
        except Exception as error:
            if not is_explainable(error):
                raise
            reason = str(error) if isinstance(error, ExportError) else explain(error, path)
            app.call_from_thread(
                app.notify, reason + ".", title="Not written", severity="error", timeout=12
            )
            return
        app.call_from_thread(app.notify, done, timeout=12)

    app.run_worker(run, thread=True, group="export")
