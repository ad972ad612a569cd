"""What the dashboard's server checks on every request, before any view or Dash callback runs.

- Allowed hosts: the ``Host`` of every request, and the ``Origin`` of every write (POST, PUT,
  PATCH, DELETE: the REST API and every Dash callback), must be one of the allowed origins,
  compared on scheme, host and port. A DNS-rebinding page (its own name resolving to
  127.0.0.1, so ``Host`` and ``Origin`` agree with each other) is refused, and so is an
  ``https`` origin against an ``http`` server. Default: the loopback names on any port.
- A request cap: a ``Content-Length`` over the cap is refused before the body is read, and a
  body without one is cut at the cap while it is streamed (Flask's MAX_CONTENT_LENGTH).
- Strict JSON bodies: nesting deeper than ``settings.max_json_depth`` and lone surrogates are
  a 400 with the reason, never a RecursionError or UnicodeEncodeError further on.
- Errors from Flask and Werkzeug (400, 403, 404, 405, 413) under /api and Dash's routes are
  JSON ``{"error": reason}``.
- Safe headers on every answer: no framing (X-Frame-Options and CSP frame-ancestors), no
  MIME sniffing, no referrer sent to other sites.
"""
from __future__ import annotations

import re
from typing import Iterable, NamedTuple
from urllib.parse import urlsplit

from flask import Flask, Request, jsonify, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest, HTTPException

from timeline.settings import SETTINGS, Settings

LOOPBACK = ("localhost", "127.0.0.1", "::1")
DEFAULT_PORTS = {"http": 80, "https": 443}
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


class Origin(NamedTuple):
    """scheme://host:port; ``port`` None matches any port (the loopback default)."""
    scheme: str
    host: str
    port: int | None

    def admits(self, other: "Origin") -> bool:
        return (self.scheme == other.scheme and self.host == other.host
                and (self.port is None or self.port == other.port))

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if self.port is None else f":{self.port}")


def parse_origin(text: str, default_scheme: str = "http") -> Origin:
    """``https://example.org``, ``example.org:8050`` or ``[::1]:8050`` as an Origin.
    ValueError for anything else (a path, user info, a port out of range, "null")."""
    raw = text.strip()
    parts = urlsplit(raw if "://" in raw else f"{default_scheme}://{raw}")
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"bad port in {text!r}") from None
    if (parts.scheme not in DEFAULT_PORTS or not parts.hostname or parts.username
            or parts.password or parts.path not in ("", "/") or parts.query or parts.fragment):
        raise ValueError(f"{text!r} is not an origin (scheme://host[:port])")
    return Origin(parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme])


def default_allowed(host: str, port: int) -> list[Origin]:
    """The origins a server bound to ``host:port`` answers by default: that address, and the
    loopback names when it is a loopback address (a browser may say localhost or 127.0.0.1)."""
    names = LOOPBACK if host in LOOPBACK else (host,)
    return [Origin("http", name, port) for name in names]


def allowed_origins(entries: Iterable[str] | None) -> list[Origin]:
    """The allowed list from ``--allowed-host`` values; None: the loopback names, any port."""
    if entries is None:
        return [Origin("http", name, None) for name in LOOPBACK]
    return [parse_origin(e) for e in entries]


def request_cap(max_files: int, max_bytes: int) -> int:
    """The largest request body: ``max_files`` files of ``max_bytes`` each, as the page sends
    them (base64 data URLs, 4/3 of the size) plus 64 KiB for names and the callback around."""
    return max_files * (-(-max_bytes // 3) * 4 + 1024) + 64 * 1024


class StrictJSON(DefaultJSONProvider):
    """Flask's JSON, refusing (ValueError, which Flask turns into a 400) bodies nested deeper
    than ``max_depth`` or holding a lone surrogate (text that cannot be stored as UTF-8)."""

    def __init__(self, app: Flask, max_depth: int):
        super().__init__(app)
        self.max_depth = max_depth

    def loads(self, s, **kwargs):
        try:
            value = super().loads(s, **kwargs)
        except RecursionError:
            raise ValueError(f"JSON nested deeper than {self.max_depth} levels") from None
        raw = s.encode("utf-8", "surrogatepass") if isinstance(s, str) else s
        check_json(value, self.max_depth, strings=bool(_SURROGATE_ESCAPE.search(raw)))
        return value


class StrictRequest(Request):
    """Says why a JSON body was refused (Flask hides the reason outside debug mode)."""

    def on_json_loading_failed(self, e: ValueError | None):
        raise BadRequest(f"the JSON body could not be read: {e}")


def check_json(value, max_depth: int, strings: bool = True) -> None:
    """ValueError when ``value`` nests deeper than ``max_depth`` or (``strings``) holds a string
    with a lone surrogate. Iterative, so any depth is checked without recursion."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > max_depth:
                raise ValueError(f"JSON nested deeper than {max_depth} levels")
            if isinstance(item, dict):
                stack.extend((key, depth) for key in item)
                item = item.values()
            stack.extend((child, depth + 1) for child in item)
        elif strings and isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"text with a lone surrogate (U+{ord(item[exc.start]):04X}) "
                                 f"at character {exc.start}") from None


def json_routes(path: str) -> bool:
    return path.startswith(("/api/", "/_dash-"))


def install(server: Flask, *, allowed: list[Origin], max_request_bytes: int,
            settings: Settings = SETTINGS) -> None:
    """Put the checks of this module on ``server`` (the Flask app under Dash)."""
    server.json = StrictJSON(server, settings.max_json_depth)
    server.request_class = StrictRequest
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes

    def refuse(message: str, status: int):
        return jsonify({"error": message}), status

    @server.before_request
    def check_request():
        scheme = request.scheme
        try:
            host = parse_origin(request.host, scheme)
        except ValueError:
            return refuse(f"bad Host header {request.host!r}", 400)
        if not any(a.admits(host) for a in allowed):
            return refuse(f"host {request.host!r} is not allowed here (the server answers "
                          f"{', '.join(map(str, allowed))}; see --allowed-host)", 400)
        if request.method not in SAFE_METHODS:
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                return refuse("cross-site requests are refused", 403)
            origin = request.headers.get("Origin")
            if origin is not None:
                try:
                    parsed = parse_origin(origin) if "://" in origin else None
                except ValueError:
                    parsed = None
                if parsed is None or not any(a.admits(parsed) for a in allowed):
                    return refuse(f"cross-origin requests are refused (Origin {origin!r})", 403)
        length = request.content_length
        if length is not None and length > max_request_bytes:
            return refuse(f"request too large: {length:,} bytes; the limit is "
                          f"{max_request_bytes:,}", 413)
        return None

    @server.after_request
    def safe_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @server.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if not json_routes(request.path):
            return exc
        message = exc.description or exc.name
        if exc.code == 413:
            message = f"request too large; the limit is {max_request_bytes:,} bytes"
        return refuse(message, exc.code or 400)
