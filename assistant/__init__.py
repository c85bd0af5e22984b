"""Answers questions about news coverage, every claim cited to the passage it came from."""

from .answer import Answer, Citation, Source
from .chain import Assistant
from .errors import AssistantError
from .settings import Settings

__all__ = ["Answer", "Assistant", "AssistantError", "Citation", "Settings", "Source"]
