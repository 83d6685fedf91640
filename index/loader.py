"""Find and read the articles of a corpus folder.

Plain text and Markdown are read with ``Path.read_text("utf-8")`` (universal newlines) because that
is exactly how the citation invariant is checked: offsets must index the same string a reader of the
file gets. HTML, PDF and Word documents become a text layer (index/formats), stored with the index;
their citations index into it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from index.formats import DOCUMENT_SUFFIXES, TextLayer, Unreadable, extract

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping
    from pathlib import Path

    StoredLayer = Callable[[str, str], TextLayer | None]  # (source, sha256 of its bytes) -> layer indexed before

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
ARTICLE_SUFFIXES = (*TEXT_SUFFIXES, *DOCUMENT_SUFFIXES)
MAX_FILE_BYTES = 50_000_000
HEADER_KEYS = ("source", "published", "url", "authors", "author", "date")
HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z ]{0,30}):[ \t]*(?P<value>.*?)\s*$")
# A first line longer than this is a lead paragraph, not a headline.
MAX_TITLE_CHARS = 200
SHORT_TITLE_CHARS = 80  # about a headline's length
DANGLING = frozenset(
    "a an the and or but of in on at to for from by with as that which who than is are was were".split()
)


@dataclass(frozen=True)
class Article:
    """One readable article: its text, where its body starts, and its header metadata."""

    source: str  # POSIX path relative to the corpus folder
    title: str
    text: str
    body_start: int  # offset of the first body character (after title and header lines)
    sha256: str
    metadata: dict[str, str] = field(default_factory=dict)
    pages: tuple[int, ...] = ()  # PDF: where each page starts in `text`


@dataclass(frozen=True)
class SkippedFile:
    source: str
    reason: str


def published_of(metadata: Mapping[str, str]) -> str:
    """An article's publication date as its head gives it ("Published:", or "Date:"); "" when none."""
    return metadata.get("published") or metadata.get("date") or ""


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resolve_inside(root: Path, relative: str) -> Path | None:
    """The file `relative` names under `root`, or None if it would leave the folder."""
    root = root.resolve()
    candidate = (root / relative).resolve()
    if candidate == root or not candidate.is_relative_to(root):
        return None
    return candidate


def unsupported_files(corpus: Path, scope: Iterable[Path] | None = None) -> list[SkippedFile]:
    """Files under `corpus` (or the scope) that are not articles, hidden ones (".git", ".DS_Store") aside,
    so that a user who drops a .jpg or a .pdf in learns it was not indexed."""
    roots = [corpus] if scope is None else list(scope)
    skipped: dict[str, SkippedFile] = {}
    for root in roots:
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            relative = path.relative_to(corpus)
            if path.is_file() and path.suffix.lower() not in ARTICLE_SUFFIXES and not _hidden(relative):
                kind = path.suffix.lower() or "no extension"
                reason = f"unsupported file type ({kind}); articles are {', '.join(ARTICLE_SUFFIXES)}"
                skipped[relative.as_posix()] = SkippedFile(relative.as_posix(), reason)
    return list(skipped.values())


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def iter_article_paths(corpus: Path, scope: Iterable[Path] | None = None) -> Iterator[Path]:
    """Every .txt/.md path under `corpus` (or under the given scope paths), sorted, files or not."""
    roots = [corpus] if scope is None else list(scope)
    seen: set[Path] = set()
    for root in roots:
        candidates = [root] if root.suffix.lower() in ARTICLE_SUFFIXES else sorted(root.rglob("*"))
        for path in candidates:
            if path.suffix.lower() in ARTICLE_SUFFIXES and path not in seen:
                seen.add(path)
                yield path


def read_article(
    corpus: Path, path: Path, max_bytes: int = MAX_FILE_BYTES, stored_layer: StoredLayer | None = None
) -> Article | SkippedFile:
    """Read one file, or say plainly why it cannot be indexed. `stored_layer` gives the text layer
    indexed before for the same bytes, so an unchanged PDF is not extracted again on every run."""
    source = path.relative_to(corpus).as_posix()
    if not path.is_file():
        return SkippedFile(source, "not a regular file")
    if (size := path.stat().st_size) > max_bytes:
        return SkippedFile(source, f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    data = path.read_bytes()
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        known = stored_layer(source, file_sha256(data)) if stored_layer else None
        return read_document(source, path.suffix, data, known)
    if b"\x00" in data:
        return SkippedFile(source, "binary file (contains NUL bytes)")
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as err:
        return SkippedFile(source, f"not valid UTF-8 (byte {data[err.start]:#04x} at offset {err.start})")
    if not text.strip():
        return SkippedFile(source, "empty file")
    header = parse_header(text)
    return Article(source, header.title, text, header.body_start, file_sha256(data), header.metadata)


def read_document(source: str, suffix: str, data: bytes, known: TextLayer | None = None) -> Article | SkippedFile:
    """An HTML, PDF or Word file as an article whose text is its text layer."""
    try:
        layer = known or extract(suffix, data)
    except Unreadable as err:
        return SkippedFile(source, str(err))
    header = parse_header(layer.text)
    return Article(
        source, header.title, layer.text, header.body_start, file_sha256(data), header.metadata, tuple(layer.pages)
    )


@dataclass(frozen=True)
class Header:
    """The head of an article: its title, `Key: value` metadata, and where each stands in the text."""

    title: str
    title_span: tuple[int, int] | None  # None when the first line is the lead paragraph, not a headline
    body_start: int
    metadata: dict[str, str]
    spans: dict[str, tuple[int, int]]  # metadata key -> offsets of its value in the text


def parse_header(text: str) -> Header:
    """Title = first non-empty line; `Key: value` lines right after it become metadata (blank lines may
    stand between them: "# Title", a blank line, "Published: ..." in Markdown)."""
    lines = list(_lines_with_offsets(text))
    first = next(i for i, (line, _, _) in enumerate(lines) if line.strip())
    title_line, title_start, title_end = lines[first]
    title = title_line.strip().lstrip("#").strip()
    if len(title) > MAX_TITLE_CHARS:
        return Header(shorten_title(title), None, title_start, {}, {})
    title_offset = title_start + title_line.index(title)
    metadata: dict[str, str] = {}
    spans: dict[str, tuple[int, int]] = {}
    body_start = title_end
    for line, start, end in lines[first + 1 :]:
        match = HEADER_LINE.match(line)
        if not line.strip():
            continue
        if not match or match["key"].strip().lower() not in HEADER_KEYS:
            break
        key = match["key"].strip().lower()
        metadata[key] = match["value"]
        spans[key] = (start + match.start("value"), start + match.end("value"))
        body_start = end
    return Header(title, (title_offset, title_offset + len(title)), body_start, metadata, spans)


def shorten_title(lead: str) -> str:
    """A headline-sized title for an article whose first line is its lead paragraph: its first
    sentence, or the first clause of it, or its first words up to a word that can end a phrase."""
    first_sentence = re.split(r"(?<=[.!?])\s", lead, maxsplit=1)[0]
    if len(first_sentence) <= SHORT_TITLE_CHARS:
        return first_sentence
    clause = re.split(r"[,;:—–]\s|\s[-–—]\s", first_sentence, maxsplit=1)[0]
    if 0.4 * SHORT_TITLE_CHARS <= len(clause) <= SHORT_TITLE_CHARS:
        return clause + "…"
    words = first_sentence[: SHORT_TITLE_CHARS + 1].split()[:-1]
    while len(words) > 3 and words[-1].lower().strip(",;:") in DANGLING:
        words.pop()
    return " ".join(words).rstrip(",;:") + "…"


def _lines_with_offsets(text: str) -> Iterator[tuple[str, int, int]]:
    """(line without newline, start, end including the newline)."""
    start = 0
    for line in text.splitlines(keepends=True):
        yield line.rstrip("\n"), start, start + len(line)
        start += len(line)
