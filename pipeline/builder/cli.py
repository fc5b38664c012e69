"""`pipeline build`: the click command (options, then a call to the engine)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.builder.toolchain import DEFAULT_TOOLCHAIN, OUTPUTS


def _only(ctx, param, value: str) -> frozenset[str]:
    chosen = {part.strip() for part in value.split(",") if part.strip()}
    unknown = chosen - set(OUTPUTS)
    if unknown or not chosen:
        raise click.BadParameter(f"choose among {', '.join(OUTPUTS)} (comma-separated), not {value!r}")
    return frozenset(chosen)


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--only", default=",".join(OUTPUTS), show_default=True, callback=_only,
              help="Outputs to bring up to date (tei is always made: the others are made from it).")
@click.option("-k", "--keep-going", is_flag=True, help="Build every other document past a failing one.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, help="Worker processes (0: one per core).")
@click.option("-o", "--output", type=click.Path(path_type=Path, file_okay=False),
              help="Where the web and print editions and the report go (default: the project file's, else build/).")
@click.option("--tei-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Where converted TEI files go (and are read from) (default: the project file's, else tei/).")
@click.option("--sources-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The transcripts built when no PATHS are given (default: the project file's, else sources/).")
@click.option("--title", help="The edition's title (default: the project file's).")
@click.option("--base-url", help="Where the web edition is published (default: the project file's).")
@click.option("--registers-dir", type=click.Path(path_type=Path, file_okay=False),
              help="The registers of persons, organisations and places names are linked to (default: the project file's, else registers/; used if it exists).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Run per-document steps in a local process pool or on a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler (tcp://host:8786); implies --executor dask.")
@click.option("--json", "json_events", is_flag=True, help="JSON events on stdout, one a line (no bar).")
@click.option("-q", "--quiet", is_flag=True, help="Say only what fails.")
@click.option("--toolchain", default=DEFAULT_TOOLCHAIN, hidden=True)
def build(paths, only, keep_going, jobs, output, tei_dir, sources_dir, registers_dir, title, base_url, executor, scheduler, json_events,
          quiet, toolchain):
    """Build the edition: TEI, validation, web and print editions, and a report.

    PATHS are transcripts (.txt), TEI files (.xml) or folders of them; with
    none, the edition is every transcript in sources/ and every TEI file in
    tei/. Only what changed is rebuilt (by content, not by clock), in
    parallel; the outputs are published in one step, with the report in
    OUTPUT/report.html and OUTPUT/report.json.

    The edition's title, editors, address and paths come from the project file (pipeline.toml, found
    by walking up from the working directory); options override it.

    Exit codes: 0 success, 1 some document failed, 2 usage or environment error.
    """
    from pipeline import environment
    from pipeline.builder.corpus import UsageProblem
    from pipeline.builder.engine import Options, run_build
    from pipeline.builder.progress import make_progress
    from pipeline.builder.summary import summary_lines
    from pipeline.builder.toolchain import EnvironmentProblem
    from pipeline.project import ProjectError, edition_settings, load_project

    try:
        project = load_project().override(output=output, tei=tei_dir, sources=sources_dir, registers=registers_dir, title=title,
                                          base_url=base_url)
    except ProjectError as error:
        _environment_error(json_events, str(error))
    problems = (environment.problems(only | {"tei"}) + environment.project_problems(project.edition)
                if toolchain == DEFAULT_TOOLCHAIN else [])
    if problems:  # before any work: one line naming the fix (`pipeline doctor` lists them all)
        _environment_error(json_events, problems[0])
    output = project.output
    options = Options(
        paths=tuple(paths), sources_dir=project.sources, registers_dir=project.registers, tei_dir=project.tei, output=output, only=only,
        keep_going=keep_going, jobs=jobs, executor="dask" if scheduler else executor,
        scheduler=scheduler, toolchain=toolchain, catalogue=project.catalogue,
    )
    progress = make_progress("json" if json_events else "quiet" if quiet else "auto")
    try:
        with edition_settings(project.edition):  # the project file's, for this process and its workers
            result = run_build(options, progress)
    except (EnvironmentProblem, UsageProblem) as problem:
        progress.finish()
        progress.event("error", message=str(problem), exit_code=2)
        click.echo(f"pipeline build: {problem}", err=True)
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - no traceback for the user; the message says what broke
        progress.finish()
        progress.event("error", message=f"internal error: {type(error).__name__}: {error}", exit_code=2)
        click.echo(f"pipeline build: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(2)
    progress.finish()
    report = result.report
    if json_events:
        progress.event("summary", exit_code=result.exit_code, summary=report["summary"],
                       rebuilt=len(report["rebuilt"]), removed=len(report["removed"]), timings=report["timings"],
                       report=str(output / "report.html"))
    elif not quiet:
        for line in summary_lines(report, output):
            click.echo(line, err=True)
    sys.exit(result.exit_code)


def _environment_error(json_events: bool, message: str):
    """Stop before any work: one line, exit 2."""
    if json_events:
        import json

        click.echo(json.dumps({"event": "error", "message": message, "exit_code": 2}))
    click.echo(f"pipeline build: {message}", err=True)
    sys.exit(2)
