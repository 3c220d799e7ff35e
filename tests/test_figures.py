"""Figure extraction: news spellings, hedges and look-alikes, and agreement between spellings."""
from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.figures import Figure, agree, comparable, extract_figures


def first(text: str) -> Figure:
    figures = extract_figures(text)
    assert figures, f"no figure in {text!r}"
    return figures[0]


EXTRACTION = [
    # money
    ("Nvidia faces a $5.5 billion earnings hit.", [("$5.5 billion", "5500000000 USD")]),
    ("It expected a $5.5bn hit to earnings.", [("$5.5bn", "5500000000 USD")]),
    ("Revenue fell by US$5.5 billion.", [("US$5.5 billion", "5500000000 USD")]),
    ("It lost 5.5 billion dollars.", [("5.5 billion dollars", "5500000000 USD")]),
    ("It will invest at least $500 billion.", [("at least $500 billion", ">=500000000000 USD")]),
    ("AMD expects an $800 million hit.", [("$800 million", "800000000 USD")]),
    ("It booked a loss of $800m.", [("$800m", "800000000 USD")]),
    ("Profit was £2.3bn, sales €40 million.", [("£2.3bn", "2300000000 GBP"), ("€40 million", "40000000 EUR")]),
    ("Tokyo pledged ¥1 trillion.", [("¥1 trillion", "1000000000000 JPY")]),
    ("Beijing pledged ¥5bn in yuan terms.", [("¥5bn", "5000000000 CNY")]),
    ("It raised 5 billion yuan and RMB 10bn.", [("5 billion yuan", "5000000000 CNY"), ("RMB 10bn", "10000000000 CNY")]),
    ("A $1.2tn market.", [("$1.2tn", "1200000000000 USD")]),
    ("A fine of USD 3 million.", [("USD 3 million", "3000000 USD")]),
    ("Tickets cost $3,000 each.", [("$3,000", "3000 USD")]),
    ("It sold 5 pounds sterling of shares.", [("5 pounds sterling", "5 GBP")]),
    ("An estimated $2bn was spent.", [("An estimated $2bn", "~2000000000 USD")]),
    ("It pledged upwards of $1bn.", [("upwards of $1bn", ">1000000000 USD")]),
    # percentages
    ("Shares fell 7% and then 7 % more.", [("7%", "7 %"), ("7 %", "7 %")]),
    ("Tariffs of 145 per cent apply.", [("145 per cent", "145 %")]),
    ("Tariffs of 145 percent apply.", [("145 percent", "145 %")]),
    ("Output rose seven percent.", [("seven percent", "7 %")]),
    ("A decline of approximately 7% on Wednesday.", [("approximately 7%", "~7 %")]),
    ("Stocks lost about a fifth of their value.", [("about a fifth", "~20 %")]),
    ("Half of the staff left, as did two-thirds of managers.", [("Half", "50 %"), ("two-thirds", "66.666667 %")]),
    ("Tesla has plummeted over 40%.", [("over 40%", ">40 %")]),
    ("Turnout was just under 40%, with up to 40% abstaining.", [("just under 40%", "<=40 %"), ("up to 40%", "<40 %")]),
    ("Rates rose 0.25 percentage points.", [("0.25 percentage points", "0.25 pp")]),
    ("Sales rose ~7%.", [("~7%", "~7 %")]),
    # counts and durations
    ("It has nearly 4,000 staff members.", [("nearly 4,000", "<=4000")]),
    ("1.5 million Chinese developers use CUDA.", [("1.5 million", "1500000")]),
    ("It works with over 3,000 Chinese startups.", [("over 3,000", ">3000")]),
    ("Some 300 workers were laid off.", [("Some 300", "~300")]),
    ("It kept two decades of partnerships.", [("two decades", "20 year")]),
    ("Sales over the last 12 months.", [("12 months", "12 month")]),
    ("A plan for the next four years.", [("four years", "4 year")]),
    ("A 12-month low.", [("12-month", "12 month")]),
    ("Three analysts and a dozen engineers.", [("Three", "3"), ("a dozen", "12")]),
    ("About twenty-five people came.", [("About twenty-five", "~25")]),
    ("It has 1.5m users and 10k followers.", [("1.5m", "1500000"), ("10k", "10000")]),
    ("One hundred and twenty staff.", [("One hundred and twenty", "120")]),
    ("Two hundred thousand jobs and a million users.", [("Two hundred thousand", "200000"), ("a million", "1000000")]),
    ("One million users signed up.", [("One million", "1000000")]),
    ("No fewer than 12 firms bid.", [("No fewer than 12", ">=12")]),
    ("Nvidia's 300 staff in Shanghai.", [("300", "300")]),
    # not figures
    ("Its H20 chips and AMD's MI308 products.", []),
    ("Boeing 737 jets and Windows 11 PCs.", []),
    ("COVID-19 lockdowns hit G7 economies and 4G networks.", []),
    ("The Magnificent Seven tech stocks slid.", []),
    ("Huang's second trip, his 2nd this year, in the 21st century.", []),
    ("In 2025, unlike in 1998, demand was strong.", []),
    ("He visited on April 17 and again on 17 April.", []),
    ("The call is at 3 p.m. or 10:30, open 24/7.", []),
    ("It is one of the things they told one another; no one knew the one who left.", []),
    ("The twenty-first summit under a one-child policy.", []),
    ("Sales in the first half of the year.", []),
    ("Version 5.5.1 shipped.", []),
    ("It raised HK$5bn.", []),
    # mixed
    (
        "Shares fell 7% on Wednesday after Nvidia flagged a $5.5bn charge on its H20 chips in 2025.",
        [("7%", "7 %"), ("$5.5bn", "5500000000 USD")],
    ),
    (
        "Two people said Huang met officials on April 17, one person added.",
        [("Two", "2")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), EXTRACTION, ids=[s for s, _ in EXTRACTION])
def test_extraction(sentence: str, expected: list[tuple[str, str]]) -> None:
    figures = extract_figures(sentence)
    assert [(f.text, f.normalized) for f in figures] == expected
    for f in figures:
        assert sentence[f.start:f.end] == f.text


MEASURES = [
    ("The group reported $17bn in sales from China.", "sales"),
    ("Nvidia faces a $5.5 billion earnings hit and pressure.", "hit"),
    ("It expected a $5.5bn hit to earnings.", "hit"),
    ("It booked a loss of $800m.", "loss"),
    ("Tariffs of 145 per cent on imports from China.", "tariffs"),
    ("Shares saw a decline of approximately 7% on Wednesday.", "decline"),
    ("Shares fell 7% on Wednesday.", ""),
    ("It works with over 3,000 Chinese startups.", "startups"),
    ("Stocks lost about a fifth of their value year to date.", "value"),
    ("It threatened $17 billion annual sales to China.", "sales"),
    ("Firms placed $16 billion in orders for Nvidia's AI chips.", "orders"),
    ("1.5 million Chinese developers using CUDA.", "developers"),
    ("Over 300 people came.", "people"),
]


@pytest.mark.parametrize(("sentence", "measure"), MEASURES, ids=[s for s, _ in MEASURES])
def test_measure(sentence: str, measure: str) -> None:
    assert first(sentence).measure == measure


AGREEMENT = [
    ("$5.5bn", "$5.5 billion", True),
    ("145 per cent", "145 percent", True),
    ("$17bn", "$17 billion", True),
    ("approximately 7%", "7%", True),
    ("nearly 4,000", "4,000", True),
    ("US$5.5 billion", "5.5 billion dollars", True),
    ("seven percent", "7%", True),
    ("$5.5bn", "$5,500 million", True),
    ("£2.3bn", "£2.3 billion", True),
    ("1.5 million", "1.5m", True),
    ("two decades", "20 years", True),
    ("about a fifth of sales", "20% of sales", True),
    ("at least $500 billion", "$500 billion", True),
    ("over 40%", "45%", True),
    ("a third of voters", "33% of voters", True),
    ("$5.5bn", "$6.5bn", False),
    ("7%", "9%", False),
    ("$17bn in sales", "$16bn in sales", False),
    ("over 40%", "30%", False),
    ("nearly 4,000", "over 4,000", False),
    ("under 30%", "over 40%", False),
    ("12 months", "18 months", False),
]


@pytest.mark.parametrize(("a", "b", "expected"), AGREEMENT, ids=[f"{a} ~ {b}" for a, b, _ in AGREEMENT])
def test_agreement(a: str, b: str, expected: bool) -> None:
    fa, fb = first(a), first(b)
    assert comparable(fa, fb)
    assert agree(fa, fb) is expected
    assert agree(fb, fa) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("$17bn in sales", "$16 billion in orders", False),
        ("$5.5bn", "5.5%", False),
        ("$17bn in sales", "$17 billion annual sales", True),
        ("tariffs of 145 per cent", "145 percent", True),
        ("3,000 startups", "3,000 staff", False),
        ("$5bn", "£5bn", False),
        ("losses of $5bn", "a $5bn loss", True),
    ],
)
def test_comparable(a: str, b: str, expected: bool) -> None:
    assert comparable(first(a), first(b)) is expected


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("$5.5bn", 5.45e9, 5.55e9),
        ("7%", 6.5, 7.5),
        ("4,000", 3980.0, 4020.0),
        ("about 7%", 6.3, 7.7),
        ("nearly 4,000", 3600.0, 4000.0),
        ("at least 500", 500.0, math.inf),
        ("under 5%", 0.0, 5.0),
    ],
)
def test_interval(text: str, low: float, high: float) -> None:
    f = first(text)
    assert f.low == pytest.approx(low) and f.high == pytest.approx(high)


def test_over_excludes_its_bound() -> None:
    f = first("over 3,000")
    assert 3000 < f.low < 3000.01 and f.high == math.inf


def test_figure_is_frozen() -> None:
    f = first("$5.5bn")
    with pytest.raises(AttributeError):
        f.value = 1.0  # type: ignore[misc]


# --- properties ---------------------------------------------------------------------------------

MONEY_FORMATS = ["${x}bn", "${x} billion", "US${x} billion", "{x} billion dollars", "${x}-billion"]
PERCENT_FORMATS = ["{x}%", "{x} %", "{x} per cent", "{x} percent"]
amounts = st.builds(
    lambda whole, tenth: f"{whole}.{tenth}" if tenth else str(whole),
    st.integers(1, 999),
    st.integers(0, 9),
)


@settings(max_examples=80, deadline=None)
@given(
    x=amounts,
    fmt_a=st.sampled_from(MONEY_FORMATS),
    fmt_b=st.sampled_from(MONEY_FORMATS),
    hedge_a=st.booleans(),
    hedge_b=st.booleans(),
)
def test_money_reformatting_agrees(x: str, fmt_a: str, fmt_b: str, hedge_a: bool, hedge_b: bool) -> None:
    a = first(f"The group reported {'about ' if hedge_a else ''}{fmt_a.format(x=x)} in sales.")
    b = first(f"The group reported {'about ' if hedge_b else ''}{fmt_b.format(x=x)} in sales.")
    assert a.unit == b.unit == "USD" and a.value == b.value == float(Decimal(x) * 10**9)
    assert comparable(a, b) and agree(a, b)
    if hedge_a == hedge_b:
        assert a.normalized == b.normalized


@settings(max_examples=80, deadline=None)
@given(x=amounts, fmt_a=st.sampled_from(PERCENT_FORMATS), fmt_b=st.sampled_from(PERCENT_FORMATS), hedge=st.booleans())
def test_percent_reformatting_agrees(x: str, fmt_a: str, fmt_b: str, hedge: bool) -> None:
    a = first(f"Shares fell {'about ' if hedge else ''}{fmt_a.format(x=x)} on Tuesday.")
    b = first(f"Shares fell {fmt_b.format(x=x)} on Tuesday.")
    assert a.unit == b.unit == "%" and comparable(a, b) and agree(a, b)


@settings(max_examples=100, deadline=None)
@given(n=st.integers(1, 10**9), hedge=st.sampled_from(["", "about ", "nearly ", "at least ", "over ", "under "]))
def test_interval_holds_value(n: int, hedge: str) -> None:
    f = first(f"It employs {hedge}{n:,} people.")
    assert f.low <= f.value <= f.high or (hedge == "over " and f.low > f.value)


VOCABULARY = [
    "$", "£", "€", "¥", "US$", "%", "per cent", "bn", "m", "k", "million", "billion", "about", "nearly",
    "over", "under", "at least", "a", "one", "two", "twenty-five", "hundred", "and", "of", "half", "a fifth",
    "April", "17", "2025", "5.5", "4,000", "H20", "-", ",", ".", ":", "/", "years", "months", "sales",
    "Seven", "Magnificent", "yuan", "RMB", "USD", "p.m.", "~", "1,2,3", "12.5.6",
]


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(VOCABULARY), max_size=25).map(" ".join),
                 st.lists(st.sampled_from(VOCABULARY), max_size=25).map("".join)))
def test_extraction_never_raises_and_spans_hold(text: str) -> None:
    previous_end = 0
    for f in extract_figures(text):
        assert text[f.start:f.end] == f.text
        assert previous_end <= f.start < f.end
        assert f.low <= f.high and not math.isnan(f.value)
        previous_end = f.end


# --- reading figures for comparing them (quantities_in) ----------------------------------------

from align.figures import figures_in, ordinals_in, quantities_in, scores_in, unqualified  # noqa: E402

QUANTITIES = [
    ("Police set up a 10-km exclusion zone.", [("10-km", "10000 m")]),
    ("Winds of 150 km/h and gusts of 90 mph.", [("150 km/h", "150 km/h"), ("90 mph", "144.84096 km/h")]),
    ("Temperatures hit 48.8C in Sicily and -15C in Oslo.", [("48.8C", "48.8 °C"), ("-15C", "-15 °C")]),
    ("The quake had a magnitude of 6.8.", [("6.8", "6.8 magnitude")]),
    ("The 7.1-magnitude quake struck.", [("7.1-magnitude", "7.1 magnitude")]),
    ("The 43-year-old suspect fled.", [("43-year-old", "age 43")]),
    ("Police said the suspect, 34, fled.", [("34", "age 34")]),
    ("The tanker held 20,000 tonnes of oil.", [("20,000 tonnes", "20000000 kg")]),
    ("Polls opened at 0300 GMT for 2.5 million voters.", [("2.5 million", "2500000")]),
    ("The death toll has passed 2,000.", [("passed 2,000", ">2000")]),
    ("As many as 5,000 people came.", [("As many as 5,000", "<5000")]),
    ("Crossings fell by a fifth, and rates by a quarter point.", [("a fifth", "20 %")]),
]


@pytest.mark.parametrize(("sentence", "expected"), QUANTITIES, ids=[s for s, _ in QUANTITIES])
def test_quantities_for_comparing(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = quantities_in(sentence)
    assert [(f.text, f.normalized) for f in found] == expected
    assert all(sentence[f.start:f.end] == f.text for f in found)


@pytest.mark.parametrize("sentence", [s for s, _ in QUANTITIES] + [s for s, _ in EXTRACTION])
def test_what_weighing_reads_does_not_change_with_what_comparing_reads(sentence: str) -> None:
    """Grouping weighs `figures_in`: the units, ages and bounds only comparing reads stay out."""
    assert not [f for f in figures_in(sentence) if f.unit in ("m", "km/h", "°C", "kg", "magnitude", "age")]
    assert not [f for f in figures_in(sentence) if f.text.lower().startswith(("passed", "as many"))]


def test_the_written_scale_of_a_figure():
    assert [f.scale for f in quantities_in("two decades, 21 years, $5.5bn, 10 km")] == [10.0, 1.0, 1e9, 1000.0]
    assert [unqualified(f) for f in quantities_in("at least 820 and nearly 4,000")] == ["820", "4,000"]


def test_scores_and_ordinals():
    assert [f.normalized for f in scores_in("City won 3-1, and the Senate passed it by 52 votes to 48.")] == ["3-1", "52-48"]
    assert [f.normalized for f in scores_in("Lost 1-2 at home.")] == ["2-1"]  # the same result from the other side
    assert scores_in("Some 10-12 people were hurt.") == ()
    assert [(f.normalized, f.measure) for f in ordinals_in("his third visit in the 89th minute")] == [
        ("#3", "visit"), ("#89", "minute")]
    assert ordinals_in("The law was first proposed in 2019.") == ()
