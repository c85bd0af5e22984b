"""Shared fixtures: the real embedding model once per session, a fresh data dir per test."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.embeddings import SentenceEmbeddings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_DEV = SHARED / "eval" / "seed-dev.jsonl"


def load_questions(path: Path) -> list[dict]:
    if not path.exists():
        pytest.fail(f"{path} is missing: the shared/ folder must sit beside the repository")
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def quote_found(answer, corpus) -> bool:
    """Every citation's quote is the article's text at the citation's offsets."""
    return all(corpus.article(c.article_id).text[c.start : c.end] == c.quote for c in answer.citations)


def chunk_ids(corpus) -> list[str]:
    """Every chunk id of a corpus, sorted."""
    return sorted(chunk.id for doc in corpus.documents() for chunk in corpus.article_chunks(doc["id"]))


@pytest.fixture(scope="session")
def embeddings() -> SentenceEmbeddings:
    settings = Settings()
    return SentenceEmbeddings(settings.embedding_model, precision=settings.embedding_precision)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", _env_file=None)


@pytest.fixture
def assistant(settings: Settings, embeddings: SentenceEmbeddings) -> Assistant:
    return Assistant(settings, embeddings)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory, embeddings: SentenceEmbeddings) -> Assistant:
    """An assistant whose default corpus is ingested; shared, so tests must not change it."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("seeded"), _env_file=None)
    assistant = Assistant(settings, embeddings)
    assistant.ensure_default_corpus()
    return assistant


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def ingest_rows(assistant: Assistant, folder: Path, corpus: str, rows: list[dict]) -> Assistant:
    """Ingest articles given as JSONL rows into `corpus`; the assistant, for fixtures to return."""
    import json

    path = write(folder, f"{corpus}.jsonl", "\n".join(json.dumps(row) for row in rows))
    assistant.ingest(path, corpus)
    return assistant


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThreadedServer:
    """An ASGI app served by uvicorn on a free loopback port, in a thread of the test process."""

    def __init__(self, app) -> None:
        import threading

        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    def __enter__(self):
        import time

        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


class LiveServer(ThreadedServer):
    """The assistant's own app (API and UI)."""

    def __init__(self, assistant: Assistant) -> None:
        from assistant.server import create_app

        self.assistant = assistant
        super().__init__(create_app(assistant))


def serve_seeded(tmp_path_factory, embeddings: SentenceEmbeddings, name: str, **overrides) -> LiveServer:
    settings = Settings(data_dir=tmp_path_factory.mktemp(name), _env_file=None, **overrides)
    assistant = Assistant(settings, embeddings)
    assistant.ensure_default_corpus()
    return LiveServer(assistant)


# --- the browser: Debian's Chromium driven by Playwright -----------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# The two windows every browser test runs in: a laptop's, and a phone's (touch, no hover).
SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
SHOTS = ROOT / "test-output"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install it with `apt-get install -y chromium` (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def local(url: str) -> bool:
    """Whether a request stays on this machine (loopback, or data the page made itself)."""
    from urllib.parse import urlsplit

    return url.startswith(("data:", "blob:", "about:")) or urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")


@pytest.fixture
def window(browser, request):
    """Opens a page in a fresh browser context (empty storage) of a given size.

    Each page records its dialogs and every request that would leave loopback (`.dialogs`, `.foreign`),
    may copy to and read the clipboard, and is screenshot into test-output/ when the test ends.
    """
    opened = []

    def open_window(url: str, size: str = "desktop"):
        context = browser.new_context(**SIZES[size])
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.size, page.dialogs, page.foreign = size, [], []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.on("request", lambda r: None if local(r.url) else page.foreign.append(r.url))
        page.goto(url, wait_until="load")
        opened.append(page)
        return page

    yield open_window
    for number, page in enumerate(opened):
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{request.node.name}-{number}.png"), full_page=True)
        page.context.close()


def screenshot(page, name: str) -> None:
    """A named picture of the window as it is now, for people to look at: test-output/NAME-SIZE.png."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.size}.png"), full_page=True)


def scripted_model(replies: list[str]):
    """Stands in for a generative model that cannot run here: replies come from a script, in order.

    A real LangChain chat model, so the answerer drives it exactly as it drives ChatOpenAI or ChatOllama;
    the messages it was sent are kept in `.seen`.
    """
    import re as _re

    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import AIMessage, AIMessageChunk
    from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult

    class Scripted(BaseChatModel):
        replies: list[str]
        seen: list = []

        @property
        def _llm_type(self) -> str:
            return "scripted"

        def _next(self, messages) -> str:
            self.seen.append(messages)
            reply = self.replies.pop(0)
            if reply == "!unreachable":
                raise ConnectionError("connection refused")
            return reply

        def _generate(self, messages, stop=None, run_manager=None, **kwargs) -> ChatResult:
            return ChatResult(generations=[ChatGeneration(message=AIMessage(content=self._next(messages)))])

        def _stream(self, messages, stop=None, run_manager=None, **kwargs):
            for piece in _re.findall(r"\S+\s*", self._next(messages)):
                yield ChatGenerationChunk(message=AIMessageChunk(content=piece))

    return Scripted(replies=replies, seen=[])


@pytest.fixture
def scripted(seeded):
    """The seeded assistant with a `scripted` answerer registered like any backend; append replies to the list."""
    from assistant import answerers
    from assistant.answerers.extractive import ExtractiveAnswerer
    from assistant.answerers.generative import GenerativeAnswerer

    model = scripted_model([])

    @answerers.register("scripted")
    def create(settings, embeddings):
        return GenerativeAnswerer("scripted", model, embeddings, ExtractiveAnswerer(embeddings), "the test script")

    seeded._answerers.pop("scripted", None)
    seeded.script = model.replies  # the model's own list: pydantic copied the one it was given
    seeded.model = model
    yield seeded
    seeded._answerers.pop("scripted", None)


# --- hostile files: small to send, costly to read unless reading is bounded ----------------------


def pdf_of_pages(content: bytes, pages: int = 1) -> bytes:
    """A PDF whose `pages` pages all show one FlateDecode content stream (compressed: it may inflate a lot)."""
    import zlib

    stream = zlib.compress(content, 9)
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream + b"\nendstream",
        b"<< /Font << /F1 3 0 R >> >>",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 5 0 R >>"] * pages
    return pdf_file(objects)


def pdf_file(objects: list[bytes], info: int | None = None) -> bytes:
    """A PDF of numbered objects (the first the catalog), with its cross-reference table; `info`: the /Info object."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    extra = f" /Info {info} 0 R" if info else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{extra} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


TEXT_OPERATION = b"BT /F1 12 Tf 72 720 Td (The harbour authority said the terminal would reopen.) Tj ET\n"


def pdf_bomb() -> bytes:
    """About 100 KB that inflates to 50 MB of page content (a minute or more of pypdf's parsing)."""
    return pdf_of_pages(TEXT_OPERATION * (50_000_000 // len(TEXT_OPERATION)))


def yaml_alias_bomb() -> str:
    """Markdown of about 300 bytes whose front matter expands, through nested aliases, to 10^9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{b}: &{b} [" + ",".join([f"*{a}"] * 10) + "]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    return "---\n" + "\n".join(lines) + "\ntitle: *i\n---\nThe ferry resumed on Tuesday.\n"


def one_paragraph(characters: int) -> str:
    """News-like prose with no paragraph break, `characters` long."""
    sentence = "The harbour authority in Kobe said on Tuesday that the terminal would reopen after repairs. "
    return (sentence * (characters // len(sentence) + 1))[: characters - 1] + "."
