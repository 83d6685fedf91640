"""What has been indexed: content hash and chunk ids per file, plus the settings that shaped them.

Written atomically (temp file + rename) after every committed step, so a killed run leaves either
the old or the new manifest, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, Field

MANIFEST_NAME = "manifest.json"


class FileEntry(BaseModel):
    sha256: str
    title: str
    chunk_ids: list[str]
    metadata: dict[str, str] = Field(default_factory=dict)


class Manifest(BaseModel):
    format: int = 1
    config: dict[str, str | int | bool] = Field(default_factory=dict)
    corpus: str = ""
    files: dict[str, FileEntry] = Field(default_factory=dict)

    def chunk_count(self) -> int:
        return sum(len(entry.chunk_ids) for entry in self.files.values())


def manifest_path(data_dir: Path) -> Path:
    return data_dir / MANIFEST_NAME


def load_manifest(data_dir: Path) -> Manifest:
    path = manifest_path(data_dir)
    if not path.exists():
        return Manifest()
    return Manifest.model_validate_json(path.read_text("utf-8"))


def save_manifest(data_dir: Path, manifest: Manifest) -> None:
    write_atomically(manifest_path(data_dir), manifest.model_dump_json(indent=1))


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
