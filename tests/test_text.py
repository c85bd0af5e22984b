"""Specs for paragraph and sentence spans of news prose (assistant/text.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.text import Span, paragraphs, sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_TEXT = SHARED / "seed" / "kyodo-2023-09-18-blinken-han-zheng.txt"


def sentence_texts(text: str) -> list[str]:
    return [span.of(text) for span in sentences(text)]


def paragraph_texts(text: str) -> list[str]:
    return [span.of(text) for span in paragraphs(text)]


def seed_text() -> str:
    if not SEED_TEXT.exists():
        pytest.fail(f"{SEED_TEXT} is missing: the shared/ folder must sit beside the repository")
    return SEED_TEXT.read_text(encoding="utf-8").strip()


def assert_exact_ordered_spans(text: str, spans: list[Span]) -> None:
    """Each span is trimmed, non-empty, inside the text, and after the one before it."""
    previous_end = 0
    for span in spans:
        piece = span.of(text)
        assert piece, span
        assert piece == piece.strip(), span
        assert previous_end <= span.start < span.end <= len(text)
        previous_end = span.end


# --- paragraphs ---------------------------------------------------------------------------------


def test_paragraphs_are_blocks_between_blank_lines_trimmed():
    text = "\n  First paragraph,\nstill first.  \n\nSecond paragraph.\n \t \nThird.\n\n\n"

    assert paragraph_texts(text) == ["First paragraph,\nstill first.", "Second paragraph.", "Third."]
    assert_exact_ordered_spans(text, paragraphs(text))


def test_paragraph_spans_index_the_original_text():
    text = "Alpha beta.\n\nGamma delta."

    assert paragraphs(text) == [Span(0, 11), Span(13, 25)]


def test_blank_text_has_no_paragraphs_or_sentences():
    assert paragraphs("  \n\n \t") == []
    assert sentences("  \n\n \t") == []


# --- sentences: spans ---------------------------------------------------------------------------


def test_sentence_spans_are_exact_slices_of_the_text():
    text = "  The talks began on Monday.  They ended on Tuesday!\n\nWas it a success?   Officials think so.\n"

    spans = sentences(text)

    assert [span.of(text) for span in spans] == [
        "The talks began on Monday.",
        "They ended on Tuesday!",
        "Was it a success?",
        "Officials think so.",
    ]
    assert_exact_ordered_spans(text, spans)
    assert text[spans[1].start : spans[1].end] == "They ended on Tuesday!"


def test_sentences_within_a_span_stay_inside_it():
    text = "Before. Inside one. Inside two. After."
    within = Span(8, 31)

    spans = sentences(text, within=within)

    assert [span.of(text) for span in spans] == ["Inside one.", "Inside two."]
    assert all(within.start <= span.start and span.end <= within.end for span in spans)


# --- sentences: abbreviations -------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        ("U.S. officials met their counterparts on Monday.", "The talks went well."),
        ("Officials from the U.S. met on Monday.", "The talks went well."),
        ("The summit opens Sept. 18 in New York.", "Leaders will attend."),
        ("She moved to Albany, N.Y. last year.", "She likes it there."),
        ("The rally in Albany, N.Y., drew thousands.", "Police were present."),
        ("Mr. Blinken met Mr. Han on Monday.", "They shook hands."),
        ("The law takes effect Jan. 1 next year.", "Critics object."),
        ("The law took effect on Jan. 1.", "Critics object."),
    ],
)
def test_abbreviations_do_not_split_sentences(first, second):
    text = f"{first} {second}"

    assert sentence_texts(text) == [first, second]


def test_many_abbreviations_in_one_sentence_stay_one_sentence():
    text = "Mr. Smith flew from the U.S. to N.Y. on Sept. 18 and back on Jan. 3 with Mr. Lee."

    assert sentence_texts(text) == [text]


# --- sentences: quotations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        '"We will not back down. The talks are over," he said.',
        "\u201cWe will not back down. The talks are over,\u201d he said.",
        '"Is this fair? I think not!" she asked.',
        '"The economy is strong. Inflation is falling. Jobs are up," the president said on Monday.',
    ],
)
def test_quotation_of_several_sentences_with_attribution_is_one_sentence(quote):
    text = f"The minister arrived late. {quote} Nobody replied."

    assert sentence_texts(text) == ["The minister arrived late.", quote, "Nobody replied."]


@pytest.mark.parametrize(
    "quote",
    [
        '"We came here to talk.\nWe did not come to fight," he said.',
        "\u201cWe came here to talk. We did not come\nto fight,\u201d he said.",
    ],
)
def test_quotation_wrapped_across_a_line_break_stays_one_sentence(quote):
    text = f"{quote} Then he left."

    assert sentence_texts(text) == [quote, "Then he left."]


def test_quotation_ending_a_sentence_is_kept_whole():
    text = 'He said: "Prices rose. Wages fell. People are angry." Then he left.'

    assert sentence_texts(text) == ['He said: "Prices rose. Wages fell. People are angry."', "Then he left."]


# --- sentences: paragraphs ----------------------------------------------------------------------


def test_sentences_never_cross_paragraph_breaks():
    text = (
        "Related coverage:\n\n"
        "Japan's new foreign minister to meet Blinken on Sept. 18 in N.Y.\n\n"
        "talks continue in lower case\n\n"
        '"This quote opens but does not close in this paragraph.\n\n'
        '"It continues here," he said.'
    )

    spans = sentences(text)

    paragraph_spans = paragraphs(text)
    for span in spans:
        assert any(p.start <= span.start and span.end <= p.end for p in paragraph_spans), span.of(text)
        assert "\n\n" not in span.of(text)
    assert [span.of(text) for span in spans] == [
        "Related coverage:",
        "Japan's new foreign minister to meet Blinken on Sept. 18 in N.Y.",
        "talks continue in lower case",
        '"This quote opens but does not close in this paragraph.',
        '"It continues here," he said.',
    ]


def test_single_line_breaks_inside_a_paragraph_do_not_end_it():
    text = "The council met on\nMonday. It approved\nthe budget."

    assert paragraph_texts(text) == [text]
    assert sentence_texts(text) == ["The council met on\nMonday.", "It approved\nthe budget."]


# --- the seed article ---------------------------------------------------------------------------


def test_seed_sentences_are_exact_and_inside_paragraphs():
    text = seed_text()

    spans = sentences(text)

    assert len(spans) >= len(paragraphs(text))
    assert_exact_ordered_spans(text, spans)
    for span in spans:
        assert "\n" not in span.of(text)


def test_seed_red_line_sentence_is_whole():
    text = seed_text()

    matches = [s for s in sentence_texts(text) if "first red line" in s]

    assert len(matches) == 1
    sentence = matches[0]
    assert sentence.startswith("China's Foreign Ministry")
    assert sentence.endswith("if necessary.")
    assert '"the first red line that must not be crossed"' in sentence


def test_seed_two_sentence_quote_with_attribution_is_one_sentence():
    text = seed_text()

    expected = (
        '"The world expects us to responsibly manage our relationship. The United States is committed to '
        'doing just that," he told Han, when the press was present.'
    )

    assert expected in sentence_texts(text)


def test_seed_abbreviations_do_not_split_sentences():
    text = seed_text()

    found = sentence_texts(text)

    assert "Japan's new foreign minister Kamikawa to meet Blinken on Sept. 18 in N.Y." in found
    assert any(s.startswith("U.S. Secretary of State Antony Blinken on Monday agreed") for s in found)
    assert not any(s in ("U.S.", "Sept.", "N.Y.", "U.N.") for s in found)
