"""Messages panes post upward; the app reacts (panes never poke their siblings)."""

from textual.message import Message
from textual.widget import Widget


class RecordsChanged(Message):
    """Records of an area were written; other panes showing them are now stale.

    source: the pane that wrote (and has reloaded itself). Named explicitly: a message
    posted from a modal's callback has the app, not the pane, as its sender.
    """

    def __init__(self, area: str, source: Widget) -> None:
        super().__init__()
        self.area = area
        self.source = source


class UserChanged(Message):
    """The user changed a widget's value (never posted when code sets it); `control`
    names the widget, for @on(..., "#id") handlers."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    @property
    def control(self) -> Widget:
        return self.widget
