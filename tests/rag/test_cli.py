"""The `rag` console script, run as a user runs it (subprocess, real model, real Chroma)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.fake_openai import FAKE_KEY
from tests.helpers import SEEDS, rag_cli


def rag(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return rag_cli(*args, env=env)


@pytest.fixture(scope="module")
def seeded_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("cli-data")
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(SEEDS), "HF_HUB_OFFLINE": "1"}
    first = rag("index", "--json", env=env)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["added"] == 5 and summary["chunks"] > 5
    return env


def test_index_twice_prints_one_summary_line_and_embeds_nothing(seeded_env: dict[str, str]) -> None:
    again = rag("index", env=seeded_env)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("added 0, updated 0, removed 0, unchanged 5, skipped 0;")
    assert "+0 embedded" in lines[0]


def test_search_oreshnik_ranks_the_article_that_names_it_first(seeded_env: dict[str, str]) -> None:
    result = rag("search", "Oreshnik", "--json", "-k", "3", env=seeded_env)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert hits[0]["source"] == "000_f2c692fe7068c890.txt"
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]
    for hit in hits:
        text = (SEEDS / hit["source"]).read_text("utf-8")
        assert text[hit["start"] : hit["end"]] == hit["text"]


def test_search_prints_readable_ranked_lines(seeded_env: dict[str, str]) -> None:
    result = rag("search", "Crimea parliament speaker", env=seeded_env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1. ")
    assert "000_f2c692fe7068c890.txt" in result.stdout


def test_index_of_a_missing_folder_is_a_clear_error(seeded_env: dict[str, str], tmp_path: Path) -> None:
    result = rag("index", str(tmp_path / "nope"), env=seeded_env)
    assert result.returncode != 0
    assert "does not exist" in " ".join(re.sub("[│╭╮╰╯─]", " ", result.stderr).split())


def test_ask_prints_an_answer_with_markers_and_sources(seeded_env: dict[str, str]) -> None:
    result = rag("ask", "Who is the speaker of Crimea's parliament?", env=seeded_env)
    assert result.returncode == 0, result.stderr
    assert "Konstantinov" in result.stdout and "[1]" in result.stdout
    assert "000_f2c692fe7068c890.txt" in result.stdout


def test_ask_questions_file_answers_each_line_with_its_id(seeded_env: dict[str, str], tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    rows = [
        {"id": "a1", "question": "Which missile did Russian forces test?"},
        {"id": "b2", "question": "What is the population of Canada?"},
        {"id": "c3", "question": "When did the Kremlin announce Putin's readiness for dialogue?"},
    ]
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    result = rag("ask", "--questions", str(questions), "--json", env=seeded_env)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["id"] for a in answers] == ["a1", "b2", "c3"]
    assert [a["question"] for a in answers] == [r["question"] for r in rows]
    assert answers[1]["abstained"] is True and answers[1]["citations"] == []
    for answer in answers:
        for c in answer["citations"]:
            assert (SEEDS / c["source"]).read_text("utf-8")[c["start"] : c["end"]] == c["quote"]


def test_eval_reports_every_metric(seeded_env: dict[str, str], tmp_path: Path) -> None:
    questions = tmp_path / "eval.jsonl"
    rows = [
        {"id": "q1", "question": "Which missile did the Russian Armed Forces test and launch?", "answer": "Oreshnik",
         "evidence_files": ["000_f2c692fe7068c890.txt"], "type": "answerable"},
        {"id": "q2", "question": "Who won the 2018 FIFA World Cup final?", "answer": "Insufficient information.",
         "evidence_files": [], "type": "unanswerable"},
    ]  # fmt: skip
    questions.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    result = rag("eval", str(questions), "--json", env=seeded_env)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["questions"] == 2 and report["answerable"] == 1
    assert report["evidence_at"]["5"] == 1.0
    assert report["contains_gold"] == 1.0
    assert report["citation_precision"] == 1.0
    assert report["abstention_recall"] == 1.0 and report["false_abstention"] == 0.0
    assert report["latency_p50_ms"] > 0
    assert [r["id"] for r in report["results"]] == ["q1", "q2"]
    text = rag("eval", str(questions), env=seeded_env)
    assert text.returncode == 0 and "abstention precision" in text.stdout


def test_ask_without_a_question_is_a_usage_error(seeded_env: dict[str, str]) -> None:
    result = rag("ask", "   ", env=seeded_env)
    assert result.returncode != 0
    assert "empty" in result.stderr


def test_ask_with_an_llm_that_is_not_configured_is_a_clear_error(seeded_env: dict[str, str]) -> None:
    env = {k: v for k, v in seeded_env.items() if not k.startswith("RAG_LLM_")}
    result = rag("ask", "--generator", "openai", "Who is the speaker of Crimea's parliament?", env=env)
    assert result.returncode == 2 and "RAG_LLM_BASE_URL" in result.stderr
    result = rag("ask", "--generator", "gpt-9", "Who?", env=env)
    assert result.returncode == 2 and "extractive, openai, local" in result.stderr


def test_ask_with_the_fake_llm_prints_verified_sentences_and_what_was_dropped(
    seeded_env: dict[str, str], fake_llm_server
) -> None:
    fake_llm_server.llm.reply = (
        "The Russian Armed Forces tested and launched the Oreshnik ballistic missile [{cite:Oreshnik}]. "
        "It was the first hypersonic missile used in combat [{cite:Oreshnik}]."
    )
    env = {
        **seeded_env,
        "RAG_LLM_BASE_URL": fake_llm_server.url,
        "RAG_LLM_MODEL": "fake-model",
        "RAG_LLM_API_KEY": FAKE_KEY,
    }
    result = rag("ask", "--generator", "openai", "--json", "Which missile did the Russian Armed Forces test?", env=env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["generator"] == "openai" and "Oreshnik" in answer["answer"] and "hypersonic" not in answer["answer"]
    assert answer["verification"]["generated"] == 2 and answer["verification"]["kept"] == 1
    shown = rag(
        "ask", "--generator", "openai", "--show-unverified", "Which missile did the Russian Armed Forces test?", env=env
    )
    assert "hypersonic missile used in combat. [unverified]" in shown.stdout
    assert "2 sentences written, 1 verified" in shown.stderr


def test_index_names_each_file_it_added_updated_removed_or_skipped(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    for name in ("a.txt", "b.txt", "c.md"):
        (corpus / name).write_text(f"Title {name}\n\nThe council met on Monday about {name}.\n", "utf-8")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    (corpus / ".DS_Store").write_bytes(b"\x00hidden")
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(corpus)}
    first = rag("index", env=env)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("added 3, updated 0, removed 0, unchanged 0, skipped 1;")
    assert {"added    a.txt", "added    b.txt", "added    c.md"} <= {line.strip() for line in lines}
    assert any(re.fullmatch(r"skipped  photo\.jpg: unsupported file type \(\.jpg\).*", line.strip()) for line in lines)
    assert ".DS_Store" not in first.stdout
    (corpus / "a.txt").write_text("Title a\n\nThe council met again on Tuesday.\n", "utf-8")
    (corpus / "b.txt").unlink()
    second = rag("index", "--json", env=env)
    summary = json.loads(second.stdout)
    assert (summary["updated_files"], summary["removed_files"], summary["added_files"]) == (["a.txt"], ["b.txt"], [])
    assert summary["skipped_files"] == [
        {
            "source": "photo.jpg",
            "reason": "unsupported file type (.jpg); articles are .txt, .md, .html, .htm, .pdf, .docx",
        }
    ]


def test_indexing_another_folder_into_the_same_data_dir_needs_replace(tmp_path: Path) -> None:
    first_corpus, other, data = tmp_path / "first", tmp_path / "other", tmp_path / "data"
    for folder, names in ((first_corpus, ("a.txt", "b.txt")), (other, ("z.txt",))):
        folder.mkdir()
        for name in names:
            (folder / name).write_text(f"Title {name}\n\nSomething happened in {name}.\n", "utf-8")
    env = {**os.environ, "RAG_DATA_DIR": str(data), "RAG_CORPUS_DIR": str(first_corpus)}
    assert rag("index", env=env).returncode == 0
    refused = rag("index", str(other), env=env)
    assert refused.returncode == 2
    assert "2 articles" in refused.stderr and "drop 2" in refused.stderr and "--replace" in refused.stderr
    sources = json.loads(rag("search", "Something happened", "--json", env=env).stdout)
    assert {hit["source"] for hit in sources} == {"a.txt", "b.txt"}  # nothing was dropped
    replaced = rag("index", str(other), "--replace", "--json", env=env)
    assert replaced.returncode == 0, replaced.stderr
    summary = json.loads(replaced.stdout)
    assert (summary["added"], summary["removed"], summary["removed_files"]) == (1, 2, ["a.txt", "b.txt"])
