import json

import pytest
from click.testing import CliRunner

from benchmarks import harness, stages
from benchmarks.ingest_speed import varied_articles
from timeline.cli.bench import bench

ALL_PEERS = list(stages.PEERS)


def test_plan_runs_each_stage_only_up_to_its_size():
    specs = harness.plan([1000, 100_000], quick=False, peers=ALL_PEERS)
    tagged = {(s["tool"], s["size"]) for s in specs if s["stage"] == "tagging"}
    assert (stages.OURS, 100_000) in tagged and (stages.OURS, 1000) in tagged
    assert ("dateparser.search_dates", 1000) in tagged
    assert ("dateparser.search_dates", 100_000) not in tagged
    assert [s["size"] for s in specs if s["stage"] == "events"] == [1000]
    assert sorted(s["workers"] for s in specs if s["stage"] == "ingest") == [1, 2]
    assert [s["size"] for s in specs if s["stage"] == "store"] == [1000, 100_000]
    assert [s["tool"] for s in specs if s["stage"] == "timebank"] == [stages.OURS, *ALL_PEERS]
    assert [s for s in specs if s["stage"] == "timebank_events"] == [{"stage": "timebank_events"}]


def test_plan_leaves_out_peers_that_are_not_installed():
    specs = harness.plan([100], quick=True, peers=["dateparser.search_dates"])
    tools = {s.get("tool") for s in specs if s["stage"] in ("tagging", "timebank")}
    assert tools == {stages.OURS, "dateparser.search_dates"}
    assert all(s.get("limit") == 20 for s in specs if s["stage"] in ("timebank", "timebank_events"))


def row(stage, tool, size, kb, seconds, **extra):
    return harness.add_rates({"stage": stage, "tool": tool, "size": size, "items": size,
                              "kb": kb, "seconds": seconds, "peak_rss_mb": 50.0,
                              "children_peak_rss_mb": 0.0, **extra})


def test_rates_and_ratios_compare_the_same_input():
    results = [
        row("tagging", stages.OURS, 100, 200.0, 2.0),
        row("tagging", "dateparser.search_dates", 100, 200.0, 8.0),
        row("tagging", stages.OURS, 1000, 2000.0, 10.0),  # no peer at this size
        row("events", None, 100, 200.0, 16.0),
    ]
    results[-1].pop("tool")
    assert results[0]["kb_per_s"] == 100.0 and results[0]["items_per_s"] == 50.0
    harness.compare(results)
    assert results[0]["ratios"] == {"dateparser.search_dates": 4.0}
    assert results[2]["ratios"] == {}
    assert results[3]["ratios"] == {"dateparser.search_dates": 0.5}  # events vs tagging, same size
    goals = {g["target"]: g for g in harness.targets(results)}
    assert goals["tagging_vs_dateparser"]["value"] == 4.0 and goals["tagging_vs_dateparser"]["met"]
    assert goals["events_vs_dateparser"]["value"] == 0.5 and not goals["events_vs_dateparser"]["met"]
    assert "filter_ms" not in goals


def test_the_event_pipeline_on_timebank_is_compared_with_the_taggers_on_timebank():
    results = [row("timebank", stages.OURS, 183, 300.0, 1.0),
               row("timebank", "dateparser.search_dates", 183, 300.0, 3.0),
               row("timebank_events", None, 183, 300.0, 2.0)]
    for r in results:  # the TimeBank stages have no corpus size, only their document count
        r.pop("size")
    results[-1].pop("tool")
    harness.compare(results)
    assert results[2]["ratios"] == {"dateparser.search_dates": 1.5}
    goals = {g["target"]: g for g in harness.targets(results)}
    assert goals["events_vs_dateparser_timebank"]["value"] == 1.5 and goals["events_vs_dateparser_timebank"]["met"]
    assert "183 TempEval-3" in goals["events_vs_dateparser_timebank"]["note"]


def test_targets_for_ingest_and_store():
    results = [
        row("ingest", None, 1000, 1000.0, 100.0, workers=1),
        row("ingest", None, 1000, 1000.0, 50.0, workers=2, children_peak_rss_mb=400.0),
        {"stage": "store", "size": 100_000, "items": 100_000, "seconds": 30.0,
         "filter_ms": 350.0, "counts_per_month_ms": 20.0, "peak_rss_mb": 40.0},
    ]
    goals = {g["target"]: g for g in harness.targets(results)}
    assert goals["ingest_scaling_1_to_2"]["value"] == 2.0 and goals["ingest_scaling_1_to_2"]["met"]
    assert goals["ingest_10k_seconds"]["value"] == 500.0 and not goals["ingest_10k_seconds"]["met"]
    assert goals["ingest_peak_mb"]["value"] == 850.0
    assert not goals["filter_ms"]["met"] and goals["counts_per_month_ms"]["met"]


def test_table_shows_errors_and_rates():
    results = [row("tagging", stages.OURS, 100, 200.0, 2.0),
               {"stage": "tagging", "tool": "parsedatetime.nlp", "size": 100, "error": "exit 1: boom"}]
    text = harness.table(results)
    assert "| tagging | timeline.tag_time | 100 | 200 | 2.00 | 100.0 | 50.0 | 50 |" in text
    assert "exit 1: boom" in text


def test_child_stage_measures_the_generated_corpus():
    result = harness.add_rates(harness.run_child({"stage": "tagging", "tool": stages.OURS, "size": 15}))
    assert "error" not in result, result
    kb = sum(len(a.text.encode("utf-8")) for a in varied_articles(15)) / 1024
    assert result["items"] == 15 and result["kb"] == pytest.approx(kb)
    assert result["found"] > 15 and result["peak_rss_mb"] > 10
    assert result["kb_per_s"] == pytest.approx(kb / result["seconds"])


def test_child_errors_are_reported_not_raised():
    result = harness.run_child({"stage": "tagging", "tool": "no.such.tagger", "size": 1})
    assert result["error"].startswith("exit 1:") and "unknown tagger" in result["error"]


def test_store_stage_times_both_queries():
    result = stages.store(300, repeat=1)
    assert result["items"] == 300 and result["months"] > 1
    assert result["filter_ms"] >= 0 and result["counts_per_month_ms"] >= 0


def test_generated_corpus_is_distinct_at_scale():
    texts = [a.text for a in varied_articles(2000)]
    assert len(set(texts)) == 2000


def test_bench_command_refuses_bad_sizes(tmp_path):
    out = CliRunner().invoke(bench, ["--sizes", "10,x", "--json", str(tmp_path / "r.json")])
    assert out.exit_code == 2 and "--sizes must be whole numbers" in out.output
    assert not (tmp_path / "r.json").exists()


def test_report_is_written_as_json(tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "plan", lambda sizes, quick, peers: [
        {"stage": "tagging", "tool": stages.OURS, "size": 5}])
    out = tmp_path / "r.json"
    assert harness.main(["--sizes", "5", "--json", str(out)]) == 0
    report = json.loads(out.read_text())
    assert report["sizes"] == [5] and report["results"][0]["items"] == 5
    assert {"measured_at", "machine", "plan", "targets", "command", "revision"} <= set(report) and report["complete"]
    assert "| tagging | timeline.tag_time | 5 |" in out.with_suffix(".md").read_text()


def test_ingest_of_10k_articles_is_measured_when_the_run_has_it():
    results = [row("ingest", None, 1000, 1000.0, 10.0, workers=2),
               row("ingest", None, 10_000, 10_000.0, 120.0, workers=2)]
    goal = {g["target"]: g for g in harness.targets(results)}["ingest_10k_seconds"]
    assert goal["value"] == 120.0 and goal["note"] == "measured, 2 workers" and goal["met"]
