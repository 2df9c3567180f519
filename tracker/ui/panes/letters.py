"""Letters: letter requests to writers and the follow-ups with them."""

from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tracker.store import letters
from tracker.ui.format import label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import fill_table, make_table


class LettersPane(AreaPane):
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
        fill_table(
            self.query_one("#letters-table", DataTable),
            [
                (
                    x.id,
                    [
                        x.person_name,
                        label(x.status),
                        short_date(x.asked_on),
                        short_date(x.packet_sent_on),
                        short_date(x.uploaded_on),
                        x.eras_letter_id,
                    ],
                )
                for x in letters.list_letters(self.db)
            ],
        )
        fill_table(
            self.query_one("#follow-ups-table", DataTable),
            [
                (
                    f.id,
                    [
                        relative_days(f.due_on, self.today)
                        if not f.done_on
                        else short_date(f.due_on),
                        f.person_name,
                        f.action,
                        f.rule_id,
                        short_date(f.done_on),
                    ],
                )
                for f in letters.list_follow_ups(self.db)
            ],
        )
