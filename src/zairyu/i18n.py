"""Interface wording in Japanese and English through gettext catalogs (Babel).

The message ids are the English text; `locales/ja/LC_MESSAGES/zairyu.po` holds the Japanese. The
catalog is compiled in memory when first used, so the repository carries only the reviewable
`.po` file. Rule texts are not here: they are bilingual data next to the rule they belong to.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from zairyu.engine.text import Lang

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "zairyu"


@cache
def translations(lang: Lang) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    with (LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
