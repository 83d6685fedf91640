"""PDF files: the text layer of each page, by pypdf, without running headers and footers."""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import TYPE_CHECKING

from index.formats.layer import TextLayer, Unreadable, clean, with_head

if TYPE_CHECKING:
    from collections.abc import Mapping

DIGITS = re.compile(r"\d+")
REPEATED_SHARE = 0.6  # a top or bottom line on this share of the pages is a running header or footer
EDGE_LINES = 2  # how many lines at each end of a page may be header or footer
WRAPPED_SHARE = 0.7  # a line this close to the page's widest was wrapped, unless it ends a sentence
ENDS_SENTENCE = (".", "!", "?", ":", '"', "\u201d", "\u2019", ")")


def extract_pdf(data: bytes) -> TextLayer:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("encrypted PDF (it needs a password)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info: Mapping[str, object] = reader.metadata or {}
    except Unreadable:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise Unreadable(f"corrupt PDF ({clean(err)[:120]})") from None
    pages = [_unwrapped(p) for p in _without_running_lines([_tidy(p) for p in pages])]
    if not any(p.strip() for p in pages):
        raise Unreadable("PDF without a text layer (a scanned document?); nothing to index")
    title = clean(info.get("/Title", ""))
    metadata = {"published": _pdf_date(info.get("/CreationDate")), "author": clean(info.get("/Author", ""))}
    body, starts = _joined(pages)
    text, shift = with_head(title, metadata, body)
    return TextLayer(text, [0] + [start + shift for start in starts[1:]])  # the head is on page 1


def _tidy(page: str) -> str:
    return "\n".join(line.rstrip() for line in page.replace("\r\n", "\n").split("\n")).strip("\n")


def _without_running_lines(pages: list[str]) -> list[str]:
    """Drop lines that open or close most pages ("The Daily News — page 3"): digits aside, the same."""
    if len(pages) < 2:
        return pages
    edges = Counter(key for page in pages for key in {_key(line) for line in _edges(page.split("\n")) if line.strip()})
    running = {key for key, count in edges.items() if count >= REPEATED_SHARE * len(pages)}
    kept = []
    for page in pages:
        lines = page.split("\n")
        top = [i for i in range(min(EDGE_LINES, len(lines))) if _key(lines[i]) in running]
        bottom = [i for i in range(max(0, len(lines) - EDGE_LINES), len(lines)) if _key(lines[i]) in running]
        drop = set(top) | set(bottom)
        kept.append("\n".join(line for i, line in enumerate(lines) if i not in drop).strip("\n"))
    return kept


def _unwrapped(page: str) -> str:
    """Lines wrapped to the page's width joined back into paragraphs: a line that fills the width and
    does not end a sentence goes on in the next one ("nego-" + "tiations" -> "negotiations")."""
    lines = page.split("\n")
    width = max((len(line) for line in lines), default=0)
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        if previous and line and len(previous) >= WRAPPED_SHARE * width and not previous.endswith(ENDS_SENTENCE):
            if previous.endswith("-") and previous[-2:-1].isalpha() and line[:1].islower():
                out[-1] = previous[:-1] + line
            else:
                out[-1] = f"{previous} {line.lstrip()}"
            continue
        out.append(line)
    return "\n".join(out)


def _edges(lines: list[str]) -> list[str]:
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def _key(line: str) -> str:
    return DIGITS.sub("#", " ".join(line.split()).lower())


def _joined(pages: list[str]) -> tuple[str, list[int]]:
    """The pages one after another, and where each starts: a blank line between them, or a space
    where a sentence goes on from one page to the next."""
    text, starts = "", []
    for page in pages:
        if text and page:
            text += "\n\n" if text.endswith(ENDS_SENTENCE) or not page[:1].islower() else " "
        starts.append(len(text))
        text += page
    return text, starts


def _pdf_date(value: object) -> str:
    """D:20250110083000Z -> 2025-01-10."""
    match = re.match(r"D:(\d{4})(\d{2})?(\d{2})?", str(value or ""))
    if not match:
        return ""
    year, month, day = match.group(1), match.group(2), match.group(3)
    return "-".join(p for p in (year, month, day) if p)
