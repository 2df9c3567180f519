"""Modal screens: forms, confirmations, the welcome."""

from pathlib import Path

# Each screen's style file (its CSS_PATH), for the app to read ahead (AwayApp.read_styles).
STYLES = sorted(Path(__file__).parent.glob("*.tcss"))
