"""Names as metadata: a signature or addressee line made a clean name, or refused as OCR noise.

A transcript's signature may be an OCR misreading (`againstaleter`), its addressee a scrap
(`SA-C`). Metadata (senders, addressees, titles) takes a name only when every word of it could be
a word of a name: capitalised (or a particle), one script, no digits inside letters, a vowel in
every longer word. Names typed in capitals are given in title case (`CHARLES POWELL` → `Charles Powell`).
"""

from __future__ import annotations

import re

PARTICLES = {"de", "von", "van", "der", "den", "la", "le", "du", "of", "the", "and", "y", "da", "di", "al", "bin"}
STYLES = re.compile(r"^(?:(?:His|Her)\s+Excellency\s+)?(?:The\s+)?(?:Right\s+Honourable|Rt\.?\s+Hon\.?)\s+|^(?:His|Her)\s+Excellency\s+", re.IGNORECASE)
HONOURS = re.compile(r",?\s*\b(?:Esq|MP|K\.?C\.?M\.?G|C\.?M\.?G|C\.?B\.?E|O\.?B\.?E|M\.?B\.?E|K\.?C\.?V\.?O|C\.?V\.?O|M\.?V\.?O|M\.?P|Q\.?C)\b\.?,?", re.IGNORECASE)
VOWELS = set("aeiouyAEIOUY")
TOKEN = re.compile(r"[^\s]+")
INITIALS = re.compile(r"[A-Z]{1,3}\.?|(?:[A-Z]\.){1,4}")


def noisy_token(token: str) -> bool:
    """A token no clean text has: letters mixed with digits (`JD3BPH`), two scripts, or a long run without a vowel."""
    core = token.strip(".,;:()[]'\"\u2019-")
    if not core:
        return False
    letters = [c for c in core if c.isalpha()]
    if letters and any(c.isdigit() for c in core) and not re.fullmatch(r"\d+(?:st|nd|rd|th)|[A-Z]{1,3}\d{1,5}", core):
        return True
    scripts = {("latin" if c < "\u0250" else "cyrillic" if "\u0400" <= c <= "\u04ff" else "other") for c in letters}
    if len(scripts) > 1:
        return True
    return len(letters) >= 5 and not any(c in VOWELS for c in letters)


def noise_share(text: str) -> float:
    """The share of a text's tokens that are OCR noise."""
    tokens = TOKEN.findall(text)
    return sum(noisy_token(t) for t in tokens) / len(tokens) if tokens else 0.0


def person_name(text: str | None) -> str | None:
    """A clean personal name from a signature, addressee or salutation line, or None for noise.

    `(J S Wall)` → `J S Wall`; `CHARLES POWELL` → `Charles Powell`; `Lyn Parker, Esq.,` → `Lyn Parker`;
    `againstaleter` → None (a name is capitalised); `SA-C` → None.
    """
    if not text:
        return None
    bracketed = re.match(r"^\s*\(([^()]+)\)", text)  # `(R N Peirce) Private Secretary`: the typed name
    name = HONOURS.sub("", STYLES.sub("", bracketed.group(1) if bracketed else text)).strip(" ,.;:()[]'\"\u2019\u201d")
    name = " ".join(name.split())
    tokens = _without_office(name.split())
    name = " ".join(tokens)
    if not tokens or len(tokens) > 6:
        return None
    if all(INITIALS.fullmatch(token) for token in tokens):
        return None  # `CDP`, `CDP. CDP`: initials, not a name
    for token in tokens:
        core = token.strip(".,'\u2019")
        if noisy_token(token) or not core:
            return None
        if core.lower() in PARTICLES and token is not tokens[0]:
            continue
        if not core[0].isupper() or not any(c.isalpha() for c in core):
            return None
        if "-" in core and min(len(part) for part in core.split("-")) < 2:
            return None  # `SA-C`: an OCR scrap, not a double-barrelled name
    return title_case(name) if name.isupper() and any(len(t) > 2 for t in tokens) else name


ORG_WORDS = {"unit", "department", "dept", "office", "section", "division", "desk", "directorate", "embassy"}


def _without_office(tokens: list[str]) -> list[str]:
    """`G J Dorey CSCE Unit` → `G J Dorey`: a name with the unit written after it."""
    for index in range(2, len(tokens)):
        word = tokens[index].strip(",.")
        if word.lower() in ORG_WORDS or (word.isupper() and len(word) >= 3 and not all(t.isupper() for t in tokens)):
            return tokens[:index]
    return tokens


def title_case(name: str) -> str:
    """`M O'D B ALEXANDER` → `M O'D B Alexander`; initials stay as they are."""
    def word(token: str) -> str:
        if all(len(part) <= 1 for part in token.split(".")) or re.fullmatch(r"[A-Z]'[A-Z]", token):
            return token
        if token.lower() in PARTICLES:
            return token.lower()
        return "-".join(part[:1] + part[1:].lower() for part in token.split("-")).replace("'", "'")
    return " ".join(word(token) for token in name.split())


def surname(name: str) -> str:
    """The last word of a personal name (`C D Powell` → `Powell`), or the whole of an office's title."""
    tokens = name.split()
    return tokens[-1] if len(tokens) > 1 and not is_office_title(name) else name


OFFICE_TITLES = re.compile(
    r"^(?:(?:madam|mr\.?|mister)\s+)?(?:the\s+)?(?:prime\s+minister|foreign\s+secretary|home\s+secretary|chancellor(?:\s+of\s+the\s+exchequer)?|"
    r"defence\s+secretary|secretary\s+of\s+state.*|lord\s+privy\s+seal|lord\s+president|cabinet\s+secretary|"
    r"private\s+secretary|resident\s+clerk|(?:the\s+)?president(?:\s+of\s+the\s+united\s+states)?)$",
    re.IGNORECASE,
)


def is_office_title(text: str) -> bool:
    return bool(OFFICE_TITLES.match(text.strip()))


def office_title(text: str) -> str:
    """`PRIME MINISTER` → `the Prime Minister`."""
    words = [w.lower() if w.lower() in PARTICLES else w.capitalize() for w in text.split()
             if w.lower().strip(".") not in ("the", "madam", "mr", "mister")]
    return "the " + " ".join(words)


def initials_of(name: str) -> str:
    """The initials a person writes: `A J Coles` → `AJC`, `M O'D B Alexander` → `MODBA`, `C. D. Powell` → `CDP`."""
    letters = []
    for token in re.split(r"[\s.]+", name):
        for part in token.split("'"):
            if part and part[0].isalpha() and part.lower() not in PARTICLES:
                letters.append(part[0].upper())
    return "".join(letters)
