from datetime import date, timedelta

from timeline.model import Event
from timeline.settings import SETTINGS
from timeline.story.keydates import day_of, key_dates

DAY = date(2011, 2, 11)


def report(article: str, day: date, sentence: str, published: date | None = None, source: str = "",
           granularity: str = "day", at: int = 0, days: int = 1) -> Event:
    return Event(
        event_id=f"{article}-{day}-{at}", article_id=article, value=day.isoformat(), start_date=day,
        end_date=day + timedelta(days=days), granularity=granularity, expression="on Friday",
        status="happened", summary=sentence, sentence=sentence, expr_start=0, expr_end=2,
        sentence_start=at, source=source, published=published or day)


def test_independent_articles_outrank_one_article_repeating_a_day():
    events = [report("a", DAY, "Mubarak resigned on Friday after weeks of protest in Cairo.")]
    events += [report(f"b{i}", DAY + timedelta(days=3), f"Talks on the constitution opened, report {i}.")
               for i in range(2)]
    events += [report("c", DAY - timedelta(days=5), f"Another day in the life of the square {i}.", at=1000 * i)
               for i in range(5)]
    keys = key_dates(events, 1, 1)
    assert [k.date for k in keys] == [DAY + timedelta(days=3)]
    assert keys[0].articles == 2


def test_reports_after_the_fact_weigh_more_than_previews():
    later = DAY + timedelta(days=4)
    events = [report("p1", DAY, "Leaders will meet on Friday in Geneva for talks.", published=DAY - timedelta(days=2)),
              report("p2", DAY, "The Geneva talks are due to open on Friday.", published=DAY - timedelta(days=1)),
              report("r1", later, "The army took control of the square on Tuesday morning.", published=later + timedelta(days=3)),
              report("r2", later, "Troops took control of the square on Tuesday, witnesses said.", published=later + timedelta(days=9))]
    assert [k.date for k in key_dates(events, 1, 1)] == [later]
    neutral = SETTINGS.replace(keydates_after_weight=0.0)
    assert len(key_dates(events, 2, 1, settings=neutral)) == 2


def test_articles_of_one_source_count_once():
    other = DAY + timedelta(days=1)
    events = [report(f"w{i}", DAY, f"The wire reported the vote on Friday, take {i}.", source="Wire") for i in range(3)]
    events += [report("x", other, "The parliament voted on Saturday to dissolve.", source="Post"),
               report("y", other, "Parliament was dissolved on Saturday by vote.", source="Herald")]
    keys = key_dates(events, 2, 1)
    assert {k.date: k.articles for k in keys} == {DAY: 1, other: 2}
    assert key_dates(events, 1, 1)[0].date == other


def test_only_days_in_the_range_and_in_date_order():
    events = [report(f"a{i}", DAY + timedelta(days=i), f"Something happened on day number {i} here.")
              for i in range(5)]
    events.append(report("m", date(2011, 2, 1), "In February the protests grew.", granularity="month", days=28))
    keys = key_dates(events, 10, 1, start=DAY + timedelta(days=1), end=DAY + timedelta(days=3))
    assert [k.date for k in keys] == [DAY + timedelta(days=i) for i in (1, 2, 3)]
    assert day_of(events[-1]) is None


def test_sentences_shared_by_the_reports_win_and_repeats_are_skipped():
    events = [
        report("a", DAY, "Mubarak resigned as president on Friday and handed power to the army."),
        report("b", DAY, "Mubarak resigned as president on Friday, handing power to the army."),
        report("c", DAY, "Crowds in Tahrir Square celebrated after Mubarak resigned on Friday."),
        report("d", DAY, "It rained on Friday."),
    ]
    keys = key_dates(events, 1, 2)
    chosen = keys[0].sentences
    assert len(chosen) == 2
    assert chosen[0].startswith("Mubarak resigned")
    assert chosen[1].startswith("Crowds")           # the near-repeat of the first is skipped
    assert keys[0].to_json() == {"date": "2011-02-11", "sentences": list(chosen)}
    assert key_dates(events, 1, 0)[0].sentences == ()


def _busy_and_quiet():
    """A busy fortnight (days of 4 and 6 articles) and, two months on, a quiet day of 2."""
    events = []
    for offset, n in enumerate((4, 4, 6, 4, 4)):
        day = DAY + timedelta(days=offset)
        events += [report(f"busy{offset}-{i}", day, f"Clashes went on in the capital, report {i}.")
                   for i in range(n)]
    quiet = DAY + timedelta(days=60)
    events += [report(f"quiet{i}", quiet, f"The parliament was dissolved on that day, report {i}.")
               for i in range(2)]
    return events, quiet


def test_a_quiet_months_key_day_competes_with_its_own_weeks():
    events, quiet = _busy_and_quiet()
    assert [k.date for k in key_dates(events, 2, 1)] == [DAY + timedelta(days=2), quiet]
    plain = SETTINGS.replace(keydates_window_days=0)   # reports alone: the busy fortnight wins
    assert [k.date for k in key_dates(events, 2, 1, settings=plain)] == \
        [DAY, DAY + timedelta(days=2)]


def test_a_day_one_article_mentions_comes_after_the_days_several_report():
    events, quiet = _busy_and_quiet()
    lone = DAY + timedelta(days=200)
    events.append(report("anniversary", lone, "The coup took place on that day long ago.",
                         published=lone + timedelta(days=3000)))
    assert lone not in [k.date for k in key_dates(events, 6, 1)]
    assert lone in [k.date for k in key_dates(events, 7, 1)]     # it still fills the list
    anyone = SETTINGS.replace(keydates_min_reports=1)
    assert lone in [k.date for k in key_dates(events, 1, 1, settings=anyone)]


def test_a_list_mark_before_a_sentence_is_not_shown():
    events = [report(a, DAY, f"{mark}Talks on the river opened on Friday in Cotonou.")
              for a, mark in (("a", "- "), ("b", "\u2022 "), ("c", "3. "))]
    assert key_dates(events, 1, 3)[0].sentences == (
        "Talks on the river opened on Friday in Cotonou.",)
    assert key_dates([report("d", DAY, "2011 was the year. It began on Friday.")], 1, 1)[0].sentences[0].startswith("2011")


def test_page_furniture_glued_before_a_sentence_is_not_shown():
    glued = ("Syria forces fire on mosque DERAA, Syria | Wed Mar 23, 2011 7:03 pm EDT DERAA, Syria "
             "(Reuters) - Syrian forces killed six people on Wednesday in an attack on a mosque.")
    events = [report("a", DAY, glued),
              report("b", DAY, "Syrian forces killed six people on Wednesday in an attack on a mosque."),
              report("c", DAY, "Posted by Greg Howson at 01:12 PM | Comments (10)")]
    assert key_dates(events, 1, 3)[0].sentences == (
        "Syrian forces killed six people on Wednesday in an attack on a mosque.",)


def test_a_sentence_dating_two_chosen_days_is_shown_at_the_better_one_only():
    both = "Talks opened on Friday in Geneva and ended on Sunday without a deal."
    other = DAY + timedelta(days=2)
    events = [report(a, DAY, both) for a in "abcd"]                 # four articles date Friday
    events += [report(a, other, both) for a in "ab"]                # two of them date Sunday too
    events.append(report("e", other, "Weary delegates flew home that evening by train."))
    keys = key_dates(events, 2, 1)
    assert [k.date for k in keys] == [DAY, other]
    assert keys[0].sentences == (both,)
    assert keys[1].sentences == ("Weary delegates flew home that evening by train.",)
    alone = key_dates([e for e in events if e.article_id != "e"], 2, 1)
    assert alone[1].sentences == (both,)        # a repeat only when the day has nothing else
