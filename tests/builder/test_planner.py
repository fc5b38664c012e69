"""The planner alone: records and hashes in, what to rebuild and why out (no files, no steps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.builder import planner
from pipeline.builder.corpus import Document, UsageProblem
from pipeline.builder.state import Record, State
from pipeline.convert.tei import file_id


def everything_published(path: str) -> bool:
    return True


def test_stale_says_why() -> None:
    old = Record(inputs={"tei": "a", "code": "c"}, outputs={"web/x.html": "h"})
    assert planner.stale(None, {"tei": "a"}, everything_published) == ["new"]
    assert planner.stale(old, {"tei": "a", "code": "c"}, everything_published) == []
    assert planner.stale(old, {"tei": "b", "code": "c"}, everything_published) == ["tei"]
    assert planner.stale(old, {"tei": "a", "code": "c"}, lambda path: False) == ["output missing"]
    assert planner.describe("convert", ["source", "code"]) == ["transcript changed", "converter changed"]
    assert planner.describe("web", ["code"]) == ["code, stylesheets or schema changed"]


def test_convert_reasons_and_conflicts() -> None:
    old = Record(inputs={"source": "s1", "code": "c"})
    assert planner.convert_reasons(old, {"source": "s1", "code": "c"}, tei_exists=True) == []
    assert planner.convert_reasons(old, {"source": "s1", "code": "c"}, tei_exists=False) == ["output missing"]
    assert planner.convert_reasons(old, {"source": "s2", "code": "c"}, tei_exists=True) == ["source"]
    assert planner.is_conflict(["source"]) and planner.is_conflict(["code", "source"])
    assert not planner.is_conflict(["code"]) and not planner.is_conflict(["new"])


def _inputs(step: str) -> dict[str, str]:
    return {"tei": "t", "code": f"code-{step}"}


def test_plan_render_runs_what_changed_and_keeps_the_rest() -> None:
    old = {"validate": Record(inputs=_inputs("validate")), "summary": Record(inputs={"tei": "old", "code": "code-summary"})}
    plan = planner.plan_render(old, _inputs, lambda step: True, everything_published)
    assert plan.run == ["summary", "print"]
    assert plan.reasons == {"summary": ["TEI changed"], "print": ["new"]}
    assert set(plan.kept) == {"validate"} and plan.failed is None


def test_plan_render_leaves_steps_not_asked_for() -> None:
    old = {"print": Record(inputs={"tei": "old", "code": "x"})}
    plan = planner.plan_render(old, _inputs, lambda step: step != "print", everything_published)
    assert plan.run == ["validate", "summary"] and plan.kept == {"print": old["print"]}


def test_a_recorded_failure_fails_again_without_work() -> None:
    old = {"validate": Record(inputs=_inputs("validate"), ok=False, error="invalid"),
           "summary": Record(inputs=_inputs("summary")), "print": Record(inputs={"tei": "old", "code": "code-print"})}
    plan = planner.plan_render(old, _inputs, lambda step: True, everything_published)
    assert plan.failed == "validate" and plan.run == []
    assert set(plan.dropped) == {"summary", "web", "print"} and set(plan.kept) == {"validate"}


def _doc(name: str) -> Document:
    return Document(Path(name).stem, Path("sources") / name, Path("tei") / (Path(name).stem + ".xml"))


def test_names_whose_xml_ids_clash_are_refused_naming_both() -> None:
    planner.check_names([_doc("001 a.txt"), _doc("002_a.txt")], file_id)
    with pytest.raises(UsageProblem) as raised:
        planner.check_names([_doc("001 a.txt"), _doc("001_a.txt")], file_id)
    assert "sources/001 a.txt" in str(raised.value) and "sources/001_a.txt" in str(raised.value)
    assert "f001_a" in str(raised.value)
    with pytest.raises(UsageProblem, match="differ only in case"):
        planner.check_names([_doc("Ab.txt"), _doc("aB.txt")], file_id)
    planner.check_names([Document("x", None, Path("tei/x.xml")), _doc("x y.txt")], file_id)  # TEI-only: its own id


def test_deleted_transcripts_and_gone_documents() -> None:
    state = State(documents={
        "a": {"convert": Record(inputs={}, data={"source": "sources/a.txt"})},
        "b": {"convert": Record(inputs={}, data={"source": "sources/b.txt"})},
        "c": {},
    })
    docs = [Document("a", None, Path("tei/a.xml")), Document("b", None, Path("tei/b.xml")), _doc("c.txt")]
    orphans = planner.deleted_transcripts(docs, state, lambda path: path == "sources/b.txt")
    assert [d.name for d in orphans] == ["a"]
    assert planner.gone(state, {"a", "b"}) == ["c"]


def test_site_inputs_depend_on_members_and_code_only() -> None:
    one = planner.site_inputs([("a", "1"), ("b", "2")], "code")
    assert one == planner.site_inputs([("a", "1"), ("b", "2")], "code")
    assert one != planner.site_inputs([("a", "1"), ("b", "3")], "code")
    assert one != planner.site_inputs([("a", "1"), ("b", "2")], "code2")
    assert planner.web_member({"t": 1}, []) != planner.web_member({"t": 2}, [])


def test_previous_pages_only_from_the_same_code_and_still_published() -> None:
    old = Record(inputs={"code": "c"}, outputs={"web/a.html": "1", "web/b.html": "2"},
                 data={"pages": {"web/a.html": "p1", "web/b.html": "p2", "web/gone.html": "p3"}})
    assert planner.previous_pages(old, "c", lambda path: path != "web/b.html") == {"web/a.html": "p1"}
    assert planner.previous_pages(old, "other", everything_published) == {}
    assert planner.previous_pages(None, "c", everything_published) == {}
