"""The web server: the API with the chat UI mounted at `/`, behind one access guard (access.py)."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.routing import Mount

from .api import create_api
from .chain import Assistant


def create_app(assistant: Assistant) -> FastAPI:
    import gradio as gr

    from ui.app import CSS, build_ui

    settings = assistant.settings
    settings.upload_dir.mkdir(parents=True, exist_ok=True)
    demo = build_ui(assistant)
    # Gradio keeps uploads, and copies of files its components are handed, under its own temp folder;
    # here both are the data dir's upload folder, the only place the access guard lets a call name.
    for block in demo.blocks.values():
        block.GRADIO_CACHE = str(settings.upload_dir)
    app = create_api(assistant)  # API routes first: the UI mount at "/" catches everything after it
    app = gr.mount_gradio_app(
        app,
        demo,
        path="/",
        footer_links=[],
        run_history=False,
        css=CSS,
        max_file_size=int(settings.max_file_mb * 1e6),
    )
    ui = next(route.app for route in app.routes if isinstance(route, Mount) and route.path == "")
    ui.uploaded_file_dir = str(settings.upload_dir)
    return app
