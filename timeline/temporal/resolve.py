"""Second phase: turn a matched candidate into a TIMEX3 value.

A small dispatch on the rule's ``resolve`` kind; the arithmetic lives in values.py.
The context gives the reference date (DCT), the narrative anchor (last date mentioned),
and the tense direction of the clause.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline.settings import SETTINGS, Settings
from timeline.temporal import cues, explicit, values
from timeline.temporal.rules import Candidate, RuleSet, normal_key

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_MONTHS = re.compile(r"P(\d+)M")  # a duration value in months
# a date something is put off to looks ahead, whatever the verb's tense: "postponed until Tuesday"
_CONTEXT = cues.english_patterns()  # resources/en/context.ini: named patterns with examples
_PUT_OFF = _CONTEXT["put_off"].regex
_SINCE = _CONTEXT["since"].regex  # "since March": a time already past
_AMOUNT_BEFORE = _CONTEXT["amount_before"].regex  # "$4 million a year ago": a quarter compared
_COMPARED = _CONTEXT["compared"].regex  # "in the third quarter, up from last year"
_DONE_IN = _CONTEXT["done_in"].regex  # "do it in 100 days": a span, not a date
_DIRECTION = {-1: "past", 1: "future", 0: None}
_OF_YEAR = _CONTEXT["of_year"].regex  # "August of that year", "of the following year"
_PREVIOUS_FOLLOWING = _CONTEXT["previous_following"].regex  # "the previous Wednesday"
_SHIFT_BACK = _CONTEXT["shift_back"].regex  # "two days earlier"
DAY_WORD = _CONTEXT["day_word"].regex  # "6 p.m. tomorrow"
_AND_A_HALF = _CONTEXT["and_a_half"].regex  # "a year and a half ago"
_NAMES_QUARTER = _CONTEXT["names_quarter"].regex  # "the year-ago quarter"
_PLURAL_LONG = _CONTEXT["plural_long"].regex  # "decades-long"
_MIDNIGHT = _CONTEXT["midnight"].regex  # a clock time without its hour: midnight, else noon
_YEAR_FILLER = _CONTEXT["year_filler"].regex  # "nineteen hundred and six"
# a fraction of a unit counts in the next smaller one ("half a century ago", "a year and a half ago")
_SMALLER = {"century": ("year", 100), "decade": ("year", 10), "year": ("month", 12), "quarter": ("month", 3),
            "month": ("day", 30), "week": ("day", 7)}


def _bc_year(value: str | None) -> int | None:
    """The year of a value before the common era ("BC0480-08" -> 480), else None."""
    return int(value[2:6]) if value and value.startswith("BC") and value[2:6].isdigit() else None


def _month_of(value: str) -> int:
    """The month a year's part starts in ("0480-08" -> 8, "0480-WI" -> 12; a year alone: 0)."""
    part = value[5:7]
    return int(part) if part.isdigit() else _SEASON_MONTH.get(part, 0)


_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


class NeedsReference(Exception):
    """The expression is relative and no reference date was given."""


@dataclass
class Context:
    dct: date | None
    narrative: str  # value of the last fully specified date mentioned (or the DCT)
    tense: str | None  # past / future / present / None
    date_order: str = "MDY"
    recent: dict | None = None  # granularity -> value of the last date of that granularity;
    # one dict per document: the resolver also notes there the first quarter or half the
    # text reports on ("lead"), which "a year earlier" and "the latest quarter" refer to
    before: str = ""  # the text before the expression (Settings.temporal_lookback characters)
    # the direction the resolver settled on (past / future / None): starts as the clause's
    # tense and is overwritten when the resolver chooses another; the component records it on
    # the TimeExpression, where the status of an event reads it. One Context per candidate.
    direction: str | None = None
    # the text narrates a past period (tagger.narrates_past): year-less dates are placed near
    # the story's time (``narrative``), not near the publication date; ``anchor`` notes the
    # value the resolver placed the expression against when it was not the publication date
    story: bool = False
    anchor: str | None = None
    # a retrospective passage of news (tagger: a day named with its weekday well before the
    # publication date): a bare weekday is the one nearest the story's day, not the DCT's
    retro: bool = False
    # the story's main line: the last date mentioned outside an aside (a past perfect, a
    # relative clause, brackets: tense.aside_in_text); year-less dates of a narrative are
    # placed near it, while "the next day", "later that year" count from ``narrative``
    story_time: str = ""

    @property
    def main(self) -> str:
        return self.story_time or self.narrative


def _number(text: str, tables: dict) -> float | None:
    digits = text.strip().replace(",", "")  # "1,000", "2.5"
    if _DIGITS.fullmatch(digits):
        return float(digits)
    key = normal_key(text)
    if key.endswith(" and a half"):  # "two and a half"
        whole = _number(key[:-len(" and a half")], tables)
        return None if whole is None else whole + 0.5
    if _DIGITS.fullmatch(key):
        return float(key)
    half = re.fullmatch(r"(\d+)\s*(?:1/2|½)", key)
    if half:
        return int(half.group(1)) + 0.5
    words = tables["numword"]
    if key in words:
        return None if words[key] == "X" else float(words[key])
    total = 0.0
    for part in re.split(r"[- ]", key):
        if part not in words or words[part] == "X":
            return None
        total += float(words[part])
    return total


def _spoken_year(text: str, tables: dict) -> int:
    """"nineteen ninety-four" -> 1994, "nineteen hundred and six" -> 1906, "two thousand and
    eight" -> 2008 (the fragment spoken_year of fragments.ini)."""
    words = [w for w in re.split(r"[\s-]+", normal_key(text)) if not _YEAR_FILLER.fullmatch(w)]
    table = {k: int(v) for k, v in tables["numword"].items() if v.isdigit()}
    table["oh"] = 0
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(table.get(w, 0) for w in words[2:])
    return table[words[0]] * 100 + sum(table.get(w, 0) for w in words[1:])


class Resolver:
    def __init__(self, ruleset: RuleSet, settings: Settings = SETTINGS):
        self.tables = ruleset.tables
        self.settings = settings

    def value(self, cand: Candidate, ctx: Context) -> str | None:
        """The TIMEX3 value of ``cand`` in ``ctx`` (None: no value). Keeps no state: all that
        one call needs or learns is in its arguments (``ctx.direction``, ``ctx.recent``)."""
        f = self.fields(cand)
        value = getattr(self, "r_" + cand.rule.resolve)(cand, f, ctx)
        if value and "side" in f:  # "the day before last Tuesday", "two weeks before Christmas"
            value = values.shift(value, f.get("by", "day"), f["side"] * int(f.get("count", 1)))
        if value and ctx.recent is not None and ctx.dct:
            self._note_period(value, ctx.recent, ctx.dct)
        return value

    def _note_period(self, value: str, recent: dict, dct: date) -> None:
        """Remember the quarter (or half) an earnings story leads with ("lead"), and whether
        the text has since moved on to a longer stretch ("the nine months", "the year"):
        a year earlier than that is a year, not a quarter."""
        span = values.interval(value)
        if span and span[0] in ("quarter", "half"):
            recent["longer"] = False
            if "lead" not in recent and span[1] <= dct < span[2] + timedelta(days=self.settings.temporal_lead_period_days):
                recent["lead"] = value
        elif recent.get("lead") and self._longer_stretch(value):
            recent["longer"] = True

    def _longer_stretch(self, value: str) -> bool:
        """Whether a duration value is a stretch longer than a quarter, up to a year ("P9M", "P1Y")."""
        months = _MONTHS.fullmatch(value)
        return value == "P1Y" or bool(months and self.settings.temporal_longer_stretch_months
                                      <= int(months.group(1)) <= 12)

    # -- fields -------------------------------------------------------------
    def fields(self, cand: Candidate) -> dict:
        out = {}
        for group, text in cand.fields.items():
            source = cand.rule.groups.get(group, group)
            out.setdefault(re.sub(r"\d+$", "", group), self.convert(source, text))
        return out

    def convert(self, source: str, text: str):
        if source in ("year", "isoyear", "decade2", "day", "mm", "dd", "hour", "minute", "bcnum"):
            return int(_DIGITS.search(text).group())
        if source in ("yy", "fy_year"):  # "'82", "FY24"
            year = int(_DIGITS.search(text).group())
            return year + (1900 if year >= self.settings.temporal_apostrophe_year_pivot else 2000)
        if source == "number":
            return _number(text, self.tables)
        if source == "spoken_year":
            return _spoken_year(text, self.tables)
        if source == "ampm":
            return text.lower()[0]
        if source == "centnum":
            digits = _DIGITS.search(text)
            return int(digits.group()) if digits else int(self.tables["century_word"][normal_key(text)])
        if source not in self.tables:  # a plain group of the pattern ("span" targets)
            return text
        value = self.tables[source][normal_key(text)]
        return int(value) if re.fullmatch(r"-?\d+", value) else value

    # -- helpers ------------------------------------------------------------
    @staticmethod
    def _dct(ctx: Context) -> date:
        if ctx.dct is None:
            raise NeedsReference
        return ctx.dct

    @staticmethod
    def _direction(f: dict, ctx: Context) -> str | None:
        """The direction to place ``f`` in from the reference date, noted in ``ctx.direction``."""
        if "this" in f:
            direction = _DIRECTION[max(-1, min(1, f["this"]))]
        elif _PUT_OFF.search(ctx.before):
            direction = "future"
        elif _SINCE.search(ctx.before):  # "since March": a time already past
            direction = "past"
        else:
            direction = ctx.tense if ctx.tense in ("past", "future") else None
        ctx.direction = direction
        return direction

    def _future_cost(self, ctx: Context) -> float:
        """How many days behind a day ahead weighs when no direction is known: the news
        convention's past bias, none in the present tense ("the deadline is Thursday")."""
        return 1.0 if ctx.tense == "present" else self.settings.temporal_past_bias

    def _anchor(self, cand: Candidate, ctx: Context) -> date:
        if cand.rule.params.get("anchor") == "narrative":
            span = values.interval(ctx.narrative) if ctx.narrative else None
            if span:
                return span[1]
        return self._reference(ctx)

    @staticmethod
    def _story(ctx: Context) -> tuple | None:
        """The interval of the story's time when the text narrates a past period and the story
        is before the publication year (a narrative that reaches the present is read as news)."""
        if not ctx.story or ctx.dct is None:
            return None
        span = values.interval(ctx.main or "")
        return span if span and span[1].year < ctx.dct.year else None

    def _reference(self, ctx: Context) -> date:
        """The date deictic expressions ("this year", "on Thursday") count from: the story's
        time in a text that narrates a past period (noted in ``ctx.anchor``), else the DCT."""
        story = self._story(ctx)
        if story:
            ctx.anchor = ctx.main
            return story[1]
        return self._dct(ctx)

    # -- kinds ----------------------------------------------------------------
    def r_date(self, cand, f, ctx):
        of_year = _OF_YEAR.search(cand.text) if cand.rule.params.get("anchor") == "narrative" else None
        if of_year and (span := values.interval(ctx.narrative or "")):
            # "August of that year", "March of the following year": the year of the narrative
            f["year"] = span[1].year + (1 if of_year.group("next") else -1 if of_year.group("previous") else 0)
            ctx.anchor = ctx.narrative
        if "holiday" in f:
            rule = f["holiday"]
            if not re.fullmatch(r"\d\d-\d\d", rule):  # floating: n-th weekday, Easter-based
                return self._place(lambda y: values.holiday(y, rule), f, ctx)
            f["month"], f["day"] = (int(x) for x in rule.split("-"))
        if "month" in f and "day" in f:
            def make(y):
                return f"{y:04d}-{f['month']:02d}-{f['day']:02d}"
        elif "month" in f or "month_name" in f:
            month = f.get("month", f.get("month_name"))

            def make(y):
                return f"{y:04d}-{month:02d}"
        elif "season" in f:
            def make(y):
                return f"{y:04d}-{f['season']}"
        elif "ordinal" in f:
            quarter = 4 if f["ordinal"] == -1 else f["ordinal"]
            if ctx.tense == "future":  # "expects to report third-quarter results": the nearest one
                ctx.tense = None

            def make(y):
                return f"{y:04d}-Q{quarter}"
        elif "half" in f:
            def make(y):
                return f"{y:04d}-H{f['half']}"
        else:
            def make(y):
                return f"{y:04d}"
        value = self._place(make, f, ctx, cand.rule.params.get("anchor") == "narrative")
        unit = cand.rule.params.get("unit")
        if value and unit in ("week", "weekend"):  # "the week of March 6"
            return values.render(values.interval(value)[1], unit)
        return value

    def _place(self, make, f, ctx, narrative: bool = False):
        """The value ``make(year)`` for the year ``f`` names, else for the year the context
        points to: the story's time (a narrative, or a rule anchored on the narrative: "that
        spring"), else the reference date in the direction of the tense."""
        if "yearoffset" in f:  # "June last year": from the story's year in a narrative
            f["year"] = self._reference(ctx).year + f["yearoffset"]
        if "year" in f:
            value = make(f["year"])
        elif f.get("this") == 0:  # "this September", "this summer": the one of the reference year
            value = make(self._dct(ctx).year)
        elif (ctx.story or narrative) and (bc := _bc_year(time := ctx.narrative if narrative else ctx.main)):
            # a story before the common era: "the winter" after "480 BC" is that one (no interval)
            ctx.direction, ctx.anchor = None, time
            value = make(bc)
            if _month_of(value) < _month_of(time[2:]):  # the story moves on: "the winter", then "spring"
                value = make(bc - 1) if bc > 1 else None
            return "BC" + value if value else None
        elif story := ((narrative and values.interval(ctx.narrative or "")) or self._story(ctx)):
            # "In August", "on 12 March" in a narrative: the one nearest the story's time
            value = values.place_near(story[1], story[2], make, self.settings.narrative_future_cost)
            ctx.direction, ctx.anchor = None, ctx.narrative if narrative else ctx.main
        else:
            dct = self._dct(ctx)
            direction = self._direction(f, ctx)
            if f.get("this", 0) == 1 and "season" not in f:
                direction = ctx.direction = "future"
            grace = self.settings.temporal_day_grace_days if "day" in f and "this" not in f else 0
            value = values.place_in_year(dct, make, direction, self.settings.temporal_year_future_cost, grace)
            if "weekday" in f and "day" in f:  # "Saturday, April 4": the year it is a Saturday
                fits = [y for y in (dct.year - 1, dct.year, dct.year + 1)
                        if (span := values.interval(make(y))) and span[1].weekday() == f["weekday"]]
                if fits and int(value[:4]) not in fits:
                    value = make(min(fits, key=lambda y: abs((values.interval(make(y))[1] - dct).days)))
            if f.get("this") == 1 and values.interval(value) and values.interval(value)[1] <= dct:
                value = make(int(value[:4]) + 1)
            if f.get("this") == -1 and values.interval(value) and values.interval(value)[2] > dct:
                value = make(int(value[:4]) - 1)
        if "hour" in f:
            value = values.time_of_day(value, f["hour"], f.get("minute", 0))
        elif "part" in f and "day" in f:  # "the morning of 12 March": that part of the day
            value += "T" + f["part"]
        return value if values.interval(value) else None

    def r_following(self, cand, f, ctx):
        """"the following spring", "the previous August": the first such season or month after
        (before) the period the text is talking about, else after (before) the reference date."""
        month = f.get("month_name")
        if month is not None:
            def make(y):
                return f"{y:04d}-{month:02d}"
        else:
            def make(y):
                return f"{y:04d}-{f['season']}"
        span = values.interval(ctx.narrative or "")
        if span:
            ctx.anchor = ctx.narrative
            start, end = span[1], span[2]
        else:
            start = self._reference(ctx)
            end = start + timedelta(days=1)
        return values.place_after(start, end, make, int(cand.rule.params.get("sign", "1")))

    def r_year_period(self, cand, f, ctx):
        """"the 1988 period": the quarter being reported on, in that year."""
        period = self._period(ctx)
        return f"{f['year']:04d}{period[4:]}" if period else f"{f['year']:04d}"

    def r_latest_quarter(self, cand, f, ctx):
        """"the (latest) quarter": the last quarter mentioned, else the last one completed."""
        completed = values.relative(self._dct(ctx), "quarter", -1)
        lead = (ctx.recent or {}).get("lead")
        if lead and lead[5:6] == "Q":
            return lead
        mentioned = (ctx.recent or {}).get("quarter")
        if mentioned and values.interval(mentioned)[2] <= ctx.dct:  # over by the reference date
            return mentioned
        if cand.rule.params.get("reported") == "only":  # "the period" in a text that reported none
            return None
        return completed

    def r_quarter_ended(self, cand, f, ctx):
        """"the quarter ended Sept. 30": the quarter holding the middle of the three months
        that end on that date (the latest such date up to a year after the reference)."""
        dct = self._dct(ctx)
        end = date(dct.year, f["month"], f["day"])  # a bad day raises ValueError: no value
        if end > dct + timedelta(days=self.settings.temporal_quarter_ahead_days):  # ends within ~3 months: ahead
            end = date(dct.year - 1, f["month"], f["day"])
        middle = end - timedelta(days=self.settings.temporal_quarter_middle_days)
        value = f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}"
        if ctx.recent is not None and not ctx.recent.get("longer"):
            # the calendar quarter the story reports on, whatever fiscal name it led with ("the
            # fiscal first quarter"): "a year earlier" is that quarter a year back
            ctx.recent["lead"] = value
        return value

    def r_range_end(self, cand, f, ctx):
        """The end of a range of years: "58" in "1957-58" (the start's century, the next one
        when it would go back), "2010" in "2009-2010"."""
        head, tail = int(f["head"]), int(f["tail"])
        if tail >= 100:
            return f"{tail:04d}" if tail > head else None
        year = head - head % 100 + tail
        return f"{year + 100 if year <= head else year:04d}"

    def r_explicit(self, cand, f, ctx):
        found = explicit.parse_date(cand.text, ctx.dct, ctx.date_order, settings=self.settings)
        return found.isoformat() if found else None

    def r_weekday(self, cand, f, ctx):
        direction = self._direction(f, ctx)
        if f.get("this") == 0 and ctx.tense != "past":
            direction = ctx.direction = "future"
        cost = self._future_cost(ctx)
        relative_to = _PREVIOUS_FOLLOWING.search(normal_key(cand.text))
        span = values.interval(ctx.narrative or "")
        if relative_to and span and span[0] in ("day", "time"):
            # "the previous Friday": the one before the day the text is talking about
            step = -1 if relative_to.group("previous") else 1
            return values.weekday(span[1] + timedelta(days=step), f["weekday"],
                                  "past" if step < 0 else "future").isoformat()
        if (ctx.tense == "later" and span and span[0] in ("day", "time")
                and self._dct(ctx) - timedelta(days=7) <= span[1] < self._dct(ctx)):
            # the future seen from a past day of this week the text is talking about ("she said
            # on Tuesday she would return on Sunday"): the first such weekday from that day on
            # ("said on Wednesday the storm was expected to pass Wednesday night": that day)
            day = values.weekday(span[1], f["weekday"], "future")
            return day.isoformat() + ("T" + f["part"] if "part" in f else "")
        if ctx.retro and "this" not in f and span and span[0] in ("day", "time"):
            # "On Friday, April 24, ... Monday was the first full week": the story's Monday
            ctx.direction, ctx.anchor = None, ctx.narrative
            day = values.weekday(span[1], f["weekday"], None, self.settings.narrative_future_cost)
            return day.isoformat() + ("T" + f["part"] if "part" in f else "")
        day = values.weekday(self._reference(ctx), f["weekday"], direction, cost)
        if f.get("this") == -1 and day == ctx.dct:
            day = values.weekday(ctx.dct - timedelta(days=1), f["weekday"], "past")
        elif f.get("this") == 1 and day == ctx.dct:  # "next Monday" said on a Monday: a week on
            day = values.weekday(ctx.dct + timedelta(days=1), f["weekday"], "future")
        value = day.isoformat()
        return value + "T" + f["part"] if "part" in f else value

    def r_day_of_month(self, cand, f, ctx):
        """"on the 15th": that day of the nearest month that has it, in the tense's direction."""
        if story := self._story(ctx):  # "on the 15th" of the story's month
            ctx.direction, ctx.anchor = None, ctx.main
            day = values.day_of_month(story[1], f["day"], None, self.settings.narrative_future_cost)
        else:
            day = values.day_of_month(self._dct(ctx), f["day"], self._direction(f, ctx), self._future_cost(ctx))
        return day.isoformat() if day else None

    def _unit(self, f, cand):
        unit = f.get("unit") or cand.rule.params.get("unit")
        if unit == "fortnight":
            return "week", 2
        return unit, 1

    def r_relative(self, cand, f, ctx):
        if cand.rule.params.get("past_duration") == "yes" and (ctx.tense == "past" or _DONE_IN.search(ctx.before)):
            # "rates fell for the first time in 30 years", "promised to do it in 100 days"
            return self.r_duration(cand, f, ctx)
        unit, scale = self._unit(f, cand)
        if "number" in f:
            if f["number"] is None:
                return "PAST_REF" if cand.rule.params.get("sign") == "-1" else "FUTURE_REF"
            number = f["number"] * scale
            if _AND_A_HALF.search(cand.text) and "half" not in cand.fields.get("number", ""):
                number += 0.5 * scale  # "a year and a half ago"
            if number != int(number) and unit in _SMALLER:  # "half a century ago": 50 years
                unit, per = _SMALLER[unit]
                number *= per
            offset = int(number * int(cand.rule.params.get("sign", "1")))
        elif "this" in f:
            offset = f["this"]
        else:
            offset = int(cand.rule.params.get("offset", "0"))
        if unit in ("second", "minute", "hour"):
            unit, offset = "day", 0
        if cand.rule.params.get("anchor") == "narrative" and (bc := _bc_year(ctx.narrative)):
            # "the following year" after "491 BC": 490 BC; "that day" has no calendar date there
            ctx.anchor = ctx.narrative
            return f"BC{bc - offset:04d}" if unit == "year" and bc - offset > 0 else None
        years = int(cand.rule.params.get("years", "0"))  # "the same month a year ago": then years back
        if years and values.coarser(ctx.narrative, unit):  # the text names no month: the publication date's
            return values.shift(values.relative(self._dct(ctx), unit, offset), "year", years * int(f.get("count") or 1))
        if cand.rule.params.get("anchor") == "narrative" and values.coarser(ctx.narrative, unit):
            return None  # "that day" after "in 1987": no day can be placed
        if unit == "weekend" and offset == 0:
            return self._weekend(self._anchor(cand, ctx), ctx.tense)
        comparison = "this" in f and offset == -1 and (
            _AMOUNT_BEFORE.search(ctx.before)
            or (_COMPARED.search(ctx.before) and (values.interval(ctx.narrative) or ("",))[0] in ("quarter", "half")))
        if (cand.rule.params.get("sign") == "-1" or comparison) and unit == "year":
            quarter = self._period(ctx)
            if quarter:  # "a year ago" in quarterly results: that quarter, a year before
                return values.shift(quarter, "year", offset)
        value = values.relative(self._anchor(cand, ctx), unit, offset)
        return values.shift(value, "year", years * int(f.get("count") or 1)) if years else value

    @staticmethod
    def _weekend(day: date, tense: str | None) -> str:
        """The weekend meant by "the weekend" said on ``day``: the coming one, or the
        last one when the clause is in the past (on a Saturday or Sunday: that one)."""
        if day.weekday() >= 5 or tense != "past":
            return values.render(day, "weekend")
        return values.relative(day, "weekend", -1)

    @staticmethod
    def _period(ctx) -> str | None:
        """The quarter (or half) the text is reporting on, if it mentioned one."""
        recent = ctx.recent or {}
        if recent.get("longer"):
            return None
        if recent.get("lead"):
            return recent["lead"]
        if (values.interval(ctx.narrative) or ("",))[0] in ("quarter", "half"):
            return ctx.narrative
        return recent.get("quarter") or recent.get("half")

    def r_shift(self, cand, f, ctx):
        unit, scale = self._unit(f, cand)
        n = f.get("number", 1) if "number" in f else 1
        if n is None:
            return None
        text = cand.text.lower()
        sign = -1 if _SHIFT_BACK.search(text) else 1
        offset = int(cand.rule.params.get("offset", sign * n * scale))
        if unit in ("second", "minute", "hour"):
            return None
        if bc := _bc_year(ctx.narrative):  # "two years later" after "220 BC": 218 BC
            ctx.anchor = ctx.narrative
            return f"BC{bc - offset:04d}" if unit == "year" and bc - offset > 0 else None
        span = values.interval(ctx.narrative) if ctx.narrative else None
        if span is None:
            return values.relative(self._dct(ctx), unit, offset)
        granularity, start, _ = span
        recent = ctx.recent or {}
        if unit == "year" and recent.get("longer") and recent.get("lead"):
            if _NAMES_QUARTER.search(text):  # "the year-ago quarter": still the quarter
                return values.shift(recent["lead"], unit, offset)
            return values.relative(values.interval(recent["lead"])[1], unit, offset)
        if unit == "year" and self._period(ctx):
            return values.shift(self._period(ctx), unit, offset)
        if (unit in ("day", "week") and granularity in ("day", "time")) or \
                (unit == "year" and granularity in ("quarter", "half", "season")) or granularity == unit:
            return values.shift(ctx.narrative, unit, offset)
        return values.relative(start, unit, offset)

    def r_literal(self, cand, f, ctx):
        return cand.rule.params["value"]

    def r_table(self, cand, f, ctx):
        return self.tables[cand.rule.params["table"]][normal_key(cand.text)]

    def r_dayword(self, cand, f, ctx):
        offset = int(self.tables["dayword"][normal_key(cand.text)])
        return values.relative(self._dct(ctx), "day", offset)

    def r_part_of_day(self, cand, f, ctx):
        day = self._dct(ctx)
        span = values.interval(ctx.narrative or "")
        anchor = cand.rule.params.get("anchor")
        if anchor == "story" and ctx.dct and ctx.narrative == ctx.dct.isoformat():
            span = None  # the text has named no day yet
        if anchor in ("narrative", "story") and "dayword" not in f and span and span[0] in ("day", "time"):
            day = span[1]  # "in the morning": of the day the text is talking about
            ctx.anchor = ctx.narrative if anchor == "story" else ctx.anchor
        elif anchor == "story":
            return None  # "the morning of his death" when the text names no day: no value
        offset = f.get("dayword", 0) + f.get("this", 0)  # "the next morning", "last night": the day after, before
        part = f.get("part", "NI")
        return values.relative(day, "day", offset) + "T" + part

    def r_duration(self, cand, f, ctx):
        unit, scale = self._unit(f, cand)
        if unit is None:  # "years", "the weeks ahead": the last unit word, a vague count
            units = self.tables["unit"]
            words = [w for w in normal_key(cand.text).split() if w in units]
            unit = units[words[-1]] if words else None
            n = None
        elif "number" in f:
            n = f["number"]
            if n is not None and _AND_A_HALF.search(cand.text) \
                    and "half" not in cand.fields.get("number", ""):
                n += 0.5  # "a minute and a half"
        else:  # "day-long" is one day, "decades-long" some decades
            n = None if _PLURAL_LONG.match(normal_key(cand.text)) else 1
        if n is not None:
            n *= scale
        return values.duration(n, unit)

    def r_set(self, cand, f, ctx):
        wd = f.get("weekday", f.get("weekdays"))
        if wd is not None:  # "on Sundays", "Tuesday nights"
            return f"XXXX-WXX-{wd + 1}" + (f"T{f['part']}" if "part" in f else "")
        if "month_name" in f:
            return f"XXXX-{f['month_name']:02d}"
        if "season" in f:
            return f"XXXX-{f['season']}"
        if "part" in f:  # "every morning"
            return f"XXXX-XX-XXT{f['part']}"
        unit, scale = self._unit(f, cand)
        # a fixed count: "every other week" is 2 weeks, "three times a day" once a day
        n = int(cand.rule.params["number"]) if "number" in cand.rule.params else f.get("number", 1)
        return values.duration(None if n is None else n * scale, unit)

    def r_time(self, cand, f, ctx):
        text = cand.text.lower()
        if "hour" in f:
            hour, minute = f["hour"], f.get("minute", 0)
            if f.get("part") in ("AF", "EV") or (f.get("part") == "NI" and hour >= self.settings.temporal_night_pm_hour):
                f["ampm"] = "p"  # "8 in the evening"
            if f.get("ampm") == "p" and hour < 12:
                hour += 12
            elif f.get("ampm") == "a" and hour == 12:
                hour = 0
        else:
            hour, minute = (24, 0) if _MIDNIGHT.search(text) else (12, 0)  # midnight ends its day: T24:00
        if hour > 24 or (hour == 24 and minute):
            return None
        dct = self._dct(ctx)
        wd = f.get("weekday")
        if "month" in f and "day" in f:  # "5 p.m. EST, Nov. 9"
            date_fields = {k: f[k] for k in ("month", "day", "year") if k in f}
            day_value = self._place(lambda y: f"{y:04d}-{f['month']:02d}-{f['day']:02d}", date_fields, ctx)
            return values.time_of_day(day_value, hour, minute) if day_value else None
        if wd is not None:
            day = values.weekday(dct, wd, self._direction(f, ctx), self._future_cost(ctx))
        elif day_word := DAY_WORD.search(text):
            offset = 1 if day_word.group("tomorrow") else -1 if day_word.group("yesterday") else 0
            day = values.add(dct, "day", offset)
        else:  # a bare clock time: on the day the text is talking about
            span = values.interval(ctx.narrative or "")
            day = span[1] if span and span[0] in ("day", "time") else dct
            if day != dct:  # the anchor is the day the text is talking about, not the publication date
                ctx.anchor = ctx.narrative
            if hour == 24 and day == dct and ctx.tense == "past":
                day = values.add(dct, "day", -1)  # "a strike began at midnight": the one that opened today
        return values.time_of_day(day.isoformat(), hour, minute)

    def r_bc_year(self, cand, f, ctx):
        """"44 BC": TIMEX3's BC year (before the calendar's first year: no interval); "April
        480 BC": BC0480-04, "the spring of 480 BC": BC0480-SP."""
        value = f"BC{f['bcnum']:04d}"
        if "month_name" in f:
            return f"{value}-{f['month_name']:02d}"
        return f"{value}-{f['season']}" if "season" in f else value

    def r_decade(self, cand, f, ctx):
        if "decade_word" in f:
            return str(f["decade_word"])
        year = f["decade"]
        if year < 100:
            year += 1900 if year >= self.settings.temporal_apostrophe_year_pivot else 2000
        return f"{year // 10:03d}"

    def r_century(self, cand, f, ctx):
        return ("BC" if "bc" in f else "") + f"{f['centnum'] - 1:02d}"
