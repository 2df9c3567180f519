"""The shared shape of a pane: built empty, filled from the store on first show."""

from sqlite_utils import Database
from textual.widgets import TabPane


class AreaPane(TabPane):
    """Subclasses implement load(); the pane loads when first shown and on reload()."""

    loaded = False

    @property
    def db(self) -> Database:
        return self.app.db

    @property
    def today(self):
        return self.app.today

    def on_show(self) -> None:
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        self.load()

    def load(self) -> None:
        raise NotImplementedError
