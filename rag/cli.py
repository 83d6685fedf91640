"""The `rag` command: the composition root that wires settings into index, answering and serving."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer

from rag.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


def _setup_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s", stream=sys.stderr)


def _or_exit(build, settings: Settings):  # noqa: ANN001, ANN202 - a factory and what it builds
    """Build something that needs the store; a store that cannot be reached is a clear error."""
    from rag.service import is_store_error

    try:
        return build()
    except Exception as err:
        if settings.chroma_url and is_store_error(err):
            typer.echo(f"error: cannot reach the Chroma server at {settings.chroma_url}", err=True)
            raise typer.Exit(1) from None
        raise


GENERATORS = ("extractive", "openai", "local")
GeneratorOption = Annotated[
    str | None, typer.Option("--generator", help="extractive, openai or local (default: RAG_GENERATOR).")
]


def _service_or_exit(settings: Settings, generator: str | None = None):  # noqa: ANN202 - rag.service.RagService
    """The service; a missing LLM or an unreachable store is a clear error, not a traceback."""
    from rag.components import LLMNotConfigured, build_service

    if generator is not None:
        if generator not in GENERATORS:
            raise typer.BadParameter(f"--generator is one of: {', '.join(GENERATORS)}")
        settings.generator = generator  # type: ignore[assignment]
    try:
        return _or_exit(lambda: build_service(settings), settings)
    except LLMNotConfigured as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None


def _corpus_and_scope(settings: Settings, paths: list[Path]) -> tuple[Path, list[Path] | None]:
    """No PATH: the configured corpus. One folder: that folder is the corpus. Otherwise the PATHs
    are files or folders inside the corpus, and only they are rescanned."""
    corpus = settings.corpus_dir
    if not paths:
        return corpus, None
    for path in paths:
        if not path.exists():
            raise typer.BadParameter(f"{path} does not exist")
    if len(paths) == 1 and paths[0].is_dir() and not paths[0].resolve().is_relative_to(corpus.resolve()):
        return paths[0], None
    if len(paths) == 1 and paths[0].resolve() == corpus.resolve():
        return corpus, None
    for path in paths:
        if not path.resolve().is_relative_to(corpus.resolve()):
            raise typer.BadParameter(f"{path} is not inside the corpus folder {corpus}")
    return corpus, paths


@app.command("index")
def index_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Corpus folder, or files/folders in it.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Index the corpus incrementally: only added or changed files are embedded."""
    from index.pipeline import index_corpus
    from rag.components import build_embedder, chunking_config, open_store

    _setup_logging()
    settings = Settings()
    corpus, scope = _corpus_and_scope(settings, paths or [])
    if not corpus.is_dir():
        raise typer.BadParameter(f"corpus folder {corpus} does not exist")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = _or_exit(lambda: open_store(settings), settings)
    summary = index_corpus(
        corpus,
        settings.data_dir,
        store,
        build_embedder(settings),
        chunking_config(settings),
        scope=scope,
        progress=sys.stderr.isatty(),
        commit_chunks=settings.index_commit_chunks,
    )
    if as_json:
        typer.echo(json.dumps(vars(summary), ensure_ascii=False))
    else:
        typer.echo(summary.line())


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many chunks.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Rank chunks by similarity to QUERY."""
    from rag.components import build_embedder, open_store
    from rag.search import dense_search

    _setup_logging()
    settings = Settings()
    hits = dense_search(query, _or_exit(lambda: open_store(settings), settings), build_embedder(settings), k)
    if as_json:
        typer.echo(json.dumps([h.model_dump() for h in hits], ensure_ascii=False))
        return
    for rank, hit in enumerate(hits, 1):
        preview = " ".join(hit.text.split())[:160]
        typer.echo(f"{rank}. {hit.score:.3f}  {hit.source} [{hit.start}:{hit.end}]  {hit.title}\n   {preview}")


@app.command("ask")
def ask_command(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    questions: Annotated[
        Path | None, typer.Option("--questions", help="JSONL file: answer each line's 'question'.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer JSON.")] = False,
    generator: GeneratorOption = None,
    show_unverified: Annotated[
        bool, typer.Option("--show-unverified", help="Show LLM sentences that failed verification, marked.")
    ] = False,
) -> None:
    """Answer from the indexed articles, citing the exact passages (or say they don't contain it)."""
    from rag.evaluate import read_questions

    _setup_logging()
    if (question is None) == (questions is None):
        raise typer.BadParameter("give either a QUESTION or --questions FILE.jsonl")
    if question is not None and not question.strip():
        raise typer.BadParameter("the question is empty")
    rows = read_questions(questions) if questions else [{"question": question}]
    service = _service_or_exit(Settings(), generator)
    for row in rows:
        answer = service.answer(row["question"], show_unverified=show_unverified)
        if as_json:
            payload = ({"id": row["id"]} if "id" in row else {}) | answer.model_dump()
            typer.echo(json.dumps(payload, ensure_ascii=False))
        else:
            _print_answer(answer)


def _print_answer(answer) -> None:  # noqa: ANN001 - rag.schemas.Answer
    if answer.notice:
        typer.echo(f"note: {answer.notice}", err=True)
    typer.echo(answer.answer)
    if answer.verification:
        v = answer.verification
        typer.echo(
            f"  ({v.model}: {v.generated} sentences written, {v.kept} verified, {v.repaired} re-cited, "
            f"{v.dropped} dropped{'; extractive answer given instead' if v.fell_back else ''})",
            err=True,
        )
    for c in answer.citations:
        typer.echo(f"  [{c.n}] {c.title} ({c.source}, chars {c.start}-{c.end})")


@app.command("eval")
def eval_command(
    questions: Annotated[Path, typer.Argument(help="JSONL questions (format of shared/bench/*/questions.jsonl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    generator: GeneratorOption = None,
) -> None:
    """Retrieval, answer and abstention quality, per question and overall."""
    from rag.evaluate import evaluate, read_questions, report_lines

    _setup_logging()
    service = _service_or_exit(Settings(), generator)
    report = evaluate(service.answerer, read_questions(questions), lambda q: service.answer(q))
    if as_json:
        typer.echo(report.model_dump_json())
    else:
        typer.echo("\n".join(report_lines(report)))


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to bind (loopback by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    ui: Annotated[bool, typer.Option("--ui/--no-ui", help="Mount the chat window at /.")] = True,
) -> None:
    """Serve the REST API (/api, /v1, /health, /docs) and the chat window (/) in one process."""
    import os

    import uvicorn

    from rag.server.app import create_app
    from rag.service import StoreUnavailable

    _setup_logging()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    settings = Settings()
    service = _service_or_exit(settings)
    try:
        service.answer("warm up", generator="extractive")  # load the models before the first user waits
    except StoreUnavailable:
        logging.warning("the Chroma server is unreachable; answers will resume when it is back")
    app = create_app(service, settings.api_key)
    if ui:
        from ui.chat import mount_ui  # the composition root is the one place rag meets ui

        app = mount_ui(app, service)
    llms = ", ".join(service.generator_names()[1:]) or "none configured"
    typer.echo(f"Answers: {settings.generator} by default (LLMs: {llms})")
    typer.echo(f"Serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
