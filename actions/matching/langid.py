"""Language identification for es, en and K'iche' (quc), built from the project's own text.

No off-the-shelf identifier knows K'iche'. This is a multinomial naive Bayes over
character n-grams (1-4, inside word boundaries) and whole words of the normalised
text, trained on the NLU examples and the answers in every language. Glottal-stop
spellings and accents are normalised first, so ʼ ' ’ and missing accents match.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, Iterable, List, Mapping, Optional

from actions.content.once import once
from actions.content.text import normalize

_WORD = re.compile(r"[a-z\u00c0-\u024fʼ]+")
_LINK = re.compile(r"(https?://|www\.)\S+")
_NGRAM_SIZES = (1, 2, 3, 4)
_WORD_WEIGHT = 2  # a whole known word counts like two n-grams
_ALPHA = 0.1


def _words(text: str) -> List[str]:
    return _WORD.findall(_LINK.sub(" ", normalize(text)))


def _features_of(words: List[str]) -> Counter:
    feats: Counter = Counter()
    for word in words:
        padded = f" {word} "
        for size in _NGRAM_SIZES:
            for start in range(len(padded) - size + 1):
                gram = padded[start : start + size]
                if gram.strip():
                    feats[gram] += 1
        feats[f"w:{word}"] += _WORD_WEIGHT
    return feats


def features(text: str) -> Counter:
    return _features_of(_words(text))


@dataclass(frozen=True)
class Guess:
    language: str
    probability: float
    margin: float  # mean log-likelihood advantage per feature over the runner-up
    words: int


class LanguageIdentifier:
    def __init__(self, samples: Mapping[str, Iterable[str]]) -> None:
        self.languages = list(samples)
        self._log_prob: Dict[str, Dict[str, float]] = {}
        self._unseen: Dict[str, float] = {}
        counts: Dict[str, Counter[str]] = {lang: Counter() for lang in self.languages}
        for lang, texts in samples.items():
            for text in texts:
                counts[lang].update(features(text))
        vocabulary = set().union(*counts.values())
        size = len(vocabulary) + 1
        for lang, counter in counts.items():
            total = sum(counter.values()) + _ALPHA * size
            self._log_prob[lang] = {f: math.log((c + _ALPHA) / total) for f, c in counter.items()}
            self._unseen[lang] = math.log(_ALPHA / total)

    def _scores(self, feats: Counter) -> Dict[str, float]:
        return {
            lang: sum(n * self._log_prob[lang].get(f, self._unseen[lang]) for f, n in feats.items())
            for lang in self.languages
        }

    def guess(self, text: str) -> Optional[Guess]:
        words = _words(text)
        feats = _features_of(words)
        if not feats:
            return None
        scores = self._scores(feats)
        ranked = sorted(scores, key=lambda language: scores[language], reverse=True)
        best, second = ranked[0], ranked[1]
        top = scores[best]
        total = sum(math.exp(s - top) for s in scores.values())
        n_features = sum(feats.values())
        return Guess(
            language=best,
            probability=1.0 / total,
            margin=(top - scores[second]) / n_features,
            words=len(words),
        )


def training_samples() -> Dict[str, List[str]]:
    """The NLU examples of each language plus the answers in each language."""
    from actions.content.answers import content_store, iter_texts
    from actions.content.catalogs import catalog_store
    from actions.content.languages import language_config
    from actions.matching.training_examples import load_examples, texts_by_language

    samples = texts_by_language(load_examples())
    content = content_store().get()
    catalogs = catalog_store().get()
    source = language_config().source
    for context, text in iter_texts(content):
        samples[source].append(text)
        for lang, entries in catalogs.by_language.items():
            hit = entries.get((context, text))
            if hit:
                samples[lang].append(hit.text)
    return samples


@once
def identifier() -> LanguageIdentifier:
    """Built once per process, on first use (about a second)."""
    return LanguageIdentifier(training_samples())
