"""How well unanswered questions are grouped: `python -m tests.bench.unanswered_measure`.

On tests/bench/unanswered_questions.yml (needs Senda cannot answer, each typed many ways in
es/en/quc, plus one-off messages), prints for each cut-off of the clustering the
B-cubed precision (how much of a question's group shares its need), recall (how much
of its need's questions are in its group) and F1, for what Senda embeds (content
words) and, to compare, whole sentences; then the mean cosine similarity of two
questions about the same need and about different needs, by language pair.
Figures, never assertions; bot/analytics/unanswered/grouping.py records the choice.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np

from actions.content.yaml_files import read_yaml

QUESTIONS_FILE = Path(__file__).with_name("unanswered_questions.yml")
CUTS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)


def read_questions(path: Path = QUESTIONS_FILE) -> Tuple[List[str], List[str]]:
    """Questions and the need each is about (a one-off message is its own need)."""
    data = read_yaml(path)
    texts: List[str] = []
    needs: List[str] = []
    for need, questions in (data.get("groups") or {}).items():
        texts.extend(questions)
        needs.extend([need] * len(questions))
    for index, text in enumerate(data.get("alone") or []):
        texts.append(text)
        needs.append(f"alone-{index}")
    return texts, needs


def bcubed(groups: Sequence[Sequence[int]], needs: Sequence[str]) -> Tuple[float, float, float]:
    group_of = {member: tuple(group) for group in groups for member in group}
    precision = recall = 0.0
    for index, need in enumerate(needs):
        group = group_of[index]
        same = sum(1 for other in group if needs[other] == need)
        precision += same / len(group)
        recall += same / sum(1 for other in needs if other == need)
    precision, recall = precision / len(needs), recall / len(needs)
    return precision, recall, 2 * precision * recall / (precision + recall)


def similarity_by_language(vectors: Any, needs: Sequence[str], languages: Sequence[str]) -> Dict[str, float]:
    sums: Dict[str, List[float]] = defaultdict(list)
    scores = vectors @ vectors.T
    for i in range(len(needs)):
        for j in range(i + 1, len(needs)):
            pair = "-".join(sorted((languages[i], languages[j])))
            kind = "same need" if needs[i] == needs[j] else "different"
            sums[f"{pair:7s} {kind}"].append(float(scores[i, j]))
    return {key: float(np.mean(values)) for key, values in sorted(sums.items())}


def measure() -> Dict[str, Any]:
    from actions.content.text import normalize
    from actions.matching.embeddings import embed
    from actions.matching.langid import identifier
    from bot.analytics.scrubber import MARK, scrub
    from bot.analytics.unanswered.grouping import DISTANCE_THRESHOLD, cluster, embed_questions

    texts, needs = read_questions()
    scrubbed = [scrub(text) for text in texts]
    ident = identifier()
    languages = [(ident.guess(text).language if ident.guess(text) else "und") for text in texts]
    ways = {
        "content words (shipped)": embed_questions(scrubbed),
        "whole sentence": embed([normalize(t.replace(MARK, " ")) for t in scrubbed]),
    }
    return {
        "questions": len(texts),
        "needs": len(set(needs)),
        "threshold": DISTANCE_THRESHOLD,
        "cuts": {
            way: {cut: bcubed(cluster(vectors, cut), needs) for cut in CUTS} for way, vectors in ways.items()
        },
        "similarity": {
            way: similarity_by_language(vectors, needs, languages) for way, vectors in ways.items()
        },
    }


def main() -> int:
    figures = measure()
    print(
        f"{figures['questions']} questions, {figures['needs']} needs (shipped cut-off {figures['threshold']})"
    )
    for way, cuts in figures["cuts"].items():
        print(f"\n{way}: cut-off  precision  recall  F1")
        for cut, (precision, recall, f1) in cuts.items():
            print(f"  {cut:.2f}       {precision:.2f}       {recall:.2f}    {f1:.2f}")
    for way, means in figures["similarity"].items():
        print(f"\n{way}: mean cosine similarity")
        for key, value in means.items():
            print(f"  {key}  {value:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
