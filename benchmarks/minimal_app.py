"""The baseline of benchmarks/terminal.py: a minimal Textual app (header, label, footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Hello")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
