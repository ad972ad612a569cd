"""Every option of every command says what it does in --help."""
import click

from timeline.cli import main


def options_without_help() -> list[str]:
    ctx = click.Context(main)
    found, todo = [], [([], main)]
    while todo:
        path, command = todo.pop()
        if isinstance(command, click.Group):
            todo += [(path + [name], command.get_command(ctx, name)) for name in command.list_commands(ctx)]
            continue
        found += [f"{' '.join(path)} {p.opts[0]}" for p in command.params
                  if isinstance(p, click.Option) and not (p.help or "").strip()]
    return found


def test_every_option_has_help():
    assert options_without_help() == []
