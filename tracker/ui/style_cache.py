"""Textual's styles parsed once and kept beside the .pyc files.

Textual parses every style text at each start (each widget's DEFAULT_CSS, app.tcss, the
panes' and forms' files): about 10 ms before the first paint, and a pane's own on its
first visit. The rules parsed from the same text with the same theme variables are the
same, so they are kept (pickled, one entry per text, read back only when asked for),
keyed by the text, where it came from, the variables, and the Textual and Rich whose
classes they are made of. Rules with errors are never kept: Textual reports those.
"""

import atexit
import contextlib
import hashlib
import pickle
from pathlib import Path

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

from tracker.services.kept_file import KeptFile, in_pycache, installed
from tracker.ui.style_parts import SharedPartStyles


def cache_file() -> Path:
    return in_pycache(__file__, "textual-styles")


def _stamp() -> str:
    """The Textual and Rich the rules are made of: a new version makes new entries."""
    return " ".join(f"{package}:{installed(package)}" for package in ("textual", "rich"))


_kept = KeptFile(lambda: cache_file(), _stamp, lambda value: isinstance(value, bytes))
_read: dict[str, bytes] | None = None  # the file's entries, read at the first style text
_unsaved: dict[str, list[RuleSet]] = {}  # parsed here, not in the file yet


def _entries() -> dict[str, bytes]:
    global _read
    if _read is None:
        _read = _kept.read()
    return _read


def _from_file(key: str) -> list[RuleSet] | None:
    entry = _entries().get(key)
    if entry is None:
        return None
    with contextlib.suppress(Exception):  # anything unreadable is parsed again
        rules = pickle.loads(entry)
        if isinstance(rules, list) and all(isinstance(rule, RuleSet) for rule in rules):
            return rules
    return None


def save() -> None:
    """Add the styles parsed in this process to the file, then let go of what was read."""
    global _read
    new = {key: pickle.dumps(rules, pickle.HIGHEST_PROTOCOL) for key, rules in _unsaved.items()}
    _unsaved.clear()
    _kept.add(new)
    _read = None


class KeptStylesheet(SharedPartStyles):
    """Textual's Stylesheet, whose parsed rules come from the file when it holds them
    (and whose widgets' parts are matched once for alike widgets: style_parts)."""

    _variables_key: tuple[dict[str, str], bytes] | None = None

    def _variables_digest(self) -> bytes:
        # (computed again when Textual gives the sheet another dict: a new theme)
        if self._variables_key is None or self._variables_key[0] is not self._variables:
            text = repr(sorted(self._variables.items())).encode()
            self._variables_key = (self._variables, hashlib.blake2b(text).digest())
        return self._variables_key[1]

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        parsed = (css, read_from, is_default_rules, tie_breaker, scope)
        if parsed in self._parse_cache:  # parsed or read in this process already
            return self._parse_cache[parsed]
        source = repr(parsed).encode()
        key = hashlib.blake2b(source + self._variables_digest()).hexdigest()
        rules = _from_file(key)
        if rules is None:
            rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
            if not any(rule.errors for rule in rules):
                _unsaved[key] = rules
        self._parse_cache[parsed] = rules
        return rules


_saved_at_exit = False


def kept_stylesheet(made: Stylesheet) -> KeptStylesheet:
    """The app's stylesheet as Textual made it (no source read yet), from now on reading
    its parsed rules from the file; what it parses is added to the file at exit (and when
    save() is called: after start-up, as a terminal closed on Away never exits)."""
    global _saved_at_exit
    if not _saved_at_exit:
        atexit.register(save)
        _saved_at_exit = True
    # Styling a widget filters all the stylesheet's rules (360) through a set of those
    # that may apply, hashing each: RuleSet's hash is its id(), in Python (30 us per
    # widget or part, 120 of them on the Journal's first visit); object's is an identity
    # hash too, in C (8 us).
    RuleSet.__hash__ = object.__hash__  # type: ignore[method-assign]
    # (the same variables: the theme's, computed once, 1 ms)
    return KeptStylesheet(variables=made._variables)
