"""Process-wide setup, done once where a process starts (the `rag` command, the test session).

Everything here is global to the process by nature: offline switches for the libraries that would
otherwise call home or look for a model hub, the thread count that torch and BLAS read when they
load, and log levels. Nothing else in the project sets environment variables or log levels.
"""

from __future__ import annotations

import logging
import os
import sys

OFFLINE = {
    "HF_HUB_OFFLINE": "1",  # the embedding model is a local folder; never ask the hub
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",  # our own threads do the parallel work
    "GRADIO_ANALYTICS_ENABLED": "False",  # else Gradio calls home at launch
    "ANONYMIZED_TELEMETRY": "False",  # Chroma (also off in its client settings)
}
QUIET_LOGGERS = ("httpx", "chromadb", "bm25s", "sentence_transformers", "transformers", "uvicorn.access")
# Libraries that log a malformed file's details as warnings; the file's skip line already says why.
SILENT_LOGGERS = ("pypdf", "trafilatura", "htmldate", "courlan")


def configure_process(threads: int, log_level: int = logging.WARNING) -> None:
    """Offline switches, CPU threads (read by torch and BLAS when they load) and logging."""
    for name, value in OFFLINE.items():
        os.environ[name] = value
    for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[name] = str(threads)
    _configure_logging(log_level)


def _configure_logging(level: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(level)  # on the handler too: bm25s sets its own logger to DEBUG when imported
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.WARNING))
    for name in SILENT_LOGGERS:
        logging.getLogger(name).setLevel(max(level, logging.ERROR))
