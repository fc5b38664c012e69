"""A project's own ODD, chained onto the pipeline's: `<schemaSpec ident="myed" source="pmo">` customises
the pipeline's schema (schema/pmo.odd) rather than TEI itself.

The chain is resolved by merging the two ODDs' specifications into one document the ODD compiler
reads (pipeline.odd), by these rules, each of which keeps what the pipeline's ODD says unless the
project's says otherwise:

- `moduleRef key=K include=…`: the elements are added to those the pipeline's ODD includes;
- a spec (`elementSpec`, `classSpec`, `macroSpec`, `dataSpec`, `constraintSpec`) with `mode="add"`,
  `"replace"` or `"delete"` takes the place of the pipeline's spec of that kind and ident, if any;
- a spec with `mode="change"` is added when the pipeline's ODD does not specify that ident; changing
  a spec the pipeline's ODD already changes is refused (two changes would have to be merged
  attribute by attribute): give the whole spec with `mode="replace"` instead;
- the project's prose (its `body` divisions outside the schemaSpec) follows the pipeline's.

An ODD whose source is `tei:VERSION` is a whole customisation of TEI and is compiled as it is.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline import resources

TEI = "http://www.tei-c.org/ns/1.0"
SPECS = ("elementSpec", "classSpec", "macroSpec", "dataSpec", "constraintSpec")


class ChainError(Exception):
    """The project's ODD cannot be chained onto the pipeline's; str() names the file, line and spec."""


def _t(name: str) -> str:
    return f"{{{TEI}}}{name}"


def _parse(path: Path) -> etree._ElementTree:
    from pipeline.safexml import XMLInputError, parse

    try:
        return parse(path.read_bytes(), name=str(path))
    except (OSError, XMLInputError) as error:
        raise ChainError(f"{path}: cannot read the ODD ({error})") from None


def chained_odd(odd: Path, base: Path | None = None) -> bytes | None:
    """The project's ODD merged into the pipeline's (bytes of one ODD), or None when it does not chain
    (its schemaSpec's source is not the pipeline's schema)."""
    base = base or resources.schema(f"{resources.SCHEMA_NAME}.odd")
    project = _parse(odd).getroot()
    spec = project.find(f".//{_t('schemaSpec')}")
    if spec is None:
        raise ChainError(f"{odd}: no schemaSpec")
    merged = _parse(base)
    base_spec = merged.getroot().find(f".//{_t('schemaSpec')}")
    if spec.get("source") != base_spec.get("ident"):
        return None
    if not spec.get("ident"):
        raise ChainError(f"{odd}:{spec.sourceline}: schemaSpec: @ident is required: it names the compiled files")
    base_spec.set("ident", spec.get("ident"))
    for documentation in ("gloss", "desc"):
        own = spec.find(_t(documentation))
        if own is not None:
            old = base_spec.find(_t(documentation))
            if old is not None:
                base_spec.replace(old, _copy(own))
            else:
                base_spec.insert(0, _copy(own))
    for child in spec:
        if not isinstance(child.tag, str) or child.tag in (_t("gloss"), _t("desc")):
            continue
        name = etree.QName(child).localname
        if name == "moduleRef":
            _add_module(base_spec, child)
        elif name in SPECS:
            _add_spec(base_spec, child, odd)
        else:
            raise ChainError(f"{odd}:{child.sourceline}: <{name}> in a chained schemaSpec is not supported")
    _add_prose(merged.getroot(), project)
    return etree.tostring(merged, xml_declaration=True, encoding="UTF-8")


def _copy(node: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(node))


def _add_module(base_spec: etree._Element, ref: etree._Element) -> None:
    key, names = ref.get("key"), (ref.get("include") or "").split()
    existing = next((r for r in base_spec.findall(_t("moduleRef")) if r.get("key") == key), None)
    if existing is None:
        base_spec.append(_copy(ref))
        return
    included = (existing.get("include") or "").split()
    existing.set("include", " ".join(included + [n for n in names if n not in included]))


def _add_spec(base_spec: etree._Element, spec: etree._Element, odd: Path) -> None:
    name, ident, mode = etree.QName(spec).localname, spec.get("ident"), spec.get("mode", "add")
    old = next((s for s in base_spec.findall(_t(name)) if s.get("ident") == ident), None)
    if old is not None and mode == "change":
        raise ChainError(f'{odd}:{spec.sourceline}: {name} "{ident}": the pipeline\'s ODD already changes it; '
                         'give the whole spec with mode="replace"')
    if old is not None:
        base_spec.remove(old)
    base_spec.append(_copy(spec))


def _add_prose(merged: etree._Element, project: etree._Element) -> None:
    body, own = merged.find(f"{_t('text')}/{_t('body')}"), project.find(f"{_t('text')}/{_t('body')}")
    if body is None or own is None:
        return
    for div in own.findall(_t("div")):
        if div.find(f".//{_t('schemaSpec')}") is None:
            body.append(_copy(div))


def compile_project_odd(odd: Path) -> dict[str, bytes]:
    """The compiled schemas of the project's ODD (chained onto the pipeline's when its source says so)."""
    import tempfile

    from pipeline.odd.compile import compile_odd

    merged = chained_odd(odd)
    if merged is None:
        return compile_odd(odd)
    with tempfile.TemporaryDirectory(prefix="pipeline-odd-") as folder:
        path = Path(folder) / odd.name
        path.write_bytes(merged)
        return compile_odd(path)
