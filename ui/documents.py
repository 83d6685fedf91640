"""The chat window's article manager: upload files (indexed while answers go on), see every indexed
article with its date, format and chunk count, and remove one after a confirmation."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.loader import ARTICLE_SUFFIXES, published_of
from rag.documents import DocumentLibrary, IndexFailed, Upload

if TYPE_CHECKING:
    import gradio as gr

    from rag.service import RagService

COLUMNS = ["Title", "Published", "Format", "Chunks", "Status", "File"]
FILE_COLUMN = COLUMNS.index("File")
CONFIRM_JS = """
(source) => {
  if (!source) return [source];
  return window.confirm(`Remove “${source}” from the corpus folder and the index?`) ? [source] : [null];
}
"""


def document_rows(service: RagService) -> list[list[Any]]:
    """Every indexed article, then every file of the folder that was skipped (and why)."""
    indexed = [[s.title, published_of(s.metadata), s.format, s.chunks, "indexed", s.source] for s in service.sources()]
    skipped = [
        ["", "", Path(source).suffix.lstrip(".").lower(), 0, f"skipped: {reason}", source]
        for source, reason in service.skipped().items()
    ]
    return indexed + skipped


def upload_files(
    service: RagService, documents: DocumentLibrary, paths: list[str] | None, replace: bool
) -> tuple[str, list[list[Any]], Any]:
    """Save and index the chosen files; one line per file saying what became of it."""
    import gradio as gr

    if not paths:
        return "Choose one or more files first.", document_rows(service), gr.skip()
    uploads = []
    for path in paths:
        data = Path(path).read_bytes()
        uploads.append(Upload(Path(path).name, data[: documents.max_bytes + 1], len(data)))
    try:
        results = documents.add(uploads, replace)
    except IndexFailed as err:
        return f"Indexing failed, nothing was added: {html.escape(str(err))}", document_rows(service), gr.skip()
    service.refresh()
    lines = [
        f"- **{html.escape(r.source)}**: {r.status}{f' — {html.escape(r.reason)}' if r.reason else ''}" for r in results
    ]
    return "\n".join(lines), document_rows(service), None


def remove_file(
    service: RagService, documents: DocumentLibrary, source: str | None
) -> tuple[str, list[list[Any]], Any]:
    import gradio as gr

    if not source:
        return "", document_rows(service), gr.skip()
    try:
        removed = documents.remove(source)
    except IndexFailed as err:
        return f"Indexing failed, the file is back: {html.escape(str(err))}", document_rows(service), gr.skip()
    service.refresh()
    message = f"Removed **{html.escape(source)}**." if removed else f"**{html.escape(source)}** is not in the folder."
    return message, document_rows(service), gr.Dropdown(choices=removable(document_rows(service)), value=None)


def removable(rows: list[list[Any]]) -> list[str]:
    return [str(row[FILE_COLUMN]) for row in rows]


def build_documents_panel(service: RagService, documents: DocumentLibrary) -> gr.Dataframe:
    """The panel's components and events; returns the table (refreshed by the page's load)."""
    import gradio as gr

    with gr.Accordion("Articles: add, list, remove", open=False, elem_id="documents"):
        chosen = gr.File(
            file_count="multiple",
            file_types=list(ARTICLE_SUFFIXES),
            type="filepath",
            label=f"Add articles ({', '.join(ARTICLE_SUFFIXES)})",
            elem_id="upload-files",
        )
        with gr.Row():
            replace = gr.Checkbox(False, label="Replace files of the same name", elem_id="upload-replace")
            send = gr.Button("Upload and index", variant="primary", elem_id="upload")
        outcome = gr.Markdown(elem_id="upload-outcome")
        table = gr.Dataframe(
            value=document_rows(service), headers=COLUMNS, interactive=False, wrap=True, elem_id="document-list"
        )
        with gr.Row():
            doomed = gr.Dropdown(
                choices=removable(document_rows(service)),
                label="Remove an article",
                elem_id="remove-source",
                scale=3,
            )
            remove = gr.Button("Remove", variant="stop", elem_id="remove", scale=1)
    send.click(lambda p, r: upload_files(service, documents, p, r), [chosen, replace], [outcome, table, chosen])
    remove.click(lambda s: remove_file(service, documents, s), doomed, [outcome, table, doomed], js=CONFIRM_JS)
    table.change(lambda rows: gr.Dropdown(choices=removable(rows.values.tolist())), table, doomed)
    return table
