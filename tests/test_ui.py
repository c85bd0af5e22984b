"""The chat window, driven in headless Chromium (Debian's) by Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import serve_seeded, write

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Plain text is kept verbatim, so its markup must reach the page as text.
HOSTILE_TEXT = (
    "Inspector Lena Marsh said the vessel <img src=x onerror=alert(1)> was <script>alert(2)</script> safe. "
    "Photo: ![pic](http://evil.example/x.png)\n"
)
# Markdown loses its HTML at ingest, its front matter included.
HOSTILE_MD = """---
title: A hostile <b>document</b> <img src=x onerror=alert(3)>
source: Test Wire
---
Harbour officials said the ferry <img src=x onerror=alert(4)> resumed on Tuesday.
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "ui") as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: install it with `apt-get install -y chromium` (make test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server, request, tmp_path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.foreign = []
    page.on("request", lambda r: None if r.url.startswith(server.url) else page.foreign.append(r.url))
    page.goto(server.url + "/", wait_until="load")
    page.locator("#question textarea").wait_for()
    yield page
    shots = Path(request.config.rootpath) / "test-output" / request.node.name
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "final.png"), full_page=True)
    context.close()


def ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")


def test_asking_streams_a_cited_answer_and_the_citation_opens_its_source(page):
    ask(page, "What did Wang say about Taiwan?")
    answer = page.locator("#chat .message-content").last
    link = answer.locator("a.cite")
    link.first.wait_for(timeout=60_000)
    assert "red line" in answer.inner_text()
    assert link.first.inner_text() == "[1]"

    link.first.click()
    active = page.locator("#sources .citation.active")
    active.wait_for(timeout=20_000)
    assert "first red line" in active.locator("mark").inner_text()
    assert "Kyodo News" in page.locator("#sources").inner_text()
    assert page.dialogs == [] and page.foreign == []


def test_an_unanswerable_question_is_declined_in_the_chat(page):
    ask(page, "What is the GDP of China?")
    page.get_by_text("The coverage doesn't say.").wait_for(timeout=60_000)
    assert page.locator("#chat a.cite").count() == 0


def test_examples_are_offered_for_the_corpus(page):
    example = page.get_by_text("What did Wang Yi say?", exact=True)
    example.wait_for(timeout=10_000)
    example.click()
    expect(page.locator("#question textarea")).to_have_value("What did Wang Yi say?", timeout=10_000)


def test_uploaded_hostile_documents_are_listed_cited_and_shown_as_text(page, tmp_path):
    files = [write(tmp_path, "hostile.txt", HOSTILE_TEXT), write(tmp_path, "hostile.md", HOSTILE_MD)]
    page.locator("#upload-corpus input").fill("hostile")
    page.locator("#upload-corpus input").press("Enter")
    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    page.locator("#upload-status").get_by_text("2 articles read").wait_for(timeout=60_000)
    assert {"hostile.txt", "hostile.md"} <= set(page.locator("#documents .doc-id").all_inner_texts())
    expect(page.locator("#corpus input")).to_have_value("hostile", timeout=10_000)

    ask(page, "What did Lena Marsh say?")
    answer = page.locator("#chat .message-content").last
    answer.locator("a.cite").first.wait_for(timeout=60_000)
    shown = answer.inner_text()
    assert "<img src=x onerror=alert(1)>" in shown and "<script>alert(2)</script>" in shown
    answer.locator("a.cite").first.click()
    active = page.locator("#sources .citation.active")
    active.wait_for(timeout=20_000)
    assert "<script>alert(2)</script>" in active.locator("mark").inner_text()
    assert "Photo: ![pic](http://evil.example/x.png)" in active.inner_text()

    ask(page, "When did the ferry resume?")
    page.locator("#chat .message-content").nth(3).locator("a.cite").first.wait_for(timeout=60_000)
    page.locator("#chat .message-content").nth(3).locator("a.cite").first.click()
    expect(page.locator("#sources .title").first).to_have_text("A hostile document", timeout=20_000)
    assert page.locator("#sources img, #chat .message-content img, #documents img").count() == 0
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.foreign == []


@pytest.fixture(scope="module")
def scripted_server(tmp_path_factory, embeddings):
    from assistant import answerers
    from assistant.answerers.extractive import ExtractiveAnswerer
    from assistant.answerers.generative import GenerativeAnswerer

    from .conftest import scripted_model

    model = scripted_model([])

    @answerers.register("scripted")
    def create(settings, embeddings):
        return GenerativeAnswerer("scripted", model, embeddings, ExtractiveAnswerer(embeddings), "the test script")

    with serve_seeded(tmp_path_factory, embeddings, "ui-scripted", answerer="scripted") as live:
        live.script = model.replies
        yield live


def test_a_generated_sentence_the_sources_do_not_bear_out_is_struck_through(browser, scripted_server):
    question = "What did Wang say about Taiwan?"
    documents = scripted_server.assistant.retriever("default").invoke(question)
    n = next(i for i, d in enumerate(documents, start=1) if "first red line" in d.page_content)
    scripted_server.script.append(
        f'Wang warned that the Taiwan issue is "the first red line that must not be crossed" [{n}]. '
        f"He also announced a trade deal with Brazil worth ten billion dollars [{n}]."
    )
    page = browser.new_page()
    page.goto(scripted_server.url + "/", wait_until="load")
    expect(page.locator("#answerer input")).to_have_value("scripted", timeout=10_000)
    ask(page, question)
    struck = page.locator("#chat s.unsupported")
    struck.wait_for(timeout=60_000)
    assert "Brazil" in struck.inner_text()
    assert "first red line" in page.locator("#chat .message-content").last.inner_text()
    assert page.locator("#chat a.cite").count() >= 1
    page.close()


def test_with_a_key_set_the_window_asks_for_it_once_then_answers(browser, tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "ui-locked", api_key="s3cret") as locked:
        page = browser.new_page()
        page.goto(locked.url + "/", wait_until="load")
        assert page.url.endswith("/login?next=/")
        page.locator("#key").fill("wrong")
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("alert").wait_for(timeout=10_000)
        assert "not the key" in page.get_by_role("alert").inner_text()
        page.locator("#key").fill("s3cret")
        page.get_by_role("button", name="Log in").click()
        page.locator("#question textarea").wait_for(timeout=30_000)
        ask(page, "What did Wang say about Taiwan?")
        page.locator("#chat .message-content").last.locator("a.cite").first.wait_for(timeout=60_000)
        assert "red line" in page.locator("#chat .message-content").last.inner_text()
        page.close()
