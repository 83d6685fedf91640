"""The Gradio chat window, mounted at / of the FastAPI app. It talks to rag's service only.

Answers stream in sentence by sentence (Stop cancels, Regenerate asks again); every [n] marker is a
link that opens the cited article in the side panel (a sheet over the chat on a phone) with the
passage highlighted and scrolled into view. Conversations are kept in the browser's localStorage
(encrypted by Gradio's BrowserState), so a reload continues where the user was. The index status
is polled, so a `rag index` run in progress shows. Fonts are local (system fonts) and analytics are
off: the page loads nothing from the internet.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from index.loader import published_of
from rag.errors import StoreUnavailable
from rag.schemas import MAX_QUESTION_CHARS, AnswerRequest, ChatTurn, Health
from rag.service import RagService
from ui.assets import CSS, HEAD, SCROLL_JS, SOURCE_HEAD
from ui.documents import build_documents_panel, document_rows
from ui.render import GENERATOR_LABELS, PANEL_HINT, panel_message, render_article, render_final, render_partial

if TYPE_CHECKING:
    import gradio as gr
    from fastapi import FastAPI

    from rag.documents import DocumentLibrary

EXAMPLE_COUNT = 3
EXAMPLE_TITLE_CHARS = 90  # a longer "title" is usually a first sentence standing in for a missing headline
CITE_TARGET = re.compile(r"^([0-9a-f]{1,64})(?:-(\d+)-(\d+)(?:-(\d+)-(\d+))?)?$")
REPORT_TARGET = re.compile(r"^doc-((?:[0-9a-f]{2}){1,400})-(\d+)-(\d+)(?:-(\d+)-(\d+))?$")
STATUS_SECONDS = 3.0  # how often the page asks for the index status
MAX_SAVED_CHATS = 20
CHAT_TITLE_CHARS = 60
STOPPED = "<div class='stopped'>Stopped.</div>"
THINKING = "<span class='thinking'>…</span>"
CHAT_PLACEHOLDER = "Ask about the indexed articles: each answer quotes them, and each [n] opens the passage."
Message = dict[str, str]
Turn = dict[str, str]
Saved = dict[str, list[dict[str, Any]]]


def render_panel(service: RagService, target: str) -> str:
    """The cited article with the passage highlighted; `target` is "<chunk id>-<start>-<end>", and
    "-<start>-<end>" of the direct answer inside it when the quote holds one (a bare chunk id: the
    whole chunk, for the closest articles of an abstention)."""
    if match := REPORT_TARGET.match(target.strip()):
        return _render_report(service, match)
    match = CITE_TARGET.match(target.strip())
    if not match:
        return PANEL_HINT
    chunk_id = match.group(1)
    try:
        chunk = service.chunk(chunk_id)
    except StoreUnavailable:
        return panel_message("The article store is unreachable right now.")
    if chunk is None:
        return panel_message("That passage is no longer in the index.")
    start, end = (int(match.group(2)), int(match.group(3))) if match.group(2) else (chunk.start, chunk.end)
    article = service.source(chunk.source)
    if article is None or not (0 <= start < end <= len(article.text)):
        return panel_message("That passage is no longer in the index.")
    inner = (int(match.group(4)), int(match.group(5))) if match.group(4) else None
    return render_article(article, start, end, inner)


def _render_report(service: RagService, match: re.Match[str]) -> str:
    """Another article at a sentence ("doc-<hex of its path>-<start>-<end>", and "-<start>-<end>" of a
    value inside it): a copy of the quoted story, or an article that gives another value."""
    try:
        source = bytes.fromhex(match.group(1)).decode()
        article = service.source(source)
    except (ValueError, UnicodeDecodeError):
        return PANEL_HINT
    except StoreUnavailable:
        return panel_message("The article store is unreachable right now.")
    start, end = int(match.group(2)), int(match.group(3))
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
    titled.sort(key=lambda s: published_of(s.metadata), reverse=True)
    return [[f"What is the article “{s.title}” about?"] for s in titled[:count]]


def status_line(health: Health) -> str:
    store = "store ok" if health.store.ok else "store unreachable"
    line = f"**Index:** {health.documents} articles · {health.chunks} chunks · {store} ({health.store.mode})"
    if run := health.indexing:
        progress = f" {run.done}/{run.total} files" if run.total else ""
        line += f" · **indexing…{progress}** (answers come from the current index until it is published)"
    return line


def respond(
    service: RagService,
    question: str,
    messages: list[Message],
    turns: list[Turn],
    generator: str,
    show_unverified: bool,
    since: str = "",
    until: str = "",
) -> Iterator[tuple[str, list[Message], list[Turn]]]:
    """One question through the chat: the question box cleared, the answer growing, the turns kept."""
    question = (question or "").strip()
    if not question:
        yield "", messages, turns
        return
    try:
        request = AnswerRequest.model_validate(
            {
                "question": question,
                "history": [ChatTurn.model_validate(t) for t in turns],
                "generator": generator or None,
                "show_unverified": show_unverified,
                "since": (since or "").strip() or None,
                "until": (until or "").strip() or None,
            }
        )
    except ValidationError as err:
        problem = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
        yield question, [*messages, {"role": "assistant", "content": panel_message(problem)}], turns
        return
    messages = [*messages, {"role": "user", "content": html.escape(question)}]
    messages.append({"role": "assistant", "content": THINKING})
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


def message_text(message: Message) -> str:
    """A chat message's content: Gradio hands messages back with their content as a list of parts."""
    content: Any = message.get("content", "")
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content)


def without_last_exchange(messages: list[Message], turns: list[Turn]) -> tuple[str, list[Message], list[Turn]]:
    """The last question asked, and the conversation before it (to ask it again)."""
    asked = [i for i, m in enumerate(messages) if m.get("role") == "user"]
    if not asked:
        return "", messages, turns
    question = html.unescape(message_text(messages[asked[-1]]))
    if len(turns) >= 2 and turns[-2].get("content") == question:
        turns = turns[:-2]
    return question, messages[: asked[-1]], turns


def mark_stopped(messages: list[Message]) -> list[Message]:
    if messages and messages[-1].get("role") == "assistant":
        content = message_text(messages[-1]).replace(THINKING, "")
        messages = [*messages[:-1], {"role": "assistant", "content": content + STOPPED}]
    return messages


# -- conversations kept in the browser ---------------------------------------------------------------
def new_chat_id() -> str:
    return uuid.uuid4().hex[:12]


def chat_title(messages: list[Message]) -> str:
    first = next((html.unescape(message_text(m)) for m in messages if m.get("role") == "user"), "New chat")
    return first if len(first) <= CHAT_TITLE_CHARS else first[: CHAT_TITLE_CHARS - 1].rstrip() + "…"


def save_chat(saved: Saved | None, chat_id: str, messages: list[Message], turns: list[Turn]) -> Saved:
    """The browser's list of conversations with this one first (an empty one is not kept)."""
    chats = [c for c in (saved or {}).get("chats", []) if c.get("id") != chat_id]
    if messages:
        chats.insert(0, {"id": chat_id, "title": chat_title(messages), "messages": messages, "turns": turns})
    return {"chats": chats[:MAX_SAVED_CHATS]}


def chat_choices(saved: Saved | None) -> list[tuple[str, str]]:
    return [(str(c["title"]), str(c["id"])) for c in (saved or {}).get("chats", [])]


def find_chat(saved: Saved | None, chat_id: str | None) -> dict[str, Any] | None:
    return next((c for c in (saved or {}).get("chats", []) if c.get("id") == chat_id), None)


# -- what the page shows of the index ----------------------------------------------------------------
def on_tick(service: RagService, seen_version: int) -> tuple[Any, ...]:
    """The status, polled; the examples again when another index version is being answered from."""
    import gradio as gr

    health = service.health()
    examples = gr.Dataset(samples=example_questions(service)) if health.version != seen_version else gr.skip()
    return status_line(health), examples, health.version


def on_load(service: RagService, saved: Saved | None) -> tuple[Any, ...]:
    """What a page shows when it opens: the index status, examples from what it holds, and the last
    conversation this browser had (answers keep their links: markers open the passage as before)."""
    import gradio as gr

    chats = (saved or {}).get("chats") or []
    latest = chats[0] if chats else None  # the newest conversation comes first
    chat_id = str(latest["id"]) if latest else new_chat_id()
    health = service.health()
    return (
        status_line(health),
        health.version,
        gr.Dataset(samples=example_questions(service)),
        latest["messages"] if latest else [],
        latest["turns"] if latest else [],
        chat_id,
        gr.Dropdown(choices=chat_choices(saved), value=chat_id if latest else None),
    )


def build_ui(service: RagService, chat_secret: str, documents: DocumentLibrary | None = None) -> gr.Blocks:
    import gradio as gr

    def ask(*inputs: Any) -> Iterator[tuple[str, list[Message], list[Turn]]]:
        yield from respond(service, *inputs)

    def ask_again(
        messages: list[Message], turns: list[Turn], generator: str, show_unverified: bool, since: str, until: str
    ) -> Iterator[tuple[str, list[Message], list[Turn]]]:
        question, messages, turns = without_last_exchange(messages, turns)
        if not question:
            yield "", messages, turns
            return
        yield from respond(service, question, messages, turns, generator, show_unverified, since, until)

    def busy() -> tuple[Any, Any]:
        return gr.Button(visible=False), gr.Button(visible=True)

    def idle(saved: Saved, chat_id: str, messages: list[Message], turns: list[Turn]) -> tuple[Any, ...]:
        kept = save_chat(saved, chat_id, messages, turns)
        current = chat_id if find_chat(kept, chat_id) else None
        return gr.Button(visible=True), gr.Button(visible=False), kept, gr.Dropdown(chat_choices(kept), value=current)

    def stop(saved: Saved, chat_id: str, messages: list[Message], turns: list[Turn]) -> tuple[Any, ...]:
        messages = mark_stopped(messages)
        return (messages, *idle(saved, chat_id, messages, turns))

    def start_new(saved: Saved) -> tuple[Any, ...]:
        return [], [], PANEL_HINT, new_chat_id(), gr.Dropdown(choices=chat_choices(saved), value=None)

    def forget(saved: Saved, chat_id: str) -> tuple[Any, ...]:
        """The chat's bin: this conversation leaves the browser's list too."""
        kept = save_chat(saved, chat_id, [], [])
        return (kept, *start_new(kept))

    def switch(chat_id: str | None, saved: Saved) -> tuple[Any, ...]:
        chat = find_chat(saved, chat_id)
        if chat is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return chat["messages"], chat["turns"], PANEL_HINT, str(chat["id"])

    with gr.Blocks(title="Ask the articles") as demo:
        turns = gr.State([])
        chat_id = gr.State("")
        version = gr.State(0)  # the index version the examples were drawn from
        saved = gr.BrowserState({"chats": []}, storage_key="rag-articles-chats", secret=chat_secret)
        with gr.Row(equal_height=False, elem_id="layout"):
            with gr.Column(scale=3, elem_id="chat-column"):
                gr.Markdown(f"## Ask the articles\n{intro(service)}", elem_id="intro")
                status = gr.Markdown(elem_id="index-status")
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    show_label=False,
                    height="calc(100vh - 330px)",
                    min_height=300,
                    sanitize_html=False,  # our own HTML; article text is escaped in ui.render
                    render_markdown=False,
                    buttons=[],  # each finished answer has its own "Copy with citations"
                    feedback_options=None,
                    placeholder=CHAT_PLACEHOLDER,
                )
                with gr.Row(elem_id="input-row"):
                    question = gr.Textbox(
                        placeholder="Ask about the articles…",
                        show_label=False,
                        scale=5,
                        min_width=180,
                        elem_id="question",
                        max_length=MAX_QUESTION_CHARS,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=64, elem_id="ask")
                    halt = gr.Button("Stop", variant="stop", scale=1, min_width=64, elem_id="stop", visible=False)
                with gr.Row(elem_id="chat-actions"):
                    new_chat = gr.Button("New chat", elem_id="new-chat", size="sm", min_width=90)
                    again = gr.Button("Regenerate", elem_id="regenerate", size="sm", min_width=90)
                    earlier = gr.Dropdown(
                        choices=[],
                        label="Chats in this browser",
                        show_label=False,
                        container=False,
                        elem_id="chats",
                        scale=3,
                        min_width=160,
                    )
                with gr.Row(elem_id="generator-row", visible=len(service.generator_names()) > 1):
                    generators = service.generator_names()
                    generator = gr.Dropdown(
                        choices=[(GENERATOR_LABELS.get(g, g), g) for g in generators],
                        value=service.default_generator,
                        label="Answers written by",
                        elem_id="generator",
                        scale=2,
                    )
                    show_unverified = gr.Checkbox(
                        False, label="Show unverified LLM sentences (marked)", elem_id="show-unverified", scale=2
                    )
                with gr.Row(elem_id="date-range"):
                    since = gr.Textbox(
                        label="Published from", placeholder="YYYY-MM-DD", elem_id="since", max_length=10, min_width=120
                    )
                    until = gr.Textbox(
                        label="until", placeholder="YYYY-MM-DD", elem_id="until", max_length=10, min_width=120
                    )
                examples = gr.Dataset(
                    components=[question], samples=example_questions(service), label="Examples", elem_id="examples"
                )
                if documents is not None:
                    document_list = build_documents_panel(service, documents)
            with gr.Column(scale=2, elem_id="source-column"):
                gr.HTML(SOURCE_HEAD)
                panel = gr.HTML(PANEL_HINT, elem_id="source-panel")
        cite_target = gr.Textbox(elem_id="cite-target", elem_classes=["hidden-input"], show_label=False)
        cite_open = gr.Button("open", elem_id="cite-open", elem_classes=["hidden-input"])
        ticker = gr.Timer(STATUS_SECONDS)

        answer_inputs = [question, chatbot, turns, generator, show_unverified, since, until]
        answer_outputs = [question, chatbot, turns]
        after = ([saved, chat_id, chatbot, turns], [send, halt, saved, earlier])
        answering = []
        for trigger in (question.submit, send.click):
            answering.append(trigger(busy, None, [send, halt]).then(ask, answer_inputs, answer_outputs))
            answering[-1].then(idle, *after)
        answering.append(
            again.click(busy, None, [send, halt]).then(
                ask_again, [chatbot, turns, generator, show_unverified, since, until], answer_outputs
            )
        )
        answering[-1].then(idle, *after)
        halt.click(stop, after[0], [chatbot, *after[1]], cancels=answering)
        new_chat.click(start_new, saved, [chatbot, turns, panel, chat_id, earlier])
        chatbot.clear(forget, [saved, chat_id], [saved, chatbot, turns, panel, chat_id, earlier])
        earlier.input(switch, [earlier, saved], [chatbot, turns, panel, chat_id])
        cite_open.click(lambda t: render_panel(service, t), cite_target, panel).then(None, None, None, js=SCROLL_JS)
        examples.click(lambda sample: sample[0], examples, question)
        ticker.tick(lambda seen: on_tick(service, seen), version, [status, examples, version], show_progress="hidden")
        page = [status, version, examples, chatbot, turns, chat_id, earlier]
        demo.load(lambda kept: on_load(service, kept), saved, page)
        if documents is not None:
            demo.load(lambda: document_rows(service), None, document_list)
    return demo


def mount_ui(app: FastAPI, service: RagService, chat_secret: str, documents: DocumentLibrary | None = None) -> FastAPI:
    import gradio as gr

    theme = gr.themes.Soft(
        font=["system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )
    return gr.mount_gradio_app(
        app,
        build_ui(service, chat_secret, documents),
        path="",
        theme=theme,
        css=CSS,
        head=HEAD,
        ssr_mode=False,
        footer_links=[],
        max_file_size=documents.max_bytes if documents else None,
    )
