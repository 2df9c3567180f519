"""The PHI guard: text that looks like a HIPAA identifier, found before it is kept.

Pure pattern matching, tuned on tests/domain/phi_sentences.tsv (clinical sentences that
must pass, and sentences holding identifiers that must be flagged). It errs on the side
of asking: the user confirms or edits a flagged span. Clinical shorthand passes ("ASA 3E",
"BP 120/80", "L4-5", "7.0 ETT at 22 cm", "GA at 07:30"), and so do staff names after "Dr."
"""

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    start: int
    end: int
    kind: str  # what it looks like, in words
    text: str


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|Jun(?:e)?|Jul(?:y)?"
    r"|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th)?"
_WORD = r"[A-Z][a-z'’-][a-zA-Z'’-]*"  # a capitalised word, not an abbreviation like MRN
_NAME = rf"{_WORD}(?:\s+{_WORD})?"
_RELATIVE = r"(?:wife|husband|son|daughter|mother|father|partner|brother|sister)"
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Court|Ct|Way|Place|Pl"
    r"|Terrace|Circle|Highway|Hwy)\b"
)
_ID_WORDS = (
    r"(?:MRN|medical\s+record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)|chart"
    r"(?:\s+(?:number|no\.?))?|account(?:\s+(?:number|no\.?))?|acct|insurance(?:\s+(?:ID|number))?"
    r"|policy(?:\s+number)?|member\s+ID|hospital\s+number|patient\s+(?:ID|number)"
    r"|encounter(?:\s+number)?|case\s+number|health\s+plan(?:\s+number)?|medicaid(?:\s+ID)?"
    r"|medicare(?:\s+number)?|licen[cs]e(?:\s+plate)?|passport(?:\s+number)?"
    r"|serial(?:\s+number)?|SN|wristband(?:\s+read)?)"
)

# (kind, pattern): each match is flagged; the first group, when there is one, is the span.
# Keywords ignore case ((?i:...)); names must start with a capital letter.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("a web address", re.compile(r"(?i:\b(?:https?://|www\.))\S+")),
    ("a social security number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "a phone or fax number",
        re.compile(
            r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
            r"|\b1-\d{3}-\d{3}-\d{4}\b|\b0\d{4}\s\d{6}\b"
        ),
    ),
    (
        "a record, account or other ID number",
        re.compile(
            rf"(?i:\b{_ID_WORDS}\b(?:\s+(?:is|was))?)[\s:#.]*"
            rf"((?=[\w-]*\d)[A-Za-z0-9][\w-]{{3,}}(?:\s\d{{4}})*)"
        ),
    ),
    ("a long number (an ID?)", re.compile(r"\b\d{6,}\b")),
    (
        "a date",
        re.compile(
            rf"\b(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
            rf"|{_MONTH}\s+{_ORDINAL},?\s+\d{{4}}|{_ORDINAL}\s+(?:of\s+)?{_MONTH}\s+\d{{4}})"
        ),
    ),
    (
        "a date of birth",
        re.compile(
            rf"(?i:\b(?:DOB|d\.o\.b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday\s+is))[\s:]*"
            rf"((?:{_MONTH}\s+{_ORDINAL},?\s+\d{{2,4}})|\d[\d/.-]{{5,9}})"
        ),
    ),
    (
        "an age over 89",
        re.compile(
            r"(?i:\baged\s+(?:9\d|1[01]\d)\b|\b(?:9\d|1[01]\d)[\s-]?(?:y/?o\b|yrs?\b"
            r"|years?[\s-]old|year[\s-]old))"
        ),
    ),
    ("a street address", re.compile(rf"\b\d{{1,5}}\s+(?:[A-Z][a-z]+\s+){{1,3}}{_STREET}")),
    ("a ZIP code", re.compile(r"(?i:\bZIP(?:\s+code)?)[\s:]*(\d{5}(?:-\d{4})?)\b")),
    ("a ZIP code", re.compile(r"\b[A-Z]{2}\s+(\d{5}(?:-\d{4})?)\b")),
    ("a name after a title", re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+({_NAME})")),
    (
        "a patient's name",
        re.compile(
            rf"(?i:\b(?:(?:the\s+)?patient(?:'s)?(?:\s+name)?|pt\.?"
            rf"|name(?:\s+of\s+the\s+patient)?))[\s,:]+({_NAME})"
        ),
    ),
    (
        "a relative's name",
        re.compile(rf"(?i:\b(?:his|her|the\s+patient's)\s+{_RELATIVE}(?:'s)?)[\s,]+({_NAME})"),
    ),
    ("a name", re.compile(rf"\b(?:named|called)\s+({_NAME})")),
]

# Words that follow "patient" or "his wife" without being a name.
_NOT_NAMES = {
    "was",
    "is",
    "had",
    "has",
    "with",
    "for",
    "and",
    "the",
    "who",
    "in",
    "on",
    "at",
    "to",
    "asa",
    "bmi",
    "id",
    "number",
    "waited",
    "stayed",
    "asked",
    "signed",
    "brought",
    "drove",
    "translated",
    "needed",
    "refused",
    "came",
    "arrived",
    "said",
    "went",
    "presented",
    "underwent",
    "received",
    "required",
    "developed",
    "became",
}


def _span(match: re.Match[str]) -> tuple[int, int]:
    if match.re.groups and match.group(1) is not None:
        return match.start(1), match.end(1)
    return match.start(), match.end()


def _looks_like_a_name(text: str) -> bool:
    first = text.split()[0].lower().strip("'’,.")
    return first not in _NOT_NAMES and text[0].isupper()


def find_phi(text: str) -> list[Flag]:
    """Spans of text that look like patient identifiers, in order, not overlapping."""
    found: list[Flag] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = _span(match)
            span = text[start:end]
            if "name" in kind and not _looks_like_a_name(span):
                continue
            found.append(Flag(start, end, kind, span))
    found.sort(key=lambda flag: (flag.start, -flag.end))
    kept: list[Flag] = []
    for flag in found:
        if not kept or flag.start >= kept[-1].end:
            kept.append(flag)
    return kept


def describe(flags: list[Flag]) -> str:
    """'"4839201" (a long number (an ID?)), "Mr. Jones" …' for a message."""
    return "; ".join(f'"{flag.text}" ({flag.kind})' for flag in flags)
