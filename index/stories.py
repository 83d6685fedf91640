"""Articles that tell the same story (one wire story in five outlets, a re-published copy), grouped
at index time so that answers quote one and count the others, and retrieval does not fill its top-k
with copies.

MinHash over word 5-shingles of each article's body estimates the Jaccard similarity of any two
articles from 64 numbers each (kept in the manifest, so grouping stays incremental: only changed
articles are hashed again). Articles at or above SAME_STORY whose headlines share a word are linked;
a story is its first article and the articles linked to it directly (no chains: A like B like C does
not make A and C one story); it is named by its first source. A body that recurs on three or more
pages of one site is that site's template (what a scraper kept of a page it could not read) and is
grouped with nothing.
"""

from __future__ import annotations

import re
import zlib
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Mapping

STORY_RULE = 3  # raise when the grouping changes: the next `rag index` groups every article again
PERMUTATIONS = 64
SHINGLE_WORDS = 5
SAME_STORY = 0.5  # estimated Jaccard similarity of their 5-word shingles
PRIME = np.uint64(4_294_967_311)  # just above 2**32: (a*x + b) mod PRIME stays within uint64
WORD = re.compile(r"\w+")
TEMPLATE_SIMILARITY = 0.9
TEMPLATE_COPIES = 2  # a body near-identical to this many others of its site is the site's template
MIN_HEADLINE_WORD = 4  # shorter words ("the", "and", "for") say nothing about the story
_RNG = np.random.default_rng(20261126)  # fixed: signatures must agree between runs and processes
A = _RNG.integers(1, 2**31, PERMUTATIONS, dtype=np.uint64)
B = _RNG.integers(0, 2**31, PERMUTATIONS, dtype=np.uint64)


def signature(text: str) -> str:
    """The MinHash of a text's 5-word shingles, as hex ("" for a text too short to have one)."""
    tokens = WORD.findall(text.lower())
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    if not shingles:
        return ""
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64, count=len(shingles))
    permuted = (hashes[:, None] * A[None, :] + B[None, :]) % PRIME
    return permuted.min(axis=0).astype(">u8").tobytes().hex()


def stories(
    signatures: Mapping[str, str],
    titles: Mapping[str, str],
    sites: Mapping[str, str] | None = None,
    threshold: float = SAME_STORY,
) -> dict[str, str]:
    """Each source's story: the first source of the group of near-duplicates it belongs to. Two
    articles are linked when their bodies are near-duplicates and their headlines share a word: scraped
    pages whose "body" is the site's boilerplate (a cookie notice, an ad survey) are alike, but are
    not one story."""
    sources = sorted(s for s, sig in signatures.items() if sig)
    story = {s: s for s in signatures}
    if len(sources) > 1:
        matrix = np.stack([np.frombuffer(bytes.fromhex(signatures[s]), dtype=">u8") for s in sources])
        headline = {s: headline_words(titles.get(s, "")) for s in sources}
        joined = _templates(sources, matrix, sites or {})  # never grouped
        for i, center in enumerate(sources):  # each story is its first article and what is like *it*
            if joined[i]:
                continue
            similar = (matrix[i + 1 :] == matrix[i]).mean(axis=1) >= threshold
            for j in np.nonzero(similar & ~joined[i + 1 :])[0]:
                other = sources[i + 1 + int(j)]
                if headline[center] & headline[other]:
                    story[other] = center
                    joined[i + 1 + int(j)] = True
    return story


def _templates(sources: list[str], matrix: np.ndarray, sites: Mapping[str, str]) -> np.ndarray:
    """Articles whose body is the same as two or more others of the same site: a scraped page whose
    text is the site's template (a newsletter form, an ad survey), not an article."""
    site = np.array([sites.get(s, "") for s in sources])
    template = np.zeros(len(sources), dtype=bool)
    for i in range(len(sources)):
        if not site[i]:
            continue
        same = ((matrix == matrix[i]).mean(axis=1) >= TEMPLATE_SIMILARITY) & (site == site[i])
        template[i] = same.sum() - 1 >= TEMPLATE_COPIES
    return template


def headline_words(title: str) -> set[str]:
    """The telling words of a headline, without its site name ("... | The Week UK", "... - CNN")."""
    headline = re.split(r"\s[|\u2013\u2014-]\s(?=[^|\u2013\u2014-]*$)", title)[0]
    return {w for w in WORD.findall(headline.lower()) if len(w) >= MIN_HEADLINE_WORD and not w.isdigit()}
