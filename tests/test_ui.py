"""The chat window, driven in headless Chromium (Debian's) by Playwright, at a laptop's and a phone's size."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from assistant.answerers import Answerer

from .conftest import local, screenshot, serve_seeded, write

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
FERRY = "Harbour officials in Kobe said the ferry to Awaji resumed on Tuesday after the storm.\n"
HEADLINE = "Top U.S. diplomat, Chinese vice president hold talks in New York"
TAIWAN = "What did Wang say about Taiwan?"


@pytest.fixture(scope="module")
def server(tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "ui") as live:
        yield live


@pytest.fixture(params=["desktop", "phone"])
def size(request) -> str:
    return request.param


@pytest.fixture
def page(window, server, size):
    page = window(server.url + "/", size)
    page.locator("#question textarea").wait_for()
    return page


def ask(page, question: str) -> None:
    page.locator("#question textarea").fill(question)
    page.locator("#question textarea").press("Enter")


def answered(page, nth: int = -1):
    """The nth answer once it is finished (its footer is drawn with the final answer, not while it streams)."""
    answers = page.locator("#chat .answer")
    answer = answers.last if nth == -1 else answers.nth(nth)
    answer.locator(".answer-foot").wait_for(timeout=60_000)
    return answer


def open_section(page, name: str) -> None:
    """Opens an accordion ("Add articles", "Documents") of the side column, if it is closed."""
    section = page.locator({"Add articles": "#add-articles", "Documents": "#documents-panel"}[name])
    section.scroll_into_view_if_needed()
    if not section.locator("#upload, #documents").first.is_visible():
        section.get_by_text(name, exact=True).first.click()
    section.locator("#upload, #documents").first.wait_for()


def pick_target(page, name: str) -> None:
    field = page.locator("#upload-corpus input")
    field.fill(name)
    field.press("Enter")


# --- 1. a blank question ----------------------------------------------------------------------


def test_a_blank_question_is_ignored_with_a_note_and_nothing_is_cleared(page):
    screenshot(page, "empty-page")
    ask(page, TAIWAN)
    answered(page)
    expect(page.locator("#sources mark").first).to_contain_text("first red line")

    for blank in ("", "   "):
        page.locator("#question textarea").fill(blank)
        page.locator("#question textarea").press("Enter")
        expect(page.locator("#question-note")).to_contain_text("empty", timeout=10_000)
        page.locator("#question textarea").press_sequentially("a")  # typing clears the note
        expect(page.locator("#question-note")).to_have_text("")
    page.locator("#question textarea").fill("")
    page.locator("#question").get_by_role("button", name="Ask").click()
    expect(page.locator("#question-note")).to_contain_text("empty", timeout=10_000)

    page.wait_for_timeout(500)
    assert page.locator("#chat .message-content").count() == 2
    assert "red line" in page.locator("#chat .answer").inner_text()
    assert "first red line" in page.locator("#sources mark").first.inner_text()


# --- 2 and 6. corpora: read fresh, answers labelled, switching offered ---------------------------


def test_corpora_are_read_fresh_when_the_page_loads(page, server):
    name = f"fresh-{page.size}"
    server.assistant.ingest_uploads([("ferry.txt", FERRY.encode())], name)  # after the page was built
    page.reload(wait_until="load")
    for dropdown in ("#corpus", "#upload-corpus"):
        if dropdown == "#upload-corpus":
            open_section(page, "Add articles")
        page.locator(f"{dropdown} input").click()
        expect(page.get_by_role("option", name=name, exact=True)).to_be_visible(timeout=10_000)
        page.locator(f"{dropdown} input").press("Escape")
        # On a busy machine the list can outlive the key press; the next dropdown's list would then be a second one.
        expect(page.get_by_role("option", name=name, exact=True)).to_be_hidden(timeout=10_000)


def test_an_upload_into_a_new_corpus_offers_to_switch_and_each_answer_names_its_corpus(page, tmp_path):
    name = f"ferries-{page.size}"
    ask(page, TAIWAN)
    assert "default" in answered(page).locator(".answer-corpus").inner_text()

    open_section(page, "Add articles")
    pick_target(page, name)
    page.locator("#upload input[type=file]").set_input_files(str(write(tmp_path, "ferry.txt", FERRY)))
    page.locator("#upload-status").get_by_text(f"Added 1 article (1 passage) to {name}").wait_for(timeout=60_000)
    expect(page.locator("#corpus input")).to_have_value("default")  # not switched behind the user's back

    page.get_by_role("button", name=f"Ask {name} now").click()
    expect(page.locator("#corpus input")).to_have_value(name, timeout=10_000)
    expect(page.get_by_role("button", name=f"Ask {name} now")).to_be_hidden()
    ask(page, "When did the ferry resume?")
    assert name in answered(page, 1).locator(".answer-corpus").inner_text()
    assert "default" in page.locator("#chat .answer").first.locator(".answer-corpus").inner_text()


# --- 3. copy ----------------------------------------------------------------------------------


def test_copy_gives_the_answer_as_plain_text_with_its_sources_as_lines(page):
    ask(page, TAIWAN)
    answer = answered(page)
    answer.get_by_role("button", name="Copy").click()
    expect(answer.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "<" not in copied and "&#" not in copied and "&quot;" not in copied
    lines = copied.split("\n")
    said = next(line for line in lines if line.endswith("[1]"))  # after the short answer, if there is one
    assert "the first red line" in said and lines[lines.index(said) + 1] == ""
    source = next(line for line in lines if line.startswith("[1] "))
    assert source.startswith(f"[1] {HEADLINE}, Kyodo News, 2023-09: \u201c")
    assert "first red line" in source and source.endswith("\u201d")


# --- 4. citations -----------------------------------------------------------------------------


def test_a_citation_opens_its_passage_where_the_reader_is(page):
    ask(page, TAIWAN)
    link = answered(page).locator("a.cite").first
    assert link.inner_text() == "[1]"
    card = page.locator("#chat .passage").first
    if page.size == "phone":
        # The sources panel is far below on a phone: the passage opens in place, under the answer.
        link.tap()
        expect(card).to_be_visible()
        expect(card).to_be_in_viewport()
        assert "first red line" in card.locator("mark").inner_text()
        expect(page.locator("#sources")).not_to_be_in_viewport()
        screenshot(page, "answer-with-source")
        link.tap()
        expect(card).to_be_hidden()
    else:
        link.hover()
        preview = page.locator("#cite-preview")
        expect(preview).to_be_visible()
        assert "first red line" in preview.inner_text()
        page.mouse.move(0, 0)
        expect(preview).to_be_hidden()
        page.locator("#question textarea").focus()
        for _ in range(12):  # back up by keyboard to the marker: focus previews it too
            page.keyboard.press("Shift+Tab")
            if page.evaluate("document.activeElement.classList.contains('cite')"):
                break
        expect(preview).to_be_visible()
        assert "first red line" in preview.inner_text()

        link.click()
        active = page.locator("#sources .citation.active")
        expect(active).to_be_visible(timeout=20_000)
        assert "first red line" in active.locator("mark").inner_text()
        expect(card).to_be_hidden()  # the panel beside the chat shows it
        screenshot(page, "answer-with-source")
    assert "Kyodo News" in page.locator("#sources").inner_text()
    assert page.dialogs == [] and page.foreign == []


def test_an_unanswerable_question_is_declined_in_the_chat(page):
    ask(page, "What is the GDP of China?")
    expect(answered(page).locator(".answer-text")).to_have_text("The coverage doesn't say.")
    assert page.locator("#chat a.cite").count() == 0


# --- 5. upload feedback -----------------------------------------------------------------------


def test_upload_results_show_under_the_control_and_a_bad_name_keeps_the_files(page, tmp_path):
    name = f"words-{page.size}"
    files = [write(tmp_path, "ferry.txt", FERRY), write(tmp_path, "empty.txt", "")]
    open_section(page, "Add articles")
    page.locator("#upload-corpus input").fill("")
    page.locator("#upload-corpus input").press_sequentially("Bad Name")  # checked as typed, before any file
    expect(page.locator("#upload-corpus-note")).to_contain_text("invalid corpus name", timeout=10_000)
    page.locator("#upload-corpus input").press("Enter")

    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    expect(page.locator("#upload-status")).to_contain_text("files are kept", timeout=30_000)
    expect(page.locator("#upload")).to_contain_text("ferry")
    page.locator("#upload-corpus input").fill("")
    page.locator("#upload-corpus input").press_sequentially(name)
    expect(page.locator("#upload-corpus-note")).to_contain_text(f'A new corpus "{name}" will be made', timeout=10_000)
    page.locator("#upload-corpus input").press("Enter")
    page.get_by_role("button", name="Add these files").click()

    status = page.locator("#upload-status")
    expect(status).to_contain_text(f"Added 1 article (1 passage) to {name}; skipped 1:", timeout=60_000)
    expect(status).to_contain_text("empty.txt: the file is empty")
    expect(status).to_be_in_viewport()
    expect(page.locator("#upload-corpus-note")).to_have_text("")  # made: no longer new
    screenshot(page, "upload")


# --- 7. the API docs --------------------------------------------------------------------------


def test_the_api_docs_render_with_nothing_fetched_from_elsewhere(window, server, size):
    page = window(server.url + "/docs", size)
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 8
    assert page.foreign == []

    blocked, sent = [], []
    page.on("requestfailed", lambda r: blocked.append((r.url, r.failure)))
    page.on("requestfinished", lambda r: sent.append(r.url))
    page.goto(server.url + "/redoc", wait_until="load")
    expect(page.get_by_role("heading", name="Ask a question; get a cited answer")).to_be_visible(timeout=20_000)
    # ReDoc asks for its maker's logo from the maker's server; the page's policy stops it in the browser.
    assert all(failure == "csp" for url, failure in blocked if not local(url))
    assert [url for url in sent if not local(url)] == []


# --- 8. keyboard and examples -----------------------------------------------------------------


def test_the_question_box_has_focus_tabbing_closes_option_lists_and_an_example_is_asked(page):
    expect(page.locator("#question textarea")).to_be_focused()

    open_section(page, "Add articles")
    page.locator("#corpus input").click()
    for _ in range(5):  # through the answerer's dropdown on to the upload's
        page.keyboard.press("Tab")
        page.wait_for_timeout(200)
        assert page.locator("[role=listbox]:visible").count() <= 1
        if page.evaluate("document.activeElement.closest('#upload-corpus') !== null"):
            break
    expect(page.locator("#upload-corpus input")).to_be_focused()
    expect(page.locator("#corpus input")).to_have_value("default")
    expect(page.locator("#answerer input")).to_have_value("extractive")
    page.locator("#upload-corpus input").press("Escape")

    example = page.locator("#examples").get_by_text("What did Wang Yi say?", exact=True)
    example.click()
    expect(page.locator("#chat .message-content").first).to_have_text("What did Wang Yi say?", timeout=10_000)
    assert answered(page).locator("a.cite").count() >= 1


# --- 9. the default article and the side column -----------------------------------------------


def test_the_default_article_shows_its_headline_and_counts_read_well(page):
    expect(page.locator("#upload")).to_be_hidden()  # "Add articles" starts closed
    open_section(page, "Documents")
    default = page.locator("#documents details.corpus", has_text="default")
    expect(default).to_contain_text("1 article, ")
    assert "1 articles" not in default.inner_text()
    expect(default.locator(".doc-title")).to_have_text(HEADLINE)

    ask(page, TAIWAN)
    answered(page)
    expect(page.locator("#sources .title").first).to_have_text(HEADLINE)


# --- 10. documents, stop and retry, reload ----------------------------------------------------


def test_documents_and_corpora_are_deleted_after_a_confirmation(page, server, tmp_path):
    name = f"doomed-{page.size}"
    files = [write(tmp_path, "ferry.txt", FERRY), write(tmp_path, "second.txt", FERRY.replace("Awaji", "Shodo"))]
    open_section(page, "Add articles")
    pick_target(page, name)
    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    page.locator("#upload-status").get_by_text("Added 2 articles").wait_for(timeout=60_000)

    open_section(page, "Documents")
    corpus = page.locator(f'#documents details.corpus[data-corpus="{name}"]')
    expect(corpus).to_contain_text("2 articles")
    ferry = corpus.locator("li", has_text="ferry.txt")
    ferry.get_by_role("button", name="Delete").click()
    expect(ferry).to_contain_text("Remove ferry.txt from")
    screenshot(page, "documents")
    ferry.get_by_role("button", name="Cancel").click()
    expect(ferry.get_by_role("button", name="Delete")).to_be_visible()
    assert server.assistant.store.corpus(name).article("ferry.txt") is not None

    ferry.get_by_role("button", name="Delete").click()
    ferry.locator("button.yes").click()
    removed = f"Removed ferry.txt from {name}; 1 article left."
    expect(page.locator("#documents")).to_contain_text(removed, timeout=30_000)
    assert [d["id"] for d in server.assistant.store.corpus(name).documents()] == ["second.txt"]

    corpus = page.locator(f'#documents details.corpus[data-corpus="{name}"]')
    corpus.locator(".corpus-actions").get_by_role("button", name="Delete corpus").click()
    expect(corpus).to_contain_text(f"Delete the corpus {name}")
    corpus.locator(".corpus-actions button.yes").click()
    expect(page.locator("#documents")).to_contain_text(f"Deleted the corpus {name}.", timeout=30_000)
    expect(corpus).to_have_count(0)
    assert not server.assistant.store.exists(name)
    page.locator("#corpus input").click()
    expect(page.get_by_role("option", name="default", exact=True)).to_be_visible()
    expect(page.get_by_role("option", name=name, exact=True)).to_have_count(0)


def test_the_conversation_survives_a_reload(page):
    ask(page, TAIWAN)
    answered(page)
    page.reload(wait_until="load")
    answer = answered(page)
    assert page.locator("#chat .message-content").first.inner_text() == TAIWAN
    assert "first red line" in answer.inner_text()
    expect(page.locator("#sources mark").first).to_contain_text("first red line")
    if page.size == "phone":
        answer.locator("a.cite").first.tap()
        expect(page.locator("#chat .passage").first).to_be_visible()
    else:
        answer.locator("a.cite").first.click()
        expect(page.locator("#sources .citation.active")).to_be_visible(timeout=20_000)

    page.get_by_role("button", name="New conversation").click()
    expect(page.locator("#chat .message-content")).to_have_count(0)
    page.reload(wait_until="load")
    page.locator("#question textarea").wait_for()
    page.wait_for_timeout(1000)
    expect(page.locator("#chat .message-content")).to_have_count(0)


class ShortAnswerer(Answerer):
    """The extractive answer with a short answer on top, streamed a word every `delay` seconds.

    Stands in for the reader that will fill `short_answer`, and is slow on request, so there is
    time to press Stop. `pieces` counts the words handed out, to tell when streaming stops.
    """

    name = "short"
    short_answer = "The first red line"

    def __init__(self, embeddings) -> None:
        from assistant.answerers.extractive import ExtractiveAnswerer

        self.extractive = ExtractiveAnswerer(embeddings)
        self.delay = 0.0
        self.pieces = 0

    def answer(self, question, documents, corpus):
        found = self.extractive.answer(question, documents, corpus)
        return found.model_copy(update={"short_answer": self.short_answer if found.answered else None})

    def stream(self, question, documents, corpus):
        answer = self.answer(question, documents, corpus)
        for piece in re.findall(r"\S+\s*", answer.text):
            time.sleep(self.delay)
            self.pieces += 1
            yield piece
        yield answer


@pytest.fixture(scope="module")
def short_server(tmp_path_factory, embeddings):
    from assistant import answerers

    made = {}

    @answerers.register("short")
    def create(settings, embeddings):
        return made.setdefault("answerer", ShortAnswerer(embeddings))

    with serve_seeded(tmp_path_factory, embeddings, "ui-short", answerer="short") as live:
        live.answerer = live.assistant.answerer("short")
        yield live


def test_a_short_answer_is_shown_in_bold_above_its_cited_sentence(window, short_server, size):
    short_server.answerer.delay = 0.0
    page = window(short_server.url + "/", size)
    expect(page.locator("#answerer input")).to_have_value("short", timeout=10_000)
    ask(page, TAIWAN)
    answer = answered(page)
    bold = answer.locator(".short-answer strong")
    expect(bold).to_have_text(ShortAnswerer.short_answer)
    assert bold.bounding_box()["y"] < answer.locator(".answer-text").bounding_box()["y"]
    assert "first red line" in answer.locator(".answer-text").inner_text()


def test_an_answer_can_be_stopped_and_retried(window, short_server, size):
    short_server.answerer.delay = 0.15
    page = window(short_server.url + "/", size)
    page.locator("#question textarea").wait_for()
    ask(page, TAIWAN)
    stop = page.locator("#question").get_by_role("button", name="Stop")
    expect(page.locator("#chat .message-content").nth(1)).to_contain_text("Foreign", timeout=30_000)
    stop.click()
    expect(page.locator("#chat")).to_contain_text("Stopped before the answer was finished", timeout=10_000)
    partial = page.locator("#chat .message-content").nth(1).inner_text()
    assert partial.startswith("China's Foreign") and "{" not in partial  # what had come, as it was shown
    expect(page.locator("#question").get_by_role("button", name="Ask")).to_be_visible()
    stopped_at = short_server.answerer.pieces
    page.wait_for_timeout(1000)
    assert short_server.answerer.pieces <= stopped_at + 1  # the server stopped too
    assert page.locator("#chat a.cite").count() == 0

    short_server.answerer.delay = 0.0
    page.locator("#chat").get_by_role("button", name="Retry").click()
    answer = answered(page)
    assert "first red line" in answer.inner_text() and answer.locator("a.cite").count() >= 1
    expect(page.locator("#chat .message-content")).to_have_count(2)
    assert "Stopped" not in page.locator("#chat").inner_text()


# --- what holds at every size: escaping, generated answers checked, the key ----------------------


def test_uploaded_hostile_documents_are_listed_cited_and_shown_as_text(page, tmp_path):
    name = f"hostile-{page.size}"
    files = [write(tmp_path, "hostile.txt", HOSTILE_TEXT), write(tmp_path, "hostile.md", HOSTILE_MD)]
    open_section(page, "Add articles")
    pick_target(page, name)
    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    page.locator("#upload-status").get_by_text("Added 2 articles").wait_for(timeout=60_000)
    open_section(page, "Documents")
    listed = page.locator(f'#documents details.corpus[data-corpus="{name}"] .doc-id').all_inner_texts()
    assert {"hostile.txt", "hostile.md"} <= set(listed)
    page.get_by_role("button", name=f"Ask {name} now").click()
    expect(page.locator("#corpus input")).to_have_value(name, timeout=10_000)

    ask(page, "What did Lena Marsh say?")
    answer = answered(page)
    shown = answer.locator(".answer-text").inner_text()
    assert "<img src=x onerror=alert(1)>" in shown and "<script>alert(2)</script>" in shown
    answer.locator("a.cite").first.click()
    active = page.locator("#sources .citation.active")
    active.wait_for(timeout=20_000)
    assert "<script>alert(2)</script>" in active.locator("mark").inner_text()
    assert "Photo: ![pic](http://evil.example/x.png)" in active.inner_text()
    assert "<script>alert(2)</script>" in page.locator("#chat .passage mark").first.text_content()

    ask(page, "When did the ferry resume?")
    answered(page, 1).locator("a.cite").first.click()
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


def test_a_generated_sentence_the_sources_do_not_bear_out_is_struck_through(window, scripted_server):
    question = "What did Wang say about Taiwan?"
    documents = scripted_server.assistant.retriever("default").invoke(question)
    n = next(i for i, d in enumerate(documents, start=1) if "first red line" in d.page_content)
    scripted_server.script.append(
        f'Wang warned that the Taiwan issue is "the first red line that must not be crossed" [{n}]. '
        f"He also announced a trade deal with Brazil worth ten billion dollars [{n}]."
    )
    page = window(scripted_server.url + "/")
    expect(page.locator("#answerer input")).to_have_value("scripted", timeout=10_000)
    ask(page, question)
    struck = page.locator("#chat s.unsupported")
    struck.wait_for(timeout=60_000)
    assert "Brazil" in struck.inner_text()
    assert "first red line" in page.locator("#chat .message-content").last.inner_text()
    assert page.locator("#chat a.cite").count() >= 1


def test_with_a_key_set_the_window_asks_for_it_once_then_answers(window, tmp_path_factory, embeddings):
    with serve_seeded(tmp_path_factory, embeddings, "ui-locked", api_key="s3cret") as locked:
        page = window(locked.url + "/docs")  # the API docs and their assets need no key
        expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=20_000)

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
        assert "red line" in answered(page).inner_text()
