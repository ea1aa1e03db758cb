"""A limit on the size of a request's body, as plain ASGI middleware (like `headers.py`).

Without it a multi-megabyte POST to ``/api/v1/screen`` or to a form page is read whole into
memory before anything can refuse it. A request whose ``Content-Length`` is over the limit is
answered 413 before the app sees it. A body without a length (``Transfer-Encoding: chunked``)
is counted as it arrives: the moment it passes the limit the client gets 413 and nothing more
is read; the app, which was reading it, is told that the client left, and whatever it answers
then is dropped.

No route of the app takes file uploads, so one limit serves every route.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zairyu.engine.facts import FactValueError
from zairyu.engine.text import Lang
from zairyu.i18n import translations

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
ENVIRONMENT_VARIABLE = "ZAIRYU_MAX_BODY_BYTES"


def max_body_bytes(value: str | None) -> int:
    """The limit set by `ENVIRONMENT_VARIABLE` (`value`), or the default when it is unset."""
    if value is None or not value.strip():
        return DEFAULT_MAX_BODY_BYTES
    text = value.strip()
    if not text.isdecimal() or int(text) < 1:
        # The error `zairyu serve` reports (exit 2) for a bad setting, as for ZAIRYU_AS_OF.
        raise FactValueError(
            ENVIRONMENT_VARIABLE,
            value,
            f"is not a number of bytes (a whole number, at least 1; by default"
            f" {DEFAULT_MAX_BODY_BYTES})",
        )
    return int(text)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            # A malformed length is the HTTP server's to refuse; it never reaches the app.
            return int(value) if value.isdigit() else None
    return None


class BodyLimit:
    def __init__(self, app: ASGIApp, limit: int, choose_lang: Callable[[Request], Lang]) -> None:
        self.app = app
        self.limit = limit
        self.choose_lang = choose_lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, send)
            return
        received = 0
        refused = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    refused = True
                    if not response_started:
                        await self._refuse(scope, send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if refused:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            # An app cut off in the middle of a body may fail in any way (a form parser, a
            # disconnected client); the client already has its 413, so that is not an error.
            if not refused:
                raise

    async def _refuse(self, scope: Scope, send: Send) -> None:
        _ = translations(self.choose_lang(Request(scope))).gettext
        message = _(
            "The request is too large: this server accepts at most {limit:,} bytes in a request."
        ).format(limit=self.limit)
        if str(scope["path"]).startswith("/api/"):
            body = json.dumps({"detail": message}, ensure_ascii=False).encode()
            content_type = b"application/json"
        else:
            body = message.encode()
            content_type = b"text/plain; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(body)).encode()),
                    # The rest of the body is never read, so the connection cannot be reused.
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
