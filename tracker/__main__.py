"""`python -m tracker` runs the same command as `away`."""

from tracker.launch import main

main()
