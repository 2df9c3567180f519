"""ERAS: the application itself, drafted from the journal. Each secured block's
Experience (seeded from its days and cases), the most meaningful reflections, the
anesthesiology supplemental answers with the journal's search beside them, and the
program signals beside their applications; live MyERAS counters; the season's fees."""

from dataclasses import dataclass, replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static, TextArea

from tracker.domain.eras import QUESTIONS, Signal, Tier, counter, myeras_length
from tracker.domain.phi import Flag, find_phi
from tracker.services.eras import Workbench, gather
from tracker.store import eras, journal
from tracker.store.phi import team_names
from tracker.ui.format import excerpt, label, short_date
from tracker.ui.messages import RecordsChanged
from tracker.ui.panes.base import AreaPane, Target
from tracker.ui.panes.eras_actions import ErasActions
from tracker.ui.text import Plain
from tracker.ui.widgets.tables import Table, make_table
from tracker.ui.widgets.text_area import StyledTextArea

SAVE_AFTER_PAUSE_S = 0.8  # as the journal: a pause in typing saves
QUESTION_TEXT = dict(QUESTIONS)
WHAT_WIDTH = 30  # the list's middle column; the selected part's text is on the right


@dataclass(frozen=True)
class Part:
    """A row of the ERAS table: what its text area edits."""

    kind: str  # "experience", "reflection", "answer", "signal"
    index: int = 0  # the experience's place in the bench
    key: str = ""  # the question, or the signal's program id


class ErasPane(ErasActions, AreaPane):
    PANE_ID = "eras"
    READS = frozenset({"eras", "journal", "programs", "profile", "letters"})
    BINDINGS = [
        Binding("w", "write", "Write", id="eras.write", tooltip="Write the selected text"),
        Binding("e", "edit", "Edit", id="eras.edit", tooltip="Edit the Experience's fields"),
        Binding("n", "new", "New", id="eras.new", tooltip="Add an Experience (up to 10)"),
        Binding(
            "m",
            "meaningful",
            "Meaningful",
            id="eras.meaningful",
            tooltip="Mark the Experience most meaningful (up to 3), or not",
        ),
        Binding("g", "signal", "Signal", id="eras.signal", tooltip="Give a program a signal"),
        Binding("d", "delete", "Delete", id="eras.delete", tooltip="Delete or take back"),
        Binding("f", "fees", "Fees", id="eras.fees", tooltip="Programs you plan to apply to"),
        Binding(
            "slash", "search", "Search", id="eras.search", tooltip="Search the journal for a story"
        ),
        Binding("ctrl+s", "keep", "Keep", show=False, id="eras.keep", tooltip="Save now"),
        Binding("escape", "leave_text", "Back", show=False, id="eras.back", tooltip="To the list"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.bench: Workbench | None = None
        self.parts: list[Part] = []
        self.editing: Part | None = None
        self.stored_text = ""  # what the file holds for the part being edited
        self.flags: list[Flag] = []
        self.kept: set[str] = set()  # flagged words the user chose to keep (ctrl+s)
        self._save_timer: Timer | None = None
        self.team: frozenset[str] = frozenset()

    def build(self) -> ComposeResult:
        yield Plain("", id="eras-summary", classes="pane-summary")
        with Horizontal(id="eras-main"):
            yield make_table("eras-table", ["Part", "What", "MyERAS"])
            with Vertical(id="eras-editor"):
                yield Plain("", id="eras-label")
                yield StyledTextArea(id="eras-text", compact=True, read_only=self.away.read_only)
                yield Static("", id="eras-counter")
                yield Static("", id="eras-phi")
                yield Input(
                    placeholder="/ search the journal for the story", id="eras-search", compact=True
                )
                yield Table(id="eras-hits", cursor_type="row")

    def prepare(self) -> None:
        hits = self.query_one("#eras-hits", Table)
        hits.add_columns("Day", "Found")
        self.query_one("#eras-phi").display = False

    # --- the list ---------------------------------------------------------------------

    def load(self) -> None:
        self.bench = bench = gather(self.db)
        self.team = team_names(self.db)  # names the guard allows, once per load
        limits = bench.limits
        gold, silver = bench.signal_count(Tier.GOLD), bench.signal_count(Tier.SILVER)
        summary = Text.assemble(
            (f"ERAS {limits.season}", "bold"),
            f"  ·  Experiences {len(bench.experiences)}/{limits.experiences}",
            f"  ·  meaningful {len(bench.meaningful)}/{limits.meaningful}",
            f"  ·  gold {gold}/{limits.gold_signals}  ·  silver {silver}/{limits.silver_signals}\n",
            bench.fees_line(),
            (f"  ·  limits {limits.provenance()}; nothing is sent anywhere", "dim"),
        )
        self.query_one("#eras-summary", Static).update(summary)
        self.parts, rows = [], []
        for index, e in enumerate(bench.experiences):
            seeded = "" if e.id else " (seed)"
            self.parts.append(Part("experience", index))
            rows.append(
                [
                    "Experience" + seeded,
                    excerpt(e.organization or e.position_title, WHAT_WIDTH),
                    counter(e.description, limits.description),
                ]
            )
            if e.meaningful:
                self.parts.append(Part("reflection", index))
                rows.append(["  ★ Reflection", "", counter(e.reflection, limits.reflection)])
        for key, question in QUESTIONS:
            self.parts.append(Part("answer", key=key))
            answer = bench.answers.get(key, "")
            rows.append(
                [
                    "Supplemental",
                    excerpt(question, WHAT_WIDTH),
                    counter(answer, limits.supplemental),
                ]
            )
        for signal in bench.signals:
            state = bench.states.get(signal.program_id)
            beside = [label(state.status)] if state and state.status else []
            beside += ["rotated there"] if state and state.rotated else []
            if state and state.interview_on:
                beside.append(f"interview {short_date(state.interview_on)}")
            self.parts.append(Part("signal", key=str(signal.program_id)))
            rows.append(
                [
                    f"{signal.tier.capitalize()} signal",
                    excerpt(
                        f"{signal.program_name} ({', '.join(beside)})"
                        if beside
                        else signal.program_name,
                        WHAT_WIDTH,
                    ),
                    f"{myeras_length(signal.statement)} chars",
                ]
            )
        table = self.query_one("#eras-table", Table)
        cursor = table.cursor_row
        table.clear()
        for number, cells in enumerate(rows):
            table.add_row(*cells, key=str(number))
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))
        self._open(self._selected())

    def _selected(self) -> Part | None:
        table = self.query_one("#eras-table", Table)
        row = table.cursor_row
        return self.parts[row] if 0 <= row < len(self.parts) else None

    @on(DataTable.RowHighlighted, "#eras-table")
    def _highlighted(self) -> None:
        part = self._selected()
        if part != self.editing:
            self.save_now()
            self._open(part)

    @on(DataTable.RowSelected, "#eras-table")
    def _chosen(self) -> None:
        self.action_write()

    # --- the text of the selected part --------------------------------------------------

    def text_of(self, part: Part | None) -> tuple[str, str, int]:
        """The part's stored text, what it is, and its MyERAS limit."""
        bench = self.bench
        if part is None or bench is None:
            return "", "Select a part on the left.", 0
        limits = bench.limits
        if part.kind in ("experience", "reflection"):
            e = bench.experiences[part.index]
            where = e.organization or e.position_title
            if part.kind == "reflection":
                return e.reflection, f"{where}: why it was most meaningful", limits.reflection
            seeded = "" if e.id else " (seeded from the journal: edit it, it is kept)"
            return e.description, f"{where}: description{seeded}", limits.description
        if part.kind == "answer":
            answer = bench.answers.get(part.key, "")
            return answer, QUESTION_TEXT[part.key], limits.supplemental
        signal = self._signal(part)
        name = signal.program_name if signal else ""
        return (signal.statement if signal else ""), f"Why {name}: the signal statement", 0

    def _signal(self, part: Part) -> Signal | None:
        assert self.bench is not None
        return next((s for s in self.bench.signals if str(s.program_id) == part.key), None)

    def _open(self, part: Part | None) -> None:
        self.editing = part
        text, what, _ = self.text_of(part)
        self.stored_text = text
        self.kept = set()
        self.flags = []
        self.query_one("#eras-label", Static).update(Text(what, style="bold"))
        area = self.query_one("#eras-text", TextArea)
        with area.prevent(TextArea.Changed):
            area.text = text
        self.query_one("#eras-phi").display = False
        self._count()

    def _count(self, state: str = "") -> None:
        """The live MyERAS count under the text (and whether it is saved)."""
        _, _, limit = self.text_of(self.editing)
        text = self.query_one("#eras-text", TextArea).text
        used = myeras_length(text)
        shown = Text(counter(text, limit) if limit else f"{used} characters")
        if limit and used > limit:
            shown.stylize("bold red")
            shown.append("  over MyERAS's limit: the export waits until it fits")
        if state:
            shown.append(f"  ·  {state}", style="dim")
        self.query_one("#eras-counter", Static).update(shown)

    @on(TextArea.Changed, "#eras-text")
    def _typed(self) -> None:
        self._count()
        if self._save_timer:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER_PAUSE_S, self.save_now)

    def save_now(self, keep: bool = False) -> None:
        """Write the text as shown, unless the PHI guard flags words not kept yet."""
        if self._save_timer:
            self._save_timer.stop()
        part, bench = self.editing, self.bench
        if part is None or bench is None:
            return
        text = self.query_one("#eras-text", TextArea).text
        if text == self.stored_text:
            return
        found = [f for f in find_phi(text, self.team) if f.text not in self.kept]
        if found and not keep:
            self.flags = found
            warning = self.query_one("#eras-phi", Static)
            warning.update(
                "Not kept yet: this looks like a patient identifier: "
                + "; ".join(f"“{f.text}” ({f.kind})" for f in found)
                + ". Edit it out, or ctrl+s keeps it as written."
            )
            warning.display = True
            return
        self.kept.update(f.text for f in found)
        self.query_one("#eras-phi").display = False
        if self.away.try_write(lambda: self._write(part, text)):
            self.stored_text = text
            self._count("saved")
            self._recount(part, text)
            self.post_message(RecordsChanged("eras", self))

    def _recount(self, part: Part, text: str) -> None:
        """The saved part's count in the list, in place (the cursor stays)."""
        _, _, limit = self.text_of(part)
        shown = counter(text, limit) if limit else f"{myeras_length(text)} chars"
        table = self.query_one("#eras-table", Table)
        if part in self.parts:
            table.update_cell_at(Coordinate(self.parts.index(part), 2), shown)
            if part.kind == "experience" and self.bench:
                table.update_cell_at(Coordinate(self.parts.index(part), 0), "Experience")

    def _write(self, part: Part, text: str) -> None:
        bench = self.bench
        assert bench is not None
        if part.kind in ("experience", "reflection"):
            e = bench.experiences[part.index]
            changed = (
                replace(e, reflection=text)
                if part.kind == "reflection"
                else replace(e, description=text)
            )
            saved = eras.save_experience(self.db, changed)
            bench.experiences[part.index] = saved
        elif part.kind == "answer":
            eras.save_answer(self.db, part.key, text)
            bench.answers[part.key] = text
        elif signal := self._signal(part):
            eras.set_signal(self.db, replace(signal, statement=text), bench.limits)
            index = bench.signals.index(signal)
            bench.signals[index] = replace(signal, statement=text)

    def action_keep(self) -> None:
        self.save_now(keep=True)

    def action_write(self) -> None:
        if self.editing is not None:
            self.query_one("#eras-text", TextArea).focus()

    def action_leave_text(self) -> None:
        self.save_now()
        self.query_one("#eras-table", Table).focus()

    def before_quit(self) -> bool:
        """Save; when the guard holds text back, ask before leaving it (as the journal)."""
        self.save_now()
        if not self.flags or self.query_one("#eras-text", TextArea).text == self.stored_text:
            return True
        from tracker.ui.modals.confirm import ConfirmScreen

        def answer(keep: bool | None) -> None:
            if keep:
                self.save_now(keep=True)
                self.app.call_later(self.app.action_quit)

        words = "; ".join(f"“{flag.text}”" for flag in self.flags)
        self.app.push_screen(
            ConfirmScreen(
                f"This ERAS text holds words that look like a patient identifier ({words}), "
                "not kept yet. Keep them as written and quit? (No: back to edit them.)",
                yes_label="Keep and quit",
            ),
            answer,
        )
        return False

    # --- the journal's search, beside the text -------------------------------------------

    def action_search(self) -> None:
        self.query_one("#eras-search", Input).focus()

    @on(Input.Changed, "#eras-search")
    def _search(self, event: Input.Changed) -> None:
        hits = self.query_one("#eras-hits", Table)
        hits.clear()
        if len(event.value.strip()) < 2:
            return
        for hit in journal.search(self.db, event.value, limit=20):
            hits.add_row(short_date(hit.day), excerpt(hit.snippet, 60), key=str(hit.day_id))

    @on(DataTable.RowSelected, "#eras-hits")
    def _open_hit(self, event: DataTable.RowSelected) -> None:
        """Enter on a found day: read it in the Journal (5 comes back here with 7)."""
        self.save_now()
        if event.row_key.value:
            target = Target("journal-table", int(event.row_key.value))
            self.away.open_target("journal", target)
