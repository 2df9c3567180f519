"""`python -m tracker` runs the same CLI as `away`."""

from tracker.cli import main

main(prog_name="away")
