"""Wall time of the full three-version site build, against a bare Material build.

The bare build uses the very Markdown the edition plugin generates (staged by a first full
build), the same theme, search and i18n settings, but no edition plugin: the ratio is what
cleaning, citing, linking, converting and checking add. Target: at most 1.5x.

    python scripts/bench_site.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _build(config: Path, site: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        cwd=config.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        full = [_build(ROOT / "mkdocs.yml", work / "full") for _ in range(args.runs)]
        # The generated Markdown, as the last full build staged it, becomes a plain docs dir.
        docs = work / "docs"
        shutil.copytree(ROOT / ".cache" / "edition" / "docs", docs)
        config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
        config["plugins"] = [
            p for p in config["plugins"] if not (isinstance(p, dict) and "edition" in p)
        ]
        config["docs_dir"] = str(docs)
        config["theme"]["custom_dir"] = str(ROOT / "docs" / "overrides")
        config["nav"] = [
            f"{name}.md"
            for name in (
                "index",
                "text",
                "guide",
                "references",
                "unidentified",
                "glossary",
                "about",
            )
        ]
        bare_config = work / "mkdocs.yml"
        bare_config.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        bare = [_build(bare_config, work / "bare") for _ in range(args.runs)]
        pages = len(list((work / "full").rglob("index.html")))
    full_s, bare_s = statistics.median(full), statistics.median(bare)
    print(f"pages built: {pages} (three language versions)")
    print(f"full build (edition plugin): median {full_s:.2f} s of {args.runs} runs")
    print(f"bare Material build, same Markdown: median {bare_s:.2f} s of {args.runs} runs")
    print(f"ratio: {full_s / bare_s:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
