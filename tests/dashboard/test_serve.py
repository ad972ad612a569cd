import dash
from click.testing import CliRunner

from timeline.cli import main


def test_serve_defaults_to_localhost_without_debug(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8050, "debug": False}]
    assert "http://127.0.0.1:8050/" in result.output


def test_serve_options_are_passed(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(dash.Dash, "run", lambda self, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "s.db"), "--host",
                                       "0.0.0.0", "--port", "8123", "--debug"])
    assert result.exit_code == 0 and calls == [{"host": "0.0.0.0", "port": 8123, "debug": True}]


def test_serve_names_a_store_it_cannot_open(tmp_path):
    (tmp_path / "notadb.db").write_text("this is not sqlite " * 100)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "notadb.db")])
    assert result.exit_code != 0 and "notadb.db" in result.output
    assert "Traceback" not in result.output


def test_readme_documents_every_serve_option():
    from pathlib import Path

    from timeline.cli.serve import serve

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for param in serve.params:
        assert f"--{param.name}" in readme, param.name
