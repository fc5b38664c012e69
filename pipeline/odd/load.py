"""Read an ODD into the compiler's model, refusing every feature the compiler does not handle.

The compiler handles a self-contained ODD: a ``schemaSpec`` whose ``elementSpec``,
``classSpec``, ``macroSpec``, ``dataSpec`` and ``constraintSpec`` children specify
everything the schema uses, with pure-ODD content models. Anything that needs the
TEI sources (``moduleRef``, ``mode="change"`` on a spec, ``@source``) or that the
compiler would otherwise translate wrongly is refused with the spec and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from pipeline.odd import model as m
from pipeline.safexml import XMLInputError, parse

TEI = m.TEI_NS
SCH = "http://purl.oclc.org/dsdl/schematron"
EXAMPLES = "http://www.tei-c.org/ns/Examples"
RNG = "http://relaxng.org/ns/structure/1.0"

#: XML Schema built-in datatypes the compiler can write to RELAX NG and XSD alike.
XSD_TYPES = frozenset(
    "string token normalizedString NCName Name NMTOKEN ID IDREF anyURI language boolean "
    "integer nonNegativeInteger positiveInteger decimal double date dateTime time gYear "
    "gYearMonth gMonth gDay gMonthDay duration".split()
)


class OddError(Exception):
    """The ODD uses something the compiler does not handle, or is inconsistent; names the spec and line."""

    def __init__(self, path: str, line: int | None, spec: str, message: str) -> None:
        self.path, self.line, self.spec, self.message = path, line, spec, message
        super().__init__(f"{path}:{line or 0}: {spec}: {message}")


def t(name: str) -> str:
    return f"{{{TEI}}}{name}"


class _Loader:
    def __init__(self, path: str) -> None:
        self.path = path
        self.spec = "ODD"

    def fail(self, node: etree._Element | None, message: str) -> OddError:
        return OddError(self.path, node.sourceline if node is not None else None, self.spec, message)

    # ------------------------------------------------------------ documentation

    def text_of(self, node: etree._Element | None) -> str:
        """Documentation as an HTML fragment (gi, att, val, q, emph, code, ident become inline HTML)."""
        if node is None:
            return ""
        return " ".join(_inline_html(node).split())

    def doc(self, spec: etree._Element) -> tuple[str, str]:
        glosses = [c for c in spec if c.tag == t("gloss")]
        descs = [c for c in spec if c.tag == t("desc")]
        return self.text_of(glosses[0] if glosses else None), self.text_of(descs[0] if descs else None)

    def examples(self, spec: etree._Element) -> tuple[str, ...]:
        found = []
        for exemplum in spec.findall(t("exemplum")):
            eg = exemplum.find(f"{{{EXAMPLES}}}egXML")
            if eg is None:
                raise self.fail(exemplum, "an exemplum must hold an egXML example")
            found.append(_example_text(eg))
        return tuple(found)

    # ------------------------------------------------------------ the schemaSpec

    def load(self, tree: etree._ElementTree) -> m.Schema:
        root = tree.getroot()
        specs = root.findall(f".//{t('schemaSpec')}")
        if len(specs) != 1:
            raise self.fail(root, f"the ODD must hold exactly one schemaSpec; found {len(specs)}")
        spec = specs[0]
        self.spec = f'schemaSpec "{spec.get("ident")}"'
        for attribute in ("source", "prefix", "targetLang"):
            if spec.get(attribute) is not None:
                raise self.fail(spec, f"@{attribute} is not supported: the ODD must be self-contained")
        if not spec.get("ident"):
            raise self.fail(spec, "@ident is required: it names the compiled files")
        namespace = spec.get("ns", TEI)
        gloss, desc = self.doc(spec)
        elements: dict[str, m.ElementSpec] = {}
        classes: dict[str, m.ClassSpec] = {}
        macros: dict[str, m.MacroSpec] = {}
        datatypes: dict[str, m.DataSpec] = {}
        rules: list[m.Rule] = []
        raw_elements: list[etree._Element] = []
        self.datatypes = datatypes
        self.classes = classes
        seen: set[str] = set()
        # Datatypes first, then classes and macros, then elements: each may use the ones before.
        for kinds in (("dataSpec",), ("classSpec", "macroSpec", "constraintSpec", "elementSpec", "other")):
            for child in spec:
                if not isinstance(child.tag, str) or child.tag in (t("gloss"), t("desc")):
                    continue
                name = etree.QName(child).localname
                kind = name if name in ("dataSpec", "classSpec", "macroSpec", "constraintSpec", "elementSpec") else "other"
                if kind not in kinds:
                    continue
                ident = child.get("ident", "")
                self.spec = f'{name} "{ident}"'
                if child.tag != t(name):
                    raise self.fail(child, f"{child.tag} is not an ODD element")
                if name in ("elementSpec", "classSpec", "macroSpec", "dataSpec"):
                    self.check_mode(child)
                    if not all(self.doc(child)):
                        raise self.fail(child, f"every {name} needs a gloss and a desc")
                    if not ident:
                        raise self.fail(child, "@ident is required")
                    if ident in seen:
                        raise self.fail(child, f"{ident} is specified twice")
                    seen.add(ident)
                    if name == "elementSpec":
                        raw_elements.append(child)
                    elif name == "classSpec":
                        classes[ident] = self.class_spec(child)
                    elif name == "macroSpec":
                        macros[ident] = m.MacroSpec(ident, *self.doc(child), self.content(child), child.sourceline)
                    else:
                        datatypes[ident] = m.DataSpec(ident, *self.doc(child), self.data_content(child), child.sourceline)
                elif name == "constraintSpec":
                    rules.append(self.constraint(child, None))
                elif name == "moduleRef":
                    raise self.fail(child, "moduleRef needs the TEI sources: specify every element the schema uses with an elementSpec")
                else:
                    raise self.fail(child, f"<{name}> in a schemaSpec is not supported by this compiler")
        for child in raw_elements:
            self.spec = f'elementSpec "{child.get("ident")}"'
            element, element_rules = self.element_spec(child, namespace)
            elements[element.ident] = element
            rules.extend(element_rules)
        schema = m.Schema(
            ident=spec.get("ident"),
            start=tuple(spec.get("start", "TEI").split()),
            namespace=namespace,
            title=" ".join("".join(root.findtext(f".//{t('titleStmt')}/{t('title')}") or "").split()),
            gloss=gloss,
            desc=desc,
            elements=elements,
            classes=classes,
            macros=macros,
            datatypes=datatypes,
            rules=tuple(rules),
            schematron_ns=self.schematron_namespaces(spec),
            prose=self.prose(root, spec),
        )
        self.check_references(schema, raw_elements, spec)
        return schema

    def check_mode(self, spec: etree._Element) -> None:
        mode = spec.get("mode", "add")
        if mode != "add":
            raise self.fail(spec, f'mode="{mode}" needs the TEI sources; give the whole specification (mode="add")')
        for attribute in ("ns", "prefix"):
            if spec.get(attribute) not in (None, TEI):
                raise self.fail(spec, f"@{attribute} is not supported: every element is in the TEI namespace")
        for unsupported in ("altIdent", "equiv", "model", "modelGrp", "modelSequence", "listRef", "valList"):
            found = spec.find(t(unsupported))
            if found is not None:
                raise self.fail(found, f"<{unsupported}> in a {etree.QName(spec).localname} is not supported by this compiler")

    # ------------------------------------------------------------ specs

    def class_spec(self, spec: etree._Element) -> m.ClassSpec:
        kind = spec.get("type")
        if kind not in ("model", "atts"):
            raise self.fail(spec, '@type must be "model" or "atts"')
        if spec.get("generate") is not None:
            raise self.fail(spec, "@generate is not supported")
        attributes = self.att_list(spec, origin=spec.get("ident"), inherited={}) if kind == "atts" else ()
        if kind == "model" and spec.find(t("attList")) is not None:
            raise self.fail(spec.find(t("attList")), "a model class has no attributes")
        return m.ClassSpec(
            ident=spec.get("ident"),
            type=kind,
            module=spec.get("module", ""),
            gloss=self.doc(spec)[0],
            desc=self.doc(spec)[1],
            member_of=self.memberships(spec),
            attributes=tuple(attributes),
            line=spec.sourceline,
        )

    def memberships(self, spec: etree._Element) -> tuple[str, ...]:
        keys = []
        classes = spec.find(t("classes"))
        if classes is None:
            return ()
        for member in classes:
            if not isinstance(member.tag, str):
                continue
            if member.tag != t("memberOf") or member.get("mode") not in (None, "add") or member.get("max") or member.get("min"):
                raise self.fail(member, "only plain <memberOf key=…/> is supported in <classes>")
            keys.append(member.get("key"))
        return tuple(keys)

    def element_spec(self, spec: etree._Element, namespace: str) -> tuple[m.ElementSpec, list[m.Rule]]:
        ident = spec.get("ident")
        memberships = self.memberships(spec)
        inherited: dict[str, m.AttDef] = {}
        model_classes = []
        for key in memberships:
            klass = self.classes.get(key)
            if klass is None:
                raise self.fail(spec, f'memberOf "{key}": no classSpec specifies that class')
            if klass.type == "atts":
                for att in self.class_attributes(key, set()):
                    inherited.setdefault(att.name, att)
            else:
                model_classes.append(key)
        attributes = self.att_list(spec, origin=ident, inherited=inherited)
        rules = [self.constraint(c, ident) for c in spec.findall(t("constraintSpec"))]
        remarks = spec.find(t("remarks"))
        element = m.ElementSpec(
            ident=ident,
            module=spec.get("module", ""),
            gloss=self.doc(spec)[0],
            desc=self.doc(spec)[1],
            classes=tuple(model_classes),
            content=self.content(spec),
            attributes=tuple(attributes),
            examples=self.examples(spec),
            remarks=self.text_of(remarks),
            line=spec.sourceline,
        )
        if not element.gloss or not element.desc or not element.examples:
            raise self.fail(spec, "every element needs a gloss, a desc and an exemplum")
        return element, rules

    def class_attributes(self, key: str, seen: set[str]) -> list[m.AttDef]:
        """The attributes a member of an attribute class gets: the class's own, then those of the classes it is a member of."""
        if key in seen:
            return []
        seen.add(key)
        klass = self.classes[key]
        found = list(klass.attributes)
        for parent in klass.member_of:
            if parent not in self.classes:
                raise OddError(self.path, klass.line, f'classSpec "{key}"', f'memberOf "{parent}": no classSpec specifies that class')
            if self.classes[parent].type != "atts":
                raise OddError(self.path, klass.line, f'classSpec "{key}"', f'an attribute class cannot be a member of the model class "{parent}"')
            found.extend(self.class_attributes(parent, seen))
        return found

    # ------------------------------------------------------------ attributes

    def att_list(self, spec: etree._Element, origin: str, inherited: dict[str, m.AttDef]) -> list[m.AttDef]:
        result = dict(inherited)
        att_list = spec.find(t("attList"))
        if att_list is None:
            return list(result.values())
        if att_list.get("org") not in (None, "group"):
            raise self.fail(att_list, 'attList org="choice" is not supported')
        for att in att_list:
            if not isinstance(att.tag, str):
                continue
            if att.tag != t("attDef"):
                raise self.fail(att, f"<{etree.QName(att).localname}> in an attList is not supported; use attDef")
            name = att.get("ident", "")
            mode = att.get("mode", "add")
            if att.get("ns") not in (None, "") or (":" in name and not name.startswith("xml:")):
                raise self.fail(att, f'attribute "{name}": only unprefixed attributes and xml:* are supported')
            if mode == "delete":
                if name not in result:
                    raise self.fail(att, f'attribute "{name}" cannot be deleted: no class gives it')
                del result[name]
                continue
            if mode == "change":
                raise self.fail(att, f'attribute "{name}": mode="change" is not supported; use mode="replace" with the whole definition')
            if mode == "add" and name in result:
                raise self.fail(att, f'attribute "{name}" is already given by class {result[name].origin}; use mode="replace" to redefine it')
            if mode == "replace" and name not in result:
                raise self.fail(att, f'attribute "{name}" has mode="replace" but no class gives it')
            if mode not in ("add", "replace"):
                raise self.fail(att, f'attDef mode="{mode}" is not supported')
            result[name] = self.att_def(att, origin)
        return list(result.values())

    def att_def(self, att: etree._Element, origin: str) -> m.AttDef:
        name = att.get("ident")
        for unsupported in ("defaultVal", "constraintSpec", "valDesc"):
            if att.find(t(unsupported)) is not None:
                raise self.fail(att.find(t(unsupported)), f'attribute "{name}": <{unsupported}> is not supported')
        datatype_node = att.find(t("datatype"))
        values_node = att.find(t("valList"))
        values: tuple[m.Value, ...] = ()
        closed = False
        if values_node is not None:
            kind = values_node.get("type", "open")
            values = self.values(values_node)
            closed = kind == "closed"
        if datatype_node is None and not closed:
            raise self.fail(att, f'attribute "{name}" needs a datatype or a closed valList')
        list_of = False
        datatype_name = "teidata.enumerated"
        datatype: m.Datatype = m.XsdType("token")
        if datatype_node is not None:
            minimum = datatype_node.get("minOccurs", "1")
            maximum = datatype_node.get("maxOccurs", "1")
            if minimum != "1" or maximum not in ("1", "unbounded"):
                raise self.fail(datatype_node, f'attribute "{name}": datatype occurrences other than 1 or 1..unbounded are not supported')
            list_of = maximum == "unbounded"
            refs = [c for c in datatype_node if isinstance(c.tag, str)]
            if len(refs) != 1 or refs[0].tag != t("dataRef"):
                raise self.fail(datatype_node, f'attribute "{name}": a datatype must hold one dataRef')
            datatype, datatype_name = self.data_ref(refs[0])
        if closed:
            datatype = m.Enumeration(values)
        gloss, desc = self.doc(att)
        if not gloss or not desc:
            raise self.fail(att, f'attribute "{name}" needs a gloss and a desc')
        examples = self.examples(att)
        if not examples:
            raise self.fail(att, f'attribute "{name}" needs an exemplum')
        for value in values:
            if not value.gloss or not value.desc:
                raise self.fail(values_node, f'attribute "{name}": value "{value.ident}" needs a gloss and a desc')
        return m.AttDef(
            name=name,
            required=att.get("usage", "opt") == "req",
            datatype=datatype,
            list_of=list_of,
            values=values,
            closed=closed,
            datatype_name=datatype_name,
            gloss=gloss,
            desc=desc,
            examples=examples,
            origin=origin,
        )

    def values(self, node: etree._Element) -> tuple[m.Value, ...]:
        if node.get("type", "open") not in ("closed", "semi", "open"):
            raise self.fail(node, 'valList @type must be "closed", "semi" or "open"')
        found = []
        for item in node:
            if not isinstance(item.tag, str):
                continue
            if item.tag != t("valItem"):
                raise self.fail(item, "a valList holds valItem elements only")
            found.append(m.Value(item.get("ident", ""), *self.doc(item)))
        return tuple(found)

    def data_ref(self, ref: etree._Element) -> tuple[m.Datatype, str]:
        if len([c for c in ref if isinstance(c.tag, str)]) or ref.get("ref") is not None:
            raise self.fail(ref, "dataRef with dataFacet children or @ref is not supported; use @key, or @name with @restriction")
        if ref.get("key"):
            key = ref.get("key")
            if key not in self.datatypes:
                raise self.fail(ref, f'dataRef key="{key}": no dataSpec specifies that datatype')
            return self.datatypes[key].datatype, key
        name = ref.get("name", "")
        if name not in XSD_TYPES:
            raise self.fail(ref, f'dataRef name="{name}" is not an XML Schema datatype this compiler supports')
        return m.XsdType(name, ref.get("restriction")), name

    def data_content(self, spec: etree._Element) -> m.Datatype:
        content = spec.find(t("content"))
        if content is None:
            raise self.fail(spec, "a dataSpec needs a content")
        children = [c for c in content if isinstance(c.tag, str)]
        if len(children) != 1:
            raise self.fail(content, "a dataSpec's content must hold one dataRef, valList or alternate")
        return self.data_particle(children[0])

    def data_particle(self, node: etree._Element) -> m.Datatype:
        if node.tag == t("dataRef"):
            datatype, _ = self.data_ref(node)
            return datatype
        if node.tag == t("valList"):
            if node.get("type", "open") != "closed":
                raise self.fail(node, "a valList in a dataSpec must be closed")
            return m.Enumeration(self.values(node))
        if node.tag == t("textNode"):
            return m.XsdType("string")
        if node.tag == t("alternate"):
            members = []
            for child in node:
                if isinstance(child.tag, str):
                    member = self.data_particle(child)
                    if isinstance(member, m.Union):
                        raise self.fail(child, "nested alternates in a dataSpec are not supported")
                    members.append(member)
            return m.Union(tuple(members))
        raise self.fail(node, f"<{etree.QName(node).localname}> is not supported in a dataSpec's content")

    # ------------------------------------------------------------ content models

    def content(self, spec: etree._Element) -> m.Particle:
        content = spec.find(t("content"))
        if content is None:
            raise self.fail(spec, "a content model is required")
        children = [c for c in content if isinstance(c.tag, str)]
        if not children:
            raise self.fail(content, "an empty <content> is ambiguous; write <empty/>")
        particles = tuple(self.particle(c) for c in children)
        return particles[0] if len(particles) == 1 else m.Sequence(items=particles)

    def particle(self, node: etree._Element) -> m.Particle:
        name = etree.QName(node).localname
        if node.tag.startswith(f"{{{RNG}}}"):
            raise self.fail(node, "RELAX NG in a content model is not supported: use pure ODD (sequence, alternate, elementRef, classRef, macroRef, textNode, empty)")
        if node.tag != t(name):
            raise self.fail(node, f"{node.tag} is not allowed in a content model")
        minimum, maximum = self.occurrences(node)
        if name == "sequence" or name == "alternate":
            items = tuple(self.particle(c) for c in node if isinstance(c.tag, str))
            if not items:
                raise self.fail(node, f"an empty <{name}> is not supported")
            cls = m.Sequence if name == "sequence" else m.Alternate
            return cls(minimum, maximum, items)
        if name in ("elementRef", "classRef", "macroRef"):
            for unsupported in ("expand", "include", "except"):
                if node.get(unsupported) is not None:
                    raise self.fail(node, f"{name}/@{unsupported} is not supported")
            key = node.get("key")
            if not key:
                raise self.fail(node, f"{name} needs @key")
            cls = {"elementRef": m.ElementRef, "classRef": m.ClassRef, "macroRef": m.MacroRef}[name]
            return cls(minimum, maximum, key)
        if name == "textNode":
            return m.TextNode(minimum, maximum)
        if name == "empty":
            return m.Empty(minimum, maximum)
        raise self.fail(node, f"<{name}> is not supported in a content model (anyElement, dataRef and valList content are not)")

    def occurrences(self, node: etree._Element) -> tuple[int, int]:
        raw_min, raw_max = node.get("minOccurs", "1"), node.get("maxOccurs", "1")
        if raw_min not in ("0", "1") or raw_max not in ("1", "unbounded"):
            raise self.fail(node, f'minOccurs="{raw_min}" maxOccurs="{raw_max}": only 0 or 1, and 1 or unbounded, are supported')
        return int(raw_min), (m.UNBOUNDED if raw_max == "unbounded" else 1)

    # ------------------------------------------------------------ Schematron

    def constraint(self, spec: etree._Element, element: str | None) -> m.Rule:
        ident = spec.get("ident")
        where = f'constraintSpec "{ident}"'
        if not ident:
            raise OddError(self.path, spec.sourceline, "constraintSpec", "@ident is required: it is the rule's id in messages")
        if spec.get("scheme") != "schematron":
            raise OddError(self.path, spec.sourceline, where, f'scheme="{spec.get("scheme")}" is not supported; use scheme="schematron" (ISO Schematron)')
        constraint = spec.find(t("constraint"))
        if constraint is None:
            raise OddError(self.path, spec.sourceline, where, "a constraint is required")
        parts = []
        for child in constraint:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if etree.QName(child).namespace != SCH or local not in ("rule", "pattern", "let", "assert", "report", "ns"):
                raise OddError(self.path, child.sourceline, where, f"<{child.tag}> is not supported in a constraint: use ISO Schematron rule, assert, report, let or pattern")
            if local in ("assert", "report") and element is None:
                raise OddError(self.path, child.sourceline, where, f"a bare sch:{local} needs an elementSpec to give its context; wrap it in an sch:rule")
            parts.append(child)
        if not parts:
            raise OddError(self.path, constraint.sourceline, where, "the constraint holds no Schematron")
        gloss, desc = self.doc(spec)
        if not gloss or not desc:
            raise OddError(self.path, spec.sourceline, where, "a rule needs a gloss and a desc (the guidelines show them)")
        return m.Rule(
            ident=ident,
            gloss=gloss,
            desc=desc,
            context_element=element,
            xml=tuple(etree.tostring(p, encoding="unicode", with_tail=False) for p in parts),
        )

    def schematron_namespaces(self, spec: etree._Element) -> tuple[tuple[str, str], ...]:
        found = {"tei": TEI, "xs": "http://www.w3.org/2001/XMLSchema"}
        for ns in spec.iter(f"{{{SCH}}}ns"):
            found[ns.get("prefix")] = ns.get("uri")
        return tuple(sorted(found.items()))

    # ------------------------------------------------------------ prose and checks

    def prose(self, root: etree._Element, spec: etree._Element) -> tuple[tuple[str, str], ...]:
        sections = []
        body = root.find(f"{t('text')}/{t('body')}")
        if body is None:
            return ()
        for div in body.iter(t("div")):
            if div.find(f".//{t('schemaSpec')}") is not None:
                continue
            head = div.findtext(t("head")) or ""
            html = "".join(_block_html(child) for child in div if isinstance(child.tag, str) and child.tag != t("head"))
            sections.append((" ".join(head.split()), html))
        return tuple(sections)

    def check_references(self, schema: m.Schema, raw: list[etree._Element], spec: etree._Element) -> None:
        for node in raw:
            element = schema.elements[node.get("ident")]
            self.spec = f'elementSpec "{element.ident}"'
            self.check_particle(schema, element.content, node)
        for macro in schema.macros.values():
            self.spec = f'macroSpec "{macro.ident}"'
            self.check_particle(schema, macro.content, None, macro.line)
        for klass in schema.classes.values():
            for parent in klass.member_of:
                other = schema.classes.get(parent)
                if other is None or other.type != klass.type:
                    raise OddError(self.path, klass.line, f'classSpec "{klass.ident}"', f'memberOf "{parent}": no {klass.type} classSpec specifies that class')
        self.spec = f'schemaSpec "{schema.ident}"'
        for start in schema.start:
            if start not in schema.elements:
                raise self.fail(spec, f'start="{start}" names no element of the schema')

    def check_particle(self, schema: m.Schema, particle: m.Particle, node, line: int | None = None) -> None:
        where = node.sourceline if node is not None else line
        if isinstance(particle, (m.Sequence, m.Alternate)):
            for item in particle.items:
                self.check_particle(schema, item, node, line)
        elif isinstance(particle, m.ElementRef) and particle.key not in schema.elements:
            raise OddError(self.path, where, self.spec, f'elementRef "{particle.key}": no elementSpec specifies that element')
        elif isinstance(particle, m.ClassRef):
            klass = schema.classes.get(particle.key)
            if klass is None or klass.type != "model":
                raise OddError(self.path, where, self.spec, f'classRef "{particle.key}": no model classSpec specifies that class')
        elif isinstance(particle, m.MacroRef) and particle.key not in schema.macros:
            raise OddError(self.path, where, self.spec, f'macroRef "{particle.key}": no macroSpec specifies that macro')


def load_odd(path: Path | str) -> m.Schema:
    """Read and resolve the ODD at `path`; raises OddError (or XMLInputError) naming what is wrong and where."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OddError(str(path), None, "ODD", f"cannot read it: {error.strerror}") from None
    try:
        tree = parse(data, name=str(path))
    except XMLInputError as error:
        raise OddError(str(path), error.line, "ODD", error.message) from None
    return _Loader(str(path)).load(tree)


# ---------------------------------------------------------------- documentation markup

_INLINE = {
    "gi": lambda text: f'<code class="gi">&lt;{text}&gt;</code>',
    "att": lambda text: f'<code class="att">@{text}</code>',
    "val": lambda text: f'<code class="val">{text}</code>',
    "ident": lambda text: f"<code>{text}</code>",
    "code": lambda text: f"<code>{text}</code>",
    "q": lambda text: f"“{text}”",
    "emph": lambda text: f"<em>{text}</em>",
}


def _escape(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline_html(node: etree._Element) -> str:
    parts = [_escape(node.text)]
    for child in node:
        if isinstance(child.tag, str):
            local = etree.QName(child).localname
            inner = _inline_html(child)
            if local == "gi":
                parts.append(f'<code class="gi"><a href="#{_escape(child.text)}">&lt;{_escape(child.text)}&gt;</a></code>')
            else:
                parts.append(_INLINE.get(local, lambda text: text)(inner))
        parts.append(_escape(child.tail))
    return "".join(parts)


def _block_html(node: etree._Element) -> str:
    local = etree.QName(node).localname
    if local == "p":
        return f"<p>{' '.join(_inline_html(node).split())}</p>\n"
    if local == "list":
        rows = []
        children = [c for c in node if isinstance(c.tag, str)]
        for child in children:
            name = etree.QName(child).localname
            text = " ".join(_inline_html(child).split())
            rows.append(f"<dt>{text}</dt>" if name == "label" else f"<dd>{text}</dd>")
        return "<dl>" + "".join(rows) + "</dl>\n"
    return f"<p>{' '.join(_inline_html(node).split())}</p>\n"


def _example_text(eg: etree._Element) -> str:
    """The example's XML as written, without the Examples namespace declarations, dedented."""
    text = (eg.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in eg)
    text = re.sub(r'\s+xmlns="http://www\.tei-c\.org/ns/Examples"', "", text)
    text = re.sub(r'\s+xmlns:sch="http://purl\.oclc\.org/dsdl/schematron"', "", text)
    return text.strip()
