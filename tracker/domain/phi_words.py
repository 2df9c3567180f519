"""The PHI guard's word lists: people's names in many languages (Faker's person lists, 86
locales), English words (GCIDE, from the english-words package) to tell a name that is
also a word (Hope, Grace, Will), and the clinical words that look like names (eponyms,
instruments, textbooks, brands). The two packages are read on first use, not at start-up.
"""

import functools
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Eponyms, instruments, scores, textbooks and brands of anesthesia and surgery: surnames
# and words that are not patients. Written from the field's vocabulary, not from the
# guard's test sets.
CLINICAL = _words(
    """
    addison aintree airtraq aldrete allen alzheimer ambu apgar arrow babinski bain bair
    barash barré barre battle beck bell bezold bier billroth blakemore bohr bonfils boyle
    brown brugada bullard butterworth caprini charcot cheyne child chvostek collins
    cormack cook crohn cushing dalton danlos davies doppler down duchenne duke ehlers
    eisenmenger eschmann fallot fastrach fick fisher foley fontan frank frova ganz
    gillick glasgow glenn goldman graves guedel guillain haldane hartmann hashimoto hess
    hickman hodgkin horner hudson hugger hunt jackson jarisch kawasaki kocher korotkoff
    kussmaul laplace lee lehane lloyd ludwig macintosh magill mallampati mapleson marfan
    mayo mccoy mcgrath mendelson mikhail miller mobitz morgan murphy nissen norwood ohm
    pfannenstiel pierre poiseuille pugh quincke quinton ramsay rees richmond robin roux
    ryle sellick seldinger sengstaken sprotte starling stoelting stokes swan tetralogy
    tourette treacher trendelenburg trousseau tuohy valsalva venturi virchow wenckebach
    wells whipple whitacre wilms wilson wolff yankauer zenker zollinger
    glidescope storz karl medtronic stryker philips dräger drager ge datex mindray
    zofran toradol dilaudid exparel narcan bridion ultiva diprivan precedex ofirmev
    """
)

# Months and days are in the name lists (June, May, August) but are not people here.
CALENDAR = _words(
    """
    january february march april may june july august september october november
    december monday tuesday wednesday thursday friday saturday sunday
    """
)

# Words that are never a name at the start of a sentence (She had…, This was…).
FUNCTION = _words(
    """
    i me my we our us you your he him his she her it its they them their this that these
    those there here the a an and or but if when while after before then so as at by
    for from in into of on onto to with without about over under up down out off again
    once all any both each few more most other some such no nor not only own same than
    too very can just should now also today tonight tomorrow yesterday
    """
)

# Endings of drug and clinical words: an unknown capitalised word with one is not a name.
CLINICAL_ENDINGS = (
    "ine",
    "ol",
    "am",
    "ide",
    "one",
    "ate",
    "cin",
    "mab",
    "pril",
    "olol",
    "azole",
    "mycin",
    "ium",
    "ane",
    "ex",
    "in",
    "oid",
    "ase",
    "itis",
    "ectomy",
    "otomy",
    "ostomy",
    "plasty",
    "scopy",
    "emia",
    "aemia",
    "osis",
    "algia",
    "oma",
    "pathy",
    "gram",
    "graphy",
    "lysis",
)

# Words before a staff member's name: the team may be named.
STAFF = _words(
    """
    dr doctor prof professor attending crna nurse resident fellow surgeon
    anesthesiologist anaesthetist anesthetist anesthesiologists consultant registrar
    intern tech technician pa midwife pharmacist colleague student coordinator
    director chair therapist physio perfusionist aa np scrub
    """
)

# Courtesy titles and kin words used as titles, from many cultures: a word after one is
# a person's name (Aunty Folake, Sra. Gutiérrez, Dona Lurdes, Alhaji Musa, Baby Boy X).
BEFORE_NAME = _words(
    """
    mr mrs ms miss mx master madam madame mme mlle monsieur mister sir dame lady aunty
    auntie aunt uncle mama papa baba grandma grandpa granny nana sister brother father fr
    pastor rev reverend imam sheikh alhaji alhaja hajia chief sra sr srta señor senor
    señora senora don doña dona dom seu frau herr signor signora sig sgra tita tito lola
    lolo oga abuela abuelo tía tia tío tio mzee bwana ustaz haji hajji hajjah pak bapak
    ibu bu kak mbak shri sri smt kumari bibi bhai didi amma appa ma'am
    """
)
# Courtesy words written after a name (Gupta sahab, Sharma ji, Tanaka-san, Kim ssi).
AFTER_NAME = _words(
    "sahab sahib saheb ji bhai begum san sama kun chan ssi jan bey hanım hanim efendi"
)
# Words before a child's or a person's name that are not titles themselves.
BABY = _words("baby little young old dear")

RELATIVES = (
    r"(?:wife|husband|son|daughter|mother|father|mum|mom|mam|dad|partner|brother|sister"
    r"|fianc[ée]e?|boyfriend|girlfriend|friend|neighbou?r|cousin|niece|nephew|aunt|uncle"
    r"|grandson|granddaughter|grandmother|grandfather|carer|caregiver|guardian)"
)

# Words that follow a name as its verb or its clause: "Grace needed…", "Rose, the…".
NAME_VERBS = _words(
    """
    was is had has came cried loved went needed got took said asked told felt held kept
    left lost made ran sat saw slept woke stayed refused became did does wanted wants
    seemed looked arrived returned waited signed insisted prayed laughed smiled screamed
    vomited desaturated coughed bled died survived recovered woke spoke tolerated
    """
)


class HashedWords:
    """A large word list kept small: each word's 64-bit BLAKE2 digest in one sorted array
    (8 bytes a word instead of about 90 for a str in a set), looked up by bisection."""

    def __init__(self, digests: "array[int]") -> None:
        self.digests = digests

    @classmethod
    def of(cls, words: Iterable[str]) -> "HashedWords":
        return cls(array("Q", sorted({_digest(word) for word in words})))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        key = _digest(word)
        at = bisect_left(self.digests, key)
        return at < len(self.digests) and self.digests[at] == key

    def __len__(self) -> int:
        return len(self.digests)


def _digest(word: str) -> int:
    return int.from_bytes(_blake2b()(word.encode(), digest_size=8).digest(), "little")


def from_packages() -> tuple[HashedWords, HashedWords]:
    """The two lists from their packages: given and family names of Faker's 86 locales,
    folded (65,000 or so), and English words (the GCIDE dictionary, 115,000)."""
    import importlib
    import pkgutil

    from english_words import get_english_words_set
    from faker.providers import person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in dir(provider):
            if attribute.startswith("_") or not (
                "first_name" in attribute or "last_name" in attribute or "romanized" in attribute
            ):
                continue
            value = getattr(provider, attribute)
            if isinstance(value, dict):
                value = list(value)
            if isinstance(value, (list, tuple, set, frozenset)):
                found.update(fold(name) for name in value if isinstance(name, str))
    names = HashedWords.of(n for n in found if len(n) > 1)
    return names, HashedWords.of(get_english_words_set(["gcide"], lower=True))


# Where the lists come from: the packages, or a faster source the app installs (a cache
# of the digests on disk: services.phi_cache).
_source: Callable[[], tuple[HashedWords, HashedWords]] = from_packages


def use_word_source(source: Callable[[], tuple[HashedWords, HashedWords]]) -> None:
    global _source
    _source = source
    _lists.cache_clear()


@functools.cache
def _lists() -> tuple[HashedWords, HashedWords]:
    return _source()


def names() -> HashedWords:
    """People's given and family names, folded."""
    return _lists()[0]


def english() -> HashedWords:
    """English words, lower case."""
    return _lists()[1]


def is_english(word: str) -> bool:
    """In the dictionary, or an inflection of a word in it (placed, cases, blocks); a
    hyphenated word when every part is (post-op, train-of-four)."""
    if "-" in word:
        return all(is_english(part) or len(part) < 3 for part in word.split("-") if part)
    words = english()
    if word in words:
        return True
    for ending, stems in _INFLECTIONS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            root = word[: -len(ending)]
            if any(root + stem in words for stem in stems):
                return True
            doubled = len(root) > 2 and root[-1] == root[-2]  # stopped, planning
            if ending in ("ed", "ing") and doubled and root[:-1] in words:
                return True
    return False


_INFLECTIONS = (
    ("ies", ("y",)),
    ("ied", ("y",)),
    ("es", ("", "e")),
    ("s", ("",)),
    ("ed", ("", "e")),
    ("d", ("",)),
    ("ing", ("", "e")),
    ("ly", ("",)),
    ("er", ("", "e")),
    ("est", ("", "e")),
)


def fold(word: str) -> str:
    return word.casefold().replace("’", "'")


_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


def bare(word: str) -> str:
    """The word without a possessive: Jamal's -> jamal."""
    return fold(_POSSESSIVE.sub("", word))


@functools.cache
def _blake2b() -> Callable[..., Any]:
    # Imported when first needed. hashlib's own blake2b is this module's, but importing
    # hashlib loads OpenSSL for its other digests (about 3 ms, and 0.6 MB the app keeps).
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b
