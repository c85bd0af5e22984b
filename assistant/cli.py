"""The `assistant` command: a thin shell over `Assistant`.

Every option also reads its `ASSISTANT_*` environment variable (through
`Settings`); errors print as one line naming the fix, with exit status 1.
"""

from __future__ import annotations

import functools
import sys
import time
from pathlib import Path

import click

from .chain import Assistant
from .errors import AssistantError
from .settings import PROJECT_ROOT, Settings


def _assistant(ctx: click.Context, **overrides) -> Assistant:
    values = {key: value for key, value in {**ctx.obj, **overrides}.items() if value is not None}
    return Assistant(Settings(**values))


def _reports_errors(command):
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AssistantError as error:
            raise click.ClickException(str(error)) from None

    return wrapper


class _Bar:
    """A tqdm bar per step of a long job, for Store's progress callback."""

    def __init__(self) -> None:
        self._bars: dict = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if total == 0:
            return
        bar = self._bars.get(step)
        if bar is None:
            # Ingest analyses articles and embeds chunks; `fit` reads the questions of each dev set.
            unit = "article" if step == "analysing" else "question" if step.startswith("reading ") else "chunk"
            bar = self._bars[step] = tqdm(total=total, desc=step, unit=unit, file=sys.stderr)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()


@click.group()
@click.option("--data-dir", type=click.Path(path_type=Path), help="Where indexes live [ASSISTANT_DATA_DIR].")
@click.version_option(package_name="news-assistant")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None) -> None:
    """Ask questions about news coverage and get answers cited to the passage they came from.

    \b
    Example:
        assistant ask "What did Wang say about Taiwan?"
    """
    ctx.obj = {"data_dir": data_dir}


@cli.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--corpus", help="Corpus to build or add to [ASSISTANT_CORPUS, default: default].")
@click.pass_context
@_reports_errors
def ingest(ctx: click.Context, path: Path, corpus: str | None) -> None:
    """Add the articles under PATH (.txt .md .html .pdf .jsonl) to a corpus.

    Unreadable files are listed one per line and skipped; the rest are indexed.
    Exits with status 1 when any file was skipped.

    \b
    Example:
        assistant ingest ~/articles --corpus climate
    """
    report = _assistant(ctx, corpus=corpus).ingest(path, progress=_Bar())
    for problem in report.skipped:
        click.echo(f"skipped {problem}", err=True)
    click.echo(report.summary())
    if report.skipped:
        sys.exit(1)


@cli.command()
@click.pass_context
@_reports_errors
def corpora(ctx: click.Context) -> None:
    """List the corpora with their article and chunk counts."""
    assistant = _assistant(ctx)
    listed = assistant.corpora()
    if not listed:
        click.echo("no corpora yet; create one with: assistant ingest PATH --corpus NAME")
    for info in listed:
        active = "*" if info.name == assistant.settings.corpus else " "
        click.echo(f"{active} {info.name}\t{info.articles} articles\t{info.chunks} chunks")


@cli.command()
@click.argument("name")
@click.pass_context
@_reports_errors
def delete(ctx: click.Context, name: str) -> None:
    """Delete corpus NAME and its index (the source files are not touched)."""
    _assistant(ctx).store.delete(name)
    click.echo(f"deleted corpus {name}")


@cli.command()
@click.argument("question")
@click.option("--corpus", help="Corpus to ask [ASSISTANT_CORPUS].")
@click.option("--answerer", help="Answerer backend [ASSISTANT_ANSWERER].")
@click.option("--json", "as_json", is_flag=True, help="Print the Answer as JSON.")
@click.pass_context
@_reports_errors
def ask(ctx: click.Context, question: str, corpus: str | None, answerer: str | None, as_json: bool) -> None:
    """Answer one QUESTION with citations.

    \b
    Example:
        assistant ask "What did Wang say about Taiwan?" --json
    """
    assistant = _assistant(ctx, corpus=corpus, answerer=answerer)
    assistant.ensure_default_corpus(_Bar())
    answer = assistant.ask(question)
    click.echo(answer.model_dump_json(indent=2) if as_json else answer.to_text())


@cli.command()
@click.option("--corpus", help="Corpus to ask [ASSISTANT_CORPUS].")
@click.option("--answerer", help="Answerer backend [ASSISTANT_ANSWERER].")
@click.pass_context
@_reports_errors
def chat(ctx: click.Context, corpus: str | None, answerer: str | None) -> None:
    """Ask questions in a loop (Ctrl-D or 'exit' to leave)."""
    assistant = _assistant(ctx, corpus=corpus, answerer=answerer)
    assistant.ensure_default_corpus(_Bar())
    name = assistant.settings.corpus
    info = assistant.store.info(name)
    click.echo(f"Asking corpus {name!r} ({info.articles} articles). Ctrl-D or 'exit' to leave.")
    history: list[dict[str, str]] = []
    while True:
        try:
            question = click.prompt("\nyou", prompt_suffix="> ")
        except (EOFError, click.Abort):
            click.echo()
            return
        if question.strip().lower() in {"exit", "quit"}:
            return
        try:
            answer = assistant.ask(question, history)
        except AssistantError as error:
            click.echo(f"error: {error}", err=True)
            continue
        click.echo("\n" + answer.to_text())
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]


@cli.command(name="eval")
@click.argument("questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--corpus", help="Corpus to ask [ASSISTANT_CORPUS].")
@click.option("--k", "k", default=5, show_default=True, type=click.IntRange(1), help="Chunks counted for hit@k/MRR.")
@click.option("--answerer", help="Answerer backend [ASSISTANT_ANSWERER].")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Folder for results and report.")
@click.pass_context
@_reports_errors
def evaluate(
    ctx: click.Context, questions_file: Path, corpus: str | None, k: int, answerer: str | None, out: Path | None
) -> None:
    """Score answers on a question set: retrieval hit@k and MRR, accuracy, citations, abstention, latency.

    Writes results.json, results.jsonl and report.html into --out.

    \b
    Example:
        assistant eval ../shared/eval/seed-dev.jsonl --out out/seed
    """
    from tqdm import tqdm

    from . import evaluation

    started = time.perf_counter()
    assistant = _assistant(ctx, corpus=corpus, answerer=answerer)
    assistant.ensure_default_corpus(_Bar())
    try:
        questions = evaluation.load_questions(questions_file)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    name = assistant.settings.corpus
    with tqdm(total=len(questions), desc="questions", file=sys.stderr) as bar:
        results, metrics = evaluation.evaluate(
            assistant, questions, name, k, progress=lambda done, total: bar.update(1)
        )
    meta = {
        "questions_file": str(questions_file),
        "corpus": name,
        "answerer": assistant.settings.answerer,
        "k": k,
        "seconds": round(time.perf_counter() - started, 2),
        "code": evaluation.code_measured(),
    }
    if out:
        evaluation.write_outputs(out, results, metrics, meta)
    click.echo(evaluation.table(metrics))
    from .reader import weights

    if assistant.settings.answerer == "extractive" and questions_file.name in weights().fitted_on:
        click.echo(
            f"note: the reader's weights were fitted on {questions_file.name}, so these figures are in-sample; "
            "`assistant fit` prints cross-validated ones"
        )
    click.echo(f"{len(questions)} questions in {meta['seconds']} s" + (f"; results in {out}" if out else ""))


@cli.command()
@click.option(
    "--shared",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=str(PROJECT_ROOT.parent / "shared"),
    show_default=True,
    help="Folder holding eval/ (question sets) and data/ (their corpora).",
)
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2), help="Cross-validation folds.")
@click.option(
    "--orders",
    default=12,
    show_default=True,
    type=click.IntRange(1),
    help="Fold orders whose cross-validated figures are averaged.",
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Weights file [the package's own].")
@click.pass_context
@_reports_errors
def fit(ctx: click.Context, shared: Path, folds: int, orders: int, out: Path | None) -> None:
    """Refit the reader's models on the dev question sets; print cross-validated and fitted figures.

    Each cross-validated figure is the mean over --orders ways of dealing the
    questions into folds. Corpora the sets need are ingested into the data dir first if missing
    (multihop-news takes minutes).

    \b
    Example:
        assistant fit --shared ../shared
    """
    from . import fitting, reader

    assistant = _assistant(ctx)
    click.echo(fitting.run(assistant, shared, folds, out or reader.WEIGHTS, _Bar(), orders))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7860, show_default=True, type=int, help="Port to listen on.")
@click.option("--corpus", help="Active corpus [ASSISTANT_CORPUS].")
@click.pass_context
@_reports_errors
def serve(ctx: click.Context, host: str, port: int, corpus: str | None) -> None:
    """Serve the chat UI at / and the HTTP API at /v1 (docs at /docs).

    The default corpus is indexed first if it has no index yet. Without
    ASSISTANT_API_KEY anyone who reaches the port can read and change the
    corpora, so the server then listens on loopback only.

    \b
    Example:
        assistant serve --port 7860
    """
    import uvicorn

    from .server import create_app

    assistant = _assistant(ctx, corpus=corpus)
    if assistant.settings.api_key is None and not _is_loopback(host):
        raise click.ClickException(
            f"refusing to serve on {host} without ASSISTANT_API_KEY: anyone who can reach it could read and "
            "change the corpora. Set ASSISTANT_API_KEY to a long random key (API clients send "
            "'Authorization: Bearer <key>'; the chat window asks for it), or serve on 127.0.0.1"
        )
    assistant.ensure_default_corpus(_Bar())
    assistant.warm()
    app = create_app(assistant)
    click.echo(f"News assistant on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    if assistant.settings.api_key is None:
        click.echo("No ASSISTANT_API_KEY: open to anyone on this machine, so listening on loopback only.")
    else:
        click.echo("ASSISTANT_API_KEY is set: API clients send it as a bearer token; the window asks for it.")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main() -> None:
    cli()
