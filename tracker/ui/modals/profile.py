"""The profile form: the fields and how its text maps to a Profile."""

from tracker.domain.checks import FIRST_YEAR, LAST_YEAR, InvalidValues, field_texts, int_range
from tracker.domain.money import check_rate, format_rate, parse_rate
from tracker.domain.profile import PROFILE_CHECKS, VISA_LABELS, Profile
from tracker.ui.modals.form import YES_NO, Field

PROFILE_FIELDS = [
    Field("full_name", "Full name *", PROFILE_CHECKS["full_name"]),
    Field("school", "Medical school"),
    Field("country", "Country"),
    Field(
        "eras_season",
        "ERAS season (AAMC's name: the Match year)",
        (int_range(FIRST_YEAR, LAST_YEAR),),
        placeholder="e.g. 2028: ERAS opens June 2027, the Match is March 2028",
    ),
    Field(
        "eras_opens_on",
        "ERAS opens on",
        PROFILE_CHECKS["eras_opens_on"],
        placeholder="YYYY-MM-DD; empty: the season's usual date",
    ),
    Field(
        "usce_months",
        "US clinical experience (months)",
        PROFILE_CHECKS["usce_months"],
        placeholder="0",
    ),
    Field(
        "visa_needed",
        "Residency visa needed",
        choices=tuple((text, str(value)) for value, text in VISA_LABELS.items()),
    ),
    Field("budget_limited", "Limited by money (R4)", choices=YES_NO),
    Field("eras_id", "ERAS ID"),
    Field("aamc_id", "AAMC ID"),
    Field("email", "E-mail", PROFILE_CHECKS["email"]),
    Field(
        "home_currency",
        "Home currency",
        PROFILE_CHECKS["home_currency"],
        placeholder="ISO code, e.g. ARS, INR, NGN",
    ),
    Field(
        "usd_rate",
        "1 US dollar buys",
        (check_rate,),
        placeholder="e.g. 1180.50 of your currency (your own rate)",
    ),
    Field("rate_on", "Rate as of", PROFILE_CHECKS["rate_on"], placeholder="YYYY-MM-DD"),
    Field(
        "visa_wait_days",
        "Visa appointment wait (days)",
        PROFILE_CHECKS["visa_wait_days"],
        placeholder="your consulate's: travel.state.gov, Global Visa Wait Times",
    ),
]


def profile_to_values(profile: Profile) -> dict[str, str]:
    values = field_texts(profile)
    values["budget_limited"] = "1" if profile.budget_limited else "0"
    values["usd_rate"] = format_rate(profile.usd_rate_micros)
    # AAMC names a season by its Match year: ERAS 2028 opens June 2027, Match 2028.
    values["eras_season"] = str(profile.match_year) if profile.match_year else ""
    return values


def values_to_profile(values: dict[str, str]) -> Profile:
    def number(name: str) -> int | None:
        text = values.get(name, "").strip()
        return int(text) if text else None

    season = number("eras_season")
    try:
        return Profile(
            full_name=values["full_name"].strip(),
            school=values["school"].strip(),
            country=values["country"].strip(),
            match_year=season,
            eras_opens_on=values["eras_opens_on"].strip() or None,
            usce_months=number("usce_months") or 0,
            visa_needed=values["visa_needed"],
            budget_limited=values["budget_limited"] == "1",
            eras_id=values["eras_id"].strip(),
            aamc_id=values["aamc_id"].strip(),
            email=values["email"].strip(),
            home_currency=values.get("home_currency", "").strip().upper(),
            usd_rate_micros=parse_rate(values.get("usd_rate", "")),
            rate_on=values.get("rate_on", "").strip() or None,
            visa_wait_days=number("visa_wait_days"),
        )
    except ValueError as error:
        raise InvalidValues({"full_name": str(error)}) from None


def form_errors(errors: dict[str, str]) -> dict[str, str]:
    """The store's reasons, under the form's field names (match_year is asked as a season)."""
    return {
        ("eras_season" if name == "match_year" else name): text for name, text in errors.items()
    }
