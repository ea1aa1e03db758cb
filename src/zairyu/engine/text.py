"""Bilingual text: every user-facing string of a rule exists in Japanese and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = ("ja", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence or phrase in both languages; `ja` first because Japanese is authoritative."""

    ja: str
    en: str

    def __post_init__(self) -> None:
        if not self.ja.strip() or not self.en.strip():
            raise ValueError(f"text must exist in both languages: {self!r}")

    def __call__(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en

    def format(self, **values: object) -> Text:
        return Text(self.ja.format(**values), self.en.format(**values))
