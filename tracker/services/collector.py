"""The cyclic garbage collector, set aside while a burst of work makes objects that all
live on (records read, widgets built): it would walk them again and again for nothing."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No collection inside the block; the collector as it was after it. Only for work
    whose size the user chose (a file read, a screen built): memory grows with it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
