"""Same-sex partner of a Japanese national: Designated Activities (特定活動, not notified), at the
Minister's discretion.

The 2013 notice (法務省管在第5357号) gives Designated Activities to the same-sex spouse of a
*foreign* resident; immigration treated the foreign same-sex partner of a *Japanese* national as
outside it. On 2022-09-30 the Tokyo District Court held that refusing such partners across the
board, without looking at the reality of the relationship, is contrary to the purpose of Art. 14
of the Constitution. The plaintiff, married in the United States, was then granted Designated
Activities (1 year) on 2023-03-10 ("daily activities of a person who lives with and shares a
livelihood with a Japanese national"), and a practitioner reports a later grant to another couple
married abroad. No general rule has been published: every grant is discretionary, so the
pathway's ceiling is ``discretionary`` and it is in force only from the judgment.

Long-Term Resident was refused (Tokyo High Court 2023-11-02; final on 2025-02-20). A Japanese
municipal partnership certificate has no legal effect and so none on immigration status.
"""

from __future__ import annotations

import datetime as dt

from zairyu.data.statuses import NO_STATUS
from zairyu.engine.case import Constraint
from zairyu.engine.expr import Const, Period, Rule, all_of, any_of, eq, is_in, lift, not_
from zairyu.engine.pathway import (
    Alternative,
    Document,
    Effect,
    Guidance,
    GuidanceItem,
    Outcome,
    Pathway,
    Requirement,
    in_force_rule,
)
from zairyu.engine.text import Text
from zairyu.law import partners_of_japanese_sources as pj
from zairyu.law import sources as src
from zairyu.law.common import (
    APPLICANT_FOREIGN_REQUIRED,
    APPLY_FOR_CHANGE_BEFORE_STAY_ENDS,
    OWN_STATUS,
    PARTNER_JAPANESE,
)
from zairyu.law.facts import (
    APPLICANT_IN_JAPAN,
    APPLICANT_STATUS,
    HAS_PARTNER,
    LIVING_TOGETHER,
    MARRIAGE,
    REGISTERED_PARTNERSHIP,
    RELATIONSHIP_KIND,
    SAME_SEX,
    STATUSES,
)

T = Text
ID = "same_sex_partner_of_japanese"
JUDGMENT_DATE = dt.date(2022, 9, 30)
# Designated Activities (特定活動) was created by the 1989 amendment, in force 1990-06-01.
DESIGNATED_ACTIVITIES_FROM = dt.date(1990, 6, 1)
HELD_STATUSES = frozenset(STATUSES.names) - {NO_STATUS}


# --- Alternatives shared by several requirements ----------------------------------------------

SPECIAL_PERMISSION = Alternative(
    T(
        "在留資格がない場合は、退去強制の手続の中で在留特別許可（入管法第50条）が考慮されることがあります。日本人男性と長年同居した台湾人男性に2019年3月15日に許可された例が報道されています（法務省はパートナー関係を特に重視したものではないと説明）。専門家に相談してください。",
        "Without a status, special permission to stay (Immigration Act Art. 50) may be considered"
        " in deportation proceedings: a grant on 2019-03-15 to a Taiwanese man long living with"
        " a Japanese partner was reported (the Ministry said the partnership was not given special"
        " weight). Seek legal advice.",
    ),
    (src.ACT_ART_50_SPECIAL_PERMISSION, src.SPECIAL_PERMISSION_2019),
)

# --- The requirements, in the order an interview asks them ------------------------------------

IN_FORCE = in_force_rule(
    ID,
    T("在留資格「特定活動」が設けられている", "The status Designated Activities exists"),
    DESIGNATED_ACTIVITIES_FROM,
    (src.ACT_APPENDED_TABLES,),
)

AFTER_JUDGMENT = Requirement(
    Rule(
        id=f"{ID}.after_2022_judgment",
        text=T(
            "東京地裁令和4年9月30日判決の後である（それまでは日本人の同性パートナーは一律に対象外とされていた）",
            "After the Tokyo District Court judgment of 2022-09-30 (until then, partners of Japanese"
            " nationals were refused across the board)",
        ),
        expr=Const(True),
        citations=(src.TOKYO_DISTRICT_COURT_2022, pj.NOTICE_EXCLUDES_JAPANESE_PARTNERS),
        effective=Period(start=JUDGMENT_DATE),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "令和4年9月30日の判決までは、平成25年の通知は外国人同士の同性婚だけを対象とし、日本人の同性パートナーには「特定活動」が認められていませんでした。",
                "Until the judgment of 2022-09-30, the 2013 notice was applied only to same-sex"
                " marriages between foreign nationals, and partners of Japanese nationals were"
                " refused Designated Activities.",
            ),
            (pj.NOTICE_EXCLUDES_JAPANESE_PARTNERS, src.TOKYO_DISTRICT_COURT_2022),
        ),
        OWN_STATUS,
        SPECIAL_PERMISSION,
    ),
)

SAME_SEX_COUPLE = Requirement(
    Rule(
        id=f"{ID}.same_sex",
        text=T(
            "パートナーがおり、二人は法律上同性である",
            "There is a partner, and the couple are of the same legal sex",
        ),
        expr=all_of(eq(HAS_PARTNER, True), lift(SAME_SEX)),
        citations=(src.TOKYO_DISTRICT_COURT_2022,),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "日本人と法律上の婚姻をした異性の配偶者は、「日本人の配偶者等」の在留資格の対象です。",
                "The opposite-sex spouse of a Japanese national, in a marriage valid under Japanese"
                " law, falls under Spouse or Child of Japanese National.",
            ),
            (src.ACT_APPENDED_TABLES,),
        ),
    ),
)

PARTNER_IS_JAPANESE = Requirement(
    Rule(
        id=f"{ID}.partner_japanese",
        text=T("パートナーは日本国民である", "The partner is a Japanese national"),
        expr=lift(PARTNER_JAPANESE),
        citations=(src.TOKYO_DISTRICT_COURT_2022, pj.DISTRICT_COURT_REALITY),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "パートナーが在留資格を持つ外国人の場合は、平成25年の通知による「特定活動」（外国人の同性配偶者）の対象となりえます。",
                "If your partner is a foreign national with a status of residence, the 2013 notice on"
                " same-sex spouses of foreign residents (Designated Activities) may apply.",
            ),
            (src.NOTICE_2013, src.NOTICE_2013_IN_JUDGMENT),
        ),
    ),
)

FORMAL_RELATIONSHIP = Requirement(
    Rule(
        id=f"{ID}.married_or_registered_abroad",
        text=T(
            "外国で婚姻した、又は外国の制度で登録したパートナーである（日本の自治体のパートナーシップ証明だけでは足りない）",
            "Married abroad, or registered as partners under a foreign law (a Japanese municipal"
            " partnership certificate alone is not enough)",
        ),
        expr=is_in(RELATIONSHIP_KIND, {MARRIAGE, REGISTERED_PARTNERSHIP}),
        citations=(
            src.TOKYO_DISTRICT_COURT_2022,
            pj.LATER_GRANT,
            pj.TOKYO_CERTIFICATE_NO_LEGAL_EFFECT,
        ),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "日本の自治体のパートナーシップ証明は婚姻ではなく、法律上の効果も在留資格への効果もありません。",
                "A Japanese municipal partnership certificate is not a marriage and has no legal"
                " effect, including on immigration status.",
            ),
            (pj.TOKYO_CERTIFICATE_NO_LEGAL_EFFECT, pj.CERTIFICATE_NOT_A_MARRIAGE),
        ),
        Alternative(
            T(
                "報告された許可はいずれも外国で婚姻した二人です。同性婚を認める国で婚姻することについて専門家に相談してください。",
                "The reported grants were all to couples married abroad. Ask a specialist about"
                " marrying in a country that provides for same-sex marriage.",
            ),
            (pj.LATER_GRANT, pj.DESIGNATION_2023),
        ),
        OWN_STATUS,
    ),
)

LIVES_TOGETHER = Requirement(
    Rule(
        id=f"{ID}.living_together",
        text=T(
            "日本でパートナーと同居する（生計を共にする）",
            "The applicant lives with the partner in Japan (sharing a livelihood)",
        ),
        expr=lift(LIVING_TOGETHER),
        citations=(pj.DESIGNATION_2023, pj.LAWYERS_STATEMENT_2022),
    ),
    Effect.REQUIRED,
    if_not_met=(OWN_STATUS,),
)

LAWFUL_STAY = Requirement(
    Rule(
        id=f"{ID}.lawful_stay_or_abroad",
        text=T(
            "在留資格を持って日本にいる、又は日本の外にいる（入国後に在留資格の変更を申請する）",
            "In Japan with a status of residence, or abroad (to enter and then apply for a change"
            " of status)",
        ),
        expr=any_of(not_(APPLICANT_IN_JAPAN), is_in(APPLICANT_STATUS, HELD_STATUSES)),
        citations=(src.ACT_ART_20_CHANGE_OF_STATUS, src.PRACTICE_NO_COE),
    ),
    Effect.REQUIRED,
    if_not_met=(SPECIAL_PERMISSION,),
)

MARRIED = Requirement(
    Rule(
        id=f"{ID}.married_abroad",
        text=T(
            "外国で婚姻している（報告された許可はいずれも婚姻した二人）",
            "Married abroad (the reported grants were all to married couples)",
        ),
        expr=eq(RELATIONSHIP_KIND, MARRIAGE),
        citations=(pj.DESIGNATION_2023, pj.LATER_GRANT, pj.UNCONFIRMED_PARTNERSHIP),
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "外国の登録パートナーシップによる許可例は確認されていません。外国人同士の場合は個別に判断されています。",
                "No grant on a foreign registered partnership with a Japanese national has been"
                " confirmed; between two foreign nationals such cases are judged individually.",
            ),
            (pj.UNCONFIRMED_PARTNERSHIP, src.PRACTICE_REGISTERED_PARTNERSHIP),
        ),
    ),
)


# --- What to do -------------------------------------------------------------------------------

GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "change_of_status",
            T(
                "住居地を管轄する地方出入国在留管理官署で「特定活動」への在留資格変更許可申請をします。在留資格認定証明書は交付されないため、"
                "海外にいる場合は「短期滞在」などで入国してから申請します。",
                "Apply for a change of status to Designated Activities at the regional immigration"
                " bureau for your address. No Certificate of Eligibility is issued, so from abroad"
                " you first enter with another status such as Temporary Visitor and then apply.",
            ),
            (src.ISA_CHANGE_OF_STATUS, src.ACT_ART_20_CHANGE_OF_STATUS, src.PRACTICE_NO_COE),
        ),
        GuidanceItem(
            "cite_the_judgment",
            T(
                "令和4年9月30日の東京地裁判決を添えて申請し、一度不許可の後に許可された例が報告されています。",
                "A grant after one refusal is reported on a new application that enclosed the"
                " Tokyo District Court judgment of 2022-09-30.",
            ),
            (pj.LATER_GRANT, src.TOKYO_DISTRICT_COURT_2022),
        ),
        GuidanceItem(
            "designated_activity",
            T(
                "2023年3月10日の許可では、指定された活動は「日本人と同居し、かつ、生計を共にする者が行う日常的な活動（収入を伴う事業・報酬を受ける活動を除く）」、在留期間は1年でした。",
                "In the 2023-03-10 grant the designated activity was the daily activities of a person"
                " who lives with and shares a livelihood with a Japanese national, excluding business"
                " and paid work, for a period of 1 year.",
            ),
            (pj.DESIGNATION_2023, src.SUPREME_COURT_2025),
        ),
        GuidanceItem(
            "work",
            T(
                "指定される活動は就労を含みません。働くには資格外活動許可が別に必要です。",
                "The designated activity excludes paid work; working needs a separate permission to"
                " engage in activity other than that permitted.",
            ),
            (pj.DESIGNATION_2023, src.REGULATION_ART_19_WORK),
        ),
    ),
    documents=(
        Document(
            T("在留資格変更許可申請書", "Application form for change of status of residence"),
            (src.ISA_CHANGE_OF_STATUS,),
        ),
        Document(
            T("写真（縦4cm×横3cm）", "Photograph (4 cm x 3 cm)"),
            (src.ISA_CHANGE_OF_STATUS,),
        ),
        Document(
            T("旅券及び在留カード（提示）", "Passport and residence card (shown at the counter)"),
            (src.ISA_CHANGE_OF_STATUS,),
        ),
        Document(
            T("婚姻証明書（日本語訳付き）", "Marriage certificate with a Japanese translation"),
            (pj.LATER_GRANT,),
        ),
        Document(
            T(
                "交際・婚姻の経緯と同居・生計を共にしていることを説明する理由書と資料",
                "A statement, with evidence, of how the relationship and marriage came about and"
                " that you live together and share a livelihood",
            ),
            (pj.LATER_GRANT, pj.DESIGNATION_2023),
        ),
        Document(
            T(
                "令和4年9月30日東京地裁判決の写し",
                "Copy of the Tokyo District Court judgment of 2022-09-30",
            ),
            (pj.LATER_GRANT, src.TOKYO_DISTRICT_COURT_2022),
        ),
    ),
    procedure="change_of_status",
    deadlines=(APPLY_FOR_CHANGE_BEFORE_STAY_ENDS,),
)

CAVEATS = (
    GuidanceItem(
        "no_general_rule",
        T(
            "日本人の同性パートナーへの「特定活動」について公表された一般的な基準はなく、報告されているのは個別の裁量による許可だけです。2021年に政府が検討していると報道されましたが、正式な変更は確認されていません。",
            "No general rule on Designated Activities for same-sex partners of Japanese nationals"
            " has been published; only individual discretionary grants are reported. The"
            " government was reported in 2021 to be considering it, but no formal change has been"
            " found.",
        ),
        (pj.UNCONFIRMED_GENERAL_RULE, pj.GOVERNMENT_CONSIDERING_2021),
    ),
    GuidanceItem(
        "certificate_no_effect",
        T(
            "自治体のパートナーシップ証明（宣誓受理証明書など）は、在留資格には効果がありません。",
            "A municipal partnership certificate has no effect on immigration status.",
        ),
        (pj.TOKYO_CERTIFICATE_NO_LEGAL_EFFECT, pj.CERTIFICATE_NOT_A_MARRIAGE),
    ),
    GuidanceItem(
        "reality_of_relationship",
        T(
            "判決は、同性婚の実態等を考慮せずに一律に認めない扱いを違憲の趣旨としたもので、関係の実態（同居、生計の共同、交際の経緯）を示すことが重要です。",
            "The judgment faulted refusing such partners without considering the reality of the"
            " relationship, so showing that reality (living together, a shared livelihood, how the"
            " relationship developed) matters.",
        ),
        (pj.DISTRICT_COURT_REALITY, pj.LAWYERS_STATEMENT_2022, pj.HIGH_COURT_NO_RATIONAL_REASON),
    ),
    GuidanceItem(
        "long_term_resident_refused",
        T(
            "「定住者」は認められず、その判断は令和7年2月20日に確定しています。",
            "Long-Term Resident was refused, and that refusal became final on 2025-02-20.",
        ),
        (src.TOKYO_HIGH_COURT_2023, src.SUPREME_COURT_2025),
    ),
)

PATHWAY = Pathway(
    id=ID,
    title=T(
        "日本人の同性パートナー：「特定活動」（告示外・裁量）",
        "Same-sex partner of a Japanese national: Designated Activities (non-notified, discretionary)",
    ),
    target_status="designated_activities",
    summary=T(
        "外国で日本人と同性婚をした外国人は、令和4年の東京地裁判決以降、裁量により「特定活動」での在留が許可された例があります。一般的な基準は公表されていません。",
        "A foreign national married abroad to a Japanese national of the same sex has, since the"
        " Tokyo District Court judgment of 2022, been granted Designated Activities at the"
        " Minister's discretion. No general rule has been published.",
    ),
    in_force=IN_FORCE,
    requirements=(
        AFTER_JUDGMENT,
        SAME_SEX_COUPLE,
        PARTNER_IS_JAPANESE,
        APPLICANT_FOREIGN_REQUIRED,
        FORMAL_RELATIONSHIP,
        LIVES_TOGETHER,
        LAWFUL_STAY,
        MARRIED,
    ),
    guidance=GUIDANCE,
    caveats=CAVEATS,
    ceiling=Outcome.DISCRETIONARY,
    help_topics=("immigration", "lgbtq"),
)

PATHWAYS: tuple[Pathway, ...] = (PATHWAY,)
CONSTRAINTS: tuple[Constraint, ...] = ()
