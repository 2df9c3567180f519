"""Messages panes post upward; the app reacts (panes never poke their siblings)."""

from typing import cast

from textual.dom import DOMNode
from textual.message import Message


class RecordsChanged(Message):
    """Records of an area were written; other panes showing them are now stale."""

    def __init__(self, area: str) -> None:
        super().__init__()
        self.area = area

    @property
    def control(self) -> DOMNode | None:
        # Posted by a pane (a DOMNode): the app skips it when marking the others stale.
        return cast(DOMNode | None, self._sender)
