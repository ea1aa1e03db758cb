"""The public address of the service (``ZAIRYU_PUBLIC_URL``), which the app writes into what
outlives a request: the certificate PDF's QR code and its printed verification address.

It is configured, never taken from the request: the ``Host`` header is the client's to choose
(or a reverse proxy's own address), and a paper certificate that sends the people who scan it to
another site for years cannot be recalled. Checked once at start-up, so that ``zairyu serve``
refuses a bad value (exit 2) instead of printing certificates with it.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from zairyu.engine.facts import FactValueError

ENVIRONMENT_VARIABLE = "ZAIRYU_PUBLIC_URL"
EXAMPLE = "https://partnership.example.lg.jp"


def parse_public_url(value: str | None, name: str = ENVIRONMENT_VARIABLE) -> str | None:
    """The address in `value`, normalised (lower-case scheme and host, no trailing slash), or
    None when it is unset; `FactValueError` naming `name` for anything that is not an http(s)
    address of a host without user, query or fragment."""
    if value is None or not value.strip():
        return None
    text = value.strip()

    def refuse(reason: str) -> FactValueError:
        return FactValueError(name, value, f"{reason} (for example {EXAMPLE})")

    if any(character.isspace() or not character.isprintable() for character in text):
        raise refuse("contains a space or a control character")
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        raise refuse("is not an http:// or https:// address")
    if not parts.hostname:
        raise refuse("names no host")
    if parts.username is not None or parts.password is not None:
        # A user name before the host is the classic way to make an address look like another.
        raise refuse("has a user name or password before the host")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise refuse("has a query (?) or a fragment (#); give the address the site starts at")
    try:
        port = parts.port
    except ValueError:
        raise refuse("has a port that is not a number from 0 to 65535") from None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address, whose brackets `hostname` took off
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path.rstrip("/"), "", ""))
