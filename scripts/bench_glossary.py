"""Glossary matching against the number of terms: building the matchers and matching a text.

Usage: python scripts/bench_glossary.py [--sizes 1000 2000 4000 8000] [--repeat 3]

Each glossary holds the edition's own terms and N made-up ones (an English form of two or
three words and a Chinese form of three to five characters, from a fixed seed), so the text's
real terms compete with many others. The text is the edition's Traditional Chinese and English
definitions, repeated to about 1 MB. For each size it prints the CPU seconds to build the
matchers (first call) and to match the text in English and Chinese once built; matching must
not grow with the number of terms (one trie-shaped regex, one segmenter), building at most in
proportion to it. The ratio column divides each size's time by the previous size's; the
first build also loads jieba's dictionary.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.glossary import Glossary, find_terms, load_glossary  # noqa: E402

EDITION = ROOT / "texts" / "yang-wang-2024"
WORDS = "civic network trust ledger market street archive signal commons relay".split()
HAN = "網絡信任集市街坊檔案訊號公地接力鄰里平台社群資源組織行動空間流動"


def glossary_of(size: int, folder: Path, seed: int = 15) -> Glossary:
    """The edition's glossary with ``size`` made-up terms added."""
    data = yaml.safe_load((EDITION / "glossary.yml").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    seen: set[str] = set()
    for number in range(size):
        while True:
            english = " ".join(rng.choices(WORDS, k=rng.randint(2, 3))) + f" {number}"
            chinese = "".join(rng.choices(HAN, k=rng.randint(3, 5)))
            if chinese not in seen:
                seen.add(chinese)
                break
        data["terms"].append(
            {
                "id": f"made-up-{number}",
                "en": english,
                "zh-Hant": chinese,
                "definition": {"en": "Made up.", "zh-Hant": "虛構。"},
            }
        )
    path = folder / f"glossary-{size}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_glossary(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import tempfile

    base = load_glossary(EDITION / "glossary.yml")
    paragraphs = [t.definition_zh_hant for t in base.terms] + [t.definition_en for t in base.terms]
    text = "\n\n".join(paragraphs)
    text = "\n\n".join([text] * max(1, 1_000_000 // len(text.encode("utf-8"))))
    print(f"text: {len(text.encode('utf-8')) / 1e6:.1f} MB; CPU seconds")
    print(f"{'terms':>6} {'build':>7} {'ratio':>6} {'match':>7} {'ratio':>6} {'links':>7}")
    previous: tuple[float, float] | None = None
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            glossary = glossary_of(size, Path(folder))
            start = time.process_time()
            find_terms("社會 social", glossary, "en")
            find_terms("社會 social", glossary, "zh-Hant")
            build = time.process_time() - start
            match = float("inf")
            for _ in range(args.repeat):
                start = time.process_time()
                links = len(find_terms(text, glossary, "en"))
                links += len(find_terms(text, glossary, "zh-Hant"))
                match = min(match, time.process_time() - start)
            ratios = (build / previous[0], match / previous[1]) if previous else (1.0, 1.0)
            print(
                f"{len(glossary.terms):>6} {build:7.2f} {ratios[0]:6.2f} "
                f"{match:7.2f} {ratios[1]:6.2f} {links:>7}"
            )
            previous = (build, match)
    return 0


if __name__ == "__main__":
    sys.exit(main())
