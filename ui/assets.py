"""The chat window's own CSS and scripts: inline, so the page loads nothing from the internet.

Wide screens: chat on the left, the source panel on the right (sticky, scrolling by itself). Below
900 px the source panel is a sheet over the chat, opened by a marker and closed by its button, so
that opening a passage never scrolls the conversation away.
"""

from __future__ import annotations

CSS = """
.hidden-input { display: none !important; }
#source-column { position: sticky; top: 8px; align-self: flex-start; }
#source-panel { max-height: calc(100vh - 90px); overflow-y: auto !important; padding: 0 6px;
  overscroll-behavior: contain; }
#source-panel .article-text { white-space: pre-wrap; line-height: 1.55; font-size: 0.95rem; }
#source-panel mark { background: #ffe27a; padding: 1px 0; border-radius: 2px; }
#source-panel .meta { color: #666; font-size: 0.85rem; margin-bottom: 8px; }
.source-head { display: flex; align-items: center; justify-content: space-between; }
.source-head h3 { margin: 0; }
.panel-close { display: none; border: 1px solid #ccc; border-radius: 6px; padding: 2px 10px; background: #fff;
  cursor: pointer; font-size: 0.9rem; }
#intro p { margin: 0; }
#chat-actions { align-items: flex-end; }
a.cite { text-decoration: none; font-weight: 600; color: #1d4ed8; cursor: pointer; }
.answer-sources { margin-top: 8px; font-size: 0.85rem; color: #444; }
.answer-sources ol { margin: 2px 0 0 18px; padding: 0; }
.abstained { color: #7a4b00; }
.abstained a.cite { color: #1d4ed8; }
.stopped { margin-top: 6px; font-size: 0.8rem; color: #9a3412; }
.unverified { color: #8a8a8a; text-decoration: line-through dotted; }
.unverified .badge { text-decoration: none; display: inline-block; font-size: 0.75rem; color: #9a3412;
  border: 1px solid #fdba74; border-radius: 4px; padding: 0 4px; margin-left: 2px; }
.answer-check { margin-top: 6px; font-size: 0.8rem; color: #666; }
.copy-answer { margin-top: 6px; font-size: 0.75rem; color: #555; background: transparent; border: 1px solid #ddd;
  border-radius: 6px; padding: 1px 8px; cursor: pointer; }
.copy-answer.copied { color: #15803d; border-color: #86efac; }
.direct { font-size: 1.05rem; margin-bottom: 6px; }
.resolved { font-size: 0.8rem; color: #666; margin-bottom: 4px; }
.answer-sources .published { color: #666; }
.answer-sources .reported { font-size: 0.8rem; color: #555; }
.conflicts { margin-top: 6px; font-size: 0.85rem; color: #7a4b00; background: #fff7e6; border-radius: 6px;
  padding: 4px 8px; }
#source-panel strong.direct-answer { background: #fbbf24; font-weight: 700; }
@media (max-width: 900px) {
  #chat { height: calc(100dvh - 330px) !important; min-height: 240px !important; }
  #input-row { position: sticky; bottom: 0; z-index: 20; background: var(--background-fill-primary);
    padding: 6px 0; flex-wrap: nowrap !important; }
  #source-column { display: none !important; }
  #layout.source-open #source-column { display: flex !important; position: fixed; left: 0; right: 0; bottom: 0;
    top: 10vh; height: 90vh !important; z-index: 1000; margin: 0; padding: 12px;
    background: var(--background-fill-primary);
    border-radius: 14px 14px 0 0; box-shadow: 0 -6px 24px rgba(0, 0, 0, 0.25); }
  /* its head above the passage, both as wide as the sheet (a long article's wide text must not push the
     passage off the screen's right edge), the passage scrolling in the height left under the head */
  #layout.source-open #source-column { flex-direction: column !important; flex-wrap: nowrap !important; }
  #layout.source-open #source-column > * { width: 100% !important; min-width: 0 !important; flex: none !important; }
  #layout.source-open #source-panel { flex: 1 1 0 !important; min-height: 0 !important; max-height: none !important; }
  .panel-close { display: inline-block; }
}
"""

SOURCE_HEAD = "<div class='source-head'><h3>Source</h3><button type='button' class='panel-close'>Close</button></div>"

HEAD = """
<style>
/* Gradio scopes the css above inside its container; this rule is about the container itself: its
   overflow: hidden would keep the input row from sticking to the bottom of a phone's screen. */
@media (max-width: 900px) { .gradio-container { overflow-x: clip !important; overflow-y: visible !important; } }
</style>
<script>
function ragCopy(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
  return Promise.resolve();
}
document.addEventListener("click", (event) => {
  const copy = event.target.closest("button.copy-answer");
  if (copy) {
    event.preventDefault();
    ragCopy(JSON.parse(copy.dataset.copy)).then(() => {
      copy.classList.add("copied");
      copy.textContent = "Copied";
      setTimeout(() => { copy.classList.remove("copied"); copy.textContent = "Copy with citations"; }, 1500);
    });
    return;
  }
  if (event.target.closest("button.panel-close")) {
    document.getElementById("layout")?.classList.remove("source-open");
    return;
  }
  const link = event.target.closest("a.cite");
  if (!link) return;
  event.preventDefault();
  const target = (link.getAttribute("href") || "").replace(/^#cite-/, "");
  const box = document.querySelector("#cite-target textarea, #cite-target input");
  const button = document.querySelector("#cite-open");
  if (!box || !button) return;
  document.getElementById("layout")?.classList.add("source-open");
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
    const panel = document.getElementById("source-panel");
    if (!mark || !panel) return;
    const top = mark.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
    panel.scrollTo({ top: Math.max(0, top - panel.clientHeight / 3), behavior: "smooth" });
  }, 100);
}
"""
