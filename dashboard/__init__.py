"""The timeline dashboard (Dash): ``create_app(store)`` builds the app for an EventStore."""
from dashboard.app import create_app

__all__ = ["create_app"]
