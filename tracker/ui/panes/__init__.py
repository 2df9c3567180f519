"""One pane per area, each a TabPane that loads its records on first show."""
