"""benchmarks/ingest_speed.py stores into SQLite by default and into a new PostgreSQL database
with --db; both runs store every generated article."""
from benchmarks.ingest_speed import main


def rows(out: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in out.splitlines() if line.startswith("| ingest")]


def test_runs_into_sqlite_and_postgresql(pg_url, capsys):
    assert main(["--articles", "3", "--checkpoints", "3", "--runs", "ingest:1",
                 "--timeout", "300"]) == 0
    assert main(["--articles", "3", "--checkpoints", "3", "--runs", "ingest:1",
                 "--timeout", "300", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert "store: SQLite" in out and "store: PostgreSQL" in out
    sqlite, postgres = rows(out)
    assert sqlite[1] == postgres[1] == "3"  # articles stored
    assert sqlite[2] == postgres[2] != "0"  # the same events
