"""One pane per area, in tab order. A pane's module is imported, and the pane built and
filled from the store, after the first paint (ahead, or when first shown): start-up
pays only for Today."""

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.ui.panes.base import AreaPane


@dataclass(frozen=True)
class PaneSpec:
    id: str  # the tab's id, and the key of the pane everywhere (PANE_KEYS, commands)
    title: str
    module: str  # tracker.ui.panes.<module>
    class_name: str
    short_title: str = ""  # on the tab in a narrow terminal, where every tab must fit

    def tab_label(self, number: int, narrow: bool) -> str:
        return f"{number} {self.short_title if narrow and self.short_title else self.title}"

    @property
    def styles(self) -> list[Path]:
        """The pane's style file beside its module, if it has one."""
        path = Path(__file__).with_name(f"{self.module}.tcss")
        return [path] if path.exists() else []

    def pane_class(self) -> "type[AreaPane]":
        pane_class: type[AreaPane] = getattr(
            import_module(f"tracker.ui.panes.{self.module}"), self.class_name
        )
        return pane_class


PANES = (
    PaneSpec("today", "Today", "today", "TodayPane"),
    PaneSpec("applications", "Applications", "programs", "ApplicationsPane"),
    PaneSpec("checklists", "Checklists", "checklists", "ChecklistsPane"),
    PaneSpec("budget", "Housing & Budget", "budget", "BudgetPane", short_title="Budget"),
    PaneSpec("journal", "Journal", "journal", "JournalPane"),
    PaneSpec("letters", "Letters", "letters", "LettersPane"),
    PaneSpec("eras", "ERAS", "eras", "ErasPane"),
)
