"""Applications: the programs researched and the rotation applications to them."""

from textual.app import ComposeResult
from textual.widgets import Static

from tracker.domain.checks import format_cents
from tracker.domain.programs import KIND_LABELS
from tracker.store import programs
from tracker.ui.format import label, relative_days, short_date
from tracker.ui.panes.base import AreaPane
from tracker.ui.widgets.tables import fill_table, make_table


class ApplicationsPane(AreaPane):
    def __init__(self) -> None:
        super().__init__("Applications", id="applications")

    def build(self) -> ComposeResult:
        yield Static("Rotation applications", classes="section-title")
        yield make_table("rotations-table",
                         ["Institution", "Specialty", "Block", "Status", "Deadline", "Fee"],
                         classes="upper-table")
        yield Static("Programs", classes="section-title")
        yield make_table("programs-table",
                         ["Program", "Institution", "Place", "Kind", "Route", "J-1", "H-1B",
                          "IMGs"])

    def load(self) -> None:
        fill_table(self.query_one("#rotations-table"), [
            (r.id, [r.institution, label(r.specialty),
                    f"{short_date(r.starts_on)} – {short_date(r.ends_on)}", label(r.status),
                    relative_days(r.deadline_on, self.today)
                    if r.status in ("idea", "preparing") else short_date(r.deadline_on),
                    format_cents(r.fee_cents)])
            for r in programs.list_rotations(self.db)
        ])
        fill_table(self.query_one("#programs-table"), [
            (p.id, [p.name, p.institution, f"{p.city}, {p.state}", KIND_LABELS[p.kind],
                    label(p.route), p.sponsors_j1, p.sponsors_h1b, p.has_img_residents])
            for p in programs.list_programs(self.db)
        ])
