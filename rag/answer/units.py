"""What a measurement measures: "How long was the python?" is answered by a length ("18-foot-long"),
never by its weight ("215-pound") that stands next to it. A question's "how long/heavy/tall/far/fast"
names the dimensions it asks about; a candidate's unit (in it, or the word right after it: "215-pound",
"18 feet") names the dimension it gives. A candidate without a known unit is left to the model.
"""

from __future__ import annotations

import re

from rag.text import words

UNITS: dict[str, frozenset[str]] = {
    "length": frozenset(
        "foot feet ft inch inches in meter meters metre metres m cm mm centimeter centimeters centimetre "
        "centimetres millimeter millimeters km kilometer kilometers kilometre kilometres mile miles yard "
        "yards light".split()  # "light" of "100 million light-years", read before its "years"
    ),
    "weight": frozenset(
        "pound pounds lb lbs kg kilogram kilograms kilo kilos gram grams g ton tons tonne tonnes ounce "
        "ounces oz stone".split()
    ),
    # what a dose or a food holds ("360 milligrams" of caffeine), rarely what anything weighs ("the 5-milligram dose")
    "dose": frozenset("milligram milligrams mg microgram micrograms".split()),
    "time": frozenset(
        "second seconds minute minutes hour hours day days week weeks month months year years decade "
        "decades century centuries".split()
    ),
    "speed": frozenset("mph kph km/h knots".split()),
    "volume": frozenset(
        "gallon gallons litre litres liter liters barrel barrels milliliter milliliters millilitre millilitres ml "
        "quart quarts pint pints".split()
    ),
    "data": frozenset("bytes kilobytes megabytes gigabytes terabytes petabytes kb mb gb tb pb".split()),
}
DIMENSION_OF_UNIT = {unit: dimension for dimension, units in UNITS.items() for unit in units}
ASKED = {  # "how <word>" -> the dimensions it asks about
    "long": frozenset({"length", "time"}),
    "far": frozenset({"length"}),
    "tall": frozenset({"length"}),
    "high": frozenset({"length"}),
    "deep": frozenset({"length"}),
    "wide": frozenset({"length"}),
    "heavy": frozenset({"weight"}),
    "fast": frozenset({"speed"}),
}
HOW = re.compile(r"\bhow (" + "|".join(ASKED) + r")\b", re.IGNORECASE)
# the word after an amount (and its unit) that says which of its measures it is: "53 yards [wide]"
SAID_MEASURE = re.compile(r"\s*(?:[^\W\d_]+\s+)?(" + "|".join(ASKED) + r")\b", re.IGNORECASE)
SAME_MEASURE = {"tall": "high"}  # words for one measure
# what else names the dimension a "How much ...?" asks about: "How much did it weigh?", "How much data ...?"
NAMED: dict[str, frozenset[str]] = {
    "weigh weighs weighed weighing weight": frozenset({"weight"}),
    "data": frozenset({"data"}),
}
NAMED_DIMENSION = {word: dimensions for said, dimensions in NAMED.items() for word in said.split()}
UNIT_AFTER = 12  # characters after a number where its unit may stand ("18 feet", "215-pound")
RATE_AFTER = 12  # characters after the unit where the time it is per may stand ("miles [an hour]")
PER_TIME = rf"\s+(?:per|an?|each|every)\s+(?:{'|'.join(UNITS['time'])})\b"  # "[per hour]", "[a day]"
RATE = re.compile(PER_TIME, re.IGNORECASE)
MAGNITUDE_LETTER = re.compile(r"(?:bn|mn|[MBKmbk])(?![^\W\d_])")  # "$70M", "£1.5bn", "$10k"
UNIT_SIGN = re.compile(r"\s?(?:°\s?[CF]|°|℃|℉)(?![^\W\d_])")  # "7°C", "98.6 °F", "40°"


def asked_dimensions(question: str) -> frozenset[str]:
    """The dimensions "How long/heavy/... ?" or "How much did it weigh?" asks about; empty for any
    other question."""
    if match := HOW.search(question):
        return ASKED[match.group(1).lower()]
    return frozenset().union(*(NAMED_DIMENSION.get(word, frozenset()) for word in words(question)))


def other_measure(question: str, sentence: str, end: int) -> bool:
    """The amount ending at `end` says it is another measure than the one "How wide ...?" asks: "100
    yards [long]" is no width, though both are lengths."""
    asked, said = HOW.search(question), SAID_MEASURE.match(sentence, end)
    if asked is None or said is None:
        return False
    return _measure(said.group(1)) != _measure(asked.group(1))


def _measure(word: str) -> str:
    return SAME_MEASURE.get(word.lower(), word.lower())


def with_unit_sign(sentence: str, end: int) -> int:
    """The end of the amount that ends at `end`, with a unit's sign glued to it ("about 7[°C]"), which
    the small model leaves out of the entity."""
    sign = UNIT_SIGN.match(sentence, end)
    return sign.end() if sign else end


def with_magnitude_letter(sentence: str, end: int) -> int:
    """The end of a sum of money with the letter that scales it glued on ("$70[M]", "£1.5[bn]"): "$70"
    alone is not what the sentence says."""
    letter = MAGNITUDE_LETTER.match(sentence, end) if end and sentence[end - 1].isdigit() else None
    return letter.end() if letter else end


def dimension_of(sentence: str, start: int, end: int, unit: str) -> str:
    """What the measurement at sentence[start:end] in `unit` measures: a length per time is a speed
    ("about 21 yards per hour", "60 miles an hour"), another unit per time a rate of no dimension asked
    for (a weight per day is no weight)."""
    per_time = re.compile(rf"\b{re.escape(unit)}{PER_TIME}", re.IGNORECASE)
    if not per_time.search(sentence, start, end + UNIT_AFTER + RATE_AFTER):
        return DIMENSION_OF_UNIT[unit]
    return "speed" if DIMENSION_OF_UNIT[unit] == "length" else "rate"


def with_rate(sentence: str, start: int, end: int, question: str) -> int:
    """The end of the measurement at sentence[start:end], with the time it is per when it ends with its
    unit ("about 40 feet[ per hour]": the small model leaves the rate out of the entity), unless the
    question says that time already ("How big a hole per day ...?": "4.3 million barrels")."""
    rate = RATE.match(sentence, end)
    said = words(sentence[start:end])
    if not rate or not said or said[-1] not in DIMENSION_OF_UNIT:
        return end
    return end if words(rate.group())[-1] in words(question) else rate.end()


def unit_of(sentence: str, start: int, end: int) -> str | None:
    """The unit of the measurement at sentence[start:end] (inside it, glued to it, or the next word:
    "feet" of "18 feet", "cm" of "18cm"; DIMENSION_OF_UNIT says what it measures), or None when it
    names no unit we know."""
    for word in words(sentence[start:end])[1:] + words(sentence[end : end + UNIT_AFTER])[:1]:
        if word in DIMENSION_OF_UNIT:
            return word
    for word in words(sentence[start:end])[:1]:
        unit = word.lstrip("0123456789.,")  # "18cm"
        if unit in DIMENSION_OF_UNIT:
            return unit
    return None
