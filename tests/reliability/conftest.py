"""The fault suite runs a fast version in `make test` and the full counts in `make soak`
(AWAY_SOAK=1), which prints every test's figure as one table at the end."""

from dataclasses import dataclass

import pytest

from tests.reliability.faults import SOAK


@dataclass(frozen=True)
class Figure:
    test: str
    measure: str
    value: str


FIGURES: list[Figure] = []


@pytest.fixture
def figure(request):
    """figure(measure, value): a figure for the soak table (also said in the assertion)."""

    def record(measure: str, value: object) -> None:
        FIGURES.append(Figure(request.node.name, measure, str(value)))

    return record


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if not FIGURES:
        return
    mode = "make soak (full counts)" if SOAK else "make test (fast counts)"
    terminalreporter.section(f"Reliability figures, {mode}")
    width = max(len(f.test) for f in FIGURES)
    measure_width = max(len(f.measure) for f in FIGURES)
    for f in FIGURES:
        terminalreporter.write_line(f"{f.test:<{width}}  {f.measure:<{measure_width}}  {f.value}")
