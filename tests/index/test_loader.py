from pathlib import Path

from index.loader import Article, SkippedFile, iter_article_paths, read_article, resolve_inside
from tests.corpus_fixtures import write_bad_files, write_varied_corpus


def test_header_lines_become_metadata_and_body_starts_after_them(tmp_path: Path) -> None:
    write_varied_corpus(tmp_path)
    article = read_article(tmp_path, tmp_path / "headed.txt")
    assert isinstance(article, Article)
    assert article.title == "Lunar rover finds ice near the south pole"
    assert article.metadata == {
        "source": "www.example-news.org",
        "published": "2024/03/16",
        "url": "https://www.example-news.org/2024/03/16/rover-ice",
        "authors": "Jane Doe, Ravi Kumar",
    }
    assert article.text[article.body_start :].lstrip().startswith("A lunar rover operated")


def test_markdown_title_and_nested_source_path(tmp_path: Path) -> None:
    write_varied_corpus(tmp_path)
    article = read_article(tmp_path, tmp_path / "nested" / "markdown.md")
    assert isinstance(article, Article)
    assert article.title == "Wind farm approved off the coast"
    assert article.source == "nested/markdown.md"


def test_a_markdown_heading_may_stand_a_blank_line_above_its_metadata(tmp_path: Path) -> None:
    text = "# Harbour crane collapses\n\nPublished: 2026-03-02\nAuthor: Ilse Marken\n\nA crane collapsed on Monday.\n"
    (tmp_path / "a.md").write_text(text, "utf-8")
    article = read_article(tmp_path, tmp_path / "a.md")
    assert isinstance(article, Article)
    assert article.title == "Harbour crane collapses"
    assert article.metadata == {"published": "2026-03-02", "author": "Ilse Marken"}
    assert article.text[article.body_start :].lstrip().startswith("A crane collapsed")
    (tmp_path / "b.md").write_text("# Harbour crane collapses\n\nA crane collapsed. Date: unknown.\n", "utf-8")
    plain = read_article(tmp_path, tmp_path / "b.md")
    assert isinstance(plain, Article) and plain.metadata == {}


def test_lead_paragraph_first_line_gets_a_short_title_and_stays_in_the_body(tmp_path: Path) -> None:
    lead = "The council voted on Monday to close the old bridge. " * 6
    (tmp_path / "a.txt").write_text(lead + "\nSecond paragraph.\n", "utf-8")
    article = read_article(tmp_path, tmp_path / "a.txt")
    assert isinstance(article, Article)
    assert article.title == "The council voted on Monday to close the old bridge."
    assert article.body_start == 0


def test_bad_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    bad = write_bad_files(tmp_path)
    results = {p.relative_to(tmp_path).as_posix(): read_article(tmp_path, p) for p in iter_article_paths(tmp_path)}
    assert sorted(results) == sorted(bad)
    assert all(isinstance(r, SkippedFile) for r in results.values())
    assert "UTF-8" in results["latin1.txt"].reason
    assert "binary" in results["binary.txt"].reason
    assert "empty" in results["empty.md"].reason


def test_resolve_inside_refuses_paths_that_leave_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", "utf-8")
    assert resolve_inside(tmp_path, "a.txt") == (tmp_path / "a.txt").resolve()
    for escape in ["../a.txt", "/etc/passwd", "sub/../../x", ".", ""]:
        assert resolve_inside(tmp_path, escape) is None
