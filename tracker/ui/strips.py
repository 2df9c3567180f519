"""Textual's lines (Strip) with their caches made when first used.

Every line Textual draws is a Strip, and each Strip made seven small caches (a FIFOCache
holding a dict each; the caches are objects the garbage collector walks) as it was
created, for cropping, dividing and styling it again. Most lines are never cropped or styled again:
a first visit of Applications at 100x made 1,758 lines and 12,306 caches in one frame
(a fifth of its drawing), and every line kept in a widget's drawn-line cache held its
seven. Here a Strip makes each cache the first time it asks for it, the same cache of the
same size (Textual 8.2's), so what it caches and returns is unchanged.
"""

from collections.abc import Iterable

from textual.cache import FIFOCache
from textual.strip import Strip

TEXTUAL_INIT = Strip.__init__  # (as imported: the swap below happens only when asked)

# Each cache a Strip makes in Textual 8.2 (textual/strip.py), with its size.
CACHE_SIZES = {
    "_divide_cache": 4,
    "_crop_cache": 16,
    "_style_cache": 16,
    "_filter_cache": 4,
    "_line_length_cache": 4,
    "_crop_extend_cache": 4,
    "_offsets_cache": 4,
}


def _init(self: Strip, segments: Iterable[object], cell_length: int | None = None) -> None:
    # Strip.__init__ without its caches (their slots stay empty until _cache_on_first_use)
    self._segments = list(segments)  # type: ignore[arg-type]
    self._cell_length = cell_length
    self._render_cache = None
    self._link_ids = None
    self._cell_count = None


def _cache_on_first_use(self: Strip, name: str) -> FIFOCache[object, object]:
    # Called by Python only when an attribute is missing: an empty cache slot, once.
    size = CACHE_SIZES.get(name)
    if size is None:
        raise AttributeError(name)
    cache: FIFOCache[object, object] = FIFOCache(size)
    setattr(self, name, cache)
    return cache


def make_strip_caches_on_first_use() -> None:
    """Swap Strip's constructor (once per process; idempotent)."""
    if Strip.__init__ is _init:
        return
    slots = set(Strip.__slots__)
    if not set(CACHE_SIZES) <= slots:  # another Textual: leave its Strip as it is
        return
    Strip.__init__ = _init  # type: ignore[method-assign]
    Strip.__getattr__ = _cache_on_first_use  # type: ignore[attr-defined]
