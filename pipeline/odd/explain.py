"""Explain why a document is invalid against a compiled RELAX NG grammar, naming what was expected.

libxml2 gives a verdict fast but terse messages ("Did not expect element p there").
This module reads the grammar the ODD compiler writes (defines of elements, classes
and macros; attributes with value lists and datatypes) into regular expressions over
child element names, and walks the document with Brzozowski derivatives: at the first
child that does not fit, it knows every element (or the end) that would have.

It reads only the RELAX NG this project's compiler writes; other grammars may use
patterns (interleave, attribute wildcards) it does not know, and are refused.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
ANNOTATIONS = "http://relaxng.org/ns/compatibility/annotations/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
WORD_PATTERN = r"[^\p{C}\p{Z}]+"

# ---------------------------------------------------------------- regular expressions over element names


class Node:
    """A regular expression over child element names, hash-consed: equal expressions are the same object."""

    __slots__ = ("kind", "name", "items", "nullable", "__weakref__")
    _table: dict = {}

    def __new__(cls, kind: str, name: str | None = None, items: tuple = ()):
        key = (kind, name, tuple(id(i) for i in items) if kind != "alt" else frozenset(id(i) for i in items))
        found = cls._table.get(key)
        if found is not None:
            return found
        node = super().__new__(cls)
        node.kind, node.name, node.items = kind, name, items
        if kind in ("empty", "star"):
            node.nullable = True
        elif kind in ("null", "sym"):
            node.nullable = False
        elif kind == "seq":
            node.nullable = items[0].nullable and items[1].nullable
        else:
            node.nullable = any(i.nullable for i in items)
        cls._table[key] = node
        return node


EMPTY = Node("empty")
NULL = Node("null")


def sym(name: str) -> Node:
    return Node("sym", name)


def seq(a: Node, b: Node) -> Node:
    if a is NULL or b is NULL:
        return NULL
    if a is EMPTY:
        return b
    if b is EMPTY:
        return a
    return Node("seq", None, (a, b))


def alt(*items: Node) -> Node:
    flat: dict[int, Node] = {}
    for item in items:
        if item is NULL:
            continue
        for member in item.items if item.kind == "alt" else (item,):
            flat[id(member)] = member
    if not flat:
        return NULL
    if len(flat) == 1:
        return next(iter(flat.values()))
    return Node("alt", None, tuple(sorted(flat.values(), key=id)))


def star(p: Node) -> Node:
    if p is EMPTY or p is NULL:
        return EMPTY
    if p.kind == "star":
        return p
    return Node("star", None, (p,))


def nullable(p: Node) -> bool:
    return p.nullable


@lru_cache(maxsize=None)
def derive(p: Node, name: str) -> Node:
    """What remains of `p` after a child element called `name`."""
    kind = p.kind
    if kind in ("empty", "null"):
        return NULL
    if kind == "sym":
        return EMPTY if p.name == name else NULL
    if kind == "seq":
        first = seq(derive(p.items[0], name), p.items[1])
        return alt(first, derive(p.items[1], name)) if p.items[0].nullable else first
    if kind == "star":
        return seq(derive(p.items[0], name), p)
    return alt(*(derive(i, name) for i in p.items))


@lru_cache(maxsize=None)
def firsts(p: Node) -> frozenset[str]:
    """The element names `p` can start with."""
    kind = p.kind
    if kind in ("empty", "null"):
        return frozenset()
    if kind == "sym":
        return frozenset([p.name])
    if kind == "seq":
        return firsts(p.items[0]) | firsts(p.items[1]) if p.items[0].nullable else firsts(p.items[0])
    if kind == "star":
        return firsts(p.items[0])
    return frozenset().union(*(firsts(i) for i in p.items))


# ---------------------------------------------------------------- the grammar


@dataclass(frozen=True)
class AttributeRule:
    """One attribute of an element: whether it is required, how to check a value, what is expected."""

    name: str  # as written in messages: "type", "xml:id"
    required: bool
    check: Callable[[str], bool]
    expected: str  # in words: 'one of "a", "b"' or 'a date (xs:date)'


@dataclass(frozen=True)
class ElementRule:
    name: str
    content: Node
    text: bool  # whether the content allows text
    attributes: dict[str, AttributeRule]


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located at an element (and an attribute of it, or its text)."""

    element: etree._Element
    attribute: str | None  # the attribute's name as written in the document
    what: str  # "element", "attribute", "text", "content"
    message: str
    expected: tuple[str, ...]
    after: etree._Element | None = None  # for text: the child whose tail it is (None: before the first child)


class GrammarError(ValueError):
    """The RELAX NG uses a pattern this module does not read."""


class Grammar:
    """A compiled RELAX NG grammar read for explaining errors."""

    def __init__(self, rng: Path | str | bytes) -> None:
        data = Path(rng).read_bytes() if not isinstance(rng, bytes) else rng
        root = etree.fromstring(data)
        self.namespace = root.get("ns", "")
        self.defines = {d.get("name"): d for d in root.iter(f"{{{RNG}}}define")}
        start = root.find(f"{{{RNG}}}start")
        self.start = self._pattern(start, set())[0]
        self._checked: dict[tuple[str, str, str], bool] = {}  # (element, attribute, value) -> valid: values repeat
        self.elements: dict[str, ElementRule] = {}
        for name, define in self.defines.items():
            element = define.find(f"{{{RNG}}}element")
            if element is not None:
                self.elements[element.get("name")] = self._element(element)

    # -- reading patterns

    def _children(self, node: etree._Element) -> list[etree._Element]:
        return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]

    def _is_element_define(self, name: str) -> bool:
        return self.defines[name].find(f"{{{RNG}}}element") is not None

    def _pattern(self, node: etree._Element, seen: set[str]) -> tuple[Node, bool]:
        """A group of child patterns as (regular expression, whether text is allowed)."""
        parts = [self._one(c, seen) for c in self._children(node) if etree.QName(c).localname != "attribute"]
        expression = EMPTY
        text = False
        for part, allows_text in parts:
            expression = seq(expression, part)
            text = text or allows_text
        return expression, text

    def _one(self, node: etree._Element, seen: set[str]) -> tuple[Node, bool]:
        local = etree.QName(node).localname
        if local == "ref":
            name = node.get("name")
            if name not in self.defines:
                raise GrammarError(f"ref to undefined {name}")
            if self._is_element_define(name):
                return sym(self.defines[name].find(f"{{{RNG}}}element").get("name")), False
            if name in seen:
                raise GrammarError(f"recursive define {name}")
            return self._pattern(self.defines[name], seen | {name})
        if local in ("group", "start", "define"):
            return self._pattern(node, seen)
        if local == "choice":
            options = [self._one(c, seen) for c in self._children(node)]
            return alt(*(o[0] for o in options)), any(o[1] for o in options)
        if local in ("optional", "zeroOrMore", "oneOrMore"):
            inner, text = self._pattern(node, seen)
            if local == "optional":
                return alt(inner, EMPTY), text
            if local == "zeroOrMore":
                return star(inner), text
            return seq(inner, star(inner)), text
        if local == "text":
            return EMPTY, True
        if local == "empty":
            return EMPTY, False
        if local == "notAllowed":
            return NULL, False
        if local == "element":
            return sym(node.get("name")), False
        if local == "attribute":
            return EMPTY, False
        raise GrammarError(f"<{local}> is not a pattern this explainer reads")

    def _element(self, node: etree._Element) -> ElementRule:
        content, text = self._pattern(node, set())
        attributes: dict[str, AttributeRule] = {}
        for attribute in node.iter(f"{{{RNG}}}attribute"):
            required = etree.QName(attribute.getparent()).localname != "optional"
            local = attribute.get("name")
            name = f"xml:{local}" if attribute.get("ns") == XML_NS else local
            check, expected = _value_rule([c for c in self._children(attribute)][0])
            attributes[name] = AttributeRule(name, required, check, expected)
        return ElementRule(node.get("name"), content, text, attributes)

    # -- explaining

    def explain(self, root: etree._Element) -> list[Problem]:
        """Everything the grammar finds wrong with the document whose root element is `root`."""
        problems: list[Problem] = []
        name = self._name(root)
        if name is None or name not in self.elements or derive(self.start, name) == NULL:
            expected = tuple(f"<{n}>" for n in sorted(firsts(self.start)))
            problems.append(Problem(root, None, "element", f"the root element <{_written(root)}> is not allowed: {self._unknown(root) if name is None or name not in self.elements else 'it cannot be the root'}", expected))
            return problems
        self._check(root, problems)
        return problems

    def explain_fragment(self, element: etree._Element) -> list[Problem]:
        """What the grammar finds wrong with `element` and its content, wherever it stands (for examples)."""
        name = self._name(element)
        if name is None or name not in self.elements:
            return [Problem(element, None, "element", f"<{_written(element)}> is not an element of this schema: {self._unknown(element)}", ())]
        problems: list[Problem] = []
        self._check(element, problems)
        return problems

    def _name(self, element: etree._Element) -> str | None:
        tag = element.tag
        if self.namespace:
            prefix = self._prefix
            return tag[len(prefix):] if tag.startswith(prefix) else None
        return tag if isinstance(tag, str) and not tag.startswith("{") else None

    @property
    def _prefix(self) -> str:
        return f"{{{self.namespace}}}"

    def _unknown(self, element: etree._Element) -> str:
        namespace = etree.QName(element).namespace or ""
        if namespace != self.namespace:
            where = f"the namespace {namespace}" if namespace else "no namespace"
            return f"it is in {where}, not in the schema's namespace {self.namespace}"
        return "the schema defines no such element"

    def _check(self, element: etree._Element, problems: list[Problem]) -> None:
        rule = self.elements[self._name(element)]
        self._check_attributes(element, rule, problems)
        state = rule.content
        previous: str | None = None
        reported = False
        stray = not rule.text and self._stray_text(element, None, element.text, state, rule, previous, problems)
        for child in element:
            if not isinstance(child.tag, str):
                if not stray and not rule.text:
                    stray = self._stray_text(element, child, child.tail, state, rule, previous, problems)
                continue
            name = self._name(child)
            if not reported:
                after = f"after <{previous}>" if previous else "as its first child"
                if name is None or name not in self.elements:
                    expected = self._expected(state, rule)
                    problems.append(Problem(child, None, "element", f"element <{_written(child)}> is not allowed here in <{rule.name}> ({after}): {self._unknown(child)}", expected))
                    reported = True
                else:
                    following = derive(state, name)
                    if following == NULL:
                        problems.append(Problem(child, None, "element", f"element <{name}> is not allowed here in <{rule.name}> ({after})", self._expected(state, rule)))
                        reported = True
                    else:
                        state = following
            if name is not None and name in self.elements and not (reported and problems[-1].element is child):
                self._check(child, problems)  # an element not allowed here is one fault: its content is not checked too
            previous = name or _written(child)
            if not stray and not rule.text:
                stray = self._stray_text(element, child, child.tail, state, rule, previous, problems)
        if not reported and not nullable(state):
            after = f"after <{previous}>" if previous else "but it has no child elements"
            problems.append(Problem(element, None, "content", f"<{rule.name}> is incomplete ({after})", self._expected(state, rule, end=False)))

    def _stray_text(self, element, after, text, state: Node, rule: ElementRule, previous: str | None, problems: list[Problem]) -> bool:
        """Report text where the content allows none, located at the text, with what may stand there; True if reported."""
        if not text or not text.strip():
            return False
        sample = " ".join(text.split())
        sample = sample if len(sample) <= 30 else sample[:29] + "…"
        if rule.content == EMPTY:
            problems.append(Problem(element, None, "text", f'text "{sample}" is not allowed in <{rule.name}>, which must be empty', (f"the end of <{rule.name}>",), after))
        else:
            where = f"after <{previous}>" if previous else "before its first child"
            problems.append(Problem(element, None, "text", f'text "{sample}" is not allowed here in <{rule.name}> ({where}), which holds elements only', self._expected(state, rule), after))
        return True

    def _expected(self, state: Node, rule: ElementRule, end: bool = True) -> tuple[str, ...]:
        names = [f"<{n}>" for n in sorted(firsts(state), key=str.lower)]
        if rule.text:
            names.append("text")
        if end and nullable(state):
            names.append(f"the end of <{rule.name}>")
        return tuple(names)

    def _check_attributes(self, element: etree._Element, rule: ElementRule, problems: list[Problem]) -> None:
        present = set()
        checked = self._checked
        for key, value in element.attrib.items():
            if key[0] != "{":
                name = key
            elif key.startswith(_XML_PREFIX):
                name = "xml:" + key[len(_XML_PREFIX):]
            else:
                name = key
            present.add(name)
            attribute = rule.attributes.get(name)
            if attribute is not None:
                verdict = checked.get((rule.name, name, value))
                if verdict is None:
                    if len(checked) > 100_000:
                        checked.clear()
                    verdict = checked[(rule.name, name, value)] = attribute.check(value)
                if verdict:
                    continue
            if attribute is None:
                allowed = tuple(f"@{a}" for a in rule.attributes if a not in element.attrib and a not in present)
                problems.append(Problem(element, key, "attribute", f"attribute @{name} is not allowed on <{rule.name}>", allowed))
            elif not attribute.check(value):
                shown = " ".join(value.split())
                shown = shown if len(shown) <= 40 else shown[:39] + "…"
                problems.append(Problem(element, key, "attribute", f'@{name}="{shown}" on <{rule.name}> is not a valid value; expected {attribute.expected}', ()))
        for name, attribute in rule.attributes.items():
            if attribute.required and name not in present:
                problems.append(Problem(element, None, "attribute", f"<{rule.name}> lacks the required attribute @{name}; expected {attribute.expected}", ()))


_XML_PREFIX = f"{{{XML_NS}}}"


def _written(element: etree._Element) -> str:
    qname = etree.QName(element)
    return f"{element.prefix}:{qname.localname}" if element.prefix else qname.localname


# ---------------------------------------------------------------- attribute values


def _value_rule(node: etree._Element) -> tuple[Callable[[str], bool], str]:
    local = etree.QName(node).localname
    if local == "value":
        expected_value = " ".join((node.text or "").split())
        return (lambda v, e=expected_value: " ".join(v.split()) == e), f'"{expected_value}"'
    if local == "data":
        return _data_rule(node)
    if local == "choice":
        rules = [_value_rule(c) for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
        values = [r[1] for r in rules]
        if all(v.startswith('"') for v in values):
            words = "one of " + ", ".join(values)
        else:
            words = " or ".join(values)
        return (lambda v, rs=rules: any(r[0](v) for r in rs)), words
    if local == "list":
        inner = node.find(f".//{{{RNG}}}oneOrMore")
        target = inner if inner is not None else node
        item_check, item_words = _value_rule([c for c in target if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")][0])
        return (lambda v: bool(v.split()) and all(item_check(i) for i in v.split())), f"one or more, separated by spaces, of {item_words}"
    if local == "text":
        return (lambda v: True), "any text"
    raise GrammarError(f"<{local}> is not a value pattern this explainer reads")


_TYPE_WORDS = {
    "ID": "an identifier (a name without spaces or colons, not starting with a digit)",
    "NCName": "a name without spaces or colons",
    "Name": "an XML name",
    "anyURI": "a URI reference",
    "date": "an ISO date YYYY-MM-DD",
    "dateTime": "an ISO date and time YYYY-MM-DDThh:mm:ss",
    "gYear": "a year YYYY",
    "gYearMonth": "a year and month YYYY-MM",
    "language": "a language tag such as en or en-GB",
    "nonNegativeInteger": "a whole number (0 or more)",
    "token": "a token",
    "string": "any text",
}


#: Patterns of the ODD's datatypes, in words.
_PATTERN_WORDS = {r"\S+": "not empty and without spaces (such as #hand-CDP)"}


_NAME_START = (
    ":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
    "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF"
)
_NAME_MORE = _NAME_START + r"\-.0-9\u00B7\u0300-\u036F\u203F-\u2040"
_TIMEZONE = r"(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)?"
_LEXICAL = {
    "Name": f"[{_NAME_START}][{_NAME_MORE}]*",
    "NCName": f"[{_NAME_START.replace(':', '')}][{_NAME_MORE.replace(':', '')}]*",
    "ID": f"[{_NAME_START.replace(':', '')}][{_NAME_MORE.replace(':', '')}]*",
    "language": r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*",
    "nonNegativeInteger": r"\+?\d+",
    "gYear": r"-?\d{4,}" + _TIMEZONE,
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])" + _TIMEZONE,
    "date": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])" + _TIMEZONE,
    "dateTime": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?" + _TIMEZONE,
}


def _lexically_valid(kind: str, value: str) -> bool:
    """Whether `value` is in the lexical space of the XML Schema type `kind` (dates checked for real days)."""
    import re

    if kind in ("string", "token", "anyURI", "normalizedString"):
        return True
    collapsed = " ".join(value.split())
    lexical = _LEXICAL.get(kind)
    if lexical is None:
        import xmlschema  # heavy, and only for types the ODD compiler's own schemas do not use

        return xmlschema.XMLSchema.builtin_types()[kind].is_valid(value)
    if re.fullmatch(lexical, collapsed) is None:
        return False
    if kind in ("date", "dateTime"):
        import calendar

        year, month, day = (int(part) for part in re.match(r"(-?\d+)-(\d\d)-(\d\d)", collapsed).groups())
        return day <= calendar.monthrange(year if year > 0 else 2000, month)[1]
    return True


@lru_cache(maxsize=None)
def _pattern(pattern: str):
    """An XML Schema regular expression as a Python one (plain ones directly, others through elementpath)."""
    import re

    if not re.search(r"\\[pPicIC]|-\[", pattern):
        try:
            return re.compile(pattern)
        except re.error:
            pass
    from elementpath.regex import translate_pattern  # heavy: only for Unicode classes and subtractions

    return re.compile(translate_pattern(pattern, anchors=False))


def _data_rule(node: etree._Element) -> tuple[Callable[[str], bool], str]:
    kind = node.get("type")
    param = node.find(f"{{{RNG}}}param[@name='pattern']")
    pattern = param.text if param is not None else None
    words = _TYPE_WORDS.get(kind, f"a value of type {kind}")
    if pattern == WORD_PATTERN:
        words = "a single word (no spaces)"
    elif pattern in _PATTERN_WORDS:
        words = f"{words}, {_PATTERN_WORDS[pattern]}"
    elif pattern:
        words = f"{words} matching {pattern}"

    def check(value: str) -> bool:
        if not _lexically_valid(kind, value):
            return False
        if pattern is not None:
            normalised = " ".join(value.split()) if kind != "string" else value
            if pattern == WORD_PATTERN:  # the TEI's one-word pattern, checked without a regex engine
                return bool(normalised) and all(unicodedata.category(c)[0] not in "CZ" for c in normalised)
            return _pattern(pattern).fullmatch(normalised) is not None
        return True

    return check, words
