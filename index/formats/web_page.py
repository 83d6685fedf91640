"""HTML pages: the main text and metadata, by trafilatura."""

from __future__ import annotations

from index.formats.layer import TextLayer, Unreadable, clean, with_head

MIN_MAIN_TEXT_CHARS = 80  # less than this is a page of navigation, not an article


def extract_html(data: bytes) -> TextLayer:
    import trafilatura

    found = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if len(text) < MIN_MAIN_TEXT_CHARS:
        raise Unreadable("HTML page with no main text (only navigation, scripts or boilerplate)")
    metadata = {
        "published": clean(getattr(found, "date", "")),
        "author": clean(getattr(found, "author", "")),
        "source": clean(getattr(found, "sitename", "")),
        "url": clean(getattr(found, "url", "")),
    }
    layer, _ = with_head(clean(getattr(found, "title", "")), metadata, text)
    return TextLayer(layer)
