"""The project's one wrapper around saxonche: XSLT 3.0 compiled once, run locked down.

Use::

    runner = XsltRunner({"web": Path("xslt/web/web.xsl")})    # compile once per process
    result = runner.transform("web", tei_text, name="f001.xml", params={"site-root": "../"})
    result.output          # the principal result, serialised as the stylesheet's xsl:output says
    result.documents       # {"search-passages.tsv": "…"}: xsl:result-document with an href, in memory
    result.messages        # xsl:message texts

What it guarantees:

- every stylesheet of a runner is compiled when the runner is made, never per document;
- after compiling, the processor may read no URI at all (``allowedProtocols`` is empty),
  so ``doc()``, ``unparsed-text()``, ``collection()`` in a stylesheet or a source fail;
- a source is given as text that :func:`pipeline.safexml.parse` has already checked
  (or as an lxml tree, serialised here), never as a file name for Saxon's own parser;
- ``xsl:result-document`` output is captured in memory, with its href made relative
  to the output folder; an href that leaves that folder is an error; nothing is written;
- parameters are typed: ``str``, ``bool``, ``int``, ``float``, ``dict`` (a map with string keys),
  ``list`` (an array), ``None`` (the empty sequence); the stylesheet declares them with ``as=``.

A result document's text is the *string value* of what the stylesheet wrote, since saxonche
hands captured documents back as trees, without their serialisation parameters. Only the
principal output is serialised by Saxon, as the stylesheet says (``xsl:output``, or the format
of an ``xsl:result-document`` without href): so the web stylesheet writes its HTML pages there,
one after another (see pipeline/web/pages.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

#: Where result documents are resolved against; never a real folder, and never written to.
OUTPUT_BASE = "file:///pipeline-output/"
_OUTPUT_PREFIXES = ("file:///pipeline-output/", "file:/pipeline-output/")
#: Base URI given to sources (no file is read from it).
SOURCE_BASE = "file:///pipeline-source/"
_ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"


class XsltError(Exception):
    """A stylesheet failed to compile or to run; str() says which and why, in one line."""


@dataclass(frozen=True)
class TransformResult:
    """What one transformation produced, all in memory."""

    output: str
    documents: dict[str, str] = field(default_factory=dict)
    messages: tuple[str, ...] = ()


class XsltRunner:
    """Compiled stylesheets on one Saxon processor, locked against reading anything after compiling.

    Make one per process (e.g. in a process-pool initializer) and reuse it: it is not
    thread-safe, like saxonche itself.
    """

    def __init__(self, stylesheets: Mapping[str, Path | str]) -> None:
        import saxonche  # heavy: imported only where used

        self._saxon = saxonche
        self._processor = saxonche.PySaxonProcessor(license=False)
        compiler = self._processor.new_xslt30_processor()
        self._executables: dict[str, Any] = {}
        for name, path in stylesheets.items():
            path = Path(path).resolve()
            try:
                self._executables[name] = compiler.compile_stylesheet(stylesheet_file=str(path))
            except saxonche.PySaxonApiError as error:
                raise XsltError(f"{path}: does not compile: {_one_line(error)}") from None
        # From here on, no stylesheet, source or function may read a URI.
        self._processor.set_configuration_property(_ALLOWED_PROTOCOLS, "")

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the compiled stylesheets."""
        return tuple(self._executables)

    def transform(
        self,
        stylesheet: str,
        source: str | etree._ElementTree | etree._Element | None = None,
        *,
        name: str = "source.xml",
        params: Mapping[str, Any] | None = None,
        template: str | None = None,
    ) -> TransformResult:
        """Run a stylesheet on a checked source (apply-templates), or call a named template without one.

        `source` is XML text already checked by pipeline.safexml, or an lxml tree/element;
        `name` is only used as the source's base URI and in error messages.
        Exactly one of `source` and `template` is given.
        """
        if (source is None) == (template is None):
            raise ValueError("give either a source or a template to call")
        executable = self._executables[stylesheet]
        executable.clear_parameters()
        for key, value in (params or {}).items():
            executable.set_parameter(key, self._xdm(value))
        executable.set_base_output_uri(OUTPUT_BASE)
        executable.set_capture_result_documents(True, True)
        executable.set_save_xsl_message(True)
        executable.clear_xsl_messages()
        try:
            if template is not None:
                output = executable.call_template_returning_string(template)
            else:
                output = executable.transform_to_string(xdm_node=self._node(source, name))
            documents = self._documents(executable)
        except self._saxon.PySaxonApiError as error:
            raise XsltError(f"{name}: {stylesheet} stylesheet failed: {_one_line(error)}") from None
        finally:
            messages = self._messages(executable)
            executable.clear_parameters()
        return TransformResult(output=output or "", documents=documents, messages=messages)

    def _node(self, source: str | etree._ElementTree | etree._Element, name: str):
        if isinstance(source, etree._ElementTree):
            source = source.getroot()
        if isinstance(source, etree._Element):
            # The root element only: no DOCTYPE, no processing instructions outside it.
            source = etree.tostring(source, encoding="unicode")
        if not isinstance(source, str):
            raise TypeError("a source is XML text or an lxml tree")
        builder = self._processor.new_document_builder()
        builder.set_base_uri(SOURCE_BASE + _uri_safe(name))
        try:
            return builder.parse_xml(xml_text=source)
        except self._saxon.PySaxonApiError as error:
            raise XsltError(f"{name}: Saxon cannot read the source: {_one_line(error)}") from None

    def _documents(self, executable) -> dict[str, str]:
        captured = executable.get_result_documents() or {}
        documents: dict[str, str] = {}
        for uri, value in captured.items():
            relative = _relative(uri)
            documents[relative] = _text(value)
        return documents

    @staticmethod
    def _messages(executable) -> tuple[str, ...]:
        value = executable.get_xsl_messages()
        if value is None:
            return ()
        messages = tuple(str(value.item_at(i)) for i in range(value.size))
        executable.clear_xsl_messages()
        return messages

    def _xdm(self, value: Any):
        """A Python value as an XDM value (see the module docstring for the types)."""
        p = self._processor
        if value is None:
            return p.empty_sequence()
        if isinstance(value, bool):
            return p.make_boolean_value(value)
        if isinstance(value, int):
            return p.make_integer_value(value)
        if isinstance(value, float):
            return p.make_double_value(value)
        if isinstance(value, str):
            return p.make_string_value(value)
        if isinstance(value, Path):
            return p.make_string_value(str(value))
        if isinstance(value, Mapping):
            return p.make_map({p.make_string_value(str(k)): self._xdm(v) for k, v in value.items()})
        if isinstance(value, (list, tuple)):
            return p.make_array([self._xdm(v) for v in value])
        raise TypeError(f"cannot pass a {type(value).__name__} to a stylesheet")


def output_path(href: str) -> str:
    """An href a stylesheet gives (relative to the output folder) as a path in it; refuses one that leaves it."""
    return _relative(OUTPUT_BASE + href)


def _relative(uri: str) -> str:
    """A result document's href relative to the output folder; refuses one that leaves it."""
    for prefix in _OUTPUT_PREFIXES:
        if uri.startswith(prefix):
            relative = uri[len(prefix):]
            parts = relative.split("/")
            if relative and all(part not in ("", ".", "..") for part in parts):
                return relative
            break
    raise XsltError(f"a result document would be written outside the output folder: {uri}")


def _text(value) -> str:
    """A captured result document as text: text and atomic items by their string value, other nodes as XML."""
    if value is None:
        return ""
    parts = []
    for i in range(value.size):
        item = value.item_at(i)
        if item.is_atomic or (item.is_node and item.get_node_value().node_kind_str == "text"):
            parts.append(item.string_value)
        else:
            parts.append(str(item))
    return "".join(parts)


def _uri_safe(name: str) -> str:
    from urllib.parse import quote

    return quote(Path(name).name or "source.xml")


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__
