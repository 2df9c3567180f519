"""Case statistics as bars: by technique, airway, ASA class and skill (performed vs not)."""

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tracker.domain.journal import CaseStats, bar
from tracker.domain.text import plural
from tracker.ui.format import label
from tracker.ui.text import Plain

BAR_WIDTH = 24


def stats_text(stats: CaseStats) -> Text:
    text = Text()
    text.append(f"{plural(stats.cases, 'case')}\n", style="bold")
    weeks = {f"week {week}": n for week, n in stats.by_week.items()}
    for title, counts in (
        *((("By week of the block", weeks),) if weeks else ()),
        ("Technique", stats.by_technique),
        ("Airway", stats.by_airway),
        ("ASA class", stats.by_asa),
    ):
        text.append(f"\n{title}\n", style="bold")
        largest = max(counts.values(), default=0)
        for key, n in counts.items():
            text.append(f"{label(key)[:14]:<14}{n:>4} ")
            text.append(f"{bar(n, largest, BAR_WIDTH)}\n", style="green")
    text.append("\nSkills: performed / assisted / observed\n", style="bold")
    for skill, roles in sorted(stats.skills.items(), key=lambda item: -sum(item[1].values())):
        done = [roles.get(role, 0) for role in ("performed", "assisted", "observed")]
        text.append(f"{skill[:30]:<31}{done[0]:>3} /{done[1]:>3} /{done[2]:>3}\n")
    return text


class StatsScreen(ModalScreen[None]):
    """Opens on one rotation's cases; a shows every case."""

    CSS_PATH = "stats.tcss"
    BINDINGS = [
        Binding(
            "a",
            "toggle_scope",
            "All / rotation",
            id="stats.scope",
            tooltip="Switch between this rotation's cases and every case",
        ),
        Binding("escape,q", "close", "Close", id="stats.close", tooltip="Back to the journal"),
    ]

    def __init__(self, rotation: str, of_rotation: CaseStats | None, of_all: CaseStats) -> None:
        super().__init__()
        self.rotation = rotation
        self.of_rotation = of_rotation
        self.of_all = of_all
        self.showing_all = of_rotation is None

    def compose(self) -> ComposeResult:
        with Vertical(id="stats"):
            yield Plain("", id="stats-title")
            with VerticalScroll(id="stats-scroll"):
                yield Plain("", id="stats-body")

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        stats = self.of_all if self.showing_all or self.of_rotation is None else self.of_rotation
        title = "Every case" if stats is self.of_all else f"Cases at {self.rotation}"
        self.query_one("#stats-title", Static).update(
            Text.assemble((title, "bold"), "  (a: all / rotation)")
        )
        self.query_one("#stats-body", Static).update(stats_text(stats))

    def action_toggle_scope(self) -> None:
        self.showing_all = not self.showing_all
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)
