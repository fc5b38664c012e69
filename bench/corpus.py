"""A synthetic corpus of N transcripts made from the project's own sources/, for the benchmarks.

Each transcript is one of the bundled ones with seeded variations of what the
converter has to work on: dates (years, days, months, roman-numeral
annotation dates), the hands annotating it (other initials from the hands
register), closure cards (another reason ticked, another card date), and
extra deletions and additions. The same seed gives the same corpus.

    python bench/corpus.py 100 /tmp/corpus        # writes /tmp/corpus/00000_….txt …
"""

from __future__ import annotations

import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
INITIALS = ["CDP", "MODBA", "COR", "CDD", "JSW", "BI", "RA"]
CARD_REASONS = ["CLOSED UNDER FOI EXEMPTION", "RETAINED UNDER SECTION 3(4) OF THE PUBLIC RECORDS ACT 1958",
                "TEMPORARILY RETAINED", "MISSING AT TRANSFER", "NUMBER NOT USED"]


def vary(text: str, rng: random.Random) -> str:
    """One variation of a transcript: the same kinds of content, other values."""
    shift = rng.randint(-9, 2)
    text = re.sub(r"(?<!ACT )(?<!Act )\b(19[6-9]\d)\b", lambda m: str(int(m.group(1)) + shift), text)
    text = re.sub(
        r"\b([0-3]?\d) (" + "|".join(MONTHS) + r")\b",
        lambda m: f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", text,
    )
    text = re.sub(r"\b(\d{1,2})/(" + "|".join(ROMAN) + r")\b", lambda m: f"{rng.randint(1, 28)}/{rng.choice(ROMAN)}", text)
    text = re.sub(r"\b(CDP|MODBA|COR|CDD)\b", lambda m: rng.choice(INITIALS), text)
    text = _vary_cards(text, rng)
    return _add_deletions(text, rng)


def _vary_cards(text: str, rng: random.Random) -> str:
    """On each closure card, tick another reason, with another date."""
    lines = text.split("\n")
    reasons = [i for i, line in enumerate(lines) if "\t" in line and line.split("\t")[0].strip() in CARD_REASONS]
    for i in reasons:
        if not lines[i].split("\t")[1].strip():
            continue
        card = [j for j in reasons if abs(j - i) <= 5]
        lines[i] = lines[i].split("\t")[0] + "\t"
        j = rng.choice(card)
        lines[j] = lines[j].split("\t")[0] + f"\t{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(10, 22)}"
    return "\n".join(lines)


def _add_deletions(text: str, rng: random.Random) -> str:
    """Strike a word and add another above it in a few long paragraphs."""
    paragraphs = text.split("\n\n")
    long_ones = [i for i, p in enumerate(paragraphs) if len(p) > 200 and "\t" not in p and not p.startswith(("#", "-", ">"))]
    for i in rng.sample(long_ones, min(len(long_ones), rng.randint(1, 3))):
        words = paragraphs[i].split(" ")
        k = rng.randrange(1, len(words) - 1)
        if words[k].isalpha():
            words[k] = f"~~{words[k]}~~ <sup>{rng.choice(['indeed', 'also', 'now', 'still'])}</sup>"
        paragraphs[i] = " ".join(words)
    return "\n\n".join(paragraphs)


def generate(n: int, out: Path, seed: int = 1988) -> list[Path]:
    """Write n varied transcripts into `out` (made if missing); returns their paths."""
    bases = sorted(SOURCES.glob("*.txt"))
    texts = [p.read_text("utf-8") for p in bases]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        text = vary(texts[i % len(texts)], rng)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        path = out / f"{i:05d}_{digest}.txt"
        path.write_text(text, "utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench-corpus")
    made = generate(count, target)
    print(f"{len(made)} transcripts in {target}")
