"""The assistant's errors, each carrying a message that says what to do.

    AssistantError
    ├── BadInput              the caller sent something unusable (HTTP 422)
    │   ├── BadQuestion       empty or oversized question
    │   └── BadDocument       a file that cannot be ingested (path and reason)
    ├── NotFound              (HTTP 404)
    │   ├── CorpusNotFound
    │   └── DocumentNotFound
    ├── TooLarge              (HTTP 413)
    └── Unavailable           a model or backend cannot be used (HTTP 503)

The CLI prints `str(error)` on one line; the API maps the class to a status.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: `str(error)` is a complete one-line message."""


class BadInput(AssistantError):
    pass


class BadQuestion(BadInput):
    pass


class BadDocument(BadInput):
    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class NotFound(AssistantError):
    pass


class CorpusNotFound(NotFound):
    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        listed = ", ".join(known) if known else "none yet"
        super().__init__(
            f"corpus {name!r} does not exist (corpora: {listed}); create it with: assistant ingest PATH --corpus {name}"
        )


class DocumentNotFound(NotFound):
    pass


class TooLarge(AssistantError):
    pass


class Unavailable(AssistantError):
    pass
