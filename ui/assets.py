"""The chat window's own CSS and scripts: inline, so the page loads nothing from the internet."""

from __future__ import annotations

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
.direct { font-size: 1.05rem; margin-bottom: 6px; }
.resolved { font-size: 0.8rem; color: #666; margin-bottom: 4px; }
.answer-sources .published { color: #666; }
#source-panel strong.direct-answer { background: #fbbf24; font-weight: 700; }
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
