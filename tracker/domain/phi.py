"""The PHI guard: text that looks like a HIPAA identifier, found before it is kept.

Three passes over a line, built to generalize to lines it has never seen:
1. numbers: clinical values (ratios, gases, doses, dilutions, vital signs) are masked
   first, then phone numbers of many countries, record, Medicare, prisoner and plate
   IDs, long numbers, bed and room numbers, addresses, postcodes, handles; dates only
   where the line is about a patient (the student's own schedule is not PHI);
2. names: Faker's names of 86 locales and an English dictionary tell a name from a
   word; a capitalised name mid-sentence, a name after a courtesy title from many
   cultures (Aunty, Sra., Dona, Alhaji, Baby Boy) or before one (sahab, ji, -san), a
   name after "patient", "bed 5" or a relative, in any case; staff after Dr., nurse,
   CRNA, attending are allowed, and so are eponyms (Whipple, Macintosh);
3. rare details that identify a person: an employer, fame, "the first … in this state",
   a named tattoo, a public office.
It errs on the side of asking: the user confirms or edits a flagged span. Figures on the
labelled sets, the held-out one included: docs/PHI.md (benchmarks/phi_guard.py).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.domain.phi_words import (
    AFTER_NAME,
    BABY,
    BEFORE_NAME,
    CALENDAR,
    CLINICAL,
    CLINICAL_ENDINGS,
    FUNCTION,
    NAME_VERBS,
    RELATIVES,
    STAFF,
    bare,
    fold,
    is_english,
    names,
)


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
_STREET = (
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Court|Ct|Way|Place|Pl"
    r"|Terrace|Circle|Highway|Hwy|Crescent|Close|Gardens|Marg|Nagar|Colony)\b"
)
_STREET_FIRST = (
    r"(?:Calle|Carrera|Rua|Avenida|Av\.|Rue|Via|Viale|Jalan|Jl\.|Strasse|Straße|Travessa"
    r"|Praça|Plaza|Piazza|Boulevard|Avenue|Calea|Ulica|ul\.|Sokak|Cadde(?:si)?)"
)
_ID_WORDS = (
    r"(?:MRN|medical\s+record(?:\s+(?:number|no\.?|#))?|record\s+(?:number|no\.?|#)|chart"
    r"(?:\s+(?:number|no\.?))?|account(?:\s+(?:number|no\.?))?|acct|insurance(?:\s+(?:ID|number))?"
    r"|policy(?:\s+number)?|member\s+ID|hospital\s+number|patient\s+(?:ID|number)"
    r"|encounter(?:\s+number)?|case\s+number|health\s+plan(?:\s+number)?"
    r"|medicaid(?:\s+(?:ID|number|no\.?))?|medicare(?:\s+(?:ID|number|no\.?))?"
    r"|licen[cs]e(?:\s+plate)?|(?:car\s+|truck\s+|number\s+)?plate(?:\s+number)?"
    r"|registration|VIN|passport(?:\s+(?:number|no\.?))?|NHS\s+(?:number|no\.?)|aadhaar"
    r"|national\s+ID|prisoner(?:\s+(?:ID|number|no\.?))?|inmate(?:\s+(?:ID|number|no\.?))?"
    r"|booking\s+number|serial(?:\s+number)?|SN|wristband(?:\s+read)?)"
)
_SOCIAL = r"(?:facebook|instagram|insta|IG|twitter|tiktok|snapchat|linkedin|youtube|twitch|X)"

# Clinical values, masked before any number rule runs: ratios and gases (7.28/52/68,
# 120/80, 4/4), dilutions (1:200000), I:E, doses and measures with a unit, and the number
# after a vital sign or a lab.
_UNITS = (
    r"(?:mg|mcg|µg|ug|g|kg|mL|ml|L|l|dL|dl|units?|U|IU|iu|mmHg|cmH2O|kPa|%|mEq|mmol|µmol"
    r"|umol|nmol|mol|bpm|breaths|min|mins|minutes|h|hr|hrs|hours?|cm|mm|G|Fr|F|°C|°|kcal"
    r"|s|sec|seconds|days?|weeks?|wk|months?|puffs|drops|L/min|mL/h|mg/kg|mcg/kg)"
)
_CLINICAL_VALUES = re.compile(
    rf"\b\d+(?:\.\d+)?(?:/\d+(?:\.\d+)?)+(?=\b|%)"
    rf"|\b1\s?:\s?\d[\d,]*\b"
    rf"|\b\d[\d,]*(?:\.\d+)?\s?{_UNITS}(?:/\w+)*(?![\w])"
    rf"|(?i:\b(?:BP|HR|RR|SpO2|sats?|EtCO2|MAP|CVP|PAP|GCS|ASA|INR|Hb|Hgb|K|Na|Cl|pH|FiO2"
    rf"|PEEP|TV|BIS|ACT|EF|BMI|TOF|APGAR|MAC|temp|glucose|lactate|creatinine|platelets"
    rf"|plt|WBC|CRP|troponin|score|grade|class|size|level|day|week|case|POD)\b)"
    rf"[\s:=]*\d[\d.,]*"
)
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


def _masked(text: str) -> str:
    """The text with clinical values blanked (same length, so spans still line up); a
    slash group that reads as a calendar date is left for the date rules."""

    def blank(match: re.Match[str]) -> str:
        found = _SLASH_DATE.match(match.group())
        if found and _day_and_month(int(found[1]), int(found[2])):
            return match.group()
        return re.sub(r"\w", "_", match.group())

    return _CLINICAL_VALUES.sub(blank, text)


def _day_and_month(first: int, second: int) -> bool:
    """3/14 or 14/3 reads as a date; 120/80 and 7/0 do not."""
    return 1 <= first <= 31 and 1 <= second <= 31 and min(first, second) <= 12


# (kind, pattern): each match in the masked text is flagged; the first group, when there
# is one, is the span. Keywords ignore case ((?i:...)).
_NUMBERS: list[tuple[str, re.Pattern[str]]] = [
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("a web address", re.compile(r"(?i:\b(?:https?://|www\.))\S+")),
    (
        "a social media page",
        re.compile(rf"(?i:\b{_SOCIAL}\.com/\S+)|(?<![\w.@])@[A-Za-z0-9_][A-Za-z0-9_.]{{2,}}"),
    ),
    (
        "a social media name",
        re.compile(
            rf"(?i:\b{_SOCIAL}\s+(?:handle|name|account|page|username|is|as|:)\s*(?:is\s+)?)"
            r"([A-Za-z0-9_.]{3,})"
        ),
    ),
    ("a social security number", re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "a phone or fax number",
        re.compile(
            r"\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,5}(?:[\s.-]?\d{2,5}){1,4}\b"
            r"|\(0\)\s?\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b"
            r"|(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"
            r"|\b0\d{2,4}[\s.-]\d{3,4}[\s.-]?\d{3,4}\b"
            r"|\b\d{5}\s\d{5}\b|\b\d{4}\s\d{4}\s\d{4}\b|\b\d{3}\s\d{4}\s\d{4}\b"
        ),
    ),
    (
        "a Medicare number",
        re.compile(r"\b[1-9][A-Z][A-Z0-9]\d-?[A-Z][A-Z0-9]\d-?[A-Z]{2}\d{2}\b"),
    ),
    (
        "a record, account or other ID number",
        re.compile(
            rf"(?i:\b{_ID_WORDS}\b(?:\s+(?:is|was))?)[\s:#.]*"
            rf"((?=[\w-]*\d)[A-Za-z0-9][\w-]{{3,}}(?:\s\d{{4}})*)"
        ),
    ),
    (
        "an ID number",
        re.compile(r"\b(?=[A-Z0-9-]*\d{3})(?=[A-Z0-9-]*[A-Z])[A-Z0-9]{2,}(?:-[A-Z0-9]+)+\b"),
    ),
    ("a long number (an ID?)", re.compile(r"\b\d{6,}\b")),
    (
        "a bed number",
        re.compile(r"(?i:\b(?:bed|cot|crib)\s*(?:no\.?|number|#)?\s*)(\d{1,4}[A-Za-z]?)\b"),
    ),
    (
        "a room number",
        re.compile(r"(?i:\broom\s*(?:no\.?|number|#)?\s*)(\d{1,4}[A-Za-z]['’]s|\d{1,4}[A-Za-z])\b"),
    ),
    (
        "a date of birth",
        re.compile(
            rf"(?i:\b(?:DOB|d\.o\.b\.?|date\s+of\s+birth|born(?:\s+on)?|birthday\s+is))[\s:]*"
            rf"((?:{_ORDINAL}\s+(?:of\s+)?{_MONTH},?\s+\d{{2,4}})|(?:{_MONTH}\s+{_ORDINAL},?\s+"
            rf"\d{{2,4}})|\d[\d/.-]{{5,9}})"
        ),
    ),
    (
        "an age over 89",
        re.compile(
            r"(?i:\baged\s+(?:9\d|1[01]\d)\b|\b(?:9\d|1[01]\d)[\s-]?(?:y/?o\b|yrs?\b"
            r"|years?[\s-]old|year[\s-]old)|\b(?:she|he|patient|pt|who)\s+(?:is|was)\s+"
            r"(?:9\d|1[01]\d)\b(?!\s*%))"
        ),
    ),
    (
        "a street address",
        re.compile(
            rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'’-]+\s+){{1,3}}{_STREET}"
            rf"|\b{_STREET_FIRST}\s+(?:[\w'’.-]+\s+){{0,4}}?#?\d{{1,5}}\b"
            r"|\b[A-Z][a-zäöüß]+(?:strasse|straße|weg|gasse|platz|allee)\s+\d{1,4}\b"
            r"|(?i:\b(?:flat|apt|apartment|unit|suite|house\s+no\.?|plot|apto)\s*\d{1,5}[A-Za-z]?\b)"
            r"|(?i:\bP\.?\s?O\.?\s+Box\s+\d+)"
        ),
    ),
    ("a postcode", re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b")),
    (
        "a postcode",
        re.compile(
            r"(?i:\b(?:ZIP(?:\s+code)?|post\s?code|postal\s+code|PIN\s+code)\b)[\s:]*"
            r"([A-Z0-9][A-Z0-9 -]{2,8}[A-Z0-9])\b"
        ),
    ),
    ("a ZIP code", re.compile(r"\b[A-Z]{2}\s+(\d{5}(?:-\d{4})?)\b")),
]

# A full date is PHI when the line is about a patient; the student's own dates are not.
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{_MONTH}\s+{_ORDINAL},?\s+\d{{4}}|{_ORDINAL}\s+(?:of\s+)?{_MONTH}\s+\d{{4}})"
)
_ABOUT_A_PATIENT = re.compile(
    r"(?i:\b(?:patient|pt|he|she|his|her|him|mr|mrs|ms|admitted|admission|discharged|born"
    r"|birth|died|death|deceased|surgery|operated|injured|accident|crash|presented|seen"
    r"|clinic)\b)"
)

# Details that single a person out: an employer, fame, a first or an only, a named
# tattoo, a public office, an event in the news.
_RARE = re.compile(
    r"(?i:\bworks?\s+(?:at|for|as)\b|\bemployed\s+(?:at|by)\b|\bemployer\b"
    r"|\b(?:famous|celebrity|well[\s-]known|renowned)\b"
    r"|\b(?:on|in)\s+the\s+(?:news|papers?|TV|radio)\b|\bon\s+TV\b|\bnewspaper\b|\bwent\s+viral\b"
    r"|\bfirst\b[^.;]{0,60}?\bin\s+(?:this|the|our)\s+(?:state|country|city|region|world"
    r"|nation|county|province)\b"
    r"|\bonly\b[^.;]{0,60}?\bin\s+(?:this|the|our)\s+(?:state|country|city|region|world"
    r"|nation|county|province)\b"
    r"|\btattoo(?:ed)?\b[^.;]{0,40}?(?:\bof\b|\bsaying\b|\breading\b|\bthat\s+says\b|[\"“]"
    r"|\bname\b)"
    r"|\b(?:mayor|governor|senator|congress(?:man|woman)|minister|commissioner|sheriff"
    r"|judge|footballer|singer|rapper|actor|actress|presenter|influencer|athlete|pastor\s+of"
    r"|chief\s+of\s+police)\b"
    r"|\bfrom\s+the\s+(?:[\w-]+\s+){0,3}(?:crash|collapse|shooting|fire|explosion|attack"
    r"|accident|flood)\b"
    r"|\b(?:teacher|cashier|driver|manager|officer|worker|clerk|engineer|owner)\s+at\s+"
    r"(?:the\s+)?[A-Z])"
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_MARKS = frozenset('.!?;:(["“')


def starts_sentence(before: str) -> bool:
    """Whether a word after this text starts a sentence: nothing but spaces before it, or
    a line break, a sentence mark, an opening bracket or quote, or a spaced dash just
    before it. (A regular expression anchored at the end scanned all of `before` for
    each word: a fifth of the guard's time.)"""
    kept = before.rstrip()
    spaces = before[len(kept) :]
    if not kept or "\n" in spaces or kept[-1] in _SENTENCE_MARKS:
        return True
    return kept[-1] == "-" and bool(spaces) and len(kept) > 1 and kept[-2].isspace()


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    folded: str  # without a possessive
    sentence_start: bool
    next_to_digit: bool  # SpO2, PaCO2: a clinical symbol

    @property
    def capitalised(self) -> bool:
        """A name's shape: Okafor, McDonald, O'Sullivan, LaToya; not SpO, METs, IVs."""
        return _CAPITALISED.fullmatch(self.text) is not None and not self.next_to_digit


_CAPITALISED = re.compile(
    r"[A-ZÀ-ÖØ-Þ](?:[a-zà-öø-ÿ'’-]|(?<=[a-z'’])[A-Z](?=[a-z]{2})|(?<=[-'’])[A-ZÀ-ÖØ-Þ])*"
    r"[a-zà-öø-ÿ]['’]?s?"
)


def _tokens(text: str) -> list[_Token]:
    return [
        _Token(
            m.start(),
            m.end(),
            m.group(),
            bare(m.group()),
            starts_sentence(text[: m.start()]),
            text[m.end() : m.end() + 1].isdigit() or text[m.start() - 1 : m.start()].isdigit(),
        )
        for m in _TOKEN.finditer(text)
    ]


def _is_word(token: _Token) -> bool:
    """An English or clinical word (or a month): a name only with more evidence."""
    return _known_word(token.folded) or (
        "-" in token.folded
        and all(_known_word(part) or part in _PREFIXES for part in token.folded.split("-"))
    )  # Guillain-Barré, Wolff-Parkinson-White, Pre-op


_PREFIXES = frozenset(
    ("pre", "post", "intra", "peri", "non", "co", "re", "anti", "sub", "inter", "trans", "multi")
)


def _known_word(word: str) -> bool:
    return (
        len(word) < 3
        or word in CLINICAL
        or word in CALENDAR
        or word in FUNCTION
        or is_english(word)
    )


def _clinical_shape(token: _Token) -> bool:
    return token.folded.endswith(CLINICAL_ENDINGS) and token.folded not in names()


def _is_name(token: _Token) -> bool:
    word = token.folded
    if token.text.isupper() and len(token.text) > 1:
        return False  # an acronym (OSA, GERD, ASA), unless a title or a cue says otherwise
    return (
        word in names() and word not in CLINICAL and word not in CALENDAR and (word not in FUNCTION)
    )


def _titled(token: _Token) -> bool:
    """After Mr., Aunty or Sra.: a name unless it is a plain lower-case word."""
    return (
        _name_like(token)
        or (token.capitalised and token.folded not in FUNCTION)
        or (not _is_word(token) and not token.next_to_digit)
    )


def _name_like(token: _Token | None) -> bool:
    """Could be a person's name after a title or a cue: a known name that is not only
    a lower-case word, or a capitalised word that is not a word we know."""
    if token is None or token.folded in CLINICAL or token.folded in FUNCTION:
        return False
    if _is_name(token):
        return token.capitalised or not _is_word(token)
    return token.capitalised and not _is_word(token) and not _clinical_shape(token)


def _name_flags(text: str, allowed: frozenset[str]) -> list[Flag]:
    tokens = _tokens(text)
    found: list[Flag] = []

    def flag(token: _Token, kind: str) -> None:
        if token.folded not in allowed:
            found.append(Flag(token.start, token.end, kind, token.text))

    def adjacent(a: _Token, b: _Token | None) -> bool:
        return b is not None and not text[a.end : b.start].strip(" ").lstrip(".")

    staff = False  # in a run of names after a staff word (Dr. Lloyd Davies; Aisha and Ben)
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        word = token.folded
        if token.next_to_digit:
            continue  # SpO2, PaCO2, T10
        if word in STAFF or word.rstrip("s") in STAFF:
            staff = True
            continue
        if staff and (token.capitalised or _is_name(token) or word in ("and", "or")):
            continue  # the team may be named
        staff = False
        if "-" in token.text and fold(token.text.rsplit("-", 1)[1]) in AFTER_NAME:
            flag(token, "a name with a courtesy title")  # Tanaka-san
            continue
        if word in BEFORE_NAME and after and adjacent(token, after) and _titled(after):
            flag(after, "a name after a courtesy title")
            continue
        if (
            word in AFTER_NAME
            and before
            and adjacent(before, token)
            and (before.capitalised or _name_like(before))
        ):
            flag(before, "a name with a courtesy title")  # Gupta sahab, okoro ji
            continue
        if word in BABY and adjacent(token, after) and _name_like(after):
            flag(after, "a name")  # type: ignore[arg-type]
            continue
        if not token.sentence_start:
            if token.capitalised and _is_name(token):
                if not is_english(word) or not (before and before.folded in ("the", "a", "an")):
                    flag(token, "a name")
            elif token.capitalised and not _is_word(token) and not _clinical_shape(token):
                flag(token, "a name?")  # capitalised, not a word we know
            elif _is_name(token) and not _is_word(token) and len(word) >= 4:
                flag(token, "a name")  # lower case, not a word: okoro, reyes
            continue
        # The first word of a sentence is capitalised anyway: a name when it is not a
        # word, or a word-name followed by a comma, a possessive or a verb (Grace needed).
        if word in FUNCTION or word in CALENDAR or word in CLINICAL:
            continue
        clause = text[token.end : token.end + 1] == "," or "'" in token.text[-2:]
        clause = clause or "’" in token.text[-2:]
        verb = adjacent(token, after) and after is not None and after.folded in NAME_VERBS
        if _is_name(token) and (not _is_word(token) or clause or verb):
            flag(token, "a name")
        elif (
            token.capitalised
            and not _is_word(token)
            and not _clinical_shape(token)
            and (clause or verb)
        ):
            flag(token, "a name?")
    return found


_CUED = [
    (
        "a patient's name",
        re.compile(
            r"(?i:\b(?:(?:the\s+)?patient(?:'s)?(?:\s+name)?|pt\.?|name(?:\s+of\s+the\s+patient)?"
            r"|(?:bed|room)\s+\d+[A-Za-z]?|named|called|name\s+is|goes\s+by)[\s,:]+)"
            r"([^\W\d_]+(?:['’-][^\W\d_]+)*)"
        ),
    ),
    (
        "a relative's name",
        re.compile(
            rf"(?i:\b(?:his|her|their|the\s+patient's|the)\s+{RELATIVES}(?:'s)?[\s,]+)"
            r"([^\W\d_]+(?:['’-][^\W\d_]+)*)"
        ),
    ),
]


def _cued_flags(text: str, allowed: frozenset[str]) -> list[Flag]:
    """A word after a patient or relative cue, in any case, when it can be a name."""
    found = []
    for kind, pattern in _CUED:
        for match in pattern.finditer(text):
            word = match.group(1)
            token = _Token(match.start(1), match.end(1), word, bare(word), False, False)
            if token.folded in allowed or token.folded in NAME_VERBS:
                continue
            if _name_like(token):
                found.append(Flag(token.start, token.end, kind, word))
    return found


def team_words(full_names: Iterable[str]) -> frozenset[str]:
    """The words of the names of people the user recorded (the team, letter writers,
    the user): find_phi's allowed, so "Okafor showed me" is not asked about."""
    # Each different whitespace-separated piece is searched once (a word never spans a
    # space): a program's city and hospital recur in every one of its names.
    pieces = {piece for name in full_names for piece in name.split()}
    found = {word for piece in pieces for word in _TOKEN.findall(piece)}
    return frozenset({bare(word) for word in found} - BEFORE_NAME - STAFF)


def find_phi(text: str, allowed: frozenset[str] = frozenset()) -> list[Flag]:
    """Spans of text that look like patient identifiers, in order, not overlapping.
    allowed: names (folded) the user has said are not patients (the team's)."""
    masked = _masked(text)
    found: list[Flag] = []
    for kind, pattern in _NUMBERS:
        for match in pattern.finditer(masked):
            start, end = _span(match)
            found.append(Flag(start, end, kind, text[start:end]))
    if _ABOUT_A_PATIENT.search(text):
        found += [Flag(m.start(), m.end(), "a date", m.group()) for m in _DATE.finditer(masked)]
    found += [
        Flag(m.start(), m.end(), "a detail that identifies", m.group())
        for m in _RARE.finditer(text)
    ]
    found += _cued_flags(text, allowed)
    found += _name_flags(text, allowed)
    found.sort(key=lambda flag: (flag.start, -flag.end))
    kept: list[Flag] = []
    for flag in found:
        if not kept or flag.start >= kept[-1].end:
            kept.append(flag)
    return kept


def _span(match: re.Match[str]) -> tuple[int, int]:
    if match.re.groups and match.group(1) is not None:
        return match.start(1), match.end(1)
    return match.start(), match.end()


def describe(flags: list[Flag]) -> str:
    """'"4839201" (a long number (an ID?)), "Mr. Jones" …' for a message."""
    return "; ".join(f'"{flag.text}" ({flag.kind})' for flag in flags)
