"""Opening a user's file (a scanned document) with the system's own viewer."""

import shutil
import subprocess
import sys
from pathlib import Path


def open_with_system(path_text: str) -> str | None:
    """Start the system's opener on the file; None when started, else one sentence."""
    if not path_text.strip():
        return "This item has no scan; edit it (enter) and give the scan's path."
    path = Path(path_text.strip()).expanduser()
    if not path.exists():
        return f"The scan is not at {path} (moved or renamed?); edit the item to fix the path."
    if not path.is_file():
        return f"{path} is a folder, not a file; edit the item to point at the scan itself."
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    if shutil.which(opener) is None:
        return f"No program to open files with ({opener} is missing); the scan is at {path}."
    # Detached, quiet: the viewer must not write over the screen or outlive errors here.
    subprocess.Popen(
        [opener, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return None
