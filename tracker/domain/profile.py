"""The user's profile: who they are, which visa they need, when ERAS opens."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from tracker.domain.checks import (
    DATE,
    FIRST_YEAR,
    LAST_YEAR,
    NAME_MAX,
    REQUIRED_NAME,
    SHORT_TEXT,
    Check,
    check_email,
    first_errors,
    int_range,
    max_length,
)
from tracker.domain.money import check_currency


class VisaNeed(StrEnum):
    """The residency visa the user will need (drives fit rules P3 and R4)."""

    J1 = "j1"
    H1B = "h1b"
    J1_OR_H1B = "j1_or_h1b"
    NONE = "none"


VISA_LABELS = {
    VisaNeed.J1: "J-1",
    VisaNeed.H1B: "H-1B",
    VisaNeed.J1_OR_H1B: "J-1 or H-1B",
    VisaNeed.NONE: "none (no visa needed)",
}


@dataclass(frozen=True)
class Profile:
    full_name: str = ""
    school: str = ""
    country: str = ""
    match_year: int | None = None
    eras_opens_on: str | None = None
    usce_months: int = 0
    visa_needed: str = VisaNeed.J1
    budget_limited: bool = False
    eras_id: str = ""
    aamc_id: str = ""
    email: str = ""
    home_currency: str = ""
    usd_rate_micros: int | None = None  # home-currency units per US dollar, in millionths
    rate_on: str | None = None
    visa_wait_days: int | None = None  # the user's consulate's appointment wait (V1)
    eras_programs: int | None = None  # programs the user plans to apply to (ERAS fees)


# One check list per field, used by the profile form and by the store before writing.
PROFILE_CHECKS: dict[str, tuple[Check, ...]] = {
    "full_name": REQUIRED_NAME,
    "school": SHORT_TEXT,
    "country": SHORT_TEXT,
    "match_year": (int_range(FIRST_YEAR, LAST_YEAR),),
    "eras_opens_on": DATE,
    "usce_months": (int_range(0, 240),),
    "eras_id": SHORT_TEXT,
    "aamc_id": SHORT_TEXT,
    "email": (check_email, max_length(NAME_MAX)),
    "home_currency": (lambda text: check_currency(text) if text.strip() else None,),
    "rate_on": DATE,
    "visa_wait_days": (int_range(0, 730),),
    "eras_programs": (int_range(0, 1000),),
}


def profile_errors(values: Mapping[str, object]) -> dict[str, str]:
    """Field name -> first error, for the given raw values (text or typed)."""
    text = {field: "" if value is None else str(value) for field, value in values.items()}
    errors = first_errors(text, PROFILE_CHECKS)
    visa = values.get("visa_needed", VisaNeed.J1)
    if visa not in set(VisaNeed):
        errors["visa_needed"] = "one of " + ", ".join(VisaNeed)
    return errors
