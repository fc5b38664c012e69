"""Write the encoding guidelines as one HTML page, from the ODD alone.

For each element: its gloss and description, its content model in words, its
attributes with their values, where it may appear, the rules that apply to it, and
its examples. Then the rules across the file and the datatypes.
"""

from __future__ import annotations

import html

from pipeline.odd import model as m

STYLE = """
body{font:16px/1.5 "EB Garamond",Georgia,serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
code,pre{font:0.9em/1.4 "DejaVu Sans Mono",monospace}
pre{background:#f6f6f2;padding:.6rem;overflow-x:auto;white-space:pre-wrap}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;border-top:1px solid #ccc;padding:.3rem}
section.spec{border-top:2px solid #888;margin-top:2rem}nav ul{columns:3}
.gloss{font-weight:normal;color:#555}dt{font-weight:bold}
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _gi(name: str) -> str:
    return f'<a href="#{_e(name)}"><code>&lt;{_e(name)}&gt;</code></a>'


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
            return f'<a href="#{_e(particle.key)}">{gloss}</a>'
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
        name = f'<a href="#{_e(att.datatype_name)}"><code>{_e(att.datatype_name)}</code></a> ({spec.gloss})' if spec else f"<code>{_e(att.datatype_name)}</code>"
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
            f"<td><span class=\"gloss\">{att.gloss}</span>: {att.desc}{examples}</td><td>{_values(att, schema)}</td></tr>"
        )
    rows.append("</tbody></table>")
    return "".join(rows)


def to_html(schema: m.Schema) -> bytes:
    """The guidelines page for `schema`, as UTF-8 HTML."""
    words = _Words(schema)
    parents: dict[str, list[str]] = {name: [] for name in schema.elements}
    for element in schema.elements.values():
        for child in sorted(words.elements_in(element.content)):
            parents[child].append(element.ident)
    rules_by_element: dict[str, list[m.Rule]] = {}
    for rule in schema.rules:
        if rule.context_element:
            rules_by_element.setdefault(rule.context_element, []).append(rule)
    names = sorted(schema.elements, key=str.lower)
    global_classes = _global_classes(schema)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(schema.gloss or schema.ident)}: encoding guidelines</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(schema.gloss or schema.ident)}: encoding guidelines</h1>",
        f"<p>{schema.desc}</p>",
        f"<p>Generated from the ODD <code>{_e(schema.ident)}.odd</code> by <code>pipeline schema</code>. "
        f"Schemas: <a href=\"{_e(schema.ident)}.rng\">RELAX NG</a>, <a href=\"{_e(schema.ident)}.sch\">Schematron</a>, "
        f"<a href=\"{_e(schema.ident)}.xsd\">XML Schema</a>.</p>",
        "</header>",
        "<main>",
    ]
    for index, (heading, body) in enumerate(schema.prose, 1):
        out.append(f'<section id="about-{index}"><h2>{_e(heading)}</h2>{body}</section>')
    out.append('<nav aria-label="Elements"><h2 id="elements">Elements</h2><ul>')
    out.extend(f"<li>{_gi(name)} {schema.elements[name].gloss}</li>" for name in names)
    out.append("</ul></nav>")
    for name in names:
        element = schema.elements[name]
        out.append(f'<section class="spec" id="{_e(name)}">')
        out.append(f'<h3><code>&lt;{_e(name)}&gt;</code> <span class="gloss">{element.gloss}</span></h3>')
        out.append(f"<p>{element.desc}</p>")
        out.append(f"<p><strong>Contains:</strong> {words.particle(element.content)}.</p>")
        where = parents[name]
        if name in schema.start:
            where_text = "the root of a document"
        else:
            where_text = _join([_gi(p) for p in where], "and") if where else "nowhere (not used)"
        out.append(f"<p><strong>May appear in:</strong> {where_text}.</p>")
        own = [a for a in element.attributes if a.origin not in global_classes]
        shared = [a for a in element.attributes if a.origin in global_classes]
        if own:
            out.append(_attribute_table(own, schema))
        if shared:
            names = ", ".join(f"<code>@{_e(a.name)}</code>" for a in shared)
            out.append(f'<p><strong>Global attributes:</strong> {names} (see <a href="#global-attributes">global attributes</a>).</p>')
        for rule in rules_by_element.get(name, []):
            out.append(f'<p id="{_e(rule.ident)}"><strong>Rule <code>{_e(rule.ident)}</code></strong> ({rule.gloss}): {rule.desc}</p>')
        for example in element.examples:
            out.append(f"<figure><figcaption>Example</figcaption><pre><code>{_e(example)}</code></pre></figure>")
        out.append("</section>")
    global_attributes = [a for a in schema.elements[schema.start[0]].attributes if a.origin in global_classes]
    out.append('<section id="global-attributes"><h2>Global attributes</h2><p>Every element may carry these attributes.</p>')
    out.append(_attribute_table(global_attributes, schema))
    out.append("</section>")
    out.append('<section id="rules"><h2>Rules across the file</h2><p>Besides the grammar, the Schematron checks these rules; each message names its rule.</p><dl>')
    for rule in schema.rules:
        if not rule.context_element:
            out.append(f'<dt id="{_e(rule.ident)}"><code>{_e(rule.ident)}</code> <span class="gloss">{rule.gloss}</span></dt><dd>{rule.desc}</dd>')
    out.append("</dl></section>")
    out.append('<section id="classes"><h2>Groups of elements</h2><p>Content models name these groups (TEI model classes); each holds the elements listed.</p><dl>')
    for klass in schema.classes.values():
        if klass.type == "model":
            members = _join([_gi(n) for n in schema.class_members(klass.ident)], "and") or "no element"
            out.append(f'<dt id="{_e(klass.ident)}">{klass.gloss} <code>{_e(klass.ident)}</code></dt><dd>{klass.desc} Members: {members}.</dd>')
    out.append("</dl></section>")
    out.append('<section id="datatypes"><h2>Datatypes</h2><dl>')
    for spec in schema.datatypes.values():
        out.append(f'<dt id="{_e(spec.ident)}"><code>{_e(spec.ident)}</code> <span class="gloss">{spec.gloss}</span></dt><dd>{spec.desc}</dd>')
    out.append("</dl></section>")
    out.append("</main>")
    out.append("</body>")
    out.append("</html>")
    return ("\n".join(out) + "\n").encode("utf-8")
