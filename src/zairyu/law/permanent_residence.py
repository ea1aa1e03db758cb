"""Permanent residence (永住許可): Immigration Act Art. 22(2) and the ISA guideline.

Art. 22(2) allows permanent residence only for a person of good conduct (i), with an independent
livelihood (ii), whose permanent residence is in Japan's interest. Spouses and children of
Japanese nationals, Permanent Residents and Special Permanent Residents need not meet (i) and (ii);
the guideline adds that recognised refugees, persons with complementary protection and
third-country resettled refugees need not meet (ii).

The national-interest test is spelled out by the guideline 「永住許可に関するガイドライン」: 10 years
of continuous stay (5 of them on a work or residential status), with eight exceptions that replace
that period; no sentence; public duties met (and, from 2024-11-18, met on time); the longest
period of stay for the current status, where 3 years has counted as the longest since 2012. A
revision reported for 2026-02-24 would require the real longest period from 2027-04-01: that is
not confirmed officially and only makes the outcome discretionary.

The 2024 amendment's new revocation grounds (in force 2027-04-01) concern those who already hold
permanent residence: they are stated as caveats, not as a pathway.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from zairyu.data.statuses import NO_STATUS, by_code
from zairyu.engine.case import Constraint
from zairyu.engine.expr import (
    Expr,
    Period,
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
    on_or_after,
    shifted,
    unless,
)
from zairyu.engine.facts import Fact, FactType
from zairyu.engine.pathway import (
    Alternative,
    Deadline,
    DeadlineKind,
    Document,
    Effect,
    Guidance,
    GuidanceItem,
    Pathway,
    Requirement,
    in_force_rule,
)
from zairyu.engine.tables import DatedTable, Window
from zairyu.engine.text import Text
from zairyu.law import permanent_residence_sources as prs
from zairyu.law import sources as src
from zairyu.law.common import (
    APPLICANT_FOREIGN_REQUIRED,
    PERMANENT_STATUSES,
    SPOUSE_OF_JAPANESE_OR_PERMANENT,
)
from zairyu.law.facts import (
    APPLICANT_CHILD_OF,
    APPLICANT_CRIMINAL_RECORD,
    APPLICANT_IN_JAPAN,
    APPLICANT_INDEPENDENT_LIVELIHOOD,
    APPLICANT_RESIDENT_SINCE,
    APPLICANT_STATUS,
    APPLICANT_STATUS_SINCE,
    APPLICANT_STAY_EXPIRES,
    CHILD_OF_JAPANESE,
    CHILD_OF_PERMANENT_RESIDENT,
    CHILD_OF_SPECIAL_PERMANENT_RESIDENT,
    COMPLEMENTARY_PROTECTION,
    DUTIES_HEALTH_INSURANCE,
    DUTIES_NOTIFICATIONS,
    DUTIES_PAID_ON_TIME,
    DUTIES_PENSION,
    DUTIES_TAXES,
    LIVING_TOGETHER,
    PROTECTION_RECOGNISED,
    PROTECTION_RECOGNISED_ON,
    REFUGEE,
    RELATIONSHIP_DATE,
    STATUSES,
)
from zairyu.law.long_term_resident import RESETTLEMENT_REFUGEE

T = Text
ID = "permanent_residence"
PERMANENT_RESIDENT = "permanent_resident"
LONG_TERM_RESIDENT = "long_term_resident"
DESIGNATED_ACTIVITIES = "designated_activities"

GUIDELINE_DATE = dt.date(2006, 3, 31)
HSP_EXCEPTIONS_FROM = dt.date(2017, 4, 26)
JSKIP_FROM = dt.date(2023, 4, 21)
RESETTLED_EXEMPTION_FROM = dt.date(2024, 6, 10)
LATE_PAYMENT_FROM = dt.date(2024, 11, 18)
AMENDMENT_2024_FROM = dt.date(2027, 4, 1)
REPORTED_LONGEST_FROM = dt.date(2027, 4, 1)

HOLDS_A_STATUS = frozenset(STATUSES.names) - {NO_STATUS}
PARENTS_EXEMPTING = frozenset(
    {CHILD_OF_JAPANESE, CHILD_OF_PERMANENT_RESIDENT, CHILD_OF_SPECIAL_PERMANENT_RESIDENT}
)

_GUIDELINE_TEXT = (prs.GUIDELINE_QUOTED, prs.GUIDELINE_QUOTED_CURRENT)


def _since(fact: Fact, years: int) -> Expr:
    """At least `years` whole years have passed since the date in `fact`."""
    return on_or_after(evaluation_date(), shifted(fact, years=years))


# --- Facts only this pathway reads -----------------------------------------------------------

WORK_STATUS_SINCE = Fact(
    "permanent_residence.work_status_since",
    FactType.DATE,
    T(
        "就労資格又は居住資格で日本に引き続き在留しているのはいつからですか。",
        "Since what date have you lived in Japan without a break on a work status or a"
        " residential status?",
    ),
    T(
        "就労資格は「技術・人文知識・国際業務」「経営・管理」「高度専門職」など就労できる在留資格で、「技能実習」と「特定技能1号」は含みません"
        "（令和元年5月31日から）。居住資格は「日本人の配偶者等」「永住者の配偶者等」「定住者」です。「家族滞在」「留学」は含みません。"
        "在留資格が変わっていても、これらの資格で途切れずに在留している期間の始まりを答えてください。該当する資格を持っていない場合は今日の日付を答えてください。",
        "Work statuses are the statuses that allow work, such as Engineer/Specialist in"
        " Humanities/International Services, Business Manager or Highly Skilled Professional, but"
        " not Technical Intern Training or Specified Skilled Worker (i) (since 2019-05-31)."
        " Residential statuses are Spouse or Child of Japanese National, Spouse or Child of"
        " Permanent Resident and Long-Term Resident. Dependent and Student do not count. Give the"
        " start of the unbroken stay on such statuses, even if the status changed on the way. If"
        " you hold none of them, answer today's date.",
    ),
    past=True,
    changeable=False,
)

PERIOD_OF_STAY_YEARS = Fact(
    "permanent_residence.period_of_stay_years",
    FactType.INT,
    T(
        "現在の在留資格の在留期間は何年ですか。",
        "How many years is the period of stay of your current status?",
    ),
    T(
        "在留カードの「在留期間」欄（例:「3年」なら3）。1年未満（6月、3月など）は0と答えてください。",
        "The 'period of stay' on your residence card (for '3 years', answer 3). Answer 0 for a"
        " period under one year (6 months, 3 months).",
    ),
    minimum=0,
    maximum=5,
)

# The same question the Long-Term Resident notice (No. 1) asks: asked once for both.
THIRD_COUNTRY_RESETTLED = RESETTLEMENT_REFUGEE

CONTRIBUTION = Fact(
    "permanent_residence.contribution_to_japan",
    FactType.BOOL,
    T(
        "外交、社会、経済、文化等の分野で、日本への顕著な貢献の実績がありますか（叙勲・国際的な受賞・学術上の顕著な業績など）。",
        "Do you have a record of notable contribution to Japan in diplomacy, society, economy,"
        " culture or similar fields (decorations, international awards, outstanding research)?",
    ),
    T(
        "「我が国への貢献」に関するガイドラインが基準です。貢献があるかどうかは出入国在留管理庁が個別に判断し、"
        "通常の就労や教育活動だけでは貢献と認められていません。",
        "The guideline on 'contribution to Japan' sets the standard. The Immigration Services"
        " Agency decides case by case; ordinary employment or teaching alone has not been"
        " recognised as a contribution.",
    ),
    changeable=False,
)

REGIONAL_REVITALISATION = Fact(
    "permanent_residence.regional_revitalisation",
    FactType.BOOL,
    T(
        "地域再生計画の区域内の機関で、特定活動告示第36号又は第37号の活動（研究等）を行っていますか。",
        "Do you carry out activities under Designated Activities Notice No. 36 or 37 (research"
        " and related work) at an organisation in an area with a certified regional"
        " revitalisation plan?",
    ),
    T(
        "地域再生法第5条第16項に基づき認定された地域再生計画の区域内の公私の機関での活動で、地域への貢献が認められる場合に限ります。",
        "Only activities at a public or private organisation in an area whose regional"
        " revitalisation plan is certified under Art. 5(16) of the Regional Revitalisation Act,"
        " where a contribution is recognised.",
    ),
    changeable=False,
)

YEARS_IN_JAPAN_TOTAL = Fact(
    "permanent_residence.years_in_japan_total",
    FactType.INT,
    T(
        "これまでに日本に在留した期間は、合計で何年ですか（出国期間を除く）。",
        "How many years in total have you lived in Japan, adding up all your stays?",
    ),
    T(
        "途中で出国して在留が途切れた場合も、各在留期間を合計した年数（1年未満は切り捨て）。我が国への貢献の特例では「引き続き」の在留を要しません。",
        "Add up every stay, even when a departure broke the continuity, in whole years (round"
        " down). The contribution exception does not require the stay to be continuous.",
    ),
    minimum=0,
    maximum=100,
)

HSP_POINTS_3_YEARS_AGO = Fact(
    "permanent_residence.hsp_points_3_years_ago",
    FactType.INT,
    T(
        "3年前の時点で計算した高度専門職ポイントは何点ですか。",
        "How many highly skilled professional points did you have, calculated as of 3 years ago?",
    ),
    T(
        "出入国在留管理庁のポイント計算表で、今日（申請日）から3年前の時点の学歴・職歴・年収などで計算します。高度専門職として在留していた場合はその時の点数です。",
        "Use the ISA points calculation table with your education, career and income as of 3"
        " years before today (the application date). If you then held Highly Skilled"
        " Professional status, use the points it was granted on.",
    ),
    minimum=0,
    maximum=200,
    changeable=False,
)

HSP_POINTS_1_YEAR_AGO = Fact(
    "permanent_residence.hsp_points_1_year_ago",
    FactType.INT,
    T(
        "1年前の時点で計算した高度専門職ポイントは何点ですか。",
        "How many highly skilled professional points did you have, calculated as of 1 year ago?",
    ),
    T(
        "出入国在留管理庁のポイント計算表で、今日（申請日）から1年前の時点の学歴・職歴・年収などで計算します。",
        "Use the ISA points calculation table with your education, career and income as of 1"
        " year before today (the application date).",
    ),
    minimum=0,
    maximum=200,
    changeable=False,
)

JSKIP_ONE_YEAR_AGO = Fact(
    "permanent_residence.special_highly_skilled_1_year_ago",
    FactType.BOOL,
    T(
        "1年前の時点で、特別高度人材（J-Skip）として在留していた、又はその基準に該当していましたか。",
        "One year ago, were you staying as a Special Highly Skilled Professional (J-Skip), or"
        " did you meet its criteria?",
    ),
    T(
        "特別高度人材の基準は、修士号以上と年収2,000万円以上、又は職歴10年以上と年収2,000万円以上などです（令和5年4月21日創設）。",
        "The J-Skip criteria are, for example, a master's degree or higher with an annual income"
        " of 20 million yen or more, or 10 years of work experience with the same income"
        " (introduced 2023-04-21).",
    ),
    changeable=False,
)

PRIVATE_FACTS: tuple[Fact, ...] = (
    WORK_STATUS_SINCE,
    PERIOD_OF_STAY_YEARS,
    THIRD_COUNTRY_RESETTLED,
    CONTRIBUTION,
    YEARS_IN_JAPAN_TOTAL,
    REGIONAL_REVITALISATION,
    HSP_POINTS_3_YEARS_AGO,
    HSP_POINTS_1_YEAR_AGO,
    JSKIP_ONE_YEAR_AGO,
)


# --- Who is exempt from (1) and (2) ----------------------------------------------------------

CHILD_OF_JAPANESE_OR_PERMANENT = Rule(
    id=f"{ID}.child_of_japanese_or_permanent_resident",
    text=T(
        "申請者は日本人、永住者又は特別永住者の子である",
        "The applicant is the child of a Japanese national, Permanent Resident or Special"
        " Permanent Resident",
    ),
    expr=is_in(APPLICANT_CHILD_OF, PARENTS_EXEMPTING),
    citations=(prs.ACT_ART_22, prs.GUIDELINE_EXEMPTIONS),
)

FAMILY = Rule(
    id=f"{ID}.family_of_japanese_or_permanent_resident",
    text=T(
        "申請者は日本人、永住者又は特別永住者の配偶者又は子である",
        "The applicant is the spouse or child of a Japanese national, Permanent Resident or"
        " Special Permanent Resident",
    ),
    expr=any_of(SPOUSE_OF_JAPANESE_OR_PERMANENT, CHILD_OF_JAPANESE_OR_PERMANENT),
    citations=(prs.ACT_ART_22, prs.ACT_ART_22_QUOTED, prs.GUIDELINE_EXEMPTIONS),
)

NOT_FAMILY = Rule(
    id=f"{ID}.not_family_of_japanese_or_permanent_resident",
    text=T(
        "申請者は日本人、永住者又は特別永住者の配偶者又は子ではない",
        "The applicant is not the spouse or child of a Japanese national, Permanent Resident or"
        " Special Permanent Resident",
    ),
    expr=not_(FAMILY),
    citations=(prs.DOCS_WORK, prs.DOCS_LONG_TERM_RESIDENT),
)

PROTECTED = Rule(
    id=f"{ID}.recognised_refugee_or_complementary_protection",
    text=T(
        "申請者は難民又は補完的保護対象者として認定されている",
        "The applicant is a recognised refugee or has been granted complementary protection",
    ),
    expr=is_in(PROTECTION_RECOGNISED, {REFUGEE, COMPLEMENTARY_PROTECTION}),
    citations=(prs.GUIDELINE_EXEMPTIONS, prs.GUIDELINE_QUOTED_2024_06),
)

RESETTLED = Rule(
    id=f"{ID}.third_country_resettled_refugee",
    text=T(
        "申請者は第三国定住難民である（令和6年6月10日から(2)の適用除外）",
        "The applicant is a third-country resettled refugee (exempt from (2) since 2024-06-10)",
    ),
    expr=lift(THIRD_COUNTRY_RESETTLED),
    citations=(prs.GUIDELINE_EXEMPTIONS, prs.GUIDELINE_QUOTED_2024_06),
    effective=Period(start=RESETTLED_EXEMPTION_FROM),
)

_FAMILY_EXEMPT = T(
    "日本人、永住者又は特別永住者の配偶者又は子は、この要件に適合することを要しない",
    "A spouse or child of a Japanese national, Permanent Resident or Special Permanent Resident"
    " need not meet this requirement",
)


# --- The ten-year rule and its eight exceptions ----------------------------------------------

TEN_YEARS = Rule(
    id=f"{ID}.ten_years",
    text=T(
        "引き続き10年以上在留し、そのうち就労資格又は居住資格で引き続き5年以上在留している",
        "10 years of continuous stay, of which 5 years continuously on a work or residential status",
    ),
    expr=all_of(_since(APPLICANT_RESIDENT_SINCE, 10), _since(WORK_STATUS_SINCE, 5)),
    citations=(prs.GUIDELINE_TEN_YEARS, prs.GUIDELINE_QUOTED_2019, *_GUIDELINE_TEXT),
)

SPOUSE_ROUTE = Rule(
    id=f"{ID}.exception_spouse",
    text=T(
        "特例: 日本人、永住者又は特別永住者の配偶者で、実体を伴った婚姻生活が3年以上継続し、引き続き1年以上在留している",
        "Exception: spouse of a Japanese national, Permanent Resident or Special Permanent"
        " Resident, with 3 years of genuine married life and 1 year of continuous stay",
    ),
    expr=all_of(
        SPOUSE_OF_JAPANESE_OR_PERMANENT,
        LIVING_TOGETHER,
        _since(RELATIONSHIP_DATE, 3),
        _since(APPLICANT_RESIDENT_SINCE, 1),
    ),
    citations=(prs.GUIDELINE_SPOUSE_CHILD, prs.EXCEPTIONS_QUOTED, prs.EXCEPTIONS_QUOTED_2),
)

CHILD_ROUTE = Rule(
    id=f"{ID}.exception_child",
    text=T(
        "特例: 日本人、永住者又は特別永住者の実子等で、引き続き1年以上在留している",
        "Exception: biological or specially adopted child of a Japanese national, Permanent"
        " Resident or Special Permanent Resident, with 1 year of continuous stay",
    ),
    expr=all_of(CHILD_OF_JAPANESE_OR_PERMANENT, _since(APPLICANT_RESIDENT_SINCE, 1)),
    citations=(prs.GUIDELINE_SPOUSE_CHILD, prs.EXCEPTIONS_QUOTED),
)

LONG_TERM_RESIDENT_ROUTE = Rule(
    id=f"{ID}.exception_long_term_resident",
    text=T(
        "特例: 「定住者」の在留資格で5年以上継続して在留している",
        "Exception: 5 years of continuous stay with Long-Term Resident status",
    ),
    expr=all_of(
        eq(APPLICANT_STATUS, LONG_TERM_RESIDENT),
        _since(APPLICANT_STATUS_SINCE, 5),
        _since(APPLICANT_RESIDENT_SINCE, 5),
    ),
    citations=(prs.GUIDELINE_LONG_TERM_RESIDENT, prs.EXCEPTIONS_QUOTED),
)

PROTECTION_ROUTE = Rule(
    id=f"{ID}.exception_refugee_or_complementary_protection",
    text=T(
        "特例: 難民又は補完的保護対象者の認定後、5年以上継続して在留している",
        "Exception: 5 years of continuous stay since recognition as a refugee or for"
        " complementary protection",
    ),
    expr=all_of(
        PROTECTED,
        _since(PROTECTION_RECOGNISED_ON, 5),
        _since(APPLICANT_RESIDENT_SINCE, 5),
    ),
    citations=(prs.GUIDELINE_PROTECTION, prs.EXCEPTIONS_QUOTED),
)

CONTRIBUTION_ROUTE = Rule(
    id=f"{ID}.exception_contribution",
    text=T(
        "特例: 我が国への貢献があると認められ、合計5年以上在留している（継続を要しない）",
        "Exception: a recognised contribution to Japan and 5 years of stay in total (need not be"
        " continuous)",
    ),
    expr=all_of(CONTRIBUTION, on_or_after(YEARS_IN_JAPAN_TOTAL, 5)),
    citations=(prs.GUIDELINE_CONTRIBUTION, prs.EXCEPTIONS_QUOTED),
)

REGIONAL_ROUTE = Rule(
    id=f"{ID}.exception_regional_revitalisation",
    text=T(
        "特例: 地域再生計画の区域内で特定活動告示第36号・第37号の活動を行い、3年以上継続して在留している",
        "Exception: Designated Activities Notice No. 36 or 37 activities in a regional"
        " revitalisation area, with 3 years of continuous stay",
    ),
    expr=all_of(
        eq(APPLICANT_STATUS, DESIGNATED_ACTIVITIES),
        REGIONAL_REVITALISATION,
        _since(APPLICANT_RESIDENT_SINCE, 3),
    ),
    citations=(prs.GUIDELINE_REGIONAL, prs.EXCEPTIONS_QUOTED),
)

HSP_70_ROUTE = Rule(
    id=f"{ID}.exception_highly_skilled_70",
    text=T(
        "特例: 3年前の時点で高度専門職ポイント70点以上、かつ引き続き3年以上在留している",
        "Exception: 70 highly skilled points or more as of 3 years ago, and 3 years of continuous stay",
    ),
    expr=all_of(on_or_after(HSP_POINTS_3_YEARS_AGO, 70), _since(APPLICANT_RESIDENT_SINCE, 3)),
    citations=(prs.GUIDELINE_HSP_70, prs.EXCEPTIONS_QUOTED),
    effective=Period(start=HSP_EXCEPTIONS_FROM),
)

HSP_80_ROUTE = Rule(
    id=f"{ID}.exception_highly_skilled_80",
    text=T(
        "特例: 1年前の時点で高度専門職ポイント80点以上、かつ引き続き1年以上在留している",
        "Exception: 80 highly skilled points or more as of 1 year ago, and 1 year of continuous stay",
    ),
    expr=all_of(on_or_after(HSP_POINTS_1_YEAR_AGO, 80), _since(APPLICANT_RESIDENT_SINCE, 1)),
    citations=(prs.GUIDELINE_HSP_80, prs.EXCEPTIONS_QUOTED),
    effective=Period(start=HSP_EXCEPTIONS_FROM),
)

JSKIP_ROUTE = Rule(
    id=f"{ID}.exception_special_highly_skilled",
    text=T(
        "特例: 1年前の時点で特別高度人材として在留し又はその基準に該当し、引き続き1年以上在留している（令和5年4月21日から）",
        "Exception: a Special Highly Skilled Professional (J-Skip), or meeting its criteria, as of"
        " 1 year ago, with 1 year of continuous stay (from 2023-04-21)",
    ),
    expr=all_of(JSKIP_ONE_YEAR_AGO, _since(APPLICANT_RESIDENT_SINCE, 1)),
    citations=(prs.GUIDELINE_JSKIP, prs.JSKIP_QUOTED),
    effective=Period(start=JSKIP_FROM),
)

ASSESSED_ROUTES = (CONTRIBUTION_ROUTE, REGIONAL_ROUTE)
SETTLED_ROUTES = (
    TEN_YEARS,
    SPOUSE_ROUTE,
    CHILD_ROUTE,
    LONG_TERM_RESIDENT_ROUTE,
    PROTECTION_ROUTE,
    HSP_70_ROUTE,
    HSP_80_ROUTE,
    JSKIP_ROUTE,
)

SETTLED = Rule(
    id=f"{ID}.period_met_by_rule_or_fixed_exception",
    text=T(
        "原則10年、又は期間だけで判断される特例（配偶者・子、定住者、難民等、高度専門職、特別高度人材）を満たす",
        "The 10-year rule, or an exception decided by periods alone (spouse or child, Long-Term"
        " Resident, refugee or complementary protection, highly skilled, J-Skip), is met",
    ),
    expr=any_of(*SETTLED_ROUTES),
    citations=(prs.GUIDELINE_TEN_YEARS, prs.EXCEPTIONS_QUOTED),
)

ASSESSED = Rule(
    id=f"{ID}.period_met_by_assessed_exception",
    text=T(
        "貢献の認定を要する特例（我が国への貢献、地域再生）を満たす",
        "An exception that needs a recognised contribution (contribution to Japan, regional"
        " revitalisation) is met",
    ),
    expr=any_of(*ASSESSED_ROUTES),
    citations=(prs.GUIDELINE_CONTRIBUTION, prs.GUIDELINE_REGIONAL),
)


def _relies_on(*routes: Rule) -> Expr:
    """One of `routes` holds and no other fixed route does: the applicant relies on them."""
    others = [r for r in SETTLED_ROUTES if r not in routes]
    return all_of(any_of(*routes), not_(any_of(*others)))


# --- Longest period of stay ------------------------------------------------------------------


def _longest_years() -> tuple[frozenset[str], dict[str, int]]:
    """Statuses without a fixed end, and the longest period in whole years of every other one."""
    indefinite: set[str] = set()
    longest: dict[str, int] = {}
    for status in by_code().values():
        kinds = {p.kind for p in status.periods_of_stay}
        if "indefinite" in kinds:
            indefinite.add(status.code)
            continue
        fixed = [p.years for p in status.periods_of_stay if p.kind in ("fixed", "upto")]
        if fixed:
            longest[status.code] = max(fixed)
    return frozenset(indefinite), longest


INDEFINITE_STATUSES, LONGEST_YEARS = _longest_years()
TREATED_AS_LONGEST = 3
_ALWAYS = Window(dt.date.min, dt.date.min)


def _holds_longest(cap: int | None) -> Expr:
    """The period of stay is the longest for the status (capped at `cap` years, if given).

    Which statuses need how many years is reference data (Appended Table 2, from the statuses
    catalogue), so it is read through look-up tables keyed by the status: a what-if then proposes
    a longer period of stay, never a different status. A status the catalogue gives no fixed
    longest period for is held to the 3-year treatment.
    """
    groups: dict[int, set[str]] = defaultdict(set)
    for code in HOLDS_A_STATUS - INDEFINITE_STATUSES:
        years = LONGEST_YEARS.get(code, TREATED_AS_LONGEST)
        groups[years if cap is None else min(years, cap)].add(code)
    groups[0] |= INDEFINITE_STATUSES
    label = "capped" if cap is not None else "actual"
    options: list[Expr] = []
    for years, codes in sorted(groups.items(), reverse=True):
        table = DatedTable(
            id=f"{ID}.longest_period_{label}_{years}y",
            title=T(
                f"最長の在留期間の要件が{years}年である在留資格",
                f"Statuses whose longest-period requirement is {years} years",
            ),
            windows=dict.fromkeys(sorted(codes), _ALWAYS),
            citations=(prs.REGULATION_APPENDED_TABLE_2,),
        )
        status_needs = holds_in(table, APPLICANT_STATUS, evaluation_date())
        options.append(
            status_needs
            if years == 0
            else all_of(on_or_after(PERIOD_OF_STAY_YEARS, years), status_needs)
        )
    return any_of(*options)


# --- The requirements, in the order an interview asks them -----------------------------------

IN_FORCE = in_force_rule(
    ID,
    T(
        "入管法第22条と永住許可に関するガイドライン（平成18年3月31日策定）が施行されている",
        "Art. 22 of the Immigration Act and the permanent residence guideline (of 2006-03-31) apply",
    ),
    GUIDELINE_DATE,
    (prs.ACT_ART_22, prs.GUIDELINE_TEN_YEARS),
)

# A look-up rather than a comparison, so that no what-if proposes another status to a person
# who already holds permanent residence.
PERMANENT_TABLE = DatedTable(
    id=f"{ID}.permanent_statuses",
    title=T("永住者・特別永住者", "Permanent Resident and Special Permanent Resident"),
    windows=dict.fromkeys(sorted(PERMANENT_STATUSES), _ALWAYS),
    citations=(prs.ACT_ART_22, src.ACT_APPENDED_TABLES),
)

NOT_YET_PERMANENT = Requirement(
    Rule(
        id=f"{ID}.not_yet_permanent",
        text=T(
            "申請者は永住者又は特別永住者ではない",
            "The applicant is not already a Permanent Resident or Special Permanent Resident",
        ),
        expr=not_(holds_in(PERMANENT_TABLE, APPLICANT_STATUS, evaluation_date())),
        citations=(prs.ACT_ART_22, src.ACT_APPENDED_TABLES),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "すでに永住者又は特別永住者です。令和9年4月1日からは、永住者（特別永住者を除く）が故意に税金等を支払わない場合や一定の罪で拘禁刑に処せられた場合の取消事由が加わります（注意事項を参照）。",
                "You already hold permanent (or special permanent) residence. From 2027-04-01, new"
                " grounds apply for revoking the status of a Permanent Resident (not a Special"
                " Permanent Resident) when taxes and contributions are wilfully left unpaid or after"
                " a prison sentence for certain offences (see the caveats).",
            ),
            (prs.ISA_2024_OVERVIEW, prs.EFFECTIVE_2027),
        ),
    ),
)

IN_JAPAN_WITH_STATUS = Requirement(
    Rule(
        id=f"{ID}.in_japan_with_status",
        text=T(
            "申請者は在留資格をもって日本に在留している",
            "The applicant is in Japan with a status of residence",
        ),
        expr=all_of(APPLICANT_IN_JAPAN, is_in(APPLICANT_STATUS, HOLDS_A_STATUS)),
        citations=(prs.ACT_ART_22, prs.ISA_PROCEDURE),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "永住許可は、在留資格をもって日本にいる人が住居地の地方出入国在留管理官署で申請するものです。海外からは申請できません。",
                "Permanent residence is applied for in Japan, by a person holding a status of"
                " residence, at the regional bureau for their address; it cannot be applied for"
                " from abroad.",
            ),
            (prs.ISA_PROCEDURE,),
        ),
        Alternative(
            T(
                "在留資格がない場合は、在留特別許可（入管法第50条）が考慮されることがあります。専門家に相談してください。",
                "Without a status, special permission to stay (Art. 50) may be considered. Seek"
                " legal advice.",
            ),
            (src.ACT_ART_50_SPECIAL_PERMISSION,),
        ),
    ),
)

GOOD_CONDUCT = Requirement(
    Rule(
        id=f"{ID}.good_conduct",
        text=T(
            "素行が善良である（効力のある拘禁刑・罰金刑を受けていない）",
            "Good conduct: no sentence of imprisonment or a fine that has not lapsed",
        ),
        expr=unless(
            not_(APPLICANT_CRIMINAL_RECORD),
            exception(_FAMILY_EXEMPT, FAMILY, True, prs.ACT_ART_22, prs.GUIDELINE_EXEMPTIONS),
        ),
        citations=(prs.ACT_ART_22, prs.GUIDELINE_GOOD_CONDUCT, *_GUIDELINE_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "刑の執行を終えて10年（罰金は5年）を経過すると刑の効力は消滅し、その後は申請が検討されます。",
                "A sentence lapses 10 years after it was served (5 years for a fine); an"
                " application can be considered after that.",
            ),
            (prs.PENAL_CODE_ART_34_2, prs.GUIDELINE_GOOD_CONDUCT),
        ),
    ),
)

INDEPENDENT_LIVELIHOOD = Requirement(
    Rule(
        id=f"{ID}.independent_livelihood",
        text=T(
            "独立の生計を営むに足りる資産又は技能を有する",
            "Has the assets or skills for an independent livelihood",
        ),
        expr=unless(
            lift(APPLICANT_INDEPENDENT_LIVELIHOOD),
            exception(_FAMILY_EXEMPT, FAMILY, True, prs.ACT_ART_22, prs.GUIDELINE_EXEMPTIONS),
            exception(
                T(
                    "難民・補完的保護対象者として認定された者は、この要件に適合することを要しない",
                    "A recognised refugee or person with complementary protection need not meet"
                    " this requirement",
                ),
                PROTECTED,
                True,
                prs.GUIDELINE_EXEMPTIONS,
            ),
            exception(
                T(
                    "第三国定住難民は、この要件に適合することを要しない（令和6年6月10日から）",
                    "A third-country resettled refugee need not meet this requirement (since 2024-06-10)",
                ),
                RESETTLED,
                True,
                prs.GUIDELINE_EXEMPTIONS,
                prs.GUIDELINE_QUOTED_2024_06,
            ),
        ),
        citations=(prs.ACT_ART_22, prs.GUIDELINE_LIVELIHOOD, *_GUIDELINE_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "世帯の収入・資産で安定した生活が見込めるようになってから申請してください。生活保護を受けていると通常この要件を満たしません。",
                "Apply once the household's income or assets can support a stable life; receiving"
                " public assistance normally means this requirement is not met.",
            ),
            (prs.GUIDELINE_LIVELIHOOD, prs.GUIDELINE_QUOTED),
        ),
    ),
)

RESIDENCE_PERIOD = Requirement(
    Rule(
        id=f"{ID}.residence_period",
        text=T(
            "原則10年の在留期間、又はその特例のいずれかを満たす",
            "Meets the 10-year residence rule, or one of its exceptions",
        ),
        expr=any_of(SETTLED, ASSESSED),
        citations=(prs.GUIDELINE_TEN_YEARS, prs.EXCEPTIONS_QUOTED, *_GUIDELINE_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "必要な在留期間を満たすまで、現在の在留資格で更新を続けてください。日本人・永住者の配偶者、定住者、高度専門職などは期間が短縮されます。",
                "Keep extending your current status until you have stayed long enough. The period"
                " is shorter for spouses of Japanese nationals or Permanent Residents, Long-Term"
                " Residents and highly skilled professionals.",
            ),
            (prs.GUIDELINE_TEN_YEARS, prs.EXCEPTIONS_QUOTED, prs.ISA_EXTENSION),
        ),
    ),
)

CONTRIBUTION_ASSESSED = Requirement(
    Rule(
        id=f"{ID}.period_met_without_assessed_contribution",
        text=T(
            "在留期間の要件を、貢献の認定を要しない原則又は特例で満たしている（我が国への貢献・地域再生の特例は個別に判断される）",
            "The residence rule is met without relying on a contribution that must be recognised"
            " (the contribution and regional revitalisation exceptions are assessed case by case)",
        ),
        expr=any_of(not_(ASSESSED), SETTLED),
        citations=(prs.GUIDELINE_CONTRIBUTION, prs.GUIDELINE_REGIONAL, prs.EXCEPTIONS_QUOTED),
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "貢献の有無は「我が国への貢献」に関するガイドラインにより個別に判断されます。公表例では、通常の就労・教育活動だけでは認められていません。",
                "Whether there is a contribution is judged case by case under the guideline on"
                " 'contribution to Japan'. In the published examples, ordinary employment or"
                " teaching alone was not recognised.",
            ),
            (prs.GUIDELINE_CONTRIBUTION, prs.CONTRIBUTION_EXAMPLES),
        ),
    ),
)

NO_SENTENCE = Requirement(
    Rule(
        id=f"{ID}.no_sentence",
        text=T(
            "罰金刑や拘禁刑などを受けていない（配偶者・子にも適用）",
            "Has not been sentenced to a fine or imprisonment (this applies to spouses and children too)",
        ),
        expr=not_(APPLICANT_CRIMINAL_RECORD),
        citations=(prs.GUIDELINE_NO_SENTENCE, *_GUIDELINE_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "刑の効力が消滅した後（執行終了から10年、罰金は5年）に改めて申請を検討してください。",
                "Consider applying again once the sentence has lapsed (10 years after it was"
                " served, 5 years for a fine).",
            ),
            (prs.PENAL_CODE_ART_34_2,),
        ),
    ),
)

PUBLIC_DUTIES = Requirement(
    Rule(
        id=f"{ID}.public_duties",
        text=T(
            "公的義務（納税、公的年金・公的医療保険の保険料の納付、入管法上の届出）を履行している",
            "Meets public duties: taxes, public pension and health insurance contributions, and"
            " the notifications the Immigration Act requires",
        ),
        expr=all_of(DUTIES_TAXES, DUTIES_PENSION, DUTIES_HEALTH_INSURANCE, DUTIES_NOTIFICATIONS),
        citations=(prs.GUIDELINE_PUBLIC_DUTIES, *_GUIDELINE_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "未納分を納め、未了の届出をしてから申請してください。ただし、納期限後の納付は原則として消極的に評価されます。",
                "Pay what is outstanding and make any missing notification before applying. Note"
                " that payment after the due date is in principle assessed negatively.",
            ),
            (prs.GUIDELINE_PUBLIC_DUTIES, prs.GUIDELINE_LATE_PAYMENT),
        ),
    ),
)

PAID_ON_TIME = Requirement(
    Rule(
        id=f"{ID}.duties_paid_on_time",
        text=T(
            "税金・年金・医療保険料を当初の納期限内に納めている（令和6年11月18日から）",
            "Taxes and contributions were paid by their original due dates (since 2024-11-18)",
        ),
        expr=lift(DUTIES_PAID_ON_TIME),
        citations=(prs.GUIDELINE_LATE_PAYMENT, prs.GUIDELINE_QUOTED),
        effective=Period(start=LATE_PAYMENT_FROM),
        outside=True,
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "納期限後の納付は「原則として」消極的に評価されるもので、個別の事情（理由書など）も考慮されます。",
                "Late payment is assessed negatively 'in principle': the circumstances, explained"
                " in the statement of reasons, are also considered.",
            ),
            (prs.GUIDELINE_LATE_PAYMENT, prs.GUIDELINE_QUOTED),
        ),
    ),
)

LONGEST_PERIOD = Requirement(
    Rule(
        id=f"{ID}.longest_period_of_stay",
        text=T(
            "現在の在留資格の最長の在留期間をもって在留している（当面「3年」は最長として扱われる）",
            "Holds the longest period of stay for the current status (a 3-year period has been"
            " treated as the longest)",
        ),
        expr=_holds_longest(TREATED_AS_LONGEST),
        citations=(
            prs.GUIDELINE_LONGEST_PERIOD,
            prs.THREE_YEARS_COUNTS,
            prs.REGULATION_APPENDED_TABLE_2,
        ),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "次の更新で3年以上の在留期間が決定されてから申請してください。",
                "Apply once an extension has given you a period of stay of 3 years or more.",
            ),
            (prs.THREE_YEARS_COUNTS, prs.ISA_EXTENSION),
        ),
    ),
)

ACTUAL_LONGEST_PERIOD = Requirement(
    Rule(
        id=f"{ID}.actual_longest_period_from_2027",
        text=T(
            "令和9年4月1日から: 現在の在留資格に定められた実際の最長の在留期間（例: 5年）をもって在留している（報告、公式未確認）",
            "From 2027-04-01: holds the actual longest period of stay for the current status"
            " (e.g. 5 years) (reported; not confirmed officially)",
        ),
        expr=_holds_longest(None),
        citations=(prs.REVISION_2026, prs.REVISION_2026_B, prs.REGULATION_APPENDED_TABLE_2),
        effective=Period(start=REPORTED_LONGEST_FROM),
        outside=True,
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "報告されている改訂が確認されれば、最長の在留期間（多くの在留資格で5年）が決定されるまで待つ必要があります。出入国在留管理庁の最新のガイドラインを確認してください。",
                "If the reported revision is confirmed, you would need to wait for the longest"
                " period (5 years for most statuses). Check the current guideline on the ISA site.",
            ),
            (prs.REVISION_2026, prs.GUIDELINE_LONGEST_PERIOD),
        ),
    ),
)


# --- What to do ------------------------------------------------------------------------------

SPOUSE_DOCS_WHEN = Rule(
    id=f"{ID}.documents_spouse",
    text=T(
        "申請者は日本人、永住者又は特別永住者の配偶者である",
        "The applicant is the spouse of a Japanese national, Permanent Resident or Special"
        " Permanent Resident",
    ),
    expr=lift(SPOUSE_OF_JAPANESE_OR_PERMANENT),
    citations=(prs.DOCS_FAMILY,),
)

CHILD_DOCS_WHEN = Rule(
    id=f"{ID}.documents_child",
    text=T(
        "申請者は日本人、永住者又は特別永住者の子で、その配偶者ではない",
        "The applicant is the child, not the spouse, of a Japanese national, Permanent Resident"
        " or Special Permanent Resident",
    ),
    expr=all_of(CHILD_OF_JAPANESE_OR_PERMANENT, not_(SPOUSE_OF_JAPANESE_OR_PERMANENT)),
    citations=(prs.DOCS_FAMILY,),
)

HSP_DOCS_WHEN = Rule(
    id=f"{ID}.documents_highly_skilled",
    text=T(
        "申請者は高度専門職ポイントの特例によって在留期間の要件を満たす",
        "The applicant relies on a highly skilled points exception for the residence period",
    ),
    expr=_relies_on(HSP_70_ROUTE, HSP_80_ROUTE),
    citations=(prs.GUIDELINE_HSP_70, prs.GUIDELINE_HSP_80),
)

PROTECTION_DOCS_WHEN = Rule(
    id=f"{ID}.documents_protection",
    text=T(
        "申請者は難民・補完的保護対象者の認定を、在留期間の特例又は生計要件の免除に用いる",
        "The applicant relies on recognition as a refugee or for complementary protection, for"
        " the residence period or the exemption from the livelihood requirement",
    ),
    expr=all_of(
        PROTECTED,
        any_of(
            _relies_on(PROTECTION_ROUTE),
            all_of(not_(FAMILY), not_(APPLICANT_INDEPENDENT_LIVELIHOOD)),
        ),
    ),
    citations=(prs.GUIDELINE_PROTECTION, prs.GUIDELINE_EXEMPTIONS),
)

CONTRIBUTION_DOCS_WHEN = Rule(
    id=f"{ID}.documents_contribution",
    text=T(
        "申請者は我が国への貢献の特例によって在留期間の要件を満たす",
        "The applicant relies on a contribution to Japan for the residence period",
    ),
    expr=all_of(ASSESSED, not_(SETTLED)),
    citations=(prs.GUIDELINE_CONTRIBUTION,),
)

_COMMON_DOCS = (prs.ISA_PROCEDURE, prs.DOCS_WORK, prs.DOCS_FAMILY, prs.DOCS_WORK_QUOTED)
_WORK_DOCS = (prs.DOCS_WORK, prs.DOCS_LONG_TERM_RESIDENT, prs.DOCS_WORK_QUOTED)
_FAMILY_DOCS = (prs.DOCS_FAMILY, prs.DOCS_FAMILY_QUOTED)

DOCUMENTS = (
    *(
        Document(T(ja, en), _COMMON_DOCS)
        for ja, en in (
            ("永住許可申請書", "Application form for permanent residence"),
            ("写真（縦4cm×横3cm、16歳未満は不要）", "Photograph (4 cm x 3 cm; not under age 16)"),
            ("旅券及び在留カード（提示）", "Passport and residence card (shown at the counter)"),
            (
                "世帯全員の記載のある住民票（マイナンバーは省略）",
                "Residence record (住民票) listing everyone in the household, without My Number",
            ),
            (
                "職業を証明する資料（在職証明書、自営業の場合は確定申告書の控えと営業許可書）",
                "Proof of occupation (certificate of employment; for the self-employed, the tax"
                " return and business licence)",
            ),
            (
                "国税の納税証明書（その3: 源泉所得税及び復興特別所得税、申告所得税及び復興特別所得税、消費税及び地方消費税、相続税、贈与税）",
                "National tax payment certificate, form 3 (income, consumption, inheritance and gift taxes)",
            ),
            (
                "住民税を納期限内に納めたことを示す資料（給与から天引きされていない期間の通帳の写し・領収証書）",
                "Proof that residence tax was paid on time (bank book or receipts for any period it"
                " was not deducted from salary)",
            ),
            (
                "身元保証書と身元保証人（日本人又は永住者）の身分事項を明らかにする書類",
                "Letter of guarantee (身元保証書), with identity documents of the guarantor (a"
                " Japanese national or Permanent Resident)",
            ),
            (
                "了解書（公的義務の履行等についての出入国在留管理庁の様式）",
                "Acknowledgement (了解書) on the ISA form, about meeting public duties",
            ),
        )
    ),
    Document(
        T(
            "理由書（永住を希望する理由。日本語訳付き）",
            "Statement of reasons (理由書) for wanting permanent residence, with a Japanese translation",
        ),
        _WORK_DOCS,
        when=NOT_FAMILY,
    ),
    Document(
        T(
            "直近5年分の住民税の課税（非課税）証明書及び納税証明書",
            "Residence-tax assessment and payment certificates for the last 5 years",
        ),
        _WORK_DOCS,
        when=NOT_FAMILY,
    ),
    Document(
        T(
            "直近2年間の公的年金の保険料の納付状況（ねんきん定期便、ねんきんネットの各月の年金記録、国民年金保険料領収証書の写し）",
            "Public pension contribution records for the last 2 years (nenkin teikibin, monthly"
            " records from nenkin net, or National Pension receipts)",
        ),
        _WORK_DOCS,
        when=NOT_FAMILY,
    ),
    Document(
        T(
            "直近2年間の公的医療保険の保険料の納付状況（保険証の写し、国民健康保険料の納付証明書・領収証書）",
            "Public health insurance records for the last 2 years (insurance card copy, National"
            " Health Insurance payment certificate or receipts)",
        ),
        _WORK_DOCS,
        when=NOT_FAMILY,
    ),
    Document(
        T(
            "身分関係を証明する資料（日本人配偶者の戸籍謄本、又は婚姻証明書）",
            "Proof of the marriage (the Japanese spouse's family register, or a marriage certificate)",
        ),
        _FAMILY_DOCS,
        when=SPOUSE_DOCS_WHEN,
    ),
    Document(
        T(
            "直近3年分の住民税の課税（非課税）証明書及び納税証明書",
            "Residence-tax assessment and payment certificates for the last 3 years",
        ),
        _FAMILY_DOCS,
        when=SPOUSE_DOCS_WHEN,
    ),
    Document(
        T(
            "直近2年間の公的年金及び公的医療保険の保険料の納付状況",
            "Public pension and health insurance records for the last 2 years",
        ),
        _FAMILY_DOCS,
        when=SPOUSE_DOCS_WHEN,
    ),
    Document(
        T(
            "親子関係を証明する資料（日本人の親の戸籍謄本、又は出生証明書）",
            "Proof of parentage (the Japanese parent's family register, or a birth certificate)",
        ),
        _FAMILY_DOCS,
        when=CHILD_DOCS_WHEN,
    ),
    Document(
        T(
            "直近1年分の住民税の課税（非課税）証明書及び納税証明書",
            "Residence-tax assessment and payment certificates for the last year",
        ),
        _FAMILY_DOCS,
        when=CHILD_DOCS_WHEN,
    ),
    Document(
        T(
            "直近1年間の公的年金及び公的医療保険の保険料の納付状況",
            "Public pension and health insurance records for the last year",
        ),
        _FAMILY_DOCS,
        when=CHILD_DOCS_WHEN,
    ),
    Document(
        T(
            "高度専門職ポイント計算表と各項目の疎明資料（3年前又は1年前の時点のもの）",
            "Highly skilled points calculation table, with evidence for each item as of 3 years"
            " or 1 year ago",
        ),
        (prs.ISA_PROCEDURE, prs.GUIDELINE_HSP_70, prs.GUIDELINE_HSP_80),
        when=HSP_DOCS_WHEN,
    ),
    Document(
        T(
            "難民認定証明書又は補完的保護対象者認定証明書",
            "Refugee or complementary protection certificate",
        ),
        (prs.ISA_PROCEDURE, prs.GUIDELINE_PROTECTION),
        when=PROTECTION_DOCS_WHEN,
    ),
    Document(
        T(
            "我が国への貢献に係る資料（表彰状、感謝状、推薦状、論文など）",
            "Evidence of contribution to Japan (awards, letters of thanks or recommendation, papers)",
        ),
        (prs.DOCS_WORK, prs.GUIDELINE_CONTRIBUTION),
        when=CONTRIBUTION_DOCS_WHEN,
    ),
)

GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "where",
            T(
                "住居地を管轄する地方出入国在留管理官署の窓口で申請します（オンライン申請の対象外）。本人のほか、法定代理人、届出済みの弁護士・行政書士などの取次者も提出できます。",
                "Apply at the counter of the regional immigration services bureau for your address"
                " (not online). A legal representative or a registered agent (a notified lawyer or"
                " gyoseishoshi) may file for you.",
            ),
            (prs.ISA_PROCEDURE, prs.ACT_ART_22),
        ),
        GuidanceItem(
            "no_special_period",
            T(
                "永住許可申請をしても在留期間は延長されません（特例期間がない）。審査中に在留期間が満了する場合は、満了日までに別に在留期間更新許可申請をしてください。",
                "A permanent residence application does not extend your stay (there is no special"
                " period). If your period of stay would end while it is pending, file a separate"
                " application for extension before it ends.",
            ),
            (prs.NO_SPECIAL_PERIOD, prs.ACT_ART_22_QUOTED, prs.ISA_EXTENSION),
        ),
        GuidanceItem(
            "processing_time",
            T(
                "標準処理期間は4か月ですが、実際の平均はそれより長く（令和7年12月は279.9日）、1年以上かかることもあります。",
                "The standard processing period is 4 months, but actual averages are longer (279.9"
                " days in December 2025), and a year or more is possible.",
            ),
            (prs.ISA_PROCEDURE, prs.PROCESSING_ACTUAL),
        ),
        GuidanceItem(
            "pending_changes",
            T(
                "審査中の転職・休職・長期の出国、納付の遅れは審査に影響します。住居地や所属機関の届出は14日以内に行ってください。",
                "Changing jobs, taking leave, long absences or late payments while the application"
                " is pending affect it. Make address and employer notifications within 14 days.",
            ),
            (prs.GUIDELINE_PUBLIC_DUTIES, prs.GUIDELINE_QUOTED),
        ),
    ),
    documents=DOCUMENTS,
    deadlines=(
        Deadline(
            "extension_opens",
            T(
                "在留期間更新許可申請は、満了日の概ね3か月前から受け付けられる（在留期間が6か月以上の場合）",
                "An extension can be filed from about 3 months before the period of stay ends"
                " (for periods of 6 months or more)",
            ),
            shifted(APPLICANT_STAY_EXPIRES, months=-3),
            (prs.ISA_EXTENSION, prs.EXTENSION_WINDOW_QUOTED),
            kind=DeadlineKind.OPENS,
        ),
        Deadline(
            "extend_before_stay_ends",
            T(
                "永住許可の審査中も、現在の在留期間の満了日までに在留期間更新許可申請をする（永住許可申請では在留期間は延長されない）",
                "Apply to extend your current period of stay before it ends, even while the"
                " permanent residence application is pending (it does not extend your stay)",
            ),
            lift(APPLICANT_STAY_EXPIRES),
            (prs.NO_SPECIAL_PERIOD, prs.ISA_EXTENSION, prs.ACT_ART_22_QUOTED),
        ),
    ),
    procedure="permanent_residence",
)


# --- Caveats ---------------------------------------------------------------------------------

HOLDER = eq(APPLICANT_STATUS, PERMANENT_RESIDENT)

HOLDER_BEFORE_2027 = Rule(
    id=f"{ID}.holder_before_2027_amendment",
    text=T(
        "申請者は永住者である（令和9年3月31日まで）",
        "The applicant is a Permanent Resident (until 2027-03-31)",
    ),
    expr=HOLDER,
    citations=(prs.EFFECTIVE_2027,),
    effective=Period(end=AMENDMENT_2024_FROM - dt.timedelta(days=1)),
)

HOLDER_DUTY_UNMET = Rule(
    id=f"{ID}.holder_duty_unmet",
    text=T(
        "永住者で、税金・保険料の未納又は入管法上の届出の未了がある（令和9年4月1日から）",
        "A Permanent Resident with unpaid taxes or contributions, or a missing notification"
        " under the Act (from 2027-04-01)",
    ),
    expr=all_of(
        HOLDER,
        any_of(
            not_(DUTIES_TAXES),
            not_(DUTIES_PENSION),
            not_(DUTIES_HEALTH_INSURANCE),
            not_(DUTIES_NOTIFICATIONS),
        ),
    ),
    citations=(prs.REVOCATION_ITEM_VIII, prs.ISA_2024_OVERVIEW, prs.EFFECTIVE_2027),
    effective=Period(start=AMENDMENT_2024_FROM),
)

HOLDER_SENTENCED = Rule(
    id=f"{ID}.holder_sentenced",
    text=T(
        "永住者で、刑に処せられたことがある（令和9年4月1日から）",
        "A Permanent Resident who has been sentenced (from 2027-04-01)",
    ),
    expr=all_of(HOLDER, APPLICANT_CRIMINAL_RECORD),
    citations=(prs.REVOCATION_ITEM_IX, prs.ISA_2024_OVERVIEW, prs.EFFECTIVE_2027),
    effective=Period(start=AMENDMENT_2024_FROM),
)

CAVEATS = (
    GuidanceItem(
        "revocation_coming",
        T(
            "令和6年改正法により、令和9年4月1日から、永住者が入管法上の義務を守らない場合や故意に公租公課を支払わない場合、一定の罪で拘禁刑に処せられた場合に、"
            "永住許可を取り消すことができるようになります（原則として定住者等への職権による変更）。",
            "Under the 2024 amendment, from 2027-04-01 permanent residence can be revoked when a"
            " Permanent Resident does not comply with duties under the Act, wilfully does not pay"
            " public charges, or is sentenced to imprisonment for certain offences (as a rule, the"
            " person is moved ex officio to Long-Term Resident or a similar status instead).",
        ),
        (prs.EFFECTIVE_2027, prs.ISA_2024_OVERVIEW),
        when=HOLDER_BEFORE_2027,
    ),
    GuidanceItem(
        "revocation_unpaid_duties",
        T(
            "永住者が入管法上の義務（届出など）を遵守せず、又は故意に税金・保険料を支払わない場合は、永住許可の取消事由となります（第22条の4第1項第8号）。"
            "故意とは、やむを得ない事情がなく支払義務を認識している悪質な場合とされています。特段の事情がない限り、取消しではなく職権で定住者等に変更されます（第22条の6）。"
            "未納分は速やかに納めてください。",
            "A Permanent Resident who does not comply with duties under the Act (such as"
            " notifications) or wilfully does not pay taxes or contributions falls under a ground"
            " for revocation (Art. 22-4(1)(viii)). 'Wilfully' is described as malicious cases"
            " without unavoidable circumstances and with awareness of the duty. Unless there are"
            " special circumstances, the person is moved ex officio to Long-Term Resident or a"
            " similar status instead (Art. 22-6). Pay what is outstanding promptly.",
        ),
        (prs.REVOCATION_ITEM_VIII, prs.ART_22_6, prs.NONPAYMENT_POLICY, prs.ISA_2024_OVERVIEW),
        when=HOLDER_DUTY_UNMET,
    ),
    GuidanceItem(
        "revocation_sentence",
        T(
            "永住者が刑法の一定の罪（窃盗、詐欺、傷害など）や一定の法律の罪で拘禁刑に処せられた場合は、永住許可の取消事由となります（第22条の4第1項第9号）。"
            "罰金刑は含まれません。特段の事情がない限り、職権で定住者等に変更されます（第22条の6）。専門家に相談してください。",
            "A Permanent Resident sentenced to imprisonment (拘禁刑) for listed offences of the"
            " Penal Code (such as theft, fraud or injury) or certain other Acts falls under a ground"
            " for revocation (Art. 22-4(1)(ix)); a fine alone is not listed. Unless there are"
            " special circumstances, the person is moved ex officio to Long-Term Resident or a"
            " similar status instead (Art. 22-6). Seek legal advice.",
        ),
        (prs.REVOCATION_ITEM_IX, prs.ART_22_6, prs.ISA_2024_OVERVIEW),
        when=HOLDER_SENTENCED,
    ),
    GuidanceItem(
        "amended_art22_2",
        T(
            "令和9年4月1日施行の改正後の第22条第2項は、国益適合の判断要素として「この法律に規定する義務の遵守、公租公課の支払等」を明記します。",
            "As amended with effect from 2027-04-01, Art. 22(2) names 'compliance with the duties"
            " under this Act, payment of public charges and so on' in the national-interest test.",
        ),
        (prs.ACT_2024_ART_22, prs.EFFECTIVE_2027),
    ),
    GuidanceItem(
        "guideline_revision_unconfirmed",
        T(
            "令和8年2月24日にガイドラインが改訂され、令和9年4月1日から実際の最長の在留期間が必要になること、現に有する在留資格の上陸許可基準等への適合が項目に加わったことが報告されていますが、"
            "公式には確認できていません。申請前に出入国在留管理庁のガイドラインを確認してください。",
            "A guideline revision of 2026-02-24 is reported to require the actual longest period"
            " of stay from 2027-04-01 and to add an item on meeting the landing criteria of the"
            " current status; neither is confirmed officially. Check the current guideline on the"
            " ISA site before applying.",
        ),
        (prs.REVISION_2026, prs.REVISION_2026_B),
    ),
    GuidanceItem(
        "public_health",
        T(
            "ガイドラインは、公衆衛生上の観点から有害となるおそれがないことも求めています。",
            "The guideline also requires that the person poses no risk from a public-health point of view.",
        ),
        (prs.GUIDELINE_QUOTED_CURRENT,),
    ),
)


PATHWAY = Pathway(
    id=ID,
    title=T("永住許可", "Permanent residence"),
    target_status=PERMANENT_RESIDENT,
    summary=T(
        "素行が善良で独立の生計を営むことができ、原則として10年以上（特例ではより短く）在留し、公的義務を果たしている外国人は、永住許可を申請できます。"
        "日本人・永住者・特別永住者の配偶者と子は素行と生計の要件が免除されます。",
        "A foreign national of good conduct who can support themselves, has in principle lived"
        " in Japan for 10 years (less under the exceptions) and meets public duties may apply for"
        " permanent residence. Spouses and children of Japanese nationals, Permanent Residents"
        " and Special Permanent Residents are exempt from the conduct and livelihood requirements.",
    ),
    in_force=IN_FORCE,
    requirements=(
        NOT_YET_PERMANENT,
        APPLICANT_FOREIGN_REQUIRED,
        IN_JAPAN_WITH_STATUS,
        GOOD_CONDUCT,
        INDEPENDENT_LIVELIHOOD,
        RESIDENCE_PERIOD,
        NO_SENTENCE,
        PUBLIC_DUTIES,
        LONGEST_PERIOD,
        CONTRIBUTION_ASSESSED,
        PAID_ON_TIME,
        ACTUAL_LONGEST_PERIOD,
    ),
    guidance=GUIDANCE,
    caveats=CAVEATS,
    help_topics=("immigration",),
)

PATHWAYS: tuple[Pathway, ...] = (PATHWAY,)
# No constraint between the work-status date and the continuous-stay date: a long absence can
# break the continuity of stay while the status itself (kept by a re-entry permit) continues.
CONSTRAINTS: tuple[Constraint, ...] = ()
