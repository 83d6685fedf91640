"""The settings object: one default per value, frozen, bounded, read from RAG_* variables."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from index.embedder import Embedder
from index.pipeline import IndexOptions
from rag.answer.answerer import AnswerOptions
from rag.answer.compose import ComposeOptions
from rag.llm.generate import GenerationOptions
from rag.llm.verify import VerifyOptions
from rag.settings import Settings
from rag.wiring import answer_options, generation_options, index_options, verify_options


def test_defaults_come_from_the_options_they_set() -> None:
    settings = Settings()
    assert answer_options(settings).retrieve_k == AnswerOptions().retrieve_k
    assert answer_options(settings).compose == ComposeOptions()
    assert index_options(settings) == IndexOptions()
    assert verify_options(settings) == VerifyOptions()
    assert generation_options(settings) == GenerationOptions()
    assert (settings.embed_batch_size, settings.embed_precision) == (Embedder.batch_size, Embedder.precision)


def test_environment_variables_set_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_RETRIEVE_K", "7")
    monkeypatch.setenv("RAG_ABSTAIN_BELOW", "0.5")
    settings = Settings()
    assert answer_options(settings).retrieve_k == 7 and answer_options(settings).compose.abstain_below == 0.5


def test_settings_are_frozen() -> None:
    with pytest.raises(ValidationError):
        Settings().retrieve_k = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("name", "value"),
    [("retrieve_k", 0), ("retrieve_k", 51), ("embed_threads", 0), ("abstain_below", -1), ("llm_timeout", 0)],
)
def test_out_of_range_values_are_refused(name: str, value: float) -> None:
    with pytest.raises(ValidationError):
        Settings(**{name: value})
