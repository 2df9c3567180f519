"""Away: a terminal tracker for IMGs doing US anesthesiology away rotations."""

__version__ = "0.1.0"
