"""`timeline key-dates` and `timeline tls-eval`: the story of a collection and its score.

    timeline key-dates --db DB --dates N --sentences K [--start YYYY-MM-DD] [--end YYYY-MM-DD] --json
        # [{"date": "YYYY-MM-DD", "sentences": ["...", ...]}, ...] in date order (stable interface)
    timeline tls-eval FOLDER [--stores DIR] [--baseline] [--json]
        # date F1 and alignment ROUGE-1/-2 F1 of the key dates on Timeline17-style topics
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from timeline.cli.store import DATE, DB_HELP, open_store
from timeline.plain_dates import plural


@click.command("key-dates")
@click.option("--db", help=DB_HELP)
@click.option("--dates", "n_dates", type=click.IntRange(min=1), required=True,
              help="How many days to give (the N most important in the range).")
@click.option("--sentences", "n_sentences", type=click.IntRange(min=0), required=True,
              help="Sentences per day, taken from the articles (0: the days alone).")
@click.option("--start", type=DATE, help="First day of the range.")
@click.option("--end", type=DATE, help="Last day of the range.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: [{date, sentences}] in date order.")
def key_dates(db, n_dates, n_sentences, start, end, as_json):
    """The most important days of the stored collection, with sentences from the articles.

    A day ranks by the independent articles (one per source when sources are known) that place
    something on it; reports published after the day weigh more.
    """
    from timeline.story.service import store_key_dates

    if start and end and start > end:
        raise click.BadParameter(f"--start {start} is after --end {end}")
    store = open_store(db, must_exist=True)
    try:
        result = store_key_dates(store, n_dates, n_sentences, start, end)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([k.to_json() for k in result], ensure_ascii=False))
        return
    for key in result:
        click.echo(f"{key.date.isoformat()}  ({plural(key.articles, 'article')})")
        for sentence in key.sentences:
            click.echo(f"    {sentence}")


@click.command("tls-eval")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--stores", type=click.Path(file_okay=False, path_type=Path),
              help="Keep each topic's analysed articles in DIR/<topic>.db and reuse them "
                   "[default: a temporary folder, removed afterwards].")
@click.option("--baseline", is_flag=True,
              help="Rank days by the plain number of articles mentioning them (the peer).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes analysing articles in parallel.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def tls_eval(folder, stores, baseline, workers, as_json):
    """Score the key dates on Timeline17-style topics under FOLDER (the news-tls protocol).

    FOLDER is a topic (articles.csv, timelines/*.txt) or a folder of topics. For each gold
    timeline the key dates get its number of dates and sentences per date and the articles
    published in its range; the table gives date F1 and alignment ROUGE-1/-2 F1 (align+ m:1),
    precision and recall averaged over timelines first.
    """
    import tempfile

    from timeline.story.tls import TlsError, find_topics

    try:
        topics = find_topics(folder)
    except (TlsError, OSError) as err:
        raise click.ClickException(str(err)) from None
    started = time.perf_counter()
    if stores is None:
        with tempfile.TemporaryDirectory(prefix="tls-eval-") as tmp:
            report = _evaluate(topics, Path(tmp), baseline, workers)
    else:
        report = _evaluate(topics, stores, baseline, workers)
    seconds = time.perf_counter() - started
    if as_json:
        click.echo(json.dumps({**report.to_json(), "seconds": round(seconds, 1)}, indent=2))
        return
    click.echo(report.table())
    click.echo(f"{'baseline: articles per day' if baseline else 'key dates'}; "
               f"{seconds:.1f} s")


def _evaluate(topics, stores: Path, baseline: bool, workers: int):
    from timeline.settings import SETTINGS
    from timeline.story.collection import topic_store
    from timeline.story.service import store_key_dates
    from timeline.story.tls import Report, TlsError, ptb_tokenise, read_topic, score_timeline, task_of

    settings = SETTINGS
    if baseline:
        settings = SETTINGS.replace(keydates_after_weight=0.0, keydates_window_days=0,
                                    keydates_min_reports=1)
    report = Report()
    for path in topics:
        try:
            topic = read_topic(path)
        except (TlsError, OSError) as err:
            raise click.ClickException(str(err)) from None
        click.echo(f"{topic.name}: {plural(len(topic.articles), 'article')}, "
                   f"{plural(len(topic.timelines), 'timeline')}", err=True)
        store = topic_store(topic, stores, workers=workers, progress=sys.stderr.isatty())
        try:
            for name, gold in sorted(topic.timelines.items()):
                task = task_of(gold)
                keys = store_key_dates(store, task.dates, task.sentences, task.start, task.end,
                                       published=(task.start, task.end), settings=settings)
                predicted = {k.date: [ptb_tokenise(s) for s in k.sentences] for k in keys}
                report.add(topic.name, name, score_timeline(predicted, gold))
        finally:
            store.close()
    return report
