"""Country codes: ISO 3166-1 alpha-2, plus the subdivisions whose marriage law differs.

Names come from pycountry (ISO 3166 and its Japanese translation), with the common short names
where ISO's formal name is not what people use.
"""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from zairyu.engine.facts import CodeSet
from zairyu.engine.text import Text

# The United Kingdom's jurisdictions legalised same-sex marriage on different days, so a British
# national's national law can depend on which part of the UK they belong to.
SUBDIVISIONS: dict[str, Text] = {
    "GB-EAW": Text("英国（イングランド及びウェールズ）", "United Kingdom: England and Wales"),
    "GB-SCT": Text("英国（スコットランド）", "United Kingdom: Scotland"),
    "GB-NIR": Text("英国（北アイルランド）", "United Kingdom: Northern Ireland"),
}
SUBDIVISION_ALIASES = {
    "GB-ENG": "GB-EAW",
    "GB-WLS": "GB-EAW",
    "UK": "GB",
    "XXA": "XX",
    "STATELESS": "XX",
}

NAME_OVERRIDES: dict[str, Text] = {
    "TW": Text("台湾", "Taiwan"),
    "XK": Text("コソボ", "Kosovo"),  # user-assigned code, used by many states for Kosovo
    # No nationality at all: a stateless person is a foreign national (Immigration Act Art. 2(ii)).
    # XX is a user-assigned code; ICAO travel documents write stateless as XXA.
    "XX": Text("無国籍", "Stateless"),
}


@cache
def country_codes() -> CodeSet:
    japanese = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    names: dict[str, Text] = {}
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        names[country.alpha_2] = Text(japanese.gettext(country.name), english)
    names.update(NAME_OVERRIDES)
    names.update(SUBDIVISIONS)
    parents = {code: code.split("-")[0] for code in SUBDIVISIONS}
    return CodeSet("country", names, SUBDIVISION_ALIASES, parents)
