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


ANSWER_ARTICLES = {
    "orchestra.txt": (
        "Northfield orchestra names a new conductor\n"
        "Source: www.northfield-herald.example\n"
        "Published: 2025/02/03\n"
        "Authors: Tomas Berg\n"
        "\n"
        "The Northfield Philharmonic Orchestra is now led by the conductor Maria Okafor. "
        "Okafor studied composition in Vienna before she moved to Canada. "
        "She will conduct her first concert with the orchestra on 14 March 2025 at the Riverside Hall.\n\n"
        "The orchestra has 64 musicians and was founded in 1931 by the industrialist Henry Castle.\n"
    ),
    "tram.txt": (
        "City unveils tram plan\n"
        "Source: www.citydesk.example\n"
        "Published: 2025/04/22\n"
        "\n"
        "The mayor announced the new Blue tram line on Monday after a long council debate. "
        "It will connect the airport with the old town by 2027, the transport office said.\n\n"
        "Construction of the line will be financed by the regional development bank Vestra Capital.\n"
    ),
    "dam_north.txt": (
        "Varnholt dam repairs begin\n"
        "Published: 2025/05/02\n"
        "\n"
        "Engineers began repairing the cracked Varnholt dam on Thursday, the water authority said. "
        "The repairs will cost 12 million euros and last until September.\n"
    ),
    "dam_south.txt": (
        "Farmers worry about Varnholt dam\n"
        "Published: 2025/05/04\n"
        "\n"
        "Farmers below the Varnholt dam moved their cattle to higher pastures while the reservoir was lowered. "
        "A farmers' union asked for compensation for the lost grazing season.\n"
    ),
    "harbour.txt": (
        "Nordhaven harbour reopens after repairs\n"
        "Published: 2025/06/02\n"
        "\n"
        "The harbour in Nordhaven reopened on Friday after eight months of repairs. "
        "Last year the regional council paid for the repairs, which cost 4.2 million kronor.\n"
    ),
    "plant.txt": (
        "Halden Energy to build a battery plant\n"
        "Published: 2025/09/04\n"
        "\n"
        "Halden Energy will invest 2 billion kronor in the Malmo plant, its chief executive, Maria Lindqvist, "
        "said on Thursday. The Malmo plant will stand in the Sorgenfri district and employ 300 people.\n"
    ),
    "glider.txt": (
        "Teenage glider pilot crosses the Alps\n"
        "Published: 2025/06/10\n"
        "\n"
        "A 16-year-old glider pilot, Lena Hartwig, crossed the Alps alone on Saturday, the gliding club said. "
        "Hartwig took off from Innsbruck at dawn and landed in Verona after nine hours of flight.\n\n"
        "The club's chairman said that Hartwig had trained for the crossing since March 2024.\n"
    ),
    "tunnel.txt": (
        "Brennick tunnel reopens after flood\n"
        "Published: 2025/07/08\n"
        "\n"
        "A leaking sewage pipe under the old market caused the flooding in the Brennick tunnel on Tuesday, the "
        "transport office said. Kestrel Ferries, a harbour operator, bought the Morland Group, a bus company "
        "from the coast, to carry commuters around the closed tunnel.\n"
    ),
    "lottery.txt": (
        "Northstar lottery jackpot won in Oregon\n"
        "Published: 2025/08/14\n"
        "\n"
        "A lone winning ticket for the $40 million Northstar jackpot was sold in Salem, Oregon, lottery officials "
        "said on Thursday. More than 1.2 million tickets won smaller cash prizes, "
        "worth $98 million in all. Oregon Governor Alan Pryce presented the check at Riverside Hall. The ticket "
        "was sold at Pier 9 Market by its owner, Dana Okoro.\n\n"
        "The draw was run on behalf of two charities – the rowing club Corvex, and Pellow’s Lifeboat Trust – "
        "without a fee. The winner received a 30cm, 2kg glass trophy and is buying a Kestrel, a small electric "
        "sailing boat. The lottery winner’s story will be told in a documentary, “Ticket to Salem,” in May.\n"
    ),
    "colleges.txt": (
        "The hardest colleges to get into in the North\n"
        "Published: 2025/10/02\n"
        "\n"
        "A new index ranks the colleges of the region by how few of their applicants they admit.\n\n"
        "3. Kelso College\n\n• Acceptance rate: 8.9%\n\n• Student to faculty ratio: 7:1\n\n"
        "• Location: Kelso, Vermont\n\n"
        "2. Norland University\n\n• Acceptance rate: 6.1%\n\n• Student to faculty ratio: 6:1\n\n"
        "• Location: Norland, Maine\n\n"
        "The index uses admissions data the colleges reported for the fall of 2025.\n"
    ),
}


def write_answer_corpus(root: Path) -> list[str]:
    """Articles with plain facts of every answer kind, written by the tests: returns their names."""
    for name, text in ANSWER_ARTICLES.items():
        (root / name).write_text(text, "utf-8")
    return list(ANSWER_ARTICLES)
