"""The Gradio chat window, mounted at / of the FastAPI app. It talks to rag's service only.

Answers stream in sentence by sentence; every [n] marker is a link that opens the cited article in
the side panel with the passage highlighted and scrolled into view. Fonts are local (system fonts)
and analytics are off, so the page loads nothing from the internet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rag.errors import StoreUnavailable
from rag.schemas import MAX_QUESTION_CHARS, AnswerRequest, ChatTurn
from rag.service import RagService
from ui.assets import CSS, HEAD, SCROLL_JS
from ui.render import GENERATOR_LABELS, PANEL_HINT, panel_message, render_article, render_final, render_partial

if TYPE_CHECKING:
    import gradio as gr
    from fastapi import FastAPI

EXAMPLE_COUNT = 3
EXAMPLE_TITLE_CHARS = 90  # a longer "title" is usually a first sentence standing in for a missing headline
CITE_TARGET = re.compile(r"^([0-9a-f]{1,64})-(\d+)-(\d+)(?:-(\d+)-(\d+))?$")
Message = dict[str, str]
Turn = dict[str, str]


def render_panel(service: RagService, target: str) -> str:
    """The cited article with the passage highlighted; `target` is "<chunk id>-<start>-<end>", and
    "-<start>-<end>" of the direct answer inside it when the quote holds one."""
    match = CITE_TARGET.match(target.strip())
    if not match:
        return PANEL_HINT
    chunk_id, start, end = match.group(1), int(match.group(2)), int(match.group(3))
    try:
        chunk = service.chunk(chunk_id)
    except StoreUnavailable:
        return panel_message("The article store is unreachable right now.")
    article = service.source(chunk.source) if chunk else None
    if article is None or not (0 <= start < end <= len(article.text)):
        return panel_message("That passage is no longer in the index.")
    inner = (int(match.group(4)), int(match.group(5))) if match.group(4) else None
    return render_article(article, start, end, inner)


def intro(service: RagService) -> str:
    if len(service.generator_names()) == 1:
        return "Answers quote the articles verbatim; click a marker to check it."
    return (
        "Answers quote the articles verbatim, or are written by an LLM and checked sentence by sentence "
        "against the passage each cites; click a marker to check it."
    )


def example_questions(service: RagService, count: int = EXAMPLE_COUNT) -> list[list[str]]:
    """Questions about what is indexed now, not about the seeds: "What is the article “<headline>”
    about?" for the newest articles that have a real headline (answered from the article itself)."""
    titled = [s for s in service.sources() if 0 < len(s.title) <= EXAMPLE_TITLE_CHARS and not s.title.endswith("…")]
    titled.sort(key=lambda s: s.metadata.get("published") or s.metadata.get("date") or "", reverse=True)
    return [[f"What is the article “{s.title}” about?"] for s in titled[:count]]


def status_line(service: RagService) -> str:
    health = service.health()
    store = "store ok" if health.store.ok else "store unreachable"
    return f"**Index:** {health.documents} articles · {health.chunks} chunks · {store} ({health.store.mode})"


def respond(
    service: RagService,
    question: str,
    messages: list[Message],
    turns: list[Turn],
    generator: str,
    show_unverified: bool,
) -> Iterator[tuple[str, list[Message], list[Turn]]]:
    """One question through the chat: the question box cleared, the answer growing, the turns kept."""
    question = (question or "").strip()
    if not question:
        yield "", messages, turns
        return
    request = AnswerRequest.model_validate(
        {
            "question": question,
            "history": [ChatTurn.model_validate(t) for t in turns],
            "generator": generator or None,
            "show_unverified": show_unverified,
        }
    )
    messages = [*messages, {"role": "user", "content": html.escape(question)}]
    messages.append({"role": "assistant", "content": "<span class='thinking'>…</span>"})
    yield "", messages, turns
    answer = None
    try:
        for answer in service.stream(request):
            messages[-1] = {"role": "assistant", "content": render_partial(answer)}
            yield "", messages, turns
    except StoreUnavailable:
        messages[-1] = {"role": "assistant", "content": "The article store is unreachable right now."}
        yield "", messages, turns
        return
    if answer is None:
        return
    messages[-1] = {"role": "assistant", "content": render_final(answer)}
    turns = [*turns, {"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
    yield "", messages, turns


def on_load(service: RagService) -> tuple[str, Any]:
    """What a page shows of the index when it opens: its status, and examples from what it holds."""
    import gradio as gr

    return status_line(service), gr.Dataset(samples=example_questions(service))


def build_ui(service: RagService) -> gr.Blocks:
    import gradio as gr

    def ask(*inputs: Any) -> Iterator[tuple[str, list[Message], list[Turn]]]:
        yield from respond(service, *inputs)

    with gr.Blocks(title="Ask the articles") as demo:
        turns = gr.State([])
        with gr.Row():
            with gr.Column(scale=3):
                gr.Markdown(f"## Ask the articles\n{intro(service)}")
                status = gr.Markdown(elem_id="index-status")
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    label="Answers",
                    height=480,
                    sanitize_html=False,  # our own HTML; article text is escaped in ui.render
                    render_markdown=False,
                    buttons=["copy"],
                    feedback_options=None,
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask a question about the articles…",
                        show_label=False,
                        scale=5,
                        elem_id="question",
                        max_length=MAX_QUESTION_CHARS,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Row():
                    generators = service.generator_names()
                    generator = gr.Dropdown(
                        choices=[(GENERATOR_LABELS.get(g, g), g) for g in generators],
                        value=service.default_generator,
                        label="Answers written by",
                        elem_id="generator",
                        visible=len(generators) > 1,
                        scale=2,
                    )
                    show_unverified = gr.Checkbox(
                        False,
                        label="Show unverified LLM sentences (marked)",
                        elem_id="show-unverified",
                        visible=len(generators) > 1,
                        scale=2,
                    )
                    new_chat = gr.Button("New chat", elem_id="new-chat", size="sm", scale=1)
                examples = gr.Dataset(
                    components=[question], samples=example_questions(service), label="Examples", elem_id="examples"
                )
            with gr.Column(scale=2):
                gr.Markdown("### Source")
                panel = gr.HTML(PANEL_HINT, elem_id="source-panel")
        cite_target = gr.Textbox(elem_id="cite-target", elem_classes=["hidden-input"], show_label=False)
        cite_open = gr.Button("open", elem_id="cite-open", elem_classes=["hidden-input"])

        inputs = [question, chatbot, turns, generator, show_unverified]
        question.submit(ask, inputs, [question, chatbot, turns])
        send.click(ask, inputs, [question, chatbot, turns])
        new_chat.click(lambda: ([], [], PANEL_HINT), None, [chatbot, turns, panel])
        cite_open.click(lambda t: render_panel(service, t), cite_target, panel).then(None, None, None, js=SCROLL_JS)
        examples.click(lambda sample: sample[0], examples, question)
        demo.load(lambda: on_load(service), None, [status, examples])
    return demo


def mount_ui(app: FastAPI, service: RagService) -> FastAPI:
    import gradio as gr

    theme = gr.themes.Soft(
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )
    return gr.mount_gradio_app(
        app, build_ui(service), path="", theme=theme, css=CSS, head=HEAD, ssr_mode=False, footer_links=[]
    )
