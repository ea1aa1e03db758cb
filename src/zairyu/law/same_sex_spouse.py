"""Same-sex spouse of a foreign resident: Designated Activities (特定活動, not notified).

Basis: MOJ notice 法務省管在第5357号 of 2013-10-18. "Spouse" in the family statuses means a spouse
in a marriage valid under Japanese law, so a same-sex spouse is not a "spouse"; but a same-sex
spouse whose marriage was validly concluded in the home country, and who lives with and is
supported by a foreign national residing with a status of residence, is in principle allowed to
stay under Designated Activities. Practice reads "home country" as *each* partner's national law
(Act on General Rules Art. 24(1)). Anything short of that (a registered partnership, a marriage
valid under only one partner's law, a sponsor status outside the usual family-sponsor list) is
left to a case-by-case assessment, not refused: those are *standard* requirements.
"""

from __future__ import annotations

import datetime as dt

from zairyu.data import same_sex_marriage
from zairyu.data.statuses import NO_STATUS, SPECIAL_PERMANENT_RESIDENT, statuses
from zairyu.engine.expr import (
    Expr,
    Rule,
    all_of,
    any_of,
    eq,
    evaluation_date,
    exception,
    holds_in,
    is_in,
    lift,
    not_,
    unless,
)
from zairyu.engine.facts import Fact
from zairyu.engine.pathway import (
    Alternative,
    Document,
    Effect,
    Guidance,
    GuidanceItem,
    Pathway,
    Requirement,
    in_force_rule,
)
from zairyu.engine.text import Text
from zairyu.law import sources as src
from zairyu.law.common import (
    APPLICANT_JAPANESE,
    APPLY_FOR_CHANGE_BEFORE_STAY_ENDS,
    LONG_TERM_RESIDENT_REFUSED,
    NO_STATUS_FOR_JAPANESE,
    OWN_STATUS,
    PARTNER_JAPANESE,
)
from zairyu.law.facts import (
    APPLICANT_HAS_OTHER_NATIONALITY,
    APPLICANT_NATIONALITY,
    APPLICANT_OTHER_NATIONALITY,
    HAS_PARTNER,
    LIVING_TOGETHER,
    MARRIAGE,
    PARTNER_HAS_OTHER_NATIONALITY,
    PARTNER_NATIONALITY,
    PARTNER_OTHER_NATIONALITY,
    PARTNER_STATUS,
    REGISTERED_PARTNERSHIP,
    RELATIONSHIP_DATE,
    RELATIONSHIP_KIND,
    SAME_SEX,
    STATUSES,
    SUPPORTED,
)

T = Text
ID = "same_sex_spouse_designated_activities"
NOTICE_DATE = dt.date(2013, 10, 18)

MARRIAGE_LAW = same_sex_marriage.marriage_in_force()
PARTIAL_RECOGNITION = same_sex_marriage.partial_recognition()

DIPLOMATIC = frozenset({"diplomat", "official"})
FAMILY_SPONSOR_STATUSES = frozenset(
    {s.code for s in statuses() if s.dependent_sponsor or s.appended_table == "II"}
    | {SPECIAL_PERMANENT_RESIDENT}
)
HOLDS_A_STATUS = frozenset(STATUSES.names) - {NO_STATUS}


# --- Validity of the marriage under each partner's national law ------------------------------

_WHO_JA = {"applicant": "申請者", "partner": "配偶者"}
_WHO_EN = {"applicant": "The applicant", "partner": "The partner"}

_DUAL = T(
    "重国籍: 常居所又は最も密接な関係がある国の法が本国法となるため、両方の国籍国の法で有効であることが必要",
    "Dual nationality: the national law is that of habitual residence or closest connection, so"
    " the marriage must be valid under the law of both countries of nationality",
)


def _valid_under_national_law(who: str, main: Fact, has_other: Fact, other: Fact) -> Rule:
    on_marriage_date = holds_in(MARRIAGE_LAW, main, RELATIONSHIP_DATE)
    return Rule(
        id=f"{who}.marriage_valid_under_national_law",
        text=T(
            f"婚姻が成立した日に、{_WHO_JA[who]}の本国法が同性婚を認めていた",
            f"On the date of the marriage, {_WHO_EN[who].lower()}'s national law provided for same-sex marriage",
        ),
        expr=unless(
            on_marriage_date,
            exception(
                _DUAL,
                has_other,
                all_of(on_marriage_date, holds_in(MARRIAGE_LAW, other, RELATIONSHIP_DATE)),
                src.GENERAL_RULES_ART_38,
            ),
        ),
        citations=(src.GENERAL_RULES_ART_24, src.NOTICE_2013, same_sex_marriage.CITATION),
    )


def _recognised_in_part(who: str, main: Fact, has_other: Fact, other: Fact) -> Rule:
    def recognised(country: Fact | Expr) -> Expr:
        return any_of(
            holds_in(MARRIAGE_LAW, country, RELATIONSHIP_DATE),
            holds_in(MARRIAGE_LAW, country, evaluation_date()),
            holds_in(PARTIAL_RECOGNITION, country, evaluation_date()),
        )

    return Rule(
        id=f"{who}.marriage_recognised_in_part",
        text=T(
            f"{_WHO_JA[who]}の国籍国の少なくとも一つが、この婚姻を（婚姻日又は現在）認めている可能性がある",
            f"At least one country of {_WHO_EN[who].lower()}'s nationality recognises this marriage,"
            " on its date or now, at least in part",
        ),
        expr=any_of(recognised(main), all_of(has_other, recognised(other))),
        citations=(src.PRACTICE_VALID_IN_EACH_COUNTRY, same_sex_marriage.CITATION),
    )


APPLICANT_VALID = _valid_under_national_law(
    "applicant", APPLICANT_NATIONALITY, APPLICANT_HAS_OTHER_NATIONALITY, APPLICANT_OTHER_NATIONALITY
)
PARTNER_VALID = _valid_under_national_law(
    "partner", PARTNER_NATIONALITY, PARTNER_HAS_OTHER_NATIONALITY, PARTNER_OTHER_NATIONALITY
)
APPLICANT_RECOGNISED = _recognised_in_part(
    "applicant", APPLICANT_NATIONALITY, APPLICANT_HAS_OTHER_NATIONALITY, APPLICANT_OTHER_NATIONALITY
)
PARTNER_RECOGNISED = _recognised_in_part(
    "partner", PARTNER_NATIONALITY, PARTNER_HAS_OTHER_NATIONALITY, PARTNER_OTHER_NATIONALITY
)


# --- The requirements, in the order an interview asks them -----------------------------------

IN_FORCE = in_force_rule(
    ID,
    T("平成25年10月18日の通知が施行されている", "The notice of 2013-10-18 is in force"),
    NOTICE_DATE,
    (src.NOTICE_2013, src.NOTICE_2013_IN_JUDGMENT),
)

SAME_SEX_COUPLE = Requirement(
    Rule(
        id=f"{ID}.same_sex",
        text=T(
            "法律上同性の配偶者・パートナーがいる",
            "There is a spouse or partner, of the same legal sex",
        ),
        expr=all_of(eq(HAS_PARTNER, True), lift(SAME_SEX)),
        citations=(src.NOTICE_2013,),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "異性の配偶者は「家族滞在」や「永住者の配偶者等」などの在留資格の対象です。",
                "An opposite-sex spouse falls under statuses such as Dependent or Spouse or Child of Permanent Resident.",
            ),
            (src.ACT_DEPENDENT, src.ACT_APPENDED_TABLES),
        ),
    ),
)

APPLICANT_FOREIGN = Requirement(
    Rule(
        id=f"{ID}.applicant_foreign",
        text=T(
            "申請者は外国人（日本国籍を有しない者）である",
            "The applicant is a foreign national (does not hold Japanese nationality)",
        ),
        expr=not_(APPLICANT_JAPANESE),
        citations=(src.ACT_ART_2_FOREIGN_NATIONAL,),
    ),
    Effect.REQUIRED,
    if_not_met=(NO_STATUS_FOR_JAPANESE,),
)

PARTNER_FOREIGN = Requirement(
    Rule(
        id=f"{ID}.partner_foreign",
        text=T(
            "配偶者は外国人である（日本人の配偶者はこの通知の対象外）",
            "The partner is a foreign national (partners of Japanese nationals are outside this notice)",
        ),
        expr=not_(PARTNER_JAPANESE),
        citations=(
            src.NOTICE_2013,
            src.PRACTICE_VALID_IN_EACH_COUNTRY_EN,
            src.GENERAL_RULES_ART_38,
        ),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "東京地裁令和4年9月30日判決は、日本人の同性配偶者を一律に「特定活動」の対象外とすることは憲法14条の趣旨に反すると判断しました。",
                "The Tokyo District Court held on 2022-09-30 that refusing Designated Activities across the"
                " board to the same-sex spouse of a Japanese national is contrary to the purpose of Art. 14 of the Constitution.",
            ),
            (src.TOKYO_DISTRICT_COURT_2022,),
        ),
        Alternative(
            T(
                "その後、2023年3月10日に原告へ「特定活動」（1年）が裁量で許可されました。一般的な基準は公表されておらず、個別の裁量判断です。",
                "The plaintiff was then granted Designated Activities (1 year) on 2023-03-10, at the"
                " Minister's discretion. No general rule has been published: each case is assessed individually.",
            ),
            (src.SUPREME_COURT_2025, src.TOKYO_HIGH_COURT_2023),
        ),
        LONG_TERM_RESIDENT_REFUSED,
        OWN_STATUS,
        Alternative(
            T(
                "在留資格がない場合は、在留特別許可（入管法第50条）が考慮されることがあります（2019年3月15日の許可例）。専門家に相談してください。",
                "Without a status, special permission to stay (Art. 50) may be considered (a grant on"
                " 2019-03-15 is reported). Seek legal advice.",
            ),
            (src.ACT_ART_50_SPECIAL_PERMISSION, src.SPECIAL_PERMISSION_2019),
        ),
    ),
)

RECOGNISED_RELATIONSHIP = Requirement(
    Rule(
        id=f"{ID}.recognised_relationship",
        text=T(
            "少なくとも一方の本国法で認められた婚姻、又は外国の登録パートナーシップである",
            "A marriage recognised under at least one partner's national law, or a registered partnership abroad",
        ),
        expr=any_of(
            all_of(
                eq(RELATIONSHIP_KIND, MARRIAGE), any_of(APPLICANT_RECOGNISED, PARTNER_RECOGNISED)
            ),
            eq(RELATIONSHIP_KIND, REGISTERED_PARTNERSHIP),
        ),
        citations=(src.NOTICE_2013, src.PRACTICE_REGISTERED_PARTNERSHIP),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "日本の自治体のパートナーシップ証明は婚姻ではなく、在留資格には効果がありません。",
                "A Japanese municipal partnership certificate is not a marriage and has no effect on immigration status.",
            ),
            (src.PRACTICE_REGISTERED_PARTNERSHIP,),
        ),
    ),
)

PARTNER_HAS_STATUS = Requirement(
    Rule(
        id=f"{ID}.partner_has_status",
        text=T(
            "配偶者が在留資格をもって適法に在留している",
            "The partner lives in Japan lawfully, with a status of residence",
        ),
        expr=is_in(PARTNER_STATUS, HOLDS_A_STATUS),
        citations=(src.NOTICE_2013_IN_JUDGMENT, src.NOTICE_2013),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "配偶者に在留資格がない場合、この通知による在留は認められません。在留特別許可（入管法第50条）について専門家に相談してください。",
                "If the partner has no status, this notice does not apply. Seek legal advice about special permission to stay (Art. 50).",
            ),
            (src.ACT_ART_50_SPECIAL_PERMISSION,),
        ),
    ),
)

PARTNER_NOT_DIPLOMATIC = Requirement(
    Rule(
        id=f"{ID}.partner_not_diplomatic",
        text=T(
            "配偶者の在留資格が「外交」「公用」ではない",
            "The partner's status is not Diplomat or Official",
        ),
        expr=not_(is_in(PARTNER_STATUS, DIPLOMATIC)),
        citations=(src.PRACTICE_DIPLOMAT_HOUSEHOLD, src.ACT_DIPLOMAT_OFFICIAL),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "「外交」「公用」の方の同性配偶者は、本国で世帯構成員と認められれば、同じ「外交」「公用」の在留資格の対象となります。",
                "The same-sex spouse of a diplomat or official, if the home country recognises them as a"
                " household member, receives Diplomat or Official status instead.",
            ),
            (src.ACT_DIPLOMAT_OFFICIAL, src.PRACTICE_DIPLOMAT_HOUSEHOLD),
        ),
    ),
)

LIVES_TOGETHER = Requirement(
    Rule(
        id=f"{ID}.living_together",
        text=T("日本で配偶者と同居する", "The applicant lives with the partner in Japan"),
        expr=lift(LIVING_TOGETHER),
        citations=(src.NOTICE_2013, src.PRACTICE_COHABIT_AND_SUPPORT),
    ),
    Effect.REQUIRED,
)

IS_SUPPORTED = Requirement(
    Rule(
        id=f"{ID}.supported",
        text=T("配偶者の扶養を受ける", "The applicant is supported by the partner"),
        expr=lift(SUPPORTED),
        citations=(src.NOTICE_2013, src.PRACTICE_COHABIT_AND_SUPPORT),
    ),
    Effect.REQUIRED,
)

VALID_IN_BOTH = Requirement(
    Rule(
        id=f"{ID}.marriage_valid_for_both",
        text=T(
            "婚姻が双方の本国法によって有効に成立している",
            "The marriage was validly concluded under each partner's national law",
        ),
        expr=all_of(eq(RELATIONSHIP_KIND, MARRIAGE), APPLICANT_VALID, PARTNER_VALID),
        citations=(
            src.NOTICE_2013,
            src.PRACTICE_VALID_IN_EACH_COUNTRY,
            src.PRACTICE_VALID_IN_EACH_COUNTRY_EN,
            src.GENERAL_RULES_ART_24,
        ),
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "登録パートナーシップや一方の本国でのみ有効な婚姻は、国の状況と事実関係により個別に判断されます（許可例の報告あり）。",
                "A registered partnership, or a marriage valid under only one partner's law, is judged case"
                " by case on the country's law and the facts (grants have been reported).",
            ),
            (src.PRACTICE_REGISTERED_PARTNERSHIP,),
        ),
    ),
)

USUAL_SPONSOR_STATUS = Requirement(
    Rule(
        id=f"{ID}.usual_sponsor_status",
        text=T(
            "配偶者の在留資格が、家族の帯同が通常認められるもの（「家族滞在」の扶養者となる資格、別表第二、特別永住者）である",
            "The partner's status is one whose holders are usually joined by family (a Dependent"
            " sponsor status, an Appended Table II status, or Special Permanent Resident)",
        ),
        expr=is_in(PARTNER_STATUS, FAMILY_SPONSOR_STATUSES),
        citations=(src.UNCONFIRMED_SPONSOR_STATUSES, src.ACT_DEPENDENT, src.ACT_APPENDED_TABLES),
    ),
    Effect.STANDARD,
)


# --- What to do ------------------------------------------------------------------------------

GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "change_of_status",
            T(
                "住居地を管轄する地方出入国在留管理官署で「在留資格変更許可申請」をします。在留資格認定証明書は交付されないため、"
                "海外にいる場合は「短期滞在」などで入国してから申請します。",
                "Apply for a change of status of residence at the regional immigration bureau for your"
                " address. No Certificate of Eligibility is issued, so from abroad you first enter with"
                " another status such as Temporary Visitor and then apply.",
            ),
            (
                src.ISA_CHANGE_OF_STATUS,
                src.ACT_ART_20_CHANGE_OF_STATUS,
                src.ACT_ART_7_NOTIFIED_ACTIVITIES,
                src.PRACTICE_NO_COE,
            ),
        ),
        GuidanceItem(
            "referral",
            T(
                "地方官署は専決せず法務省本省に請訓するため、通常の変更申請より時間がかかることがあります。",
                "Regional bureaus refer these applications to the Ministry instead of deciding them, so"
                " they can take longer than an ordinary change of status.",
            ),
            (src.NOTICE_2013,),
        ),
        GuidanceItem(
            "period_of_stay",
            T(
                "在留期間は1年の例が報告されています（公式な期間の一覧は未確認）。",
                "A period of stay of 1 year is reported (no official list of periods has been confirmed).",
            ),
            (src.REPORTED_PERIOD_ONE_YEAR, src.UNCONFIRMED_PERIODS),
        ),
        GuidanceItem(
            "work",
            T(
                "指定される活動は収入を伴う活動を含みません。資格外活動許可を受ければ週28時間以内の就労が可能とされますが、"
                "許可が付かなかった例も報告されています。",
                "The designated activity excludes paid work. With permission for activity other than that"
                " permitted, up to 28 hours a week is reported to be possible, but a grant without such"
                " permission has also been reported.",
            ),
            (
                src.PRACTICE_COHABIT_AND_SUPPORT,
                src.PRACTICE_WORK_PERMISSION,
                src.REGULATION_ART_19_WORK,
            ),
        ),
    ),
    documents=tuple(
        Document(T(ja, en), (src.PRACTICE_DOCUMENTS, src.PRACTICE_DOCUMENTS_RENEWAL))
        for ja, en in (
            ("在留資格変更許可申請書", "Application form for change of status of residence"),
            ("写真（縦4cm×横3cm）", "Photograph (4 cm x 3 cm)"),
            ("旅券及び在留カード（提示）", "Passport and residence card (shown at the counter)"),
            ("婚姻証明書（日本語訳付き）", "Marriage certificate with a Japanese translation"),
            (
                "婚姻が双方の本国で有効であることを示す資料（入手できる場合）",
                "Evidence that the marriage is valid in both home countries, where it can be obtained",
            ),
            (
                "配偶者の旅券及び在留カードの写し",
                "Copy of the partner's passport and residence card",
            ),
            (
                "配偶者の在職証明書、住民税の課税証明書・納税証明書",
                "The partner's certificate of employment and residence-tax certificates",
            ),
            (
                "世帯全員の記載のある住民票",
                "Residence record (住民票) listing everyone in the household",
            ),
            ("身元保証書（配偶者が保証人）", "Letter of guarantee, with the partner as guarantor"),
            (
                "理由書（交際・婚姻の経緯の説明）",
                "Statement of reasons explaining the relationship and the marriage",
            ),
        )
    ),
    procedure="change_of_status",
    deadlines=(APPLY_FOR_CHANGE_BEFORE_STAY_ENDS,),
)

CAVEATS = (
    GuidanceItem(
        "notice_not_published",
        T(
            "通知は内部文書で、法務省の公式ページには掲載されていません。本文は実務家の転載、趣旨は令和4年の判決によります。",
            "The notice is an internal document, not published on an official MOJ page. Its text comes"
            " from practitioners' reproductions and its substance from the 2022 judgment.",
        ),
        (src.NOTICE_2013, src.NOTICE_2013_IN_JUDGMENT),
    ),
    GuidanceItem(
        "sponsor_status_unconfirmed",
        T(
            "本体者の在留資格の範囲について公式の一覧はありません。通常の例以外は個別判断として扱っています。",
            "There is no official list of sponsor statuses; zairyu treats statuses outside the usual"
            " family-sponsor list as a case-by-case assessment.",
        ),
        (src.UNCONFIRMED_SPONSOR_STATUSES,),
    ),
    GuidanceItem(
        "grant_count",
        T(
            "2013年から2020年までに少なくとも93件が許可されています。",
            "At least 93 grants were made from 2013 to 2020.",
        ),
        (src.GRANTS_AT_LEAST_93,),
    ),
)

PATHWAY = Pathway(
    id=ID,
    title=T(
        "外国人の同性配偶者：「特定活動」（告示外）",
        "Same-sex spouse of a foreign resident: Designated Activities (non-notified)",
    ),
    target_status="designated_activities",
    summary=T(
        "日本に在留する外国人と外国で同性婚をした外国人は、同居して扶養を受ける場合、原則として「特定活動」で在留が認められます。",
        "A foreign national married abroad to a same-sex foreign resident of Japan, who lives with"
        " and is supported by them, is in principle allowed to stay as Designated Activities.",
    ),
    in_force=IN_FORCE,
    requirements=(
        SAME_SEX_COUPLE,
        APPLICANT_FOREIGN,
        PARTNER_FOREIGN,
        RECOGNISED_RELATIONSHIP,
        PARTNER_HAS_STATUS,
        PARTNER_NOT_DIPLOMATIC,
        LIVES_TOGETHER,
        IS_SUPPORTED,
        VALID_IN_BOTH,
        USUAL_SPONSOR_STATUS,
    ),
    guidance=GUIDANCE,
    caveats=CAVEATS,
)
