"""The currency table read from iso4217's file, as the app installs it."""

from tests.test_layers import assert_clean
from tracker.domain import money
from tracker.services import currencies


def test_the_table_read_as_text_agrees_with_the_iso4217_package():
    """Every currency the package knows, with the same minor units, and no other."""
    assert currencies.from_table_file() == money.from_package()


INSTALLED = """
import sys
from tracker.domain.money import minor_digits
from tracker.services import currencies
currencies.install()  # as the CLI does for every command
assert minor_digits("JPY") == 0
late = sorted({"iso4217", "xml.etree.ElementTree"} & set(sys.modules))
assert not late, late
print("clean")
"""


def test_installed_it_reads_the_file_without_importing_the_package():
    assert_clean(INSTALLED)
