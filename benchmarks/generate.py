"""Deterministic generator of reference-format paper lists for the benchmarks.

Stdlib only, no network: a seeded ``random.Random`` builds every file, so two runs on any
machine write byte-identical data. Entries follow docs/format.md (``# PaperList`` › ``## YYYYMM``
newest first › ``### Category`` › ``#### Title``), carry a metadata line with an arXiv link,
``Keypoints``/``Objective`` bullets and a ``<details>`` block with ``Method``/``Results``,
150–400 words each, and a few realistic defects per hundred entries.

    python benchmarks/generate.py            # every size, under benchmarks/data/
    python benchmarks/generate.py 100 1000   # only these sizes
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
SIZES = (100, 1_000, 10_000, 50_000)
MANY_FILES, MANY_ENTRIES = 2_000, 50
SEED = 20240604
ENTRIES_PER_MONTH = 40
# Months go back from 2024-12 at most this far (to 2000-01): a 50,000-entry list at 40 a
# month would reach 1921, before arXiv, and every arXiv id would disagree with its month
# (38,000 PL507 warnings: a different workload, not a larger one). Larger lists get more
# entries a month instead.
MAX_MONTHS = 300
CATEGORIES = ("LLM", "Diffusion", "Multimodal", "Efficiency", "Agents", "Evaluation", "3D Vision")

_WORDS = (
    "model models training inference attention transformer diffusion latent token tokens "
    "context memory retrieval benchmark dataset datasets accuracy efficiency scaling layer "
    "layers parameters gradient loss objective sampling guidance prior posterior encoder "
    "decoder representation representations alignment reasoning planning agent agents video "
    "image images text multimodal vision language generation quality speed cache kernel "
    "sparse dense mixture experts routing distillation teacher student pretraining finetuning "
    "evaluation baseline baselines robust robustness temporal spatial consistency camera "
    "control feedback window sequence sequences length long short hierarchical speculative "
    "decoding draft verification lossless compression quantization pruning adapter prompt "
    "prompts instruction reward policy preference human feedback synthetic real world"
)
WORDS = _WORDS.split()
_VERBS = (
    "improves reduces introduces proposes evaluates combines extends outperforms matches "
    "leverages compresses accelerates stabilises aligns generalises"
)
VERBS = _VERBS.split()
TITLE_WORDS = [w.capitalize() for w in WORDS]

Defect = str
# name → how often per entry (a few defects per hundred entries in total).
DEFECTS: tuple[tuple[Defect, float], ...] = (
    ("trailing-space", 0.015),
    ("fullwidth-colon", 0.008),
    ("missing-space", 0.010),
    ("unclosed-details", 0.004),
    ("nbsp", 0.006),
)
# A heavily defective list (``--heavy``): this many defects in every entry, drawn from the
# kinds ``paperlint fix`` repairs, so that fixing does the most work per entry. None of them
# hides another (a details body that does not render hides its labels' defects until it is
# fixed): those take a second pass, which is meant to be rare.
HEAVY_DEFECTS_PER_ENTRY = 4
HEAVY_DEFECTS: tuple[Defect, ...] = (
    "trailing-space",  # PL601
    "fullwidth-colon",  # PL402
    "missing-space",  # PL401
    "missing-colon",  # PL402
    "bold-label",  # PL403
    "label-alias",  # PL205
    "blank-lines",  # PL602
    "nbsp",  # PL603
    "close-indent",  # PL304
    "arxiv-pdf",  # PL506 (its fix is unsafe: it stays)
)


def sentence(rng: random.Random, low: int = 10, high: int = 22) -> str:
    count = rng.randint(low, high)
    words = [rng.choice(WORDS) for _ in range(count)]
    words.insert(rng.randint(1, count - 1), rng.choice(VERBS))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def prose(rng: random.Random, words: int) -> str:
    """Sentences of exactly ``words`` words (the last one cut short and closed)."""
    out: list[str] = []
    while len(out) < words:
        out += sentence(rng).split(" ")
    del out[words:]
    return " ".join(out).rstrip(".") + "."


def title(rng: random.Random, serial: int) -> str:
    head = "".join(rng.choice(TITLE_WORDS) for _ in range(2))
    rest = " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(4, 9)))
    return f"{head}{serial}: {rest}"


def entry(rng: random.Random, serial: int, month: str, heavy: bool = False) -> list[str]:
    """One entry's lines (heading to the blank line after it), 150–400 words in all;
    ``heavy``: with ``HEAVY_DEFECTS_PER_ENTRY`` different defects."""
    budget = rng.randint(150, 400) - 40  # title, metadata, keypoints, labels: ~40 words
    arxiv = f"{month[2:]}.{serial * 7919 % 100_000:05d}"  # unique: PL508 finds no duplicates
    tag = rng.choice(("SD", "DiT", "LLM", "VLM", "RL"))
    keypoints = "; ".join(
        " ".join(rng.choice(TITLE_WORDS) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(2, 5))
    )
    objective = prose(rng, budget // 4)
    method = prose(rng, budget // 3)
    results = prose(rng, budget - budget // 4 - budget // 3)
    lines = [
        f"#### {title(rng, serial)}",
        f"`[{tag}]` `[{month[:4]}.{month[4:]}]` \\[[paper](https://arxiv.org/abs/{arxiv})\\] "
        f"\\[[code](https://github.com/lab{serial % 97}/project{serial})\\]",
        "",
        f"- `Keypoints:` {keypoints}",
        f"- `Objective:` {objective}",
        "-   <details>",
        "    <summary>Details</summary>",
        "",
        f"    - `Method:` {method}",
        f"    - `Results:` {results}",
        "    </details>",
        "",
    ]
    if heavy:
        for name in rng.sample(HEAVY_DEFECTS, HEAVY_DEFECTS_PER_ENTRY):
            lines = inject_heavy(rng, name, lines)
        return lines
    for name, rate in DEFECTS:
        if rng.random() < rate:
            lines = inject(rng, name, lines)
    return lines


def inject(rng: random.Random, name: Defect, lines: list[str]) -> list[str]:
    """Apply one defect of the kind found in real lists (see tests/fixtures/corpus)."""
    if name == "trailing-space":
        index = rng.choice((3, 4, 8, 9))
        lines[index] += " " * rng.randint(1, 3)
    elif name == "fullwidth-colon":
        lines[4] = lines[4].replace("`Objective:`", "`Objective：`", 1)
    elif name == "missing-space":
        lines[3] = lines[3].replace("`Keypoints:` ", "`Keypoints:`", 1)
    elif name == "unclosed-details":
        lines = [line for line in lines if line.strip() != "</details>"]
    elif name == "nbsp":
        index = rng.choice((4, 8, 9))
        at = lines[index].find(" ", len(lines[index]) // 2)
        if at > 0:
            lines[index] = lines[index][:at] + "\u00a0" + lines[index][at + 1 :]
    return lines


def inject_heavy(rng: random.Random, name: Defect, lines: list[str]) -> list[str]:
    """Apply one of ``HEAVY_DEFECTS``. Lines are found by their label, not their index
    (``blank-lines`` adds one); two defects of one label may make the second a no-op."""

    def at(label: str) -> int:
        return next(i for i, line in enumerate(lines) if label in line.lstrip()[:16])

    if name == "trailing-space":
        index = at(rng.choice(("Keypoints", "Objective", "Method", "Results")))
        lines[index] += " " * rng.randint(1, 3)
    elif name == "fullwidth-colon":
        lines[at("Objective")] = lines[at("Objective")].replace("`Objective:`", "`Objective：`")
    elif name == "missing-space":
        lines[at("Keypoints")] = lines[at("Keypoints")].replace("`Keypoints:` ", "`Keypoints:`")
    elif name == "missing-colon":
        lines[at("Results")] = lines[at("Results")].replace("`Results:`", "`Results`")
    elif name == "bold-label":
        lines[at("Results")] = lines[at("Results")].replace("`Results:`", "**Results:**")
    elif name == "label-alias":
        lines[at("Method")] = lines[at("Method")].replace("`Method:`", "`Methods:`")
    elif name == "blank-lines":
        lines.insert(2, "")
    elif name == "nbsp":
        index = at(rng.choice(("Objective", "Method", "Results")))
        middle = lines[index].find(" ", len(lines[index]) // 2)
        if middle > 0:
            lines[index] = lines[index][:middle] + "\u00a0" + lines[index][middle + 1 :]
    elif name == "close-indent":
        index = next(i for i, line in enumerate(lines) if "</details>" in line)
        lines[index] = "  </details>"
    elif name == "arxiv-pdf":
        lines[1] = (
            lines[1].replace("arxiv.org/abs/", "arxiv.org/pdf/").replace(r")\]", r".pdf)\]", 1)
        )
    return lines


def months(count: int) -> list[str]:
    """``count`` YYYYMM months, newest first, ending before 2025-01."""
    year, month = 2024, 12
    found = []
    for _ in range(count):
        found.append(f"{year:04d}{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return found


def paper_list(entries: int, seed: int = SEED, serial_base: int = 0, heavy: bool = False) -> str:
    """A whole list of ``entries`` entries: ~40 per month, spread over categories."""
    rng = random.Random(seed)
    out = ["# PaperList", ""]
    month_count = min(MAX_MONTHS, max(1, -(-entries // ENTRIES_PER_MONTH)))
    serial = serial_base
    remaining = entries
    for index, month in enumerate(months(month_count)):
        share = -(-remaining // (month_count - index))
        remaining -= share
        out += [f"## {month}", ""]
        categories = rng.sample(CATEGORIES, k=min(len(CATEGORIES), max(1, share // 8)))
        per = -(-share // len(categories))
        left = share
        for category in categories:
            if left <= 0:
                break
            out += [f"### {category}", ""]
            for _ in range(min(per, left)):
                serial += 1
                out += entry(rng, serial, month, heavy)
            left -= min(per, left)
    return "\n".join(out).rstrip("\n") + "\n"


def list_path(entries: int, heavy: bool = False) -> Path:
    return DATA / f"list-{entries}{'-heavy' if heavy else ''}.md"


def many_dir(files: int = MANY_FILES) -> Path:
    return DATA / f"many-{files}x{MANY_ENTRIES}"


def write_list(entries: int, heavy: bool = False) -> Path:
    """Write (unless already there) the list of ``entries`` entries; return its path."""
    path = list_path(entries, heavy)
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        text = paper_list(entries, heavy=heavy)
        temporary.write_text(text, encoding="utf-8", newline="\n")
        temporary.replace(path)
    return path


def write_many(files: int = MANY_FILES) -> Path:
    """Write (unless already there) ``files`` files of 50 entries, 100 per sub-folder."""
    folder = many_dir(files)
    done = folder / ".complete"
    if done.exists():
        return folder
    for index in range(files):
        sub = folder / f"group{index // 100:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        text = paper_list(MANY_ENTRIES, seed=SEED + 1 + index, serial_base=index * MANY_ENTRIES)
        (sub / f"list{index:04d}.md").write_text(text, encoding="utf-8", newline="\n")
    done.write_text("")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, help=f"entry counts (default {SIZES})")
    parser.add_argument("--no-many", action="store_true", help="skip the 2,000-file folder")
    parser.add_argument("--files", type=int, help="only the folder, with this many files")
    parser.add_argument(
        "--heavy",
        action="store_true",
        help=f"heavily defective lists ({HEAVY_DEFECTS_PER_ENTRY} fixable defects an entry)",
    )
    args = parser.parse_args(argv)
    if args.files:
        print(write_many(args.files))
        return 0
    for size in args.sizes or SIZES:
        path = write_list(size, args.heavy)
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")
    if not args.no_many and not args.sizes and not args.heavy:
        print(write_many())
    return 0


if __name__ == "__main__":
    sys.exit(main())
