"""The web server: the API with the chat UI mounted at `/`."""

from __future__ import annotations

from fastapi import FastAPI

from .api import create_api
from .chain import Assistant


def create_app(assistant: Assistant) -> FastAPI:
    import gradio as gr

    from ui.app import CSS, build_ui

    app = create_api(assistant)  # API routes first: the UI mount at "/" catches everything after it
    return gr.mount_gradio_app(
        app,
        build_ui(assistant),
        path="/",
        footer_links=[],
        css=CSS,
        max_file_size=int(assistant.settings.max_file_mb * 1e6),
    )
