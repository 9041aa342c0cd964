"""Full-text search over every question and answer of one language.

Words are compared by their terms:

- Latin-script words case-insensitively by their English stem (the Snowball "english" stemmer of
  the ``snowballstemmer`` package): *dying*, *dies* and *die* are one term, as are *saturate*,
  *saturated* and *saturation*. Greek letters and numbers are words too (γ, 0.25);
- Chinese by its characters: a run of Chinese text is indexed as its single characters and its
  pairs of neighbouring characters. A query of one character looks the character up; a longer
  one looks up its pairs, so 饱和 finds 饱和 and 不饱和 but not every 和 ("and"). Most Chinese
  words are two characters, so this finds words without a segmenting dictionary.

Documents are ranked by how many of the query's terms they hold, then by how many of them
their question's heading holds (a question *about* the term comes before one that mentions
it), then by BM25 of the heading alone (the shorter the heading that holds them, the more it is
about them), then by BM25 of the whole (the heading's words counting ``HEADING_WEIGHT`` times).
Nothing here imports Streamlit.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import snowballstemmer

HEADING_WEIGHT = 3
K1, B = 1.2, 0.75  # BM25's usual constants
CJK = "\u3400-\u9fff"
_RUNS = re.compile(rf"[{CJK}]+|[^\W_{CJK}]+")
_STEMMER = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Doc:
    topic: str
    id: str
    kind: str  # "q" or "quiz"
    heading: str
    text: str  # the answer as plain text (ui/search/snippet.py)


def _is_cjk(run: str) -> bool:
    return "\u3400" <= run[0] <= "\u9fff"


def _latin(run: str) -> str:
    return _STEMMER.stemWord(run) if run.isascii() and run.isalpha() else run


def doc_terms(text: str) -> list[str]:
    """Every term of a document's text: stems, Chinese characters and character pairs."""
    terms: list[str] = []
    for run in _RUNS.findall(text.casefold()):
        if _is_cjk(run):
            terms += list(run)
            terms += [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            terms.append(_latin(run))
    return terms


def query_terms(query: str) -> list[str]:
    """The distinct terms of a query, in order: a Chinese run of one character is that
    character, a longer one its neighbouring pairs."""
    terms: list[str] = []
    for run in _RUNS.findall(query.casefold()):
        if _is_cjk(run):
            terms += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            terms.append(_latin(run))
    return list(dict.fromkeys(terms))


@dataclass(frozen=True)
class Hit:
    doc: Doc
    matched: tuple[str, ...]  # the query's terms it holds
    in_heading: int  # how many of them its heading holds
    heading_score: float  # BM25 of its heading alone
    score: float  # BM25 of the whole (the heading's words counting HEADING_WEIGHT times)


class Index:
    """BM25 over a fixed set of documents."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        self.docs = tuple(docs)
        self.counts: list[Counter] = []
        self.headings: list[frozenset[str]] = []
        self.heading_lengths: list[int] = []
        for doc in self.docs:
            counts = Counter(doc_terms(doc.text))
            heading = doc_terms(doc.heading)
            for term in heading:
                counts[term] += HEADING_WEIGHT
            self.counts.append(counts)
            self.headings.append(frozenset(heading))
            self.heading_lengths.append(len(heading))
        self.lengths = [sum(c.values()) for c in self.counts]
        self.mean_length = sum(self.lengths) / max(1, len(self.lengths))
        self.mean_heading = sum(self.heading_lengths) / max(1, len(self.heading_lengths))
        self.frequency = Counter(term for counts in self.counts for term in counts)

    def _idf(self, term: str) -> float:
        n, found = len(self.docs), self.frequency.get(term, 0)
        return math.log(1 + (n - found + 0.5) / (found + 0.5))

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """The documents matching ``query``, best first: those holding at least half of its
        terms (all of them for a query of one or two terms)."""
        terms = query_terms(query)
        if not terms:
            return []
        needed = len(terms) if len(terms) <= 2 else math.ceil(len(terms) / 2)
        hits: list[Hit] = []
        rows = zip(
            self.docs, self.counts, self.headings, self.lengths, self.heading_lengths, strict=True
        )
        for doc, counts, heading, length, heading_length in rows:
            matched = tuple(term for term in terms if counts.get(term))
            if len(matched) < needed:
                continue
            norm = K1 * (1 - B + B * length / self.mean_length)
            score = sum(
                self._idf(term) * counts[term] * (K1 + 1) / (counts[term] + norm)
                for term in matched
            )
            titled = heading.intersection(matched)
            # a short heading that holds the terms says the question is about them
            norm = 1 + K1 * (1 - B + B * heading_length / self.mean_heading)
            titled_score = sum(self._idf(term) * (K1 + 1) / norm for term in titled)
            hits.append(Hit(doc, matched, len(titled), titled_score, score))
        hits.sort(key=lambda h: (-len(h.matched), -h.in_heading, -h.heading_score, -h.score))
        return hits[:limit] if limit is not None else hits


def term_spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Where in ``text`` the words or characters of ``terms`` occur, as (start, end), in order
    and without overlaps."""
    wanted = set(terms)
    spans: list[tuple[int, int]] = []
    for match in _RUNS.finditer(text):
        run = match.group().casefold()
        if not _is_cjk(run):
            if _latin(run) in wanted:
                spans.append(match.span())
            continue
        for term in wanted:
            if not _is_cjk(term):
                continue
            start = run.find(term)
            while start != -1:
                spans.append((match.start() + start, match.start() + start + len(term)))
                start = run.find(term, start + 1)
    merged: list[tuple[int, int]] = []  # overlapping or touching spans as one
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
