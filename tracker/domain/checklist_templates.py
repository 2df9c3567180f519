"""Checklist templates: what hosts ask of a visiting student from abroad, each item citing
the guide's rule. Applied to a rotation, due dates count back from its application
deadline or its block start (the app's own defaults, in days; editable per item).

Visa items are questions to ask and steps to confirm, never legal advice: rules change
and only the host and the embassy can say what applies (see the guide's own warning).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from tracker.domain.checklists import ChecklistItem, ItemStatus


@dataclass(frozen=True)
class TemplateItem:
    category: str
    title: str
    rule_id: str
    anchor: str  # "deadline" (the application's) or "start" (the block's)
    days_before: int  # due this many days before the anchor
    validity: str = ""
    notes: str = ""
    personal: bool = False  # the person's (a CV, a vaccine): kept once, shown in each block


def _doc(
    title: str,
    rule: str,
    anchor: str,
    days: int,
    validity: str = "",
    notes: str = "",
    personal: bool = True,
) -> TemplateItem:
    return TemplateItem("document", title, rule, anchor, days, validity, notes, personal)


def _host(title: str, rule: str, anchor: str, days: int, validity: str = "") -> TemplateItem:
    """A document each host asks for in its own form (a letter naming it, its portal)."""
    return _doc(title, rule, anchor, days, validity, personal=False)


DOCUMENTS = (
    _host("Dean's letter or institutional approval to rotate", "D1", "deadline", 14),
    _doc("Transcript and proof of final-year standing", "D1", "deadline", 14),
    _doc("USMLE Step 1 score report", "D1", "deadline", 7),
    _doc("USMLE Step 2 CK score report", "D1", "deadline", 7),
    _doc("Immunization form (AAMC Standardized Immunization Form)", "D1", "deadline", 7),
    _doc("TB test result for the application", "D1", "deadline", 7, "within:365"),
    _doc("COVID-19 compliance", "D1", "deadline", 7),
    _host("Malpractice / liability insurance certificate", "D1", "start", 30, "block"),
    _host("Institutional portal forms (often an earlier deadline)", "D2", "deadline", 21),
    _doc("BLS certificate (if the host asks)", "D2", "start", 30, "block"),
    _host("Health insurance valid in the US for the block", "D2", "start", 30, "block"),
    _host("Background check (if the host asks)", "D2", "start", 45),
    _doc("Photo ID / passport copy", "D2", "deadline", 7, "block"),
    _doc("CV", "D2", "deadline", 7),
    _doc("English proficiency proof (if the host asks)", "D2", "deadline", 14),
)


def _shot(title: str, days: int, validity: str = "", notes: str = "") -> TemplateItem:
    # A vaccine is the person's; the flu shot is the season's, asked per block.
    personal = validity != "season"
    return TemplateItem("immunization", title, "D1", "start", days, validity, notes, personal)


# Following the AAMC Standardized Immunization Form.
IMMUNIZATIONS = (
    _shot("MMR: 2 doses or positive titers", 60),
    _shot("Varicella: 2 doses or a positive titer", 60),
    _shot(
        "Hepatitis B: 3 doses and a quantitative surface-antibody titer",
        60,
        notes="The series takes months: start early.",
    ),
    _shot(
        "Tdap: one adult dose (and a Td/Tdap booster if Tdap was over 10 years ago)",
        60,
    ),
    _shot("Influenza vaccine for the season of the block", 14, "season"),
    _shot(
        "TB test (IGRA or TST), within 12 months of the start",
        30,
        "within:365",
        notes="Hosts commonly want it within 12 months of the start; some within 3.",
    ),
    _shot("COVID-19 vaccination (where the host asks)", 30),
)


def _visa(title: str, rule: str, anchor: str, days: int) -> TemplateItem:
    return TemplateItem("visa", title, rule, anchor, days)


VISA = (
    _visa(
        "Ask the host's visiting-student office: which visa for clinical visiting "
        "students, and do they accept non-US citizens?",
        "V2",
        "deadline",
        30,
    ),
    _visa("Confirm the planned hands-on activities are allowed on that visa", "V3", "start", 90),
    _visa("Get the host's invitation or acceptance letter", "V1", "start", 90),
    _visa("Book the consulate appointment (waits can be long)", "V1", "start", 80),
    _visa("Pay the visa fee and keep the receipt", "V1", "start", 80),
    _visa("Confirm your status with the host's GME office before arrival", "V4", "start", 14),
)

TEMPLATES = {"documents": DOCUMENTS, "immunizations": IMMUNIZATIONS, "visa": VISA}
TEMPLATE_LABELS = {
    "documents": "Documents (D1, D2)",
    "immunizations": "Immunizations (AAMC form, D1)",
    "visa": "Visa: questions and steps (V1-V4)",
}


FLU_MONTHS = frozenset({10, 11, 12, 1, 2, 3})  # hosts ask for the vaccine October-March
FLU_NOTE = (
    "The new season's vaccine is usually available from late August or September; "
    "hosts ask for it for blocks in October-March (check the host's own rule)."
)
FLU_NOT_NEEDED = (
    "Not needed for a block outside flu season (October-March), unless the host asks: "
    "set it to do if they do. " + FLU_NOTE
)


def in_flu_season(starts_on: str | None, ends_on: str | None) -> bool:
    """Whether any month of the block falls in October-March (no dates: assume so)."""
    if not starts_on:
        return True
    start = date.fromisoformat(starts_on)
    end = date.fromisoformat(ends_on) if ends_on else start + timedelta(days=27)
    month, year = start.month, start.year
    while (year, month) <= (end.year, end.month):
        if month in FLU_MONTHS:
            return True
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    return False


def items_for(
    names: list[str],
    rotation_id: int | None,
    starts_on: str | None,
    deadline_on: str | None,
    taken: set[str],
    ends_on: str | None = None,
    mine: set[str] | None = None,
) -> list[ChecklistItem]:
    """The templates' items for a rotation (or the user's own list, without due dates),
    leaving out titles already on that list (taken, folded). The person's items (a CV,
    a vaccine) go to the user's own list (rotation_id None), left out when on it (mine),
    due by this block's dates. The influenza vaccine is asked for only when the block
    falls in flu season; otherwise it comes as not needed, saying why and when the new
    vaccine usually arrives."""
    items = []
    for name in names:
        for template in TEMPLATES[name]:
            goes_to = None if template.personal else rotation_id
            already = taken if goes_to == rotation_id else (mine or set())
            if template.title.casefold() in already:
                continue
            anchor = deadline_on if template.anchor == "deadline" else starts_on
            anchor = anchor or starts_on  # no deadline on file: count from the start
            due = (
                (date.fromisoformat(anchor) - timedelta(days=template.days_before)).isoformat()
                if anchor and rotation_id is not None
                else None
            )
            status, notes = ItemStatus.TODO.value, template.notes
            if template.validity == "season":
                needed = rotation_id is None or in_flu_season(starts_on, ends_on)
                status = ItemStatus.TODO.value if needed else ItemStatus.NOT_NEEDED.value
                notes = FLU_NOTE if needed else FLU_NOT_NEEDED
            items.append(
                ChecklistItem(
                    category=template.category,
                    title=template.title,
                    rotation_id=goes_to,
                    due_on=due,
                    status=status,
                    validity=template.validity,
                    rule_id=template.rule_id,
                    notes=notes,
                )
            )
    return items


def personal_titles() -> set[str]:
    """The person's template items, folded: kept once on the user's own list."""
    return {t.title.casefold() for items in TEMPLATES.values() for t in items if t.personal}
