#!/usr/bin/env python3
"""The cost of ``edition check`` as the source grows: CPU time and peak memory, 1 to 50 MB.

The source is the English example edition's (``texts/zhang-2012``) repeated to the size asked
for, with its bibliography and glossary; each check runs in a child process (CPU time and peak
resident memory from ``os.wait4``), sizes alternated round by round. Growth should be linear:
the time per MB and the memory per MB should stay flat.

    python scripts/bench_check.py [--sizes 1 10 50] [--rounds 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "texts" / "zhang-2012"


def make_edition(folder: Path, megabytes: float) -> Path:
    """A copy of the example edition whose source is repeated to ``megabytes`` MB."""
    shutil.copytree(EXAMPLE, folder)
    source = (EXAMPLE / "source.txt").read_text(encoding="utf-8")
    size = len(source.encode("utf-8"))
    copies = max(1, round(megabytes * 1_000_000 / size))
    (folder / "source.txt").write_text(source * copies, encoding="utf-8")
    return folder


def check(folder: Path) -> tuple[float, float]:
    """CPU seconds and peak resident memory (MB) of ``edition check`` in a child process."""
    process = subprocess.Popen(
        [sys.executable, "-m", "edition.cli", "check", "-q", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"edition check found errors in {folder}: it must check a sound edition")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50])
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = {
            size: make_edition(Path(tmp) / f"{size:g}MB" / EXAMPLE.name, size)
            for size in args.sizes
        }
        results: dict[float, list[tuple[float, float]]] = {size: [] for size in args.sizes}
        for _ in range(args.rounds):
            for size in args.sizes:
                results[size].append(check(folders[size]))
        print("source MB  CPU s  s/MB   peak MB  MB/MB")
        for size in args.sizes:
            cpu = min(r[0] for r in results[size])
            memory = min(r[1] for r in results[size])
            print(f"{size:9g} {cpu:6.1f} {cpu / size:5.2f} {memory:9.0f} {memory / size:6.1f}")


if __name__ == "__main__":
    main()
