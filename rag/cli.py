"""The `rag` command: where a process starts, settings are read and the parts are wired together."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from rag.runtime import configure_process
from rag.schemas import GENERATOR_NAMES
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.schemas import Answer
    from rag.service import RagService

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Answer questions from a folder of news articles, citing the exact passage behind every claim.\n\n"
    "Start with `rag index` (reads RAG_CORPUS_DIR, default seeds/), then `rag ask QUESTION` or `rag serve`.",
)
T = TypeVar("T")
GeneratorOption = Annotated[
    str | None,
    typer.Option("--generator", help="Who writes the answer: extractive (quotes), openai or local (an LLM, verified)."),
]


@app.callback()
def main() -> None:
    """Set up the process once, before any command runs."""
    configure_process(threads=Settings().embed_threads)


def _or_exit(build: Callable[[], T], settings: Settings) -> T:
    """Build something that needs the store; a store that cannot be reached is a clear error."""
    from rag.errors import is_store_error

    try:
        return build()
    except Exception as err:
        if settings.chroma_url and is_store_error(err):
            typer.echo(f"error: cannot reach the Chroma server at {settings.chroma_url}", err=True)
            raise typer.Exit(1) from None
        raise


def _service_or_exit(settings: Settings) -> RagService:
    """The service; a missing LLM or an unreachable store is a clear error, not a traceback."""
    from rag.wiring import LLMNotConfigured, build_service

    try:
        return _or_exit(lambda: build_service(settings), settings)
    except LLMNotConfigured as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None


def _with_generator(settings: Settings, generator: str | None) -> Settings:
    if generator is None:
        return settings
    if generator not in GENERATOR_NAMES:
        raise typer.BadParameter(f"--generator is one of: {', '.join(GENERATOR_NAMES)}")
    return settings.model_copy(update={"generator": generator})


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
    paths: Annotated[
        list[Path] | None, typer.Argument(help="A corpus folder, or files and folders inside the corpus.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="Index another corpus folder in place of the one indexed before.")
    ] = False,
) -> None:
    """Index the articles: only added or changed files are embedded, removed ones are dropped."""
    import dataclasses

    from index.lock import IndexBusy
    from index.pipeline import CorpusChanged, IndexTarget, index_corpus
    from rag.wiring import build_embedder, build_query_encoder, index_lock, index_options, open_store

    settings = Settings()
    corpus, scope = _corpus_and_scope(settings, paths or [])
    if not corpus.is_dir():
        raise typer.BadParameter(f"corpus folder {corpus} does not exist")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store, catalog = _or_exit(lambda: open_store(settings), settings)
    try:
        summary = index_corpus(
            corpus,
            IndexTarget(store, catalog, index_lock(settings, catalog), settings.data_dir),
            build_embedder(settings),
            dataclasses.replace(index_options(settings), replace=replace),
            scope=scope,
            progress=True,
            sentence_encoder=build_query_encoder(settings) if settings.sentence_vectors else None,
        )
    except IndexBusy as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(3) from None
    except CorpusChanged as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(vars(summary), ensure_ascii=False))
        return
    typer.echo(summary.line())
    for line in summary.file_lines():
        typer.echo(f"  {line}")


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the indexed passages closest in meaning to QUERY, with their files and offsets."""
    settings = Settings()
    hits = _service_or_exit(settings).search(query, k)
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
        Path | None, typer.Option("--questions", help="A JSONL file: answer each line's 'question'.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as JSON.")] = False,
    generator: GeneratorOption = None,
    show_unverified: Annotated[
        bool, typer.Option("--show-unverified", help="Also show LLM sentences that failed the check, marked.")
    ] = False,
    since: Annotated[
        datetime | None, typer.Option("--since", formats=["%Y-%m-%d"], help="Only articles published on or after.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option("--until", formats=["%Y-%m-%d"], help="Only articles published on or before.")
    ] = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="The day asked on: what 'this week' counts from (default: today)."
        ),
    ] = None,
) -> None:
    """Answer from the indexed articles, quoting the exact passages (or say they don't contain the answer)."""
    from rag.evaluate import read_questions
    from rag.schemas import AnswerRequest

    if (question is None) == (questions is None):
        raise typer.BadParameter("give either a QUESTION or --questions FILE.jsonl")
    if question is not None and not question.strip():
        raise typer.BadParameter("the question is empty")
    rows = read_questions(questions) if questions else [{"question": question}]
    if since and until and since > until:
        raise typer.BadParameter("--since is after --until")
    service = _service_or_exit(_with_generator(Settings(), generator))
    dates = {"since": since.date() if since else None, "until": until.date() if until else None}
    for row in rows:
        asked_on = as_of.date() if as_of else row.get("as_of")
        request = AnswerRequest(question=row["question"], show_unverified=show_unverified, as_of=asked_on, **dates)
        answer = service.answer(request)
        if as_json:
            payload = ({"id": row["id"]} if "id" in row else {}) | answer.model_dump()
            typer.echo(json.dumps(payload, ensure_ascii=False))
        else:
            _print_answer(answer)


def _print_answer(answer: Answer) -> None:
    from rag.citations import page_label

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
        pages = f", {page_label(c.pages)}" if c.pages else ""
        published = f", {c.published}" if c.published else ""
        typer.echo(f"  [{c.n}] {c.title} ({c.source}{published}{pages}, chars {c.start}-{c.end})")


@app.command("eval")
def eval_command(
    questions: Annotated[Path, typer.Argument(help="JSONL questions (format of shared/bench/*/questions.jsonl).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    generator: GeneratorOption = None,
) -> None:
    """Measure answers on questions with known answers: retrieval, accuracy, citations, abstention, latency."""
    from rag.evaluate import evaluate, read_questions, report_lines

    service = _service_or_exit(_with_generator(Settings(), generator))
    report = evaluate(service, read_questions(questions))
    typer.echo(report.model_dump_json() if as_json else "\n".join(report_lines(report)))


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to listen on (only this machine by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port.")] = 8000,
    ui: Annotated[bool, typer.Option("--ui/--no-ui", help="Serve the chat window at /.")] = True,
) -> None:
    """Serve the chat window (/), the REST API (/api, /v1, /health) and its docs (/docs)."""
    import logging

    import uvicorn

    from rag.errors import StoreUnavailable
    from rag.schemas import AnswerRequest
    from rag.server.app import create_app
    from rag.service import WARM_UP_QUESTION
    from rag.wiring import build_documents, chat_secret, server_options

    settings = Settings()
    service = _service_or_exit(settings)
    try:  # load the models before the first user waits
        service.answer(AnswerRequest(question=WARM_UP_QUESTION, generator="extractive"))
    except StoreUnavailable:
        logging.warning("the Chroma server is unreachable; answers will resume when it is back")
    documents = build_documents(settings)
    app = create_app(service, server_options(settings), documents)
    if ui:
        from ui.chat import mount_ui  # the one place rag meets ui

        app = mount_ui(app, service, chat_secret(settings), documents)
    llms = ", ".join(service.generator_names()[1:]) or "none configured"
    typer.echo(f"Answers: {settings.generator} by default (LLMs: {llms})")
    typer.echo(f"Serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
