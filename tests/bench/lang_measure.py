"""Measure language identification on real K'iche' sentences (../shared/data/kiche).

`make lang-eval` prints the figures; tests/actions/matching/test_langid.py asserts the targets:
at least 95% of K'iche' sentences identified as quc, at most 2% of their
Spanish translations identified as quc.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from typing import Dict, List, Tuple

from bot.settings import PROJECT_ROOT

KICHE_FILE = PROJECT_ROOT.parent / "shared" / "data" / "kiche" / "quc_spa_sentences.tsv"


def read_pairs(path: Path = KICHE_FILE) -> List[Tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [((row.get("quc") or "").strip(), (row.get("spa") or "").strip()) for row in reader]


def measure(path: Path = KICHE_FILE) -> Dict[str, object]:
    from actions.matching.langid import identifier

    ident = identifier()
    pairs = read_pairs(path)

    def languages(texts: List[str]) -> Counter:
        guesses = (ident.guess(text) for text in texts if text)
        return Counter(guess.language for guess in guesses if guess)

    quc_guesses = languages([q for q, _ in pairs])
    spa_guesses = languages([s for _, s in pairs])
    quc_total = sum(quc_guesses.values())
    spa_total = sum(spa_guesses.values())
    return {
        "kiche_sentences": quc_total,
        "kiche_as_quc": quc_guesses["quc"] / quc_total,
        "kiche_guesses": dict(quc_guesses),
        "spanish_sentences": spa_total,
        "spanish_as_quc": spa_guesses["quc"] / spa_total,
        "spanish_guesses": dict(spa_guesses),
    }


def main() -> int:
    if not KICHE_FILE.exists():
        print(f"{KICHE_FILE} not found: nothing to measure", file=sys.stderr)
        return 1
    result = measure()
    print(
        f"K'iche' sentences identified as quc: {result['kiche_as_quc']:.1%} "
        f"of {result['kiche_sentences']} {result['kiche_guesses']}"
    )
    print(
        f"Spanish translations identified as quc: {result['spanish_as_quc']:.1%} "
        f"of {result['spanish_sentences']} {result['spanish_guesses']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
