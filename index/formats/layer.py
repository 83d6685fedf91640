"""The text layer a document becomes: a head like a plain-text article's, then the body."""

from __future__ import annotations

from dataclasses import dataclass, field


class Unreadable(ValueError):
    """The file has no text we can index; the message says why (shown to the user)."""


@dataclass(frozen=True)
class TextLayer:
    text: str
    pages: list[int] = field(default_factory=list)  # PDF: offset in `text` where each page starts


def with_head(title: str, metadata: dict[str, str], body: str) -> tuple[str, int]:
    """`title` line and `Key: value` lines above the body (the title only when the body does not
    already start with it). Returns the text and the shift: body offset o is at o + shift in the
    text (for offsets past the body's first line, which may have moved into the head)."""
    stripped = body.strip("\n")
    shift = -(len(body) - len(body.lstrip("\n")))
    body = stripped
    first_line = body.split("\n", 1)[0].strip()
    lines = [title] if title and title.strip() != first_line else []
    if not lines and any(metadata.values()):  # the body's own first line is the title: the keys go after it
        head_title, _, rest = body.partition("\n")
        lines, body = [head_title], rest.lstrip("\n")
        shift -= len(stripped) - len(body)
    lines += [f"{key.capitalize()}: {value}" for key, value in metadata.items() if value]
    head = "\n".join(lines)
    if not head:
        return body, shift
    return f"{head}\n\n{body}", shift + len(head) + 2


def clean(value: object) -> str:
    """A metadata value on one line."""
    return " ".join(str(value).split()) if value else ""
