"""Poll-figure rules on short invented sentences: one test per number form and per exclusion."""

from __future__ import annotations

import pytest

from flows.extraction.actors import ActorIndex
from flows.extraction.numbers import find_figures, parse_fraction, parse_number
from flows.extraction.polls import extract_polls
from flows.parsing import parse_document


@pytest.fixture(scope="module")
def nlp():
    from flows.extraction.nlp import load_nlp

    return load_nlp()


def polls(nlp, body: str):
    text = "Headline for a test.\n\n" + body
    doc = nlp(text)
    return extract_polls(doc, text, parse_document(text), ActorIndex([]))


def values(nlp, body: str) -> list[float]:
    return [p.value for p in polls(nlp, body)]


# --------------------------------------------------------------------------- numbers.py


@pytest.mark.parametrize(
    ("word", "value"),
    [("52", 52.0), ("4.3", 4.3), ("Forty-three", 43.0), ("twelve", 12.0), ("ninety nine", 99.0), ("ten", 10.0)],
)
def test_parse_number(word, value):
    assert parse_number(word) == value


def test_parse_number_rejects_words():
    assert parse_number("several") is None


@pytest.mark.parametrize(
    ("phrase", "value"),
    [("six in 10", 60.0), ("eight of 10", 80.0), ("eight out of ten", 80.0), ("one in five", 20.0),
     ("two-thirds", 66.7)],
)
def test_parse_fraction(phrase, value):
    assert parse_fraction(phrase) == value


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It was 52 percent.", [(52.0, "percent", "52 percent")]),
        ("It was 52%.", [(52.0, "percent", "52%")]),
        ("It was 52 per cent.", [(52.0, "percent", "52 per cent")]),
        ("Up 3 percentage points.", [(3.0, "points", "3 percentage points")]),
        ("A ten-point lead.", [(10.0, "points", "ten-point")]),
        ("Some six in 10 agree.", [(60.0, "percent", "six in 10")]),
        ("Nearly eight of 10 agree.", [(80.0, "percent", "eight of 10")]),
        ("Forty-three percent agree.", [(43.0, "percent", "Forty-three percent")]),
        ("Fifty-one, yes; forty, no.", [(51.0, "percent", "Fifty-one"), (40.0, "percent", "forty")]),
        ("By 48 to 41 percent.", [(48.0, "percent", "48"), (41.0, "percent", "41 percent")]),
    ],
)
def test_find_figures(text, found):
    assert [(f.value, f.unit, text[f.start : f.end]) for f in find_figures(text)] == found


def test_find_figures_ignores_plain_numbers():
    assert list(find_figures("The 2012 race drew 1,200 people on Sept. 14-16.")) == []


# --------------------------------------------------------------------------- forms of poll figures


def test_share_in_a_survey_with_pollster_population_and_when(nlp):
    [fig] = polls(nlp, "A survey released last week by the Harbor Research Center found that 61 percent of "
                       "Canadians support the new bridge.")
    assert (fig.value, fig.unit, fig.pollster) == (61.0, "percent", "Harbor Research Center")
    assert fig.population == "Canadians"
    assert fig.measure and fig.measure.startswith("support the new bridge")
    assert fig.when == "last week"


def test_pollster_carries_over_to_the_next_paragraph(nlp):
    found = polls(nlp, "A new Lakeside University poll found that 58 percent of voters back the plan.\n\n"
                       "A year ago 47 percent of voters said they backed it.")
    assert [(p.value, p.pollster) for p in found] == [(58.0, "Lakeside University"), (47.0, "Lakeside University")]


def test_pair_gives_two_figures_with_options(nlp):
    found = polls(nlp, "Smith leads Jones by 46 percent to 35 percent among likely voters, according to a "
                       "Gallup poll.")
    assert [(p.value, p.pollster) for p in found] == [(46.0, "Gallup"), (35.0, "Gallup")]
    assert found[0].population == "likely voters"


def test_lead_in_points_with_poll_average(nlp):
    [fig] = polls(nlp, "RealClearPolitics shows Smith ahead by 2.5 points nationally.")
    assert (fig.value, fig.unit, fig.pollster) == (2.5, "points", "RealClearPolitics")


def test_list_of_poll_averages(nlp):
    found = polls(nlp, "Averages give Smith a lead, with RealClearPolitics showing him ahead 4 points, "
                       "HuffPollster 3.1 points, and FiveThirtyEight 2.2 points.")
    assert [(p.value, p.pollster, p.pollster_text, p.pollster_kind) for p in found] == [
        (4.0, "RealClearPolitics", "RealClearPolitics", "average"),
        (3.1, "HuffPost Pollster", "HuffPollster", "average"),
        (2.2, "FiveThirtyEight", "FiveThirtyEight", "average")]


def test_number_words_and_in_ten(nlp):
    found = polls(nlp, "The Marist poll asked about the bridge. Sixty-one percent of residents said it "
                       "should be built. Nearly seven in 10 voters say they will use it.")
    assert [(p.value, p.pollster, p.pollster_text) for p in found] == [
        (61.0, "Marist College", "Marist"), (70.0, "Marist College", "Marist")]


def test_read_out_answers(nlp):
    found = polls(nlp, "Two polls came out yesterday. Gallup asked the question: \"Should the bridge be "
                       "built?\" Fifty-one, yes; forty, no.")
    assert [(p.value, p.option) for p in found] == [(51.0, "yes"), (40.0, "no")]


def test_support_among_voters_without_a_poll_word(nlp):
    [fig] = polls(nlp, "The senator now sits at 71 percent support among union voters in Ohio.")
    assert (fig.value, fig.pollster) == (71.0, None)


def test_unnamed_exit_poll_does_not_inherit_pollster(nlp):
    found = polls(nlp, "A Gallup poll shows Smith ahead by 46 percent to 41 percent.\n\n"
                       "According to exit polls, Brown had an eight-point lead over White among farmers in 2008.")
    assert [(p.value, p.unit, p.pollster) for p in found] == [
        (46.0, "percent", "Gallup"), (41.0, "percent", "Gallup"), (8.0, "points", None)]


# --------------------------------------------------------------------------- not poll figures


@pytest.mark.parametrize(
    "body",
    [
        "The Gallup poll of 1,020 adults has a margin of error of plus or minus 3 percentage points.",
        "The survey has a margin of error of 4 percent.",
        "Forecasters give Smith a 70 percent chance of winning the election.",
        "Smith won 54 percent of the vote in the 2012 election.",
        "Turnout reached 61 percent in the county.",
        "Census data show that 13 percent of residents were born abroad.",
        "The Labor Force Survey puts the unemployment rate at 5.1 percent.",
        "The economy grew 2.4 percent last year.",
        "He would cut the corporate tax rate to 15 percent.",
        "The senator got 30 percent of the Twitter conversation during the debate.",
        "She needs 15 percent in national polls to qualify for the debates.",
        "\"Why am I not 40 points ahead in the polls?\" she asked.",
        "The top 1 percent of earners would gain the most.",
        "The plan has ten points and the team scored 102 points.",
        "A study found that 1 in 4 residents lived in poor areas.",
        "If Brown wins by 10 points or more, the party will take notice.",
        "The district was decided by less than one percentage point in 2004.",
        "Brown garnered just $9.2 million, or about 4 percent, of the money raised.",
    ],
)
def test_not_poll_figures(nlp, body):
    assert values(nlp, body) == []


def test_election_result_compared_with_poll_support(nlp):
    found = polls(nlp, "Brown sits at 80 percent support among rural voters, a 9 percent drop from the 89 "
                       "percent White received in 2012.")
    assert [p.value for p in found] == [80.0]


def test_no_figures_without_numbers(nlp):
    assert polls(nlp, "Polls show the race is tight.") == []


def test_lead_by_points_and_who_said_frames(nlp):
    found = polls(nlp, "A Marist poll has Smith leading Jones by just six points and Brown within two points. "
                       "Last spring, 41 percent of voters who said the same backed Jones.")
    assert [(p.value, p.unit, p.pollster_text) for p in found] == [
        (6.0, "points", "Marist"), (2.0, "points", "Marist"), (41.0, "percent", "Marist")]


# --------------------------------------------------------------------------- options (poll_options.py)


def options(nlp, body: str) -> list[tuple[float, str | None]]:
    return [(p.value, p.option) for p in polls(nlp, body)]


def test_option_pair_after_a_lead_verb(nlp):
    assert options(nlp, "A Gallup poll shows Hillary Clinton leads Donald Trump by 46 percent to 35 percent.") == [
        (46.0, "Hillary Clinton"), (35.0, "Donald Trump")]


def test_option_pair_after_a_trail_verb_keeps_the_order_of_names(nlp):
    assert options(nlp, "In a Gallup poll, Donald Trump trails Hillary Clinton 40 percent to 45 percent.") == [
        (40.0, "Donald Trump"), (45.0, "Hillary Clinton")]


def test_option_pair_with_possessive_second_name(nlp):
    assert options(nlp, "Voters in a Gallup poll expect Hillary Clinton to win, 44 percent to Donald Trump's "
                        "34 percent.") == [(44.0, "Hillary Clinton"), (34.0, "Donald Trump")]


def test_option_pair_with_pronoun_subject(nlp):
    found = options(nlp, "Hillary Clinton spoke on Monday. In the Gallup poll she leads Donald Trump by 49 percent "
                         "to 47 percent.")
    assert found == [(49.0, "Hillary Clinton"), (47.0, "Donald Trump")]


def test_option_lead_in_points_goes_to_the_leader(nlp):
    assert options(nlp, "A Marist poll has Donald Trump trailing Hillary Clinton by 5 points.") == [
        (5.0, "Hillary Clinton")]
    assert options(nlp, "A Marist poll shows Hillary Clinton with an 8-point lead over Donald Trump.") == [
        (8.0, "Hillary Clinton")]


def test_option_lead_carries_to_that_lead_and_to_a_list_of_averages(nlp):
    found = options(nlp, "A Marist poll had Hillary Clinton ahead of Donald Trump by 5 points. In August, that "
                         "lead was 7 points. RealClearPolitics shows her ahead 3 points, HuffPollster 4.3 points.")
    assert found == [(5.0, "Hillary Clinton"), (7.0, "Hillary Clinton"), (3.0, "Hillary Clinton"),
                     (4.3, "Hillary Clinton")]


def test_option_share_followed_by_its_option(nlp):
    found = options(nlp, "In the Gallup poll, 46 percent would choose Hillary Clinton and 44 percent would back "
                         "Donald Trump, while 5 percent prefer Libertarian nominee Gary Johnson.")
    assert found == [(46.0, "Hillary Clinton"), (44.0, "Donald Trump"), (5.0, "Gary Johnson")]


def test_option_share_after_its_subject_in_a_list(nlp):
    found = options(nlp, "In the Gallup poll, Hillary Clinton was supported by 42 percent, while Donald Trump "
                         "received 38 percent, Gary Johnson 3 percent and Jill Stein 2 percent.")
    assert found == [(42.0, "Hillary Clinton"), (38.0, "Donald Trump"), (3.0, "Gary Johnson"), (2.0, "Jill Stein")]


def test_option_six_in_ten_with_its_answer(nlp):
    found = options(nlp, "A Gallup poll asked about the bridge. Six in 10 voters said they were not sure, and "
                         "19 percent said they would pick neither plan.")
    assert found == [(60.0, "not sure"), (19.0, "neither")]


def test_option_surname_resolves_to_the_full_name(nlp):
    found = polls(nlp, "Hillary Clinton and Donald Trump met. A Gallup poll found 52 percent view Trump "
                       "unfavorably.")
    assert [(p.value, p.option, p.measure_kind) for p in found] == [(52.0, "Donald Trump", "favourability")]


def test_pollster_carries_over_with_its_canonical_name(nlp):
    found = polls(nlp, "An NBC/WSJ poll was released on Sunday. Hillary Clinton leads Donald Trump 48 percent "
                       "to 43 percent. Among women, Clinton has 55 percent support.")
    assert [(p.value, p.pollster, p.pollster_text) for p in found] == [
        (48.0, "NBC News/Wall Street Journal", "NBC/WSJ"), (43.0, "NBC News/Wall Street Journal", "NBC/WSJ"),
        (55.0, "NBC News/Wall Street Journal", "NBC/WSJ")]


# --------------------------------------------------------------------------- time and historical figures


def test_historical_figure_with_a_year_is_marked(nlp):
    found = polls(nlp, "A Gallup poll found Bill Clinton's approval rating at 73 percent in 1998. Today "
                       "Barack Obama's approval rating is 55 percent in the Gallup poll.")
    assert [(p.value, p.option, p.measure_kind, p.historical) for p in found] == [
        (73.0, "Bill Clinton", "approval", True), (55.0, "Barack Obama", "approval", False)]
    assert (found[0].when_start, found[0].when_end) == ("1998-01-01", "1998-12-31")


def test_stated_previous_figure_is_historical_and_of_the_same_series(nlp):
    found = polls(nlp, "A Gallup poll found 52 percent support the plan now, compared with 55 percent a year ago.")
    assert [(p.value, p.historical) for p in found] == [(52.0, False), (55.0, True)]
    assert found[0].measure == found[1].measure and found[0].measure_kind == found[1].measure_kind


def test_relative_time_resolved_against_the_publication_date(nlp):
    text = "date 2016-09-17\nHeadline for a test.\n\nA Gallup poll released Friday found 52 percent support the plan."
    [fig] = extract_polls(nlp(text), text, parse_document(text), ActorIndex([]))
    assert parse_document(text).published is not None
    assert (fig.when, fig.when_start, fig.when_end, fig.historical) == ("Friday", "2016-09-16", "2016-09-16", False)


def test_option_object_pronoun_is_the_last_named_other_person(nlp):
    found = options(nlp, "In the Gallup poll, Hillary Clinton leads Donald Trump 49 percent to 39 percent; Bernie "
                         "Sanders would beat him 53 percent to 36 percent.")
    assert found == [(49.0, "Hillary Clinton"), (39.0, "Donald Trump"), (53.0, "Bernie Sanders"),
                     (36.0, "Donald Trump")]


def test_option_share_held_by_the_name_before_at_or_with(nlp):
    found = options(nlp, "The Gallup polls that show Gary Johnson at or above 10 percent have Hillary Clinton's "
                         "lead growing. Ted Cruz follows Donald Trump with 16 percent.")
    assert found == [(10.0, "Gary Johnson"), (16.0, "Ted Cruz")]


def test_option_other_candidate_answer_and_within_points_of_the_leader(nlp):
    found = options(nlp, "The Gallup poll shows Donald Trump leading Hillary Clinton 44 percent to 37 percent, "
                         "with 13 percent supporting another candidate. Marco Rubio pulled within 5 points of "
                         "Donald Trump in the Gallup poll.")
    assert found == [(44.0, "Donald Trump"), (37.0, "Hillary Clinton"), (13.0, "someone else"), (5.0, "Donald Trump")]


def test_measure_kinds_debate_expectation_is_no_vote_intention(nlp):
    found = polls(nlp, "In the Gallup poll, a majority of voters expect Hillary Clinton to win Monday's debate at "
                       "Hofstra University on Long Island -- 44 percent to Donald Trump's 34 percent. Hillary "
                       "Clinton leads Donald Trump 46 percent to 44 percent in the Gallup poll.")
    assert [(p.value, p.option, p.measure_kind) for p in found] == [
        (44.0, "Hillary Clinton", "other"), (34.0, "Donald Trump", "other"),
        (46.0, "Hillary Clinton", "vote_head_to_head"), (44.0, "Donald Trump", "vote_head_to_head")]
