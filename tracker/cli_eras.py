"""`away eras`: the ERAS workbench from the command line (signals, fees, the export)."""

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from tracker.cli import db_option, echo, resolve_db, write_stdout

if TYPE_CHECKING:
    from tracker.store.db import Database

T = TypeVar("T")


@click.group(invoke_without_command=True)
@db_option
@click.pass_context
def eras(ctx: click.Context, db_path: Path | None) -> None:
    """The ERAS workbench: Experience drafts from the journal, program signals,
    anesthesiology's supplemental answers and the season's fees, within MyERAS's
    limits. Without a command: where each stands. Nothing is sent anywhere."""
    ctx.meta["away.eras.db"] = db_path
    if ctx.invoked_subcommand is not None:
        return
    from tracker.domain.eras import QUESTIONS, counter
    from tracker.services import eras as workbench

    bench = _with_bench(ctx, db_path, workbench.gather)
    limits = bench.limits
    echo(f"ERAS {limits.season}: limits {limits.provenance()}")
    echo(f"Experiences: {len(bench.experiences)} of {limits.experiences}")
    for number, e in enumerate(bench.experiences, start=1):
        stored = "" if e.id else " (seeded from the journal, not edited yet)"
        mark = " · most meaningful" if e.meaningful else ""
        echo(
            f"  {number}. {e.organization or e.position_title}: description "
            f"{counter(e.description, limits.description)}{mark}{stored}"
        )
    for key, _ in QUESTIONS:
        echo(f"Supplemental ({key}): {counter(bench.answers.get(key, ''), limits.supplemental)}")
    for tier, allowed in (("gold", limits.gold_signals), ("silver", limits.silver_signals)):
        named = [s.program_name for s in bench.signals if s.tier == tier]
        echo(
            f"Signals {tier}: {len(named)} of {allowed}"
            + (f": {'; '.join(named)}" if named else "")
        )
    echo(bench.fees_line())


def _with_bench(ctx: click.Context, db_path: Path | None, work: "Callable[[Database], T]") -> T:
    """work on the user's database (opened as every command opens it), then closed."""
    from tracker.services.safety import open_user_db

    db, warning = open_user_db(resolve_db(ctx, db_path or ctx.meta.get("away.eras.db")))
    if warning:
        echo(f"away: {warning}.", err=True)
    try:
        return work(db)
    finally:
        db.close()


@eras.command()
@db_option
@click.argument("program")
@click.option("--gold", "tier", flag_value="gold", help="A gold signal (highest interest).")
@click.option("--silver", "tier", flag_value="silver", help="A silver signal (very high interest).")
@click.option("--remove", "tier", flag_value="remove", help="Take the program's signal back.")
@click.option("--statement", default=None, help="The program-specific signal statement.")
@click.pass_context
def signal(
    ctx: click.Context, db_path: Path | None, program: str, tier: str | None, statement: str | None
) -> None:
    """Signal PROGRAM (a name as in Applications): --gold, --silver or --remove. A sixth
    gold or an eleventh silver is refused (exit 2), naming the limit and its source."""
    from tracker.domain.eras import Signal
    from tracker.domain.seasons import eras_limits
    from tracker.domain.text import NotFound, one_named
    from tracker.store import eras as store
    from tracker.store.profile import get_profile
    from tracker.store.programs import list_programs

    if tier is None:
        raise click.UsageError("say --gold, --silver or --remove")

    def give(db: "Database") -> str:
        programs = list_programs(db)
        names = [p.institution or p.name for p in programs]
        try:
            chosen = programs[
                one_named(names, program, "No program called “{text}” is in Away", "programs")
            ]
        except NotFound as error:
            raise click.UsageError(str(error)) from None
        assert chosen.id is not None
        label = chosen.institution or chosen.name
        if tier == "remove":
            gone = store.remove_signal(db, chosen.id)
            return f"{label}: signal removed" if gone else f"{label} had no signal"
        kept = next((s.statement for s in store.signals(db) if s.program_id == chosen.id), "")
        limits = eras_limits(get_profile(db).match_year)
        store.set_signal(
            db, Signal(chosen.id, tier, statement if statement is not None else kept), limits
        )
        return f"{label}: {tier} signal"

    from tracker.store.eras import SignalRefused

    try:
        echo(_with_bench(ctx, db_path, give))
    except SignalRefused as refused:
        echo(f"away: {refused.errors['tier']}.", err=True)
        sys.exit(2)


@eras.command()
@db_option
@click.argument("programs", type=click.IntRange(0, 1000))
@click.pass_context
def fees(ctx: click.Context, db_path: Path | None, programs: int) -> None:
    """Plan to apply to PROGRAMS programs: prints the season's ERAS fee (the Budget
    counts it as a planned cost)."""
    from dataclasses import replace

    from tracker.services import eras as workbench
    from tracker.store.profile import get_profile, save_profile

    def plan(db: "Database") -> str:
        save_profile(db, replace(get_profile(db), eras_programs=programs))
        return workbench.gather(db).fees_line()

    echo(_with_bench(ctx, db_path, plan))


@eras.command(name="export")
@db_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Where to write it; - prints it (default: exports/ beside the database).",
)
@click.option(
    "--format",
    "form",
    type=click.Choice(["txt", "md"]),
    default="txt",
    show_default=True,
    help="txt: plain text to paste (MyERAS takes no formatting); md: with headings.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the file if it exists, and write text the PHI guard flags.",
)
@click.pass_context
def export_drafts(
    ctx: click.Context, db_path: Path | None, out: Path | None, form: str, force: bool
) -> None:
    """Write every draft as MyERAS asks for it: each Experience with its fields and
    `Description (N/750)`, the most meaningful reflections, signals with statements and
    the supplemental answers. Refused (exit 2) while a text is over MyERAS's limit, and
    (exit 3) while one looks like a patient identifier, unless --force."""
    from tracker.services import eras as workbench
    from tracker.services.exporting import ExportError, write_whole

    def build(db: "Database") -> "tuple[workbench.Workbench, list[str]]":
        bench = workbench.gather(db)
        return bench, workbench.flagged_places(db, bench)

    bench, flagged = _with_bench(ctx, db_path, build)
    if problems := workbench.export_problems(bench):
        echo("away: not written: MyERAS would refuse " + "; ".join(problems) + ".", err=True)
        sys.exit(2)
    if flagged and not force:
        echo(
            "away: not written: "
            + "; ".join(flagged)
            + " may hold patient identifiers. Edit them in ERAS (7), or --force writes it.",
            err=True,
        )
        sys.exit(3)
    content = workbench.render(bench, form).encode()
    if out is not None and str(out) == "-":
        write_stdout(content, "md")
        return
    target = out or resolve_db(ctx, db_path).parent / "exports" / f"away-eras.{form}"
    if os.path.lexists(target) and not force:
        echo(f"away: {target} already exists; nothing was written (--force replaces it).", err=True)
        sys.exit(2)
    try:
        write_whole(content, target, force)
    except ExportError as error:
        echo(f"away: {error}.", err=True)
        sys.exit(2)
    echo(f"Written to {target}")
