"""Reading articles from files: .txt, .md, .html, .pdf and .jsonl.

`read_path` walks a file or folder and yields an `Article` for every readable
article and a `BadDocument` for every file (or JSONL line) that is not, so one
bad file never stops the rest. An article's `text` is what chunks and citation
offsets refer to.
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

    def to_dict(self) -> dict:
        return asdict(self)


Reader = Callable[[bytes, str], Iterator["Article | BadDocument"]]


def read_path(path: Path, max_bytes: int) -> Iterator[Article | BadDocument]:
    """Yield the articles under `path` (a file or a folder), and a BadDocument per unreadable one."""
    if not path.exists():
        yield BadDocument(str(path), "no such file or folder; check the path")
        return
    if path.is_file():
        yield from read_file(path, path.name, max_bytes)
        return
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )
    if not files:
        yield BadDocument(str(path), "the folder holds no files; add articles (" + ", ".join(SUPPORTED) + ")")
    for file in files:
        yield from read_file(file, file.relative_to(path).as_posix(), max_bytes)


def read_file(path: Path, article_id: str, max_bytes: int) -> Iterator[Article | BadDocument]:
    """Read one file whose articles are identified by `article_id` (its path within the corpus)."""
    problem = _precheck(str(path), path.stat().st_size, max_bytes)
    if problem:
        yield problem
    else:
        yield from read_bytes(path.read_bytes(), article_id, READERS[path.suffix.lower()], str(path))


def read_upload(filename: str, data: bytes, max_bytes: int) -> Iterator[Article | BadDocument]:
    """Read an uploaded file; its articles are identified by its base name."""
    name = Path(filename.replace("\\", "/")).name or "upload"
    problem = _precheck(name, len(data), max_bytes)
    if problem:
        yield problem
    else:
        yield from read_bytes(data, name, READERS[Path(name).suffix.lower()], name)


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


def read_bytes(data: bytes, article_id: str, reader: Reader, where: str) -> Iterator[Article | BadDocument]:
    found = 0
    try:
        for item in reader(data, article_id):
            found += 1
            if isinstance(item, BadDocument):
                yield BadDocument(where + item.path, item.reason)  # item.path is ":line" or ""
            elif not item.text.strip():
                yield BadDocument(where, "no article text found in the file")
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
    first = text.strip().split("\n", 1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _read_txt(data: bytes, article_id: str) -> Iterator[Article]:
    yield _article(article_id, _decode(data), {})


def _read_md(data: bytes, article_id: str) -> Iterator[Article]:
    raw = _decode(data)
    meta: dict = {}
    match = re.match(r"---\n(.*?)\n---\n", raw, re.DOTALL)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError as error:
            raise BadDocument("", f"the front matter is not valid YAML ({error.__class__.__name__}); fix it") from None
        if not isinstance(meta, dict):
            raise BadDocument("", "the front matter must be a YAML mapping of title, date, source, url")
        raw = raw[match.end() :]
    heading, text = markdown_to_text(raw)
    yield _article(article_id, text, meta, fallback_title=heading)


def _article(article_id: str, text: str, meta: dict, fallback_title: str | None = None) -> Article:
    def field(name: str) -> str | None:
        value = meta.get(name)
        return str(value).strip() if value not in (None, "") else None

    return Article(
        id=article_id,
        title=field("title") or fallback_title or _lede_title(text),
        text=text.strip(),
        date=field("date"),
        source=field("source"),
        url=field("url"),
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


def _read_html(data: bytes, article_id: str) -> Iterator[Article]:
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
        "url": document.url,
    }
    # trafilatura puts one paragraph per line; blank lines make paragraphs visible to the chunker.
    yield _article(article_id, re.sub(r"\n+", "\n\n", text), meta)


def _read_pdf(data: bytes, article_id: str) -> Iterator[Article]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise BadDocument("", f"not a readable PDF ({error}); re-export it or save the text as .txt") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise BadDocument("", "the PDF has no extractable text (scanned images?); run OCR first or save it as .txt")
    yield _article(article_id, text, {"title": title})


def _read_jsonl(data: bytes, article_id: str) -> Iterator[Article | BadDocument]:
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
        yield _article(f"{article_id}#{line_id if line_id not in (None, '') else number}", text, record)


READERS: dict[str, Reader] = {
    ".txt": _read_txt,
    ".md": _read_md,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
    ".jsonl": _read_jsonl,
}
