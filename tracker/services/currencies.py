"""The currency table behind amounts (domain.money), read from the iso4217 package's own
file: ISO's XML, kept up to date by the package. Importing the package parsed it into a
tree and an Enum that stayed in memory (1.5 MB with the XML parser) for 180 numbers."""

import importlib.util
import re
from pathlib import Path

from tracker.domain import money

_ENTRY = re.compile(r"<CcyNtry>(.*?)</CcyNtry>", re.S)
_FIELD = re.compile(r"<(Ccy|CcyNbr|CcyMnrUnts)>\s*([^<]*?)\s*</\1>")


def from_table_file() -> dict[str, int]:
    """The package's rule, read as text: a code with a number and minor units (digits, or
    N.A. as for gold, which counts as 0); the first entry of a code counts."""
    spec = importlib.util.find_spec("iso4217")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the iso4217 package (a dependency of Away) is missing")
    table = Path(spec.origin).with_name("table.xml").read_text(encoding="utf-8")
    digits: dict[str, int] = {}
    for entry in _ENTRY.findall(table):
        fields = dict(_FIELD.findall(entry))
        code, units = fields.get("Ccy"), fields.get("CcyMnrUnts", "")
        if code and "CcyNbr" in fields and (units.isdigit() or units == "N.A."):
            digits.setdefault(code, int(units) if units.isdigit() else 0)
    return digits


def install() -> None:
    money.use_currency_source(from_table_file)
