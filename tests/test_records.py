"""Linking a document's actors to the actors already stored, across documents."""

from __future__ import annotations

from flows.extraction.model import Actor
from flows.records import alias_key, link_actors


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
