"""Answers and articles as HTML for the chat window. Pure functions: every text from an article or an
answer is escaped here, so the chat can show this HTML as-is."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from urllib.parse import quote

from markdown_it import MarkdownIt

from rag.citations import page_label
from rag.schemas import Answer, Citation, DirectAnswer, NearestPassage, SourceDetail

GENERATOR_LABELS = {
    "extractive": "Quotes (extractive)",
    "openai": "LLM, OpenAI-compatible (verified)",
    "local": "LLM, local GGUF (verified)",
}
PANEL_HINT = (
    "<div class='panel-hint'>Click a marker such as <b>[1]</b> in an answer to see the passage in its article.</div>"
)


def cite_link(c: Citation, label: str, direct: DirectAnswer | None = None) -> str:
    """A marker that opens the cited article with the quote highlighted (and in it, the direct answer)."""
    target = f"{c.chunk_id}-{c.start}-{c.end}"
    if direct is not None and direct.n == c.n:
        target += f"-{direct.start}-{direct.end}"
    hover = html.escape(f"{_dated_title(c)} ({c.source})")
    return f'<a class="cite" href="#cite-{target}" title="{hover}">{label}</a>'


def nearest_link(p: NearestPassage) -> str:
    """An article the answerer found closest when it abstained: opens it at that passage."""
    return f'<a class="cite" href="#cite-{p.chunk_id}" title="{html.escape(p.source)}">{html.escape(p.title)}</a>'


def _dated_title(c: Citation) -> str:
    return f"{c.title} ({c.published})" if c.published else c.title


def _where(c: Citation) -> str:
    """The file, and the PDF pages the quote stands on."""
    return f"{c.source}, {page_label(c.pages)}" if c.pages else c.source


def render_direct(answer: Answer) -> str:
    """The answer itself, bold, first; its marker opens the quote with it highlighted."""
    direct = answer.direct
    cited = next((c for c in answer.citations if direct and c.n == direct.n), None)
    if direct is None or cited is None:
        return ""
    return f"<div class='direct'><b>{html.escape(direct.text)}</b> {cite_link(cited, f'[{direct.n}]', direct)}</div>"


def render_resolved(answer: Answer) -> str:
    """How a follow-up was understood ("Which TV channel did Vladimir Konstantinov speak on?")."""
    if not answer.resolved_question:
        return ""
    return f"<div class='resolved'>Understood as: <i>{html.escape(answer.resolved_question)}</i></div>"


def render_sentences(answer: Answer) -> str:
    by_n = {c.n: c for c in answer.citations}
    parts = []
    for sentence in answer.sentences:  # an LLM writes Markdown; quotes are shown verbatim
        # a quote's lines (a list's entry: "47. Grinnell College", "• Location: Grinnell, Iowa") kept apart
        quoted = sentence.verdict == "quoted"
        text = re.sub(r"\n+", "<br>", html.escape(sentence.text)) if quoted else inline_markdown(sentence.text)
        if sentence.verdict == "unverified":
            why = html.escape(sentence.reason or "no passage supports it", quote=True)
            parts.append(
                f"<span class='unverified' title='Unverified: {why}'>{text} "
                "<span class='badge'>unverified</span></span>"
            )
            continue
        links = "".join(cite_link(by_n[n], f"[{n}]", answer.direct) for n in sentence.citations if n in by_n)
        parts.append(f"{text} {links}")
    return " ".join(parts)


def render_sources(answer: Answer) -> str:
    items = "".join(
        f"<li>{cite_link(c, html.escape(c.title), answer.direct)}"
        f"{f' <span class=published>{html.escape(c.published)}</span>' if c.published else ''}"
        f" <span>— {html.escape(_where(c))}</span>{render_reports(c)}</li>"
        for c in answer.citations
    )
    return f"<div class='answer-sources'><b>Sources</b><ol>{items}</ol></div>" if items else ""


def render_reports(c: Citation) -> str:
    """ "reported by 3 articles": the other articles of the story with the same sentence, each a link
    that opens it at that sentence."""
    if not c.reported_by:
        return ""
    links = ", ".join(
        f'<a class="cite" href="#cite-{report_target(r.source, r.start, r.end)}" title="{html.escape(r.source)}">'
        f"{html.escape(r.title)}</a>{f' ({html.escape(r.published)})' if r.published else ''}"
        for r in c.reported_by
    )
    return f"<div class='reported'>Reported by {len(c.reported_by) + 1} articles; also in {links}</div>"


def report_target(source: str, start: int, end: int, inner: tuple[int, int] | None = None) -> str:
    """A panel target by file path (hex) and span, with the value inside it to highlight."""
    target = f"doc-{source.encode().hex()}-{start}-{end}"
    return f"{target}-{inner[0]}-{inner[1]}" if inner else target


def render_conflicts(answer: Answer) -> str:
    """The other values other articles give, each opening its article with the value highlighted."""
    if not answer.conflicts:
        return ""
    items = "; ".join(
        f'<b>{html.escape(c.value)}</b> in <a class="cite" '
        f'href="#cite-{report_target(c.source, c.quote_start, c.quote_end, (c.start, c.end))}" '
        f'title="{html.escape(c.source)}">{html.escape(c.title)}</a>'
        f"{f' ({html.escape(c.published)})' if c.published else ''}"
        for c in answer.conflicts
    )
    return f"<div class='conflicts'>Other articles differ: {items}. The answer quotes the newest.</div>"


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


@cache
def _markdown() -> MarkdownIt:
    """Inline Markdown only (emphasis, code), with raw HTML escaped: an LLM cannot inject markup."""
    return MarkdownIt("zero", {"html": False}).enable(["emphasis", "backticks", "escape"])


def inline_markdown(text: str) -> str:
    return _markdown().renderInline(text)


def render_abstention(answer: Answer) -> str:
    """Why there is no answer; the closest articles it names open at their closest passage."""
    text = html.escape(_abstain_text(answer))
    for p in answer.nearest:
        named = html.escape(f"\u201c{p.title}\u201d")
        text = text.replace(named, f"\u201c{nearest_link(p)}\u201d", 1)
    return f"<div class='abstained'>{text}</div>"


def render_partial(answer: Answer) -> str:
    """An answer still being written: its sentences so far."""
    if answer.abstained:
        return render_resolved(answer) + render_sentences(answer) + render_abstention(answer)
    return render_resolved(answer) + render_direct(answer) + render_sentences(answer) + render_conflicts(answer)


def render_final(answer: Answer) -> str:
    return render_partial(answer) + render_sources(answer) + render_footer(answer) + render_copy(answer)


def copy_text(answer: Answer) -> str:
    """The answer as one pastes it elsewhere: its text with markers, then what each marker cites."""
    sources = [
        f"[{c.n}] {_dated_title(c)}. {_where(c)}, characters {c.start}-{c.end}: \u201c{c.quote}\u201d"
        for c in answer.citations
    ]
    return "\n\n".join([answer.answer, "\n".join(sources)]) if sources else answer.answer


def render_copy(answer: Answer) -> str:
    payload = html.escape(json.dumps(copy_text(answer)), quote=True)
    return f"<button type='button' class='copy-answer' data-copy=\"{payload}\">Copy with citations</button>"


def _abstain_text(answer: Answer) -> str:
    shown = " ".join(f"{s.text} [unverified]" for s in answer.sentences if s.verdict == "unverified")
    return answer.answer[len(shown) :].strip() if shown and answer.answer.startswith(shown) else answer.answer


def render_article(article: SourceDetail, start: int, end: int, inner: tuple[int, int] | None = None) -> str:
    """The article with [start, end) highlighted (id="cited-passage"), and `inner` (the direct answer,
    inside it) highlighted more strongly."""
    text = article.text
    meta = " · ".join(html.escape(f"{k}: {v}") for k, v in article.metadata.items() if k != "url")
    if inner is not None and start <= inner[0] < inner[1] <= end:
        passage = (
            f"{html.escape(text[start : inner[0]])}<strong class='direct-answer'>"
            f"{html.escape(text[inner[0] : inner[1]])}</strong>{html.escape(text[inner[1] : end])}"
        )
    else:
        passage = html.escape(text[start:end])
    where = [html.escape(article.source), *([meta] if meta else [])]
    if pages := [n + 1 for n, first in enumerate(article.pages) if first <= start][-1:]:
        where.append(f"passage on {page_label(pages)}")
    link = f"/api/files/{quote(article.source)}"
    where.append(f"<a class='original' href='{html.escape(link)}' target='_blank' rel='noopener'>original file</a>")
    return (
        f"<h3>{html.escape(article.title)}</h3>"
        f"<div class='meta'>{' · '.join(where)}</div>"
        f"<div class='article-text'>{html.escape(text[:start])}"
        f"<mark id='cited-passage'>{passage}</mark>"
        f"{html.escape(text[end:])}</div>"
    )


def panel_message(text: str) -> str:
    return f"<div class='panel-hint'>{html.escape(text)}</div>"
