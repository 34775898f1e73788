"""Benchmark paperlint as users run it: whole processes, against baselines of the same run.

    python benchmarks/run.py                    # full run, writes benchmarks/RESULTS.md
    python benchmarks/run.py --quick            # smaller inputs, fewer runs, prints only
    python benchmarks/run.py --targets check,version

Each case is a command run in a fresh process (stdout to /dev/null); its wall time is the
median of the measured runs after a warm-up, and its peak memory the median max RSS
(``os.wait4``). Every target is a ratio against a baseline measured in the same run, so
the table means the same thing on any machine. Benchmarks never run inside the tests.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # the sibling module, also runnable on its own

HERE = Path(__file__).resolve().parent
WORK = generate.DATA / "work"
PYTHON = sys.executable
FLOOR = (
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    text = f.read()\n"
    "MarkdownIt('commonmark').parse(text)\n"
)
TARGETS = ("check", "fix", "scaling", "memory", "version", "jobs", "mdformat", "server", "external")
# Lists the language server's latency is measured on, and the edits made to each.
SERVER_SIZES, SERVER_EDITS = (2_000, 10_000), 9
# Real lists of other conventions (bullets, tables, dated paragraphs), copied into the tests.
EXTERNAL = HERE.parent / "tests" / "fixtures" / "external"


@dataclass(frozen=True)
class Plan:
    """Input sizes and repetitions of one mode."""

    main: int  # entries of the list most targets use
    small: int  # the two sizes compared for linear scaling
    large: int
    files: int  # files of 50 entries for --jobs
    repeat: int  # measured runs of ordinary cases
    large_repeat: int  # measured runs of the large list and the many-files folder
    slow_repeat: int  # measured runs of mdformat (the slowest baseline)
    startup_repeat: int  # measured runs of start-up cases (tiny, noisy)


FULL = Plan(10_000, 1_000, 50_000, 2_000, 5, 5, 5, 10)
QUICK = Plan(1_000, 100, 10_000, 200, 3, 1, 1, 5)


@dataclass
class Case:
    """One command, measured."""

    label: str
    command: list[str]
    runs: int
    prepare: Callable[[], None] | None = None  # before each run, not timed (fix: fresh copy)
    warmup: list[str] | None = None  # a cheaper warm-up command (default: the command)
    ok_codes: tuple[int, ...] = (0, 1)
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system, workers included
    rss_kb: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(self.wall)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(self.cpu)

    @property
    def rss_mb(self) -> float:
        return statistics.median(self.rss_kb) / 1024


def run_once(command: list[str]) -> tuple[float, float, int, int, str]:
    """Wall and CPU seconds, max RSS (KiB), exit code and stderr tail of one process."""
    with open(os.devnull, "wb") as null, (WORK / "stderr.txt").open("w+b") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=null, stderr=err, env=environment())
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-400:].decode("utf-8", "replace")
    # ru_maxrss: KiB on Linux, bytes on macOS.
    rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, rss, process.returncode, tail


def environment() -> dict[str, str]:
    """The measured processes' environment: a user's, with byte-code caching on (some
    sandboxes set PYTHONDONTWRITEBYTECODE, which makes every start compile paperlint
    again while click's byte-code came with its wheel)."""
    unset = {"GITHUB_ACTIONS", "CI", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env["NO_COLOR"] = "1"
    return env


def measure(case: Case, progress: Callable[[str], None]) -> Case:
    if case.prepare:
        case.prepare()
    _, _, _, code, tail = run_once(case.warmup or case.command)
    if code not in case.ok_codes:
        case.error = f"exit {code}: {tail.strip().splitlines()[-1] if tail.strip() else ''}"
        progress(f"  {case.label}: FAILED ({case.error})")
        return case
    for index in range(case.runs):
        if case.prepare:
            case.prepare()
        wall, cpu, rss, code, tail = run_once(case.command)
        if code not in case.ok_codes:
            case.error = f"exit {code}: {tail.strip()[-200:]}"
            break
        case.wall.append(wall)
        case.cpu.append(cpu)
        case.rss_kb.append(rss)
        progress(
            f"  {case.label}: run {index + 1}/{case.runs} {wall:.2f} s "
            f"(CPU {cpu:.2f} s) {rss / 1024:.0f} MB"
        )
    return case


def tool(name: str) -> list[str] | None:
    """The console script installed beside this Python, else on PATH."""
    beside = Path(PYTHON).parent / name
    if beside.exists():
        return [str(beside)]
    found = shutil.which(name)
    return [found] if found else None


def warm_read(path: Path) -> None:
    """Read a data file once so every timed run finds it in the page cache."""
    with path.open("rb") as f:
        while f.read(1 << 24):
            pass


@dataclass
class Row:
    """One target: its ratio on wall time and on CPU time, and what it must stay under."""

    name: str
    goal: str
    limit: float
    wall: float | None = None
    cpu: float | None = None
    acceptance: float | None = None  # a looser bar that still passes, where one exists
    strict: bool = False  # "< limit" rather than "≤ limit"
    single_process: bool = True  # False: only wall time means anything (--jobs)
    status: str | None = None  # "not available" and the like: no ratio at all

    def result(self, loaded: bool) -> str:
        """pass/FAIL on wall time, or on CPU time for one process on a loaded machine."""
        if self.status is not None:
            return self.status
        on_cpu = loaded and self.single_process and self.cpu is not None
        value = self.cpu if on_cpu else self.wall
        if value is None or value <= 0:  # <= 0: start-up removal swamped by noise
            return "not measured"
        suffix = " (judged on CPU time: machine loaded)" if on_cpu else ""
        if value < self.limit or (value == self.limit and not self.strict):
            return "pass" + suffix
        if self.acceptance is not None and value <= self.acceptance:
            return "pass (acceptance only)" + suffix
        return "FAIL" + suffix


def ratio(a: Case | None, b: Case | None, cpu: bool = False) -> float | None:
    if a is None or b is None or not a.wall or not b.wall:
        return None
    return a.cpu_seconds / b.cpu_seconds if cpu else a.seconds / b.seconds


def per_entry(
    case: Case | None, startup: Case | None, entries: int, cpu: bool = False
) -> float | None:
    """Seconds per entry once start-up (the same command on a one-entry list) is removed."""
    if case is None or startup is None or not case.wall or not startup.wall:
        return None
    if cpu:
        return (case.cpu_seconds - startup.cpu_seconds) / entries
    return (case.seconds - startup.seconds) / entries


def quotient(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def show(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


class Suite:
    def __init__(self, plan: Plan, targets: Sequence[str], quiet: bool) -> None:
        self.plan = plan
        self.targets = set(targets)
        self.quiet = quiet
        self.cases: dict[str, Case] = {}
        self.notes: list[str] = []
        # 1-minute load average after each single-process case: our own process adds ~1.
        self.loads: list[float] = []
        paperlint = tool("paperlint")
        self.paperlint = paperlint or [PYTHON, "-m", "paperlint"]
        self.mdformat = tool("mdformat")

    def progress(self, text: str) -> None:
        if not self.quiet:
            print(text, file=sys.stderr, flush=True)

    def case(self, key: str, label: str, command: list[str], runs: int, **extra: Any) -> Case:
        """Measure a case once per suite, however many targets use it."""
        if key not in self.cases:
            self.progress(label)
            self.cases[key] = measure(Case(label, command, runs, **extra), self.progress)
            if hasattr(os, "getloadavg") and not key.startswith("jobs"):
                self.loads.append(os.getloadavg()[0])
        return self.cases[key]

    def data(self, entries: int, heavy: bool = False) -> Path:
        path = generate.list_path(entries, heavy)
        if not path.exists():
            self.generate(str(entries), "--no-many", *(("--heavy",) if heavy else ()))
        warm_read(path)
        return path

    def generate(self, *args: str) -> None:
        """Generate data in a child process: building a 50,000-entry list here would raise
        this process's RSS, and on Linux forked children start from their parent's peak,
        which would then show up as every later case's max RSS."""
        self.progress(f"generating {' '.join(args)} ...")
        subprocess.run([PYTHON, str(HERE / "generate.py"), *args], check=True, capture_output=True)

    def floor(self, entries: int, runs: int, heavy: bool = False) -> Case:
        path = self.data(entries, heavy)
        kind = " heavily defective" if heavy else ""
        return self.case(
            f"floor-{entries}{'-heavy' if heavy else ''}",
            f"floor: python + MarkdownIt('commonmark').parse, {entries:,}{kind} entries",
            [PYTHON, "-c", FLOOR, str(path)],
            runs,
            warmup=[PYTHON, "-c", FLOOR, str(self.data(min(entries, 100)))],
        )

    def check(self, entries: int, runs: int) -> Case:
        path = self.data(entries)
        return self.case(
            f"check-{entries}",
            f"paperlint check, {entries:,} entries",
            [*self.paperlint, "check", str(path)],
            runs,
            warmup=[*self.paperlint, "check", str(self.data(min(entries, 100)))],
        )

    def run(self) -> list[Row]:
        plan, main, rows = self.plan, self.plan.main, []
        WORK.mkdir(parents=True, exist_ok=True)
        self.case("pass", "python -c pass", [PYTHON, "-c", "pass"], plan.startup_repeat)
        if self.targets & {"check", "memory", "fix", "mdformat"}:
            floor, check = self.floor(main, plan.repeat), self.check(main, plan.repeat)
        if "check" in self.targets:
            rows.append(
                Row(
                    f"`paperlint check`, {main:,} entries ÷ floor",
                    "≤ 1.5× (acceptance ≤ 2.0×)",
                    1.5,
                    ratio(check, floor),
                    ratio(check, floor, cpu=True),
                    acceptance=2.0,
                )
            )
        if "fix" in self.targets:
            rows.append(self.fix_row(main, floor))
            rows.append(self.fix_row(main, self.floor(main, plan.repeat, heavy=True), heavy=True))
        if "scaling" in self.targets:
            rows.append(self.scaling_row())
        if "memory" in self.targets:
            memory = check.rss_mb / floor.rss_mb if check.rss_kb and floor.rss_kb else None
            rows.append(
                Row(f"max RSS of check, {main:,} entries ÷ the floor's", "≤ 2.0×", 2.0, memory)
            )
        if "version" in self.targets:
            rows.append(self.version_row())
        if "jobs" in self.targets:
            rows.append(self.jobs_row())
        if "mdformat" in self.targets:
            rows.append(self.mdformat_row(main, check))
        if "server" in self.targets:
            sizes = (plan.small,) if plan is QUICK else SERVER_SIZES
            rows += [self.server_row(entries) for entries in sizes]
        if "external" in self.targets:
            rows.append(self.external_row())
        return rows

    def server_row(self, entries: int) -> Row:
        """Median didChange → publishDiagnostics (benchmarks/server_latency.py) ÷ check."""
        row = Row(
            f"`paperlint server`: didChange → publishDiagnostics, {entries:,} entries "
            "÷ `paperlint check` of the list",
            "≤ 0.10×",
            0.10,
        )
        check = self.check(entries, self.plan.repeat)
        path = self.data(entries)
        self.progress(f"paperlint server latency, {entries:,} entries ({SERVER_EDITS} edits)")
        done = subprocess.run(
            [PYTHON, str(HERE / "server_latency.py"), str(path), "--edits", str(SERVER_EDITS)],
            capture_output=True,
            text=True,
            env=environment(),
            check=False,
        )
        if done.returncode != 0:
            row.status = f"FAIL (server: {done.stderr.strip()[-80:]})"
            return row
        import json

        measured = json.loads(done.stdout)
        latency = statistics.median(measured["latencies"])
        self.notes.append(
            f"`paperlint server`, {entries:,} entries: didChange → publishDiagnostics median "
            f"{latency:.3f} s (min {min(measured['latencies']):.3f} s, {SERVER_EDITS} edits; "
            f"server CPU median {statistics.median(measured['cpu']):.3f} s); "
            f"first diagnostics after didOpen {measured['open']:.3f} s; `check` "
            f"{check.seconds:.3f} s (CPU {check.cpu_seconds:.3f} s)."
        )
        row.wall = latency / check.seconds if check.wall else None
        cpu = statistics.median(measured["cpu"])
        row.cpu = cpu / check.cpu_seconds if check.cpu and cpu > 0 else None
        return row

    def external_row(self) -> Row:
        """`check` on the largest real list of another convention, configured as a user
        would (a bare `paperlint init` in its folder), against the floor on that file."""
        largest = max(
            (p for p in EXTERNAL.glob("*.md") if "__" in p.name), key=lambda p: p.stat().st_size
        )
        folder = WORK / "external"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        path = folder / largest.name
        shutil.copy(largest, path)
        subprocess.run([*self.paperlint, "init", "."], cwd=folder, check=True, capture_output=True)
        warm_read(path)
        size = f"{largest.stat().st_size // 1000} KB"
        floor = self.case(
            "floor-external",
            f"floor: python + MarkdownIt('commonmark').parse, {largest.name} ({size})",
            [PYTHON, "-c", FLOOR, str(path)],
            self.plan.repeat,
        )
        check = self.case(
            "check-external",
            f"paperlint check after init, {largest.name} ({size})",
            [*self.paperlint, "check", "--config", str(folder / ".paperlint.toml"), str(path)],
            self.plan.repeat,
        )
        return Row(
            "`paperlint check`, largest external list (after `init`) ÷ floor",
            "≤ 1.5×",
            1.5,
            ratio(check, floor),
            ratio(check, floor, cpu=True),
        )

    def fix_row(self, entries: int, floor: Case, heavy: bool = False) -> Row:
        """`fix` on a fresh copy of the list; ``heavy``: the heavily defective list (about
        four fixable problems an entry), against the floor on that same list."""
        if heavy:
            row = Row(
                f"`paperlint fix`, heavily defective {entries:,} entries ÷ floor",
                "≤ 2.0× (acceptance ≤ 2.5×)",
                2.0,
                acceptance=2.5,
            )
        else:
            row = Row(f"`paperlint fix`, {entries:,} entries (on a copy) ÷ floor", "≤ 2.5×", 2.5)
        suffix = "-heavy" if heavy else ""
        source, copy = self.data(entries, heavy), WORK / f"fix-{entries}{suffix}.md"

        def fresh_copy() -> None:
            shutil.copyfile(source, copy)

        small_copy = WORK / f"fix-warmup{suffix}.md"
        shutil.copyfile(self.data(min(entries, 100), heavy), small_copy)
        kind = " heavily defective" if heavy else ""
        case = self.case(
            f"fix-{entries}{suffix}",
            f"paperlint fix, {entries:,}{kind} entries (fresh copy before each run)",
            [*self.paperlint, "fix", str(copy)],
            self.plan.repeat,
            prepare=fresh_copy,
            warmup=[*self.paperlint, "fix", str(small_copy)],
        )
        if case.error:
            row.status = f"FAIL (fix failed: {case.error[:80]})"
        row.wall, row.cpu = ratio(case, floor), ratio(case, floor, cpu=True)
        return row

    def scaling_row(self) -> Row:
        plan = self.plan
        one = self.check(1, plan.startup_repeat)
        small = self.check(plan.small, plan.repeat)
        large = self.check(plan.large, plan.large_repeat)
        floor_one = self.floor(1, plan.startup_repeat)
        floor_small = self.floor(plan.small, plan.repeat)
        floor_large = self.floor(plan.large, plan.large_repeat)
        for cpu in (False, True):
            value = quotient(
                per_entry(floor_large, floor_one, plan.large, cpu),
                per_entry(floor_small, floor_one, plan.small, cpu),
            )
            if value is not None:
                self.notes.append(
                    f"The floor itself (markdown-it-py) takes {value:.2f}× the "
                    f"{'CPU' if cpu else 'wall'} time per entry at {plan.large:,} entries "
                    f"that it takes at {plan.small:,}."
                )
        return Row(
            f"per-entry time at {plan.large:,} ÷ at {plan.small:,} entries "
            "(start-up, a 1-entry check, removed)",
            "≤ 1.25×",
            1.25,
            quotient(per_entry(large, one, plan.large), per_entry(small, one, plan.small)),
            quotient(
                per_entry(large, one, plan.large, cpu=True),
                per_entry(small, one, plan.small, cpu=True),
            ),
        )

    def version_row(self) -> Row:
        runs = self.plan.startup_repeat
        click = self.case("click", 'python -c "import click"', [PYTHON, "-c", "import click"], runs)
        version = self.case("version", "paperlint --version", [*self.paperlint, "--version"], runs)
        self.case("help", "paperlint --help", [*self.paperlint, "--help"], runs)
        return Row(
            '`paperlint --version` ÷ `python -c "import click"`',
            "≤ 1.3×",
            1.3,
            ratio(version, click),
            ratio(version, click, cpu=True),
        )

    def jobs_row(self) -> Row:
        plan = self.plan
        folder = generate.many_dir(plan.files)
        if not (folder / ".complete").exists():
            self.generate("--files", str(plan.files))
        for path in folder.rglob("*.md"):
            warm_read(path)
        label = f"{plan.files:,} files of {generate.MANY_ENTRIES} entries"
        warm = [*self.paperlint, "check", "--jobs", "2", str(folder / "group00")]
        one, two = (
            self.case(
                f"jobs-{n}",
                f"paperlint check --jobs {n}, {label}",
                [*self.paperlint, "check", "--jobs", str(n), str(folder)],
                plan.large_repeat,
                warmup=warm,
                # The files hold defects: exit 0 would mean nothing was checked (the
                # folder lies in git-ignored benchmarks/data, a case paperlint once skipped).
                ok_codes=(1,),
            )
            for n in (1, 2)
        )
        cpu = ratio(two, one, cpu=True)
        if cpu is not None:
            self.notes.append(
                f"`--jobs 2` uses {cpu:.2f}× the CPU time of `--jobs 1` "
                "(worker start-up, pickling results)."
            )
        return Row(
            f"{label}: `--jobs 2` ÷ `--jobs 1`",
            "≤ 0.65×",
            0.65,
            ratio(two, one),
            cpu,
            single_process=False,
        )

    def mdformat_row(self, entries: int, check: Case) -> Row:
        row = Row(f"`paperlint check` ÷ `mdformat --check`, {entries:,} entries", "< 1.0×", 1.0)
        row.strict = True
        if self.mdformat is None:
            self.notes.append("mdformat is not installed: its row is skipped.")
            row.status = "skipped (mdformat not installed)"
            return row
        mdformat = self.case(
            f"mdformat-{entries}",
            f"mdformat --check, {entries:,} entries",
            [*self.mdformat, "--check", str(self.data(entries))],
            self.plan.slow_repeat,
            warmup=[*self.mdformat, "--check", str(self.data(min(entries, 100)))],
        )
        row.wall, row.cpu = ratio(check, mdformat), ratio(check, mdformat, cpu=True)
        return row


def machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", str(HERE), "describe", "--always", "--dirty"], capture_output=True, text=True
    ).stdout.strip()
    versions = []
    for package in ("paperlint", "markdown-it-py", "jsonschema", "click", "mdformat"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            versions.append(f"{package} (not installed)")
    return [
        f"- Date: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {platform.platform()}; {cpu}; {os.cpu_count()} CPUs",
        f"- Python: {platform.python_version()} ({PYTHON})",
        f"- Versions: {', '.join(versions)}; paperlint tree {commit or 'unknown'}",
    ]


def render(suite: Suite, rows: list[Row], mode: str, elapsed: float) -> str:
    loads = suite.loads or [0.0]
    loaded = max(loads) > (os.cpu_count() or 1)
    plan = suite.plan
    out = [
        "# Benchmark results",
        "",
        f"Produced by `python benchmarks/run.py{' --quick' if mode == 'quick' else ''}` "
        f"({mode} mode) in {elapsed / 60:.1f} minutes. Do not edit by hand.",
        "",
        *machine(),
        f"- Load average (1 min) after each case: {min(loads):.2f} to {max(loads):.2f}"
        + (" — loaded: other work shared the CPUs" if loaded else ""),
        "",
        "## Targets",
        "",
        "| target | measured (wall) | goal | result | same ratio on CPU time |",
        "|---|---:|---|---|---:|",
        *(
            f"| {r.name} | {r.status or show(r.wall)} | {r.goal} | {r.result(loaded)} "
            f"| {show(r.cpu)} |"
            for r in rows
        ),
        "",
        "Results judge wall time, except on a loaded machine (a load average above the CPU "
        "count after some case), where single-process rows are judged on CPU time "
        "(user + system), which other work barely moves; the `--jobs` row is about wall time "
        "by nature.",
        "",
        "## Measurements",
        "",
        f"Wall time is the median of the measured runs after one warm-up; ordinary cases "
        f"{plan.repeat} runs, start-up cases {plan.startup_repeat}, mdformat {plan.slow_repeat}, "
        f"the {plan.large:,}-entry list and the {plan.files:,}-file folder "
        f"{plan.large_repeat} (each of those takes minutes; see README). Peak memory is the "
        "median max RSS of the process (with --jobs: the largest single process).",
        "",
        "| case | runs | median s | min s | median CPU s | max RSS MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for case in suite.cases.values():
        if case.wall:
            out.append(
                f"| {case.label} | {len(case.wall)} | {case.seconds:.3f} | {min(case.wall):.3f} "
                f"| {case.cpu_seconds:.3f} | {case.rss_mb:.0f} |"
            )
        else:
            out.append(f"| {case.label} | 0 | failed: {case.error} | | | |")
    if suite.notes:
        out += ["", "## Notes", "", *(f"- {note}" for note in suite.notes)]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, few runs (~2 min)")
    parser.add_argument(
        "--targets",
        default=",".join(TARGETS),
        help=f"comma-separated subset of: {', '.join(TARGETS)}",
    )
    parser.add_argument("--repeat", type=int, help="measured runs of ordinary cases (≥ 5)")
    parser.add_argument(
        "--output",
        type=Path,
        help="where to write the table (default: benchmarks/RESULTS.md for a full run of "
        "every target, nowhere otherwise)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = sorted(set(targets) - set(TARGETS))
    if unknown:
        parser.error(f"unknown targets {unknown}; choose from {', '.join(TARGETS)}")
    plan = QUICK if args.quick else FULL
    if args.repeat:
        from dataclasses import replace

        plan = replace(plan, repeat=args.repeat)
    output = args.output
    if output is None and not args.quick and set(targets) == set(TARGETS) and not args.repeat:
        output = HERE / "RESULTS.md"
    started = time.perf_counter()
    suite = Suite(plan, targets, args.quiet)
    rows = suite.run()
    mode = "quick" if args.quick else "full"
    text = render(suite, rows, mode, time.perf_counter() - started)
    print(text)
    if output is not None:
        output.write_text(text, encoding="utf-8")
        print(f"written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
