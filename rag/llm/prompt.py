"""The prompt: numbered passages, the question, and the rule to cite [n] after every sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from llama_index.core.llms import ChatMessage

    from rag.llm.verify import Passage

SYSTEM = (
    "You answer questions about news articles using only the numbered passages you are given. "
    "Answer in one to three short sentences. After every sentence write the number of the passage "
    "that says it, in square brackets, for example [2]. Do not add facts that are not in the passages. "
    "If the passages do not answer the question, reply only: The articles do not say."
)


def passage_block(passage: Passage) -> str:
    chunk = passage.chunk
    return f"[{passage.n}] {chunk.title}\n{' '.join(chunk.text.split())}"


def build_messages(question: str, passages: Sequence[Passage]) -> list[ChatMessage]:
    from llama_index.core.llms import ChatMessage, MessageRole

    context = "\n\n".join(passage_block(p) for p in passages)
    user = f"Passages:\n\n{context}\n\nQuestion: {question}\nAnswer with [n] after every sentence."
    return [
        ChatMessage(role=MessageRole.SYSTEM, content=SYSTEM),
        ChatMessage(role=MessageRole.USER, content=user),
    ]
