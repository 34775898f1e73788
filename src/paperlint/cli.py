"""The command line: click options in, an exit code out. Nothing below this module prints.

Heavy modules (markdown-it-py, jsonschema) are imported inside the commands, so
``paperlint --version`` and ``--help`` start as fast as click itself.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
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
    from paperlint.result import InternalError

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
    from paperlint import config
    from paperlint.checker import Checker
    from paperlint.rules import UnknownRuleError
    from paperlint.schema import SchemaLoadError

    try:
        settings = config.load(config_file)
        if schema_file:
            settings = _replace(settings, schema=schema_file)
        settings = override_selection(
            settings, _codes(select), _codes(ignore), _codes(extend_select)
        )
        return Checker(settings)
    except (config.ConfigError, SchemaLoadError, UnknownRuleError) as error:
        raise UsageFailure(str(error)) from None


def _replace(value: Any, **changes: Any) -> Any:
    """A copy of a frozen dataclass (settings, report options) with ``changes``."""
    from dataclasses import replace

    return replace(value, **changes)


def override_selection(
    settings: Any, select: tuple[str, ...], ignore: tuple[str, ...], extend: tuple[str, ...]
) -> Any:
    """The command line's selection as a layer over the configuration file's, as in ruff.

    ``--select`` replaces the file's ``select`` and ``ignore`` (``--select PL401`` reports
    PL401 even if the file ignores it); ``--extend-select`` adds to what the file enables,
    ignored codes included; ``--ignore`` removes from the result.
    """
    from paperlint import rules

    if select:
        return _replace(settings, select=select, ignore=ignore, extend_select=extend)
    if extend:
        enabled = rules.enabled(settings.select, settings.ignore, settings.extend_select)
        chosen = tuple(sorted(enabled | rules.expand(extend)))
        return _replace(settings, select=chosen, ignore=ignore, extend_select=())
    if ignore:
        return _replace(settings, ignore=settings.ignore + ignore)
    return settings


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


COLOR_CHOICES = ("auto", "always", "never")


def use_color(choice: str, fmt: str) -> bool:
    """Colour for text output, by the usual conventions: ``--color always|never`` wins;
    then NO_COLOR (set and not empty) turns colour off, FORCE_COLOR or CLICOLOR_FORCE
    (set, not empty and not 0) turns it on, TERM=dumb turns it off; else a terminal has it."""
    if fmt != "text" or choice == "never":
        return False
    if choice == "always":
        return True
    env = os.environ
    if env.get("NO_COLOR"):
        return False
    if any(
        env.get(name, "") not in ("", "0", "false") for name in ("FORCE_COLOR", "CLICOLOR_FORCE")
    ):
        return True
    if env.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def fix_options(command: F) -> F:
    """Options shared by ``fix`` and ``check --fix`` (as in ruff)."""
    options = [
        click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe."),
        click.option(
            "--diff",
            "show_diff",
            is_flag=True,
            help="Print a unified diff of the fixes; write nothing (exit 1 if any).",
        ),
        click.option("--show-fixes", is_flag=True, help="List what was fixed in each file."),
        click.option(
            "--exit-non-zero-on-fix",
            is_flag=True,
            help="Exit 1 when a file was fixed, even if no problem remains.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


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
    "github is chosen when GITHUB_ACTIONS=true and neither --format, --statistics nor "
    "--quiet is given.",
)
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of each problem.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option("--fix", "apply_fixes", is_flag=True, help="Apply fixes, then report what remains.")
@fix_options
@click.option(
    "--color",
    "color_choice",
    type=click.Choice(COLOR_CHOICES),
    default="auto",
    show_default=True,
    help="Colour the text output (auto: on a terminal, following NO_COLOR, FORCE_COLOR, "
    "CLICOLOR_FORCE and TERM=dumb).",
)
@click.option("--no-color", is_flag=True, help="Same as --color never.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only the summary line, and only if there are problems (and why an input "
    "could not be read).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Check files in N processes (default: one per core when there are 8 or more files).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Also say (on stderr) which files were treated as paper lists and which as ordinary "
    "Markdown, where the list rules do not apply.",
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
    apply_fixes: bool,
    unsafe_fixes: bool,
    show_diff: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
    color_choice: str,
    no_color: bool,
    quiet: bool,
    jobs: int | None,
    verbose: bool,
) -> None:
    """Report problems in paper lists (files, folders searched for *.md, or - for stdin)."""

    def body() -> int:
        import time

        from paperlint.report import ReportOptions, formats

        started = time.perf_counter()
        checker = build_checker(config_file, schema_file, select, ignore, extend_select)
        auto_github = os.environ.get("GITHUB_ACTIONS") == "true" and not (statistics or quiet)
        fmt = output_format or ("github" if auto_github else "text")
        color = use_color("never" if no_color else color_choice, fmt)
        options = ReportOptions(
            color=color,
            quiet=quiet,
            statistics=statistics,
            unsafe_fixes=unsafe_fixes,
            strict=strict,
        )
        files = find_files(checker, paths)
        if apply_fixes or show_diff:
            return run_fixes(
                checker,
                files,
                stdin_filename,
                options,
                fmt=fmt,
                show_diff=show_diff,
                show_fixes=show_fixes,
                exit_non_zero_on_fix=exit_non_zero_on_fix,
            )
        if not files:
            click.echo("paperlint: no Markdown files found", err=True)
            results: list[Any] = []
        else:
            if jobs is None:
                from paperlint.parallel import default_jobs

                jobs_used = default_jobs(len(files))
            else:
                jobs_used = jobs
            results = checker.run(files, stdin_filename, jobs_used)
        if verbose:
            click.echo(treated_as_lists(results), err=True)
        code = exit_code(results, strict=strict, exit_zero=exit_zero)
        if not files and fmt in ("text", "github"):
            return code
        options = _replace(options, exit_code=code, seconds=time.perf_counter() - started)
        click.echo(formats()[fmt](results, options), nl=False, color=color or None)
        if fmt == "github":
            write_step_summary(results, options)
        return code

    run_guarded(body)


def find_files(checker: Any, paths: tuple[str, ...]) -> list[str]:
    """The files to check; ``exclude`` globs are relative to the configuration file."""
    from paperlint.files import STDIN, collect, excluded

    exclude = checker.settings.exclude
    found = collect(paths or (".",), ())
    if not exclude:
        return found
    relative = checker.settings.relative
    return [f for f in found if f == STDIN or not excluded(relative(f), exclude)]


def treated_as_lists(results: list[Any]) -> str:
    """One line per kind of file: the paper lists (with their entries), then the files in
    which no entry was found (ordinary Markdown: only the generic rules ran there)."""
    from paperlint.report import display_path

    lists = [f"{display_path(r.path)} ({r.entries} entries)" for r in results if r.entries]
    others = [display_path(r.path) for r in results if r.entries == 0]
    lines = [f"paperlint: paper lists: {', '.join(lists) or 'none'}"]
    if others:
        lines.append(f"paperlint: not paper lists (no entries found): {', '.join(others)}")
    return "\n".join(lines)


def write_step_summary(results: list[Any], options: Any) -> None:
    """Append the run's Markdown summary to ``$GITHUB_STEP_SUMMARY`` when Actions sets it."""
    from paperlint.report.github import step_summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(step_summary(results, options))
    except OSError as error:
        click.echo(
            f"paperlint: cannot write the step summary to {target}: {error.strerror or error}",
            err=True,
        )


def exit_code(results: list[Any], *, strict: bool, exit_zero: bool) -> int:
    from paperlint.problem import Severity

    if any(r.unreadable for r in results):
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    problems = [p for r in results for p in r.problems]
    failing = [p for p in problems if strict or p.severity is Severity.ERROR]
    return EXIT_PROBLEMS if failing else EXIT_CLEAN


def run_fixes(
    checker: Any,
    files: list[str],
    stdin_filename: str | None,
    options: Any,
    *,
    fmt: str | None,
    show_diff: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
) -> int:
    """``fix`` and ``check --fix``/``--diff``: apply (or show) the fixes, report what remains
    in ``fmt`` (default: text lines and a summary)."""
    from paperlint.files import STDIN
    from paperlint.fix import FixRun
    from paperlint.report import fixes, formats

    if not files:
        click.echo("paperlint: no Markdown files found", err=True)
        if fmt not in (None, "text", "github"):
            click.echo(formats()[fmt]([], _replace(options, exit_code=0)), nl=False)
        return EXIT_CLEAN
    run = FixRun(
        checker, unsafe=options.unsafe_fixes, diff=show_diff, stdin_filename=stdin_filename
    )
    run.run(files)
    # With "-" the fixed text owns stdout, and with --diff the diff does: the rest goes to stderr.
    report_err = show_diff or STDIN in files
    for message in run.errors:
        click.echo(f"paperlint: {message}", err=True)
    if run.stdout is not None:
        sys.stdout.buffer.write(run.stdout)
        sys.stdout.flush()
    if show_diff:
        click.echo(fixes.diff_text(run.diffs), nl=False)
    elif show_fixes:
        click.echo(fixes.fixes_text(run.fixed), nl=False, err=report_err)
    if run.failed:
        code = EXIT_ERROR
    elif show_diff:
        code = EXIT_PROBLEMS if run.diffs else EXIT_CLEAN
    elif exit_non_zero_on_fix and run.fixed_count:
        code = EXIT_PROBLEMS
    else:
        code = exit_code(run.results, strict=options.strict, exit_zero=False)
    summary = fixes.summary(
        run.fixed_count, run.remaining(), diff=show_diff, unsafe_fixes=options.unsafe_fixes
    )
    if fmt not in (None, "text") and not show_diff:
        options = _replace(options, exit_code=code)
        click.echo(formats()[fmt](run.results, options), nl=False, err=report_err)
        click.echo(summary, err=True)
        if fmt == "github":
            write_step_summary(run.results, options)
        return code
    if not show_diff and not options.quiet:
        click.echo(
            fixes.problems_text(run.remaining(), options.unsafe_fixes), nl=False, err=report_err
        )
    click.echo(summary, err=report_err)
    return code


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
        from paperlint.result import InternalError
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
@click.option(
    "--format",
    "output_format",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json"]),
    help="Output format.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Configuration file whose schema may define codes of its own.",
)
@click.option(
    "--schema",
    "schema_file",
    type=click.Path(dir_okay=False),
    help="JSON Schema whose x-rule codes to list too (default: the configured one).",
)
def rules_command(
    rule: str | None, output_format: str, config_file: str | None, schema_file: str | None
) -> None:
    """List the rules, show one rule's documentation (by code or name), or list a family
    (a prefix such as PL4). Codes that your schema defines (x-rule) are included."""

    def body() -> int:
        import json

        from paperlint import rules

        single = False
        if rule is None:
            chosen = rules.all_rules()
        else:
            try:
                chosen, single = [rules.get(rule)], True
            except rules.UnknownRuleError:
                try:
                    codes = rules.expand([rule])
                except rules.UnknownRuleError:
                    codes = set()
                chosen = [r for r in rules.all_rules() if r.code in codes]
        schema_codes = _schema_codes(config_file, schema_file)
        if rule is not None and not chosen:
            wanted = rule.strip().upper()
            if wanted not in schema_codes:
                return _unknown_rule(rule)
            schema_codes = {wanted: schema_codes[wanted]}
        elif rule is not None:
            schema_codes = {}
        if output_format == "json":
            objects = [_rule_object(r) for r in chosen]
            objects += [
                {
                    "code": code,
                    "name": code.lower(),
                    "severity": "error",
                    "fix": "never",
                    "summary": f"defined by the schema {origin}",
                    "origin": origin,
                    "pointers": pointers,
                }
                for code, (origin, pointers) in sorted(schema_codes.items())
            ]
            click.echo(json.dumps(objects, indent=2, ensure_ascii=False))
        elif single:
            click.echo(rules.documentation(chosen[0]), nl=False)
        elif rule is not None and not chosen:
            ((code, (origin, pointers)),) = schema_codes.items()
            click.echo(
                f"# {code}\n\nDefined by the schema {origin} (x-rule at "
                f"{', '.join(pointers)}). Severity: error. Fix: none.\n",
                nl=False,
            )
        else:
            text = rules.table() if rule is None else _table(chosen)
            for code, (origin, _) in sorted(schema_codes.items()):
                text += f"{code}  (defined by the schema {origin})\n"
            click.echo(text, nl=False)
        return EXIT_CLEAN

    run_guarded(body)


def _unknown_rule(token: str) -> NoReturn:
    from paperlint import rules

    try:
        rules.expand([token])
    except rules.UnknownRuleError as error:
        raise UsageFailure(str(error)) from None
    raise UsageFailure(f"unknown rule '{token}'")


def _rule_object(rule: Any) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "fix": rule.fix_availability.value,
        "summary": rule.summary,
        "documentation": rule.doc,
    }


def _table(chosen: list[Any]) -> str:
    """The rule table restricted to ``chosen`` (same columns as ``paperlint rules``)."""
    from paperlint import rules

    keep = {r.code for r in chosen}
    lines = rules.table().splitlines(keepends=True)
    return lines[0] + "".join(line for line in lines[1:] if line.split(" ", 1)[0] in keep)


def _schema_codes(
    config_file: str | None, schema_file: str | None
) -> dict[str, tuple[str, list[str]]]:
    """Codes a user schema introduces with ``x-rule``: code → (schema file, JSON pointers)."""
    from paperlint import config, rules
    from paperlint.schema import SchemaLoadError, load

    try:
        path = schema_file or config.load(config_file).schema
        if path is None:
            return {}
        schema = load(path)
    except (config.ConfigError, SchemaLoadError) as error:
        raise UsageFailure(str(error)) from None
    known = rules.registered_codes()
    found: dict[str, tuple[str, list[str]]] = {}

    def walk(node: Any, pointer: str) -> None:
        if isinstance(node, dict):
            annotation = node.get("x-rule")
            values = annotation.values() if isinstance(annotation, dict) else [annotation]
            for value in values:
                if isinstance(value, str) and value.upper() not in known:
                    found.setdefault(value.upper(), (path, []))[1].append(pointer or "/")
            for key, child in node.items():
                walk(child, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}")
        elif isinstance(node, list):
            for number, child in enumerate(node):
                walk(child, f"{pointer}/{number}")

    walk(schema.document, "")
    return found


@cli.command(name="fix")
@click.argument("paths", nargs=-1, type=click.Path())
@selection_options
@fix_options
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
    exit_non_zero_on_fix: bool,
    strict: bool,
) -> None:
    """Apply fixes in place (files, folders searched for *.md, or - for stdin → stdout).

    The same as ``paperlint check --fix``."""

    def body() -> int:
        from paperlint.report import ReportOptions

        checker = build_checker(config_file, schema_file, select, ignore, extend_select)
        options = ReportOptions(unsafe_fixes=unsafe_fixes, strict=strict)
        return run_fixes(
            checker,
            find_files(checker, paths),
            stdin_filename,
            options,
            fmt=None,
            show_diff=show_diff,
            show_fixes=show_fixes,
            exit_non_zero_on_fix=exit_non_zero_on_fix,
        )

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


@cli.command(name="server")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only way).")
def server_command(stdio: bool) -> None:
    """Run the language server (LSP) for editors, over stdin/stdout."""

    def body() -> int:
        from paperlint import server

        missing = server.missing()
        if missing:
            raise UsageFailure(
                f"`paperlint server` needs {' and '.join(missing)}: {server.INSTALL_HINT}"
            )
        server.serve()
        return EXIT_CLEAN

    run_guarded(body)


class Interrupted(BaseException):
    """SIGINT or SIGTERM, raised where the main thread is: unwinding runs the cleanups
    (temporary files, worker processes), then ``main`` ends the run with one line. Not a
    KeyboardInterrupt, which click would turn into "Aborted!" and exit 1."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def main() -> None:
    """Console-script entry point."""
    # A run builds hundreds of thousands of acyclic objects (tokens, model nodes) and then
    # exits: the cycle collector only re-scans them, costing about a fifth of the CPU time.
    gc.disable()
    stopping = [getattr(signal, name) for name in ("SIGINT", "SIGTERM") if hasattr(signal, name)]
    for signum in stopping:
        signal.signal(signum, _interrupt)
    try:
        cli(prog_name="paperlint")
    except Interrupted as interrupted:
        for signum in stopping:
            signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C changes nothing now
        with contextlib.suppress(Exception):
            click.echo("paperlint: interrupted", err=True)
            sys.stderr.flush()
        # Not sys.exit: its exit handlers would join the worker pool's threads, which can
        # wait forever on a pipe that no killed worker reads any more; nor a flush of
        # stdout, which waits forever on a reader that stopped reading.
        os._exit(128 + interrupted.signum)
