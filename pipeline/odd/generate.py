"""Random documents valid against a compiled RELAX NG grammar, and one-change mutants of them.

For conformance tests: ``Generator(rng_path, seed)`` walks the grammar (elements,
attributes, choice, group, optional, zeroOrMore, oneOrMore, list, text, empty, data with a
pattern, value) and writes a document at every step by a seeded random choice, taking the
cheapest branch once a document is deep or large enough, so every walk ends. Values are
drawn from small pools per XML Schema type and checked against the data's pattern; IDs
are unique. ``mutate(document, rng)`` makes one random change that may or may not break
the grammar (the tests ask jing which).
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
INFINITE = 10**6

#: Candidate values per XML Schema type (each checked against the data's pattern before use).
POOLS = {
    "token": ["alpha", "x1", "b-2", "Δέλτα"],
    "string": ["", "some text", "PREM 19", "21 December 1988"],
    "anyURI": ["#ID", "https://example.org/a", "a/b.xml"],
    "language": ["en", "ru", "en-GB"],
    "Name": ["pipeline", "x.y", "a-1"],
    "NCName": ["pipeline", "a-1"],
    "nonNegativeInteger": ["0", "1", "42"],
    "date": ["1988-12-21", "1989-01-02", "2016-12-13+01:00"],
    "dateTime": ["1988-12-21T21:30:00Z", "1989-01-02T09:00:00"],
    "gYear": ["1988", "1989"],
    "gYearMonth": ["1988-12", "1989-01"],
}
#: Values for patterns no pool entry matches.
PATTERN_VALUES = {r"[\d]+[a-z]*[\d]*(\.[\d]+[a-z]*[\d]*){0,3}": ["0.1.0", "2", "1.2a3"]}
TEXTS = ["PRIME MINISTER", "Agree?", "21/xii", "Yours sincerely", "кукчен", " "]


def _children(node: etree._Element) -> list[etree._Element]:
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]


def _local(node: etree._Element) -> str:
    return node.tag[len(RNG) + 2 :]


@lru_cache(maxsize=None)
def _regex(pattern: str):
    from elementpath.regex import translate_pattern

    return re.compile(translate_pattern(pattern, anchors=False))


class Generator:
    """Seeded random documents valid against the RELAX NG grammar at `rng_path` (XML syntax, one file)."""

    def __init__(self, rng_path: Path | str, seed: int = 0, max_depth: int = 7, max_elements: int = 150) -> None:
        grammar = etree.parse(str(rng_path)).getroot()
        # Costs are keyed by id(): keep every node's proxy alive so lxml hands out the same one each time.
        self._nodes = [n for n in grammar.iter() if isinstance(n.tag, str)]
        self.namespace = grammar.get("ns", "")
        self.defines = {d.get("name"): d for d in grammar.iter(f"{{{RNG}}}define")}
        self.start = grammar.find(f"{{{RNG}}}start")
        self.random = random.Random(seed)
        self.max_depth = max_depth
        self.max_elements = max_elements
        self._cost: dict[int, int] = {}
        self._costs()

    # ------------------------------------------------------------ the cheapest way through

    def _costs(self) -> None:
        """The fewest elements each pattern needs (fixpoint over the defines: recursion costs infinity)."""
        changed = True
        while changed:
            changed = False
            for node in self.start.iter(f"{{{RNG}}}*"):
                changed |= self._update(node)
            for define in self.defines.values():
                for node in define.iter(f"{{{RNG}}}*"):
                    changed |= self._update(node)

    def cost(self, node: etree._Element) -> int:
        return self._cost.get(id(node), INFINITE)

    def _update(self, node: etree._Element) -> bool:
        local = _local(node)
        kids = _children(node)
        if local in ("optional", "zeroOrMore", "empty", "text", "data", "value", "list", "attribute", "param"):
            value = 0
        elif local == "notAllowed":
            value = INFINITE
        elif local == "ref":
            value = min(INFINITE, sum(self.cost(c) for c in _children(self.defines[node.get("name")])) if node.get("name") in self.defines else INFINITE)
        elif local == "choice":
            value = min((self.cost(c) for c in kids), default=INFINITE)
        elif local == "element":
            value = min(INFINITE, 1 + sum(self.cost(c) for c in kids))
        else:  # group, oneOrMore, define, start, interleave
            value = min(INFINITE, sum(self.cost(c) for c in kids))
        node_id = id(node)
        if self._cost.get(node_id) != value:
            self._cost[node_id] = value
            return True
        return False

    # ------------------------------------------------------------ documents

    def document(self) -> etree._ElementTree:
        """One random document valid against the grammar."""
        self.ids = 0
        self.elements = 0
        holder = etree.Element("holder")
        self._pattern(_children(self.start)[0], holder, 0)
        root = holder[0]
        for node in root.iter():
            if isinstance(node.tag, str):
                for name, value in node.attrib.items():
                    if value == "#ID":  # a pointer: to an element of the document where one has an id
                        node.set(name, f"#{self._some_id(root)}")
        return etree.ElementTree(root)

    def _some_id(self, root: etree._Element) -> str:
        ids = root.xpath("//@xml:id")
        return str(self.random.choice(ids)) if ids else "nowhere"

    def _tight(self, depth: int) -> bool:
        return depth >= self.max_depth or self.elements >= self.max_elements

    def _pattern(self, node: etree._Element, parent: etree._Element, depth: int) -> None:
        local = _local(node)
        kids = _children(node)
        tight = self._tight(depth)
        if local == "element":
            self.elements += 1
            tag = f"{{{self.namespace}}}{node.get('name')}" if self.namespace else node.get("name")
            element = etree.SubElement(parent, tag, nsmap={None: self.namespace} if self.namespace and parent.tag == "holder" else None)
            for kid in kids:
                self._pattern(kid, element, depth + 1)
        elif local == "ref":
            for kid in _children(self.defines[node.get("name")]):
                self._pattern(kid, parent, depth)
        elif local == "group":
            for kid in kids:
                self._pattern(kid, parent, depth)
        elif local == "choice":
            finite = [k for k in kids if self.cost(k) < INFINITE]
            if tight:
                finite = [min(finite, key=self.cost)]
            self._pattern(self.random.choice(finite), parent, depth)
        elif local in ("optional", "zeroOrMore", "oneOrMore"):
            low = 1 if local == "oneOrMore" else 0
            high = 1 if local == "optional" else 3
            if tight or any(self.cost(k) >= INFINITE for k in kids):
                count = low
            else:
                count = self.random.randint(low, high) if self.random.random() < 0.6 else low
            for _ in range(count):
                for kid in kids:
                    self._pattern(kid, parent, depth)
        elif local == "attribute":
            name = node.get("name")
            if node.get("ns") == XML_NS:
                name = f"{{{XML_NS}}}{name}"
            if parent.get(name) is None:
                parent.set(name, self._value(kids[0] if kids else None, name))
        elif local == "text":
            if self.random.random() < 0.7:
                text = self.random.choice(TEXTS)
                if len(parent):
                    parent[-1].tail = (parent[-1].tail or "") + text
                else:
                    parent.text = (parent.text or "") + text
        elif local in ("empty", "notAllowed"):
            return
        else:
            raise ValueError(f"the generator does not handle rng:{local}")

    def _value(self, node: etree._Element | None, name: str) -> str:
        if node is None:
            return "x"
        local = _local(node)
        if local == "choice":
            return self._value(self.random.choice(_children(node)), name)
        if local == "value":
            return node.text or ""
        if local == "list":
            inner = _children(node)[0]
            item = _children(inner)[0] if _local(inner) in ("oneOrMore", "zeroOrMore") else inner
            count = self.random.randint(1, 2) if _local(inner) == "oneOrMore" else 1
            values = [self._value(item, name) for _ in range(count)]
            return " ".join(dict.fromkeys(values))
        if local == "text":
            return self.random.choice(POOLS["string"])
        if local == "data":
            kind = node.get("type")
            if kind == "ID":
                self.ids += 1
                return f"id{self.ids}"
            param = node.find(f"{{{RNG}}}param[@name='pattern']")
            pattern = param.text if param is not None else None
            pool = PATTERN_VALUES.get(pattern) or POOLS.get(kind, ["x"])
            fitting = [v for v in pool if pattern is None or _regex(pattern).fullmatch(v if kind == "string" else " ".join(v.split()))]
            if not fitting:
                raise ValueError(f"no value of type {kind} matches {pattern}")
            return self.random.choice(fitting)
        raise ValueError(f"the generator does not handle rng:{local} in a value")


# ---------------------------------------------------------------- mutants

BAD_VALUES = ["", "x y", "bogus", "1988-02-30", "#", "-1"]


def mutate(tree: etree._ElementTree, rng: random.Random, names: list[str]) -> tuple[etree._ElementTree, str]:
    """A copy of `tree` with one random change, and what the change was."""
    tree = etree.ElementTree(etree.fromstring(etree.tostring(tree)))
    root = tree.getroot()
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    target = rng.choice(elements)
    namespace = etree.QName(root).namespace
    kind = rng.choice(["value", "attribute", "insert", "remove", "text", "rename"])
    if kind == "value" and target.attrib:
        name = rng.choice(list(target.attrib))
        value = rng.choice(BAD_VALUES)
        target.set(name, value)
        return tree, f"@{etree.QName(name).localname}={value!r} on <{etree.QName(target).localname}>"
    if kind == "attribute":
        target.set(rng.choice(["type", "bogus", "when", "rend", "n"]), rng.choice(BAD_VALUES[2:]))
        return tree, f"an attribute on <{etree.QName(target).localname}>"
    if kind == "insert":
        new = etree.Element(f"{{{namespace}}}{rng.choice(names)}")
        target.insert(rng.randint(0, len(target)), new)
        return tree, f"<{etree.QName(new).localname}> into <{etree.QName(target).localname}>"
    if kind == "remove" and target is not root:
        target.getparent().remove(target)
        return tree, f"<{etree.QName(target).localname}> removed"
    if kind == "text":
        target.text = (target.text or "") + "stray text"
        return tree, f"text in <{etree.QName(target).localname}>"
    if target is not root or kind == "rename":
        target.tag = f"{{{namespace}}}{rng.choice(names)}"
        return tree, f"an element renamed <{etree.QName(target).localname}>"
    root.set("bogus", "1")
    return tree, "an attribute on the root"
