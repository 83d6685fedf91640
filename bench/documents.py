"""Articles written as HTML pages (with navigation, ads and comments around them), PDF and DOCX, for
the tests and the format benchmark. The PDF writer is a small stdlib one (Helvetica, WinAnsi text,
one text object per page), so nothing but python-docx is needed to make every format here."""

from __future__ import annotations

import html
import io
import textwrap
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

LINE_CHARS = 90
LINES_PER_PAGE = 46


def html_page(title: str, paragraphs: Sequence[str], published: str = "", author: str = "", site: str = "") -> bytes:
    """A news page as sites serve it: the article among menus, an ad, related links and comments."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    meta = "".join(
        f'<meta {attr}="{name}" content="{html.escape(value)}">'
        for attr, name, value in [
            ("property", "article:published_time", published),
            ("name", "author", author),
            ("property", "og:site_name", site),
        ]
        if value
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)} | {html.escape(site)}</title>"
        f"{meta}<script>window.ads = ['track'];</script><style>.ad{{color:red}}</style></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/business'>Business</a> "
        "<a href='/subscribe'>Subscribe</a></nav></header>"
        "<aside class='ad'>Advertisement: Save 50% on your first year of premium access today.</aside>"
        f"<main><article><h1>{html.escape(title)}</h1>{body}</article></main>"
        "<section class='related'><h2>Related stories</h2><ul><li><a href='/x'>Markets rally on hopes</a></li>"
        "<li><a href='/y'>Ten things to know this week</a></li></ul></section>"
        "<section id='comments'><h2>Comments</h2><div class='comment'><p>First! Great read, thanks.</p></div>"
        "<div class='comment'><p>I disagree with all of this, frankly.</p></div></section>"
        "<footer><p>Copyright 2025 Example Media. All rights reserved.</p></footer></body></html>"
    ).encode()


def pdf_document(
    title: str,
    paragraphs: Sequence[str | None],
    header: str = "",
    author: str = "",
    created: str = "",
    lines_per_page: int = LINES_PER_PAGE,
) -> bytes:
    """A PDF whose pages carry `header` on top and "Page n of N" at the bottom; `created` as YYYYMMDD.
    A paragraph None starts a new page."""
    pages: list[list[str]] = [[title, ""]]
    for paragraph in paragraphs:
        if paragraph is None:
            pages.append([])
            continue
        for line in [*textwrap.wrap(paragraph, LINE_CHARS), ""]:
            if len(pages[-1]) >= lines_per_page:
                pages.append([])
            pages[-1].append(line)
    streams = []
    for number, page in enumerate(pages, 1):
        shown = ([header, ""] if header else []) + page + ["", f"Page {number} of {len(pages)}"]
        text = "".join(f"({_pdf_string(line)}) Tj T* " for line in shown)
        streams.append(f"BT /F1 10 Tf 13 TL 60 780 Td {text}ET".encode("latin-1"))
    info = {"Title": title, "Author": author, "CreationDate": f"D:{created}000000Z" if created else ""}
    return _pdf(streams, {k: v for k, v in info.items() if v})


def _pdf_string(line: str) -> str:
    """A PDF literal string in WinAnsi (cp1252), escaped; characters outside it become '?'."""
    data = line.encode("cp1252", errors="replace")
    out = []
    for byte in data:
        char = chr(byte)
        if char in "()\\":
            out.append("\\" + char)
        elif byte < 32 or byte > 126:
            out.append(f"\\{byte:03o}")
        else:
            out.append(char)
    return "".join(out)


def _pdf(streams: list[bytes], info: dict[str, str]) -> bytes:
    count = len(streams)
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{5 + 2 * i} 0 R".encode() for i in range(count))
        + f"] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< " + b" ".join(f"/{k} ({_pdf_string(v)})".encode("latin-1") for k, v in info.items()) + b" >>",
    ]
    for i, stream in enumerate(streams):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {6 + 2 * i} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_document(
    title: str, sections: Sequence[tuple[str, Sequence[str]]], author: str = "", created: str = ""
) -> bytes:
    """A Word document: the title as a Title paragraph, each section a heading and its paragraphs;
    `created` as YYYY-MM-DD (python-docx's template otherwise says 2013)."""
    import docx

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.author = author
    if created:
        document.core_properties.created = datetime.fromisoformat(created)
    document.add_heading(title, level=0)
    for heading, paragraphs in sections:
        if heading:
            document.add_heading(heading, level=1)
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
