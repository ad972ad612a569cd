"""benchmarks/worker_cpu.py runs each malloc setting in its own process; every setting gives the
same results."""
from benchmarks.worker_cpu import main


def test_each_setting_tags_the_same_articles_alike(capsys):
    assert main(["--articles", "4", "--rounds", "1", "--timeout", "300"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines()
             if line.startswith("| ") and not line.startswith(("| malloc", "| ---"))]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines]
    assert [c[0] for c in cells] == ["dask", "glibc", "ours"]
    assert len({c[-1] for c in cells}) == 1 and float(cells[0][1]) > 0  # one digest for all

