"""The HTTP API over one `Assistant`: /v1 routes, OpenAI-compatible chat completions, /healthz.

Errors share one JSON shape, OpenAI's: `{"error": {"message", "type", "code"}}`, so
OpenAI clients surface the message. Assistant errors map to statuses by class
(see errors.py); oversized bodies get 413 before they are read.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Iterator
from importlib.resources import files
from pathlib import PurePosixPath
from typing import Annotated, Literal

from fastapi import APIRouter, FastAPI, File, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import answerers
from .access import DOCS_ASSETS, Guard, error, read_body, replay
from .answer import Answer, safe_markdown
from .chain import Assistant
from .errors import AssistantError, BadInput, NotFound, TooLarge, Unavailable

STATUS = [(BadInput, 422), (NotFound, 404), (TooLarge, 413), (Unavailable, 503), (AssistantError, 500)]
log = logging.getLogger(__name__)


class ContentPart(BaseModel):
    """One part of a message's content, as OpenAI sends it; only text parts are read."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class Message(BaseModel):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        if isinstance(self.content, list):
            return "".join(part.text or "" for part in self.content if part.type == "text")
        return self.content or ""


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(description="What to ask, in plain words.")
    corpus: str | None = Field(default=None, description="Corpus to ask; the active one when omitted.")
    history: list[Message] = Field(default_factory=list, description="Earlier turns, oldest first.")
    answerer: str | None = Field(default=None, description="Answer backend; the configured one when omitted.")


class ChatRequest(BaseModel):
    """OpenAI's chat completion request; sampling parameters are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(description="The corpus to ask (GET /v1/models lists them).")
    messages: list[Message] = Field(min_length=1)
    stream: bool = False
    answerer: str | None = Field(default=None, description="Answer backend (pass through extra_body).")


def create_api(assistant: Assistant) -> FastAPI:
    """The FastAPI app with every API route; the UI is mounted on it elsewhere."""
    settings = assistant.settings
    app = FastAPI(
        title="News assistant",
        description="Answers questions about news coverage; every claim is cited to its passage.",
        version="0.1.0",
        docs_url=None,  # served by _add_docs, with local assets
        redoc_url=None,
    )
    _add_docs(app)
    app.add_middleware(
        BodyLimit, json_limit=settings.max_request_kb * 1024, upload_limit=int(settings.max_upload_mb * 1e6)
    )
    # Added last, so it runs first: a request without the key is refused before its body is read.
    key = settings.api_key.get_secret_value() if settings.api_key else None
    app.add_middleware(Guard, key=key, session_hours=settings.session_hours, upload_dir=settings.upload_dir)

    v1 = APIRouter(prefix="/v1")

    @v1.post("/ask", response_model=Answer, summary="Ask a question; get a cited answer")
    def ask(request: AskRequest) -> Answer:
        history = [{"role": m.role, "content": m.text()} for m in request.history]
        return assistant.ask(request.question, history, corpus=request.corpus, answerer=request.answerer)

    @v1.post("/chat/completions", summary="OpenAI-compatible chat; `model` names the corpus")
    def chat_completions(request: ChatRequest):
        turns = [m for m in request.messages if m.role in ("user", "assistant")]
        if not turns or turns[-1].role != "user":
            raise BadInput("the last message must come from the user and hold the question")
        question = assistant.check_question(turns[-1].text())
        history = [{"role": m.role, "content": m.text()} for m in turns[:-1]]
        assistant.store.corpus(request.model)  # 404 now, not mid-stream
        options = {"corpus": request.model, "answerer": request.answerer}
        completion_id, created = f"chatcmpl-{uuid.uuid4().hex}", int(time.time())
        if request.stream:
            events = assistant.stream(question, history, **options)
            return StreamingResponse(
                _sse(events, completion_id, created, request.model), media_type="text/event-stream"
            )
        answer = assistant.ask(question, history, **options)
        return {
            "id": completion_id,
            "object": "chat.completion",
            "created": created,
            "model": request.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": answer.to_markdown()},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            "citations": [citation.model_dump() for citation in answer.citations],
        }

    @v1.get("/models", summary="The corpora, as OpenAI models")
    def models():
        return {
            "object": "list",
            "data": [
                {"id": info.name, "object": "model", "created": int(info.updated), "owned_by": "news-assistant"}
                for info in assistant.corpora()
            ],
        }

    @v1.get("/answerers", summary="The answer backends")
    def list_answerers():
        return {"answerers": answerers.names(), "default": settings.answerer}

    @v1.get("/corpora", summary="List corpora")
    def corpora():
        return {"corpora": [{**info.__dict__, "active": info.name == settings.corpus} for info in assistant.corpora()]}

    @v1.post("/corpora/{name}/documents", status_code=201, summary="Upload documents into a corpus")
    def upload(name: str, files: Annotated[list[UploadFile], File(description=".txt .md .html .pdf .jsonl files")]):
        limit = settings.max_file_mb * 1e6
        contents = []
        for upload in files:
            data = upload.file.read()
            if len(data) > limit:
                raise TooLarge(
                    f"{upload.filename} is {len(data) / 1e6:.1f} MB, over the {settings.max_file_mb:g} MB "
                    "limit; split it or raise ASSISTANT_MAX_FILE_MB"
                )
            contents.append((upload.filename or "upload", data))
        report = assistant.ingest_uploads(contents, name)
        if not report.read:
            raise BadInput("nothing could be ingested: " + "; ".join(str(problem) for problem in report.skipped))
        return report.to_dict()

    @v1.get("/corpora/{name}/documents", summary="List a corpus's documents")
    def documents(name: str):
        return {"corpus": name, "documents": assistant.store.corpus(name).documents()}

    @v1.delete("/corpora/{name}/documents/{document_id:path}", summary="Remove a document from a corpus")
    def delete_document(name: str, document_id: str):
        result = assistant.store.remove_article(name, document_id)
        return {"deleted": document_id, "articles": result.articles, "chunks": result.chunks}

    @v1.delete("/corpora/{name}", summary="Delete a corpus and its index")
    def delete_corpus(name: str):
        assistant.store.delete(name)
        return {"deleted": name}

    @v1.api_route("/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(path: str, request: Request):
        # Last, so it only catches what no route above matched: the API's 404, not the UI's.
        raise NotFound(f"no API route {request.method} /v1/{path}; the routes are listed at /docs")

    app.include_router(v1)

    @app.get("/healthz", summary="Liveness: says only that the server is up")
    def healthz():
        return {"status": "ok"}

    @app.exception_handler(AssistantError)
    def assistant_error(request: Request, problem: AssistantError) -> JSONResponse:
        status = next(code for kind, code in STATUS if isinstance(problem, kind))
        return error(status, str(problem), type(problem).__name__)

    @app.exception_handler(RequestValidationError)
    def validation_error(request: Request, problem: RequestValidationError) -> JSONResponse:
        return error(422, "invalid request: " + "; ".join(map(_describe, problem.errors())), "invalid_request_error")

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, problem: StarletteHTTPException) -> JSONResponse:
        return error(problem.status_code, str(problem.detail), "http_error", problem.headers)

    @app.exception_handler(Exception)
    def unexpected(request: Request, problem: Exception) -> JSONResponse:
        # A bug, not the client's fault: still the API's JSON shape, and the details go to the log.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error(500, f"internal error ({type(problem).__name__}); the server log has the details", "server_error")

    return app


def _add_docs(app: FastAPI) -> None:
    """/docs (Swagger UI) and /redoc with their assets from the fastapi-offline package: FastAPI's own
    pages load them from a CDN, so offline they stay blank."""
    folder = files("fastapi_offline") / "static"
    asset = {PurePosixPath(path).name: path for path in DOCS_ASSETS}

    def serve(name: str):
        return lambda: FileResponse(str(folder / name))

    for name, path in asset.items():
        app.add_api_route(path, serve(name), methods=["GET"], include_in_schema=False)

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=asset["swagger-ui-bundle.js"],
            swagger_css_url=asset["swagger-ui.css"],
            swagger_favicon_url=asset["favicon.png"],
            oauth2_redirect_url="/docs/oauth2-redirect",
        )

    @app.get("/docs/oauth2-redirect", include_in_schema=False)
    def swagger_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=asset["redoc.standalone.js"],
            redoc_favicon_url=asset["favicon.png"],
            with_google_fonts=False,
        )
        # ReDoc always shows its maker's logo from the maker's server; images from here only keep it home.
        page.headers["Content-Security-Policy"] = "img-src 'self' data: blob:"
        return page


def _describe(problem: dict) -> str:
    if problem["type"] == "json_invalid":
        reason = problem.get("ctx", {}).get("error", "decode error")
        return f"the body is not valid JSON ({reason} at character {problem['loc'][-1]})"
    where = ".".join(str(part) for part in problem["loc"] if part != "body") or "body"
    return f"{where}: {problem['msg']}"


def _sse(events: Iterator[str | Answer], completion_id: str, created: int, model: str) -> Iterator[str]:
    """OpenAI's chunk stream: role, content deltas with [^n] footnote markers, the note, footnotes, citations,
    [DONE].

    Content is markdown made safe (answer.safe_markdown). Whatever goes wrong mid-stream ends it with
    an error event and [DONE], never a cut connection.
    """

    def chunk(delta: dict, finish: str | None = None, **extra) -> str:
        body = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            **extra,
        }
        return f"data: {json.dumps(body)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        pending = ""
        for event in events:
            if isinstance(event, Answer):
                if pending:
                    yield chunk({"content": safe_markdown(pending)})
                if event.note:
                    yield chunk({"content": event.noted()})
                notes = event.footnotes()
                if notes:
                    yield chunk({"content": "\n\n" + notes})
                yield chunk({}, "stop", citations=[c.model_dump() for c in event.citations])
                break
            # A marker or a tag may arrive split across pieces ("[", "1", "]"): hold back an unfinished one.
            pending += event
            cut = _safe_prefix(pending)
            if cut:
                yield chunk({"content": safe_markdown(pending[:cut])})
                pending = pending[cut:]
    except AssistantError as problem:
        yield f"data: {json.dumps({'error': {'message': str(problem), 'type': type(problem).__name__}})}\n\n"
    except Exception as problem:
        log.exception("unhandled error while streaming")
        message = f"internal error ({type(problem).__name__}); the server log has the details"
        yield f"data: {json.dumps({'error': {'message': message, 'type': 'server_error'}})}\n\n"
    yield "data: [DONE]\n\n"


_UNFINISHED = re.compile(r"\[\d*$|<[^<>]{0,500}$|\bon[a-z]*\s*$", re.IGNORECASE)


def _safe_prefix(text: str) -> int:
    """Length of the part of `text` that cannot be the start of an unfinished marker, tag or `on…=`."""
    match = _UNFINISHED.search(text)
    return match.start() if match else len(text)


class BodyLimit:
    """ASGI middleware: 413 for a /v1 request body over its limit, checked before the app reads it."""

    UPLOAD = re.compile(r"^/v1/corpora/[^/]+/documents/?$")

    def __init__(self, app, json_limit: int, upload_limit: int) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/"):
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if self.UPLOAD.match(scope["path"]) else self.json_limit
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(scope, receive, send, limit)
            return
        if declared is None and scope["method"] in ("POST", "PUT", "PATCH"):
            # No length given (chunked): read up to the limit, then replay what was read.
            body = await read_body(receive, limit)
            if body is None:
                await self._reject(scope, receive, send, limit)
                return
            await self.app(scope, replay(body, receive), send)
            return
        await self.app(scope, receive, send)

    async def _reject(self, scope, receive, send, limit: int) -> None:
        size = f"{limit / 1e6:g} MB" if limit >= 1e6 else f"{limit // 1024} KB"
        response = error(
            413,
            f"request body over the {size} limit; send less "
            "(limits: ASSISTANT_MAX_REQUEST_KB, ASSISTANT_MAX_UPLOAD_MB)",
            "request_too_large",
        )
        await response(scope, receive, send)
