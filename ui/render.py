"""Answers and articles as HTML for the chat window. Pure functions: every text from an article or an
answer is escaped here, so the chat can show this HTML as-is."""

from __future__ import annotations

import html

from rag.schemas import Answer, Citation, SourceDetail

GENERATOR_LABELS = {
    "extractive": "Quotes (extractive)",
    "openai": "LLM, OpenAI-compatible (verified)",
    "local": "LLM, local GGUF (verified)",
}
PANEL_HINT = (
    "<div class='panel-hint'>Click a marker such as <b>[1]</b> in an answer to see the passage in its article.</div>"
)


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


def render_article(article: SourceDetail, start: int, end: int) -> str:
    """The article with [start, end) highlighted (id="cited-passage")."""
    text = article.text
    meta = " · ".join(html.escape(f"{k}: {v}") for k, v in article.metadata.items() if k != "url")
    return (
        f"<h3>{html.escape(article.title)}</h3>"
        f"<div class='meta'>{html.escape(article.source)}{' · ' + meta if meta else ''}</div>"
        f"<div class='article-text'>{html.escape(text[:start])}"
        f"<mark id='cited-passage'>{html.escape(text[start:end])}</mark>"
        f"{html.escape(text[end:])}</div>"
    )


def panel_message(text: str) -> str:
    return f"<div class='panel-hint'>{html.escape(text)}</div>"
