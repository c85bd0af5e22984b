"""Specs for reading articles from files: `read_path` and `read_file` (assistant/documents.py)."""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from assistant.documents import Article, Limits, read_file, read_path
from assistant.errors import BadDocument

from .conftest import TEXT_OPERATION, pdf_bomb, pdf_file, pdf_of_pages, write, yaml_alias_bomb

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_TEXT = SHARED / "seed" / "kyodo-2023-09-18-blinken-han-zheng.txt"
DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "kyodo-2023-09-18-blinken-han-zheng.md"

LIMIT = 1_000_000  # bytes; generous for every test file except the oversized one

PROSE = [
    "The harbour authority in Kobe said on Tuesday that the container terminal would reopen next week "
    "after engineers finished repairing the cranes damaged by the typhoon, which struck the port city "
    "with winds of more than 150 kilometres an hour last month.",
    "Shipping companies had diverted dozens of vessels to Osaka and Nagoya during the closure, and "
    "officials estimated that the disruption cost regional exporters several billion yen in delayed "
    "deliveries, according to figures released by the prefectural government on Monday.",
    "Local business leaders welcomed the announcement but urged the national government to fund "
    "stronger sea walls, warning that rising sea levels and more intense storms would make similar "
    "closures more frequent in the coming decades unless investment is increased substantially.",
]


def read(path: Path, max_bytes: int = LIMIT) -> list[Article | BadDocument]:
    return list(read_path(path, Limits(file_bytes=max_bytes)))


def articles(items: list) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def bad(items: list) -> list[BadDocument]:
    return [item for item in items if isinstance(item, BadDocument)]


def only_article(items: list) -> Article:
    assert bad(items) == [], [str(b) for b in bad(items)]
    assert len(items) == 1, items
    return items[0]


def only_bad(items: list) -> BadDocument:
    assert articles(items) == [], items
    assert len(items) == 1, items
    return items[0]


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal valid one-page PDF: one Helvetica text stream, one line per item, optional /Title."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = "BT /F1 12 Tf 72 720 Td 14 TL\n" + "\n".join(f"({line}) '" for line in escaped) + "\nET"
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title is not None:
        objects.append(b"<< /Title (" + title.encode("latin-1") + b") >>")
    return pdf_file(objects, info=len(objects) if title is not None else None)


def article_page(paragraphs: list[str]) -> str:
    """A realistic news page: head metadata, navigation, one <article>, a footer."""
    body = "\n".join(f"    <p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Kobe port to reopen after typhoon repairs | Harbour Times</title>
  <meta property="og:title" content="Kobe port to reopen after typhoon repairs">
  <meta property="og:site_name" content="Harbour Times">
  <meta property="article:published_time" content="2024-03-05T08:00:00+09:00">
  <meta name="author" content="Aiko Tanaka">
</head>
<body>
  <nav>
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/world">World</a></li>
      <li><a href="/subscribe">Subscribe to our weekly maritime newsletter</a></li>
    </ul>
  </nav>
  <main>
    <article>
    <h1>Kobe port to reopen after typhoon repairs</h1>
{body}
    </article>
  </main>
  <footer><p>Harbour Times Media Group. All rights reserved. Privacy policy and cookie settings.</p></footer>
</body>
</html>
"""


# --- .txt ---------------------------------------------------------------------------------------


def test_txt_article_is_read_whole_and_stripped(tmp_path):
    text = "\n\n".join(PROSE)
    path = write(tmp_path, "kobe.txt", "\n  " + text + "\n\n  \n")

    article = only_article(read(path))

    assert article.id == "kobe.txt"
    assert article.text == text
    assert (article.date, article.source, article.url) == (None, None, None)


def test_txt_title_falls_back_to_short_first_line(tmp_path):
    path = write(tmp_path, "kobe.txt", "Kobe port to reopen\n\n" + PROSE[0])

    article = only_article(read(path))

    assert article.title == "Kobe port to reopen"


def test_txt_title_falls_back_to_opening_words_of_long_first_line(tmp_path):
    path = write(tmp_path, "kobe.txt", PROSE[0] + "\n\n" + PROSE[1])

    title = only_article(read(path)).title

    assert title.endswith("\u2026")
    assert len(title) <= 81
    opening = title[:-1]
    assert PROSE[0].startswith(opening)
    assert PROSE[0][len(opening)] == " ", "the title is cut between words"
    assert opening.split() == PROSE[0].split()[: len(opening.split())]


def test_crlf_line_endings_become_newlines(tmp_path):
    path = write(tmp_path, "kobe.txt", (PROSE[0] + "\r\n\r\n" + PROSE[1]).encode())

    assert only_article(read(path)).text == PROSE[0] + "\n\n" + PROSE[1]


# --- .md ----------------------------------------------------------------------------------------


def test_md_front_matter_gives_title_date_source_url_and_body(tmp_path):
    path = write(
        tmp_path,
        "kobe.md",
        "---\n"
        "title: Kobe port to reopen after typhoon repairs\n"
        "date: 2024-03-05\n"
        "source: Harbour Times\n"
        "url: https://example.com/kobe\n"
        "---\n" + "\n\n".join(PROSE) + "\n",
    )

    article = only_article(read(path))

    assert article.title == "Kobe port to reopen after typhoon repairs"
    assert article.date == "2024-03-05"
    assert article.source == "Harbour Times"
    assert article.url == "https://example.com/kobe"
    assert article.text == "\n\n".join(PROSE)
    assert "---" not in article.text and "title:" not in article.text


def test_md_first_level_heading_is_the_title_when_front_matter_has_none(tmp_path):
    path = write(
        tmp_path,
        "kobe.md",
        "---\nsource: Harbour Times\n---\n## Shipping\n\n# Kobe port to reopen\n\n"
        + PROSE[0]
        + "\n\n# Later heading\n",
    )

    article = only_article(read(path))

    assert article.title == "Kobe port to reopen"
    assert article.source == "Harbour Times"
    assert PROSE[0] in article.text


def test_md_front_matter_title_wins_over_heading(tmp_path):
    path = write(tmp_path, "kobe.md", "---\ntitle: From front matter\n---\n# From heading\n\n" + PROSE[0])

    assert only_article(read(path)).title == "From front matter"


def test_md_markup_is_reduced_to_plain_paragraphs(tmp_path):
    path = write(
        tmp_path,
        "kobe.md",
        "The *harbour* authority said the [terminal](https://example.com) would **reopen**.\n\n"
        "Officials `estimated` the cost.\n",
    )

    article = only_article(read(path))

    assert article.text == "The harbour authority said the terminal would reopen.\n\nOfficials estimated the cost."


def test_md_invalid_yaml_front_matter_is_a_bad_document_naming_the_file(tmp_path):
    path = write(tmp_path, "broken.md", "---\ntitle: [unclosed\ndate: 2024\n---\n" + PROSE[0])

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "front matter" in problem.reason and "YAML" in problem.reason
    assert str(path) in str(problem)


def test_md_front_matter_that_is_not_a_mapping_is_a_bad_document(tmp_path):
    path = write(tmp_path, "list.md", "---\n- one\n- two\n---\n" + PROSE[0])

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "mapping" in problem.reason


def test_md_html_and_images_are_dropped_but_prose_kept(tmp_path):
    path = write(
        tmp_path,
        "laden.md",
        "# Kobe port to reopen\n\n"
        f"{PROSE[0]}\n\n"
        "<script>alert(1)</script>\n\n"
        "<img src=x onerror=alert(1)>\n\n"
        "![pic](http://x/y.png)\n\n"
        f"{PROSE[1]} <script>alert(2)</script> Engineers <em>worked</em> through the night.\n"
        "<img src=x onerror=alert(3)> ![pic](http://x/y.png) <style>p {{ color: red }}</style>\n\n"
        f"{PROSE[2]}\n",
    )

    article = only_article(read(path))

    for paragraph in PROSE:
        assert paragraph in article.text
    assert "Engineers worked through the night." in article.text  # inline tags dropped, their text kept
    for leftover in ("<script", "alert(", "onerror", "![", "<img", "<em>", "<style", "color: red", "http://x/y.png"):
        assert leftover not in article.text, leftover
    assert article.title == "Kobe port to reopen"


def test_md_prose_inside_block_level_html_is_kept(tmp_path):
    path = write(
        tmp_path,
        "wrapped.md",
        "Kobe port to reopen.\n\n"
        f'<p>{PROSE[0]}</p>\n\n<div class="story">\n{PROSE[1]}\n</div>\n\n<img src=x onerror=alert(1)>\n{PROSE[2]}\n',
    )

    article = only_article(read(path))

    for paragraph in PROSE:
        assert paragraph in article.text


def test_md_with_only_html_is_a_bad_document(tmp_path):
    path = write(tmp_path, "script.md", "<script>alert(1)</script>\n")

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "no article text" in problem.reason


# --- .html --------------------------------------------------------------------------------------


def test_html_article_body_is_read_without_boilerplate(tmp_path):
    path = write(tmp_path, "kobe.html", article_page(PROSE))

    article = only_article(read(path))

    for paragraph in PROSE:
        assert paragraph in article.text
    assert "newsletter" not in article.text
    assert "All rights reserved" not in article.text
    assert "Home" not in article.text.split()
    assert article.title == "Kobe port to reopen after typhoon repairs"
    assert article.source == "Harbour Times"
    assert article.date == "2024-03-05"


def test_html_paragraphs_are_separated_by_blank_lines(tmp_path):
    path = write(tmp_path, "kobe.htm", article_page(PROSE))

    text = only_article(read(path)).text

    assert PROSE[0] + "\n\n" + PROSE[1] + "\n\n" + PROSE[2] in text


def test_html_without_a_date_is_not_given_one_from_its_copyright_line(tmp_path):
    page = article_page(PROSE)
    page = page.replace('<meta property="article:published_time" content="2024-03-05T08:00:00+09:00">', "")
    page = page.replace("Harbour Times Media Group.", "Copyright 2024 Harbour Times Media Group.")
    path = write(tmp_path, "undated.html", page)

    assert only_article(read(path)).date is None


def test_html_without_article_text_is_a_bad_document(tmp_path):
    path = write(tmp_path, "empty.html", "<html><head><title>Nothing</title></head><body></body></html>")

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "no article text" in problem.reason


# --- .pdf ---------------------------------------------------------------------------------------


def test_pdf_text_is_extracted(tmp_path):
    lines = ["The council approved the new budget on Monday.", "Spending on schools rises by four percent."]
    path = write(tmp_path, "budget.pdf", make_pdf(lines, title="Council approves budget"))

    article = only_article(read(path))

    assert article.id == "budget.pdf"
    assert article.text.split() == " ".join(lines).split()
    assert article.title == "Council approves budget"


def test_pdf_without_title_metadata_falls_back_to_its_opening_words(tmp_path):
    path = write(tmp_path, "budget.pdf", make_pdf(["The council approved the new budget on Monday."]))

    assert only_article(read(path)).title == "The council approved the new budget on Monday."


def test_corrupt_pdf_is_a_bad_document_with_a_reason(tmp_path):
    path = write(tmp_path, "corrupt.pdf", random.Random(7).randbytes(4096))

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "not a readable PDF" in problem.reason


def test_pdf_without_text_is_a_bad_document(tmp_path):
    path = write(tmp_path, "scan.pdf", make_pdf([]))

    problem = only_bad(read(path))

    assert "no extractable text" in problem.reason


def test_pdf_with_an_oversized_xref_table_is_a_bad_document_and_others_are_still_read(tmp_path):
    good = make_pdf(["The council approved the new budget on Monday."])
    write(tmp_path, "a.pdf", good.replace(b"xref\n0 6\n", b"xref\n0 99999\n"))
    write(tmp_path, "b.txt", PROSE[0])

    items = read(tmp_path)

    assert [a.id for a in articles(items)] == ["b.txt"]
    assert [Path(b.path).name for b in bad(items)] == ["a.pdf"]


# --- .jsonl -------------------------------------------------------------------------------------


def test_jsonl_lines_become_articles_and_bad_lines_bad_documents(tmp_path):
    lines = [
        json.dumps(
            {
                "id": "kobe-1",
                "title": "Kobe port",
                "text": PROSE[0],
                "date": "2024-03-05",
                "source": "Harbour Times",
                "url": "https://example.com/kobe",
            }
        ),
        json.dumps({"title": "Diverted ships", "body": PROSE[1]}),
        "",
        '{"title": "Broken", "text": "unterminated',
        json.dumps({"title": "No text here", "source": "Harbour Times"}),
        json.dumps({"id": "", "text": PROSE[2]}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")

    items = read(path)

    good = articles(items)
    assert [a.id for a in good] == ["feed.jsonl#kobe-1", "feed.jsonl#2", "feed.jsonl#6"]
    first, second, third = good
    assert (first.title, first.text, first.date, first.source, first.url) == (
        "Kobe port",
        PROSE[0],
        "2024-03-05",
        "Harbour Times",
        "https://example.com/kobe",
    )
    assert (second.title, second.text) == ("Diverted ships", PROSE[1])
    assert third.text == PROSE[2]

    problems = bad(items)
    assert [p.path for p in problems] == [f"{path}:4", f"{path}:5", f"{path}:7"]
    assert "malformed JSON" in problems[0].reason
    assert "'text' or 'body'" in problems[1].reason
    assert "JSON object" in problems[2].reason


def test_jsonl_ids_in_a_folder_include_the_relative_path(tmp_path):
    write(tmp_path, "feeds/wire.jsonl", json.dumps({"id": 7, "text": PROSE[0]}) + "\n")

    article = only_article(read(tmp_path))

    assert article.id == "feeds/wire.jsonl#7"


def test_jsonl_with_only_blank_lines_is_a_bad_document(tmp_path):
    path = write(tmp_path, "blank.jsonl", "\n\n   \n")

    problem = only_bad(read(path))

    assert problem.path == str(path)


# --- bad files ----------------------------------------------------------------------------------


def test_empty_file_is_a_bad_document(tmp_path):
    path = write(tmp_path, "empty.txt", "")

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "empty" in problem.reason


def test_whitespace_only_file_is_a_bad_document(tmp_path):
    path = write(tmp_path, "blank.txt", "  \n\n\t\n")

    problem = only_bad(read(path))

    assert "no article text" in problem.reason


def test_binary_file_is_a_bad_document(tmp_path):
    path = write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "binary" in problem.reason


def test_invalid_utf8_is_a_bad_document_saying_where(tmp_path):
    path = write(tmp_path, "latin1.md", "Caf\u00e9 owners in Kobe reopened on Monday.".encode("latin-1"))

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "UTF-8" in problem.reason
    assert "0xe9" in problem.reason and "offset 3" in problem.reason


def test_utf8_byte_order_mark_is_not_part_of_the_text(tmp_path):
    path = write(tmp_path, "bom.txt", "\ufeffKobe port to reopen.".encode())

    assert only_article(read(path)).text == "Kobe port to reopen."


def test_oversized_file_is_a_bad_document_naming_the_limit(tmp_path):
    path = write(tmp_path, "long.txt", "x" * 1500)

    problem = only_bad(read(path, max_bytes=1000))

    assert problem.path == str(path)
    assert "0.001 MB limit" in problem.reason
    assert "ASSISTANT_MAX_FILE_MB" in problem.reason


def test_file_at_the_size_limit_is_read(tmp_path):
    path = write(tmp_path, "exact.txt", "x" * 1000)

    assert only_article(read(path, max_bytes=1000)).text == "x" * 1000


def test_unsupported_extension_is_a_bad_document_listing_supported_types(tmp_path):
    path = write(tmp_path, "notes.docx", PROSE[0])

    problem = only_bad(read(path))

    assert problem.path == str(path)
    assert "unsupported file type .docx" in problem.reason
    for suffix in (".txt", ".md", ".html", ".pdf", ".jsonl"):
        assert suffix in problem.reason


def test_file_without_extension_is_a_bad_document(tmp_path):
    path = write(tmp_path, "README", PROSE[0])

    assert "unsupported file type (none)" in only_bad(read(path)).reason


def test_extensions_are_matched_case_insensitively(tmp_path):
    path = write(tmp_path, "SHOUT.TXT", PROSE[0])

    assert only_article(read(path)).text == PROSE[0]


def test_missing_path_is_a_bad_document(tmp_path):
    missing = tmp_path / "nowhere"

    problem = only_bad(read(missing))

    assert problem.path == str(missing)
    assert "no such file or folder" in problem.reason


def test_empty_folder_is_a_bad_document(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()

    problem = only_bad(read(folder))

    assert problem.path == str(folder)
    assert "holds no files" in problem.reason


def test_each_bad_file_gives_one_bad_document_and_the_rest_are_still_read(tmp_path):
    write(tmp_path, "a-good.txt", PROSE[0])
    write(tmp_path, "b-empty.txt", "")
    write(tmp_path, "c-binary.md", b"abc\x00def")
    write(tmp_path, "d-latin1.txt", "caf\u00e9".encode("latin-1"))
    write(tmp_path, "e-huge.txt", "y" * 5000)
    write(tmp_path, "f-notes.docx", "whatever")
    write(tmp_path, "g-corrupt.pdf", random.Random(3).randbytes(2048))
    write(tmp_path, "h-bad-yaml.md", "---\ntitle: [\n---\nBody.\n")
    write(tmp_path, "sub/i-good.md", "# Second\n\n" + PROSE[1])

    items = read(tmp_path, max_bytes=4000)

    assert [a.id for a in articles(items)] == ["a-good.txt", "sub/i-good.md"]
    reasons = {Path(b.path).name: b.reason for b in bad(items)}
    assert len(bad(items)) == len(reasons) == 7
    assert "empty" in reasons["b-empty.txt"]
    assert "binary" in reasons["c-binary.md"]
    assert "UTF-8" in reasons["d-latin1.txt"]
    assert "ASSISTANT_MAX_FILE_MB" in reasons["e-huge.txt"]
    assert "unsupported" in reasons["f-notes.docx"]
    assert "PDF" in reasons["g-corrupt.pdf"]
    assert "YAML" in reasons["h-bad-yaml.md"]


def test_folder_articles_are_identified_by_relative_path_in_sorted_order(tmp_path):
    write(tmp_path, "b.txt", PROSE[1])
    write(tmp_path, "a.txt", PROSE[0])
    write(tmp_path, "sub/c.md", PROSE[2])

    assert [a.id for a in read(tmp_path)] == ["a.txt", "b.txt", "sub/c.md"]


def test_read_file_uses_the_given_article_id(tmp_path):
    path = write(tmp_path, "kobe.txt", PROSE[0])

    items = list(read_file(path, "wire/kobe.txt", Limits(file_bytes=LIMIT)))

    assert only_article(items).id == "wire/kobe.txt"


# --- hidden files -------------------------------------------------------------------------------


def test_hidden_files_and_folders_are_ignored(tmp_path):
    write(tmp_path, "kobe.txt", PROSE[0])
    write(tmp_path, ".DS_Store", b"\x00\x00\x00\x01Bud1\x00")
    write(tmp_path, ".git/HEAD", "ref: refs/heads/main\n")
    write(tmp_path, ".git/objects/ab/cdef", b"\x78\x9c\x00")
    write(tmp_path, "sub/.hidden.txt", "not an article")
    write(tmp_path, ".drafts/draft.txt", "not an article either")

    items = read(tmp_path)

    assert [a.id for a in articles(items)] == ["kobe.txt"]
    assert bad(items) == []


def test_folder_with_only_hidden_files_is_a_bad_document(tmp_path):
    write(tmp_path, ".DS_Store", b"\x00\x01")

    assert "holds no files" in only_bad(read(tmp_path)).reason


# --- hostile files: each bound turns a file into a reason, fast -------------------------------------


def test_an_article_over_the_character_limit_is_skipped_with_a_reason_and_the_next_line_read(tmp_path):
    lines = [json.dumps({"title": "Huge", "text": "x" * 5_000_000}), json.dumps({"text": PROSE[0]})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")

    items = list(read_path(path, Limits(file_bytes=10**8)))

    [problem] = bad(items)
    assert problem.path == f"{path}#1"
    assert "5,000,000 characters, over the 1,000,000 limit" in problem.reason
    assert "ASSISTANT_MAX_ARTICLE_CHARS" in problem.reason
    assert [a.text for a in articles(items)] == [PROSE[0]]


def test_a_pdf_inflating_to_50_mb_is_refused_without_being_parsed(tmp_path):
    bomb = pdf_bomb()
    assert len(bomb) < 200_000
    started = time.perf_counter()

    problem = only_bad(read(write(tmp_path, "bomb.pdf", bomb)))

    assert "decompress to over 8 MB" in problem.reason
    assert time.perf_counter() - started < 10


def test_pages_sharing_one_stream_count_against_the_pdf_budget(tmp_path):
    pages = pdf_of_pages(TEXT_OPERATION * (400_000 // len(TEXT_OPERATION)), pages=40)
    path = write(tmp_path, "pages.pdf", pages)

    problem = only_bad(list(read_path(path, Limits(pdf_content_bytes=1_000_000))))

    assert "decompress to over 1 MB" in problem.reason


def test_a_pdf_over_the_page_limit_is_refused(tmp_path):
    path = write(tmp_path, "long.pdf", pdf_of_pages(TEXT_OPERATION, pages=30))

    problem = only_bad(list(read_path(path, Limits(pdf_pages=20))))

    assert "30 pages, over the 20 limit" in problem.reason


def test_yaml_aliases_in_front_matter_are_refused_before_they_expand(tmp_path):
    path = write(tmp_path, "laughs.md", yaml_alias_bomb())

    problem = only_bad(read(path))

    assert "aliases" in problem.reason


def test_front_matter_over_its_size_limit_is_refused(tmp_path):
    path = write(tmp_path, "big.md", "---\ntitle: " + "x" * 20_000 + "\n---\n" + PROSE[0])

    assert "front matter is over 16,384 bytes" in only_bad(read(path)).reason


def test_metadata_is_plain_text_of_bounded_length_and_links_are_web_addresses(tmp_path):
    front = (
        "---\ntitle: <b>Kobe</b> port <img src=x onerror=alert(1)>reopens\n"
        "source: " + "Harbour Times " * 100 + "\nurl: javascript:alert(1)\ndate: {nested: 1}\n---\n"
    )
    article = only_article(read(write(tmp_path, "meta.md", front + PROSE[0])))

    assert article.title == "Kobe port reopens"
    assert len(article.source) <= 501 and article.source.endswith("\u2026")
    assert article.url is None and article.date is None
    web = only_article(read(write(tmp_path, "web.md", "---\nurl: https://example.org/kobe\n---\n" + PROSE[0])))
    assert web.url == "https://example.org/kobe"


def test_a_lone_surrogate_in_a_json_line_becomes_a_replacement_character(tmp_path):
    path = write(tmp_path, "odd.jsonl", '{"title": "A \\ud800 title", "text": "Kobe \\udc00 reopened."}\n')

    article = only_article(read(path))

    assert article.text == "Kobe \ufffd reopened." and article.title == "A \ufffd title"
    article.text.encode("utf-8")


# --- the default corpus -------------------------------------------------------------------------


def test_default_corpus_text_equals_the_shared_seed_text():
    if not SEED_TEXT.exists():
        pytest.fail(f"{SEED_TEXT} is missing: the shared/ folder must sit beside the repository")

    article = only_article(read(DEFAULT_CORPUS))

    assert article.text == SEED_TEXT.read_text(encoding="utf-8").strip()
    assert article.source == "Kyodo News"
    assert article.date == "2023-09"
    assert article.id == DEFAULT_CORPUS.name
    assert article.title == "Top U.S. diplomat, Chinese vice president hold talks in New York"
