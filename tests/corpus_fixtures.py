"""A varied corpus written by the tests themselves (nothing outside the repository is needed)."""

from __future__ import annotations

from pathlib import Path

HEADED = (
    "Lunar rover finds ice near the south pole\n"
    "Source: www.example-news.org\n"
    "Published: 2024/03/16\n"
    "URL: https://www.example-news.org/2024/03/16/rover-ice\n"
    "Authors: Jane Doe, Ravi Kumar\n"
    "\n"
    "A lunar rover operated by the agency found water ice inside a shadowed crater on Tuesday. "
    "Scientists said the deposit covers about 12 square kilometres.\n\n"
    'The mission cost $1.2 billion. Dr. Ada Lin, the U.S. team lead, called it "a turning point".\n'
)
NON_ASCII = (
    "Café owners in Zürich protest — «enough is enough»\n\n"
    "Über 300 Cafés in Zürich blieben am Montag geschlossen. Die Besitzer fordern niedrigere Mieten.\n"
    "東京では桜が満開になりました。観光客が公園に集まっています。\n"
    "Emoji test 🚀 launches: the rocket lifted off at 09:30 local time.\n"
)
CRLF = (
    "Harbour bridge reopens after repairs\r\n\r\n"
    "The harbour bridge reopened on Friday after eight months of repairs.\r\n"
    "Traffic engineers expect 40,000 vehicles a day.\r\n"
)
LONG_RUN_ON = "Endless river report\n\n" + " ".join(
    f"the river keeps flowing past village number {i} and the water stays cold" for i in range(400)
)
MARKDOWN = (
    "# Wind farm approved off the coast\n\n"
    "## Background\n\n"
    "- The council approved **48 turbines** on Wednesday.\n"
    "- Construction starts in 2026.\n\n"
    '> "This is a big day," said the mayor.\n\n'
    "| year | capacity |\n|---|---|\n| 2026 | 300 MW |\n"
)


def write_varied_corpus(root: Path) -> dict[str, str]:
    """Write the varied articles (bytes as given, CRLF kept) and return {relative path: raw text}."""
    files = {
        "headed.txt": HEADED,
        "non_ascii.txt": NON_ASCII,
        "crlf.txt": CRLF,
        "long_run_on.txt": LONG_RUN_ON,
        "nested/markdown.md": MARKDOWN,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return files


def write_bad_files(root: Path) -> list[str]:
    """Files that cannot be indexed; returns their relative paths."""
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "latin1.txt").write_bytes("Crème brûlée for the café's menu\n".encode("latin-1"))
    (root / "empty.md").write_bytes(b"   \n\n")
    (root / "x.txt").mkdir()
    return ["binary.txt", "latin1.txt", "empty.md", "x.txt"]
