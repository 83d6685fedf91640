"""Word documents: paragraphs and headings in order, by python-docx, after a zip-bomb check."""

from __future__ import annotations

import io
import zipfile

from index.formats.layer import TextLayer, Unreadable, clean, with_head

MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a news article's .docx unzips to a few MB
MAX_RATIO = 100  # text compresses ~5-10x; hundreds of times is a zip bomb


def extract_docx(data: bytes) -> TextLayer:
    _check_archive(data)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
        raise Unreadable(f"corrupt Word document ({clean(err)[:120]})") from None
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    if not paragraphs:
        raise Unreadable("Word document without text")
    properties = document.core_properties
    created = properties.created.date().isoformat() if properties.created else ""
    metadata = {"published": created, "author": clean(properties.author)}
    text, _ = with_head(clean(properties.title), metadata, "\n".join(paragraphs))
    return TextLayer(text)


def _check_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise Unreadable("not a Word document (.docx is a zip archive; this is not one)") from None
    unzipped = sum(member.file_size for member in archive.infolist())
    if unzipped > MAX_UNZIPPED_BYTES or unzipped > MAX_RATIO * max(len(data), 1):
        raise Unreadable(f"refused: it would unzip to {unzipped:,} bytes from {len(data):,} (a zip bomb?)")
