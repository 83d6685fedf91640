"""The Gradio chat window, mounted at / of the FastAPI app. It talks to rag's service only.

Answers stream in sentence by sentence; every [n] marker is a link that opens the cited article in
the side panel with the passage highlighted and scrolled into view. Fonts are local (system fonts)
and analytics are off, so the page loads nothing from the internet.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator

from rag.schemas import Answer, ChatTurn, Citation
from rag.service import RagService, StoreUnavailable

EXAMPLES = [
    "Who is the speaker of Crimea's parliament?",
    "Which missile did the Russian Armed Forces test?",
    "When did the United States and Russia begin preliminary discussions?",
]
GENERATOR_LABELS = {
    "extractive": "Quotes (extractive)",
    "openai": "LLM, OpenAI-compatible (verified)",
    "local": "LLM, local GGUF (verified)",
}
PANEL_HINT = (
    "<div class='panel-hint'>Click a marker such as <b>[1]</b> in an answer to see the passage in its article.</div>"
)
CITE_TARGET = re.compile(r"^([0-9a-f]{1,64})-(\d+)-(\d+)$")

CSS = """
.hidden-input { display: none !important; }
#source-panel { max-height: 78vh; overflow-y: auto; padding: 0 6px; }
#source-panel .article-text { white-space: pre-wrap; line-height: 1.55; font-size: 0.95rem; }
#source-panel mark { background: #ffe27a; padding: 1px 0; border-radius: 2px; }
#source-panel .meta { color: #666; font-size: 0.85rem; margin-bottom: 8px; }
a.cite { text-decoration: none; font-weight: 600; color: #1d4ed8; cursor: pointer; }
.answer-sources { margin-top: 8px; font-size: 0.85rem; color: #444; }
.answer-sources ol { margin: 2px 0 0 18px; padding: 0; }
.abstained { color: #7a4b00; }
.unverified { color: #8a8a8a; text-decoration: line-through dotted; }
.unverified .badge { text-decoration: none; display: inline-block; font-size: 0.75rem; color: #9a3412;
  border: 1px solid #fdba74; border-radius: 4px; padding: 0 4px; margin-left: 2px; }
.answer-check { margin-top: 6px; font-size: 0.8rem; color: #666; }
"""

HEAD = """
<script>
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.cite");
  if (!link) return;
  event.preventDefault();
  const target = (link.getAttribute("href") || "").replace(/^#cite-/, "");
  const box = document.querySelector("#cite-target textarea, #cite-target input");
  const button = document.querySelector("#cite-open");
  if (!box || !button) return;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), "value").set;
  setter.call(box, target);
  box.dispatchEvent(new Event("input", { bubbles: true }));
  setTimeout(() => button.click(), 50);
}, true);
</script>
"""

SCROLL_JS = """
() => {
  setTimeout(() => {
    const mark = document.getElementById("cited-passage");
    if (mark) mark.scrollIntoView({ block: "center", behavior: "smooth" });
  }, 100);
}
"""


def cite_link(c: Citation, label: str) -> str:
    return (
        f'<a class="cite" href="#cite-{c.chunk_id}-{c.start}-{c.end}" '
        f'title="{html.escape(c.title)} ({html.escape(c.source)})">{label}</a>'
    )


def render_sentences(answer: Answer) -> str:
    by_n = {c.n: c for c in answer.citations}
    parts = []
    for sentence in answer.sentences:
        text = html.escape(sentence.text)
        if sentence.verdict == "unverified":
            why = html.escape(sentence.reason or "no passage supports it", quote=True)
            parts.append(
                f"<span class='unverified' title='Unverified: {why}'>{text} "
                "<span class='badge'>unverified</span></span>"
            )
            continue
        links = "".join(cite_link(by_n[n], f"[{n}]") for n in sentence.citations if n in by_n)
        parts.append(f"{text} {links}")
    return " ".join(parts)


def render_sources(answer: Answer) -> str:
    items = "".join(
        f"<li>{cite_link(c, html.escape(c.title))} <span>— {html.escape(c.source)}</span></li>"
        for c in answer.citations
    )
    return f"<div class='answer-sources'><b>Sources</b><ol>{items}</ol></div>" if items else ""


def render_footer(answer: Answer) -> str:
    """How an LLM answer was checked, and any notice, under the finished answer."""
    lines = []
    if answer.notice:
        lines.append(html.escape(answer.notice))
    if v := answer.verification:
        line = (
            f"{html.escape(v.model)}: {v.generated} sentences written, {v.kept} verified against the passages"
            f"{f', {v.repaired} re-cited' if v.repaired else ''}, {v.dropped} dropped"
        )
        if v.fell_back:
            line += "; none was supported, so the quotes above are the extractive answer"
        lines.append(line)
    return "".join(f"<div class='answer-check'>{line}</div>" for line in lines)


def render_partial(answer: Answer) -> str:
    """An answer still being written: its sentences so far."""
    if answer.abstained:
        return render_sentences(answer) + f"<div class='abstained'>{html.escape(_abstain_text(answer))}</div>"
    return render_sentences(answer)


def render_final(answer: Answer) -> str:
    return render_partial(answer) + render_sources(answer) + render_footer(answer)


def _abstain_text(answer: Answer) -> str:
    shown = " ".join(f"{s.text} [unverified]" for s in answer.sentences if s.verdict == "unverified")
    return answer.answer[len(shown) :].strip() if shown and answer.answer.startswith(shown) else answer.answer


def render_panel(service: RagService, target: str) -> str:
    """The cited article with the passage highlighted (id="cited-passage")."""
    match = CITE_TARGET.match(target.strip())
    if not match:
        return PANEL_HINT
    chunk_id, start, end = match.group(1), int(match.group(2)), int(match.group(3))
    try:
        chunk = service.chunk(chunk_id)
    except StoreUnavailable:
        return "<div class='panel-hint'>The article store is unreachable right now.</div>"
    article = service.source(chunk.source) if chunk else None
    if chunk is None or article is None or not (0 <= start < end <= len(article.text)):
        return "<div class='panel-hint'>That passage is no longer in the index.</div>"
    text = article.text
    meta = " · ".join(html.escape(f"{k}: {v}") for k, v in article.metadata.items() if k != "url")
    return (
        f"<h3>{html.escape(article.title)}</h3>"
        f"<div class='meta'>{html.escape(article.source)}{' · ' + meta if meta else ''}</div>"
        f"<div class='article-text'>{html.escape(text[:start])}"
        f"<mark id='cited-passage'>{html.escape(text[start:end])}</mark>"
        f"{html.escape(text[end:])}</div>"
    )


def intro(service: RagService) -> str:
    if len(service.generator_names()) == 1:
        return "Answers quote the articles verbatim; click a marker to check it."
    return (
        "Answers quote the articles verbatim, or are written by an LLM and checked sentence by sentence "
        "against the passage each cites; click a marker to check it."
    )


def status_line(service: RagService) -> str:
    health = service.health()
    store = "store ok" if health.store.ok else "store unreachable"
    return f"**Index:** {health.documents} articles · {health.chunks} chunks · {store} ({health.store.mode})"


def build_ui(service: RagService):  # noqa: ANN201 - gradio.Blocks
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr

    def respond(
        question: str, messages: list[dict], turns: list[dict], generator: str, show_unverified: bool
    ) -> Iterator[tuple]:
        question = (question or "").strip()
        if not question:
            yield "", messages, turns
            return
        history = [ChatTurn(**t) for t in turns]
        messages = [*messages, {"role": "user", "content": html.escape(question)}]
        messages.append({"role": "assistant", "content": "<span class='thinking'>…</span>"})
        yield "", messages, turns
        answer = None
        try:
            for answer in service.stream(
                question, history, generator=generator or None, show_unverified=show_unverified
            ):
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
                    sanitize_html=False,  # our own HTML; article text is escaped in render_*
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
                        max_length=2000,
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
                gr.Examples(EXAMPLES, inputs=question, label="Examples")
            with gr.Column(scale=2):
                gr.Markdown("### Source")
                panel = gr.HTML(PANEL_HINT, elem_id="source-panel")
        cite_target = gr.Textbox(elem_id="cite-target", elem_classes=["hidden-input"], show_label=False)
        cite_open = gr.Button("open", elem_id="cite-open", elem_classes=["hidden-input"])

        inputs = [question, chatbot, turns, generator, show_unverified]
        question.submit(respond, inputs, [question, chatbot, turns])
        send.click(respond, inputs, [question, chatbot, turns])
        new_chat.click(lambda: ([], [], PANEL_HINT), None, [chatbot, turns, panel])
        cite_open.click(lambda t: render_panel(service, t), cite_target, panel).then(None, None, None, js=SCROLL_JS)
        demo.load(lambda: status_line(service), None, status)
    return demo


def mount_ui(app, service: RagService):  # noqa: ANN001, ANN201 - FastAPI app in and out
    import gradio as gr

    theme = gr.themes.Soft(
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )
    return gr.mount_gradio_app(
        app, build_ui(service), path="", theme=theme, css=CSS, head=HEAD, ssr_mode=False, footer_links=[]
    )
