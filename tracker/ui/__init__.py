"""The Textual UI: the app shell, one pane per area, modals and widgets."""
