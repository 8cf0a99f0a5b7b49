#!/usr/bin/env python3
"""Build cost of a volume of N editions, against a bare Material + i18n build of its pages.

A volume of N editions is generated from the example editions in ``texts/`` (each copy with
its own id, title, a closing paragraph of its own and a reference cited there, so no two
editions are alike). Two builds are compared, alternated run by run so that a busy machine
weighs on both alike:

* ``full``: ``mkdocs build`` with the edition plugin, which annotates every edition, checks
  it, writes its pages in three languages and builds them;
* ``bare``: ``mkdocs build`` of the very pages the plugin writes (staged once beforehand),
  with the same theme, Material's search and i18n settings, but neither the edition plugin
  nor edition-search (the toolkit's search index per language version).

Each run is a child process; its CPU time (user + system) and peak memory come from
``os.wait4``. The ratio full/bare is what the toolkit adds to a build (goal: at most 1.3x),
and the full build's CPU time per paper should stay flat from 10 to 100 papers. A bare
build's time per paper grows with the volume (Material renders the whole navigation into
every page), so the time the toolkit adds per paper, (full - bare) / papers, is printed too.

    python scripts/bench_volume.py [--sizes 10 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.annotation import annotate  # noqa: E402
from edition.site.context import site_edition  # noqa: E402
from edition.site.pages import Volume, build_pages, downloads, nav  # noqa: E402

BENCH_ENTRY = """
@book{{bench{number},
  author = {{Bench, Ada}},
  title = {{A work cited only by copy {number}}},
  publisher = {{Bench Press}},
  year = {{{year}}}
}}
"""


def make_volume(folder: Path, size: int) -> list[Path]:
    """``size`` editions under ``folder``, copied from the example editions in turn."""
    examples = sorted(p.parent for p in (ROOT / "texts").glob("*/edition.yml"))
    editions = []
    for number in range(size):
        example = examples[number % len(examples)]
        target = folder / f"{example.name}-copy{number:03d}"
        shutil.copytree(example, target)
        config = target / "edition.yml"
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        year = 1900 + number
        data["id"] = target.name
        if data["paper"].get("title"):
            data["paper"]["title"] = f"{data['paper']['title']} (copy {number})"
        data.pop("decisions", None)
        config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        source = target / data["materials"]["source"]
        text = source.read_text(encoding="utf-8").rstrip("\n")
        source.write_text(
            f"{text}\n\nCopy {number} closes with a work of its own (Bench, {year}).\n",
            encoding="utf-8",
        )
        references = target / data["materials"]["references"]
        with references.open("a", encoding="utf-8") as bib:
            bib.write(BENCH_ENTRY.format(number=number, year=year))
        editions.append(target)
    return editions


def mkdocs_config(work: Path, editions: list[Path], *, bare_docs: Path | None) -> Path:
    """The project's mkdocs.yml for the volume, or (``bare_docs``) without the edition plugin."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(re.sub(r"!ENV \w+", "null", text), Loader=yaml.SafeLoader)
    config["docs_dir"] = str(bare_docs or ROOT / "docs")
    config["theme"]["custom_dir"] = str(ROOT / "docs" / "overrides")
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "edition" in plugin:
            if bare_docs is None:
                plugins.append({"edition": {"editions": [str(e) for e in editions]}})
        elif plugin != "edition-search" or bare_docs is None:
            plugins.append(plugin)
    config["plugins"] = plugins
    name = "bare" if bare_docs else "full"
    path = work / f"mkdocs-{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def stage(work: Path, editions: list[Path]) -> Path:
    """The pages and downloads the plugin writes, in a docs folder of their own."""
    docs = work / "staged"
    shutil.copytree(ROOT / "docs", docs)
    sites = []
    for edition in editions:
        annotated = annotate(edition)
        sites.append(site_edition(annotated, f"{annotated.edition.id}/"))
    volume = Volume(tuple(sites), "Bench")
    for page in build_pages(volume):
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    for name, content in downloads(volume).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(content, encoding="utf-8")
    (work / "nav.yml").write_text(yaml.safe_dump(nav(volume), allow_unicode=True), "utf-8")
    return docs


def run(config: Path, site: Path) -> tuple[float, float]:
    """CPU seconds and peak resident memory (MB) of one build in a child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    env.pop("SITE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"build failed: {config}\n{process.stderr.read().decode()}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(size: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        editions = make_volume(work / "texts", size)
        full_config = mkdocs_config(work, editions, bare_docs=None)
        docs = stage(work, editions)
        bare_config = mkdocs_config(work, editions, bare_docs=docs)
        data = yaml.safe_load(bare_config.read_text(encoding="utf-8"))
        data["nav"] = yaml.safe_load((work / "nav.yml").read_text(encoding="utf-8"))
        bare_config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        full, bare, memory = [], [], []
        for number in range(runs):
            seconds, peak = run(full_config, work / f"full{number}")
            full.append(seconds)
            memory.append(peak)
            bare.append(run(bare_config, work / f"bare{number}")[0])
        pages = len(list((work / "full0").rglob("index.html")))
    return {
        "pages": pages,
        "full": statistics.median(full),
        "bare": statistics.median(bare),
        # each full run against the bare run beside it: a drift of the machine's speed
        # between two pairs weighs on neither ratio
        "ratio": statistics.median(f / b for f, b in zip(full, bare, strict=True)),
        "memory": max(memory),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(
        "papers  pages  full CPU s  bare CPU s  ratio  full s/paper  bare s/paper  "
        "added s/paper  peak MB"
    )
    for size in args.sizes:
        result = measure(size, args.runs)
        full, bare = result["full"], result["bare"]
        print(
            f"{size:6d} {result['pages']:6d} {full:11.2f} {bare:11.2f} {result['ratio']:6.2f} "
            f"{full / size:13.3f} {bare / size:13.3f} {(full - bare) / size:14.3f} "
            f"{result['memory']:8.0f}"
        )
    print(
        f"(medians of {args.runs} alternated runs, the ratio that of each run's pair; "
        "added: what the toolkit adds, full - bare; goal: ratio <= 1.3, s/paper flat)"
    )


if __name__ == "__main__":
    main()
