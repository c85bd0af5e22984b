"""Reading what a question asks for (assistant/question.py): the kind of answer, the speaker, the names, the years.

These specify behaviour that paraphrases, lower case and possessives must not change.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.question import (
    abbreviates,
    analyze,
    answer_key,
    answerable_in_years,
    as_the_coverage_spells,
    beyond_the_picture,
    dates_another_edition,
    in_the_event_asked,
    in_the_part_asked,
    labels_meant,
    mentions,
    names_event,
    not_their_words,
    of_another_instalment,
    of_the_division_asked,
    of_the_period_asked,
    parse,
    speaker_fits,
    spelled_out,
    states_numbers,
    written_in,
    years_stated,
)


def likeliest(labels: dict[str, float]) -> str | None:
    return max(labels, key=labels.get) if labels else None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who won the match in 2019?", "PERSON"),
        ("who directed the film?", "PERSON"),
        ("Who is the president of the league?", "PERSON"),
        ("Who is Apple's CEO?", "PERSON"),
        ("Who is the CEO of Apple?", "PERSON"),
        ("When did the port reopen?", "DATE"),
        ("when does the summit start", "DATE"),
        ("Where will the summit be held?", "GPE"),
        ("Where is the summit?", "GPE"),
        ("How many cars were delivered?", "CARDINAL"),
        ("How much did Tesla earn?", "MONEY"),
        ("How much will the solar farm save the city?", "MONEY"),
    ],
)
def test_the_kind_of_answer_follows_the_wh_word_whatever_the_wording(question, kind):
    assert likeliest(parse(question).labels) == kind


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("whats the starting price of the harbor 6 pro", "What is the starting price of the Harbor 6 Pro?"),
        ("hows the harbor deal going", "How is the Harbor deal going?"),
        ("wheres the summit", "Where is the summit?"),
    ],
)
def test_a_wh_word_run_into_is_without_its_apostrophe_reads_as_both_words(typed, meant):
    query, expected = parse(typed), parse(meant)
    assert (query.wh, query.head, query.labels, query.verb) == (
        expected.wh,
        expected.head,
        expected.labels,
        expected.verb,
    )
    assert query.verb != "s"


def test_whos_is_left_as_typed_for_whose_as_often_as_for_who_is():
    assert parse("whos idea was the harbor deal").text == "whos idea was the harbor deal"


@pytest.mark.parametrize("question", ["Who is Kamikawa?", "who was Han Zheng?"])
def test_who_is_a_name_asks_for_a_description_not_a_name(question):
    assert parse(question).labels == {}


@pytest.mark.parametrize(
    "question",
    [
        "Who is taking over as Binance's CEO now that Changpeng Zhao is stepping down?",
        "who was named coach after Ange Postecoglou left?",
        "Who is Apple's CEO?",
    ],
)
def test_who_is_doing_something_asks_for_a_name(question):
    assert likeliest(parse(question).labels) == "PERSON"


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Wang say about Taiwan?", "Wang"),
        ("what did blinken say about taiwan?", "blinken"),
        ("What did the president say about tariffs?", "president"),
        ("How did Reddit co-founder Alexis Ohanian describe TikTok?", "Alexis Ohanian"),
        ("What did the State Department warn?", "State Department"),
    ],
)
def test_a_question_about_reported_speech_names_the_speaker_and_asks_for_no_name(question, speaker):
    query = parse(question)
    assert speaker in (query.speaker or "")
    assert query.labels == {}  # "the president" is who spoke, not the kind of answer


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did Acme Capital market strategist Jane Morrow say about interest rates?", "Jane Morrow"),
        ("What did Senator Maria Kovacs tell reporters?", "Maria Kovacs"),
        ("What did outfielder Tom Reyes, Ann Lee's teammate, say about the trade?", "Tom Reyes"),
        ("What did Jane Smith's lawyer John Doe tell the court?", "John Doe"),
        # The small tagger reads the club as a person and the owner's name as an organisation.
        ("How did Preston owner Farid Nouri describe the coach?", "Farid Nouri"),
        ("What did the mayor, who was elected in May, say about the budget?", "mayor"),
    ],
)
def test_the_speaker_is_the_person_not_their_title_employer_or_whoever_they_belong_to(question, speaker):
    assert parse(question).speaker == speaker


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        # A reporting verb in a clause describing a noun describes what is asked about.
        ("Who set the national scoring record, which the Tribune said Lena Holt was closing in on?", None),
        ("Which bridge, which officials said was unsafe, did the city close in March?", None),
        # The wh-phrase is what is asked for, and a passive's subject is what is spoken of.
        ("Which company said it would cut jobs?", None),
        ("Which company was described as having no valid alternative?", None),
        # A passive's agent is who spoke.
        ("What was announced by the ministry on Monday?", "ministry"),
        # A question framed as a person's account asks for their words; an outlet's account is no one's.
        ("According to analyst Lena Vogt, what will the vote bring for bonds?", "Lena Vogt"),
        ("According to the Harbour Times, what will the vote bring for bonds?", None),
        # A source's topic is not its speaker; a source's interviewee is.
        ("According to The Harbour Times's March report on Lena Vogt's pay, what will the vote bring?", None),
        ("According to the Tribune's story about Joe Biden's health, what did doctors find?", None),
        ("According to an interview with analyst Lena Vogt, what will the vote bring for bonds?", "Lena Vogt"),
        ("According to a report on the bond vote by Lena Vogt, what will the vote bring?", "Lena Vogt"),
        ("According to a post on Lena Vogt's Truth Social page, what will the vote bring?", "Lena Vogt"),
        ("According to a statement from Lena Vogt about Tom Reyes, what will the vote bring?", "Lena Vogt"),
        ("According to Harbor City co-owner Lena Vogt, what will the vote bring?", "Lena Vogt"),
        # "against" gives a topic, and "of" does unless it hangs on the words said.
        ("According to testimony in the trial of Lena Vogt, who moved the funds?", None),
        ("According to a lawsuit against Lena Vogt, what did the fund hide?", None),
        ("According to the remarks of Lena Vogt, what will the vote bring?", "Lena Vogt"),
        ("According to Bank of Harbor analyst Lena Vogt, what will the vote bring?", "Lena Vogt"),
        # So is one framed by a person's view; a phrase on anything else of theirs is no frame.
        ("In analyst Lena Vogt's view, what will the vote bring for bonds?", "Lena Vogt"),
        ("In the opinion of Lena Vogt, what will the vote bring for bonds?", "Lena Vogt"),
        ("In Lena Vogt's first year, which bonds did the fund buy?", None),
    ],
)
def test_only_who_does_the_reporting_is_the_speaker(question, speaker):
    query = parse(question)
    assert query.speaker == speaker and query.asks_speech == (speaker is not None)


def test_a_reporting_verb_does_not_hide_the_kind_of_answer_the_wh_word_asks_for():
    when = parse("When did Blinken say the talks would resume?")
    assert when.speaker == "Blinken" and likeliest(when.labels) == "DATE" and not when.asks_speech
    count = parse("How many relatives did he tell the newspaper were missing?")
    assert count.speaker is None  # "he" names no one
    assert likeliest(count.labels) == "CARDINAL" and not count.asks_speech
    assert parse("What did Blinken tell Han?").asks_speech


def test_the_head_of_the_wh_phrase_is_its_noun():
    assert parse("Which city will host the summit?").head == "city"
    assert parse("Who was the runner-up of the cup?").head == "runner-up"  # one word, hyphens and all
    assert parse("Which vice-president resigned?").head == "vice-president"
    assert parse("At which football stadium did India win?").head == "stadium"
    assert parse("How many hours did the talks last?").head == "hour"
    assert parse("Which previously unknown gene did the team identify?").head == "gene"
    assert parse("Which very large company bought the mill?").head == "company"
    assert parse("How many rushing touchdowns did the Eagles score?").head == "touchdown"  # a participle modifies
    assert parse("Which governing party lost seats?").head == "party"
    # The parser hangs "Which" on "future", itself a modifier of "player": the phrase still asks for a player.
    assert parse("Which future England player did the scout spot?").head == "player"
    # A copular question asks for the other side of "is": a revenue, a release date.
    assert parse("What was the company's revenue last year?").head == "revenue"
    assert parse("What's the release date of the game?").head == "date"
    assert parse("What did the company report?").head is None
    # "How big" asks the size of the copula's subject.
    assert parse("How big was the crowd?").head == "crowd"
    # The parser may take the question's "did" for a clause of its own: it sets no scene.
    assert parse("In which city did Jai Opetaia knock out Ellis Zorro?").head == "city"
    assert parse("in which city did opetaia knock out zorro?").head == "city"
    # A clause before the question does set one: its wh-word is not the question's.
    assert parse("When his daughter did the quiz, what did he say?").wh == "what"
    assert parse("When the company did so, how did investors react?").wh == "how"
    # A quiz asks by the wh-phrase ending it, not by a relative clause's wh-word before it.
    quiz = parse("Acme, which makes the Falcon, is based in which city?")
    assert (quiz.wh, quiz.head) == ("which", "city")
    assert parse("Dana Lee, who runs the lab, is chief of which company?").head == "company"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("Can you tell me where Blinken and Han met?", ("where", None)),
        ("Do you know how many hours Sullivan and Wang talked?", ("how many", "hour")),
        ("I'd like to know which city will host the summit.", ("which", "city")),
        ("please tell me who Blinken met", ("who", None)),
    ],
)
def test_a_request_for_an_answer_asks_what_its_wh_clause_asks(question, asked):
    """English asks politely by a yes/no question or a wish ("Can you tell me …", "I'd like to know …"); the
    clause after it keeps its word order, so its subject follows the wh-phrase ("how many hours Sullivan …")."""
    query = parse(question)
    assert (query.wh, query.head) == asked


@pytest.mark.parametrize("question", ["How big was the crowd?", "how large is the deficit?", "How tall is the tower?"])
def test_a_size_is_asked_as_a_figure(question):
    """English asks a size by "how" and an adjective of size: the answer is a count, a measure or a sum."""
    query = parse(question)
    assert query.wh == "how big" and set(query.labels) <= {"CARDINAL", "QUANTITY", "MONEY", "PERCENT"}


def test_a_search_query_asks_for_what_its_head_noun_names():
    """Typed as into a search engine: no wh-word, no verb; the noun phrase's head says what is wanted."""
    assert (parse("Super Bowl 2021 location").wh, parse("Super Bowl 2021 location").head) == ("what", "location")
    assert parse("population of Malta").head == "population"
    assert parse("iphone 14 release date").head == "date"
    # With a verb and no wh-word, a question asks yes or no; a name alone asks for nothing in particular.
    assert (parse("Did the summit take place in Malta?").wh, parse("Did the summit take place in Malta?").head) == (
        None,
        None,
    )
    assert parse("Blinken").wh is None
    # Nor does a wh-word opening a clause inside a yes/no question ask for anything.
    for asked in ("Were reporters in the room when Blinken spoke?", "did han say where they met?"):
        assert (parse(asked).wh, parse(asked).head, parse(asked).labels) == (None, None, {})
    # A phrase naming nothing asks about a topic, as a chat window often is asked.
    assert (parse("key points").wh, parse("latest news").wh) == (None, None)


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("What is the name of the company that will build the farm?", "company"),
        ("what's the name of the charity she supports?", "charity"),
        ("What type of establishments take the bets?", "establishment"),
        ("Which kind of engine does the boat use?", "engine"),
        ("What is the title of the pastor's new book?", "book"),
        ("What title did the champion defend?", "title"),  # a title won, not the title of something
    ],
)
def test_a_noun_naming_the_form_of_the_answer_asks_for_what_it_is_of(question, head):
    assert parse(question).head == head


def test_a_wh_word_opening_a_subordinate_clause_does_not_ask_the_question():
    assert parse("When his daughter quizzed him on slang, how did the director define the phrase?").wh == "how"
    assert parse("When the talks ended, who spoke first?").wh == "who"
    assert parse("When did the talks end?").wh == "when"


@pytest.mark.parametrize(
    "question, name",
    [
        ("What did Bon-Kyoung Koo's team find?", "Bon-Kyoung"),
        ("What did Jean-Luc Martin say about the merger?", "Jean-Luc"),
        ("How much did Coca-Cola pay for the brand?", "Coca-Cola"),
    ],
)
def test_a_hyphenated_name_is_one_name(question, name):
    query = parse(question)
    assert name in query.proper_names
    assert not {part for part in name.split("-")} & set(query.proper_names)


def test_a_hyphenated_pair_the_corpus_never_writes_joined_names_both_parties(seeded):
    corpus = seeded.store.corpus("default")  # writes "Sullivan and Wang", never "Sullivan-Wang"
    query = analyze("How did the two governments describe the Sullivan-Wang talks?", corpus, seeded.embeddings)
    assert {"Sullivan", "Wang"} <= set(query.names) and {"Sullivan", "Wang"} <= set(query.proper_names)
    assert mentions(query, corpus, [])
    # A pair naming a party the corpus never uses is not covered; one written whole stays one name.
    unknown = analyze("What came of the Blinken-Kishida talks?", corpus, seeded.embeddings)
    assert not mentions(unknown, corpus, [])
    assert "Sino-U.S." in analyze("What did Han say of Sino-U.S. relations?", corpus, seeded.embeddings).names


@pytest.mark.parametrize(
    ("question", "speaker"),
    [
        ("What did the Chinese vice president say both sides need to show?", "Han Zheng"),
        ("what did the chinese vice president say about the ties?", "Han Zheng"),
        ("What did the secretary of state emphasize about the Taiwan Strait?", "Antony Blinken"),
    ],
)
def test_a_speaker_asked_about_by_title_is_the_person_the_coverage_gives_that_title(seeded, question, speaker):
    query = analyze(question, seeded.store.corpus("default"), seeded.embeddings)
    assert query.speaker == speaker and query.speaker_named


def test_a_title_the_coverage_gives_several_people_names_none_of_them(seeded):
    """The Kyodo article names "U.S. President Joe Biden" and "Chinese President Xi Jinping"."""
    query = analyze("What did the president say about the summit?", seeded.store.corpus("default"), seeded.embeddings)
    assert query.speaker == "president" and not query.speaker_named


def test_years_and_months_are_read():
    query = parse("What did the bank forecast in November 2023 for 2024?")
    assert query.years == ("2023", "2024") and query.months == ("november",)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("On what date did Han say the talks would begin?", "DATE"),
        ("Which country did Blinken say had acted provocatively?", "GPE"),
        ("What challenges did Han say the bilateral ties face?", None),
        ("What kind of relations did Han say other countries are longing for?", None),
    ],
)
def test_a_noun_of_one_clear_kind_is_asked_for_whoever_is_said_to_tell_it(seeded, question, kind):
    """Asked what someone said, a wh-phrase's noun plainly naming one kind of thing asks for it; a noun of
    no clear kind asks for their words."""
    query = analyze(question, seeded.store.corpus("default"), seeded.embeddings)
    assert likeliest(query.labels) == kind and query.asks_speech is (kind is None)


def test_the_corpus_tells_what_a_noun_names_and_spells_names_asked_in_lower_case(seeded):
    corpus = seeded.store.corpus("default")
    query = analyze("what did blinken say about taiwan?", corpus, seeded.embeddings)
    assert query.speaker == "Blinken" and "Blinken" in query.names
    titled = analyze("What did U.S. Secretary of State Antony Blinken tell Han?", corpus, seeded.embeddings)
    assert titled.speaker == "Antony Blinken"  # the corpus's own spelling, without the title
    whole = analyze("what did han zheng say about the ties?", corpus, seeded.embeddings)
    assert whole.speaker == "Han Zheng" and whole.speaker_named  # not "han" alone: the question names Han Zheng
    city = analyze("Which city will host the APEC summit?", corpus, seeded.embeddings)
    assert likeliest(city.labels) == "GPE"  # from spaCy's description of GPE: "Countries, cities, states"


@pytest.mark.parametrize(
    "question",
    [
        "Where did Antony Blinken meet Han Zheng?",
        "In which language did Han Zheng speak?",
        "What did Jake Sullivan discuss with Wang Yi?",
        "What did Wang say about Taiwan?",
    ],
)
def test_a_question_typed_in_lower_case_is_read_as_its_capitalised_form(seeded, question):
    """Readers type names in lower case: the names, the speaker and the proper names the coverage must hold
    are those of the question with capitals."""
    corpus = seeded.store.corpus("default")
    cased, lower = (analyze(q, corpus, seeded.embeddings) for q in (question, question.lower()))
    assert (lower.names, lower.speaker, lower.proper_names) == (cased.names, cased.speaker, cased.proper_names)
    assert lower.names and lower.wh == cased.wh and lower.labels == cased.labels


@pytest.mark.parametrize(
    ("question", "names", "read"),
    [
        ("what did blinken say about taiwan?", ["Blinken", "Taiwan"], "what did Blinken say about Taiwan?"),
        ("what did han's team say?", ["Han"], "what did Han's team say?"),  # a possessive stays as typed
        ("did blinken Say it?", ["Blinken"], "did Blinken Say it?"),  # the reader's own capitals stay
        ("were the taiwanese told?", ["Taiwan"], "were the taiwanese told?"),  # a name inside a word is no name
        ("what did BLINKEN say?", ["Blinken"], "what did BLINKEN say?"),  # written in capitals on purpose
    ],
)
def test_names_typed_in_lower_case_are_spelt_as_the_coverage_spells_them(question, names, read):
    assert as_the_coverage_spells(question, names) == read


@pytest.mark.parametrize(
    ("noun", "label"),
    [
        ("day", "DATE"),
        ("week", "DATE"),
        ("year", "DATE"),
        ("hour", "TIME"),
        ("film", "WORK_OF_ART"),
        ("song", "WORK_OF_ART"),
        ("university", "ORG"),
        ("team", "ORG"),
        ("stadium", "FAC"),
        ("price", "MONEY"),
        ("river", "LOC"),
    ],
)
def test_a_noun_means_the_kind_of_thing_it_names(embeddings, noun, label):
    """By its meaning alone, before any coverage is read: a day is a date (as much as a time), a film a work."""
    meant = labels_meant(noun, embeddings)
    assert meant.get(label, 0.0) == max(meant.values())


def test_speakers_match_by_surname_in_any_case():
    assert speaker_fits(parse("What did Wang say?"), ["Foreign Ministry", "Wang Yi"])
    assert speaker_fits(parse("what did wang say?"), ["Wang Yi"])
    assert not speaker_fits(parse("What did Wang say?"), ["Antony Blinken"])
    # news gives a name with its title once, then the name, then the surname
    assert speaker_fits(parse("What did Chair Helen Smith warn?"), ["Helen Smith"])
    assert speaker_fits(parse("What did Helen Smith warn?"), ["Smith"])
    assert not speaker_fits(parse("What did Helen Smith warn?"), ["John Smith"])
    # or by a short title the question gives and the surname, which the tagger keeps in the name
    assert speaker_fits(parse("What did California AG Rob Bonta tell reporters?"), ["AG Bonta"])
    assert speaker_fits(parse("What did Sen. Elizabeth Warren say?"), ["Sen. Warren"])
    assert not speaker_fits(parse("What did Sen. Elizabeth Warren say?"), ["Mary Warren"])
    assert not speaker_fits(parse("What did Sen. Elizabeth Warren say?"), ["Sen. Markey"])
    assert speaker_fits(parse("What did Senator Elizabeth Warren say?"), ["Sen. Warren"])
    assert speaker_fits(parse("What did Attorney General Rob Bonta say?"), ["AG Bonta"])
    # a title it does not give may be another's initials or honorific
    assert not speaker_fits(parse("What did JJ Watt say?"), ["TJ Watt"])
    assert not speaker_fits(parse("What did Melania Trump say?"), ["Mr. Trump"])


def test_answer_keys_agree_across_spellings():
    assert answer_key("Apr. 29, 2015", "DATE") == answer_key("April 29 2015", "DATE")
    assert answer_key("2019, September 20", "DATE") == answer_key("Friday, Sept. 20, 2019", "DATE")
    assert answer_key("The Walt Disney Co.'s", "ORG") == "walt disney co"


def test_outlets_named_as_the_source_of_coverage_are_read_in_their_usual_phrasings():
    from assistant.question import outlets_named

    assert outlets_named("What did a Bloomberg article say about Apple?") == ["Bloomberg"]
    assert outlets_named("In an article by The Guardian and a report from Reuters, who won?") == [
        "The Guardian",
        "Reuters",
    ]
    assert outlets_named("Does the 'Fortune' article agree with the TechCrunch piece?") == ["Fortune", "TechCrunch"]
    assert outlets_named("Did the article about Google report a fine?") == []
    # A month or a day after "report in" tells when.
    assert outlets_named("What revenue did Tesla report in July 2020?") == []
    assert outlets_named("What did the company report on Monday, in a story by Reuters?") == ["Reuters"]
    assert outlets_named("What revenue did Tesla report in Sept. 2020?") == []
    assert outlets_named("What did the Sunday Times report say about the minister?") == ["Sunday Times"]
    # A story one outlet wrote and another ran is the coverage of the one that ran it.
    assert outlets_named("Where does the nurse featured in an AP story run by Fortune live?") == ["Fortune"]
    assert outlets_named("According to a Reuters report published by The Hindu, who won?") == ["The Hindu"]


def test_asked_what_someone_said_only_words_reported_as_theirs_can_answer():
    asked = parse("What did Reyes say about the parks budget?")
    heard = ["Tom Reyes", "Ana Ortiz"]  # both speak somewhere in the passage
    assert not not_their_words(asked, "Mayor Tom Reyes said the city would protect parks.", ["Tom Reyes"], heard)
    assert not_their_words(asked, "Council member Ana Ortiz said the budget must be cut.", ["Ana Ortiz"], heard)
    # Attributed to no one: a quote running on may be theirs; the reporter's own account is not.
    assert not not_their_words(asked, '"Every playground stays open."', [], heard)
    assert not_their_words(asked, "The city council met on Monday to debate the parks budget.", [], heard)
    # Where Reyes speaks nowhere in the passage, nothing in it is his.
    assert not_their_words(asked, '"Every playground stays open."', [], ["Ana Ortiz"])
    # A question that asks for no one's words keeps every sentence.
    assert not not_their_words(parse("When did the council meet?"), "The council met on Monday.", [], heard)


CAPTION = "Mayor Lena Brandt (L) and Tomas Ruiz shake hands at the terminal in Portmere on June 8, 2024."


@pytest.mark.parametrize(
    ("sentence", "after", "caption"),
    [
        (CAPTION, "\n\nThe terminal cost 40 million euros.", True),  # people placed in the picture
        ("Lena Brandt and Tomas Ruiz at the terminal in Portmere.", " (Coast Post)\n\nThe terminal", True),
        ("Lena Brandt at the terminal in Portmere.", "\nPhotograph: Ana Cole/Coast Post\n\nThe terminal", True),
        ("Lena Brandt spoke at the terminal in Portmere.", " (She did not take questions.)\n\nThe", False),
        ("Lena Brandt spoke at the terminal in Portmere.", " (Reporting by Ana Cole; Editing by Tim Roe)", False),
        ("Lena Brandt spoke at the terminal in Portmere.", "\n\n(The terminal opens in July)", False),
    ],
)
def test_a_photo_caption_is_told_by_the_places_it_gives_people_or_the_credit_after_it(sentence, after, caption):
    """Asked where someone was born, a caption must not answer; any other sentence is left to the reader."""
    assert beyond_the_picture(parse("Where was Lena Brandt born?"), sentence, after) is caption


@pytest.mark.parametrize(
    ("question", "answerable"),
    [
        ("Where was Lena Brandt born?", False),
        ("When did Brandt become mayor?", False),
        ("When did Brandt and Ruiz shake hands?", True),
        ("when did brandt and ruiz shake hands?", True),
        ("When were Brandt and Ruiz pictured together?", True),
        ("Where were Brandt and Ruiz photographed?", True),
        ("Where were Lena Brandt and Tomas Ruiz?", True),  # nothing asked but where they were
    ],
)
def test_a_caption_answers_only_about_the_moment_it_shows(question, answerable):
    """A question about the picture shares a word with the caption besides the names, or speaks of the photo;
    one about the people pictured does not, and their place and date in the photo would answer it wrongly."""
    assert beyond_the_picture(parse(question), CAPTION, "") is not answerable


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("When was Nordvik Motors founded?", "found"),
        ("when was nordvik motors founded?", "found"),  # the parser takes "was" for the verb in lower case
        ("When was xenoblade chronicles X released in Japan?", "release"),
        ("According to Globes, when was the deal signed?", "sign"),  # the attribution frames the question
        ("Until when are job cuts ruled out?", "rule out"),  # a phrasal verb keeps its particle
        # The parser roots a question in its wh-phrase's preposition, and an attribution's verb search finds
        # an auxiliary first.
        ("By when was Lena Ortiz expected to make her pick?", "expect"),
        ("According to the Harbour Times' tracker, by when was Lena Ortiz expected to make her pick?", "expect"),
        ("What is the name of the man arrested in Paris?", None),  # a participle describing a noun
        ("When is the report commissioned by the council due?", None),
        # "did" taken for the main verb: the verb hung off it, not the last word, a preposition's object.
        ("How many tickets did the Harbor Cup final sell in its first hour?", "sell"),
        ("What prison sentence did Tom Reyes-Holm receive after his bank fraud trial?", "receive"),
        ("How much did the study cost?", "cost"),
        ("How much did Nordvik's stock rise yesterday?", "rise"),  # nor a time said as a noun phrase
        ("How many homes did the developer build in Bergen last year?", "build"),
        ("How many times did the Fed raise rates last year?", "raise"),
        ("How many homes did the fire destroy before firefighters arrived?", "destroy"),
        # What "did" supports is a verb, though tagged an adverb or an adjective.
        ("How long did the strike last?", "last"),
        ("When did the merger close?", "close"),
        # "did" takes a base form: a past form the parser roots the question in is a noun it misread.
        ("In which city did the Harbor FC's 2014 cup run come to an end?", "come"),
        ("When did the Harbor FC beat the Rovers 2-1 at the Arena?", "beat"),  # a past that is its base form
        ("Where did Ana Roux beat Mia Lund to claim her first title?", "beat"),  # not an infinitive of purpose
    ],
)
def test_the_main_verb_is_read_through_the_parsers_usual_misreadings(question, verb):
    assert parse(question).verb == verb


REPORT = "Nordvik Motors said on Thursday that its second-quarter profit rose 38 percent."


@pytest.mark.parametrize(
    ("question", "passage", "dated"),
    [
        ("When was Nordvik Motors founded?", REPORT, False),  # the report's day, not the founding's
        ("when was nordvik motors founded?", REPORT, False),
        ("In what year was Nordvik Motors founded?", REPORT, False),
        ("When was Nordvik Motors founded?", "Nordvik Motors, founded in 1952, said its profit rose.", True),
        ("When was Nordvik Motors founded?", "The founding of Nordvik Motors in 1952 came after the war.", True),
        ("When was chief executive Helena Lindqvist born?", REPORT, False),
        ("When was chief executive Helena Lindqvist born?", "Lindqvist, born in 1971, joined in 2019.", True),
        ("When did Nordvik win the award?", "Nordvik won the award in 2021.", True),  # an irregular form
        ("When did the founder die?", "The founder's death in 2019 shocked the town.", True),  # its noun
        ("When did the founder die?", REPORT, False),
        ("Where was Helena Lindqvist born?", "Lindqvist, who grew up in Umea, joined in 2019.", False),
        ("Where was Helena Lindqvist born?", "Lindqvist, born in Umea, joined in 2019.", True),
        # A wh-phrase naming a kind of place asks where, as "where" does.
        ("In which city was Helena Lindqvist born?", "Lindqvist, who grew up in Umea, joined in 2019.", False),
        ("In which city was Helena Lindqvist born?", "Lindqvist, born in Umea, joined in 2019.", True),
        ("Where will the final be played?", "Rovers will face Eastgate in the final at Kingsmead.", True),
        ("Where was the trade agreement reached?", "The agreement came at their meeting in Mombasa.", True),
        ("When were the two ministers photographed?", "The two ministers pose for photos on June 8.", True),
        ("When did Nordvik Motors announce its profit?", REPORT, True),  # news says "said" for every report
        # Verbs that name no event of their own ask for the event their subject names, if a common noun does.
        ("When will the talks take place?", REPORT, False),
        ("When will the talks take place?", "The two sides will hold talks in Oslo on Monday.", True),
        ("When was Bill Kenwright's funeral held?", "Kenwright became chairman in 2004.", False),
        ("When was Bill Kenwright's funeral held?", "Hundreds attended his funeral on Friday.", True),
        # So is the object of one whose subject acts, named or not.
        ("Where did Sullivan hold talks?", REPORT, False),
        ("Where did Sullivan hold talks?", "Sullivan and Wang had 12 hours of talks in Malta.", True),
        ("When did they hold the vote?", "The council vote on Monday passed 7-2.", True),
        # Asked for the host of an event, the event is the object.
        ("Which island nation hosted the talks?", "Their talks were held over the weekend in Malta.", True),
        ("Which city will host the summit?", REPORT, False),
        # Else, as phrasal verbs, they ask for nothing to be found.
        ("When did Lindqvist become chief executive?", REPORT, True),
        ("When will the final be played?", "Rovers will face Eastgate in the final on May 11.", True),
        ("When is the plant scheduled to open?", REPORT, True),
        ("Until when are job cuts ruled out?", "No jobs will be cut before 2028.", True),
        # Who did something is looked for so too; who someone is, is not.
        ("Who founded Nordvik Motors?", REPORT, False),
        ("Who founded Nordvik Motors?", "Its founder, Erik Lund, opened the first plant in 1952.", True),
        ("Who refereed the final?", "Referee Anna Holt sent off two players.", True),
        # What was made, credited after "by", names the making.
        ("Who wrote the screenplay for Harbor Nights?", "It was shot from a screenplay by Ada Berg.", True),
        ("Who wrote the screenplay for Harbor Nights?", "It was shot in Bergen by Ada Berg.", False),
        ("Who bought the painting?", "A painting by Ada Berg sold for $1 million on Tuesday.", False),
        ("Who designed the stadium?", "The stadium must be finished by March.", False),
        ("Who owns Preston?", "Preston owner Farid Nouri said the coach would stay.", True),  # its doer's noun
        ("Who is the individual associated with the collapse?", REPORT, True),
        # A post held now, after "as", names the act of holding it, told in many verbs or none.
        ("Who runs Nordvik Motors as CEO?", "Nordvik CEO Erik Lund said the plant would stay.", True),
        ("who serves as nordvik's chief engineer", "Its chief engineer, Ada Berg, designed it.", True),
        ("Who runs Nordvik Motors as CEO?", REPORT, False),
        ("When does Erik Lund leave office as CEO?", "Nordvik CEO Erik Lund said the plant would stay.", False),
        # A past act after "as" must be told itself: the post alone does not say who was elected to it.
        ("Who did the council elect as mayor?", "Mayor Ada Berg opened the bridge.", False),
        ("Who did the council elect as mayor?", "The council elected Ada Berg mayor in May.", True),
        # Only a date, a place or an agent is looked for so: an age's "when" only says which age.
        ("What did Nordvik Motors found?", REPORT, True),
        ("How old was Helena Lindqvist when she founded Nordvik?", "Lindqvist, 80, joined in 2019.", True),
    ],
)
def test_a_date_or_place_is_asked_of_the_event_the_question_names_by_its_verb(seeded, question, passage, dated):
    """A passage that never speaks of the event asked about dates or places something else."""
    query = analyze(question, seeded.store.corpus("default"), seeded.embeddings)
    assert names_event(query, passage) is dated


@pytest.mark.parametrize(
    ("question", "sentence", "entity", "theirs"),
    [
        # The date of the clause the event's verb heads, not of another verb's.
        ("When was Nordvik founded?", "Nordvik, founded in 1998, said on Thursday it would expand.", "1998", True),
        ("When was Nordvik founded?", "Nordvik, founded in Oslo, said on Monday it would grow.", "Monday", False),
        ("When was Tidewell listed?", "Tidewell was founded in 1962 and listed in 2010.", "1962", False),
        ("When was Tidewell listed?", "Tidewell was founded in 1962 and listed in 2010.", "2010", True),
        # A report closing on its attribution: what opens it is the report's, whatever the parser hangs it on.
        (
            "When was Ortiz named?",
            "In Paris on Monday, the festival named Lena Ortiz its director, organisers said.",
            "Monday",
            True,
        ),
        # A verb the event's verb completes, and a noun of the event, carry it.
        ("When will Nordvik open the plant?", "Nordvik plans to open the plant in May.", "May", True),
        ("When was Nordvik founded?", "Nordvik celebrated its founding in 1998 on Friday.", "1998", True),
        # Someone else's event, by its subject or the name its clause describes.
        ("When was Nordvik founded?", "Halvorsen Marine, founded in 1987, supplies it.", "1987", False),
        ("When was Nordvik founded?", "Rival Halvorsen was founded in 1987.", "1987", False),
        ("When was Nordvik founded?", "The company was founded in 1987.", "1987", True),
        ("When was Nordvik founded?", "Erik Lund founded Nordvik in 1987.", "1987", True),  # either party
        ("When was Nordvik founded?", "Erik Lund founded Halvorsen in 1987.", "1987", False),
        # A party naming the series asked about by another number is another instalment.
        ("When was Harbor Quest 4 released?", "Harbor Quest 3 was released in May 2012.", "May 2012", False),
        ("When was Harbor Quest 4 released?", "Harbor Quest 4 was released in May 2012.", "May 2012", True),
        # A verb naming no event stages it by a noun: the date or place hangs from that noun or its verb.
        (
            "Where did Lund and Berg hold talks?",
            "Lund, who was expected in Oslo, held talks with Berg in Malta.",
            "Oslo",
            False,
        ),
        (
            "Where did Lund and Berg hold talks?",
            "Lund, who was expected in Oslo, held talks with Berg in Malta.",
            "Malta",
            True,
        ),
        ("Where did Lund and Berg hold talks?", "Their talks in Malta ran for two days.", "Malta", True),
        # The event is the noun phrase's last noun, where the parser splits it in two ("weekend" and "talks").
        (
            "Where did Lund and Berg hold their weekend talks?",
            "Lund, who was expected to represent Norway in Oslo, had 12 hours of talks with Berg.",
            "Oslo",
            False,
        ),
        ("When will the summit take place?", "Ministers met on Monday to prepare the summit in July.", "July", True),
        ("When will the summit take place?", "Ministers met on Monday to prepare the summit in July.", "Monday", False),
        # A sentence telling of the event in other words is not judged.
        ("When was Nordvik founded?", "Nordvik dates back to 1987.", "1987", True),
        # A participle that only introduces the date, as a preposition would, is not the verb it hangs from.
        (
            "When does the ban on Zim imports take effect?",
            "The agency said it would impose a ban on Zim imports starting March 3rd.",
            "March 3rd",
            True,
        ),
        (
            "When was Nordvik founded?",
            "Nordvik, which Erik Lund founded, opened a plant starting in 1987.",
            "1987",
            False,
        ),
        ("When was Nordvik founded?", "Nordvik, founded 1987, said on Monday it would grow.", "1987", True),  # the act
        # A clause set at the same time as the act carries its date; one set before or after it does not.
        ("When did Lund and Ek shake hands?", "Lund and Ek shake hands while posing in Oslo on May 3.", "May 3", True),
        ("When did Tim Cook join Nordvik?", "Cook joined Nordvik in 1998, becoming CEO in 2011.", "2011", False),
        ("When did Lund and Ek shake hands?", "Lund and Ek shook hands after meeting on May 3.", "May 3", False),
        ("When did Lund and Ek shake hands?", "Lund and Ek shook hands before flying home on May 3.", "May 3", False),
        # In a sentence not telling of the event, the date of an act whose parties are others' is theirs; a
        # pronoun may be the one asked about, and announcing a thing is an act, not a report.
        ("When did Ada Berg move to Oslo?", "Nordvik Rovers signed her in July 2023.", "July 2023", True),
        ("When did Nordvik unveil the Harbor 6?", "Nordvik announced the Harbor 6 on June 5.", "June 5", True),
        ("When will the APEC summit take place?", "Erik Lund will meet Anna Berg on Sept. 18.", "Sept. 18", False),
        ("When will the APEC summit take place?", "Leaders will gather in Oslo on Nov. 15.", "Nov. 15", True),
        ("When will the APEC summit take place?", "APEC leaders will gather in Oslo on Nov. 15.", "Nov. 15", True),
        # An it-cleft puts the date or place of the clause after "that" first.
        ("When was Nordvik founded?", "It was not until 1987, after the war, that Lund founded Nordvik.", "1987", True),
        ("Where did Lund and Ek meet?", "It was in Oslo that Lund and Ek met.", "Oslo", True),
        ("Where did Lund and Ek meet?", "It was in Oslo that Lund and Ek said they would meet.", "Oslo", False),
        ("When will Nordvik buy Halvorsen?", "It was clear in March that Nordvik would buy Halvorsen.", "March", False),
        # A sentence not telling of the event: a date hanging from a report dates the report.
        (
            "When did Jon Smith play quarterback for Oregon?",
            "Nordvik State has hired Jon Smith as its coach, the school announced on Saturday.",
            "Saturday",
            False,
        ),
        (
            "When did the new coach, Jon Smith, play quarterback for Oregon?",
            "Nordvik State has hired Jon Smith as its coach, the school announced on Saturday.",
            "Saturday",
            False,
        ),
        ("When did Jon Smith play quarterback?", "Smith, a quarterback from 1998 to 2001, is 44.", "1998", True),
        ("When was Jon Smith hired?", "Nordvik hired Jon Smith, the school announced on Saturday.", "Saturday", True),
        ("When did the school announce it?", "The school announced on Saturday it had hired Smith.", "Saturday", True),
        # A verb joined by "and" with a subject of its own tells another's act; without one it shares the first's.
        ("Where did India beat Nepal?", "India beat Nepal in Pune, and Oman beat Kenya in Delhi.", "Delhi", False),
        ("Where did India beat Nepal?", "India beat Nepal in Pune, and Oman beat Kenya in Delhi.", "Pune", True),
        ("When was Nordvik listed?", "Nordvik was founded in 1962 and listed in Oslo in 2010.", "2010", True),
        (
            "When did Lund buy Alto?",
            "Lund sold Kvist in May, and the billionaire bought Alto in October.",
            "October",
            True,
        ),
    ],
)
def test_a_date_or_place_answers_for_the_clause_it_stands_in(question, sentence, entity, theirs):
    start = sentence.index(entity)
    assert in_the_event_asked(parse(question), sentence, start, start + len(entity)) is theirs


@pytest.mark.parametrize(
    ("sentence", "another"),
    [
        ("Mar 3, 2022 ... Lena Ortiz won the Harbor Cup in 2021, beating Bo Park in the final.", True),
        ("Lena Ortiz won the Harbor Cup in 2021 and again in 2022.", False),
        ("Mar 3, 2022 ... Lena Ortiz won the Harbor Cup on Sunday.", False),
        ("Lena Ortiz, who lost the 2021 final, won the Harbor Cup on Sunday.", False),
        ("Bo Park, the 2021 champion, lost to Lena Ortiz in the Harbor Cup.", False),
        ("Defending 2021 champion Lena Ortiz won the Harbor Cup on Sunday.", False),  # describes her
        ("Lena Ortiz, who won in 2021, won the Harbor Cup again on Sunday.", False),  # a clause about her
    ],
)
def test_a_sentence_dating_the_act_asked_by_another_year_tells_of_another_edition(sentence, another):
    """A year hung from the question's verb dates that act; the date opening a search result dates its page."""
    query = parse("Who won the Harbor Cup in 2022?")
    assert dates_another_edition(query, sentence) is another
    assert answerable_in_years(query, sentence, sentence, "2022-03-03") is not another
    # Asked when, the year a question gives dates the coverage, not the act: the answer dates it.
    coverage = parse("According to the Harbor Times in March 2022, in what year did Lena Ortiz win the Harbor Cup?")
    coverage = replace(coverage, labels={"DATE": 1.0})  # as the corpus reads "year" (analyze)
    assert dates_another_edition(coverage, sentence) is False


@pytest.mark.parametrize(
    ("question", "money_only"),
    [
        ("How much did the study cost?", True),
        ("how much did Tesla earn last year?", True),
        ("How much must the firms pay the workers?", True),
        ("how much would the club have to pay the coach?", True),  # "have to": the verb after it
        ("How much did Harbor Funds agree to pay for the pension business?", True),  # the act agreed to
        ("How much does Harbor Funds plan to raise its stake by?", False),
        ("How much did the index fall?", False),
        ("How much did the tariffs rise?", False),
    ],
)
def test_how_much_asks_for_the_amount_its_verb_measures(seeded, question, money_only):
    """A verb whose meaning is money alone asks for money; one that measures many things leaves every amount."""
    labels = analyze(question, seeded.store.corpus("default"), seeded.embeddings).labels
    assert (labels == {"MONEY": 1.0}) is money_only
    assert likeliest(labels) == "MONEY"


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What did Han say about Taiwan?", "Taiwan"),
        ("what did the mayor tell reporters about the new stadium?", "new stadium"),
        ("What did Montano say about Logan Paul's fiancée?", "fiancée"),  # whose it is is not what it is
        ("What did Okafor say of Sino-U.S. relations?", "Sino-U.S. relations"),
        ("What did the minister say on Monday?", None),  # when, not what about
        # Inside it, a possessor of something named only places it; of something unnamed, it says which.
        (
            "What did Okafor say about the inquiry into Norway's fisheries chief Lund?",
            "inquiry into fisheries chief Lund",
        ),
        ("What did Okafor say about the future of Norway's fisheries?", "future of Norway's fisheries"),
        ("What did Okafor say about the expansion of the Women's World Cup?", "expansion of the Women's World Cup"),
        ("What did Okafor say about the launch of Nordvik's eBike 3?", "launch of Nordvik's eBike 3"),
        ("What did Wang say?", None),
    ],
)
def test_what_a_reporting_verb_is_asked_about_is_its_topic(question, topic):
    assert parse(question).topic == topic


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        ("What reason did the coach give for dropping him?", False),
        ("What was the motive for the attack?", False),
        ("What approach does the ministry favour?", False),
        ("Which city will host the summit?", True),
        ("Which pitcher started the game?", True),
        ("What film won the award?", True),
        ("What was the council's vote on the plan?", True),  # a tally answers it
        ("What was the result of the match?", True),
    ],
)
def test_a_noun_asking_for_a_reason_or_a_manner_asks_for_no_named_thing(seeded, question, typed):
    """A reason, a motive or an approach is told in a clause: no entity of any label answers it."""
    assert bool(analyze(question, seeded.store.corpus("default"), seeded.embeddings).labels) is typed


@pytest.mark.parametrize(
    ("question", "proper"),
    [
        ("How many votes did the Labour candidate get?", ("Labour",)),  # an adjective to the parser
        ("What did the Green Party candidate say?", ("Green", "Party")),
        ("What did the Chinese minister say?", ()),  # a nationality: the coverage may name the country
    ],
)
def test_a_capitalised_word_inside_a_name_is_a_proper_name_the_coverage_must_use(question, proper):
    assert parse(question).proper_names == proper


@pytest.mark.parametrize(
    ("question", "numbered"),
    [
        ("When does season 4 of The Crown premiere?", (("season", "4"),)),
        ("When was Pixel 5a announced?", (("pixel", "5a"),)),
        ("Which movie won Best Picture at the 94th Academy Awards?", (("academy", "94"),)),
        ("When was The Last of Us Part II released?", (("part", "ii"),)),
        # An ordinal in words, and one joined to its noun by a hyphen.
        ("When did the tenth season of The Blacklist premiere?", (("season", "10"),)),
        ("what were tesla's third-quarter deliveries?", (("quarter", "3"),)),
        # "first" telling when, not which one, numbers nothing.
        ("Who first proposed the tax?", ()),
        # A year, a day of a month, a tally and a percentage number no instalment.
        ("Who won Wimbledon in 2019?", ()),
        ("What happened on October 7?", ()),
        ("Who refereed Belgium's 3-2 win over England?", ()),
    ],
)
def test_a_numbered_instalment_is_read_with_its_series(question, numbered):
    assert parse(question).numbered == numbered


def test_a_passage_naming_another_instalment_of_the_series_asked_about_is_told_apart():
    season = parse("When does season 4 of The Crown premiere?")
    assert states_numbers(season, "All 10 episodes of The Crown's Season 4 debut on Nov 15.") == 1
    assert states_numbers(season, "Season 3 of The Crown premiered on November 17, 2019.") == -1
    assert states_numbers(season, "The Crown returns to Netflix in November.") == 0
    # However the number is written.
    assert states_numbers(season, "The fourth season of The Crown debuts on Nov 15.") == 1
    assert states_numbers(season, "The Crown's 4th season debuts on Nov 15.") == 1
    # An ordinal in words often names a neighbour to compare: it confirms, it rules nothing out.
    assert states_numbers(season, "The third season of The Crown premiered in 2019.") == 0
    tenth = parse("When did the tenth season of The Blacklist premiere on NBC?")
    assert states_numbers(tenth, "The Blacklist returns to NBC with the Season 10 premiere on February 26.") == 1
    assert states_numbers(tenth, "The first season of The Blacklist premiered on NBC on September 23, 2013.") == 0
    quarter = parse("What was the company's revenue in the second quarter?")
    assert states_numbers(quarter, "Revenue was $24.9 billion, up from $23.3 billion in the first quarter.") == 0
    assert states_numbers(quarter, "Second-quarter revenue rose to $6.4 billion.") == 1
    # Both games the question names belong to it: a passage on either is not about another game.
    games = parse("Which pitcher started Game 5 for the Rangers after their Game 4 win?")
    assert states_numbers(games, "The Rangers won Game 4 7-2.") == 1
    assert states_numbers(games, "Game 3 was a rout.") == -1


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who said the agreement was reached?", True),
        ("Which agency announced the deal?", True),
        ("who told reporters the talks were candid", True),
        ("What did Wang say?", False),  # what was said, not who said it
        ("Who won the cup?", False),
        ("Who set the record, which the Times said Haaland was closing in on?", False),  # a clause describing it
        # "Write" with a work for its object tells who made it; with words, who spoke.
        ("Who wrote the screenplay for Harbor Nights?", False),
        ("Who wrote the letter to the board?", True),
        ("Who wrote the memo on the job cuts?", True),
        ("Who wrote that the deal was dead?", True),
    ],
)
def test_a_question_whose_wh_phrase_does_the_reporting_asks_who_spoke(question, asks):
    assert parse(question).asks_who_spoke is asks


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Who won the women's singles title at Wimbledon in 2019?", True),
        ("which team beat japan in the final", True),
        ("Who directed the film?", True),
        ("Who did Halep beat in the final?", False),  # the one it was done to
        ("Who is the CEO of Northwind?", False),  # the other side of a copula
        ("Who was named player of the year?", False),  # a passive's subject is who it was done to
    ],
)
def test_a_question_whose_wh_phrase_is_an_active_verbs_subject_asks_for_the_doer(question, asks):
    assert parse(question).asks_doer is asks


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("Who won the women's singles title at Wimbledon in 2019?", "doer"),
        ("which team beat japan in the final", "doer"),
        ("By whom was the novel written?", "doer"),
        ("What award did the film win?", "done_to"),
        ("Who did Halep beat in the final?", "done_to"),
        ("Who was elected mayor of Port Ellery?", "done_to"),
        ("Who is the CEO of Northwind?", None),  # a copula tells of no act
        ("When did Nordvik open its plant?", None),  # the wh-word is no party to the act
    ],
)
def test_the_wh_phrase_plays_a_part_in_the_act_its_verb_tells_of(question, part):
    assert parse(question).part == part


@pytest.mark.parametrize(
    ("question", "sentence", "entity", "plays"),
    [
        ("Who won the Harbor Open?", "Marta Kostyuk won the Harbor Open at Calder Park.", "Marta Kostyuk", True),
        ("Who won the Harbor Open?", "The Harbor Open runs in May at Calder Park.", "Calder Park", False),
        ("Who won the Harbor Open?", "The Harbor Open was won by Marta Kostyuk of Ukraine.", "Marta Kostyuk", True),
        ("who won the title?", "The Harbor Open title was won by Marta Kostyuk of Ukraine.", "Ukraine", False),
        ("who won the title?", "The Harbor Open title was won by Marta Kostyuk of Ukraine.", "Marta Kostyuk", True),
        ("Who won the Harbor Open?", "Kostyuk, who won the Harbor Open, beat Ons Jabeur on Sunday.", "Kostyuk", True),
        ("Who won the Harbor Open?", "Marta Kostyuk beat Ons Jabeur to win the Harbor Open.", "Marta Kostyuk", True),
        ("Who won the Harbor Open?", "Marta Kostyuk beat Ons Jabeur to win the Harbor Open.", "Ons Jabeur", False),
        ("Who did Kostyuk beat?", "Marta Kostyuk beat Ons Jabeur and Coco Gauff.", "Coco Gauff", True),
        ("Who did Kostyuk beat?", "Marta Kostyuk beat Ons Jabeur and Coco Gauff.", "Marta Kostyuk", False),
        ("What award did the film win?", "The film by Lena Park won the Golden Heron on Friday.", "Golden Heron", True),
        ("What award did the film win?", "The film by Lena Park won the Golden Heron on Friday.", "Lena Park", False),
        (
            "Who directed the film?",
            "The film, directed by Emma Tammi and produced by Jason Blum, opens Friday.",
            "Emma Tammi",
            True,
        ),
        (
            "Who directed the film?",
            "The film, directed by Emma Tammi and produced by Jason Blum, opens Friday.",
            "Jason Blum",
            False,
        ),
        # A sentence telling of the act in other words shows no part in it.
        ("Who won the Harbor Open?", "Marta Kostyuk lifted the Harbor Open trophy.", "Marta Kostyuk", False),
    ],
)
def test_an_entity_plays_the_part_the_wh_phrase_plays_by_the_sentences_grammar(question, sentence, entity, plays):
    start = sentence.index(entity)
    assert in_the_part_asked(parse(question), sentence, start, start + len(entity)) is plays


@pytest.mark.parametrize(
    ("acronym", "text", "spelt"),
    [
        ("CFO", "The company's chief financial officer, Daniel Osei, said", "chief financial officer"),
        ("IPO", "It plans an initial public offering next year.", "initial public offering"),
        ("APEC", "the Asia-Pacific Economic Cooperation forum", "Asia-Pacific Economic Cooperation"),
        ("CEO", "its chief executive, Maya Lindqvist", "chief executive"),
        ("CEO", "the club's executive director, Tom Hale", None),
    ],
)
def test_an_acronym_is_spelt_out_by_words_with_its_initials_in_any_case(acronym, text, spelt):
    """News spells out titles and terms in lower case ("chief financial officer" for CFO), a chief officer's
    title often without the "officer" ("chief executive")."""
    found = [match.group() for match in spelled_out(acronym, text)]
    assert found == ([spelt] if spelt else [])


@pytest.mark.parametrize(
    ("question", "sentence", "another"),
    [
        ("When did Harbor Quest 4 come out?", "Harbor Quest 3 came out in May 2012.", True),
        ("When did Harbor Quest 4 come out?", "Harbor Quest 3 was announced in 2008 and released May 2012.", True),
        ("when did harbor quest 4 come out", "Harbor Quest 3 came out in May 2012; Harbor Quest 4 followed.", True),
        ("When did Harbor Quest 4 come out?", "Harbor Quest 4 came out in May 2012.", False),
        ("When did Harbor Quest 4 come out?", "The game came out in May 2012.", False),
        ("When did Harbor Quest 4 come out?", "The sequel to Harbor Quest 3 came out in May 2012.", False),
        ("When did Harbor Quest 3 come out?", "Harbor Quest 3 came out in May 2012.", False),
    ],
)
def test_a_date_of_another_numbered_instalments_act_does_not_answer(question, sentence, another):
    """Whatever verb the question tells its act in, a date hanging from an act of "Harbor Quest 3" is not
    Harbor Quest 4's."""
    start = sentence.index("May 2012")
    assert of_another_instalment(parse(question), sentence, start, start + 8) is another


@pytest.mark.parametrize(
    ("question", "sentence", "may_answer"),
    [
        ("Who won the men's singles at the Harbor Open in 2019?", "Lena Ortiz won the women's singles title.", False),
        ("who won the mens singles at the harbor open", "Lena Ortiz won the ladies' singles title in 2019.", False),
        ("Who won the women's singles at the Harbor Open?", "Lena Ortiz won the ladies' singles title.", True),
        ("Who won the ladies' final?", "Ortiz beat Park in the women's final on Sunday.", True),
        ("Who won the men's singles at the Harbor Open?", "Bo Park won the men's doubles with Ivo Lund.", False),
        ("Who won the men's singles at the Harbor Open?", "Bo Park won the Harbor Open on Sunday.", True),
        ("Who won the men's doubles?", "Park and Lund took the men's doubles title.", True),
        ("Who won the mixed doubles?", "Park won the men's doubles and Ortiz the mixed doubles.", True),
        ("Who won the Harbor Open?", "Lena Ortiz won the women's singles title.", True),  # no division asked
        ("Which women's team won the league?", "Rovers won the men's title.", False),
    ],
)
def test_a_sentence_about_another_division_of_a_contest_does_not_answer(question, sentence, may_answer):
    """A tournament's divisions by sex and by players a side are separate contests, covered in the same words."""
    assert of_the_division_asked(parse(question), sentence) is may_answer


@pytest.mark.parametrize(
    ("question", "sentence", "may_answer"),
    [
        ("How many tickets did the festival sell last year?", "This year's festival sold 212,000 tickets.", False),
        ("How many tickets did the festival sell last year?", "It sold 190,000 tickets last year.", True),
        ("How many tickets did the festival sell last year?", "The festival sold 212,000 tickets.", True),
        ("How many tickets did this year's festival sell?", "It sold 68,000, up from 52,000 last year.", True),
        ("Who will host next year's final?", "This year's final is in Lisbon.", False),
    ],
)
def test_a_sentence_about_the_present_period_does_not_answer_for_a_past_or_coming_one(question, sentence, may_answer):
    """This year's figure is not last year's; a sentence about this year names last year to compare."""
    assert of_the_period_asked(parse(question), sentence) is may_answer


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("What was Bloomberg's valuation of the tower?", "valuation"),
        # A phrase framing the question comes before its wh-word and its copula.
        ("According to The Harbour Times, what was Bloomberg's valuation of the tower?", "valuation"),
        ("In its March report, who is the chairman of the port authority?", "chairman"),
        ("According to the BBC, how old is the mayor?", "mayor"),
        ("According to The Harbour Times, what did the council sell?", None),  # no copula: no noun to ask by
        # A wh-word opening a relative clause in the frame describes; it asks nothing.
        ("According to analysts who were surveyed, what was the forecast?", "forecast"),
        ("According to those who were there, what did the minister say?", None),
        # "be" as a passive's auxiliary is no copula.
        ("What was the company fined for?", None),
        ("According to Reuters, what was the company fined for?", None),
    ],
)
def test_a_copular_question_asks_by_its_subject_noun_after_any_framing(question, head):
    assert parse(question).head == head


def test_a_year_is_stated_in_digits_or_counted_from_the_year_written():
    assert years_stated("She won it in 2019.") == {"2019"}
    # Counted from the year written, which a comparison states too.
    assert years_stated("She won it last year and defends it next year.", 2023) == {"2022", "2024"}
    assert years_stated("She won it a year ago; two years ago she lost.", 2021) == {"2019", "2020"}
    assert years_stated("He said that last year sales fell.", 2023) == {"2022"}
    assert years_stated("The fair drew 52,000 visitors, up from 41,000 last year.", 2023) == {"2022", "2023"}
    # Counted from the story's own time, or someone's year, or the year written itself, or with no date known:
    # no year.
    assert years_stated("A year later she won it again, and this year too.", 2023) == set()
    assert years_stated("In his last year at Barcelona he won the title the next year.", 2023) == set()
    assert years_stated("She won it last year.") == set()


def test_a_snippet_s_page_date_is_no_year_it_tells_of_where_its_main_clause_dates_it():
    """A page appears after what it tells of: where its main clause gives a year, that is the year."""
    assert years_stated("Jul 7, 2020 ... Ana Roux of France won the 2019 Open de Lyon ...") == {"2019"}
    assert years_stated("Feb 5, 2022 ... Norway collected 39 medals in 2018, a record haul.") == {"2018"}
    assert years_stated("Jul 7, 2020 ... Ana Roux won the Open de Lyon on Sunday.") == {"2020"}
    # A backstory's year or a target's is no edition: the page's year stands.
    assert years_stated("Jul 7, 2020 ... Ana Roux, who turned pro in 2018, won on Sunday.") == {"2018", "2020"}
    assert years_stated("Jan 5, 2021 ... Nordvik said its plant will open by 2025.") == {"2021", "2025"}


def test_a_passage_is_written_in_its_article_s_year_or_its_snippet_s_page_date():
    assert written_in("Anything at all.", "2023-06-14") == 2023
    assert written_in("Jul 18, 2021 ... Pogacar made history a year ago.", None) == 2021
    assert written_in("Pogacar made history in July.", None) is None


@pytest.mark.parametrize(
    ("name", "outlet", "abbreviated"),
    [
        ("SMH", "The Sydney Morning Herald", True),
        ("NYT", "The New York Times", True),
        ("VOA", "Voice of America", True),
        ("SMH", "The Sydney Morning Herald - Business", True),  # the publication's, not its section's
        ("smh", "The Sydney Morning Herald", False),  # initials are written in capitals
        ("SM", "The Sydney Morning Herald", False),
        # Two letters name too many other things ("GM", "BP"); a one-word name has none.
        ("GM", "The Globe and Mail", False),
        ("FT", "Financial Times", False),
        ("T", "TechCrunch", False),
    ],
)
def test_an_outlet_is_named_by_its_initials(name, outlet, abbreviated):
    assert abbreviates(name, outlet) == abbreviated
