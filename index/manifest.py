"""What one published version of the index holds: per file its content hash, title, metadata and chunk
ids, plus the settings that shaped them. Kept in the store (see catalog.py), so every process that
reads the store agrees on it.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

FORMAT = 2  # a manifest of another format is not reused: the next `rag index` rebuilds everything


class FileEntry(BaseModel):
    sha256: str  # of the file's bytes; also the key of its text in the catalog
    title: str
    chunk_ids: list[str]
    metadata: dict[str, str] = Field(default_factory=dict)
    pages: list[int] = Field(default_factory=list)  # PDF: where each page starts in the text layer
    signature: str = ""  # MinHash of its body (stories.py); "" when too short or not computed yet
    story: str = ""  # the first source of its group of near-duplicates (itself when it has none)

    def pages_of(self, start: int, end: int) -> list[int]:
        """The page numbers (from 1) a span of the text layer stands on; [] for files without pages."""
        return [n + 1 for n, first in enumerate(self.pages) if first < end and self._page_end(n) > start]

    def _page_end(self, n: int) -> int:
        return self.pages[n + 1] if n + 1 < len(self.pages) else 1 << 62


class Manifest(BaseModel):
    format: int = FORMAT
    version: int = 0  # 0: nothing published yet; each `rag index` that changes something adds 1
    config: dict[str, str | int | bool] = Field(default_factory=dict)
    corpus: str = ""
    files: dict[str, FileEntry] = Field(default_factory=dict)
    skipped: dict[str, str] = Field(default_factory=dict)  # files in the folder that are not indexed, and why
    story_rule: int = 0  # the rule the stories were grouped by (stories.STORY_RULE); 0: never grouped

    def chunk_count(self) -> int:
        return sum(len(entry.chunk_ids) for entry in self.files.values())

    def chunk_ids(self) -> list[str]:
        """Every chunk id, files in name order (the order BM25 numbers them)."""
        return [cid for source in sorted(self.files) for cid in self.files[source].chunk_ids]
