"""The chat window: a Gradio app over one `Assistant`.

Everything taken from articles or typed by users is HTML-escaped before it is
shown, and the chat renders no markdown, so a document holding `<script>` or
`![x](y)` shows as text. Citation markers are links to the sources panel,
which shows each cited passage with the cited sentence highlighted.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import escape
from pathlib import Path

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: nothing phones home

import gradio as gr  # noqa: E402

from assistant import Answer, Assistant  # noqa: E402
from assistant.documents import SUPPORTED  # noqa: E402
from assistant.errors import AssistantError, BadInput  # noqa: E402
from assistant.examples import suggest_questions  # noqa: E402
from assistant.text import paragraphs  # noqa: E402

CSS = (Path(__file__).parent / "style.css").read_text()

# Clicks on a citation link in the chat are reported to the server as a 'cite' event of the
# sources panel, which re-renders with that citation active. Inline handlers would be
# stripped by the chat's sanitizer, so one delegated listener does it.
CITE_JS = """
if (!window.__assistantCites) {
  window.__assistantCites = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('#chat a[href^="#cite-"]');
    if (!link) return;
    event.preventDefault();
    trigger('click', {citation: link.getAttribute('href').slice(1)});
  });
}
"""

EMPTY_SOURCES = '<div class="sources-empty">Sources of the latest answer appear here.</div>'


def build_ui(assistant: Assistant) -> gr.Blocks:
    settings = assistant.settings

    def corpus_names() -> list[str]:
        return assistant.store.names()

    def examples_for(corpus: str) -> list[list[str]]:
        try:
            return [[question] for question in suggest_questions(assistant.store.corpus(corpus))]
        except AssistantError:
            return []

    with gr.Blocks(title="News assistant", analytics_enabled=False) as demo:
        turns = gr.State([])  # this session's questions and answers, oldest first
        gr.Markdown("## News assistant\nAsk about the coverage; every answer cites the passage it came from.")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    elem_id="chat",
                    label="Conversation",
                    render_markdown=False,
                    sanitize_html=True,
                    height=520,
                    buttons=["copy"],
                )
                question = gr.Textbox(
                    elem_id="question",
                    show_label=False,
                    placeholder="Ask about the coverage, e.g. what did someone say about something?",
                    max_length=settings.max_question_chars,
                    submit_btn="Ask",
                )
                examples = gr.Dataset(
                    components=[question],
                    samples=examples_for(settings.corpus),
                    label="Example questions",
                    elem_id="examples",
                )
                clear = gr.Button("New conversation", size="sm", variant="secondary")
            with gr.Column(scale=2):
                corpus = gr.Dropdown(
                    choices=corpus_names(), value=settings.corpus, label="Corpus", elem_id="corpus", interactive=True
                )
                answerer = gr.Dropdown(
                    choices=assistant.configured_answerers(),
                    value=settings.answerer,
                    label="Answerer",
                    elem_id="answerer",
                    interactive=True,
                )
                sources = gr.HTML(EMPTY_SOURCES, js_on_load=CITE_JS, elem_id="sources", label="Sources")
                with gr.Accordion("Add articles", open=True, elem_id="add-articles"):
                    target = gr.Dropdown(
                        choices=corpus_names(),
                        value=settings.corpus,
                        allow_custom_value=True,
                        label="Into corpus (pick one or type a new name)",
                        elem_id="upload-corpus",
                    )
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(SUPPORTED),
                        label="Articles (" + " ".join(SUPPORTED) + ")",
                        elem_id="upload",
                    )
                    status = gr.HTML(elem_id="upload-status")
                documents = gr.HTML(render_documents(assistant, settings.corpus), elem_id="documents")

        def accept(text: str, history: list, asked: list):
            try:
                text = assistant.check_question(text)
            except AssistantError as error:
                gr.Warning(str(error))
                return gr.update(), history, asked
            history = history + [{"role": "user", "content": escape(text)}]
            return "", history, asked + [{"question": text, "answer": None}]

        def respond(history: list, asked: list, corpus_name: str, answerer_name: str):
            if not asked or asked[-1]["answer"] is not None:
                return
            turn = len(asked) - 1
            previous = [
                message
                for item in asked[:-1]
                if item["answer"]
                for message in (
                    {"role": "user", "content": item["question"]},
                    {"role": "assistant", "content": item["answer"]["text"]},
                )
            ]
            history = history + [{"role": "assistant", "content": ""}]
            shown = ""
            try:
                events = assistant.stream(asked[-1]["question"], previous, corpus=corpus_name, answerer=answerer_name)
                for event in events:
                    if isinstance(event, Answer):
                        asked[-1] = {**asked[-1], "answer": event.model_dump()}
                        history[-1] = {"role": "assistant", "content": render_answer(event, turn)}
                        yield history, asked, render_sources(assistant, event, turn, active=None)
                    else:
                        shown += event
                        history[-1] = {"role": "assistant", "content": escape(shown)}
                        yield history, asked, gr.update()
            except AssistantError as error:
                asked[-1] = {**asked[-1], "answer": {"text": "", "error": str(error)}}
                history[-1] = {"role": "assistant", "content": f'<span class="error">{escape(str(error))}</span>'}
                yield history, asked, gr.update()

        def show_citation(asked: list, event: gr.EventData):
            match = re.fullmatch(r"cite-(\d+)-(\d+)", str(getattr(event, "citation", "")))
            if not match:
                return gr.update()
            turn, marker = int(match.group(1)), int(match.group(2))
            if turn >= len(asked) or not asked[turn]["answer"] or "citations" not in asked[turn]["answer"]:
                return gr.update()
            answer = Answer.model_validate(asked[turn]["answer"])
            return render_sources(assistant, answer, turn, active=marker)

        def switch_corpus(name: str):
            return gr.Dataset(samples=examples_for(name)), render_documents(assistant, name)

        def ingest_files(payload: list | None, name: str, progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
            # Called with Gradio's raw file records (preprocess=False): Gradio would otherwise copy
            # whatever server path a client names into its cache before this function could refuse it.
            if not payload:
                return gr.update(), gr.update(), gr.update(), gr.update(), None
            name = (name or "").strip()

            def report(step: str, done: int, total: int) -> None:
                progress((done, total), desc=f"{step} {done}/{total} chunks")

            try:
                with uploaded_files(payload, settings.upload_dir) as uploads:
                    result = assistant.ingest_uploads(uploads, name, progress=report)
            except AssistantError as error:
                return f'<div class="error">{escape(str(error))}</div>', gr.update(), gr.update(), gr.update(), None
            lines = [f"<div>{escape(result.summary())}</div>"]
            lines += [f'<div class="error">skipped {escape(str(problem))}</div>' for problem in result.skipped]
            names = corpus_names()
            return (
                "".join(lines),
                gr.Dropdown(choices=names, value=name),
                gr.Dropdown(choices=names, value=name),
                render_documents(assistant, name),
                None,
            )

        question.submit(accept, [question, chat, turns], [question, chat, turns], queue=False).then(
            respond, [chat, turns, corpus, answerer], [chat, turns, sources]
        )
        examples.click(lambda sample: sample[0], examples, question)
        sources.click(show_citation, [turns], sources)
        corpus.change(switch_corpus, corpus, [examples, documents])
        files.upload(ingest_files, [files, target], [status, corpus, target, documents, files], preprocess=False)
        clear.click(lambda: ([], [], EMPTY_SOURCES), None, [chat, turns, sources], queue=False)
        chat.clear(lambda: ([], EMPTY_SOURCES), None, [turns, sources], queue=False)
    return demo


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


def render_answer(answer: Answer, turn: int) -> str:
    """The answer as safe HTML, each [n] a link to its citation in the sources panel.

    Sentences of a generated answer that the cited passages do not bear out are struck through.
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
    note = f'<div class="note">{escape(answer.note)}</div>' if answer.note else ""
    return body + note


def render_sources(assistant: Assistant, answer: Answer, turn: int, active: int | None) -> str:
    """Each cited article with its metadata and passages, the cited sentence marked."""
    if not answer.citations:
        return '<div class="sources-empty">This answer cites nothing: the coverage does not hold it.</div>'
    corpus = assistant.store.corpus(answer.corpus)
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
            article = corpus.article(citation.article_id)
            text = article.text if article else citation.quote
            start, end = (citation.start, citation.end) if article else (0, len(text))
            around = next((p for p in paragraphs(text) if p.start <= start and end <= p.end), None)
            first, last = (around.start, around.end) if around else (start, end)
            state = " active" if citation.marker == active else ""
            passages.append(
                f'<div class="citation{state}" id="cite-{turn}-{citation.marker}">'
                f'<span class="marker">[{citation.marker}]</span> '
                f"{escape(text[first:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:last])}</div>"
            )
        blocks.append(
            f'<div class="source"><div class="title">{escape(source.title)}</div>'
            f'<div class="meta">{details}</div>{link}{"".join(passages)}</div>'
        )
    return "".join(blocks)


def render_documents(assistant: Assistant, corpus: str) -> str:
    try:
        articles = assistant.store.corpus(corpus).documents()
    except AssistantError as error:
        return f'<div class="error">{escape(str(error))}</div>'
    items = "".join(
        f'<li><span class="doc-id">{escape(article["id"])}</span> {escape(article["title"])}</li>'
        for article in articles
    )
    heading = f'<div class="title">{len(articles)} articles in {escape(corpus)}</div>'
    return f'<div class="documents">{heading}<ul>{items}</ul></div>'
