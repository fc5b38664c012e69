"""The validation corpus (tests/data/validation, one case per file, expectations in manifest.json).

For every case: the validator's verdict and its messages (line, rule id, words) are
the expected ones; the RELAX NG verdict (lxml) agrees with the XSD verdict and with
jing's on the same compiled schema; and every valid case is valid against tei_all.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from pipeline.safexml import parse

from validation_corpus import COMPILED, CORPUS, ROOT, TEI_ALL, cases

CASES = cases()
READABLE = [c for c in CASES if c["readable"]]
TEI_FILES = sorted((ROOT / "tei").glob("*.xml"))


def test_the_corpus_covers_valid_invalid_and_hostile_cases():
    kinds = {(c["valid"], c["readable"]) for c in CASES}
    assert kinds == {(True, True), (False, True), (False, False)}
    assert len(CASES) >= 40
    rules = {m["rule"] for c in CASES for m in c["messages"] if m["rule"]}
    assert {"pmo-id-unique", "pmo-pointers-resolve", "pmo-hands-declared", "pmo-date-order",
            "pmo-closure-card", "pmo-subst-del-add", "pmo-corresp-division", "pmo-gap-extent"} <= rules


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_verdict_and_messages(case, validator):
    name = case["file"]
    messages = list(validator.iter_errors((CORPUS / name).read_bytes(), name=name))
    assert (not messages) == case["valid"], [str(m) for m in messages]
    # one fault, one message: no more messages than the case expects
    assert len(messages) == len(case["messages"]), "\n".join(map(str, messages))
    for expected in case["messages"]:
        found = [m for m in messages if m.line == expected["line"] and m.rule == expected["rule"] and expected["contains"] in m.message]
        assert found, f"expected at line {expected['line']} [{expected['rule']}] …{expected['contains']}…; got:\n" + "\n".join(map(str, messages))
    for message in messages:
        assert str(message).startswith(f"{name}:{message.line}:{message.column}:")
        assert message.line >= 1 and message.column >= 1
        assert "\n" not in str(message)
        if message.source == "schematron":
            assert message.rule and f"[{message.rule}]" in str(message)
    assert any(m.source == "xml" for m in messages) == (not case["readable"])


def _grammar_verdicts(paths, xsd):
    from lxml import etree as _etree

    relaxng = _etree.RelaxNG(_etree.parse(str(COMPILED / "pmo.rng")))
    verdicts = {}
    for path in paths:
        tree = parse(path.read_bytes(), name=str(path))
        verdicts[path] = (bool(relaxng.validate(tree)), bool(xsd.is_valid(tree)))
    return verdicts


def test_relaxng_and_xsd_agree(xsd):
    paths = [CORPUS / c["file"] for c in READABLE] + TEI_FILES
    disagreements = {p.name: v for p, v in _grammar_verdicts(paths, xsd).items() if v[0] != v[1]}
    assert not disagreements


def _jing_invalid(schema, paths) -> set[str]:
    """The files jing reports errors for (one jing run for all of them)."""
    result = subprocess.run(["jing", str(schema), *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    return {re.match(r"(.*?):\d+:\d+: (?:fatal )?error", line).group(1) for line in result.stdout.splitlines() if re.match(r".*?:\d+:\d+: (?:fatal )?error", line)}


def test_relaxng_verdict_agrees_with_jing(xsd):
    paths = [CORPUS / c["file"] for c in READABLE] + TEI_FILES
    lxml_invalid = {str(p) for p, v in _grammar_verdicts(paths, xsd).items() if not v[0]}
    assert _jing_invalid(COMPILED / "pmo.rng", paths) == lxml_invalid


def test_the_grammar_rejects_what_the_cases_say(xsd):
    grammar_cases = [c for c in READABLE if any(m["rule"] is None for m in c["messages"])]
    verdicts = _grammar_verdicts([CORPUS / c["file"] for c in grammar_cases], xsd)
    assert all(v == (False, False) for v in verdicts.values())


def test_messages_name_everything_jing_names(validator):
    """At least as informative as jing: every element, attribute and value jing names, on the same line, we name too."""
    paths = [CORPUS / c["file"] for c in READABLE if not c["valid"]]
    result = subprocess.run(["jing", str(COMPILED / "pmo.rng"), *map(str, paths)], capture_output=True, text=True, timeout=300)
    compared = 0
    for line in result.stdout.splitlines():
        match = re.match(r"(.*?):(\d+):\d+: error: (.*)", line)
        if not match or "ID" in match.group(3):
            continue  # duplicate identifiers are reported by the Schematron rule pmo-id-unique
        path, number, text = Path(match.group(1)), int(match.group(2)), match.group(3)
        messages = list(validator.iter_errors(path))
        ours = " ".join(m.message for m in messages if m.line == number)
        if "incomplete" in text:  # jing points at the end tag of an incomplete element, we at its start tag
            ours = " ".join(m.message for m in messages if "incomplete" in m.message and m.line <= number)
        assert ours, f"jing reports {path.name}:{number} ({text}); we report nothing on that line"
        for token in re.findall(r'"([^"]+)"', text):
            token = token.split(":", 1)[1] if token.startswith("ns:") else token
            if token.startswith("http") or "\\p{" in token:
                continue  # a namespace, or a regular expression we say in words ("a single word (no spaces)")
            assert any(form in ours for form in (f"<{token}>", f"@{token}", f'"{token}"', token)), f"{path.name}:{number}: jing names {token!r}: {text}\nours: {ours}"
        if "text" in re.sub(r'"[^"]*"', "", text.split("expected", 1)[-1]) and "expected" in text:
            assert "text" in ours
        compared += 1
    assert compared >= 20


@pytest.mark.skipif(not TEI_ALL.exists(), reason="tei_all.rng is fetched by scripts/setup")
def test_valid_documents_are_valid_tei_all(validator):
    valid = [CORPUS / c["file"] for c in CASES if c["valid"]] + [p for p in TEI_FILES if validator.is_valid(p)]
    assert not _jing_invalid(TEI_ALL, valid)


@pytest.mark.skipif(not TEI_FILES, reason="no converted files yet")
@pytest.mark.parametrize("path", TEI_FILES, ids=[p.name for p in TEI_FILES])
def test_every_converted_file_is_valid(path, validator, xsd):
    assert [str(m) for m in validator.iter_errors(path)] == []
    assert xsd.is_valid(parse(path.read_bytes(), name=path.name))


@pytest.mark.parametrize("path", TEI_FILES, ids=[p.name for p in TEI_FILES])
def test_converted_files_point_at_the_compiled_schemas(path):
    tree = parse(path.read_bytes(), name=path.name)
    models = [node for node in tree.getroot().itersiblings(preceding=True) if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"]
    hrefs = {node.get("href") for node in models}
    assert {"../schema/compiled/pmo.rng", "../schema/compiled/pmo.sch"} <= hrefs
