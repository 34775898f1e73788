"""The command line: click options in, an exit code out. Nothing below this module prints.

Heavy modules (markdown-it-py, jsonschema) are imported inside the commands, so
``paperlint --version`` and ``--help`` start as fast as click itself.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import click

from paperlint import __version__
from paperlint.report import FORMAT_NAMES

EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
REPORT_URL = "https://github.com/paperlint/paperlint/issues"

F = TypeVar("F", bound=Callable[..., Any])


class UsageFailure(Exception):
    """A configuration, schema or usage error: one line for the user, exit 2."""


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select A,B --select C`` → ("A", "B", "C")."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def selection_options(command: F) -> F:
    options = [
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False),
            help="Configuration file (default: nearest .paperlint.toml, paperlint.toml "
            "or pyproject.toml [tool.paperlint]).",
        ),
        click.option(
            "--schema",
            "schema_file",
            type=click.Path(dir_okay=False),
            help="JSON Schema to validate entries against (default: the built-in one).",
        ),
        click.option(
            "--select",
            multiple=True,
            metavar="CODES",
            help="Only these rules: codes, names or prefixes, comma-separated (PL4,PL601).",
        ),
        click.option("--ignore", multiple=True, metavar="CODES", help="Skip these rules."),
        click.option(
            "--extend-select",
            multiple=True,
            metavar="CODES",
            help="Add these rules to the selection.",
        ),
        click.option(
            "--stdin-filename",
            metavar="PATH",
            help="Name to report for input read from '-' (stdin).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def run_guarded(body: Callable[[], int]) -> NoReturn:
    """Run a command body; map every failure to a one-line message and an exit code."""
    from paperlint.checker import InternalError

    try:
        code = body()
    except UsageFailure as error:
        click.echo(f"paperlint: {error}", err=True)
        code = EXIT_ERROR
    except InternalError as error:
        click.echo(
            f"paperlint: internal error while checking {error.path}: {_describe(error.error)}\n"
            f"This is a bug in paperlint; please report it at {REPORT_URL}",
            err=True,
        )
        code = EXIT_ERROR
    except BrokenPipeError:
        code = EXIT_ERROR
    except Exception as error:  # a bug outside any one file (reports, cross-file checks)
        click.echo(
            f"paperlint: internal error: {_describe(error)}\n"
            f"This is a bug in paperlint; please report it at {REPORT_URL}",
            err=True,
        )
        code = EXIT_ERROR
    sys.exit(code)


def _describe(error: BaseException) -> str:
    """``Type: message`` on one line, cut short: the report names the bug, not its data."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= 300 else text[:299] + "…"


def build_checker(
    config_file: str | None,
    schema_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
) -> Any:
    """Settings from the configuration file, overridden by the command line, and a Checker."""
    from dataclasses import replace

    from paperlint import config
    from paperlint.checker import Checker
    from paperlint.rules import UnknownRuleError
    from paperlint.schema import SchemaLoadError

    try:
        settings = config.load(config_file)
        overrides: dict[str, Any] = {}
        if schema_file:
            overrides["schema"] = schema_file
        if select:
            overrides["select"] = _codes(select)
        if ignore:
            overrides["ignore"] = settings.ignore + _codes(ignore)
        if extend_select:
            overrides["extend_select"] = settings.extend_select + _codes(extend_select)
        return Checker(replace(settings, **overrides))
    except (config.ConfigError, SchemaLoadError, UnknownRuleError) as error:
        raise UsageFailure(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    __version__, "--version", prog_name="paperlint", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Lint, validate and format paper-list Markdown.

    \b
    paperlint check README.md      report problems (exit 1 if any)
    paperlint fix README.md        fix what can be fixed safely
    paperlint export README.md     print the JSON the schema validates
    paperlint rules                list the rules

    Exit codes: 0 clean, 1 problems found, 2 usage, configuration, schema or input error.
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@selection_options
@click.option(
    "--format",
    "output_format",
    metavar="FORMAT",
    default=None,
    type=click.Choice(FORMAT_NAMES),
    help="Output format: text (default), json, sarif, github, junit. "
    "github is chosen automatically when GITHUB_ACTIONS=true.",
)
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each problem.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--no-color", is_flag=True, help="Never colour the text output.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only the summary line, and only if there are problems.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Check files in N processes (default: one per core when there are 8 or more files).",
)
def check(
    paths: tuple[str, ...],
    config_file: str | None,
    schema_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    stdin_filename: str | None,
    output_format: str | None,
    statistics: bool,
    strict: bool,
    exit_zero: bool,
    no_color: bool,
    quiet: bool,
    jobs: int | None,
) -> None:
    """Report problems in paper lists (files, folders searched for *.md, or - for stdin)."""

    def body() -> int:
        from paperlint.files import collect
        from paperlint.report import ReportOptions, formats

        checker = build_checker(config_file, schema_file, select, ignore, extend_select)
        files = collect(paths or (".",), checker.settings.exclude)
        if not files:
            click.echo("paperlint: no Markdown files found", err=True)
            return EXIT_CLEAN
        if jobs is None:
            from paperlint.parallel import default_jobs

            jobs_used = default_jobs(len(files))
        else:
            jobs_used = jobs
        results = checker.run(files, stdin_filename, jobs_used)
        fmt = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
        renderers = formats()
        if fmt not in renderers:
            raise UsageFailure(f"output format '{fmt}' is not available yet")
        color = (
            not no_color and fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        )
        options = ReportOptions(color=color, quiet=quiet, statistics=statistics)
        click.echo(renderers[fmt](results, options), nl=False)
        return exit_code(results, strict=strict, exit_zero=exit_zero)

    run_guarded(body)


def exit_code(results: list[Any], *, strict: bool, exit_zero: bool) -> int:
    from paperlint.problem import Severity

    if any(r.unreadable for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    problems = [p for r in results for p in r.problems]
    failing = [p for p in problems if strict or p.severity is Severity.ERROR]
    return EXIT_PROBLEMS if failing else EXIT_CLEAN


@cli.command()
@click.argument("path", type=click.Path())
@selection_options
@click.option(
    "--format",
    "output_format",
    default="json",
    show_default=True,
    type=click.Choice(["json", "jsonl", "csv"]),
    help="Output format. In csv, a cell starting with = + - @, a tab or a carriage return "
    "gets a leading ' so that spreadsheets show it instead of running it as a formula.",
)
def export(
    path: str,
    config_file: str | None,
    schema_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    stdin_filename: str | None,
    output_format: str,
) -> None:
    """Print the JSON document of a paper list: exactly what the schema validates."""

    def body() -> int:
        from paperlint import export as exporter
        from paperlint.checker import InternalError
        from paperlint.source import InputError

        checker = build_checker(config_file, schema_file, select, ignore, extend_select)
        name = stdin_filename if path == "-" and stdin_filename else path
        try:
            source = checker.read(path, name)
        except InputError as error:
            raise UsageFailure(f"{name}: {error}") from None
        try:
            document, _ = checker.parse(source).to_json()
        except Exception as error:
            raise InternalError(name, error) from error
        click.echo(exporter.render(document, output_format), nl=False)
        return EXIT_CLEAN

    run_guarded(body)


@cli.command(name="schema")
def schema_command() -> None:
    """Print the built-in JSON Schema (a starting point for your own)."""

    def body() -> int:
        from paperlint.schema import builtin_text

        click.echo(builtin_text(), nl=False)
        return EXIT_CLEAN

    run_guarded(body)


@cli.command(name="rules")
@click.argument("rule", required=False)
def rules_command(rule: str | None) -> None:
    """List the rules, or show one rule's documentation (by code or name)."""

    def body() -> int:
        from paperlint import rules

        if rule is None:
            click.echo(rules.table(), nl=False)
            return EXIT_CLEAN
        try:
            found = rules.get(rule)
        except rules.UnknownRuleError as error:
            raise UsageFailure(f"{error}; `paperlint rules` lists them") from None
        click.echo(rules.documentation(found), nl=False)
        return EXIT_CLEAN

    run_guarded(body)


@cli.command(name="fix")
@click.argument("paths", nargs=-1, type=click.Path())
@selection_options
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print a unified diff; write nothing (exit 1 if any)."
)
@click.option("--show-fixes", is_flag=True, help="List what was fixed in each file.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on remaining warnings too.")
def fix_command(
    paths: tuple[str, ...],
    config_file: str | None,
    schema_file: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    stdin_filename: str | None,
    unsafe_fixes: bool,
    show_diff: bool,
    show_fixes: bool,
    strict: bool,
) -> None:
    """Apply fixes in place (files, folders searched for *.md, or - for stdin → stdout)."""

    def body() -> int:
        from paperlint.files import STDIN, collect
        from paperlint.fix import FixRun

        checker = build_checker(config_file, schema_file, select, ignore, extend_select)
        files = collect(paths or (".",), checker.settings.exclude)
        if not files:
            click.echo("paperlint: no Markdown files found", err=True)
            return EXIT_CLEAN
        run = FixRun(checker, unsafe=unsafe_fixes, diff=show_diff, stdin_filename=stdin_filename)
        run.run(files)
        # With "-" the fixed text owns stdout, so everything else goes to stderr.
        report_err = show_diff or STDIN in files
        for message in run.errors:
            click.echo(f"paperlint: {message}", err=True)
        if run.stdout is not None:
            sys.stdout.buffer.write(run.stdout)
            sys.stdout.flush()
        if show_diff:
            click.echo(run.diff_text(), nl=False)
        elif show_fixes:
            click.echo(run.fixes_text(), nl=False, err=report_err)
        if not show_diff:
            click.echo(run.problems_text(), nl=False, err=report_err)
        click.echo(run.summary(), err=report_err)
        if run.failed:
            return EXIT_ERROR
        if show_diff:
            return EXIT_PROBLEMS if run.diffs else EXIT_CLEAN
        return exit_code(run.results, strict=strict, exit_zero=False)

    run_guarded(body)


@cli.command(name="init")
@click.argument("path", required=False, default=".", type=click.Path(exists=True))
@click.option("--force", is_flag=True, help="Replace an existing paperlint configuration.")
def init_command(path: str, force: bool) -> None:
    """Infer the layout of the lists at PATH (default: .) and write the configuration.

    Writes .paperlint.toml in the current folder, or appends [tool.paperlint] to its
    pyproject.toml, then says how many problems the lists have under that configuration.
    """

    def body() -> int:
        from paperlint import init

        try:
            outcome = init.run(path, os.getcwd(), force=force)
        except init.InitError as error:
            raise UsageFailure(str(error)) from None
        click.echo(outcome.report(), nl=False)
        return EXIT_CLEAN

    run_guarded(body)


def main() -> None:
    """Console-script entry point."""
    # A run builds hundreds of thousands of acyclic objects (tokens, model nodes) and then
    # exits: the cycle collector only re-scans them, costing about a fifth of the CPU time.
    gc.disable()
    cli(prog_name="paperlint")
