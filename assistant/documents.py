"""Reading articles from files: .txt, .md, .html, .pdf and .jsonl.

`read_path` walks a file or folder and yields an `Article` for every readable
article and a `BadDocument` for every file (or JSONL line) that is not, so one
bad file never stops the rest. An article's `text` is what chunks and citation
offsets refer to.

Files come from users, so reading one is bounded (`Limits`): its size, the
characters of each article, a PDF's pages and decompressed content, the size
of YAML front matter (read without aliases) and of each metadata field. A file
past a bound becomes a `BadDocument` saying which, not a long wait.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

import yaml

from .errors import BadDocument

SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Limits:
    """What reading one file may cost; the first two come from the settings."""

    file_bytes: int = 20_000_000
    article_chars: int = 1_000_000
    pdf_pages: int = 2_000
    # pypdf parses page content at about 1 MB/s: this bounds a PDF's reading to seconds,
    # however small the compressed file (a "zip bomb" inflates 100 KB to 50 MB).
    pdf_content_bytes: int = 8_000_000
    front_matter_bytes: int = 16_384
    field_chars: int = 500  # title, date, source, url


Reader = Callable[[bytes, str, Limits], Iterator["Article | BadDocument"]]


def read_path(path: Path, limits: Limits) -> Iterator[Article | BadDocument]:
    """Yield the articles under `path` (a file or a folder), and a BadDocument per unreadable one."""
    if not path.exists():
        yield BadDocument(str(path), "no such file or folder; check the path")
        return
    if path.is_file():
        yield from read_file(path, path.name, limits)
        return
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        yield BadDocument(str(path), "the folder holds no files; add articles (" + ", ".join(SUPPORTED) + ")")
    for file in files:
        yield from read_file(file, file.relative_to(path).as_posix(), limits)


def read_file(path: Path, article_id: str, limits: Limits) -> Iterator[Article | BadDocument]:
    """Read one file whose articles are identified by `article_id` (its path within the corpus)."""
    problem = _precheck(str(path), path.stat().st_size, limits.file_bytes)
    if problem:
        yield problem
    else:
        yield from read_bytes(path.read_bytes(), article_id, READERS[path.suffix.lower()], str(path), limits)


def read_upload(filename: str, data: bytes, limits: Limits) -> Iterator[Article | BadDocument]:
    """Read an uploaded file; its articles are identified by its base name."""
    name = Path(filename.replace("\\", "/")).name or "upload"
    problem = _precheck(name, len(data), limits.file_bytes)
    if problem:
        yield problem
    else:
        yield from read_bytes(data, name, READERS[Path(name).suffix.lower()], name, limits)


def _precheck(where: str, size: int, max_bytes: int) -> BadDocument | None:
    suffix = Path(where).suffix
    if suffix.lower() not in READERS:
        return BadDocument(where, f"unsupported file type {suffix or '(none)'}; use one of {', '.join(SUPPORTED)}")
    if size == 0:
        return BadDocument(where, "the file is empty; remove it or add the article's text")
    if size > max_bytes:
        return BadDocument(
            where,
            f"the file is {_size(size)}, over the {max_bytes / 1e6:g} MB limit; "
            "split it or raise ASSISTANT_MAX_FILE_MB",
        )
    return None


def read_bytes(
    data: bytes, article_id: str, reader: Reader, where: str, limits: Limits
) -> Iterator[Article | BadDocument]:
    found = 0
    try:
        for item in reader(data, article_id, limits):
            found += 1
            if isinstance(item, BadDocument):
                yield BadDocument(where + item.path, item.reason)  # item.path is ":line" or ""
            elif not item.text.strip():
                yield BadDocument(where, "no article text found in the file")
            elif len(item.text) > limits.article_chars:
                yield BadDocument(where + item.id.removeprefix(article_id), _too_long(f"{len(item.text):,}", limits))
            else:
                yield item
    except BadDocument as error:
        yield BadDocument(where, error.reason)
        return
    except Exception as error:  # a parser's own failure on a broken file must not stop the rest
        yield BadDocument(where, f"could not be read ({type(error).__name__}: {error}); check or re-export the file")
        return
    if not found:
        yield BadDocument(where, "no article text found in the file")


def _too_long(characters: str, limits: Limits) -> str:
    return (
        f"the article is {characters} characters, over the {limits.article_chars:,} limit; "
        "split it into several articles or raise ASSISTANT_MAX_ARTICLE_CHARS"
    )


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{size / 1e3:.1f} KB"


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise BadDocument("", "the file is binary, not text; convert it to .txt, .md, .html, .pdf or .jsonl")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadDocument(
            "",
            f"the file is not valid UTF-8 (byte {data[error.start]:#04x} at offset {error.start}); re-save it as UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lede_title(text: str, limit: int = 80) -> str:
    """A stand-in title when the article states none: its opening words."""
    first = clean_text(text.strip()[: limit * 4].split("\n", 1)[0])
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _read_txt(data: bytes, article_id: str, limits: Limits) -> Iterator[Article]:
    yield _article(article_id, _decode(data), {}, limits)


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without anchors and aliases: a few hundred bytes of nested aliases expand to gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise BadDocument("", "the front matter uses YAML aliases (*name); write the values out")
        return super().compose_node(parent, index)


def _read_md(data: bytes, article_id: str, limits: Limits) -> Iterator[Article]:
    raw = _decode(data)
    meta: dict = {}
    match = re.match(r"---\n(.*?)\n---\n", raw, re.DOTALL)
    if match:
        if len(match.group(1).encode()) > limits.front_matter_bytes:
            raise BadDocument(
                "", f"the front matter is over {limits.front_matter_bytes:,} bytes; keep title, date, source, url"
            )
        try:
            meta = yaml.load(match.group(1), Loader=_NoAliasLoader) or {}  # noqa: S506 (a SafeLoader)
        except yaml.YAMLError as error:
            raise BadDocument("", f"the front matter is not valid YAML ({error.__class__.__name__}); fix it") from None
        if not isinstance(meta, dict):
            raise BadDocument("", "the front matter must be a YAML mapping of title, date, source, url")
        # Markdown may carry HTML; its front matter is dropped of it like its body.
        meta = {key: _html_text(value) if isinstance(value, str) else value for key, value in meta.items()}
        raw = raw[match.end() :]
    heading, text = markdown_to_text(raw)
    yield _article(article_id, text, meta, limits, fallback_title=heading)


_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that can be stored and sent: a lone UTF-16 surrogate (from a JSON escape) becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _article(article_id: str, text: str, meta: dict, limits: Limits, fallback_title: str | None = None) -> Article:
    def plain(value: object) -> str | None:
        # Only plain values: a mapping or list where a title belongs is not a title.
        if value in (None, "") or isinstance(value, dict | list | tuple | set):
            return None
        value = " ".join(clean_text(str(value)).split())
        if len(value) > limits.field_chars:
            value = value[: limits.field_chars].rsplit(" ", 1)[0] + "\u2026"
        return value or None

    def field(name: str) -> str | None:
        return plain(meta.get(name))

    url = field("url")
    return Article(
        id=article_id,
        title=field("title") or plain(fallback_title) or _lede_title(text),
        text=clean_text(text.strip()),
        date=field("date"),
        source=field("source"),
        # Only web addresses: a `javascript:` or `file:` URL must never reach a link.
        url=url if url and re.match(r"https?://[^\s]+$", url, re.IGNORECASE) else None,
        author=field("author"),
    )


def markdown_to_text(markdown: str) -> tuple[str | None, str]:
    """Plain text of a markdown document, paragraphs separated by blank lines; HTML and images dropped.

    Returns the first level-1 heading too (a title when the front matter gives none).
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks: list[str] = []
    heading: str | None = None
    for index, token in enumerate(tokens):
        if token.type == "inline":
            text = _inline_text(token.children or []).strip()
            if text:
                blocks.append(text)
                if heading is None and tokens[index - 1].tag == "h1":
                    heading = text
        elif token.type in ("fence", "code_block") and token.content.strip():
            blocks.append(token.content.strip())
        elif token.type == "html_block":
            text = _html_text(token.content)
            if text:
                blocks.append(text)
    return heading, "\n\n".join(blocks)


def _inline_text(children: list) -> str:
    parts: list[str] = []
    skipping: str | None = None
    for child in children:
        if child.type == "html_inline":
            tag = re.match(r"<\s*(/?)\s*(script|style)\b", child.content, re.IGNORECASE)
            if tag:
                skipping = None if tag.group(1) else tag.group(2).lower()
            continue
        if skipping:
            continue
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


class _TextOnly(HTMLParser):
    """The text of an HTML fragment, without tags, scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("script", "style") and self._hidden > 0

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _html_text(fragment: str) -> str:
    parser = _TextOnly()
    parser.feed(fragment)
    parser.close()
    return re.sub(r"[ \t]+", " ", "".join(parser.parts)).strip()


def _read_html(data: bytes, article_id: str, limits: Limits) -> Iterator[Article]:
    import trafilatura

    html = _decode(data)
    # Only dates the page states as its own: the extensive search reads copyright footers as publication dates.
    document = trafilatura.bare_extraction(
        html, with_metadata=True, favor_recall=True, date_extraction_params={"extensive_search": False}
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise BadDocument("", "no article text found in the HTML")
    meta = {
        "title": document.title,
        "date": document.date,
        "source": document.sitename,
        "author": document.author,
        "url": document.url,
    }
    # trafilatura puts one paragraph per line; blank lines make paragraphs visible to the chunker.
    yield _article(article_id, re.sub(r"\n+", "\n\n", text), meta, limits)


def _read_pdf(data: bytes, article_id: str, limits: Limits) -> Iterator[Article]:
    import pypdf
    from pypdf.errors import LimitReachedError, PyPdfError

    content_limit = (
        f"the PDF's pages decompress to over {limits.pdf_content_bytes / 1e6:g} MB; save its text as .txt or split it"
    )
    try:
        # pypdf's own bounds, tightened to ours: no single stream may inflate past the whole budget.
        with pypdf.apply_configuration(
            zlib_maximum_output_length=limits.pdf_content_bytes,
            lzw_maximum_output_length=limits.pdf_content_bytes,
            run_length_maximum_output_length=limits.pdf_content_bytes,
            array_based_stream_maximum_output_length=limits.pdf_content_bytes,
        ):
            reader = pypdf.PdfReader(io.BytesIO(data))
            if len(reader.pages) > limits.pdf_pages:
                raise BadDocument(
                    "", f"the PDF has {len(reader.pages):,} pages, over the {limits.pdf_pages:,} limit; split it"
                )
            pages: list[str] = []
            content = characters = 0
            for page in reader.pages:
                contents = page.get_contents()
                content += len(contents.get_data()) if contents is not None else 0
                if content > limits.pdf_content_bytes:
                    raise BadDocument("", content_limit)
                pages.append((page.extract_text() or "").strip())
                characters += len(pages[-1]) + 2
                if characters > limits.article_chars:
                    raise BadDocument("", _too_long(f"over {limits.article_chars:,}", limits))
            title = reader.metadata.title if reader.metadata else None
    except LimitReachedError:
        raise BadDocument("", content_limit) from None
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise BadDocument("", f"not a readable PDF ({error}); re-export it or save the text as .txt") from None
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise BadDocument("", "the PDF has no extractable text (scanned images?); run OCR first or save it as .txt")
    yield _article(article_id, text, {"title": title}, limits)


def _read_jsonl(data: bytes, article_id: str, limits: Limits) -> Iterator[Article | BadDocument]:
    lines = _decode(data).split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f":{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield BadDocument(where, f"malformed JSON ({error.msg} at column {error.colno}); fix or remove the line")
            continue
        if not isinstance(record, dict):
            yield BadDocument(where, "each line must be a JSON object with title and text (or body)")
            continue
        text = record.get("text") or record.get("body")
        if not isinstance(text, str) or not text.strip():
            yield BadDocument(where, "the object has no 'text' or 'body' string; add the article's text")
            continue
        line_id = record.get("id")
        yield _article(f"{article_id}#{line_id if line_id not in (None, '') else number}", text, record, limits)


READERS: dict[str, Reader] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".jsonl": _read_jsonl,
}
