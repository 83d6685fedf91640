"""Articles saved as HTML, PDF or Word, turned into a text layer that citations index into.

Choices (all from PyPI, none downloads anything at run time, no AGPL):
- HTML: trafilatura 2 (Apache-2.0), built for a page's main text without navigation, ads, scripts or
  comments, and its metadata (title, date, author, site name, canonical URL). lxml 6 moved its HTML
  cleaner to `lxml_html_clean` (BSD), which trafilatura imports.
- PDF: pypdf (BSD-3), pure Python: the text layer of each page in reading order. pdfplumber reads
  layout better but is slower and pulls pdfminer; news PDFs are mostly single-column text.
- DOCX: python-docx (MIT): paragraphs and headings in order; title and author from the core properties.

The text layer of a document begins like a plain-text article (title line, then `Key: value` lines,
then the body), so everything downstream (headers, questions about an article, exact spans) works the
same for every format. For `.txt`/`.md` the text layer is the file itself.
"""

from __future__ import annotations

from index.formats.layer import TextLayer, Unreadable

DOCUMENT_SUFFIXES = (".html", ".htm", ".pdf", ".docx")


def extract(suffix: str, data: bytes) -> TextLayer:
    """The text layer of a document's bytes; Unreadable (with the reason) when there is none. The
    libraries are imported here, when a document of their kind is read, not by every command."""
    try:
        return _extract(suffix.lower(), data)
    except Unreadable:
        raise
    except Exception as err:  # a library's own error on a malformed file: skipped, named, never fatal
        raise Unreadable(f"could not be read ({type(err).__name__}: {str(err)[:120]})") from None


def _extract(suffix: str, data: bytes) -> TextLayer:
    if suffix in (".html", ".htm"):
        from index.formats.web_page import extract_html

        return extract_html(data)
    if suffix == ".pdf":
        from index.formats.pdf_file import extract_pdf

        return extract_pdf(data)
    if suffix == ".docx":
        from index.formats.word import extract_docx

        return extract_docx(data)
    raise Unreadable(f"unsupported file type ({suffix or 'no extension'})")


__all__ = ["DOCUMENT_SUFFIXES", "TextLayer", "Unreadable", "extract"]
