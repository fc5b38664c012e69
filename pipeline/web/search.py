"""The search index of the web edition: MiniSearch's index format, split by the first letters of each term.

Three kinds of scripts (scripts, not JSON, so that search works from file:// as over HTTP):

- per TEI file, made with its pages: ``assets/search/store/<file>.js``, its passages (address, title,
  date, reading text, diplomatic-only words), loaded only for the results shown; and
  ``assets/search/postings/<file>.js``, its terms (term -> passages, field, frequency);
- for the edition, from every file's postings (`search_index`): ``assets/search/meta.js`` (the passages'
  numbers and field lengths, and the names of the term shards) and ``assets/search/terms/<prefix>.js``,
  the terms that begin with those letters. ``search.html`` loads meta.js, then only the shards of the
  query's terms, and hands them to MiniSearch (npm ``minisearch``, ``MiniSearch.loadJS``); and
  ``assets/search/pairs/<prefix>.js``, the word pairs (see `pairs`) whose first term begins with those
  letters, with their passages: a phrase is answered from them, without reading the passages' text.

Terms are made the same way here and in the browser (xslt/web/assets/search-terms.js): lower case,
a possessive ``'s`` dropped, split at anything but letters and digits, lunr's English stop words left
out, then lunr's Porter stemmer (lunr.py here, lunr.js there: the same algorithm).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

#: The fields of a passage, in MiniSearch's field-id order. `dipl`: words of the diplomatic layer only
#: (deleted text, original spellings): searched unless the reader asks for the reading text alone.
FIELDS = ("title", "meta", "text", "dipl")
#: Where the scripts go.
SEARCH_DIR = "assets/search"
META = f"{SEARCH_DIR}/meta.js"
#: A term shard holds the terms beginning with the same PREFIX letters.
PREFIX = 2

_POSSESSIVE = re.compile(r"['\u2019]s(?![^\W_])")
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from lunr.stop_word_filter import WORDS

    return frozenset(WORDS)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():
    from lunr.stemmer import PorterStemmer

    return PorterStemmer()


def words(text: str) -> list[str]:
    """The words of a text as the index sees them, before stop words and stemming (for phrases)."""
    return _WORD.findall(_POSSESSIVE.sub("", text.lower()))


def terms(text: str) -> list[str]:
    """The index terms of a text, in order: words() without stop words, stemmed."""
    return [term for _, term in analyse(text)]


def analyse(text: str) -> list[tuple[str, str]]:
    """(word, term) of each word of a text that is not a stop word, in order."""
    stop = _stop_words()
    return [(word, _stem(word)) for word in words(text) if word not in stop]


def pairs(text: str) -> set[str]:
    """The word pairs of a text, for phrases: each term with the next, and the number of stop words
    between them: "the rights of the human person" -> {"right/2/human", "human/0/person"}. A passage has a
    phrase's words in order when it has every pair of the phrase (whichever the stop words)."""
    stop = _stop_words()
    found = set()
    previous, gap = None, 0
    for word in words(text):
        if word in stop:
            gap += 1
            continue
        term = _stem(word)
        if previous is not None:
            found.add(f"{previous}/{gap}/{term}")
        previous, gap = term, 0
    return found


def shard_name(term: str) -> str:
    """The name of the shard that holds a term: its first PREFIX letters, spelled safely for a URL."""
    prefix = term[:PREFIX]
    return "".join(ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}" for ch in prefix)


def script(variable: str, key: str | None, value) -> bytes:
    """``window.VARIABLE[KEY] = VALUE;`` (or ``window.VARIABLE = VALUE;``), with JSON inert in a script."""
    data = script_json(value)
    if key is None:
        return f"window.{variable} = {data};\n".encode("ascii")
    return f"(window.{variable} = window.{variable} || {{}})[{script_json(key)}] = {data};\n".encode("ascii")


def script_json(value) -> str:
    """JSON that is inert inside a script: ASCII, and no "</script", no "<!--" can appear in it."""
    data = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return data.replace("<", "\\u003c").replace(">", "\\u003e")


def read_script(data: bytes):
    """The value of a script made by `script` (the build reads the files' postings back)."""
    text = data.decode("ascii").rstrip()
    marker = "] = " if text.startswith("(") else " = "
    return json.loads(text[text.index(marker) + len(marker):].removesuffix(";"))


def file_search(key: str, passages: Iterable[Mapping[str, str]]) -> dict[str, bytes]:
    """One TEI file's store and postings (see the module's docstring)."""
    store = []
    docs = []
    postings: dict[str, list[list[int]]] = {}
    spelled: dict[str, dict[str, int]] = {}  # term -> its words (when not the term itself) and their counts
    paired: dict[str, dict[str, list[int]]] = {"x": {}, "y": {}}  # the stored texts' word pairs -> passages
    for ref, passage in enumerate(sorted(passages, key=lambda p: _order(p["id"]))):
        doc_key, _, anchor = passage["id"].partition("#")
        is_document = not anchor
        values = (passage["title"] if is_document else "", passage["meta"], passage["text"], passage.get("dipl", ""))
        lengths = []
        for field, value in enumerate(values):
            found = analyse(value)
            lengths.append(len(found))
            counts: dict[str, int] = {}
            for word, term in found:
                counts[term] = counts.get(term, 0) + 1
                if word != term:
                    spelled.setdefault(term, {}).setdefault(word, 0)
                    spelled[term][word] += 1
            for term, count in counts.items():
                postings.setdefault(term, []).append([ref, field, count])
        docs.append([doc_key, lengths])
        stored = {
            "k": doc_key, "t": passage["title"], "d": passage.get("date", ""),
            "u": f"documents/{doc_key}.html" + (f"#{anchor}" if anchor else ""),
            "x": passage["text"] or passage["meta"], "y": passage.get("dipl", ""),
        }
        store.append(stored)
        for field in ("x", "y"):
            for pair in pairs(stored[field]):
                paired[field].setdefault(pair, []).append(ref)
    return {
        f"{SEARCH_DIR}/store/{key}.js": script("PMO_SEARCH_STORE", key, store),
        f"{SEARCH_DIR}/postings/{key}.js": script("PMO_SEARCH_POSTINGS", key,
                                                  {"docs": docs, "terms": dict(sorted(postings.items())),
                                                   "pairs": {f: dict(sorted(found.items())) for f, found in paired.items()},
                                                   "words": {t: sorted(w.items()) for t, w in sorted(spelled.items())}}),
    }


def _order(address: str):
    """Passages in document order: the document's record, then p1, p2, … p10 (numbers, not strings)."""
    doc, _, anchor = address.partition("#")
    number = int(anchor[1:]) if anchor[1:].isdigit() else -1
    return (doc, number, anchor)


def search_index(postings: Mapping[str, bytes]) -> dict[str, bytes]:
    """The edition's index from every file's postings script (file key -> bytes): meta.js and the shards.

    Passages are numbered across the edition in the order of the files' keys, then of each file's
    passages; a term's entry is MiniSearch's: ``[term, {field id: {passage number: frequency}}]``.
    """
    files = sorted(postings)
    refs: list[list] = []
    lengths: list[list[int]] = []
    doc_keys: dict[str, int] = {}
    shards: dict[str, dict[str, dict[str, dict[str, int]]]] = {}
    spelled: dict[str, dict[str, int]] = {}
    pair_shards: dict[str, dict[str, dict[str, list[int]]]] = {}  # shard -> field (x, y) -> pair -> passages
    for file_number, key in enumerate(files):
        data = read_script(postings[key])
        base = len(refs)
        for local, (doc_key, field_lengths) in enumerate(data["docs"]):
            refs.append([file_number, local, doc_keys.setdefault(doc_key, len(doc_keys))])
            lengths.append(field_lengths)
        for term, entries in data["terms"].items():
            entry = shards.setdefault(shard_name(term), {}).setdefault(term, {})
            for local, field, count in entries:
                entry.setdefault(str(field), {})[str(base + local)] = count
        for field, found in data.get("pairs", {}).items():
            for pair, locals_ in found.items():
                shard = pair_shards.setdefault(shard_name(pair.split("/", 1)[0]), {"x": {}, "y": {}})
                shard[field].setdefault(pair, []).extend(base + local for local in locals_)
        for term, forms in data.get("words", {}).items():
            for word, count in forms:
                spelled.setdefault(term, {}).setdefault(word, 0)
                spelled[term][word] += count
    count = len(refs)
    average = [sum(row[i] for row in lengths) / count if count else 0 for i in range(len(FIELDS))]
    out = {
        META: script("PMO_SEARCH_META", None, {
            "fields": list(FIELDS), "prefix": PREFIX, "files": files, "docs": list(doc_keys),
            "refs": refs, "lengths": lengths, "average": average, "shards": sorted(shards),
            "pairShards": sorted(pair_shards),
        }),
    }
    for name, found in pair_shards.items():
        out[f"{SEARCH_DIR}/pairs/{name}.js"] = script(
            "PMO_SEARCH_PAIRS", name, {field: dict(sorted(entries.items())) for field, entries in found.items()})
    for name, entries in shards.items():
        # each term's commonest word, when it is not the term itself (what "did you mean" shows)
        words_of = {term: max(spelled[term].items(), key=lambda item: (item[1], item[0]))[0]
                    for term in entries if term in spelled}
        out[f"{SEARCH_DIR}/terms/{name}.js"] = script(
            "PMO_SEARCH_TERMS", name, {"entries": sorted(entries.items()), "words": dict(sorted(words_of.items()))})
    return out


def search_facets(catalogue: Mapping) -> dict[str, bytes]:
    """The facets search results can be filtered by (from the catalogue: pipeline.web.catalogue):
    ``assets/search/facets.js``, each facet's values and each document's values (their slugs)."""
    facets = [{"key": f["key"], "label": f["label"], "values": [[v["n"], v["label"]] for v in f["values"]]}
              for f in catalogue["facets"]]
    docs = {d["key"]: d["facets"] for d in catalogue["documents"]}
    return {f"{SEARCH_DIR}/facets.js": script("PMO_SEARCH_FACETS", None, {"facets": facets, "docs": docs})}
