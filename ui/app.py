"""The chat window: a Gradio app over one `Assistant`.

Everything taken from articles or typed by users is HTML-escaped before it is
shown, and the chat renders no markdown, so a document holding `<script>` or
`![x](y)` shows as text. Each answer carries its cited passages (hidden until a
marker is tapped where the sources panel is out of sight, as on a phone), its
plain-text form for the copy button, and the corpus it came from. Citation
markers open the passage in the sources panel, the cited sentence highlighted.

The conversation lives in the browser (localStorage), so a reload keeps it; the
server keeps no session. The browser's copy is the client's data like any
request: it is validated, and escaped like everything else when shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import closing, contextmanager
from html import escape
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: nothing phones home

import gradio as gr  # noqa: E402
from pydantic import ValidationError  # noqa: E402

from assistant import Answer, Assistant  # noqa: E402
from assistant.documents import SUPPORTED, Article  # noqa: E402
from assistant.errors import AssistantError, BadInput  # noqa: E402
from assistant.examples import suggest_questions  # noqa: E402
from assistant.ingest import IngestReport  # noqa: E402
from assistant.store import check_corpus_name  # noqa: E402
from assistant.text import paragraphs  # noqa: E402

HERE = Path(__file__).parent
CSS = (HERE / "style.css").read_text()
CHAT_JS = (HERE / "chat.js").read_text()
DOCUMENTS_JS = (HERE / "documents.js").read_text()
CORPUS_NAME_JS = (HERE / "corpus_name.js").read_text()

EMPTY_SOURCES = '<div class="sources-empty">Sources of the latest answer appear here.</div>'
STOPPED = "Stopped before the answer was finished; press Retry to ask again."
# Events that take milliseconds: no progress overlay (it would only flicker, and block clicks meanwhile).
QUICK = {"queue": False, "show_progress": "hidden"}
KEEP_TURNS = 100  # the stored conversation's length: the browser sends it with every question
SHOWN_DOCUMENTS = 200  # per corpus in the documents list; the API lists them all


def build_ui(assistant: Assistant) -> gr.Blocks:
    settings = assistant.settings

    def corpus_names() -> list[str]:
        return assistant.store.names()

    def active_among(names: list[str], wanted: str | None) -> str | None:
        """The corpus to ask: the wanted one if it exists, else the configured one, else any."""
        for name in (wanted, settings.corpus):
            if name in names:
                return name
        return names[0] if names else None

    def examples_for(corpus: str | None) -> list[list[str]]:
        try:
            return [[question] for question in suggest_questions(assistant.store.corpus(corpus))] if corpus else []
        except AssistantError:
            return []

    def articles_of(answer: Answer) -> dict[str, Article]:
        """The articles an answer cites, as they are now."""
        try:
            corpus = assistant.store.corpus(answer.corpus)
        except AssistantError:  # deleted since: answers still show their quotes
            return {}
        found = {c.article_id: corpus.article(c.article_id) for c in answer.citations}
        return {article_id: article for article_id, article in found.items() if article is not None}

    def answer_html(answer: Answer, turn: int) -> str:
        return render_answer(answer, turn, articles_of(answer))

    def sources_html(answer: Answer, turn: int, active: int | None) -> str:
        return render_sources(answer, turn, active, articles_of(answer))

    def messages_for(turns: list[dict]) -> list[dict]:
        """The chat's messages for a conversation, every answer rendered afresh."""
        messages = []
        for turn, item in enumerate(turns):
            messages.append({"role": "user", "content": escape(item["question"])})
            if item["answer"] is not None:
                messages.append({"role": "assistant", "content": answer_html(Answer(**item["answer"]), turn)})
            elif item["error"] is not None:
                messages.append({"role": "assistant", "content": f'<span class="error">{escape(item["error"])}</span>'})
        return messages

    def latest_sources(turns: list[dict]) -> str:
        for turn in range(len(turns) - 1, -1, -1):
            if turns[turn]["answer"] is not None:
                return sources_html(Answer(**turns[turn]["answer"]), turn, active=None)
        return EMPTY_SOURCES

    def check_name(name: str | None) -> str:
        name = (name or "").strip()
        if not name:
            return ""
        try:
            check_corpus_name(name)
        except BadInput as error:
            return notice(str(error))
        return (
            ""
            if assistant.store.exists(name)
            else f'<div class="hint">A new corpus "{escape(name)}" will be made.</div>'
        )

    def name_note(typed) -> str:
        """The note under the corpus name as it is typed (called from corpus_name.js)."""
        return check_name(typed if isinstance(typed, str) else "")

    with gr.Blocks(title="News assistant", analytics_enabled=False) as demo:
        # The conversation, oldest first: {"question", "answer" (an Answer's dict) or None, "error" or None};
        # neither answer nor error: still being answered.
        # Gradio hands the page the key it encrypts this with, so the key guards nothing; a fixed one lets
        # a conversation outlive a server restart.
        turns = gr.BrowserState([], storage_key="news-assistant-conversation", secret="news-assistant")
        offered = gr.State(None)  # a corpus just uploaded into, offered to switch to
        waiting = gr.State(None)  # the files picked while the corpus name was not valid, until it is
        names = corpus_names()
        first_corpus = active_among(names, None)
        first_examples = examples_for(first_corpus)
        gr.Markdown("## News assistant\nAsk about the coverage; every answer cites the passage it came from.")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    elem_id="chat",
                    label="Conversation",
                    render_markdown=False,
                    sanitize_html=True,
                    height=520,
                    buttons=[],  # each answer has its own Copy: plain text with its sources, not the HTML
                )
                question = gr.Textbox(
                    elem_id="question",
                    show_label=False,
                    placeholder="Ask about the coverage, e.g. what did someone say about something?",
                    max_length=settings.max_question_chars,
                    submit_btn="Ask",
                    stop_btn=False,
                    autofocus=True,
                )
                note = gr.HTML(elem_id="question-note")
                examples = gr.Dataset(
                    components=[question],
                    samples=first_examples,
                    label="Example questions (click to ask)",
                    elem_id="examples",
                )
                clear = gr.Button("New conversation", size="sm", variant="secondary", elem_id="new-conversation")
            with gr.Column(scale=2):
                corpus = gr.Dropdown(
                    choices=names, value=first_corpus, label="Corpus", elem_id="corpus", interactive=True
                )
                answerer = gr.Dropdown(
                    choices=assistant.configured_answerers(),
                    value=settings.answerer,
                    label="Answerer",
                    elem_id="answerer",
                    interactive=True,
                )
                with gr.Accordion("Add articles", open=False, elem_id="add-articles"):
                    target = gr.Dropdown(
                        choices=names,
                        value=first_corpus,
                        allow_custom_value=True,
                        label="Into corpus (pick one or type a new name)",
                        elem_id="upload-corpus",
                    )
                    name_hint = gr.HTML(
                        elem_id="upload-corpus-note", js_on_load=CORPUS_NAME_JS, server_functions=[name_note]
                    )
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(SUPPORTED),
                        label="Articles (" + " ".join(SUPPORTED) + ")",
                        elem_id="upload",
                    )
                    status = gr.HTML(elem_id="upload-status")
                    retry_upload = gr.Button("Add these files", visible=False, size="sm", elem_id="upload-add")
                    switch = gr.Button(visible=False, size="sm", variant="primary", elem_id="switch-corpus")
                sources = gr.HTML(EMPTY_SOURCES, js_on_load=CHAT_JS, elem_id="sources", label="Sources")
                with gr.Accordion("Documents", open=False, elem_id="documents-panel"):
                    documents = gr.HTML(
                        render_documents(assistant, first_corpus),
                        js_on_load=DOCUMENTS_JS,
                        elem_id="documents",
                    )

        # --- asking ---------------------------------------------------------------------------

        def accept(text: str, history: list, asked: list):
            """The question joins the conversation, or a note says why not (and nothing else changes)."""
            asked = valid_turns(asked)
            if asked and pending(asked[-1]):
                return gr.skip(), gr.skip(), gr.skip(), notice("Still answering: wait for it, or press Stop.")
            try:
                text = assistant.check_question(text)
            except AssistantError as error:
                return gr.skip(), gr.skip(), gr.skip(), notice(str(error))
            asked = asked + [{"question": text, "answer": None, "error": None}]
            if len(asked) > KEEP_TURNS:
                asked = asked[-KEEP_TURNS:]
                history = messages_for(asked[:-1])
            return "", history + [{"role": "user", "content": escape(text)}], asked, ""

        def accept_example(sample: list, history: list, asked: list):
            return accept(sample[0], history, asked)

        # Stop and New conversation ask the answer being written for this page to end (by session): it
        # ends itself at its next piece, closing the stream. Gradio's cancelling would race with that
        # stream and at times leave the chat showing only "Error".
        halted: dict[str, str] = {}

        def respond(history: list, asked: list, corpus_name: str, answerer_name: str, request: gr.Request):
            halted.pop(request.session_hash, None)  # asked of an answer that had already ended
            asked = valid_turns(asked)
            if not asked or not pending(asked[-1]):
                yield gr.skip(), gr.skip(), gr.skip()
                return
            turn = len(asked) - 1
            previous = [
                message
                for item in asked[:-1]
                if item["answer"] is not None
                for message in (
                    {"role": "user", "content": item["question"]},
                    {"role": "assistant", "content": item["answer"]["text"]},
                )
            ]
            history = history + [{"role": "assistant", "content": ""}]
            shown = ""
            try:
                question_text = asked[-1]["question"]
                with closing(
                    assistant.stream(question_text, previous, corpus=corpus_name, answerer=answerer_name)
                ) as events:
                    for event in events:
                        halt = halted.pop(request.session_hash, None)
                        if halt == "stop":
                            yield *stopped(history, asked), gr.skip()
                            return
                        if halt == "forget":
                            return
                        if isinstance(event, Answer):
                            asked = asked[:-1] + [{**asked[-1], "answer": event.model_dump()}]
                            history[-1] = {"role": "assistant", "content": answer_html(event, turn)}
                            yield history, asked, sources_html(event, turn, active=None)
                        else:
                            shown += event
                            history[-1] = {"role": "assistant", "content": escape(shown)}
                            yield history, gr.skip(), gr.skip()
            except AssistantError as error:
                asked = asked[:-1] + [{**asked[-1], "error": str(error)}]
                history[-1] = {"role": "assistant", "content": f'<span class="error">{escape(str(error))}</span>'}
                yield history, asked, gr.skip()

        def busy(asked: list):
            asked = valid_turns(asked)
            return gr.Textbox(submit_btn=False, stop_btn="Stop") if asked and pending(asked[-1]) else gr.skip()

        def idle():
            return gr.Textbox(submit_btn="Ask", stop_btn=False)

        def retry(asked: list):
            asked = valid_turns(asked)
            if not asked or pending(asked[-1]):
                return gr.skip(), gr.skip(), gr.skip()
            asked = asked[:-1] + [{"question": asked[-1]["question"], "answer": None, "error": None}]
            return messages_for(asked), asked, ""

        def answering(started):
            """Answer once `started` has queued a question; the Ask button becomes Stop meanwhile."""
            answered = started.then(respond, [chat, turns, corpus, answerer], [chat, turns, sources])
            started.then(busy, turns, question, **QUICK)
            answered.then(idle, None, question, **QUICK)

        answering(question.submit(accept, [question, chat, turns], [question, chat, turns, note], **QUICK))
        answering(examples.click(accept_example, [examples, chat, turns], [question, chat, turns, note], **QUICK))
        answering(chat.retry(retry, turns, [chat, turns, note], **QUICK))

        def stop(request: gr.Request) -> None:
            halted[request.session_hash] = "stop"

        question.stop(stop, None, None, **QUICK)
        question.input(None, None, note, js="() => ''")  # typing clears the last note

        def forget(request: gr.Request):
            halted[request.session_hash] = "forget"
            return [], [], EMPTY_SOURCES, "", idle()

        clear.click(forget, None, [chat, turns, sources, note, question], **QUICK)
        chat.clear(forget, None, [chat, turns, sources, note, question], **QUICK)

        def show_citation(asked: list, event: gr.EventData):
            asked = valid_turns(asked)
            match = re.fullmatch(r"cite-(\d+)-(\d+)", str(getattr(event, "citation", "")))
            if not match:
                return gr.skip()
            turn, marker = int(match.group(1)), int(match.group(2))
            if turn >= len(asked) or asked[turn]["answer"] is None:
                return gr.skip()
            return sources_html(Answer(**asked[turn]["answer"]), turn, active=marker)

        sources.click(show_citation, [turns], sources)

        # --- corpora ---------------------------------------------------------------------------

        def load(stored, wanted: str | None, into: str | None):
            """The page as the browser opened it: its stored conversation, the corpora as they are now.

            A fresh page has nothing stored, and then the chat is left alone: a question typed the
            moment the page appeared must not be wiped by a late restore.
            """
            asked = [{**item, "error": STOPPED} if pending(item) else item for item in valid_turns(stored)]
            names = corpus_names()
            active = active_among(names, wanted)
            samples = examples_for(active)
            return (
                messages_for(asked) if stored else gr.skip(),
                asked if stored else gr.skip(),
                latest_sources(asked) if stored else gr.skip(),
                gr.Dropdown(choices=names, value=active),
                gr.Dropdown(choices=names, value=into if into in names else active),
                render_documents(assistant, active),
                gr.skip() if samples == first_examples else gr.Dataset(samples=samples),
            )

        demo.load(load, [turns, corpus, target], [chat, turns, sources, corpus, target, documents, examples], **QUICK)

        def switch_corpus(name: str | None, offer: str | None):
            hide = gr.Button(visible=False) if offer == name else gr.skip()
            return gr.Dataset(samples=examples_for(name)), render_documents(assistant, name), hide

        # Each change of the active corpus made here (switch, delete, load) updates what depends on it
        # itself, so only the user's own pick is listened to.
        corpus.input(switch_corpus, [corpus, offered], [examples, documents, switch])
        switch.click(
            lambda offer: (offer, *switch_corpus(offer, offer)), offered, [corpus, examples, documents, switch]
        )

        # --- adding articles -------------------------------------------------------------------

        target.change(check_name, target, name_hint, **QUICK)

        # A list, not a set: the status comes first for API clients of the window too.
        upload_outputs = [
            status,
            name_hint,
            corpus,
            target,
            documents,
            examples,
            files,
            retry_upload,
            switch,
            offered,
            waiting,
        ]

        def ingest_files(payload: list | None, name: str | None, active: str | None, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
            # Called with Gradio's raw file records (preprocess=False): Gradio would otherwise copy
            # whatever server path a client names into its cache before this function could refuse it.
            unchanged = {output: gr.skip() for output in upload_outputs}
            if not payload:
                return unchanged
            name = (name or "").strip()
            try:
                check_corpus_name(name)
            except BadInput as error:  # the files stay picked: fix the name, then add them
                return {
                    **unchanged,
                    name_hint: notice(str(error)),
                    status: notice(
                        "Nothing added yet: the corpus name above is not valid. Your files are kept: "
                        "fix the name, then press “Add these files”."
                    ),
                    retry_upload: gr.Button(visible=True),
                    waiting: payload,
                }

            def report(step: str, done: int, total: int) -> None:
                # Analysis counts articles read; embedding counts passages.
                unit = "articles" if step == "analysing" else "passages"
                progress((done, total), desc=f"{step} {done}/{total} {unit}")

            try:
                with uploaded_files(payload, settings.upload_dir) as uploads:
                    result = assistant.ingest_uploads(uploads, name, progress=report)
            except AssistantError as error:  # the files are gone (read or refused): pick them again
                return {
                    **unchanged,
                    status: notice(str(error)),
                    files: None,
                    retry_upload: gr.Button(visible=False),
                    waiting: None,
                }
            summary, problems = describe_upload(result)
            gr.Info(summary)
            lines = [f"<div>{escape(summary)}</div>"]
            lines += [f'<div class="error">{escape(str(problem))}</div>' for problem in problems]
            names = corpus_names()
            offer = name if assistant.store.exists(name) and name != active else None
            return {
                status: "".join(lines),
                name_hint: check_name(name),  # no longer new
                corpus: gr.Dropdown(choices=names, value=active_among(names, active)),
                target: gr.Dropdown(choices=names, value=name if name in names else active),
                documents: render_documents(assistant, active_among(names, active), opened=name),
                examples: gr.Dataset(samples=examples_for(name)) if name == active else gr.skip(),
                files: None,
                retry_upload: gr.Button(visible=False),
                switch: gr.Button(f"Ask {name} now", visible=True) if offer else gr.Button(visible=False),
                offered: offer,
                waiting: None,
            }

        files.upload(ingest_files, [files, target, corpus], upload_outputs, preprocess=False)
        # The kept files are sent from the server's own record of them, not from the component: Gradio would
        # copy the component's files out of the upload folder first, where they could no longer be read.
        retry_upload.click(ingest_files, [waiting, target, corpus], upload_outputs)

        def drop_waiting(kept: list | None, event: gr.DeletedFileData):
            kept = [record for record in kept or [] if record.get("path") != event.file.path] or None
            return kept, gr.Button(visible=kept is not None)

        files.delete(drop_waiting, waiting, [waiting, retry_upload], **QUICK)
        files.clear(lambda: (None, gr.Button(visible=False), ""), None, [waiting, retry_upload, status], **QUICK)

        # --- deleting --------------------------------------------------------------------------

        def delete(active: str | None, into: str | None, event: gr.EventData):
            """A confirmed delete from the documents list: one document, or a whole corpus."""
            kind, name = getattr(event, "action", None), str(getattr(event, "corpus", ""))
            document = str(getattr(event, "document", ""))
            try:
                if kind == "corpus":
                    assistant.store.delete(name)
                    message = f"Deleted the corpus {name}."
                elif kind == "document":
                    left = assistant.store.remove_article(name, document).articles
                    message = f"Removed {document} from {name}; {plural(left, 'article')} left."
                else:
                    return gr.skip(), gr.skip(), gr.skip(), gr.skip()
            except AssistantError as error:
                return render_documents(assistant, active, problem=str(error)), gr.skip(), gr.skip(), gr.skip()
            names = corpus_names()
            active = active_among(names, active)
            return (
                render_documents(assistant, active, message=message, opened=name),
                gr.Dropdown(choices=names, value=active),
                gr.Dropdown(choices=names, value=into if into in names else active),
                gr.Dataset(samples=examples_for(active)),
            )

        documents.click(delete, [corpus, target], [documents, corpus, target, examples])
    return demo


def stopped(history: list, asked: list) -> tuple[list, list]:
    """The unfinished answer as far as it got, marked stopped (so Retry can ask again)."""
    asked = asked[:-1] + [{**asked[-1], "error": STOPPED}]
    mark = f'<div class="note">{escape(STOPPED)}</div>'
    if history and history[-1]["role"] == "assistant":
        return history[:-1] + [{"role": "assistant", "content": message_html(history[-1]) + mark}], asked
    return history + [{"role": "assistant", "content": mark}], asked


def pending(item: dict) -> bool:
    """A question still being answered (neither an answer nor an error yet)."""
    return item["answer"] is None and item["error"] is None


def message_html(message: dict) -> str:
    """A chat message's content as the chat sends it back: the HTML it was given, possibly split in parts."""
    content = message.get("content")
    if isinstance(content, list):
        return "".join(part.get("text") or "" for part in content if isinstance(part, dict))
    return content if isinstance(content, str) else ""


def valid_turns(stored) -> list[dict]:
    """The well-formed turns of a conversation the browser sent (it keeps it, so it may be anything)."""
    turns = []
    for item in stored if isinstance(stored, list) else []:
        try:
            question, answer, error = item["question"], item["answer"], item["error"]
            if not isinstance(question, str) or not (error is None or isinstance(error, str)):
                continue
            answer = None if answer is None else Answer.model_validate(answer).model_dump()
        except (TypeError, KeyError, ValidationError):
            continue
        turns.append({"question": question, "answer": answer, "error": error})
    return turns[-KEEP_TURNS:]


def notice(message: str) -> str:
    return f'<div class="error" role="alert">{escape(message)}</div>'


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


@contextmanager
def uploaded_files(payload: list, folder: Path) -> Iterator[list[tuple[str, bytes]]]:
    """(name, bytes) of files uploaded through the window, deleted once read in full.

    Only files inside the upload folder are read: a record naming any other path (another
    folder, a symlink out, `..`) is refused, so a client can never make the server read its files.
    """
    root = folder.resolve()
    paths: list[Path] = []
    names: list[str] = []
    for record in payload:
        raw = record.get("path") if isinstance(record, dict) else None
        path = Path(str(raw)).resolve() if raw else None
        if path is None or not path.is_relative_to(root) or path == root or not path.is_file():
            raise BadInput(f"{raw!r} is not a file uploaded through this window; upload it again")
        paths.append(path)
        names.append(str(record.get("orig_name") or path.name))
    try:
        yield [(name, path.read_bytes()) for name, path in zip(names, paths, strict=True)]
    finally:
        for path in paths:
            path.unlink(missing_ok=True)
            if path.parent != root and not any(path.parent.iterdir()):
                path.parent.rmdir()


def describe_upload(report: IngestReport) -> tuple[str, list]:
    """What an upload did, in words ("Added 3 articles (41 passages) to climate; skipped 1:"), and what it skipped."""
    added, updated = report.new, report.replaced
    unchanged = max(report.read - len(added) - len(updated), 0)

    def passages(ids: list[str]) -> str:
        return plural(sum(report.passages.get(article_id, 0) for article_id in ids), "passage")

    parts = []
    if added:
        parts.append(f"Added {plural(len(added), 'article')} ({passages(added)}) to {report.corpus}")
    if updated:
        parts.append(f"updated {plural(len(updated), 'article')} ({passages(updated)}) in {report.corpus}")
    if unchanged:
        parts.append(f"{plural(unchanged, 'article')} already there unchanged")
    if not parts:
        parts.append(f"Nothing added to {report.corpus}")
    if report.skipped:
        parts.append(f"skipped {len(report.skipped)}:")
    summary = "; ".join(parts)
    return summary[0].upper() + summary[1:], report.skipped


def passage(article: Article | None, start: int, end: int, quote: str) -> tuple[str, str, str]:
    """(before, cited, after): the paragraph around a cited span, or the quote alone if the article is gone."""
    if article is None:
        return "", quote, ""
    text = article.text
    around = next((p for p in paragraphs(text) if p.start <= start and end <= p.end), None)
    first, last = (around.start, around.end) if around else (start, end)
    return text[first:start], text[start:end], text[end:last]


def describe_source(title: str, source: str | None, date: str | None) -> str:
    return ", ".join(part for part in (title, source, date) if part)


def plain_lines(answer: Answer) -> list[str]:
    """The answer as plain text, its sources as lines: [1] Title, Outlet, date: “quote”."""
    lines = [answer.short_answer] if answer.short_answer else []
    lines.append(answer.text)
    if answer.citations:
        lines.append("")
        lines += [
            f"[{c.marker}] {describe_source(c.title, c.source, c.date)}: \u201c{c.quote}\u201d"
            for c in answer.citations
        ]
    return lines


def render_answer(answer: Answer, turn: int, articles: dict[str, Article]) -> str:
    """The answer as safe HTML: the short answer in bold above it, each [n] a link to its citation.

    Sentences of a generated answer that the cited passages do not bear out are struck through.
    The cited passages ride along hidden, to open in place; so does the text the Copy button copies.
    """

    def linked(text: str) -> str:
        return re.sub(r"\[(\d+)\]", rf'<a class="cite" href="#cite-{turn}-\1">[\1]</a>', escape(text))

    if answer.statements:
        body = " ".join(
            linked(s.text)
            if s.supported
            else f'<s class="unsupported" title="Not borne out by the cited passages">{linked(s.text)}</s>'
            for s in answer.statements
        )
    else:
        body = linked(answer.text)
    short = (
        f'<div class="short-answer"><strong>{escape(answer.short_answer)}</strong></div>' if answer.short_answer else ""
    )
    note = f'<div class="note">{escape(answer.note)}</div>' if answer.note else ""
    cards = []
    for citation in answer.citations:
        before, cited, after = passage(articles.get(citation.article_id), citation.start, citation.end, citation.quote)
        where = escape(describe_source(citation.title, citation.source, citation.date))
        cards.append(
            f'<div class="passage" id="passage-{turn}-{citation.marker}" hidden>'
            f'<div class="passage-source">[{citation.marker}] {where}</div>'
            f"{escape(before)}<mark>{escape(cited)}</mark>{escape(after)}</div>"
        )
    plain = "".join(f"<span>{escape(line)}</span>" for line in plain_lines(answer))
    foot = (
        f'<div class="answer-foot"><span class="answer-corpus">From corpus <b>{escape(answer.corpus)}</b></span>'
        '<button type="button" class="copy-answer">Copy</button></div>'
    )
    return (
        f'<div class="answer">{short}<div class="answer-text">{body}</div>{note}'
        f'<div class="passages">{"".join(cards)}</div><div class="plain" hidden>{plain}</div>{foot}</div>'
    )


def render_sources(answer: Answer, turn: int, active: int | None, articles: dict[str, Article]) -> str:
    """Each cited article with its metadata and passages, the cited sentence marked."""
    if not answer.citations:
        return '<div class="sources-empty">This answer cites nothing: the coverage does not hold it.</div>'
    blocks = []
    for source in answer.sources:
        details = " &middot; ".join(escape(part) for part in (source.source, source.date) if part)
        link = ""
        if source.url and re.match(r"https?://", source.url):
            link = f'<a class="url" href="{escape(source.url, quote=True)}">{escape(source.url)}</a>'
        passages = []
        for citation in answer.citations:
            if citation.article_id != source.article_id:
                continue
            before, cited, after = passage(
                articles.get(citation.article_id), citation.start, citation.end, citation.quote
            )
            state = " active" if citation.marker == active else ""
            passages.append(
                f'<div class="citation{state}" id="cite-{turn}-{citation.marker}">'
                f'<span class="marker">[{citation.marker}]</span> '
                f"{escape(before)}<mark>{escape(cited)}</mark>{escape(after)}</div>"
            )
        blocks.append(
            f'<div class="source"><div class="title">{escape(source.title)}</div>'
            f'<div class="meta">{details}</div>{link}{"".join(passages)}</div>'
        )
    return f'<div class="sources-heading">Sources, from corpus {escape(answer.corpus)}</div>{"".join(blocks)}'


def render_documents(
    assistant: Assistant, active: str | None, message: str = "", problem: str = "", opened: str | None = None
) -> str:
    """Every corpus with its documents, each with a delete button that asks to confirm (documents.js)."""
    parts = []
    if message:
        parts.append(f'<div class="documents-status" role="status">{escape(message)}</div>')
    if problem:
        parts.append(notice(problem))
    names = assistant.store.names()
    if not names:
        parts.append('<div class="sources-empty">No corpus yet: add articles above.</div>')
    for name in names:
        try:
            loaded = assistant.store.corpus(name)
            articles = loaded.documents()
            chunks = loaded.chunk_count()
        except AssistantError as error:
            parts.append(notice(str(error)))
            continue
        counts = f"{plural(len(articles), 'article')}, {plural(chunks, 'passage')}"
        items = "".join(
            f'<li class="item"><span class="doc-title">{escape(article["title"])}</span> '
            f'<span class="doc-id">{escape(article["id"])}</span>'
            + delete_control("document", name, article["id"], f"Remove {article['id']} from {name}?")
            + "</li>"
            for article in articles[:SHOWN_DOCUMENTS]
        )
        if len(articles) > SHOWN_DOCUMENTS:
            more = len(articles) - SHOWN_DOCUMENTS
            items += f'<li class="more">and {more:,} more (GET /v1/corpora/{escape(name)}/documents lists them)</li>'
        is_open = " open" if name in (active, opened) else ""
        label = " (active)" if name == active else ""
        parts.append(
            f'<details class="corpus" data-corpus="{escape(name, quote=True)}"{is_open}>'
            f'<summary><span class="corpus-name">{escape(name)}</span>{label}: '
            f'<span class="counts">{counts}</span></summary>'
            f'<div class="item corpus-actions">'
            + delete_control("corpus", name, "", f"Delete the corpus {name} and its whole index?", "Delete corpus")
            + f"</div><ul>{items}</ul></details>"
        )
    return f'<div class="documents">{"".join(parts)}</div>'


def delete_control(kind: str, corpus: str, document: str, question: str, label: str = "Delete") -> str:
    data = " ".join(
        f'data-{key}="{escape(value, quote=True)}"'
        for key, value in (("action", kind), ("corpus", corpus), ("document", document))
    )
    return (
        f' <button type="button" class="delete" {data}>{escape(label)}</button>'
        f'<span class="confirm" hidden>{escape(question)} '
        f'<button type="button" class="yes" {data}>{escape(label)}</button> '
        '<button type="button" class="no">Cancel</button></span>'
    )
