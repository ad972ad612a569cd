from datetime import date

import pytest

from timeline.story.tls import (PRF, Score, TlsError, alignment_rouge, average, date_prf, detokenise,
                                find_topics, ptb_tokenise, read_timeline, read_topic, score_timeline,
                                task_of)

D1, D2, D3 = date(2011, 2, 1), date(2011, 2, 2), date(2011, 2, 3)


def test_read_timeline_in_tilse_format(tmp_path):
    path = tmp_path / "tl.txt"
    path.write_text("2011-02-01\nArmy takes control .\nCurfew extended .\n-----\n"
                    "2011-02-03\nMubarak resigns .\n--------------------------------\n")
    assert read_timeline(path) == {D1: ["Army takes control .", "Curfew extended ."],
                                   D3: ["Mubarak resigns ."]}


def test_bad_timeline_names_the_line(tmp_path):
    path = tmp_path / "tl.txt"
    path.write_text("first of February\nArmy takes control .\n")
    with pytest.raises(TlsError, match=r"tl.txt:1: expected a YYYY-MM-DD"):
        read_timeline(path)


def test_topic_folder(tmp_path):
    topic = tmp_path / "egypt"
    (topic / "timelines").mkdir(parents=True)
    (topic / "articles.csv").write_text('date,text\n2011-02-01,"Army takes control .\nMore ."\n')
    (topic / "timelines" / "tl1.txt").write_text("2011-02-01\nArmy takes control .\n-----\n")
    assert find_topics(tmp_path) == [topic] and find_topics(topic) == [topic]
    read = read_topic(topic)
    assert read.articles == [(D1, "Army takes control .\nMore .")]
    assert list(read.timelines) == ["tl1"]
    with pytest.raises(TlsError, match="neither a topic folder"):
        find_topics(topic / "timelines")


def test_task_is_dates_sentences_and_range():
    task = task_of({D1: ["a", "b"], D3: ["c", "d", "e"]})
    assert (task.start, task.end, task.dates, task.sentences) == (D1, D3, 2, 2)


def test_date_prf():
    assert date_prf([D1, D2], [D1, D3]) == PRF(0.5, 0.5)
    assert date_prf([], [D1]).f1 == 0.0


def test_alignment_weights_a_near_miss_by_distance():
    gold = {D1: ["Army takes control"], D3: ["Mubarak resigns"]}
    pred = {D1: ["Army takes control"], D2: ["Mubarak resigns"]}
    r1, r2 = alignment_rouge(pred, gold)
    # D1 matches exactly (3 unigrams); D2 is aligned to D3 by content, its 2 hits count 1/2
    assert r1.precision == pytest.approx(4 / 5) and r1.recall == pytest.approx(4 / 5)
    assert r2.precision == pytest.approx(2.5 / 3) and r2.recall == pytest.approx(2.5 / 3)


def test_dates_outside_the_gold_range_are_dropped():
    gold = {D1: ["Army takes control"], D3: ["Mubarak resigns"]}
    pred = {date(2011, 1, 1): ["Army takes control"], D3: ["Mubarak resigns"]}
    score = score_timeline(pred, gold)
    assert score.dates == PRF(1.0, 0.5)
    assert score.rouge1.precision == pytest.approx(1.0)


def test_average_combines_mean_precision_and_recall():
    a = Score(PRF(1.0, 0.0), PRF(), PRF())
    b = Score(PRF(0.0, 1.0), PRF(), PRF())
    assert average([a, b]).dates.f1 == pytest.approx(0.5)


def test_ptb_round_trip():
    text = "Egypt 's army -LRB- the SCAF -RRB- said `` no '' ; it does n't 1\\/2 ."
    plain = detokenise(text)
    assert plain == "Egypt's army (the SCAF) said \"no\"; it doesn't 1/2."
    assert ptb_tokenise("Egypt's army (the SCAF) doesn't stop.") == \
        "Egypt 's army ( the SCAF ) does n't stop ."
