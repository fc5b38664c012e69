"""Compile ISO Schematron (XPath 2/3 query binding) to an XSLT 3.0 stylesheet that runs on saxonche.

Supported: ``schema`` (queryBinding xslt2, xslt3), ``ns``, ``let`` (schema, pattern and
rule level), ``pattern`` (concrete), ``rule`` (context; first matching rule of a pattern
wins), ``assert`` and ``report`` with ``name``, ``value-of``, ``emph``, ``dir``, ``span``
in their text, ``title`` and ``p`` (documentation, dropped). Anything else (abstract
patterns and rules, ``extends``, ``include``, ``phase``, ``diagnostics``, ``properties``)
is refused with a :class:`SchematronError` naming the element and line.

The stylesheet's output is one ``<report>`` element holding a ``<failed>`` per failed
assert or successful report, with ``pattern``, ``id`` (the assert's, the rule's or the
pattern's id), ``role``, ``location`` (see :func:`locate`) and the message text.
"""

from __future__ import annotations

from lxml import etree

SCH = "http://purl.oclc.org/dsdl/schematron"
XSL = "http://www.w3.org/1999/XSL/Transform"
#: Namespace of the helper function the stylesheet defines.
LOCAL = "urn:pipeline:schematron"
QUERY_BINDINGS = ("xslt2", "xslt3", "xpath2", "xpath3", "xpath31")


class SchematronError(ValueError):
    """The Schematron uses a feature this compiler does not support, or is malformed."""

    def __init__(self, node: etree._Element | None, message: str) -> None:
        line = node.sourceline if node is not None else None
        super().__init__(f"line {line}: {message}" if line else message)


def _q(local: str) -> str:
    return f"{{{SCH}}}{local}"


def _x(tag: str, parent: etree._Element, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{XSL}}}{tag}", attributes)


def compile_schematron(schematron: etree._Element | bytes) -> bytes:
    """The XSLT 3.0 stylesheet that checks a document against `schematron`."""
    root = etree.fromstring(schematron) if isinstance(schematron, bytes) else schematron
    if root.tag != _q("schema"):
        raise SchematronError(root, "the root must be an ISO Schematron <schema>")
    binding = root.get("queryBinding", "xslt2").lower()
    if binding not in QUERY_BINDINGS:
        raise SchematronError(root, f'queryBinding="{binding}" is not supported (use xslt2 or xslt3)')
    namespaces = {"xsl": XSL, "xs": "http://www.w3.org/2001/XMLSchema", "loc": LOCAL}
    for ns in root.iter(_q("ns")):
        if not ns.get("prefix") or ns.get("uri") is None:
            raise SchematronError(ns, "<ns> needs @prefix and @uri")
        namespaces[ns.get("prefix")] = ns.get("uri")
    stylesheet = etree.Element(
        f"{{{XSL}}}stylesheet",
        {"version": "3.0", "exclude-result-prefixes": "#all"},
        nsmap=namespaces,
    )
    _x("output", stylesheet, method="xml", indent="no", encoding="UTF-8")
    _location_function(stylesheet)
    for child in root:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname if child.tag.startswith(f"{{{SCH}}}") else None
        if local == "let":
            _let(stylesheet, child, "variable")
        elif local in ("ns", "title", "p", "pattern"):
            continue
        else:
            raise SchematronError(child, f"<{child.tag if local is None else local}> is not supported in a Schematron schema")
    patterns = [p for p in root if isinstance(p.tag, str) and p.tag == _q("pattern")]
    main = _x("template", stylesheet, match="/")
    report = etree.SubElement(main, "report")
    for index, pattern in enumerate(patterns, 1):
        _pattern(stylesheet, report, pattern, f"p{index}")
    etree.indent(stylesheet, space="  ")
    return etree.tostring(stylesheet, xml_declaration=True, encoding="UTF-8") + b"\n"


def _location_function(stylesheet: etree._Element) -> None:
    """loc:location(node): element positions from the root ("1/2/5"), then "/@{ns}name" for an attribute."""
    function = _x("function", stylesheet, name="loc:location", **{"as": "xs:string"})
    _x("param", function, name="node", **{"as": "node()"})
    _x(
        "sequence",
        function,
        select=(
            "string-join($node/ancestor-or-self::*/string(count(preceding-sibling::*) + 1), '/')"
            " || (if ($node instance of attribute()) then '/@{' || namespace-uri($node) || '}' || local-name($node) else '')"
        ),
    )


def _let(parent: etree._Element, let: etree._Element, kind: str) -> None:
    name, value = let.get("name"), let.get("value")
    if not name:
        raise SchematronError(let, "<let> needs @name")
    if value is None:
        raise SchematronError(let, "<let> without @value (element content) is not supported")
    _x(kind, parent, name=name, select=value)


def _pattern(stylesheet: etree._Element, report: etree._Element, pattern: etree._Element, mode: str) -> None:
    for unsupported in ("abstract", "is-a"):
        if pattern.get(unsupported) is not None:
            raise SchematronError(pattern, f"pattern/@{unsupported} (abstract patterns) is not supported")
    pattern_id = pattern.get("id", mode)
    lets = []
    rules = []
    for child in pattern:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname if child.tag.startswith(f"{{{SCH}}}") else None
        if local == "rule":
            rules.append(child)
        elif local == "let":
            lets.append(child)
        elif local in ("title", "p"):
            continue
        else:
            raise SchematronError(child, f"<{local or child.tag}> is not supported in a pattern")
    contexts = []
    _x("mode", stylesheet, name=mode, **{"on-no-match": "deep-skip"})
    for order, rule in enumerate(rules):
        if rule.get("abstract") == "true":
            raise SchematronError(rule, "abstract rules are not supported")
        context = rule.get("context")
        if not context:
            raise SchematronError(rule, "a rule needs @context")
        contexts.append(context)
        # Earlier rules take precedence: the first rule of a pattern that matches a node wins.
        template = _x("template", stylesheet, match=context, mode=mode, priority=str(len(rules) - order))
        for let in lets:
            _let(template, let, "variable")
        for child in rule:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname if child.tag.startswith(f"{{{SCH}}}") else None
            if local == "let":
                _let(template, child, "variable")
            elif local in ("assert", "report"):
                _check(template, child, local, pattern_id, rule)
            elif local in ("extends",):
                raise SchematronError(child, "rule/extends is not supported")
            else:
                raise SchematronError(child, f"<{local or child.tag}> is not supported in a rule")
    if contexts:
        # Visit only the nodes some rule could match, in document order.
        select = " | ".join(c if c.lstrip().startswith("/") else f"//({c})" for c in contexts)
        _x("apply-templates", report, select=select, mode=mode)


def _check(template: etree._Element, check: etree._Element, kind: str, pattern_id: str, rule: etree._Element) -> None:
    for unsupported in ("diagnostics", "properties", "subject"):
        if check.get(unsupported) is not None:
            raise SchematronError(check, f"{kind}/@{unsupported} is not supported")
    test = check.get("test")
    if not test:
        raise SchematronError(check, f"<{kind}> needs @test")
    condition = f"not({test})" if kind == "assert" else f"({test})"
    branch = _x("if", template, test=condition)
    failed = etree.SubElement(branch, "failed")
    failed.set("pattern", pattern_id)
    failed.set("id", check.get("id") or rule.get("id") or pattern_id)
    failed.set("role", check.get("role") or check.get("flag") or "error")
    _x("attribute", failed, name="location", select="loc:location(.)")
    _message(failed, check)


def _message(target: etree._Element, node: etree._Element) -> None:
    """Copy a message's text, turning name and value-of into XSLT instructions."""
    if node.text:
        _x("text", target).text = node.text
    for child in node:
        if not isinstance(child.tag, str):
            if child.tail:
                _x("text", target).text = child.tail
            continue
        local = etree.QName(child).localname if child.tag.startswith(f"{{{SCH}}}") else None
        if local == "name":
            path = child.get("path")
            _x("value-of", target, select=f"name({path})" if path else "name()")
        elif local == "value-of":
            if not child.get("select"):
                raise SchematronError(child, "<value-of> needs @select")
            _x("value-of", target, select=child.get("select"), separator=" ")
        elif local in ("emph", "dir", "span"):
            _message(target, child)
        else:
            raise SchematronError(child, f"<{local or child.tag}> is not supported in a message")
        if child.tail:
            _x("text", target).text = child.tail
