"""What a figure measures: only figures of one measure are ever compared."""
from __future__ import annotations

import pytest

from align.measures import Measured, measured_in, same_measure


def one(text: str, figure: str) -> Measured:
    (m,) = [m for m in measured_in(text) if m.figure.text == figure]
    return m


def test_the_people_counted_are_known_by_what_happened_to_them():
    text = "The earthquake killed 2,000 people and injured 5,000, officials said."
    assert (one(text, "2,000").role, one(text, "5,000").role) == ("dead", "injured")
    assert one("More than 40 people were reported missing.", "More than 40").role == "missing"
    assert one("The death toll stood at 1,180 on Monday.", "1,180").role == "dead"


def test_dead_and_injured_are_different_measures_two_tolls_the_same():
    injured = one("Some 300 people were injured in the blast.", "Some 300")
    dead = one("The blast killed 12 people.", "12")
    other_dead = one("At least 15 people died in the blast.", "At least 15")
    assert same_measure(injured, dead) is False
    assert same_measure(dead, other_dead) is True


def test_a_part_and_its_total_are_not_one_measure():
    text = "The fire killed 9 people, including three children."
    total, part = one(text, "9"), one(text, "three")
    assert part.part and not total.part
    other = one("Three children died in the fire.", "Three")
    assert same_measure(part, other) is False  # a part ("including three") against a plain count
    whole = measured_in("Six of the 11 crew were rescued.")
    assert whole[0].part and whole[0].whole is not None and whole[0].whole.text == "11"


def test_forecasts_and_reported_values_differ():
    forecast = one("Gusts are forecast to reach 120 km/h.", "120 km/h")
    measured = one("Gusts of 90 km/h were recorded on Monday.", "90 km/h")
    assert forecast.forecast and not measured.forecast
    assert same_measure(forecast, measured) is False
    assert one("He faces up to 20 years in prison.", "up to 20 years").forecast


def test_the_noun_counted_and_its_qualifiers_tell_measures_apart():
    voters = one("Some 2.5 million voters are registered.", "Some 2.5 million")
    observers = one("About 40 observers watched the count.", "About 40")
    assert same_measure(voters, observers) is False
    zone = one("Police set up a 10-km exclusion zone.", "10-km")
    other_zone = one("Residents inside the 15-km zone were told to leave.", "15-km")
    assert zone.modifiers == {"exclus"} and same_measure(zone, other_zone) is True
    assert same_measure(one("$2M in annual sales", "$2M"), one("$3M in quarterly sales", "$3M")) is False


def test_what_a_verb_says_a_figure_is_when_no_noun_does():
    earned = one("The director earned $2M last year.", "$2M")
    assets = one("The charity holds $40M in assets.", "$40M")
    assert earned.action == "earn" and same_measure(earned, assets) is False
    fell = one("Shares fell 7% on Tuesday.", "7%")
    level = one("Unemployment rose to 4.3% in July.", "4.3%")
    assert (fell.action, level.action) == ("change", "level")


def test_figures_belong_to_whom_the_sentence_says():
    text = "The quake killed more than 1,500 people in Turkey and 810 in Syria."
    assert one(text, "810").holder.key == "syria"
    assert same_measure(one("Smith, 45, was hired.", "45"), one("Jones, 62, retired.", "62")) is False


def test_former_values_and_periods_are_kept_apart():
    text = "Unemployment fell to 3.9% from 4.1% in May."
    assert one(text, "4.1%").previous and not one(text, "3.9%").previous
    this_year = one("Sales were $4bn this year.", "$4bn")
    next_year = one("The company expects $5bn next year.", "$5bn")
    assert same_measure(this_year, next_year) is False
    q = measured_in("Growth was 2.1% in the second quarter, down from 2.4% in the first.")
    assert [m.quarter for m in q] == ["Q2", ""]


@pytest.mark.parametrize("text, unit", [
    ("The 43-year-old suspect", "age"), ("Police said the suspect, 34, fled.", "age"),
    ("Both pilots, aged 58, survived.", "age"), ("Manchester City won 3-1.", "score"),
    ("It is his third visit to China.", "ordinal"), ("The 7.1-magnitude quake", "magnitude"),
])
def test_ages_scores_ordinals_and_magnitudes_are_their_own_kinds(text, unit):
    assert [m.unit for m in measured_in(text)] == [unit]
