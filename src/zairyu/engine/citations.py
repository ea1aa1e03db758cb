"""Citations: every rule names where it comes from, and how sure we are of that source."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlparse

from zairyu.engine.text import Text


class SourceKind(StrEnum):
    OFFICIAL = "official"  # statute, ministry notice or page, court judgment
    SECONDARY = "secondary"  # practitioners, news, encyclopaedias quoting the official source
    UNCONFIRMED = "unconfirmed"  # reported but not verified: never encoded as settled law


# Caches and mirrors copy official pages; a citation must point at the publisher itself.
MIRROR_HOST_MARKERS = (
    "cache.yimg.jp",
    "owiki.org",
    "askwikinow",
    "clateway",
    "webcache",
    "40.74.",
    "psf.lt",
    "am-consulting.co.jp",
    "web.archive.org",
    "weblio.jp",
    "iuris.jp",
    "expydoc.com",
    "fdocument.pub",
    "hatenablog-parts.com",
)


@dataclass(frozen=True, slots=True)
class Citation:
    id: str
    title: Text
    section: Text
    url: str
    kind: SourceKind

    def __post_init__(self) -> None:
        parsed = urlparse(self.url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ValueError(f"citation {self.id}: not a URL: {self.url!r}")
        if any(marker in parsed.netloc for marker in MIRROR_HOST_MARKERS):
            raise ValueError(f"citation {self.id}: cite the publisher, not a mirror: {self.url}")
