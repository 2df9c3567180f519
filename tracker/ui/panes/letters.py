"""Letters: letter requests to writers and the follow-ups with them."""

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tracker.domain.letters import FollowUp, Letter
from tracker.store import letters
from tracker.ui.format import label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import Cell, make_table, show_records


class LettersPane(AreaPane):
    READS = frozenset({"letters"})

    def __init__(self) -> None:
        super().__init__("Letters", id="letters")

    def build(self) -> ComposeResult:
        yield Static("Letter requests", classes="section-title")
        yield make_table(
            "letters-table",
            ["Writer", "Status", "Asked", "Packet sent", "Uploaded", "ERAS ID"],
            classes="upper-table",
        )
        yield Static("Follow-ups", classes="section-title")
        yield make_table("follow-ups-table", ["Due", "With", "Action", "Rule", "Done"])

    def load(self) -> None:
        show_records(
            self.query_one("#letters-table", DataTable),
            lambda offset, limit: letters.list_letters(self.db, limit, offset),
            letters.count_letters(self.db),
            _letter_cells,
        )
        show_records(
            self.query_one("#follow-ups-table", DataTable),
            lambda offset, limit: letters.list_follow_ups(self.db, limit, offset),
            letters.count_follow_ups(self.db),
            self._follow_up_cells,
        )

    def _follow_up_cells(self, f: FollowUp) -> list[Cell]:
        due = short_date(f.due_on) if f.done_on else relative_days(f.due_on, self.today)
        return [due, f.person_name, f.action, f.rule_id, short_date(f.done_on)]


def _letter_cells(x: Letter) -> list[Cell]:
    return [
        x.person_name,
        label(x.status),
        short_date(x.asked_on),
        short_date(x.packet_sent_on),
        short_date(x.uploaded_on),
        x.eras_letter_id,
    ]
