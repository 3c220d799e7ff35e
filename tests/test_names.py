"""Name keys: one person or place, however a source writes it."""
from __future__ import annotations

import pytest

from align.names import name_key, names_in


@pytest.mark.parametrize("a, b", [
    ("Jensen Huang", "Huang"), ("Huang’s", "Huang"), ("Huang's", "Huang"), ("Jones'", "Jones"),
    ("Nvidia CEO Jensen Huang", "Mr Huang"),
    ("US", "U.S."), ("U.S.", "United States"), ("President Trump", "Trump"), ("Britain", "UK"),
])
def test_same_name_same_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("Biden", "Trump"), ("He Lifeng", "Ren Hongbin"), ("US", "UK")])
def test_different_names_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_names_in_a_sentence_with_spans():
    text = "The Biden administration met Vice Premier He Lifeng and the China Council for the Promotion of Trade."
    names = names_in(text)
    assert [n.text for n in names] == ["Biden", "Vice Premier He Lifeng", "China Council for the Promotion of Trade"]
    assert all(text[n.start:n.end] == n.text for n in names)


def test_a_possessive_ending_is_left_out_of_the_name_as_written():
    text = "Smith's team met Jones’ lawyers and the Hospital’s board."
    assert [n.text for n in names_in(text)] == ["Smith", "Jones", "Hospital"]


def test_sentence_openers_and_contractions_are_not_names():
    assert [n.text for n in names_in("We’ll see. The plan failed. In March it rained.")] == ["March"]


from align.names import is_body, same_entity  # noqa: E402


def one(text: str):
    (n,) = names_in(text)
    return n


@pytest.mark.parametrize("a, b", [
    ("John Smith spoke.", "Smith spoke."), ("J. Smith spoke.", "John Smith spoke."),
    ("The Federal Reserve acted.", "The Fed acted."), ("The World Health Organization acted.", "The WHO acted."),
    ("JPMorgan Chase acted.", "JPMorgan acted."), ("Volodymyr Zelensky spoke.", "Volodymyr Zelenskyy spoke."),
    ("António Guterres spoke.", "Antonio Guterres spoke."), ("Secretary of State Antony Blinken spoke.", "Blinken spoke."),
])
def test_one_person_or_body_in_two_forms(a, b):
    assert same_entity(one(a), one(b))


@pytest.mark.parametrize("a, b", [
    ("John Smith spoke.", "James Smith spoke."), ("Maria Lopez spoke.", "Ana Lopez spoke."),
    ("the University of Texas at Austin.", "the University of Texas at Dallas."),
    ("Marcus Rashford scored.", "Marcus Thuram scored."), ("the European Union", "the African Union"),
])
def test_two_people_or_bodies_that_share_a_word(a, b):
    assert not same_entity(one(a), one(b))


def test_a_lost_space_after_a_full_stop_is_a_boundary_not_a_name():
    assert [n.text for n in names_in("The smoke drifted over Ohio.New York Gov. Kathy Hochul acted.")] == [
        "Ohio", "New York Gov. Kathy Hochul"]


def test_a_name_used_as_a_modifier_is_marked():
    (n,) = names_in("It met Biden-era rules.")
    assert (n.text, n.key, n.attributive) == ("Biden", "biden", True)


def test_countries_and_initials_are_bodies_not_people():
    assert is_body(one("The US acted.")) and is_body(one("NATO acted.")) and not is_body(one("Biden acted."))
