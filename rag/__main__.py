"""`python -m rag ...` is the `rag` command (the server runs `rag index` this way for uploads)."""

from rag.cli import app

app()
