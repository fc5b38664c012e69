"""Write the encoding guidelines as one HTML page, from the resolved ODD.

A table of contents (``nav#guidelines-toc``) and the content (``main#guidelines``):
the ODD's prose, task-oriented recipes, one section per TEI module (``mod-NAME``)
with a section per element (``el-NAME``): its description, a link to its TEI
reference page, what the project changes in TEI's definition, its content in words,
where it may appear, its attributes and values, the rules that constrain it and its
examples; then the global attributes, every rule (``rule-ID``) with the elements it
constrains, the groups of elements and the datatypes. The page carries no style or
script of its own (the web edition wraps it); ``guidelines.css`` is an optional link.
"""

from __future__ import annotations

import html
import re

from pipeline.odd import model as m

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _gi(name: str) -> str:
    return f'<a href="#el-{_e(name)}"><code>&lt;{_e(name)}&gt;</code></a>'


def _join(items: list[str], last: str = "or") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {last} " + items[-1]


class _Words:
    """Content models in words."""

    def __init__(self, schema: m.Schema) -> None:
        self.schema = schema

    def particle(self, particle: m.Particle) -> str:
        core = self.core(particle)
        occurrence = (particle.min_occurs, particle.max_occurs)
        if occurrence == (0, 1):
            return f"optionally {core}"
        if occurrence == (0, m.UNBOUNDED):
            return f"any number of {core}"
        if occurrence == (1, m.UNBOUNDED):
            return f"one or more of {core}"
        return core

    def core(self, particle: m.Particle) -> str:
        if isinstance(particle, m.ElementRef):
            return _gi(particle.key)
        if isinstance(particle, m.ClassRef):
            members = self.schema.class_members(particle.key)
            if len(members) <= 3:
                return f"({_join([_gi(name) for name in members])})" if len(members) > 1 else "".join(_gi(n) for n in members) or "nothing"
            gloss = self.schema.classes[particle.key].gloss
            return f'<a href="#class-{_e(particle.key)}">{gloss or _e(particle.key)}</a>'
        if isinstance(particle, m.MacroRef):
            return self.particle(self.schema.macros[particle.key].content)
        if isinstance(particle, m.TextNode):
            return "text"
        if isinstance(particle, m.Empty):
            return "nothing (the element is empty)"
        if isinstance(particle, m.Alternate):
            return "(" + _join([self.particle(i) for i in particle.items]) + ")"
        if isinstance(particle, m.Sequence):
            return "(" + ", then ".join(self.particle(i) for i in particle.items) + ")"
        raise TypeError(particle)  # pragma: no cover

    def elements_in(self, particle: m.Particle) -> set[str]:
        if isinstance(particle, m.ElementRef):
            return {particle.key}
        if isinstance(particle, m.ClassRef):
            return set(self.schema.class_members(particle.key))
        if isinstance(particle, m.MacroRef):
            return self.elements_in(self.schema.macros[particle.key].content)
        if isinstance(particle, (m.Sequence, m.Alternate)):
            return set().union(*(self.elements_in(i) for i in particle.items))
        return set()


def _values(att: m.AttDef, schema: m.Schema) -> str:
    if not att.values:
        spec = schema.datatypes.get(att.datatype_name)
        name = f'<a href="#type-{_e(att.datatype_name)}"><code>{_e(att.datatype_name)}</code></a> ({spec.gloss})' if spec else f"<code>{_e(att.datatype_name)}</code>"
        return name + (" (one or more, separated by spaces)" if att.list_of else "")
    kind = "one of" if att.closed else "for example"
    rows = "".join(
        f"<dt><code>{_e(v.ident) or '(empty)'}</code> <span class=\"gloss\">{v.gloss}</span></dt><dd>{v.desc}</dd>"
        for v in att.values
    )
    return f"{kind}:<dl>{rows}</dl>"


def _global_classes(schema: m.Schema) -> set[str]:
    """att.global and the attribute classes it takes its attributes from."""
    found: set[str] = set()
    todo = ["att.global"]
    while todo:
        key = todo.pop()
        if key in schema.classes and key not in found:
            found.add(key)
            todo.extend(schema.classes[key].member_of)
    return found


def _attribute_table(attributes: list[m.AttDef], schema: m.Schema) -> str:
    rows = ["<table><caption>Attributes</caption><thead><tr><th>attribute</th><th>meaning</th><th>values</th></tr></thead><tbody>"]
    for att in attributes:
        need = "required" if att.required else "optional"
        examples = "".join(f"<pre><code>{_e(x)}</code></pre>" for x in att.examples[:1])
        rows.append(
            f"<tr><td><code>@{_e(att.name)}</code><br>{need}</td>"
            f"<td>{_gloss(att.gloss)}{att.desc}{examples}</td><td>{_values(att, schema)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


TEI_REFERENCE = "https://tei-c.org/release/doc/tei-p5-doc/en/html/ref-{}.html"
SCHEMA_LINKS = (("schema/pmo.rng", "RELAX NG"), ("schema/pmo.sch", "Schematron"), ("schema/pmo.xsd", "XML Schema"), ("schema/pmo.odd", "the ODD"))


def _gloss(gloss: str) -> str:
    return f'<span class="gloss">{gloss}</span>: ' if gloss else ""


def _rule_elements(rule: m.Rule, schema: m.Schema) -> list[str]:
    """The elements a rule constrains, read from its contexts: tei:NAME, or tei:*[@att …] for every element with that attribute."""
    if rule.context_element:
        return [rule.context_element]
    found: list[str] = []
    for xml in rule.xml:
        for context in re.findall(r'context="([^"]*)"', xml):
            for alternative in context.split("|"):
                named = re.findall(r"tei:([A-Za-z][\w.-]*)", alternative.split("[")[0])
                if named:
                    found.extend(named)
                elif "tei:*" in alternative:
                    attributes = set(re.findall(r"@([\w:]+)", alternative))
                    found.extend(n for n, e in schema.elements.items() if attributes & {a.name for a in e.attributes})
    return sorted(dict.fromkeys(n for n in found if n in schema.elements), key=str.lower)


def to_html(schema: m.Schema) -> bytes:
    """The guidelines page for `schema`, as UTF-8 HTML."""
    words = _Words(schema)
    parents: dict[str, list[str]] = {name: [] for name in schema.elements}
    for element in schema.elements.values():
        for child in sorted(words.elements_in(element.content)):
            parents[child].append(element.ident)
    rule_elements = {rule.ident: _rule_elements(rule, schema) for rule in schema.rules}
    rules_by_element: dict[str, list[m.Rule]] = {}
    for rule in schema.rules:
        for name in rule_elements[rule.ident]:
            rules_by_element.setdefault(name, []).append(rule)
    modules: dict[str, list[str]] = {}
    for name, element in schema.elements.items():
        modules.setdefault(element.module or "other", []).append(name)
    for names in modules.values():
        names.sort(key=str.lower)
    global_classes = _global_classes(schema)
    title = f"{_e(schema.gloss or schema.ident)}: encoding guidelines"
    version = schema.source.partition(":")[2]
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        '<link rel="stylesheet" href="guidelines.css">',
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
        f"<p>{schema.desc}</p>",
        f"<p>A customisation of TEI P5{' version ' + _e(version) if version else ''}: every element is TEI's, narrowed, so a file valid here is valid TEI. "
        "Schemas: " + ", ".join(f'<a href="{href}">{label}</a>' for href, label in SCHEMA_LINKS) + ".</p>",
        "</header>",
        '<nav id="guidelines-toc" aria-label="Contents">',
        "<h2>Contents</h2>",
        "<ol>",
    ]
    for index, (heading, _body) in enumerate(schema.prose, 1):
        out.append(f'<li><a href="#about-{index}">{_e(heading)}</a></li>')
    if schema.recipes:
        out.append('<li><a href="#recipes">How to encode…</a><ol>')
        out.extend(f'<li><a href="#{_e(r.ident)}">{_e(r.heading)}</a></li>' for r in schema.recipes)
        out.append("</ol></li>")
    out.append('<li><a href="#elements">Elements, by TEI module</a><ol>')
    for module, names in sorted(modules.items()):
        out.append(f'<li><a href="#mod-{_e(module)}">{_e(module)}</a><ol>')
        out.extend(f"<li>{_gi(name)}</li>" for name in names)
        out.append("</ol></li>")
    out.append("</ol></li>")
    out.append('<li><a href="#global-attributes">Global attributes</a></li>')
    out.append('<li><a href="#rules">Rules</a><ol>')
    out.extend(f'<li><a href="#rule-{_e(r.ident)}">{_e(r.ident)}</a></li>' for r in schema.rules)
    out.append("</ol></li>")
    out.append('<li><a href="#classes">Groups of elements</a></li>')
    out.append('<li><a href="#datatypes">Datatypes</a></li>')
    out.extend(["</ol>", "</nav>", '<main id="guidelines">'])
    for index, (heading, body) in enumerate(schema.prose, 1):
        out.append(f'<section id="about-{index}"><h2>{_e(heading)}</h2>{body}</section>')
    if schema.recipes:
        out.append('<section id="recipes"><h2>How to encode…</h2>')
        for recipe in schema.recipes:
            out.append(f'<section id="{_e(recipe.ident)}"><h3>…{_e(recipe.heading)}</h3>{recipe.html}')
            out.extend(f"<figure><figcaption>Example</figcaption><pre><code>{_e(x)}</code></pre></figure>" for x in recipe.examples)
            out.append("</section>")
        out.append("</section>")
    out.append('<section id="elements"><h2>Elements, by TEI module</h2>')
    for module, names in sorted(modules.items()):
        out.append(f'<section id="mod-{_e(module)}"><h2>Module <code>{_e(module)}</code></h2>')
        for name in names:
            out.extend(_element_section(schema, name, words, parents, rules_by_element, global_classes))
        out.append("</section>")
    out.append("</section>")
    global_attributes = [a for a in schema.elements[schema.start[0]].attributes if a.origin.split(",")[0] in global_classes]
    out.append('<section id="global-attributes"><h2>Global attributes</h2><p>Every element may carry these attributes.</p>')
    out.append(_attribute_table(global_attributes, schema))
    out.append("</section>")
    out.append('<section id="rules"><h2>Rules</h2><p>Besides the grammar, the Schematron checks these rules; each message names its rule.</p><dl>')
    for rule in schema.rules:
        on = _join([_gi(n) for n in rule_elements[rule.ident]], "and") or "the whole file"
        out.append(f'<dt id="rule-{_e(rule.ident)}"><code>{_e(rule.ident)}</code> <span class="gloss">{rule.gloss}</span></dt><dd>{rule.desc} <em>Constrains:</em> {on}.</dd>')
    out.append("</dl></section>")
    out.append('<section id="classes"><h2>Groups of elements</h2><p>Content models name these groups (TEI model classes); each holds the elements listed.</p><dl>')
    for klass in schema.classes.values():
        members = schema.class_members(klass.ident) if klass.type == "model" else ()
        if members:
            out.append(f'<dt id="class-{_e(klass.ident)}">{klass.gloss} <code>{_e(klass.ident)}</code></dt><dd>{klass.desc} Members: {_join([_gi(n) for n in members], "and")}.</dd>')
    out.append("</dl></section>")
    out.append('<section id="datatypes"><h2>Datatypes</h2><dl>')
    for spec in schema.datatypes.values():
        out.append(f'<dt id="type-{_e(spec.ident)}"><code>{_e(spec.ident)}</code> <span class="gloss">{spec.gloss}</span></dt><dd>{spec.desc}</dd>')
    out.append("</dl></section>")
    out.extend(["</main>", "</body>", "</html>"])
    page = "\n".join(out) + "\n"
    # the ODD's prose names elements the schema leaves out (ODD elements, TEI's others): no link for those
    page = re.sub(r'<a href="#el-([^"]+)">(.*?)</a>', lambda found: found.group(0) if found.group(1) in schema.elements else found.group(2), page)
    return page.encode("utf-8")


def _element_section(schema, name, words, parents, rules_by_element, global_classes) -> list[str]:
    element = schema.elements[name]
    out = [f'<section class="spec" id="el-{_e(name)}">']
    out.append(f'<h3><code>&lt;{_e(name)}&gt;</code> <span class="gloss">{element.gloss}</span></h3>')
    out.append(f"<p>{element.desc}</p>")
    changes = schema.changes.get(name, ())
    changed = "; ".join(_e(c) for c in changes) if changes else "TEI's definition, unchanged"
    out.append(f'<p class="changes"><strong>Project changes:</strong> {changed}. <a href="{TEI_REFERENCE.format(_e(name))}">TEI reference for &lt;{_e(name)}&gt;</a>.</p>')
    out.append(f"<p><strong>Contains:</strong> {words.particle(element.content)}.</p>")
    where = parents[name]
    if name in schema.start:
        where_text = "the root of a document"
    else:
        where_text = _join([_gi(p) for p in where], "and") if where else "nowhere (not used)"
    out.append(f"<p><strong>May appear in:</strong> {where_text}.</p>")
    own = [a for a in element.attributes if a.origin.split(",")[0] not in global_classes]
    shared = [a for a in element.attributes if a.origin.split(",")[0] in global_classes]
    if own:
        out.append(_attribute_table(own, schema))
    if shared:
        listed = ", ".join(f"<code>@{_e(a.name)}</code>" for a in shared)
        out.append(f'<p><strong>Global attributes:</strong> {listed} (see <a href="#global-attributes">global attributes</a>).</p>')
    rules = rules_by_element.get(name, [])
    if rules:
        out.append("<p><strong>Rules:</strong></p><ul>")
        out.extend(f'<li><a href="#rule-{_e(r.ident)}"><code>{_e(r.ident)}</code></a> ({r.gloss}): {r.desc}</li>' for r in rules)
        out.append("</ul>")
    for example in element.examples:
        out.append(f"<figure><figcaption>Example</figcaption><pre><code>{_e(example)}</code></pre></figure>")
    out.append("</section>")
    return out
