"""CPU time of a process tree, for the benchmarks: a process, the children it has waited for,
and its live descendants (the CSL processor, one pandoc process, lives as long as the
Python process that started it, so ``RUSAGE_CHILDREN`` does not count it until the end)."""

from __future__ import annotations

import os
from pathlib import Path

CLOCK = os.sysconf("SC_CLK_TCK")


def tree_cpu(pid: int | None = None) -> float:
    """CPU seconds (user + system) of process ``pid`` (default: this one), of its waited-for
    children and of its live descendants, read from ``/proc`` (clock ticks: 10 ms)."""
    pid = os.getpid() if pid is None else pid
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        stats[int(stat.parent.name)] = (int(fields[1]), sum(int(v) for v in fields[11:15]))
    family, grown = {pid}, True
    while grown:
        joined = {p for p, (parent, _) in stats.items() if parent in family} - family
        family |= joined
        grown = bool(joined)
    return sum(stats[p][1] for p in family if p in stats) / CLOCK
