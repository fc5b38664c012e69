"""A conformance test that cannot be fooled: hundreds of seeded random documents made from the compiled grammar.

Every generated document is valid against the compiled RELAX NG (lxml) and against the
TEI's tei_all (jing): the customisation only narrows TEI. One-change mutants of them get
the same verdict from the project's validator as from jing on the compiled RELAX NG. And
the project's Schematron (compiled to XSLT, on Saxon) and node-schematron (an independent
implementation from npm) fail the same rules on the corpus, the contributed-encoding
samples, the generated documents and the mutants. $PMO_CONFORMANCE_SEED picks the seed.
"""

from __future__ import annotations

import collections
import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from pipeline.odd.generate import Generator, mutate

ROOT = Path(__file__).resolve().parents[2]
COMPILED = ROOT / "schema" / "compiled"
TEI_ALL = ROOT / ".cache" / "tei_all.rng"
NODE_SCHEMATRON = ROOT / "node_modules" / "node-schematron"
SEED = int(os.environ.get("PMO_CONFORMANCE_SEED", "20261203"))
DOCUMENTS = 500
MUTANTS = 300

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not TEI_ALL.exists() or shutil.which("jing") is None, reason="needs jing and tei_all.rng (scripts/setup)"),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("generated")
    generator = Generator(COMPILED / "pmo.rng", seed=SEED)
    paths = []
    for number in range(DOCUMENTS):
        path = folder / f"g{number:03d}.xml"
        generator.document().write(str(path), xml_declaration=True, encoding="UTF-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def mutants(generated, tmp_path_factory) -> dict[Path, str]:
    folder = tmp_path_factory.mktemp("mutants")
    rng = random.Random(SEED)
    names = sorted({e.get("name") for e in etree.parse(str(COMPILED / "pmo.rng")).iter("{http://relaxng.org/ns/structure/1.0}element")} | {"bogus"})
    found = {}
    for number in range(MUTANTS):
        tree, change = mutate(etree.parse(str(rng.choice(generated))), rng, names)
        path = folder / f"m{number:03d}.xml"
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
        found[path] = change
    return found


def jing_invalid(schema: Path, paths: list[Path]) -> set[Path]:
    """The files jing finds invalid against `schema` (one jing run for all of them)."""
    result = subprocess.run(["jing", str(schema), *map(str, paths)], capture_output=True, text=True, timeout=600)
    invalid = set()
    for line in result.stdout.splitlines():
        match = re.match(r"(.*?):\d+:\d+: (error|fatal)", line)
        if match:
            invalid.add(Path(match.group(1)))
    assert result.returncode in (0, 1), result.stderr[-2000:]
    return invalid


def test_the_generator_makes_hundreds_of_distinct_valid_documents(generated):
    grammar = etree.RelaxNG(etree.parse(str(COMPILED / "pmo.rng")))
    texts = set()
    for path in generated:
        tree = etree.parse(str(path))
        assert grammar.validate(tree), f"{path.name}: {grammar.error_log.last_error}"
        texts.add(path.read_bytes())
    assert len(generated) >= 500 and len(texts) == len(generated)
    sizes = [sum(1 for _ in etree.parse(str(p)).iter()) for p in generated]
    assert max(sizes) > 60, "documents go beyond the minimal one"


def test_every_generated_document_is_valid_tei(generated):
    invalid = jing_invalid(TEI_ALL, generated)
    assert not invalid, f"valid against the project's grammar but not against tei_all: {sorted(p.name for p in invalid)[:10]}"


def test_what_the_project_accepts_keeps_the_tei_own_schematron_constraints(generated, validator, tmp_path):
    """tei_all is a grammar and the Schematron rules it embeds, which jing does not run. The customisation keeps
    TEI's constraints on what it includes, so a generated document that breaks one (the generator knows the grammar
    only) is refused by the project's validator too: valid for the project implies valid for all of tei_all."""
    from pipeline.odd.sch2xslt import compile_schematron
    from pipeline.odd.teisource import tei_schematron
    from pipeline.xslt import XsltRunner

    xsl = tmp_path / "tei.sch.xsl"
    xsl.write_bytes(compile_schematron(tei_schematron(TEI_ALL)))
    runner = XsltRunner({"tei": xsl})
    breaking = [p for p in generated if "<failed" in runner.transform("tei", p.read_text(encoding="utf-8"), name=p.name).output]
    accepted = [p.name for p in breaking if validator.is_valid(p)]
    assert not accepted, accepted[:10]
    assert breaking, "the TEI's rules can fail on generated documents"
    rules = {m.rule for p in breaking[:50] for m in validator.iter_errors(p) if m.rule}
    assert any(r.startswith("tei-") for r in rules), rules


def test_mutant_verdicts_agree_with_jing(mutants, validator):
    invalid = jing_invalid(COMPILED / "pmo.rng", list(mutants))
    assert 0.2 * len(mutants) < len(invalid) < len(mutants), "the mutants are a mix of valid and invalid documents"
    disagreements = []
    for path, change in mutants.items():
        messages = [m for m in validator.iter_errors(path) if m.source in ("relaxng", "xml")]
        if bool(messages) != (path in invalid):
            disagreements.append(f"{path.name} ({change}): jing {'invalid' if path in invalid else 'valid'}, ours {[str(m) for m in messages][:2]}")
    assert not disagreements, "\n".join(disagreements[:10])


def test_every_grammar_message_is_in_the_projects_words(mutants, validator):
    for path in mutants:
        for message in validator.iter_errors(path):
            assert message.line >= 1 and message.column >= 1
            for jargon in ("Expecting", "XML_PARSE", "Element '{", "RELAX-NG", "Did not expect", "validity error"):
                assert jargon not in message.message, f"{path.name}: {message}"


def ours(paths: list[Path]) -> dict[Path, collections.Counter]:
    from pipeline.xslt import XsltRunner

    runner = XsltRunner({"schematron": COMPILED / "pmo.sch.xsl"})
    found = {}
    for path in paths:
        report = etree.fromstring(runner.transform("schematron", etree.parse(str(path), etree.XMLParser(collect_ids=False)), name=path.name).output.encode("utf-8"))
        found[path] = collections.Counter(f.get("pattern") or f.get("id") for f in report.iter("failed"))
    return found


def theirs(paths: list[Path]) -> dict[Path, collections.Counter]:
    script = Path(__file__).with_name("schematron_node.js")
    result = subprocess.run(["node", str(script), str(COMPILED / "pmo.sch"), *map(str, paths)], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-2000:]
    return {Path(k): collections.Counter(v) for k, v in json.loads(result.stdout).items()}


@pytest.mark.skipif(not NODE_SCHEMATRON.exists() or shutil.which("node") is None, reason="node-schematron comes from npm (scripts/setup)")
def test_two_schematron_implementations_agree(generated, mutants):
    corpus = sorted((ROOT / "tei").glob("*.xml")) + sorted((ROOT / "tests" / "data" / "validation").glob("*valid/*.xml"))
    corpus += sorted((ROOT / "tests" / "data" / "contract").glob("*.xml"))
    paths = corpus + generated[:150] + list(mutants)[:150]
    mine, other = ours(paths), theirs(paths)
    differences = [f"{p.name}: ours {dict(mine[p])}, node-schematron {dict(other[p])}" for p in paths if mine[p] != other[p]]
    assert not differences, "\n".join(differences[:10])
    assert sum(sum(c.values()) for c in mine.values()) > 50, "the rules fire often enough for the comparison to mean something"
