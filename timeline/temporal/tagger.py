"""Find the time expressions of a text and resolve them: the tagging pass, without spaCy.

``Tagger(lang, date_order).tag_text(text, dct, tense_at)`` runs the rules once over the text
(rules.find), reads the tense of each candidate (``tense_at``: cue words by default, the parse
when the spaCy component passes one), resolves it (resolve.Resolver) and returns the
TimeExpressions, each with the direction and anchor it was resolved with. A Tagger holds only
immutable data (the rules, the resolver): one instance serves every thread; each call keeps
its state in local variables and per-candidate Contexts.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from datetime import date, datetime, timedelta

from timeline.model import TimeExpression
from timeline.settings import SETTINGS, Settings
from timeline.temporal import cues, rules, values
from timeline.temporal.resolve import DAY_WORD, Context, NeedsReference, Resolver
from timeline.temporal.tense import aside_in_text, tense_in_text

_TIME_OF_DAY = re.compile(r"T\d")  # "2025-03-17T15:00": a DATE rule that gave a time
_SPAN = re.compile(r"P(?:T?[\dX])")  # a TIMEX3 duration value, not PAST_REF / PRESENT_REF
_DAY_FIELDS = {"weekday", "weekday2", "month", "day"}  # a clock time that names its day
# between a clock time and the day it is on: "6 p.m. local time (1700 UTC) tomorrow", "the
# 5 p.m. update on Monday"
_CONTEXT = cues.english_patterns()  # resources/en/context.ini: named patterns with examples
_TIME_THEN_DAY = _CONTEXT["time_then_day"].regex
_YEAR = re.compile(r"\d{4}")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")  # a blank line ends a paragraph
_DURATION_UNIT = {"Y": "year", "M": "month", "W": "week", "D": "day"}  # the last letter of P10Y ...
_SIDE = _CONTEXT["side"].regex  # "later this week", "earlier this year"
_FOLLOWING = _CONTEXT["following"].regex  # "over the following decade": after the story's day
_ENDS_AT = _CONTEXT["ends_at"].regex  # "the 12 months to February": the span ends with February
_LENGTH = re.compile(r"P(\d+)([YMWD])")  # a duration of whole units: P12M, P1W
# a range of clock times: "10 p.m. to 6 a.m.", "between 10 p.m. and 4 a.m." (_overnight_ranges)
_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
_RANGE_TO = _CONTEXT["range_to"].regex
_BETWEEN = _CONTEXT["between"].regex
_AND = _CONTEXT["and"].regex
# what joins two coordinated expressions: "May and June", "Monday or Tuesday", "2001 to 2009",
# "in 2019 and in 2022"
_COORDINATED = _CONTEXT["coordinated"].regex
_OPENS_PARAGRAPH = _CONTEXT["opens_paragraph"].regex  # "On April 24, ..." at a line's start
_MONTH_FIELDS = {"month", "month_name", "season"}  # a date of the year, which a coordinated year places
_YEAR_FIELDS = {"year", "yearoffset", "this", "holiday"}  # a date that names or implies its year


class Tagger:
    def __init__(self, lang: str = "en", date_order: str = "MDY", settings: Settings = SETTINGS):
        self.ruleset = rules.load(lang)
        self.resolver = Resolver(self.ruleset, settings)
        self.date_order = date_order
        self.settings = settings

    def tag_text(self, text: str, dct, tense_at=tense_in_text, candidates=None,
                 aside_at=aside_in_text) -> list[TimeExpression]:
        """Find and resolve the expressions of ``text``; ``tense_at(start, end)`` gives the
        tense around a match (default: cue words read straight from the text, no Doc), and
        ``aside_at(start, end)`` whether a date is told aside from a story's line (a past
        perfect, a relative clause, brackets: tense.aside_in_text); both defaults read this
        Tagger's settings. ``candidates``: the rule pass's, when it has already run on
        ``text`` (the Doc's)."""
        settings = self.settings
        if tense_at is tense_in_text:
            def tense_at(start, end, text=text):
                return tense_in_text(text, start, end, settings)
        if aside_at is aside_in_text:
            def aside_at(start, end, text=text):
                return aside_in_text(text, start, end, settings)
        if isinstance(dct, datetime):
            dct = dct.date()
        elif isinstance(dct, str):
            dct = date.fromisoformat(dct)
        out: list[TimeExpression] = []
        bare: list[bool] = []  # a clock time with no day of its own
        back: list[bool] = []  # a period that ends at the date right after it (runs = back)
        narrative = dct.isoformat() if dct else ""
        lookback = settings.temporal_lookback
        recent: dict[str, str] = {}
        previous = None  # (end, tense) of the last candidate
        if candidates is None:
            candidates = rules.find(text, self.ruleset, settings)
        in_story = self.story_paragraphs(text, candidates, dct)
        story_time = narrative
        retro = False  # inside a retrospective passage (Context.retro) ...
        retro_end = len(text)  # ... which ends here at the latest
        for k, (cand, story) in enumerate(zip(candidates, in_story)):
            if k + 1 < len(candidates):
                cand = self._shared_year(text, cand, candidates[k + 1])
            if retro and ((self.deictic(cand) and cand.rule.resolve != "weekday") or cand.start > retro_end):
                retro = False  # "today", "this week", "last year": back to the publication date
            if cand.rule.params.get("tense") == "none":
                tense = None
            elif previous and _COORDINATED.fullmatch(text, previous[0], cand.start):
                tense = previous[1]  # "in May and June": one clause, one direction
            else:
                tense = tense_at(cand.start, cand.end)
            previous = (cand.end, tense)
            ctx = Context(dct, narrative, tense, self.date_order, recent, text[max(0, cand.start - lookback):cand.start],
                          direction=tense if tense in ("past", "future") else None, story=story, retro=retro, story_time=story_time)
            try:
                value = self.resolver.value(cand, ctx)
            except (NeedsReference, KeyError, ValueError, OverflowError):
                value = None
            if not value:
                continue
            granularity, start_date, end_date = values.value_interval(value)
            if start_date and cand.mod in values.PART_MODS:  # "early March": its first third
                start_date, end_date = values.part_of(start_date, end_date, cand.mod)
            if start_date and dct and start_date <= dct < end_date and (side := _SIDE.match(cand.text)):
                # "later this week": the rest of it after the publication date; "earlier": before it
                after = dct + timedelta(days=1)
                if side.group("later") and after < end_date:
                    start_date = after
                elif not side.group("later") and dct > start_date:
                    end_date = dct
            ttype = cand.rule.type
            if ttype == "DURATION" and cand.rule.params.get("runs") == "ahead" and dct:
                # "over the next decade": a span that starts now and lasts the unit ("the
                # following", a past clause, a story: after the day the text is talking about)
                told = tense == "past" or bool(story)
                span = values.interval(narrative) if _FOLLOWING.search(cand.text) or told else None
                if span or not told:
                    start_date = (span[2] if span else dct + timedelta(days=1))
                    end_date = values.add(start_date, _DURATION_UNIT.get(value[-1:], "day"), int(value[1:-1]))
                    granularity = "day"
            if ttype == "DATE" and _TIME_OF_DAY.match(value, 10, 12):
                ttype = "TIME"
            elif ttype == "DATE" and _SPAN.match(value):  # a DATE rule that gave a span ("P30Y")
                ttype = "DURATION"
            anchored = cand.rule.resolve in ("relative", "shift", "weekday", "dayword", "part_of_day", "time") \
                or ("year" not in cand.fields and cand.rule.resolve == "date")
            anchored = anchored and not (ttype == "DURATION" and start_date is None)  # "do it in 100 days"
            timex = TimeExpression(
                start=cand.start, end=cand.end, text=text[cand.start:cand.end], type=ttype,
                value=value, granularity=granularity if ttype in ("DATE", "TIME") else None,
                start_date=start_date if ttype in ("DATE", "TIME") or start_date and ttype == "DURATION" else None,
                end_date=end_date if ttype in ("DATE", "TIME") or start_date and ttype == "DURATION" else None,
                anchor=ctx.anchor or ((narrative if cand.rule.params.get("anchor") == "narrative"
                                       or cand.rule.resolve == "shift" else dct.isoformat()) if anchored and dct else ""),
                direction=ctx.direction or "",  # the one the resolver used; the status reads it
                mod=cand.mod,
            )
            out.append(timex)
            if dct and granularity == "day" and {"day", "month"} <= cand.fields.keys():
                # a day named with its weekday ("Friday, April 24") well before the publication
                # date opens a retrospective passage, near it it closes one; a date that opens
                # its paragraph in the past tense ("On April 24, the governor closed ...") opens
                # one up to the paragraph's end
                long_ago = (dct - start_date).days >= self.settings.narrative_retrospective_days  # no overflow at year 1
                if "weekday" in cand.fields:
                    retro, retro_end = long_ago, len(text)
                elif long_ago and tense == "past" and _OPENS_PARAGRAPH.search(text, max(0, cand.start - lookback), cand.start):
                    line_end = text.find("\n", cand.end)
                    retro, retro_end = True, line_end if line_end >= 0 else len(text)
            bare.append(cand.rule.resolve == "time" and not _DAY_FIELDS.intersection(cand.fields)
                        and not DAY_WORD.search(cand.text))
            back.append(ttype == "DURATION" and cand.rule.params.get("runs") == "back")
            if story and anchored and not ctx.anchor and timex.anchor == (dct.isoformat() if dct else ""):
                continue  # in a narrative, "today" (the writer's day) does not move the story's time
            if story and tense in ("future", "later"):
                continue  # "would be exposed for a planned campaign in 1976": not yet the story's time
            if not (start_date or value.startswith("BC")) or ttype not in ("DATE", "TIME") \
                    or cand.rule.params.get("keeps_anchor") == "yes":
                continue  # a year before the common era has no interval but sets the story
            # "December 7, 1941", then "1941": the story stays on the day, not on the whole year
            if not (story and narrative and _holds(value, narrative)):
                narrative = value
                if start_date:
                    recent[granularity] = value
            # a date told aside (a past perfect, a relative clause, brackets: "the council, which
            # had been created on 5 November 1917") is mentioned, but the story's line stays
            if not (story and (_holds(value, story_time) or aside_at(cand.start, cand.end))):
                story_time = value
        _date_clock_times(text, out, bare)
        _periods_to(text, out, back)
        _overnight_ranges(text, out, self.settings.temporal_between_lookback)
        return out


    def _shared_year(self, text: str, cand, following):
        """A date without its year joined to a date with one takes that year: "in August and
        September 1914", "26 June - 4 August 1952", "the spring and summer of 1943"; the year
        before when its month comes later ("December and February 1917")."""
        if not (cand.rule.resolve == following.rule.resolve == "date" and "year" in following.fields
                and "anchor" not in cand.rule.params and _COORDINATED.fullmatch(text, cand.end, following.start)):
            return cand
        mine, theirs = self.resolver.fields(cand), self.resolver.fields(following)
        if _YEAR_FIELDS & mine.keys() or not (_MONTH_FIELDS & mine.keys() and _MONTH_FIELDS & theirs.keys()):
            return cand
        month, their_month = (f.get("month", f.get("month_name")) for f in (mine, theirs))
        year = theirs["year"] - (1 if month and their_month and month > their_month else 0)
        return replace(cand, fields={**cand.fields, "year": str(year)})

    def story_paragraphs(self, text: str, candidates, dct: date | None) -> list[bool]:
        """For each candidate, whether it is in a stretch that narrates a past period: the whole
        text (``narrates_past``), else its paragraph (a blank line ends one) by the same test
        with ``narrative_paragraph_min_years``: news with a paragraph of history."""
        if dct is None:
            return [False] * len(candidates)
        if self.narrates_past(candidates, dct):
            return [True] * len(candidates)
        ends = [m.start() for m in _PARAGRAPH.finditer(text)]
        groups: dict[int, list] = {}
        for cand in candidates:
            groups.setdefault(bisect_right(ends, cand.start), []).append(cand)
        least = self.settings.narrative_paragraph_min_years
        story = {k: self.narrates_past(group, dct, least) for k, group in groups.items()}
        return [story[bisect_right(ends, cand.start)] for cand in candidates]

    def narrates_past(self, candidates, dct: date, least: int | None = None) -> bool:
        """Whether the text narrates a past period (a history, a war narrative) rather than
        reporting news: it names many explicit years well before the publication date and
        hardly any expression tied to the publication date ("today", "on Monday", "last
        year"). Then year-less dates ("in August", "on 12 March") take the story's year."""
        settings = self.settings
        past = deictic = 0
        for cand in candidates:
            year = _YEAR.search(cand.fields.get("year", ""))
            if year:
                past += int(year.group()) <= dct.year - settings.narrative_years_back
            elif "bcnum" in cand.fields:  # "480 BC"
                past += 1
            elif self.deictic(cand):
                deictic += 1
        return past >= (least or settings.narrative_min_years) and deictic <= settings.narrative_deictic_share * past

    def deictic(self, cand) -> bool:
        """Whether a candidate is tied to the publication date ("today", "on Monday", "last
        year", words of resources/<lang>/deictic.txt), not to the story ("the next day")."""
        if cand.rule.params.get("anchor") == "narrative" or cand.rule.resolve == "shift":
            return False
        return cand.rule.resolve in ("dayword", "weekday") or self.ruleset.deictic.search(cand.text) is not None


def _holds(value: str, inner: str) -> bool:
    """Whether the period of ``value`` holds that of ``inner`` (and is longer)."""
    try:
        outer, within = values.interval(value), values.interval(inner)
    except (ValueError, OverflowError):  # a period that ends after 9999-12-31
        return False
    return bool(outer and within and outer[1] <= within[1] and within[2] <= outer[2] and outer[1:] != within[1:])


def _date_clock_times(text: str, found: list[TimeExpression], bare: list[bool]) -> None:
    """A clock time with no day of its own, followed by a day it is on ("at 6 p.m. local time
    (1700 UTC) tomorrow"): the time is on that day, not on the day the text was talking about."""
    for k in range(len(found) - 1):
        time, day = found[k], found[k + 1]
        if (bare[k] and time.type == "TIME" and day.granularity == "day" and day.start_date
                and _TIME_THEN_DAY.fullmatch(text, time.end, day.start)):
            time.value = day.value[:10] + time.value[10:]
            time.anchor = day.anchor  # placed through the day: "tomorrow" counts from the publication date
            _, time.start_date, time.end_date = values.value_interval(time.value)


def _periods_to(text: str, found: list[TimeExpression], back: list[bool]) -> None:
    """A period followed by the date it ends at ("the 12 months to February", "the week to
    March 14"): the span of that length that ends with that date, placed through it."""
    for k in range(len(found) - 1):
        period, end = found[k], found[k + 1]
        length = _LENGTH.fullmatch(period.value)
        if back[k] and length and end.end_date and _ENDS_AT.fullmatch(text, period.end, end.start):
            period.end_date = end.end_date
            period.start_date = values.add(end.end_date, _DURATION_UNIT[length.group(2)], -int(length.group(1)))
            period.anchor = end.value


def _overnight_ranges(text: str, found: list[TimeExpression], lookback: int) -> None:
    """A range of clock times that runs past midnight ("a curfew from 10 p.m. to 6 a.m.",
    "between 10 p.m. and 4 a.m."): the end, on the start's day but earlier, is on the next day."""
    for start, end in zip(found, found[1:]):
        if not (start.type == end.type == "TIME" and _CLOCK.fullmatch(start.value) and _CLOCK.fullmatch(end.value)
                and start.value[:10] == end.value[:10] and end.value[11:] < start.value[11:]):
            continue
        gap = text[start.end:end.start]
        between = _BETWEEN.search(text, max(0, start.start - lookback), start.start)
        if _RANGE_TO.fullmatch(gap) or (between and _AND.fullmatch(gap)):
            day = date.fromisoformat(end.value[:10]) + timedelta(days=1)
            end.value = day.isoformat() + end.value[10:]
            _, end.start_date, end.end_date = values.value_interval(end.value)
