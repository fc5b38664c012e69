"""Read an ODD customisation of TEI P5 into the compiler's model, resolved against the TEI's definitions.

The ODD's ``schemaSpec`` pins the TEI version it customises (``@source="tei:4.3.0"``),
selects TEI elements with ``moduleRef key=… include=…`` (or ``except=…``, or the whole
module, when the TEI's module membership is at hand: ``teisource.load_modules``), and narrows them:
``elementSpec``/``classSpec``/``macroSpec`` with ``mode="change"`` (a given
``content`` replaces TEI's, ``attDef mode="change|delete|add|replace"`` edits the
attributes, ``memberOf mode="add|delete"`` the classes), ``mode="delete"`` to drop a
TEI element or class, ``dataSpec`` to define the datatypes the project's attributes
use. Every definition the ODD does not change comes from TEI (``teisource``). The
project's own elements (``mode="add"``) are refused where TEI has one of that name.
Anything the compiler would translate wrongly is refused with the spec and the line.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from pipeline.odd import model as m
from pipeline.odd.errors import OddError
from pipeline.odd.teisource import DEFAULT_MODULES, TeiModules, TeiSource, TeiSourceError, attribute_documentation, attribute_name, load_modules, load_tei
from pipeline.safexml import XMLInputError, parse

TEI = m.TEI_NS
SCH = "http://purl.oclc.org/dsdl/schematron"
EXAMPLES = "http://www.tei-c.org/ns/Examples"
RNG = "http://relaxng.org/ns/structure/1.0"

#: The TEI module that defines no element, only the classes, macros and datatypes all the others use.
INFRASTRUCTURE = "tei"
#: What a schemaSpec may hold.
KINDS = ("moduleRef", "elementSpec", "classSpec", "macroSpec", "dataSpec", "constraintSpec")
#: The datatype name marking a TEI attribute the compiler cannot write (refused if an element keeps it).
UNTRANSLATABLE = "#untranslatable"
#: The fields after min/max of each particle type, to copy one with new occurrences.
_FIELDS = {m.Sequence: ("items",), m.Alternate: ("items",), m.ElementRef: ("key",), m.ClassRef: ("key",), m.MacroRef: ("key",), m.TextNode: (), m.Empty: ()}

#: XML Schema built-in datatypes the compiler can write to RELAX NG and XSD alike.
XSD_TYPES = frozenset(
    "string token normalizedString NCName Name NMTOKEN ID IDREF anyURI language boolean "
    "integer nonNegativeInteger positiveInteger decimal double date dateTime time gYear "
    "gYearMonth gMonth gDay gMonthDay duration".split()
)


def t(name: str) -> str:
    return f"{{{TEI}}}{name}"


class _Loader:
    def __init__(self, path: str, tei: TeiSource, modules: TeiModules | None = None) -> None:
        self.path = path
        self.tei = tei
        self.modules = modules
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
        for attribute in ("prefix", "targetLang"):
            if spec.get(attribute) is not None:
                raise self.fail(spec, f"@{attribute} is not supported")
        if not spec.get("ident"):
            raise self.fail(spec, "@ident is required: it names the compiled files")
        self.check_source(spec)
        namespace = spec.get("ns", TEI)
        gloss, desc = self.doc(spec)
        children = [c for c in spec if isinstance(c.tag, str) and c.tag not in (t("gloss"), t("desc"))]
        by_kind: dict[str, list[etree._Element]] = {}
        for child in children:
            name = etree.QName(child).localname
            if child.tag != t(name) or name not in KINDS:
                raise self.fail(child, f"<{name}> in a schemaSpec is not supported by this compiler")
            by_kind.setdefault(name, []).append(child)
        self.datatypes: dict[str, m.DataSpec] = {}
        for child in by_kind.get("dataSpec", []):
            self.spec = f'dataSpec "{child.get("ident", "")}"'
            self.check_spec(child, ("add", "change", "replace"))
            if not all(self.doc(child)):
                raise self.fail(child, "every dataSpec needs a gloss and a desc: it is the project's whole definition of the datatype")
            ident = child.get("ident")
            self.datatypes[ident] = m.DataSpec(ident, *self.doc(child), self.data_content(child), child.sourceline)
        modules = self.module_refs(by_kind.get("moduleRef", []))
        element_specs = self.specs_by_ident(by_kind.get("elementSpec", []), "elementSpec")
        class_specs = self.specs_by_ident(by_kind.get("classSpec", []), "classSpec")
        macro_specs = self.specs_by_ident(by_kind.get("macroSpec", []), "macroSpec")
        for ident, node in element_specs.items():
            self.spec = f'elementSpec "{ident}"'
            mode = node.get("mode", "add")
            if mode in ("change", "delete", "replace") and ident not in modules:
                raise self.fail(node, f'mode="{mode}" on <{ident}>, which no moduleRef includes; add it to the @include of a moduleRef')
            if mode == "add" and ident in self.tei.elements:
                raise self.fail(node, f'TEI already has <{ident}>: include it with a moduleRef and narrow it with mode="change"')
            if mode == "delete":
                del modules[ident]
        self.classes = self.resolve_classes(class_specs)
        self.macro_specs = macro_specs
        self.macros: dict[str, m.MacroSpec] = {}
        for ident, node in macro_specs.items():
            self.spec = f'macroSpec "{ident}"'
            if node.get("mode", "add") == "delete":
                continue
            if node.get("mode", "add") == "add" and ident in self.tei.defines:
                raise self.fail(node, f'TEI already has the macro {ident}: narrow it with mode="change"')
            self.macros[ident] = m.MacroSpec(ident, *self.doc(node), self.content(node), node.sourceline)
        self.included = {**modules, **{i: "pmo" for i, n in element_specs.items() if n.get("mode", "add") == "add"}}
        elements: dict[str, m.ElementSpec] = {}
        rules: list[m.Rule] = []
        for ident in self.included:
            node = element_specs.get(ident)
            self.spec = f'elementSpec "{ident}"'
            element, element_rules = self.element(ident, node, namespace)
            elements[ident] = element
            rules.extend(element_rules)
        carried = {a.origin for element in elements.values() for a in element.attributes}  # classes whose attributes some element has
        for ident in sorted(self.classes):
            if self.classes[ident].type == "atts" and ident in carried:
                rules.extend(self.tei_constraints(ident, [c for c in class_specs[ident].findall(t("constraintSpec")) if c.get("mode") == "delete"] if ident in class_specs else []))
        for child in by_kind.get("constraintSpec", []):
            rules.append(self.constraint(child, None))
        self.add_tei_macros(elements)
        schema = m.Schema(
            ident=spec.get("ident"),
            start=tuple(spec.get("start", "TEI").split()),
            namespace=namespace,
            title=" ".join("".join(root.findtext(f".//{t('titleStmt')}/{t('title')}") or "").split()),
            gloss=gloss,
            desc=desc,
            elements=elements,
            classes=self.classes,
            macros=self.macros,
            datatypes=self.datatypes,
            rules=tuple(rules),
            schematron_ns=self.schematron_namespaces(spec),
            prose=self.prose(root, spec),
            recipes=self.recipes(root),
            source=spec.get("source", ""),
            changes=self.changes,
        )
        self.check_references(schema, element_specs, spec)
        return schema

    def check_source(self, spec: etree._Element) -> None:
        source = spec.get("source")
        if not source:
            raise self.fail(spec, f'@source is required: pin the TEI version the ODD customises, e.g. source="tei:{self.tei.version}"')
        if not source.startswith("tei:"):
            raise self.fail(spec, f'@source="{source}": expected "tei:VERSION" (the compiler reads the TEI definitions from tei_all.rng)')
        if source[4:] != self.tei.version:
            raise self.fail(spec, f'@source="{source}" pins TEI {source[4:]}, but the TEI definitions at {self.tei.path} are version {self.tei.version}; run scripts/setup or change the pin')

    def check_spec(self, node: etree._Element, modes: tuple[str, ...]) -> None:
        name = etree.QName(node).localname
        mode = node.get("mode", "add")
        if mode not in modes:
            raise self.fail(node, f'{name} mode="{mode}" is not supported; expected one of {", ".join(modes)}')
        if not node.get("ident"):
            raise self.fail(node, "@ident is required")
        for attribute in ("ns", "prefix"):
            if node.get(attribute) not in (None, TEI):
                raise self.fail(node, f"@{attribute} is not supported: every element is in the TEI namespace")
        for unsupported in ("altIdent", "equiv", "model", "modelGrp", "modelSequence", "listRef", "valList"):
            found = node.find(t(unsupported))
            if found is not None:
                raise self.fail(found, f"<{unsupported}> in a {name} is not supported by this compiler")

    def specs_by_ident(self, nodes: list[etree._Element], kind: str) -> dict[str, etree._Element]:
        found: dict[str, etree._Element] = {}
        for node in nodes:
            self.spec = f'{kind} "{node.get("ident", "")}"'
            self.check_spec(node, ("add", "change", "delete", "replace"))
            if node.get("ident") in found:
                raise self.fail(node, f'{node.get("ident")} is specified twice')
            found[node.get("ident")] = node
        return found

    def module_refs(self, nodes: list[etree._Element]) -> dict[str, str]:
        """The TEI elements the moduleRefs include, in order, each with its module."""
        if not nodes:
            self.spec = "schemaSpec"
            raise self.fail(None, "no moduleRef: a customisation selects the TEI elements it uses with moduleRef key=… include=…")
        included: dict[str, str] = {}
        for node in nodes:
            key = node.get("key", "")
            self.spec = f'moduleRef "{key}"'
            if not key or node.get("url"):
                raise self.fail(node, "a moduleRef needs @key naming a TEI module (@url is not supported)")
            names = self.module_elements(node, key)
            for name in names:
                if name not in self.tei.elements:
                    raise self.fail(node, f'@include names "{name}", which is not a TEI {self.tei.version} element')
                if name in included:
                    raise self.fail(node, f'"{name}" is included twice (also by moduleRef "{included[name]}")')
                included[name] = key
        return included

    def module_elements(self, node: etree._Element, key: str) -> list[str]:
        """The elements one moduleRef selects: its @include, or the module's elements but its @except, or the whole module.

        Module membership comes from the TEI's ODD source (p5subset.xml) when one is at hand; tei_all.rng does
        not record it, so without one only @include can be read, and its names are not checked for their module.
        """
        include, exclude = node.get("include"), node.get("except")
        if include is not None and exclude is not None:
            raise self.fail(node, "@include and @except exclude each other: give one of them")
        if key == INFRASTRUCTURE and include is None and exclude is None:
            return []  # the classes, macros and datatypes every module uses: no element of its own
        if self.modules is None:
            if include is None:
                what = "@except" if exclude is not None else "a moduleRef without @include"
                raise self.fail(node, f"{what} needs the TEI's module membership, which tei_all.rng does not record: put the TEI's "
                                f"p5subset.xml (version {self.tei.version}) at {DEFAULT_MODULES} or name it with $PMO_TEI_MODULES, or list the module's elements with @include")
            names = include.split()
            if not names:
                raise self.fail(node, "@include is empty: list the module's elements the schema uses")
            return names
        members = self.modules.members.get(key)
        if members is None:
            raise self.fail(node, f'no TEI {self.modules.version} module "{key}"; expected one of {", ".join(sorted(self.modules.members))}')
        listed = (include if include is not None else exclude or "").split()
        for name in listed:
            if name not in members:
                home = self.modules.module_of(name)
                where = f'it is in module "{home}"' if home else f"TEI {self.modules.version} has no such element"
                raise self.fail(node, f'@{"include" if include is not None else "except"} names "{name}", which module "{key}" does not define: {where}')
        if include is not None:
            if not listed:
                raise self.fail(node, "@include is empty: list the module's elements the schema uses")
            return listed
        return [name for name in members if name not in listed]

    # ------------------------------------------------------------ classes

    def resolve_classes(self, specs: dict[str, etree._Element]) -> dict[str, m.ClassSpec]:
        """TEI's model and attribute classes with the ODD's changes; deleted classes are left out."""
        self.changes: dict[str, tuple[str, ...]] = {}
        deleted = {i for i, n in specs.items() if n.get("mode") == "delete"}
        for ident in deleted:
            if ident not in self.tei.model_classes and ident not in self.tei.att_classes:
                self.spec = f'classSpec "{ident}"'
                raise self.fail(specs[ident], f"TEI has no class {ident} to delete")
        self.deleted_classes = deleted
        classes: dict[str, m.ClassSpec] = {}
        for ident, members in self.tei.model_classes.items():
            if ident in deleted:
                continue
            supers = tuple(k for k, listed in self.tei.model_classes.items() if ident in listed and k not in deleted)
            classes[ident] = m.ClassSpec(ident, "model", "", "", "", supers, (), 0)
        for ident, klass in self.tei.att_classes.items():
            if ident in deleted:
                continue
            attributes = tuple(self.tei_attribute(p, ident) for p in klass.attributes)
            supers = tuple(s for s in klass.superclasses if s not in deleted)
            classes[ident] = m.ClassSpec(ident, "atts", "", "", "", supers, attributes, 0)
        for ident, node in specs.items():
            if ident in deleted:
                continue
            self.spec = f'classSpec "{ident}"'
            mode = node.get("mode", "add")
            kind = node.get("type")
            if mode == "add":
                if ident in classes:
                    raise self.fail(node, f'TEI already has the class {ident}: narrow it with mode="change"')
                if kind not in ("model", "atts"):
                    raise self.fail(node, '@type must be "model" or "atts"')
                if not all(self.doc(node)):
                    raise self.fail(node, "every classSpec needs a gloss and a desc")
                base = m.ClassSpec(ident, kind, "", "", "", (), (), node.sourceline)
            else:
                if ident not in classes:
                    raise self.fail(node, f'TEI has no class {ident} to change; give the whole class with mode="add"')
                base = classes[ident]
                if kind not in (None, base.type):
                    raise self.fail(node, f"{ident} is a TEI {base.type} class, not {kind}")
            if node.get("generate") is not None:
                raise self.fail(node, "@generate is not supported")
            gloss, desc = self.doc(node)
            supers = self.memberships(node, base.member_of, replace=mode in ("add", "replace"))
            attributes = base.attributes
            if base.type == "model" and node.find(t("attList")) is not None:
                raise self.fail(node.find(t("attList")), "a model class has no attributes")
            if base.type == "atts":
                attributes = tuple(self.att_list(node, ident, {a.name: a for a in ([] if mode == "replace" else base.attributes)}).values())
            classes[ident] = m.ClassSpec(ident, base.type, "", gloss or base.gloss, desc or base.desc, supers, attributes, node.sourceline)
            self.changes[ident] = tuple(self.change_notes(node))
        return classes

    def memberships(self, spec: etree._Element, base: tuple[str, ...], replace: bool = False) -> tuple[str, ...]:
        """`base` with the spec's memberOf changes: mode="add" (the default) adds, mode="delete" removes."""
        keys = [] if replace else list(base)
        classes = spec.find(t("classes"))
        if classes is None:
            return tuple(keys)
        for member in classes:
            if not isinstance(member.tag, str):
                continue
            mode = member.get("mode", "add")
            key = member.get("key", "")
            if member.tag != t("memberOf") or mode not in ("add", "delete") or member.get("max") or member.get("min"):
                raise self.fail(member, 'only <memberOf key=… mode="add|delete"/> is supported in <classes>')
            if key in getattr(self, "deleted_classes", set()):
                raise self.fail(member, f'memberOf "{key}": that class is deleted')
            if mode == "delete":
                if key not in keys:
                    raise self.fail(member, f'memberOf "{key}" mode="delete": it is not a member of that class')
                keys.remove(key)
            elif key not in keys:
                keys.append(key)
        return tuple(keys)

    @staticmethod
    def change_notes(node: etree._Element) -> list[str]:
        """What a spec changes, in words, for the guidelines."""
        notes = []
        if node.get("mode", "add") == "add":
            return ["the project's own"]
        if node.find(t("content")) is not None:
            notes.append("content narrowed")
        for att in node.iter(t("attDef")):
            mode = att.get("mode", "add")
            name = att.get("ident")
            if mode == "delete":
                notes.append(f"@{name} removed")
            elif att.find(f"{t('valList')}[@type='closed']") is not None:
                notes.append(f"@{name} closed list")
            else:
                notes.append(f"@{name} {dict(add='added', replace='redefined').get(mode, 'narrowed')}")
        for member in node.iter(t("memberOf")):
            if member.get("mode") == "delete":
                notes.append(f"not in {member.get('key')}")
            else:
                notes.append(f"added to {member.get('key')}")
        if node.find(t("constraintSpec")) is not None:
            notes.append("rules added")
        return notes

    # ------------------------------------------------------------ elements

    def element(self, ident: str, node: etree._Element | None, namespace: str) -> tuple[m.ElementSpec, list[m.Rule]]:
        tei = self.tei.elements.get(ident)
        mode = node.get("mode", "add") if node is not None else "change"
        if tei is not None and mode != "replace":
            att_classes = tuple(c for c in tei.att_classes if c not in self.deleted_classes)
            model_classes = tuple(c for c in self.tei.element_classes(ident) if c not in self.deleted_classes)
            base_classes = att_classes + model_classes
            tei_gloss, tei_desc = _split_documentation(tei.documentation)
        else:
            base_classes, tei_gloss, tei_desc = (), "", ""
        classes = self.memberships(node, base_classes) if node is not None else base_classes
        inherited: dict[str, m.AttDef] = {}
        model_classes = []
        for key in classes:
            klass = self.classes.get(key)
            if klass is None:
                raise self.fail(node, f'memberOf "{key}": no TEI class or classSpec of that name')
            if klass.type == "atts":
                for att in self.class_attributes(key, set()):
                    inherited.setdefault(att.name, att)
            else:
                model_classes.append(key)
        if tei is not None and mode != "replace":
            for pattern in tei.attributes:
                att = self.tei_attribute(pattern, ident)
                inherited[att.name] = att
        attributes = self.att_list(node, ident, inherited) if node is not None else inherited
        for att in attributes.values():
            if isinstance(att.datatype, m.XsdType) and att.datatype.name == UNTRANSLATABLE:
                raise self.fail(node, f'the TEI definition of @{att.name} on <{ident}> ({att.datatype.pattern}) cannot be compiled: narrow it (attDef mode="change" with a datatype) or delete it')
        if node is not None and node.find(t("content")) is not None:
            content = self.content(node)
        elif tei is not None:
            content = self.tei_content(tei.content, node)
        else:
            raise self.fail(node, "a content model is required")
        gloss, desc = self.doc(node) if node is not None else ("", "")
        specs = node.findall(t("constraintSpec")) if node is not None else []
        rules = [self.constraint(c, ident) for c in specs if c.get("mode") != "delete"]
        rules.extend(self.tei_constraints(ident, [c for c in specs if c.get("mode") == "delete"]))
        remarks = node.find(t("remarks")) if node is not None else None
        element = m.ElementSpec(
            ident=ident,
            module=self.included[ident],
            gloss=gloss or tei_gloss,
            desc=desc or tei_desc,
            classes=tuple(model_classes),
            content=content,
            attributes=tuple(attributes.values()),
            examples=self.examples(node) if node is not None else (),
            remarks=self.text_of(remarks),
            line=node.sourceline if node is not None else 0,
        )
        if mode == "add" and (not element.gloss or not element.desc or not element.examples):
            raise self.fail(node, "every element of the project's own needs a gloss, a desc and an exemplum")
        self.changes[ident] = tuple(self.change_notes(node)) if node is not None else ()
        return element, rules

    def class_attributes(self, key: str, seen: set[str]) -> list[m.AttDef]:
        """The attributes a member of an attribute class gets: the class's own, then those of the classes it is a member of."""
        if key in seen or key not in self.classes:
            return []
        seen.add(key)
        klass = self.classes[key]
        found = list(klass.attributes)
        for parent in klass.member_of:
            if parent in self.classes and self.classes[parent].type != "atts":
                raise OddError(self.path, klass.line, f'classSpec "{key}"', f'an attribute class cannot be a member of the model class "{parent}"')
            found.extend(self.class_attributes(parent, seen))
        return found

    # ------------------------------------------------------------ TEI's definitions

    def tei_attribute(self, pattern: etree._Element, origin: str) -> m.AttDef:
        """An attribute as tei_all.rng defines it; a pattern the compiler cannot write becomes a marker refused if used."""
        name, required = attribute_name(pattern)
        node = pattern if pattern.tag == f"{{{RNG}}}attribute" else pattern.find(f".//{{{RNG}}}attribute")
        gloss, desc = _split_documentation(attribute_documentation(pattern))
        body = [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
        list_of = False
        if len(body) == 1 and body[0].tag == f"{{{RNG}}}list":
            inner = [c for c in body[0] if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
            if len(inner) == 1 and inner[0].tag == f"{{{RNG}}}oneOrMore":
                list_of = True
                body = [c for c in inner[0] if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
        try:
            if len(body) != 1:
                raise ValueError(f"{len(body)} patterns")
            datatype = _rng_datatype(body[0])
        except ValueError as error:
            datatype = m.XsdType(UNTRANSLATABLE, str(error))
        values = datatype.values if isinstance(datatype, m.Enumeration) else ()
        return m.AttDef(name, required, datatype, list_of, values, isinstance(datatype, m.Enumeration), "TEI", gloss, desc, (), origin)

    def tei_content(self, patterns: tuple[etree._Element, ...], node: etree._Element | None) -> m.Particle:
        """TEI's content model, with references to elements the schema leaves out pruned away."""
        particles = [p for p in (self.rng_particle(c, node) for c in patterns) if p is not None]
        if not particles:
            return m.Empty()
        return particles[0] if len(particles) == 1 else m.Sequence(items=tuple(particles))

    def rng_particle(self, pattern: etree._Element, node: etree._Element | None, minimum: int = 1, maximum: int = 1) -> m.Particle | None:
        local = etree.QName(pattern).localname
        children = [c for c in pattern if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
        if local in ("optional", "zeroOrMore", "oneOrMore"):
            low, high = {"optional": (0, 1), "zeroOrMore": (0, m.UNBOUNDED), "oneOrMore": (1, m.UNBOUNDED)}[local]
            inner = self.rng_group(children, node, "group")
            if inner is None:
                return None
            if (inner.min_occurs, inner.max_occurs) == (1, 1):
                return type(inner)(low, high, *[getattr(inner, f) for f in _FIELDS[type(inner)]])
            return m.Sequence(low, high, (inner,))
        if local in ("group", "choice"):
            return self.rng_group(children, node, local)
        if local == "ref":
            key = pattern.get("name")
            if key in self.included:
                return m.ElementRef(key=key)
            if key.startswith("model."):
                return m.ClassRef(key=key) if key in self.classes and self.class_has_members(key) else None
            if key.startswith("macro."):
                return m.MacroRef(key=key) if key in self.macros or key in self.tei.defines else None
            return None  # an element the schema leaves out
        if local == "text":
            return m.TextNode()
        if local == "empty":
            return m.Empty()
        raise self.fail(node, f"TEI's content model uses rng:{local}, which the compiler cannot write: give the element a <content> (mode=\"change\")")

    def rng_group(self, children: list[etree._Element], node, local: str) -> m.Particle | None:
        items = [p for p in (self.rng_particle(c, node) for c in children) if p is not None]
        if not items:
            return None
        if len(items) == 1:
            return items[0]
        return (m.Alternate if local == "choice" else m.Sequence)(items=tuple(items))

    def class_has_members(self, key: str) -> bool:
        return any(self._in_class(c, key, set()) for name in self.included for c in self.element_model_classes(name))

    def element_model_classes(self, name: str) -> tuple[str, ...]:
        return tuple(c for c in self.tei.element_classes(name) if c not in self.deleted_classes)

    def _in_class(self, klass: str, key: str, seen: set[str]) -> bool:
        if klass == key:
            return True
        if klass in seen or klass not in self.classes:
            return False
        seen.add(klass)
        return any(self._in_class(p, key, seen) for p in self.classes[klass].member_of)

    def add_tei_macros(self, elements: dict[str, m.ElementSpec]) -> None:
        """Every TEI macro a content model uses and the ODD does not change, translated from TEI."""
        pending = True
        while pending:
            pending = False
            used: set[str] = set()
            for element in elements.values():
                _collect_macros(element.content, used)
            for macro in list(self.macros.values()):
                _collect_macros(macro.content, used)
            for key in sorted(used - set(self.macros)):
                define = self.tei.defines.get(key)
                if define is None:
                    continue
                self.spec = f'macroSpec "{key}"'
                content = self.tei_content(tuple(c for c in define if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")), None)
                self.macros[key] = m.MacroSpec(key, "", "", content, 0)
                pending = True


    def att_list(self, spec: etree._Element, origin: str, inherited: dict[str, m.AttDef]) -> dict[str, m.AttDef]:
        """`inherited` with the spec's attList applied: attDef mode add, change, replace or delete."""
        result = dict(inherited)
        att_list = spec.find(t("attList"))
        if att_list is None:
            return result
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
            if mode not in ("add", "change", "replace", "delete"):
                raise self.fail(att, f'attDef mode="{mode}" is not supported')
            if mode in ("delete", "change", "replace") and name not in result:
                raise self.fail(att, f'attribute "{name}" has mode="{mode}" but neither TEI nor a class gives it here')
            if mode == "add" and name in result:
                raise self.fail(att, f'attribute "{name}" is already given by {result[name].origin}; use mode="change" to narrow it')
            if mode == "delete":
                del result[name]
            elif mode == "change":
                result[name] = self.att_change(result[name], att, origin)
            else:
                result[name] = self.att_def(att, origin)
        return result

    def att_change(self, base: m.AttDef, att: etree._Element, origin: str) -> m.AttDef:
        """`base` with what the attDef gives replacing TEI's: usage, datatype, value list, documentation, examples."""
        name = base.name
        for unsupported in ("defaultVal", "constraintSpec", "valDesc"):
            if att.find(t(unsupported)) is not None:
                raise self.fail(att.find(t(unsupported)), f'attribute "{name}": <{unsupported}> is not supported')
        datatype, list_of, datatype_name = base.datatype, base.list_of, base.datatype_name
        values, closed = base.values, base.closed
        datatype_node = att.find(t("datatype"))
        if datatype_node is not None:
            datatype, datatype_name, list_of = self.datatype(att, datatype_node)
            values, closed = (), False
        values_node = att.find(t("valList"))
        if values_node is not None:
            values = self.values(values_node)
            closed = values_node.get("type", "open") == "closed"
            for value in values:
                if not value.gloss or not value.desc:
                    raise self.fail(values_node, f'attribute "{name}": value "{value.ident}" needs a gloss and a desc')
            if closed:
                datatype = m.Enumeration(values)
        gloss, desc = self.doc(att)
        usage = att.get("usage")
        return m.AttDef(
            name=name,
            required=base.required if usage is None else usage == "req",
            datatype=datatype,
            list_of=list_of,
            values=values,
            closed=closed,
            datatype_name=datatype_name,
            gloss=gloss or base.gloss,
            desc=desc or base.desc,
            examples=self.examples(att) or base.examples,
            origin=f"{base.origin}, changed by {origin}" if base.origin != origin else origin,
        )

    def datatype(self, att: etree._Element, datatype_node: etree._Element) -> tuple[m.Datatype, str, bool]:
        name = att.get("ident")
        minimum = datatype_node.get("minOccurs", "1")
        maximum = datatype_node.get("maxOccurs", "1")
        if minimum != "1" or maximum not in ("1", "unbounded"):
            raise self.fail(datatype_node, f'attribute "{name}": datatype occurrences other than 1 or 1..unbounded are not supported')
        refs = [c for c in datatype_node if isinstance(c.tag, str)]
        if len(refs) != 1 or refs[0].tag != t("dataRef"):
            raise self.fail(datatype_node, f'attribute "{name}": a datatype must hold one dataRef')
        datatype, datatype_name = self.data_ref(refs[0])
        return datatype, datatype_name, maximum == "unbounded"

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
            datatype, datatype_name, list_of = self.datatype(att, datatype_node)
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

    def tei_constraints(self, spec: str, deleted: list[etree._Element]) -> list[m.Rule]:
        """The TEI's own Schematron constraints on an element or class the schema keeps, but those the ODD deletes.

        A customisation keeps TEI's constraints as it keeps TEI's content: so a file the project's rules accept
        is one TEI's rules accept. The ODD drops one with ``constraintSpec ident=… mode="delete"`` in the spec.
        """
        constraints = self.tei.constraints.get(spec, [])
        dropped = {c.get("ident") for c in deleted}
        for node in deleted:
            if node.get("ident") not in {c.ident for c in constraints}:
                raise OddError(self.path, node.sourceline, f'constraintSpec "{node.get("ident")}"', f'mode="delete": TEI {self.tei.version} has no constraint of that ident on {spec}; expected one of {", ".join(c.ident for c in constraints) or "none"}')
        rules = []
        for constraint in constraints:
            if constraint.ident in dropped:
                continue
            pattern = copy.deepcopy(constraint.pattern)
            said = " ".join(" ".join(n.itertext()) for n in pattern.iter(f"{{{SCH}}}assert", f"{{{SCH}}}report")).split()
            kind = "element" if spec in self.tei.elements else "class"
            rules.append(m.Rule(
                ident=f"tei-{spec}-{constraint.ident}",
                gloss=f"TEI: {_escape(constraint.ident)}",
                desc=f"A constraint of TEI P5 on the {kind} {_escape(spec)}, kept by the customisation: {_escape(' '.join(said))}",
                context_element=spec if kind == "element" else None,
                xml=(etree.tostring(pattern, encoding="unicode", with_tail=False),),
            ))
        return rules

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
        """The prefixes the rules declare with sch:ns; a prefix a rule uses undeclared is refused (other processors need it)."""
        found: dict[str, str] = {}
        for ns in spec.iter(f"{{{SCH}}}ns"):
            found[ns.get("prefix")] = ns.get("uri")
        for node in spec.iter(f"{{{SCH}}}rule", f"{{{SCH}}}assert", f"{{{SCH}}}report", f"{{{SCH}}}let", f"{{{SCH}}}value-of"):
            for attribute in ("context", "test", "value", "select"):
                expression = re.sub(r"'[^']*'|\"[^\"]*\"", "", node.get(attribute) or "")
                for prefix in re.findall(r"(?<![\w.:$-])([A-Za-z_][\w.-]*):(?=[\w*])", expression):
                    if prefix not in found and prefix != "xml":
                        self.spec = "constraintSpec"
                        raise self.fail(node, f'the prefix "{prefix}:" is used without an sch:ns declaring it')
        return tuple(sorted(found.items()))

    # ------------------------------------------------------------ prose and checks

    def prose(self, root: etree._Element, spec: etree._Element) -> tuple[tuple[str, str], ...]:
        sections = []
        body = root.find(f"{t('text')}/{t('body')}")
        if body is None:
            return ()
        for div in body.iter(t("div")):
            if div.find(f".//{t('schemaSpec')}") is not None or div.find(t("div")) is not None:
                continue
            if (div.get(f"{{{m.XML_NS}}}id") or "").startswith("recipe-"):
                continue
            head = div.findtext(t("head")) or ""
            html = "".join(_block_html(child) for child in div if isinstance(child.tag, str) and child.tag != t("head"))
            sections.append((" ".join(head.split()), html))
        return tuple(sections)

    def recipes(self, root: etree._Element) -> tuple[m.Recipe, ...]:
        """The task-oriented recipes: prose divs whose xml:id starts with "recipe-", each with its examples."""
        found = []
        for div in root.iter(t("div")):
            ident = div.get(f"{{{m.XML_NS}}}id") or ""
            if not ident.startswith("recipe-"):
                continue
            examples = tuple(_example_text(eg) for eg in div.iter(f"{{{EXAMPLES}}}egXML"))
            paragraphs = [c for c in div if isinstance(c.tag, str) and c.tag == t("p") and c.find(f"{{{EXAMPLES}}}egXML") is None]
            html = "".join(_block_html(p) for p in paragraphs)
            found.append(m.Recipe(ident, " ".join((div.findtext(t("head")) or "").split()), html, examples))
        return tuple(found)

    def check_references(self, schema: m.Schema, specs: dict[str, etree._Element], spec: etree._Element) -> None:
        for element in schema.elements.values():
            self.spec = f'elementSpec "{element.ident}"'
            self.check_particle(schema, element.content, specs.get(element.ident), element.line)
        for macro in schema.macros.values():
            self.spec = f'macroSpec "{macro.ident}"'
            self.check_particle(schema, macro.content, None, macro.line)
        for klass in schema.classes.values():
            for parent in klass.member_of:
                other = schema.classes.get(parent)
                if other is None or other.type != klass.type:
                    raise OddError(self.path, klass.line, f'classSpec "{klass.ident}"', f'memberOf "{parent}": no {klass.type} class of that name')
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


def load_odd(path: Path | str, tei: Path | str | None = None) -> m.Schema:
    """Read the ODD at `path` and resolve it against the TEI definitions (`tei`, default teisource.source_path()).

    Raises OddError naming what is wrong and where.
    """
    path = Path(path)
    try:
        source = load_tei(tei)
        modules = load_modules()
    except TeiSourceError as error:
        raise OddError(str(path), None, "TEI definitions", str(error)) from None
    if modules is not None and modules.version != source.version:
        raise OddError(str(path), None, "TEI definitions", f"{modules.path} is TEI {modules.version or 'of no stated version'}, but {source.path} is TEI {source.version}: module membership must come from the same version")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OddError(str(path), None, "ODD", f"cannot read it: {error.strerror}") from None
    try:
        tree = parse(data, name=str(path))
    except XMLInputError as error:
        raise OddError(str(path), error.line, "ODD", error.message) from None
    return _Loader(str(path), source, modules).load(tree)


def _split_documentation(text: str) -> tuple[str, str]:
    """TEI's "(gloss) description [chapter refs]" as (gloss, description), HTML-escaped."""
    text = re.sub(r"\s*\[[0-9][^\]]*\]\s*$", "", text)
    found = re.match(r"\(([^)]*)\)\s*(.*)", text, re.S)
    gloss, desc = (found.group(1), found.group(2)) if found else ("", text)
    return _escape(gloss), _escape(desc)


def _rng_datatype(node: etree._Element) -> m.Datatype:
    """A TEI attribute's RELAX NG value pattern as a datatype; ValueError when the compiler cannot write it."""
    local = etree.QName(node).localname
    if local == "data":
        if node.get("type") not in XSD_TYPES:
            raise ValueError(f"data type {node.get('type')}")
        params = [p for p in node if isinstance(p.tag, str) and p.tag == f"{{{RNG}}}param"]
        if any(p.get("name") != "pattern" for p in params) or len(params) > 1:
            raise ValueError("data facets other than one pattern")
        return m.XsdType(node.get("type"), params[0].text if params else None)
    if local == "text":
        return m.XsdType("string")
    if local == "value":
        return m.Enumeration((m.Value(node.text or ""),))
    if local == "choice":
        members = [_rng_datatype(c) for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
        values = tuple(v for member in members if isinstance(member, m.Enumeration) for v in member.values)
        others = tuple(member for member in members if not isinstance(member, m.Enumeration))
        if any(isinstance(o, m.Union) for o in others):
            raise ValueError("nested choices")
        if not others:
            return m.Enumeration(values)
        return m.Union(((m.Enumeration(values),) if values else ()) + others) if len(others) > 1 or values else others[0]
    raise ValueError(f"rng:{local}")


def _collect_macros(particle: m.Particle, found: set[str]) -> None:
    if isinstance(particle, (m.Sequence, m.Alternate)):
        for item in particle.items:
            _collect_macros(item, found)
    elif isinstance(particle, m.MacroRef):
        found.add(particle.key)


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
                parts.append(f'<code class="gi"><a href="#el-{_escape(child.text)}">&lt;{_escape(child.text)}&gt;</a></code>')
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
