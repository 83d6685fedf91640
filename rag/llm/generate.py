"""LLM answers that cannot pass an invention to the user.

retrieve and score evidence (as for extractive answers) -> prompt with numbered passages -> stream the
LLM's output -> verify each sentence as soon as it is complete -> yield the answer so far. Supported
sentences are cited with exact spans; unsupported ones are dropped (or shown marked, when asked). If
nothing is supported, or the LLM cannot be reached, the extractive answer is given instead.

Whether the articles answer the question at all is decided as for extractive answers (the calibrated
evidence bar), before the LLM is asked: a supported sentence can still miss the question, and on the
RealTime QA questions letting the LLM answer below the bar only turned abstentions into off-topic
answers (abstention recall 0.79 -> 0.74, no wrongly abstained question rescued).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from rag.citations import render_text, span_citation
from rag.errors import short_error
from rag.llm.claims import parse_claims
from rag.llm.prompt import build_messages
from rag.llm.verify import IDF, CheckedClaim, Passage, Support, Verifier, VerifyOptions
from rag.schemas import Answer, AnswerSentence, Citation, GeneratorName, Verification

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from llama_index.core.llms import LLM

    from rag.answer.answerer import Evidence

log = logging.getLogger(__name__)
ABSTAIN_TEXT = "The articles do not say"
NOT_ASKED = "No passage comes close enough to the question, so the LLM was not asked."


@dataclass(frozen=True)
class GenerationOptions:
    """How the LLM is asked."""

    passages: int = 4  # retrieved chunks shown to the LLM
    max_tokens: int = 200  # longest answer
    timeout: float = 60.0  # seconds to wait for an OpenAI-compatible endpoint
    threads: int = 2  # CPU threads of an in-process model


class AnswerDraft:
    """The answer as it grows: verified sentences, their citations (numbered in order of first use)."""

    def __init__(
        self, question: str, generator: GeneratorName, model: str, show_unverified: bool, options: VerifyOptions
    ) -> None:
        self.question = question
        self.options = options
        self.generator = generator
        self.model = model
        self.show_unverified = show_unverified
        self.sentences: list[AnswerSentence] = []
        self.citations: list[Citation] = []
        self.checked: list[CheckedClaim] = []

    def add(self, checked: CheckedClaim) -> bool:
        """Record a checked claim; True if the user will see it."""
        self.checked.append(checked)
        if checked.verdict == "unverified":
            if self.show_unverified and not checked.claim.text.startswith(ABSTAIN_TEXT):
                best = checked.best
                self.sentences.append(
                    AnswerSentence(
                        text=checked.claim.text,
                        verdict="unverified",
                        coverage=round(best.coverage, 4) if best else None,
                        similarity=round(best.similarity, 4) if best else None,
                        reason=checked.reason(self.options),
                    )
                )
                return True
            return False
        numbers = [self._cite(s) for s in checked.supports]
        best = checked.supports[0]
        self.sentences.append(
            AnswerSentence(
                text=checked.claim.text,
                citations=list(dict.fromkeys(numbers)),
                verdict=checked.verdict,
                coverage=round(best.coverage, 4),
                similarity=round(best.similarity, 4),
            )
        )
        return True

    def _cite(self, support: Support) -> int:
        chunk = support.passage.chunk
        for c in self.citations:
            if (c.source, c.start, c.end) == (chunk.source, support.start, support.end):
                return c.n
        n = len(self.citations) + 1
        score = (support.coverage + support.similarity) / 2
        self.citations.append(span_citation(n, chunk, support.start, support.end, support.quote, score))
        return n

    @property
    def kept(self) -> int:
        return sum(1 for c in self.checked if c.verdict != "unverified")

    def verification(self, fell_back: bool) -> Verification:
        repaired = sum(1 for c in self.checked if c.verdict == "repaired")
        return Verification(
            model=self.model,
            generated=len(self.checked),
            kept=self.kept,
            repaired=repaired,
            dropped=len(self.checked) - self.kept,
            fell_back=fell_back,
        )

    def snapshot(self) -> Answer:
        return Answer(
            question=self.question,
            answer=render_text(self.sentences),
            abstained=False,
            citations=list(self.citations),
            sentences=list(self.sentences),
            generator=self.generator,
        )


class VerifiedGenerator:
    """Answers with an LLM; only sentences that a cited passage supports reach the user."""

    def __init__(
        self,
        llm: Callable[[], LLM],
        name: GeneratorName,
        verifier: Verifier,
        options: GenerationOptions | None = None,
    ) -> None:
        self._build_llm = llm  # built when first asked: the LLM stack costs ~1 s of imports
        self.name = name
        self.verifier = verifier
        self.options = options or GenerationOptions()

    @cached_property
    def llm(self) -> LLM:
        return self._build_llm()

    @property
    def model(self) -> str:
        return self.llm.metadata.model_name

    def stream(self, evidence: Evidence, extractive: Answer, show_unverified: bool = False) -> Iterator[Answer]:
        """The answer so far, each time a sentence is added; the last one is complete. `extractive` is
        the quoted answer from the same evidence: given instead when the LLM is not asked or fails."""
        question = evidence.question
        if extractive.abstained:
            yield extractive.model_copy(update={"notice": NOT_ASKED})
            return
        if evidence.settled is not None:  # the article's own head answers it: nothing for an LLM to add
            yield extractive
            return
        passages = [Passage.of(n, c) for n, c in enumerate(evidence.chunks_by_evidence()[: self.options.passages], 1)]
        draft = AnswerDraft(question, self.name, self.model, show_unverified, self.verifier.options)
        try:
            for checked in self._checked_claims(evidence.query, passages, evidence.idf):
                if draft.add(checked):
                    yield draft.snapshot()
        except Exception as err:
            log.warning("LLM %s failed: %s", self.model, err)
            what = "stopped early" if draft.kept else "could not answer"
            notice: str | None = f"The LLM {what} ({short_error(err, 160)})."
        else:
            notice = None
        if draft.kept == 0:
            yield self._fallback(extractive, draft, notice=notice)
            return
        final = draft.snapshot()
        final.verification = draft.verification(fell_back=False)
        final.notice = notice
        if evidence.query != question:
            final.resolved_question = evidence.query
        yield final

    def _checked_claims(self, query: str, passages: list[Passage], idf: IDF) -> Iterator[CheckedClaim]:
        """Verify each sentence of the LLM's output as soon as the next one has begun."""
        text, done = "", 0
        for response in self.llm.stream_chat(build_messages(query, passages)):
            text += response.delta or ""
            claims = parse_claims(text)
            complete = [c for c in claims[:-1] if c.start >= done]
            for claim in complete:
                done = claim.end
                yield self.verifier.check(claim, passages, idf, query)
        for claim in parse_claims(text):
            if claim.start >= done:
                yield self.verifier.check(claim, passages, idf, query)

    @staticmethod
    def _fallback(extractive: Answer, draft: AnswerDraft, notice: str | None) -> Answer:
        """The extractive answer, after any unverified sentences already shown (so a stream only grows)."""
        shown = [s for s in draft.sentences if s.verdict == "unverified"]
        answer = extractive.model_copy(
            update={
                "generator": "extractive",
                "sentences": shown + extractive.sentences,
                "verification": draft.verification(fell_back=True) if draft.checked else None,
                "notice": notice,
            }
        )
        if shown:
            answer.answer = render_text(shown) + " " + extractive.answer
        return answer
