"""The `timeline` command. Sub-commands live in their own modules and are imported
only when called, so `timeline --help` stays fast (no spaCy import)."""
from __future__ import annotations

import importlib

import click

# name -> "module:attribute" of a click command
COMMANDS = {
    "timex": "timeline.cli.timex:timex",
    "eval": "timeline.cli.evaluate:eval_command",
    "events": "timeline.cli.events:events",
    "ingest": "timeline.cli.store:ingest",
    "export": "timeline.cli.store:export",
    "articles": "timeline.cli.store:articles",
    "group": "timeline.cli.groups:group",
    "serve": "timeline.cli.serve:serve",
    "model": "timeline.cli.model:model",
    "bench": "timeline.cli.bench:bench",
    "key-dates": "timeline.cli.story:key_dates",
    "tls-eval": "timeline.cli.story:tls_eval",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup)
@click.version_option(package_name="timeline-builder")
def main():
    """Build a timeline of events from news articles."""


if __name__ == "__main__":
    main()
