"""Messages panes post upward; the app reacts (panes never poke their siblings)."""

from textual.message import Message


class RecordsChanged(Message):
    """Records of an area were written; other panes showing them are now stale."""

    def __init__(self, area: str) -> None:
        super().__init__()
        self.area = area

    @property
    def control(self):
        return self._sender
