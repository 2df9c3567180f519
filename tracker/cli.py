"""The `away` command line. Only opening the TUI imports textual (lazily)."""

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from tracker import __version__
from tracker.domain.text import visible
from tracker.launch import open_tui, prepare

# The store (and sqlite-utils with it) is imported by the commands that use it, so that
# --version and --help start at once.

F = TypeVar("F", bound=Callable[..., Any])
DB_HELP = "Database file (default: your data folder's away.db; or set AWAY_DB)."


def echo(message: str, err: bool = False, nl: bool = True) -> None:
    """Every line Away prints: stored text in it (names, journal lines, file names) is
    shown, never obeyed: control characters become visible signs (domain.text.visible)."""
    click.echo(visible(message), err=err, nl=nl)


DOCUMENTS = ("md", "html")  # read by people: printed as text, control characters as signs
DATA = ("json", "ics")  # read by programs: kept exactly in a pipe; pdf and csv are binary


def write_stdout(content: bytes, form: str) -> None:
    """`--out -`: a document as text whose control characters are signs; data as its
    exact bytes into a pipe (as text with signs on a terminal); a binary file only into
    a pipe (on a terminal it would be noise)."""
    if form in DOCUMENTS or (form in DATA and sys.stdout.isatty()):
        echo(content.decode("utf-8", errors="replace"), nl=False)
        return
    if sys.stdout.isatty():
        raise click.UsageError("this is a binary file: give --out a file name or pipe it.")
    sys.stdout.buffer.write(content)
    sys.stdout.flush()


class AwayGroup(click.Group):
    """Every failure is one sentence on stderr with a non-zero exit, never a traceback.
    The exit codes (README, "Exit codes"): 0 done; 1 you declined or stopped it; 2 an
    error, nothing was changed (bad input or file, a refused import, the store, SQLite
    or the OS); 3 `away log` refused text that looks like a patient identifier."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        try:
            result: Any = super().main(*args, **kwargs)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "away"
            message = error.format_message().rstrip(".")
            echo(f"away: {message} (see: {command} --help).", err=True)
            sys.exit(2)
        except click.Abort:
            echo("away: stopped; nothing was changed.", err=True)
            sys.exit(1)
        except click.ClickException as error:
            echo(f"away: {error.format_message()}", err=True)
            sys.exit(error.exit_code)
        except KeyboardInterrupt:
            explain_failure(None, None)
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # usage errors and answers: main() says them
        except Exception as error:
            explain_failure(error, ctx.meta.get("away.db"))


def explain_failure(error: Exception | None, db_path: Path | None) -> NoReturn:
    """A failure as one sentence on stderr: an error the store explains, or an unexpected
    one (its trace, without the user's data, in a crash log), exit 2; None: the user
    interrupted, exit 130. (Also for the app opened without the CLI: launch.py.)"""
    if error is None:
        echo("away: interrupted.", err=True)
        sys.exit(130)
    from tracker.store.errors import explain, is_explainable

    if not is_explainable(error):
        from tracker.services.crash import write_crash_log

        log = write_crash_log(Path(db_path or "away.db").absolute(), error)
        echo(
            f"away: stopped by an unexpected error ({type(error).__name__}); nothing "
            f"more was changed. What happened (without your data) is in {log}; "
            "'away check' finds values Away cannot use.",
            err=True,
        )
        sys.exit(2)
    echo(f"away: {explain(error, db_path)}.", err=True)
    sys.exit(2)


def db_option(command: F) -> F:
    """--db on every subcommand too, so `away check --db X` works like `away --db X check`."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="AWAY_DB",
        default=None,
        help=DB_HELP,
    )(command)


def refused(error: Exception) -> NoReturn:
    """An export or packet not written: exit 3 when the PHI guard stopped it, 2 for the
    rest (a name that would print as a blank, the disk)."""
    from tracker.services.exporting import FlaggedText

    echo(f"away: {error}.", err=True)
    sys.exit(3 if isinstance(error, FlaggedText) else 2)


def paper_option(command: F) -> F:
    """--paper for the PDFs: US Letter unless asked."""
    return click.option(
        "--paper",
        type=click.Choice(["letter", "a4"]),
        default="letter",
        show_default=True,
        help="The PDF's paper size.",
    )(command)


def resolve_db(ctx: click.Context, db_path: Path | None) -> Path:
    from tracker.store.db import default_db_path

    path = (db_path or ctx.find_root().obj or default_db_path()).expanduser()
    ctx.meta["away.db"] = path  # shared by the whole context tree, for error messages
    return path


@click.group(
    cls=AwayGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@db_option
@click.option(
    "--today",
    "today_text",
    envvar="AWAY_TODAY",
    default=None,
    metavar="YYYY-MM-DD",
    help="Evaluate everything as of this date (to plan ahead); also AWAY_TODAY.",
)
@click.version_option(__version__, prog_name="away")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, today_text: str | None) -> None:
    """Away: your away rotations, checklists, budget, OR journal and letters.

    Run without a command to open the full-screen app.
    """
    prepare()  # the start-up caches
    ctx.obj = db_path
    set_today(ctx, today_text)
    if ctx.invoked_subcommand is None:
        open_tui(resolve_db(ctx, None), today_of(ctx))


def set_today(ctx: click.Context, today_text: str | None) -> None:
    """--today, checked, for every command (ctx.meta is shared by the whole command line)."""
    if today_text is None:
        return
    from tracker.domain.checks import check_date

    if problem := check_date(today_text.strip()):
        raise click.BadParameter(problem, param_hint="--today")
    ctx.meta["away.today"] = today_text.strip()


def today_of(ctx: click.Context) -> date:
    """--today (or AWAY_TODAY), else the real date."""
    text = ctx.meta.get("away.today")
    return date.fromisoformat(text) if text else date.today()


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--scale",
    type=click.IntRange(1, 1000),
    default=1,
    show_default=True,
    help="Repeat the demo N times (100: about 1,200 programs and 4,000 journal days), "
    "to try Away with years of data.",
)
@click.pass_context
def demo(ctx: click.Context, path: Path, scale: int) -> None:
    """Write a fictional demo database to PATH (never overwrites a file).

    The demo is one applicant's season: rotations April to October of the year before
    applying, told as of today when today is mid-season, else as of the last 15 July.
    """
    from tracker.services.demo import story_day, write_demo

    day = story_day(today_of(ctx))
    write_demo(path, day, scale=scale)
    echo(f"Demo database written to {path}. Open it with: away --db {path}")
    if day != today_of(ctx):
        echo(f"Its story is told as of {day.isoformat()}: add --today {day.isoformat()}")


@main.command()
@db_option
@click.pass_context
def check(ctx: click.Context, db_path: Path | None) -> None:
    """Check the database: integrity, schema version, file mode, row counts, and every
    stored value (text that is valid UTF-8, dates that exist, numbers that fit)."""
    from tracker.services.safety import check as run_check

    report = run_check(resolve_db(ctx, db_path))
    echo(f"database:  {report.path}")
    echo(f"size:      {report.size_bytes:,} bytes, mode {report.mode:04o}")
    echo(f"integrity: {report.integrity}")
    echo(f"schema:    step {report.schema_steps} ({report.schema_latest})")
    echo("rows:      " + ", ".join(f"{t} {n}" for t, n in report.counts.items()))
    echo(f"backup:    {report.newest_backup or 'none yet'}")
    named, total = report.value_problems
    if total:
        echo(f"values:    {total:,} that Away cannot use (named, not shown):", err=True)
        for problem in named:
            echo(f"  {problem}", err=True)
        if total > len(named):
            echo(f"  and {total - len(named):,} more", err=True)
    if report.mode & 0o077:
        echo(f"warning: the file is readable by others; run: chmod 600 {report.path}", err=True)
    if not report.healthy:
        sys.exit(2)
    echo("healthy")


@main.command()
@db_option
@click.argument("text")
@click.option(
    "--date", "day", default=None, metavar="YYYY-MM-DD", help="The journal day (default: today)."
)
@click.option(
    "--force", is_flag=True, help="Save even if the text looks like it holds a patient identifier."
)
@click.pass_context
def log(ctx: click.Context, db_path: Path | None, text: str, day: str | None, force: bool) -> None:
    """Add TEXT as a learning point to a day's journal (quick capture; - reads stdin).

    Text that looks like a patient identifier (a name after Mr./Mrs., a record number,
    a date of birth, a phone number …) is refused with exit code 3 unless --force.
    """

    from tracker.domain.checks import check_date
    from tracker.domain.phi import describe, find_phi
    from tracker.services.safety import open_user_db
    from tracker.store.journal import append_learning_point
    from tracker.store.phi import team_names

    if text == "-":
        text = sys.stdin.read()
    text = text.strip()
    if not text:
        raise click.UsageError("TEXT is empty: nothing to save")
    if day is not None and (problem := check_date(day)):
        raise click.BadParameter(problem, param_hint="--date")
    day = (day or today_of(ctx).isoformat()).strip()
    db, warning = open_user_db(resolve_db(ctx, db_path))
    if warning:
        echo(f"away: {warning}.", err=True)
    if (flags := find_phi(text, team_names(db))) and not force:
        echo(
            f"away: not saved: this looks like a patient identifier: {describe(flags)}. "
            "Remove it (or, if it is not one, use --force).",
            err=True,
        )
        sys.exit(3)
    try:
        append_learning_point(db, day, text)
    finally:
        db.close()
    echo(f"Saved to {day}: {text}")


@main.command()
@db_option
@click.option(
    "--json", "as_json", is_flag=True, help="JSON (schema away-today/1, docs/today.schema.json)."
)
@click.option(
    "--today",
    "today_text",
    default=None,
    metavar="YYYY-MM-DD",
    help="As of this date (also before the command: away --today D today).",
)
@click.pass_context
def today(ctx: click.Context, db_path: Path | None, as_json: bool, today_text: str | None) -> None:
    """Where you stand and what the guide says now: the block, what is due, each rule's
    finding with its ID (as of --today, if given)."""
    import json

    set_today(ctx, today_text)
    from tracker.services.safety import open_user_db
    from tracker.services.today import as_text, report

    db, warning = open_user_db(resolve_db(ctx, db_path))
    if warning:
        echo(f"away: {warning}.", err=True)
    try:
        found = report(db, today_of(ctx))
    finally:
        db.close()
    echo(json.dumps(found, ensure_ascii=False, indent=2) if as_json else as_text(found))


@main.command()
@db_option
@click.argument("person")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write it; - prints it (default: packets/ beside the database).",
)
@click.option(
    "--format",
    "form",
    type=click.Choice(["md", "pdf"]),
    default="md",
    show_default=True,
    help="md: Markdown, which reads well as plain text too; pdf: to send as it is.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the file if it exists, and write case text the PHI guard flags.",
)
@paper_option
@click.pass_context
def packet(
    ctx: click.Context,
    db_path: Path | None,
    person: str,
    out: Path | None,
    form: str,
    force: bool,
    paper: str,
) -> None:
    """Write the letter packet for PERSON (L4): CV, goals, ERAS ID, and the cases done
    with them by rotation week (never by date), de-identified.

    A case whose text looks like a patient identifier stops it (exit code 3, naming the
    day and field); an existing file is kept (exit code 2); --force does both anyway.
    """
    from tracker.services.exporting import ExportError
    from tracker.services.packet import PersonNotFound, find_person, render_packet, write_packet
    from tracker.services.safety import open_user_db

    printed = out is not None and str(out) == "-"
    if printed and form == "pdf":
        raise click.UsageError("a PDF cannot be printed here; give --out a file name.")
    path = resolve_db(ctx, db_path)
    db, warning = open_user_db(path)
    if warning:
        echo(f"away: {warning}.", err=True)
    try:
        try:
            writer = find_person(db, person)
        except PersonNotFound as error:
            raise click.UsageError(str(error)) from None
        content = render_packet(db, writer, form, keep_flagged=force, paper=paper)
    except ExportError as error:
        refused(error)
    finally:
        db.close()
    if printed:
        write_stdout(content, form)
        return
    try:
        target = write_packet(content, out, path, writer, form, force)
    except ExportError as error:
        echo(f"away: {error}.", err=True)
        sys.exit(2)
    echo(f"Packet for {writer.name} written to {target}")


@main.command()
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write the copy; - writes it to standard output, e.g. to pipe it to "
    "another machine (default: the backups folder beside the database).",
)
@click.pass_context
def backup(ctx: click.Context, db_path: Path | None, out: Path | None) -> None:
    """Write a checked copy of the database (0600)."""
    import tempfile

    from tracker.services.safety import backup_to

    path = resolve_db(ctx, db_path)
    if out is not None and str(out) == "-":
        with tempfile.TemporaryDirectory() as folder:  # (0700: the copy stays private)
            copy = backup_to(path, Path(folder) / "away.db")
            write_stdout(copy.read_bytes(), "db")
        return
    target = backup_to(path, out)
    echo(f"Backup written to {target}")


@main.group(name="import", cls=AwayGroup)
def import_group() -> None:
    """Bring data in from a file, checked first, all or nothing."""


def show_progress(done: int, total: int) -> None:
    """A progress line on stderr for long imports, rewritten in place."""
    click.echo(f"\rimporting: {done:,} of {total:,} rows", err=True, nl=done >= total)


@import_group.command(name="programs")
@db_option
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--update",
    is_flag=True,
    help="Update programs already in Away (same name and institution) instead of skipping them.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="The file's text encoding, e.g. cp1252 or latin-1 for older spreadsheets.",
)
@click.pass_context
def import_programs(
    ctx: click.Context, db_path: Path | None, csv_file: Path, update: bool, encoding: str
) -> None:
    """Import programs from CSV_FILE (comma or semicolon separated).

    Needs a 'name' column; see the README for the other columns and their aliases.
    """

    from tracker.domain.text import plural
    from tracker.services.importing import ImportRefused, import_programs_csv
    from tracker.services.safety import open_user_db

    if not csv_file.is_file():
        raise click.BadParameter(f"{csv_file} is not a file", param_hint="CSV_FILE")
    db, warning = open_user_db(resolve_db(ctx.find_root(), db_path))
    if warning:
        echo(f"away: {warning}.", err=True)
    try:
        result = import_programs_csv(db, csv_file, today_of(ctx), update, encoding, show_progress)
    except ImportRefused as refused:
        for problem in refused.problems:
            echo(problem, err=True)
        echo(f"away: nothing was imported ({plural(len(refused.problems), 'problem')}).", err=True)
        sys.exit(2)
    finally:
        db.close()
    if result.ignored_columns:
        echo("Ignored columns: " + ", ".join(result.ignored_columns))
    hint = " (already in Away; --update updates them)" if result.skipped else ""
    echo(f"{result.added} added, {result.updated} updated, {result.skipped} skipped{hint}.")


@import_group.command(name="json")
@db_option
@click.argument("json_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--replace", is_flag=True, help="Replace what the database holds (a backup is taken first)."
)
@click.option(
    "--keep-flagged",
    is_flag=True,
    help="Keep journal text the PHI guard flags, as written (as ctrl+s does in the app).",
)
@click.pass_context
def import_json_command(
    ctx: click.Context, db_path: Path | None, json_file: Path, replace: bool, keep_flagged: bool
) -> None:
    """Bring back everything from an `away export --format json` file, all or nothing:
    every row is checked as the forms check it first."""
    import json

    from tracker.services.exporting import ExportError, import_json
    from tracker.services.safety import open_user_db
    from tracker.store.db import exclusive_lock

    try:
        data = json.loads(json_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        raise click.BadParameter(f"{json_file} cannot be read as JSON ({reason})") from None
    path = resolve_db(ctx.find_root(), db_path)
    if replace:  # like restore: another Away's later writes would mix with the import
        with exclusive_lock(path):
            pass
    db, warning = open_user_db(path)
    if warning:
        echo(f"away: {warning}.", err=True)
    try:
        if replace:
            from tracker.store.backups import write_unique_backup

            kept = write_unique_backup(db.conn, path, "before-import")
            echo(f"The current data was kept at {kept}")
        count = import_json(db, data, replace, keep_flagged)
    except ExportError as error:
        echo(f"away: {error}.", err=True)
        sys.exit(2)
    finally:
        db.close()
    echo(f"{count:,} rows imported from {json_file}")


@main.command(name="export")
@db_option
@click.option(
    "--format",
    "form",
    type=click.Choice(["md", "html", "pdf", "json", "csv", "ics"]),
    required=True,
    help="md, html, pdf: the ERAS summary; json: every table (re-importable); csv: a zip "
    "of one CSV per table; ics: dates for a calendar.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write it; - writes it to standard output (default: exports/ beside "
    "the database).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the file if it exists, and write journal text the PHI guard flags.",
)
@paper_option
@click.option(
    "--sections",
    default="mentor",
    show_default=True,
    help="What the summary holds: mentor (profile, rotations, letters, cases, stories, "
    "highlights), all (adds the visa, denied applications, checklist and budget), or "
    "names joined by commas: profile, visa, rotations, denied, letters, cases, stories, "
    "highlights, checklist, budget.",
)
@click.option(
    "--bom",
    is_flag=True,
    help="csv: start each file with a byte-order mark, so Excel reads it as UTF-8.",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    db_path: Path | None,
    form: str,
    out: Path | None,
    force: bool,
    paper: str,
    sections: str,
    bom: bool,
) -> None:
    """Write the ERAS summary or all your data to a file, whole or not at all.

    The PHI guard reads the journal text the export includes again: if a line looks
    like a patient identifier, nothing is written (exit code 3) and the message says
    where (day and field), never the text; --force writes it anyway.
    """
    from tracker.services.exporting import (
        ExportError,
        default_path,
        render,
        write_whole,
    )
    from tracker.services.safety import open_user_db
    from tracker.services.summary import sections_asked

    try:
        chosen = sections_asked(sections)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--sections") from None
    if form == "csv" and out is not None and out.suffix.lower() == ".csv":
        raise click.BadParameter(
            f"the CSV export is several files (cases.csv and one per table) in one zip: "
            f"give a .zip name, e.g. {out.with_suffix('.zip').name}",
            param_hint="--out",
        )
    path = resolve_db(ctx, db_path)
    today = today_of(ctx)
    printed = out is not None and str(out) == "-"
    target = out or default_path(path, form, today)
    if not printed and os.path.lexists(target) and not force:
        echo(f"away: {target} already exists; nothing was written (--force replaces it).", err=True)
        sys.exit(2)
    db, warning = open_user_db(path)
    if warning:
        echo(f"away: {warning}.", err=True)
    try:
        content = render(db, form, today, keep_flagged=force, paper=paper, chosen=chosen, bom=bom)
    except ExportError as error:
        refused(error)
    finally:
        db.close()
    if printed:
        write_stdout(content, form)
        return
    try:
        write_whole(content, target, force)
    except ExportError as error:
        echo(f"away: {error}.", err=True)
        sys.exit(2)
    echo(f"Written to {target}")


@main.command()
@db_option
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def restore(ctx: click.Context, db_path: Path | None, path: Path, yes: bool) -> None:
    """Replace the database with the backup at PATH (the current one is kept first)."""
    from tracker.services.safety import restore_from
    from tracker.store.db import StoreError, inspect_file

    target = resolve_db(ctx, db_path)
    if not path.exists():
        raise StoreError(f"{path} does not exist.")
    inspect_file(path, name_backup=False)  # refuse a bad file before asking
    if not yes and target.exists():
        click.confirm(
            f"Replace {target} with {path}? A copy of the current one is kept.", abort=True
        )
    kept = restore_from(target, path)
    if kept:
        echo(f"The previous database was kept at {kept}")
    echo(f"Restored {path} into {target}")


from tracker.cli_eras import eras  # noqa: E402  (it uses the helpers above)

main.add_command(eras)


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One object per entry, for programs.")
@click.option(
    "--low-priority",
    is_flag=True,
    help="Leave the processor to other programs first (how Today runs it, beside the screen).",
)
@click.pass_context
def scan(ctx: click.Context, db_path: Path | None, as_json: bool, low_priority: bool) -> None:
    """List the journal entries the PHI guard flags: their day and field, never the
    text (J7). Reads the file only; Today runs it in its own process, so years of
    journal are read without slowing the screen."""
    import json

    if low_priority and hasattr(os, "nice"):
        os.nice(10)  # years of journal take seconds of a core the screen shares

    from tracker.domain.text import plural
    from tracker.services.phi_scan import scan as scan_journal
    from tracker.store.db import connect_readonly_db

    db = connect_readonly_db(resolve_db(ctx, db_path))
    try:
        found = scan_journal(db)  # texts found clean by an earlier scan are not read again
    finally:
        db.close()
    if as_json:
        rows = [{"day": f.day, "field": f.field, "day_id": f.day_id} for f in found]
        echo(json.dumps(rows, ensure_ascii=False))
        return
    for flagged in found:
        echo(str(flagged))
    count = plural(len(found), "journal entry", "journal entries")
    echo(f"{count} may hold patient identifiers.", err=bool(found))
