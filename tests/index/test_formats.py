"""HTML, PDF and Word articles, written by the tests, indexed and asked about: the text layer holds
the article without its boilerplate, every citation indexes it exactly, PDF citations carry their
page, and every kind of bad file is skipped with a reason that names the problem."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from bench.documents import docx_document, html_page, pdf_document
from index.embedder import Embedder
from index.loader import SkippedFile, read_article
from rag.schemas import AnswerRequest
from rag.settings import Settings
from rag.wiring import build_service
from tests.helpers import index_folder

TRAM = "The city council approved the new Blue tram line on Tuesday, with 31 votes in favour and 4 against."
COST = "The Blue tram line will cost 1.2 billion euros, most of it paid by the regional government."
FILLER = [
    f"Residents of district {n} expect shorter commutes, while shop owners on the route worry about roadworks."
    for n in range(1, 60)
]
BRIDGE = "The Harbour bridge will close for twelve weeks from 3 June for repairs to its steel deck."
LIBRARY = "Mayor Lina Park cut the ribbon of the new central library in front of about 2,000 visitors."


def write_corpus(corpus: Path) -> None:
    corpus.mkdir()
    (corpus / "tram.pdf").write_bytes(
        pdf_document(
            "Council approves Blue tram line",
            [TRAM, *FILLER[:10], None, COST, *FILLER[10:]],  # None: a page break
            header="Metro Gazette",
            author="Ana Ruiz",
            created="20250422",
        )
    )
    (corpus / "bridge.html").write_bytes(
        html_page(
            "Harbour bridge to close for repairs",
            [BRIDGE, "Ferries will run every ten minutes during the closure, the port authority said on Monday."],
            published="2025-05-12",
            author="Tom Berg",
            site="Harbour Times",
        )
    )
    (corpus / "library.docx").write_bytes(
        docx_document(
            "New library opens in the old post office",
            [("Opening", [LIBRARY]), ("Collections", ["The library holds 180,000 books and three 3D printers."])],
            author="Sam Lee",
            created="2025-03-01",
        )
    )


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder):
    root = tmp_path_factory.mktemp("documents")
    corpus, data = root / "corpus", root / "data"
    write_corpus(corpus)
    summary = index_folder(corpus, data, embedder)
    assert summary.added == 3 and summary.skipped == 0, summary.skipped_files
    return corpus, build_service(Settings(data_dir=data, corpus_dir=corpus))


@pytest.mark.parametrize(
    ("question", "source", "expected", "page"),
    [
        ("How many votes were in favour of the Blue tram line?", "tram.pdf", "31", 1),
        ("How much will the Blue tram line cost?", "tram.pdf", "1.2 billion euros", 2),
        ("How long will the Harbour bridge close?", "bridge.html", "twelve weeks", None),
        ("Who cut the ribbon of the new central library?", "library.docx", "Lina Park", None),
    ],
)
def test_each_format_is_answered_with_exact_spans_of_its_text_layer(
    documents, question: str, source: str, expected: str, page: int | None
) -> None:
    _, service = documents
    answer = service.answer(AnswerRequest(question=question))
    assert not answer.abstained and expected in answer.answer
    cited = [c for c in answer.citations if c.source == source]
    assert cited, [c.source for c in answer.citations]
    for citation in answer.citations:
        text = service.source(citation.source).text
        assert text[citation.start : citation.end] == citation.quote
    if page is not None:
        assert any(c.pages == [page] and expected in c.quote for c in cited)


def test_the_text_layer_keeps_the_article_and_drops_boilerplate_headers_and_footers(documents) -> None:
    _, service = documents
    pdf, page, docx = (service.source(s) for s in ("tram.pdf", "bridge.html", "library.docx"))
    assert pdf.title == "Council approves Blue tram line" and pdf.format == "pdf"
    assert pdf.metadata == {"published": "2025-04-22", "author": "Ana Ruiz"}
    assert "Metro Gazette" not in pdf.text and "Page 1 of" not in pdf.text
    assert TRAM in pdf.text and COST in pdf.text and len(pdf.pages) >= 2
    assert pdf.pages[0] < pdf.text.index(TRAM) < pdf.pages[1] <= pdf.text.index(COST)

    assert page.title == "Harbour bridge to close for repairs"
    assert page.metadata["published"] == "2025-05-12" and page.metadata["author"] == "Tom Berg"
    assert BRIDGE in page.text
    for boilerplate in ("Subscribe", "Advertisement", "Related stories", "First! Great read", "Copyright", "ads"):
        assert boilerplate not in page.text

    assert docx.title == "New library opens in the old post office"
    assert docx.metadata == {"published": "2025-03-01", "author": "Sam Lee"}
    assert "Opening\n" + LIBRARY in docx.text


def test_an_article_about_a_document_answers_from_its_metadata(documents) -> None:
    _, service = documents
    answer = service.answer(AnswerRequest(question="Who wrote the article about the Harbour bridge?"))
    assert "Tom Berg" in answer.answer


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 30_000_000)
    return out.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_document("Secret", [TRAM]))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _scanned_pdf() -> bytes:
    """A page with no text layer (an image-only scan has none)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("locked.pdf", _encrypted_pdf, "encrypted PDF"),
        ("broken.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog", "corrupt PDF"),
        ("scan.pdf", _scanned_pdf, "without a text layer"),
        ("bomb.docx", _zip_bomb, "zip bomb"),
        ("fake.docx", lambda: b"this is not a zip archive", "not a Word document"),
        ("menu.html", lambda: b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
         "no main text"),
        ("huge.txt", lambda: b"word " * 300_000, "too large"),
    ],
)  # fmt: skip
def test_a_bad_file_is_skipped_with_a_reason_that_names_the_problem(
    tmp_path: Path, name: str, data, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    result = read_article(tmp_path, path, max_bytes=1_000_000)
    assert isinstance(result, SkippedFile) and reason in result.reason, result


def test_rag_index_skips_bad_documents_by_name_and_indexes_the_rest(tmp_path: Path, embedder: Embedder) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    (corpus / "scan.pdf").write_bytes(_scanned_pdf())
    summary = index_folder(corpus, tmp_path / "data", embedder)
    assert summary.added == 3
    assert [s["source"] for s in summary.skipped_files] == ["scan.pdf"]
    again = index_folder(corpus, tmp_path / "data", embedder)  # unchanged documents are not extracted again
    assert again.unchanged == 3 and again.chunks_embedded == 0
