"""TEI P5 export time and content: every edition under ``texts/``, and the first edition with
a 100 times longer source.

Usage: python scripts/bench_tei.py [--times 100] [--rounds 3]

The long edition is a copy of ``texts/yang-wang-2024`` whose source is the original repeated
``--times`` times (its bibliography, glossary and editorial texts unchanged). Each run is a
child process that annotates the edition and then times ``to_tei`` alone (CPU seconds of that
process); the editions' runs alternate, and the best of ``--rounds`` is kept. The export must
grow with the source no faster than in proportion: the ratio of the long edition's time to
the first edition's is printed beside ``--times``. For each edition it also prints what the
file holds: pages, citations and how many point at an entry of the file's own bibliography,
glossary terms, OCR noise blocks and their ``unclear`` spans.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "texts" / "yang-wang-2024"
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def measure(folder: str) -> dict[str, float | int]:
    """Annotate the edition in ``folder``, export it, and count what the file holds."""
    from lxml import etree

    from edition.annotation import annotate
    from edition.tei import to_tei

    start = time.process_time()
    annotated = annotate(folder)
    annotating = time.process_time() - start
    start = time.process_time()
    data = to_tei(annotated)
    exporting = time.process_time() - start
    root = etree.fromstring(data)
    ids = {node.get(XML_ID) for node in root.iter() if node.get(XML_ID)}
    text = [*root.iter(f"{TEI}front"), *root.iter(f"{TEI}body")]

    def inside(tag: str) -> list:
        return [node for part in text for node in part.iter(f"{TEI}{tag}")]

    citations = [r for r in inside("ref") if r.get("type") == "bibr"]
    noise = [a for a in inside("ab") if a.get("type") == "ocr-noise"]
    return {
        "lines": annotated.document.line_count,
        "bytes": len(data),
        "annotate": annotating,
        "export": exporting,
        "pages": len(inside("pb")),
        "citations": len(citations),
        "resolving": sum(
            bool(r.get("target")) and all(t[1:] in ids for t in r.get("target").split())
            for r in citations
        ),
        "terms": sum(t.get("ref", "")[1:] in ids for t in inside("term")),
        "noise blocks": len(noise),
        "noise spans": sum(len(a.findall(f"{TEI}unclear")) for a in noise),
    }


def _child(folder: Path) -> dict[str, float | int]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(1, sys.argv[2]);"
        "from bench_tei import measure; print(json.dumps(measure(sys.argv[3])))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(ROOT / "scripts"), str(folder)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.splitlines()[-1])


def _longer(folder: Path, times: int) -> Path:
    """A copy of the first edition whose source is its source ``times`` times over."""
    copy = folder / EDITION.name  # an edition's id is its folder's name
    shutil.copytree(EDITION, copy)
    source = copy / "source.ocr.txt"
    text = source.read_text(encoding="utf-8")
    source.write_text(text * times, encoding="utf-8")
    return copy


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    long = f"{EDITION.name} x{args.times}"
    with tempfile.TemporaryDirectory() as folder:
        editions = {p.parent.name: p.parent for p in sorted(ROOT.glob("texts/*/edition.yml"))}
        editions[long] = _longer(Path(folder), args.times)
        best: dict[str, dict[str, float | int]] = {}
        for _ in range(args.rounds):
            for name, path in editions.items():
                result = _child(path)
                if name not in best or result["export"] < best[name]["export"]:
                    best[name] = result
    print(f"best of {args.rounds} alternating runs; CPU seconds of each child process")
    header = ["edition", "lines", "MB", "annotate", "export", "pages", "citations", "resolving"]
    header += ["terms", "noise blocks", "noise spans"]
    print(" | ".join(header))
    for name, result in best.items():
        cells = [name, f"{result['lines']:,}", f"{result['bytes'] / 1e6:.2f}"]
        cells += [f"{result['annotate']:.2f}", f"{result['export']:.3f}"]
        cells += [f"{result[key]:,}" for key in header[5:]]
        print(" | ".join(cells))
    ratio = best[long]["export"] / best[EDITION.name]["export"]
    print(
        f"export of a {args.times}x longer source: {ratio:.1f}x the time (target: <= {args.times}x)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
