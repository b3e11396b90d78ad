"""Linking a document's actors to the actors already stored, across documents."""

from __future__ import annotations

from flows.extraction.model import Actor
from flows.records import alias_key, count_surname_callers, link_actors, surnames_read_as_organisations


def known_from(links, actors):
    return {key: actor_id for key, (_, actor_id) in links.new_aliases.items()}


def test_surname_tomorrow_joins_full_name_today():
    today = [Actor("Vladimir Putin", "person", aliases=["Putin", "Mr. Putin"])]
    first = link_actors(today, {})
    tomorrow = link_actors([Actor("Putin", "person")], known_from(first, today))
    assert tomorrow.actor_ids == first.actor_ids
    assert tomorrow.new_actors == []


def test_full_name_never_joins_another_person_through_a_shared_surname():
    hillary = [Actor("Hillary Clinton", "person", aliases=["Clinton"])]
    first = link_actors(hillary, {})
    bill = link_actors([Actor("Bill Clinton", "person", aliases=["Clinton"])], known_from(first, hillary))
    assert bill.actor_ids != first.actor_ids
    assert [a.name for a in bill.new_actors] == ["Bill Clinton"]
    assert alias_key("Clinton", "person") not in bill.new_aliases  # Hillary keeps the alias


def test_country_links_through_any_alias_and_kinds_stay_apart():
    first = link_actors([Actor("United States", "country", aliases=["US", "U.S."])], {})
    later = link_actors([Actor("U.S.", "country")], known_from(first, None))
    assert later.actor_ids == first.actor_ids
    org = link_actors([Actor("U.S.", "organization")], known_from(first, None))
    assert org.actor_ids != first.actor_ids


def test_same_actor_twice_in_one_batch_minted_once():
    links = link_actors([Actor("Angela Merkel", "person"), Actor("Angela Merkel", "person")], {})
    assert len(set(links.actor_ids)) == 1 and len(links.new_actors) == 1


def test_surname_alone_joins_a_full_name_seen_only_in_full():
    first_doc = [Actor("Bashar Al Assad", "person")]  # never called "Assad" in that article
    first = link_actors(first_doc, {})
    for later in ("Assad", "al-Assad"):
        linked = link_actors([Actor(later, "person")], known_from(first, first_doc))
        assert linked.actor_ids == first.actor_ids, later


def test_middle_names_nicknames_and_transliterations_are_one_person():
    first = link_actors([Actor("Vladimir V. Putin", "person"), Actor("Douglas J. Band", "person"),
                         Actor("Sergey V. Lavrov", "person")], {})
    later = link_actors([Actor("Vladimir Putin", "person"), Actor("Doug Band", "person"),
                         Actor("Sergei Lavrov", "person")], known_from(first, None))
    assert later.actor_ids == first.actor_ids and later.new_actors == []


def test_junior_is_another_person_than_his_father():
    first = link_actors([Actor("Donald Trump", "person")], {})
    junior = link_actors([Actor("Donald Trump Jr.", "person")], known_from(first, None))
    assert junior.actor_ids != first.actor_ids
    bare = link_actors([Actor("Trump", "person")], {**known_from(first, None), **known_from(junior, None)})
    assert bare.actor_ids == first.actor_ids  # "Trump" is the father's surname key, not "trump jr"


def test_bare_surname_joins_only_when_exactly_one_stored_person_fits():
    hillary = link_actors([Actor("Hillary Clinton", "person")], {})
    bill = link_actors([Actor("Bill Clinton", "person")], known_from(hillary, None))
    both = {**known_from(hillary, None), **known_from(bill, None)}
    bare = link_actors([Actor("Clinton", "person")], both)
    assert bare.actor_ids[0] not in hillary.actor_ids + bill.actor_ids
    assert len(bare.new_actors) == 1


def test_surname_known_first_takes_the_full_name_later():
    bare = link_actors([Actor("Obama", "person")], {})
    full = link_actors([Actor("Barack Obama", "person", aliases=["Obama"])], known_from(bare, None))
    assert full.actor_ids == bare.actor_ids and full.new_actors == []
    assert full.renamed == {bare.actor_ids[0]: "Barack Obama"}


def test_a_person_never_links_to_an_organisation_of_the_same_name():
    org = link_actors([Actor("Anthony D. Weiner", "organization")], {})
    person = link_actors([Actor("Anthony Weiner", "person")], known_from(org, None))
    assert person.actor_ids != org.actor_ids


def test_bare_surname_joins_the_one_namesake_articles_call_by_it():
    donald = link_actors([Actor("Donald Trump", "person", aliases=["Trump", "Mr. Trump"])], {})
    ivanka = link_actors([Actor("Ivanka Trump", "person", aliases=["Ivanka"])], known_from(donald, None))
    bare = link_actors([Actor("Trump", "person")], {**known_from(donald, None), **known_from(ivanka, None)})
    assert bare.actor_ids == donald.actor_ids


def test_an_odd_alias_never_joins_two_people():
    first = link_actors([Actor("Hillary Clinton", "person")], {})
    odd = link_actors([Actor("Donald Trump", "person", aliases=["Hillary Clinton Slams Donald Trump",
                                                                "Hillary Clinton"])], known_from(first, None))
    assert odd.actor_ids != first.actor_ids


def _two_namesakes_called_by_surname():
    known: dict[str, str] = {}
    callers: dict[str, dict[str, int]] = {}
    ids = {}
    for name in ["Donald Trump", "Donald Trump", "Donald Trump", "Donald Trump", "Ivana Trump"]:
        doc = [Actor(name, "person", aliases=["Trump"])]
        links = link_actors(doc, known, callers)
        known.update({key: actor_id for key, (_, actor_id) in links.new_aliases.items()})
        count_surname_callers(doc, links.actor_ids, callers)
        ids[name] = links.actor_ids[0]
    return known, callers, ids


def test_a_bare_surname_is_the_namesake_documents_overwhelmingly_call_by_it():
    known, callers, ids = _two_namesakes_called_by_surname()
    assert callers["trump"] == {ids["Donald Trump"]: 4, ids["Ivana Trump"]: 1}
    bare = link_actors([Actor("Trump", "person")], known, callers)
    assert bare.actor_ids == [ids["Donald Trump"]] and bare.new_actors == []


def test_a_bare_surname_two_namesakes_share_evenly_is_an_actor_of_its_own():
    known, callers, ids = _two_namesakes_called_by_surname()
    callers["trump"][ids["Ivana Trump"]] = 3  # 4 documents against 3: no namesake dominates
    bare = link_actors([Actor("Trump", "person")], known, callers)
    assert bare.actor_ids[0] not in ids.values() and [a.name for a in bare.new_actors] == ["Trump"]


def test_a_one_word_organisation_that_is_a_dominant_surname_is_that_person():
    known, callers, ids = _two_namesakes_called_by_surname()
    misread = [Actor("Trump", "organization", aliases=["Mr. Trump"]), Actor("Gallup", "organization")]
    surnames_read_as_organisations(misread, callers)
    assert [a.kind for a in misread] == ["person", "organization"]
    assert link_actors(misread[:1], known, callers).actor_ids == [ids["Donald Trump"]]
