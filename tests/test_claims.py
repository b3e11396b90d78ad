"""Claim rules, one invented example per claim form."""

from __future__ import annotations

import pytest

from flows.extraction.actors import extract_actors
from flows.extraction.claims import extract_claims
from flows.extraction.pipeline import analysis_text
from flows.extraction.quotes import find_quotes
from flows.parsing import parse_document


@pytest.fixture(scope="module")
def nlp():
    from flows.extraction.nlp import load_nlp

    return load_nlp()


@pytest.fixture
def claims_of(nlp):
    def run(text: str):
        parsed = parse_document(text)
        doc = nlp(analysis_text(text, parsed))
        claims = extract_claims(doc, text, parsed, extract_actors(doc, text))
        for c in claims:
            assert text[c.span[0] : c.span[1]] == c.text
            if c.speaker_span:
                assert text[c.speaker_span[0] : c.speaker_span[1]] == c.speaker_text
        return claims

    return run


def only(claims, words: str):
    hits = [c for c in claims if words in c.text]
    assert len(hits) == 1, [c.text for c in claims]
    return hits[0]


# ---------------------------------------------------------------- quotation marks


def test_quotes_balanced_curly_and_straight():
    text = 'He said “one two three” and then "four five six".'
    spans = [text[q.start : q.end] for q in find_quotes(text)]
    assert spans == ["one two three", "four five six"]


def test_quotes_unbalanced_never_crash():
    for text in ['a " b', "“ open only", "close only ” here", '"""', "“a” ” “", "x\n\n“y\n\nz"]:
        for q in find_quotes(text):
            assert 0 <= q.start <= q.end <= len(text)


def test_quote_continues_over_paragraphs():
    text = "“First part of it.\n\n“Second part of it,” she said."
    (q,) = find_quotes(text)
    assert text[q.start : q.end] == "First part of it.\n\n“Second part of it,"


# ---------------------------------------------------------------- direct quotes


def test_quote_then_speaker_after(claims_of):
    text = "Headline here\n\n“The talks have failed and nobody knows what comes next,” Maria Lopez said on Monday.\n"
    c = only(claims_of(text), "The talks have failed")
    assert c.kind == "direct" and c.speaker == "Maria Lopez" and c.cue == "said"
    assert not c.text.startswith("“")


def test_quote_with_inverted_speaker_and_role(claims_of):
    text = (
        "Headline here\n\n“There is no hope left for a deal this year,” says Ivan Petrov, director of the "
        "Institute for Policy in Moscow.\n"
    )
    c = only(claims_of(text), "There is no hope")
    assert c.speaker == "Ivan Petrov"
    assert c.speaker_text == "Ivan Petrov"


def test_speaker_before_colon_quote(claims_of):
    text = "Headline here\n\nGeneral Tom Baker said: “Our troops will stay in the region until spring.”\n"
    c = only(claims_of(text), "Our troops will stay")
    assert c.speaker == "Tom Baker" and c.kind == "direct"


def test_quote_over_two_sentences_and_continuation(claims_of):
    text = (
        "Headline here\n\n“The plan is weak. It will not survive the winter,” said Anna Berg. "
        "“Nobody in the capital believes in it any more.”\n"
    )
    (c,) = [c for c in claims_of(text) if c.kind == "direct"]
    assert "It will not survive" in c.text and "Nobody in the capital" in c.text
    assert c.speaker == "Anna Berg"


def test_pronoun_speaker_resolved_to_last_person(claims_of):
    text = (
        "Headline here\n\nThe analyst Paul Weber spoke in Berlin.\n\n"
        "“We may hope that the next government changes course,” he says.\n"
    )
    c = only(claims_of(text), "We may hope")
    assert c.speaker == "Paul Weber" and c.speaker_text == "he"


def test_scare_quotes_are_not_claims(claims_of):
    text = 'Headline here\n\nThe army ordered a "pause" so that "moderate" rebels could leave the city.\n'
    assert claims_of(text) == []


# ---------------------------------------------------------------- transcripts


def test_transcript_answers_are_claims_of_the_speaker(claims_of):
    text = (
        "Headline here\n\nQuestion: How long will the operation last?\n\n"
        "John Miller: The question is not how long it lasts. We are working on a plan.\n\n"
        "We expect the work to be finished soon.\n"
    )
    claims = claims_of(text)
    assert not [c for c in claims if "How long will" in c.text and c.speaker]
    assert only(claims, "The question is not").speaker == "John Miller"
    assert only(claims, "We expect the work").speaker == "John Miller"


# ---------------------------------------------------------------- reported speech


def test_says_that(claims_of):
    text = "Headline here\n\nSenator Mark Hill says that the budget will pass before the recess.\n"
    c = only(claims_of(text), "the budget will pass")
    assert c.kind == "indirect" and c.speaker == "Mark Hill" and c.cue == "says"


def test_reported_belief(claims_of):
    text = "Headline here\n\nLaura Chen believes the economy is slowing down faster than expected.\n"
    c = only(claims_of(text), "the economy is slowing")
    assert c.speaker == "Laura Chen" and c.cue == "believes"


def test_told_someone_that(claims_of):
    text = "Headline here\n\nPeter Novak told reporters that the border would stay closed for a week.\n"
    c = only(claims_of(text), "the border would stay closed")
    assert c.speaker == "Peter Novak" and "reporters" not in c.text


def test_parenthetical_said(claims_of):
    text = "Headline here\n\nThe deal is dead for now, Karen Miles said.\n"
    c = only(claims_of(text), "The deal is dead")
    assert c.speaker == "Karen Miles" and "said" not in c.text


def test_according_to(claims_of):
    text = "Headline here\n\nAccording to Ben Carter, the factory will close in March.\n"
    c = only(claims_of(text), "the factory will close")
    assert c.speaker == "Ben Carter" and c.cue == "according to"


def test_unnamed_source(claims_of):
    text = "Headline here\n\nSome analysts argue that the president has given up on diplomacy.\n"
    c = only(claims_of(text), "given up on diplomacy")
    assert c.speaker is None and c.speaker_text == "Some analysts"


def test_claims_in_reader_comments(claims_of):
    text = (
        "Headline here\n\nThe minister spoke on Tuesday.\n\n2 Comments\n\n"
        "Sam Frost says that the minister is lying about the figures.\n"
    )
    c = only(claims_of(text), "the minister is lying")
    assert c.section == "comments"


def test_quote_introduced_by_the_paragraph_before(claims_of):
    text = (
        "Headline here\n\nThe minister Karl Weiss said on Tuesday:\n\n"
        "“We will not accept any deal that leaves our farmers worse off.”\n"
    )
    c = only(claims_of(text), "We will not accept")
    assert c.speaker == "Karl Weiss" and c.kind == "direct"


def test_object_cue_with_reason(claims_of):
    text = "Headline here\n\nSenator Mary Jones criticized the governor for his handling of the flood relief money.\n"
    c = only(claims_of(text), "his handling of the flood relief")
    assert c.speaker == "Mary Jones" and c.text.startswith("the governor")


def test_reported_intention(claims_of):
    text = "Headline here\n\nRoger Hale wants to cut taxes for small businesses next year.\n"
    c = only(claims_of(text), "cut taxes")
    assert c.speaker == "Roger Hale" and c.cue == "wants"


def test_headline_colon_attribution(claims_of):
    text = "Clinton to Planned Parenthood: Trump will reverse the court ruling\n\nThe candidate spoke on Friday.\n"
    c = only(claims_of(text), "Trump will reverse")
    assert c.speaker_text == "Clinton" and c.cue == ":"


def test_double_apostrophe_quotes(claims_of):
    text = "Headline here\n\n''The plan will not work this winter,'' said Nora Quinn. ''Nobody believes in it.''\n"
    c = only(claims_of(text), "The plan will not work")
    assert c.speaker == "Nora Quinn" and c.kind == "direct"
    assert "Nobody believes" in c.text and not c.text.startswith("'")


def test_speaker_at_paragraph_start_hung_on_previous_paragraph(claims_of):
    text = (
        "Headline here\n\nThe party met on Monday to discuss the candidates for the race.\n\n"
        "Tom Reed, for example, said he was hopeful that the effort would work.\n"
    )
    c = only(claims_of(text), "hopeful that the effort")
    assert c.speaker == "Tom Reed"


def test_stance_verb_with_a_bare_name(claims_of):
    text = "Headline here\n\nThe governor of the state, Linda Park, endorsed Harrison on Friday.\n"
    c = only(claims_of(text), "Harrison")
    assert c.speaker == "Linda Park" and c.cue == "endorsed"


def test_sees_as(claims_of):
    text = "Headline here\n\nMark Cole sees the new senator as a bridge between the two factions.\n"
    c = only(claims_of(text), "a bridge between")
    assert c.speaker == "Mark Cole"


def test_passive_report_without_source(claims_of):
    text = "Headline here\n\nThe embattled mayor is expected to run for a third term next year.\n"
    c = only(claims_of(text), "to run for a third term")
    assert c.speaker is None and c.text.startswith("The embattled mayor")


def test_passive_report_with_agent(claims_of):
    text = "Headline here\n\nThe minister was described by his aides as exhausted after the long summit.\n"
    c = only(claims_of(text), "exhausted after the long summit")
    assert c.speaker_text == "his aides"


def test_document_as_source_through_relative_pronoun(claims_of):
    text = "Headline here\n\nThe group released a report that shows the river is badly polluted by farms.\n"
    c = only(claims_of(text), "the river is badly polluted")
    assert c.speaker_text and "report" in c.speaker_text


def test_noun_cue_with_that_clause(claims_of):
    text = "Headline here\n\nThe minister's claim that the vaccine had been tested on children spread quickly.\n"
    c = only(claims_of(text), "the vaccine had been tested")
    assert c.cue == "claim" and "minister" in c.speaker_text


def test_noun_cue_with_possessor_and_infinitive(claims_of):
    text = "Headline here\n\nMayor Ann Lowe spoke. Her pledge to rebuild the bridge by spring surprised many.\n"
    c = only(claims_of(text), "rebuild the bridge")
    assert c.speaker == "Ann Lowe"


def test_noun_cue_as_object_takes_the_verb_subject(claims_of):
    text = "Headline here\n\nSenator Paul Grant voiced concern that the new rules would hurt small farms.\n"
    c = only(claims_of(text), "the new rules would hurt")
    assert c.speaker == "Paul Grant"


def test_nested_report_is_one_claim(claims_of):
    text = "Headline here\n\nMary Lee said that the mayor believes the new plan will fail by summer.\n"
    claims = claims_of(text)
    c = only(claims, "the new plan will fail")
    assert c.speaker == "Mary Lee" and "the mayor believes" in c.text


def test_participle_report_is_cut_from_the_outer_claim(claims_of):
    text = (
        "Talks resume in Geneva\n\nThe talks resumed on Monday. Carl Moss said he plans to visit the region in March, "
        "insisting that the talks with the rebels were going well.\n"
    )
    claims = claims_of(text)
    outer = only(claims, "he plans to visit")
    inner = only(claims, "the talks with the rebels")
    assert "talks" not in outer.text and inner.speaker == "Carl Moss"


def test_object_of_offer_and_noun_point(claims_of):
    text = (
        "Headline here\n\nGovernor Amy Stone offered a plan for the flooded farms. "
        "Luke Hart, her deputy, made the point that the money would run out by May.\n"
    )
    claims = claims_of(text)
    assert only(claims, "a plan for the flooded farms").speaker == "Amy Stone"
    assert only(claims, "the money would run out").speaker == "Luke Hart"


def test_seem_keeps_the_subject_in_the_content(claims_of):
    text = "Headline here\n\nThe talks resumed. The minister Omar Haddad seemed to accept the new terms of the deal.\n"
    c = only(claims_of(text), "to accept the new terms")
    assert "Omar Haddad" in c.text and c.cue == "seemed"


def test_broadcast_transcript_with_uppercase_labels(claims_of):
    text = (
        "Headline here\n\nBAKER: Governor, what happens to the budget after the vote next week?\n\n"
        "FOWLER: I think the budget will pass and the schools will get their money back.\n\n"
        "BAKER: Thank you for joining us on the program this morning.\n"
    )
    c = only(claims_of(text), "the budget will pass")
    assert c.speaker_text == "FOWLER" and c.kind == "direct"


def test_partial_quote_ending_a_reported_clause(claims_of):
    text = 'Headline here\n\nThe new law feeds "a climate of fear among the workers," the union leaders say.\n'
    c = only(claims_of(text), "a climate of fear")
    assert c.text.startswith("The new law") and c.speaker_text == "the union leaders"


def test_title_case_headline_verb(claims_of):
    text = "Former Mayor Jane Doe Endorses Tom Smith For Governor\n\nThe campaign held a rally on Friday.\n"
    c = only(claims_of(text), "Tom Smith For Governor")
    assert "Jane Doe" in c.speaker_text and c.cue == "Endorses"


def test_headline_without_cue_is_no_claim(claims_of):
    text = "Flood Waters Rise Across The Northern Valley\n\nThe river crested on Friday.\n"
    assert claims_of(text) == []


def test_interviewer_question_is_an_unnamed_claim(claims_of):
    text = (
        "Headline here\n\nQ: Why did you decide to leave the city council last year?\n\n"
        "Maria Costa: The council stopped listening to the people who elected it.\n\n"
        "Maria Costa: I had given it ten years and it was time to do something else.\n"
    )
    c = only(claims_of(text), "Why did you decide")
    assert c.speaker is None and c.speaker_text == "Q"


def test_finding_in_a_poll(claims_of):
    text = "Race tightens\n\nThe race changed. In a Gazette poll last week, the senator held a lead of nine points.\n"
    c = only(claims_of(text), "held a lead of nine points")
    assert "poll" in c.speaker_text and c.speaker == "Gazette"  # a poll's speaker is the pollster it names


def test_relative_clause_object_is_the_content(claims_of):
    text = "Budget news\n\nThe talks ended. The budget plan that Governor Ruth Ames endorsed collapsed on Monday.\n"
    c = only(claims_of(text), "The budget plan")
    assert c.speaker == "Ruth Ames"


def test_asked_about_without_asker(claims_of):
    text = "Tax news\n\nThe vote failed. Asked about the new tax plan, the minister smiled and left the room.\n"
    c = only(claims_of(text), "the new tax plan")
    assert c.speaker is None and c.cue.startswith("Asked")


def test_subject_through_adjective_and_passive_conjunct(claims_of):
    text = (
        "Road news\n\nThe plan stalled. Mayor Tim Rowe was quick to add that the road would reopen soon. "
        "Judge Ana Ruiz was pressed by reporters and said that the ruling would stand.\n"
    )
    claims = claims_of(text)
    assert only(claims, "the road would reopen").speaker == "Tim Rowe"
    assert only(claims, "the ruling would stand").speaker == "Ana Ruiz"


def test_made_it_clear_that(claims_of):
    text = "Port news\n\nThe strike went on. Union leader Eva Marsh made it clear that the workers would not return.\n"
    c = only(claims_of(text), "the workers would not return")
    assert c.speaker == "Eva Marsh"


def test_voted_against(claims_of):
    text = "Budget news\n\nThe bill passed. Senator Dan Price voted against the new spending bill on Tuesday.\n"
    c = only(claims_of(text), "the new spending bill")
    assert c.speaker == "Dan Price"


def test_a_cue_verb_with_a_particle_that_changes_it_is_no_saying(claims_of):
    # "pushed through" is enacting, "backed down" retreating: neither reports what anyone said
    text = ("Headline\n\nThe plan would end the tax hikes pushed through by Governor Ivan Petrov in 2013, "
            "and Mayor Lena Hart backed down from her plan to close the port.\n")
    claims = claims_of(text)
    assert not any("pushed through" in c.text or c.cue in ("pushed through", "backed down") for c in claims)


def test_a_show_title_in_quotation_marks_is_not_speech(claims_of):
    claims = claims_of("Interview\n\nOn Tuesday's episode of “The Steve Harvey Morning Show,” Hillary Clinton said "
                       "that the shootings were intolerable. “We will fix this,” Clinton said.\n")
    assert not [c for c in claims if "Steve Harvey" in c.text]
    assert only(claims, "We will fix this").speaker == "Hillary Clinton"
