"""The search index of the web edition: MiniSearch's index format, split by the first letters of each term.

Three kinds of scripts (scripts, not JSON, so that search works from file:// as over HTTP):

- per TEI file, made with its pages: ``assets/search/store/<file>.js``, its passages (address, title,
  date, reading text, diplomatic-only words), loaded only for the results shown; and
  ``assets/search/postings/<file>.js``, its terms (term -> passages, field, frequency);
- for the edition, from every file's postings (`search_index`, streaming): ``assets/search/meta.js`` (where
  each file's and each document's passages begin, the average field lengths, and the names of the shards),
  ``assets/search/terms/<prefix>.js``, the terms that begin with those letters, with the field lengths of
  the passages they name, and ``assets/search/pairs/<prefix>.js``, the word pairs (see `pairs`) whose first
  term begins with those letters, with their passages: a phrase is answered from them, without reading
  the passages' text. ``search.html`` loads meta.js, then only the shards of the query's terms, and hands
  them to MiniSearch (npm ``minisearch``, ``MiniSearch.loadJS``); ``assets/search/docs.js`` (the
  documents' keys) and ``facets.js`` only once results are shown, for the facets.

Terms are made the same way here and in the browser (xslt/web/assets/search-terms.js): lower case,
a possessive ``'s`` dropped, split at anything but letters and digits, lunr's English stop words left
out, then lunr's Porter stemmer (lunr.py here, lunr.js there: the same algorithm).
"""

from __future__ import annotations

import json
import re
import tempfile
from array import array
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

#: The fields of a passage, in MiniSearch's field-id order. `dipl`: words of the diplomatic layer only
#: (deleted text, original spellings): searched unless the reader asks for the reading text alone.
FIELDS = ("title", "meta", "text", "dipl")
#: Where the scripts go.
SEARCH_DIR = "assets/search"
META = f"{SEARCH_DIR}/meta.js"
#: The documents' keys, by the numbers meta.js gives them: loaded only to filter results by facets.
DOCS = f"{SEARCH_DIR}/docs.js"
#: A term shard holds the terms beginning with the same PREFIX letters; one bigger than SHARD_BYTES holds
#: only those that no shard of one letter more (made of its terms) holds, and so on.
PREFIX = 2
SHARD_BYTES = 48_000
#: The index's vocabulary (each term, its commonest word, its number of passages): for "did you mean",
#: loaded only when a word searched for is not in the index.
VOCABULARY = f"{SEARCH_DIR}/vocabulary.js"

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


def shard_name(term: str, length: int = PREFIX) -> str:
    """The name of the shard of the terms beginning with a term's first `length` letters (PREFIX at first;
    a shard too big is split by one letter more), spelled safely for a URL."""
    return "".join(ch if ch.isascii() and ch.isalnum() else f"_{ord(ch):x}" for ch in term[:length])


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
    """The edition's index from every file's postings script (file key -> bytes): meta.js, docs.js and the shards.

    Passages are numbered across the edition in the order of the files' keys, then of each file's
    passages (a document's passages stand together); meta.js gives where each file's and each document's
    passages begin, so that a passage's file and document are found from its number. A term's entry is
    MiniSearch's: ``[term, {field id: {passage number: frequency}}]``; its shard also gives the field
    lengths of the passages it names (BM25 needs them), so that no file of the whole edition's passages is
    loaded by a search.

    Made streaming: each file's postings are read in turn and spilled, shard by shard, into a temporary
    folder; then each shard is made from its spill alone. No more than one file's postings and one
    shard are held at a time (besides the field lengths, four numbers a passage).
    """
    files = sorted(postings)
    file_start: list[int] = []
    doc_start: list[int] = []
    doc_keys: list[str] = []
    lengths = array("I")  # four a passage, FIELDS' order
    with tempfile.TemporaryDirectory(prefix="pmo-search-") as folder:
        spill = _Spill(Path(folder))
        for key in files:
            data = read_script(postings[key])
            base = len(lengths) // len(FIELDS)
            file_start.append(base)
            for local, (doc_key, field_lengths) in enumerate(data["docs"]):
                if local == 0 or doc_keys[-1] != doc_key:  # a document's passages stand together
                    doc_start.append(base + local)
                    doc_keys.append(doc_key)
                lengths.extend(field_lengths)
            for term, entries in data["terms"].items():
                spill.add("terms", shard_name(term), "".join(
                    f"{term}\t{field}\t{base + local}\t{count}\n" for local, field, count in entries))
            for field, found in data.get("pairs", {}).items():
                for pair, locals_ in found.items():
                    spill.add("pairs", shard_name(pair.split("/", 1)[0]), "".join(
                        f"{field}\t{pair}\t{base + local}\n" for local in locals_))
            for term, forms in data.get("words", {}).items():
                spill.add("words", shard_name(term), "".join(f"{term}\t{word}\t{count}\n" for word, count in forms))
        spill.flush()
        count = len(lengths) // len(FIELDS)
        totals = [sum(lengths[i::len(FIELDS)]) for i in range(len(FIELDS))]
        pair_shards = spill.names("pairs")
        meta = {"fields": list(FIELDS), "prefix": PREFIX, "files": files, "count": count,
                "fileStart": file_start, "docStart": doc_start,
                "average": [total / count if count else 0 for total in totals], "pairShards": pair_shards}
        out = {DOCS: script("PMO_SEARCH_DOCS", None, doc_keys)}
        for name in pair_shards:
            found: dict[str, dict[str, list[int]]] = {"x": {}, "y": {}}
            for field, pair, ref in spill.rows("pairs", name):
                found.setdefault(field, {}).setdefault(pair, []).append(int(ref))
            out[f"{SEARCH_DIR}/pairs/{name}.js"] = script(
                "PMO_SEARCH_PAIRS", name, {field: dict(sorted(entries.items())) for field, entries in found.items()})
        names = []
        vocabulary = []
        for name in spill.names("terms"):
            for shard, entries, words_of in _split(_term_entries(spill, name), PREFIX):
                names.append(shard)
                out[f"{SEARCH_DIR}/terms/{shard}.js"] = script("PMO_SEARCH_TERMS", shard, {
                    "entries": entries, "words": words_of, "lengths": _lengths(entries, lengths)})
                vocabulary += [[term, words_of.get(term, ""), len({ref for found in fields.values() for ref in found})]
                               for term, fields in entries]
        out[META] = script("PMO_SEARCH_META", None, {**meta, "shards": sorted(names)})
        out[VOCABULARY] = script("PMO_SEARCH_VOCABULARY", None, sorted(vocabulary))
    return out


def _term_entries(spill: _Spill, name: str) -> tuple[list, dict[str, str]]:
    """The terms of a spilled shard as MiniSearch's entries, in order, and each term's commonest word when
    it is not the term itself (what "did you mean" shows)."""
    entries: dict[str, dict[str, dict[str, int]]] = {}
    for term, field, ref, count in spill.rows("terms", name):
        entries.setdefault(term, {}).setdefault(field, {})[ref] = int(count)
    spelled: dict[str, dict[str, int]] = {}
    for term, word, count in spill.rows("words", name):
        if term in entries:
            forms = spelled.setdefault(term, {})
            forms[word] = forms.get(word, 0) + int(count)
    words_of = {term: max(forms.items(), key=lambda item: (item[1], item[0]))[0] for term, forms in spelled.items()}
    return sorted(entries.items()), dict(sorted(words_of.items()))


def _split(shard: tuple[list, dict[str, str]], length: int) -> list[tuple[str, list, dict[str, str]]]:
    """A shard of the terms beginning with the same `length` letters, split while it is bigger than
    SHARD_BYTES: the term that is those letters stays, the others go to shards of one letter more (split
    in turn). (name, entries, words) of each shard made."""
    entries, words_of = shard
    if len(script_json(entries)) <= SHARD_BYTES or all(len(term) <= length for term, _ in entries):
        return [(shard_name(entries[0][0], length), entries, words_of)]
    groups: dict[str, list] = {}
    for entry in entries:
        groups.setdefault(entry[0][:length + 1], []).append(entry)
    made = []
    for prefix, group in groups.items():
        words = {term: words_of[term] for term, _ in group if term in words_of}
        made += [(shard_name(prefix, length), group, words)] if len(prefix) <= length else _split((group, words), length + 1)
    return made


def _lengths(entries: list, lengths: array) -> list[int]:
    """The field lengths of the passages the entries name, as one list: for each passage in order, the
    difference of its number from the one before, then its FIELDS' lengths."""
    width = len(FIELDS)
    refs = sorted({int(ref) for _, fields in entries for found in fields.values() for ref in found})
    flat, previous = [], 0
    for ref in refs:
        flat.append(ref - previous)
        flat.extend(lengths[ref * width:(ref + 1) * width])
        previous = ref
    return flat


class _Spill:
    """Lines kept in files of a folder, one file a (kind, shard), written a few MB at a time."""

    LIMIT = 4_000_000  # characters held before they are written

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.held: dict[tuple[str, str], list[str]] = {}
        self.size = 0
        self.written: dict[str, set[str]] = {}

    def add(self, kind: str, shard: str, lines: str) -> None:
        self.held.setdefault((kind, shard), []).append(lines)
        self.written.setdefault(kind, set()).add(shard)
        self.size += len(lines)
        if self.size > self.LIMIT:
            self.flush()

    def flush(self) -> None:
        for (kind, shard), parts in self.held.items():
            with open(self.folder / f"{kind}-{shard}.tsv", "a", encoding="utf-8") as out:
                out.writelines(parts)
        self.held, self.size = {}, 0

    def names(self, kind: str) -> list[str]:
        return sorted(self.written.get(kind, ()))

    def rows(self, kind: str, shard: str) -> Iterable[list[str]]:
        path = self.folder / f"{kind}-{shard}.tsv"
        if not path.is_file():
            return
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                yield line.rstrip("\n").split("\t")


def search_facets(catalogue: Mapping) -> dict[str, bytes]:
    """The facets search results can be filtered by (from the catalogue: pipeline.web.catalogue):
    ``assets/search/facets.js``, each facet's values and each document's values (their slugs)."""
    facets = [{"key": f["key"], "label": f["label"], "values": [[v["n"], v["label"]] for v in f["values"]]}
              for f in catalogue["facets"]]
    docs = {d["key"]: d["facets"] for d in catalogue["documents"]}
    return {f"{SEARCH_DIR}/facets.js": script("PMO_SEARCH_FACETS", None, {"facets": facets, "docs": docs})}
