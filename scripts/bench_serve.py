#!/usr/bin/env python3
"""What an edit costs under ``mkdocs serve``, against a full build of the same volume.

A volume of N editions (made as ``bench_volume.py`` makes it) is served with
``mkdocs serve --dirty``; once it is up, one edition's glossary definition is edited, and the
time until the server answers with the new text is measured, with the CPU time the server
spent on it (read from ``/proc``: its own and its children's, before and after). A full
``mkdocs build`` of the same volume, in a child process, is the yardstick. Goal: an edit costs
at most 0.1x a full build.

    python scripts/bench_serve.py [--editions 100] [--edits 3]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml
from bench_volume import make_volume, mkdocs_config, run
from cputime import tree_cpu


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _served(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def _wait(condition, timeout: float, server: subprocess.Popen) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit {server.returncode})")
        time.sleep(0.05)
    raise SystemExit(f"no answer in {timeout:.0f} s")


def _stop(server: subprocess.Popen) -> None:
    """Stop the server as an editor does (Ctrl-C); a Ctrl-C that lands in a build is taken
    for that build's, so it is sent again, and the server is ended if it still runs."""
    for _ in range(3):
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=120)
            return
        except subprocess.TimeoutExpired:
            continue
    server.kill()
    server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=100)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        editions = make_volume(work / "texts", args.editions)
        config = mkdocs_config(work, editions, bare_docs=None)
        full_cpu, _ = run(config, work / "full")
        start = time.perf_counter()
        run(config, work / "again")
        full_wall = time.perf_counter() - start
        edited = next(e for e in editions if (e / "glossary.yml").is_file())
        page = f"{edited.name}/glossary/"
        address = f"127.0.0.1:{_free_port()}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "--no-strict",
                "-f",
                str(config),
                "-a",
                address,
            ],
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://{address}/{page}"
            _wait(lambda: _served(url, "</html>"), 1800, server)
            glossary = edited / "glossary.yml"
            walls, cpus = [], []
            for number in range(args.edits):
                marker = f"edited {number}"
                before = tree_cpu(server.pid)
                data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
                data["terms"][0]["definition"]["en"] += f" ({marker})"
                glossary.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
                walls.append(_wait(lambda m=marker: _served(url, m), 1800, server))
                time.sleep(1)  # the server settles (a rebuild loop would show here)
                cpus.append(tree_cpu(server.pid) - before)
        finally:
            _stop(server)
    wall, cpu = sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2]
    print(f"volume of {args.editions} editions")
    print(f"full build: {full_cpu:.1f} s CPU (child), {full_wall:.1f} s wall")
    print(f"an edit under serve --dirty: {wall:.1f} s to the new text, {cpu:.1f} s CPU (median)")
    print(f"ratio: {cpu / full_cpu:.2f}x CPU, {wall / full_wall:.2f}x wall (goal <= 0.1x)")


if __name__ == "__main__":
    main()
