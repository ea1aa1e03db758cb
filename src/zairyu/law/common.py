"""Rules several pathways read: who is Japanese, who is legally a spouse of whom; and the
requirement and alternatives that several pathways state in the same words on the same source.

"Spouse" in the family statuses (Spouse or Child of Japanese National, Spouse or Child of
Permanent Resident, Dependent) means a spouse in a marriage valid under Japanese law, which does
not provide for same-sex marriage: a same-sex spouse is never a "spouse" in these rules.
"""

from __future__ import annotations

from zairyu.engine.expr import Rule, all_of, any_of, eq, is_in, lift, not_
from zairyu.engine.facts import Fact
from zairyu.engine.pathway import Alternative, Deadline, Effect, Requirement
from zairyu.engine.text import Text
from zairyu.law import sources as src
from zairyu.law.facts import (
    APPLICANT_HAS_OTHER_NATIONALITY,
    APPLICANT_NATIONALITY,
    APPLICANT_OTHER_NATIONALITY,
    APPLICANT_STAY_EXPIRES,
    HAS_PARTNER,
    MARRIAGE,
    PARTNER_HAS_OTHER_NATIONALITY,
    PARTNER_NATIONALITY,
    PARTNER_OTHER_NATIONALITY,
    PARTNER_STATUS,
    RELATIONSHIP_KIND,
    SAME_SEX,
)

T = Text

_WHO_JA = {"applicant": "申請者", "partner": "配偶者"}
_WHO_EN = {"applicant": "The applicant", "partner": "The partner"}


def _is_japanese(who: str, main: Fact, has_other: Fact, other: Fact) -> Rule:
    return Rule(
        id=f"{who}.japanese_national",
        text=T(f"{_WHO_JA[who]}は日本国籍を有する", f"{_WHO_EN[who]} holds Japanese nationality"),
        expr=any_of(eq(main, "JP"), all_of(has_other, eq(other, "JP"))),
        citations=(src.ACT_ART_2_FOREIGN_NATIONAL, src.GENERAL_RULES_ART_38),
    )


APPLICANT_JAPANESE = _is_japanese(
    "applicant", APPLICANT_NATIONALITY, APPLICANT_HAS_OTHER_NATIONALITY, APPLICANT_OTHER_NATIONALITY
)
PARTNER_JAPANESE = _is_japanese(
    "partner", PARTNER_NATIONALITY, PARTNER_HAS_OTHER_NATIONALITY, PARTNER_OTHER_NATIONALITY
)

APPLICANT_FOREIGN = Rule(
    id="applicant.foreign_national",
    text=T(
        "申請者は外国人（日本国籍を有しない者）である",
        "The applicant is a foreign national (does not hold Japanese nationality)",
    ),
    expr=not_(APPLICANT_JAPANESE),
    citations=(src.ACT_ART_2_FOREIGN_NATIONAL,),
)

NO_STATUS_FOR_JAPANESE = Alternative(
    T(
        "日本国民には在留資格は必要ありません。",
        "A Japanese national needs no status of residence.",
    ),
    (src.ACT_ART_2_FOREIGN_NATIONAL,),
)

# Pathways whose refusal of a Japanese applicant says no more than this share it; those with a
# pathway-specific reason (asylum, special permission) state their own.
APPLICANT_FOREIGN_REQUIRED = Requirement(
    APPLICANT_FOREIGN, Effect.REQUIRED, if_not_met=(NO_STATUS_FOR_JAPANESE,)
)

OWN_STATUS = Alternative(
    T(
        "ご自身の活動に基づく在留資格（就労・留学など）を取得する道があります。",
        "You may qualify for a status of your own (work, study and others).",
    ),
    (src.ACT_APPENDED_TABLES,),
)

# The court cases on a same-sex spouse of a Japanese national asking for Long-Term Resident.
LONG_TERM_RESIDENT_REFUSED = Alternative(
    T(
        "「定住者」への変更は東京高裁令和5年11月2日判決で認められず、最高裁が令和7年2月20日に上告を受理せず確定しました。",
        "A change to Long-Term Resident was refused by the Tokyo High Court on 2023-11-02, and the"
        " Supreme Court declined the appeal on 2025-02-20, so that refusal is final.",
    ),
    (src.TOKYO_HIGH_COURT_2023, src.SUPREME_COURT_2025),
)

# A change of status is applied for while the current period of stay runs (Art. 20).
APPLY_FOR_CHANGE_BEFORE_STAY_ENDS = Deadline(
    "apply_before_stay_ends",
    T(
        "現在の在留期間の満了日までに変更申請をする",
        "Apply for the change before your current period of stay ends",
    ),
    lift(APPLICANT_STAY_EXPIRES),
    (src.ACT_ART_20_CHANGE_OF_STATUS, src.ISA_CHANGE_OF_STATUS),
)


MARRIED_UNDER_JAPANESE_LAW = Rule(
    id="relationship.marriage_valid_in_japan",
    text=T(
        "日本法上有効な婚姻をしている（異性間の法律婚）",
        "Married, in a marriage valid under Japanese law (a legal marriage of a man and a woman)",
    ),
    expr=all_of(eq(HAS_PARTNER, True), eq(RELATIONSHIP_KIND, MARRIAGE), not_(SAME_SEX)),
    citations=(src.NOTICE_2013, src.GENERAL_RULES_ART_24),
)

PERMANENT_STATUSES = frozenset({"permanent_resident", "special_permanent_resident"})

SPOUSE_OF_JAPANESE = Rule(
    id="applicant.spouse_of_japanese",
    text=T("申請者は日本人の配偶者である", "The applicant is the spouse of a Japanese national"),
    expr=all_of(MARRIED_UNDER_JAPANESE_LAW, PARTNER_JAPANESE),
    citations=(src.ACT_APPENDED_TABLES,),
)

SPOUSE_OF_PERMANENT_RESIDENT = Rule(
    id="applicant.spouse_of_permanent_resident",
    text=T(
        "申請者は永住者又は特別永住者の配偶者である",
        "The applicant is the spouse of a Permanent Resident or Special Permanent Resident",
    ),
    expr=all_of(MARRIED_UNDER_JAPANESE_LAW, is_in(PARTNER_STATUS, PERMANENT_STATUSES)),
    citations=(src.ACT_APPENDED_TABLES,),
)

SPOUSE_OF_JAPANESE_OR_PERMANENT = Rule(
    id="applicant.spouse_of_japanese_or_permanent_resident",
    text=T(
        "申請者は日本人、永住者又は特別永住者の配偶者である",
        "The applicant is the spouse of a Japanese national, Permanent Resident or Special"
        " Permanent Resident",
    ),
    expr=any_of(SPOUSE_OF_JAPANESE, SPOUSE_OF_PERMANENT_RESIDENT),
    citations=(src.ACT_APPENDED_TABLES,),
)
