"""Long-Term Resident (定住者): the 1990 notice, and the non-notified cases decided one by one.

Basis: Appended Table II of the Immigration Act ("a person whom the Minister permits to reside
for a designated period, in consideration of special reasons") and MOJ Notice No. 132 of 1990
(定住者告示), which lists the positions that qualify: No. 1 (third-country resettlement refugees),
No. 2 (deleted), Nos. 3 and 4 (Nikkei descendants, of good conduct), No. 5 (spouses), No. 6
(minor unmarried children), No. 7 (adopted children under 6) and No. 8 (Japanese left behind in
China and their relatives). A notified category makes the applicant *eligible* (a Certificate
of Eligibility can be issued from abroad).

Outside the notice (告示外), Long-Term Resident is granted only by a change of status, case by
case: a foreign parent raising a Japanese national's child with parental authority; a spouse of
a Japanese national, Permanent Resident or Special Permanent Resident after divorce or
bereavement, following about 3 years of married life in Japan; recognised refugees and persons
granted complementary protection. These are *discretionary*: no published rule entitles anyone,
and ISA weighs livelihood, Japanese for daily life, public duties and conduct.

Long-Term Resident is not Permanent Resident: it carries a period of stay that must be extended.
"""

from __future__ import annotations

import datetime as dt

from zairyu.engine.case import Constraint
from zairyu.engine.expr import (
    Const,
    Period,
    Rule,
    all_of,
    any_of,
    before,
    eq,
    evaluation_date,
    exception,
    if_,
    is_in,
    lift,
    not_,
    on_or_after,
    shifted,
    unless,
)
from zairyu.engine.facts import Choice, Fact, FactType
from zairyu.engine.pathway import (
    Alternative,
    Deadline,
    Document,
    Effect,
    Factor,
    Guidance,
    GuidanceItem,
    Pathway,
    Requirement,
    Weight,
    in_force_rule,
)
from zairyu.engine.text import Text
from zairyu.law import long_term_resident_sources as lsrc
from zairyu.law import sources as src
from zairyu.law.common import (
    APPLICANT_FOREIGN_REQUIRED,
    MARRIED_UNDER_JAPANESE_LAW,
    OWN_STATUS,
    PARTNER_JAPANESE,
    SPOUSE_OF_JAPANESE_OR_PERMANENT,
)
from zairyu.law.facts import (
    APPLICANT_BIRTH_DATE,
    APPLICANT_CHILD_OF,
    APPLICANT_CRIMINAL_RECORD,
    APPLICANT_INDEPENDENT_LIVELIHOOD,
    APPLICANT_RESIDENT_SINCE,
    APPLICANT_STATUS,
    APPLICANT_STAY_EXPIRES,
    CHILD_OF_JAPANESE,
    CHILD_OF_LONG_TERM_RESIDENT,
    CHILD_OF_PERMANENT_RESIDENT,
    CHILD_OF_SPECIAL_PERMANENT_RESIDENT,
    COMPLEMENTARY_PROTECTION,
    DUTIES_HEALTH_INSURANCE,
    DUTIES_NOTIFICATIONS,
    DUTIES_PENSION,
    DUTIES_TAXES,
    PARTNER_STATUS,
    PROTECTION_RECOGNISED,
    REFUGEE,
    RELATIONSHIP_DATE,
)

T = Text
ID = "long_term_resident"
IN_FORCE_DATE = dt.date(1990, 6, 1)  # the 1989 amendment of the Act and the notice took effect
MAJORITY_AT_18 = dt.date(2022, 4, 1)  # Civil Code Art. 4 as amended by Act No. 59 of 2018

LONG_TERM_RESIDENT = "long_term_resident"
SPOUSE_OF_JAPANESE_STATUS = "spouse_or_child_of_japanese_national"
SPOUSE_STATUSES = frozenset({SPOUSE_OF_JAPANESE_STATUS, "spouse_or_child_of_permanent_resident"})
JAPANESE_PR_OR_SPR = frozenset(
    {CHILD_OF_JAPANESE, CHILD_OF_PERMANENT_RESIDENT, CHILD_OF_SPECIAL_PERMANENT_RESIDENT}
)


def _who(none_ja: str, none_en: str) -> tuple[Choice, ...]:
    return (
        Choice(CHILD_OF_JAPANESE, T("日本人", "A Japanese national")),
        Choice(CHILD_OF_PERMANENT_RESIDENT, T("永住者", "A Permanent Resident")),
        Choice(
            CHILD_OF_SPECIAL_PERMANENT_RESIDENT, T("特別永住者", "A Special Permanent Resident")
        ),
        Choice(CHILD_OF_LONG_TERM_RESIDENT, T("定住者", "A Long-Term Resident")),
        Choice("none", T(none_ja, none_en)),
    )


# --- Facts only this pathway reads ----------------------------------------------------------

NIKKEI_PARENT = Fact(
    "nikkei.parent_born_child_of_japanese",
    FactType.BOOL,
    T(
        "あなたの実の父又は母は「日本人の子として出生した者」ですか（出生の時にその親が日本国籍を持っていた）。",
        "Was one of your biological parents born as the child of a Japanese national (a parent"
        " of theirs held Japanese nationality when they were born)?",
    ),
    T(
        "日系2世・3世の典型例です。例：日本人の孫、元日本人が国籍を失った後に生まれた子。"
        "あなた自身が日本人の子として出生した場合は「日本人の配偶者等」の対象です。",
        "The usual case of Nikkei second and third generations: for example a Japanese national's"
        " grandchild, or a child born after a former Japanese national lost that nationality. If"
        " you yourself were born as the child of a Japanese national, the status is Spouse or"
        " Child of Japanese National instead.",
    ),
    changeable=False,
)
NIKKEI_GRANDPARENT = Fact(
    "nikkei.grandparent_former_japanese",
    FactType.BOOL,
    T(
        "あなたの実の祖父母のうち、日本人の子として出生し、かつて日本国民として日本に本籍（戸籍）を持っていた方がいますか。",
        "Is one of your biological grandparents a person who was born as the child of a Japanese"
        " national and once had a family register (本籍) in Japan as a Japanese national?",
    ),
    T(
        "例：日本から移住した1世が日本国籍を失った後に生まれた子（2世）の子（3世）。戸籍謄本などで証明します。",
        "For example the child (third generation) of a child born after the emigrant first"
        " generation lost Japanese nationality. Shown by Japanese family-register records.",
    ),
    changeable=False,
)
RESETTLEMENT_REFUGEE = Fact(
    "applicant.resettlement_refugee",
    FactType.BOOL,
    T(
        "あなたは第三国定住難民として日本政府に受け入れを決定された方（又はその家族・親族）ですか。",
        "Have you been accepted by the Government of Japan for third-country resettlement as a"
        " refugee (or as the family member or relative of such a refugee)?",
    ),
    T(
        "アジアの国に一時滞在し、UNHCRが保護を必要と認めて日本に推薦した難民が対象です。個人で申請する制度ではありません。",
        "The programme takes refugees staying temporarily in an Asian country whom UNHCR"
        " recognises as needing protection and recommends to Japan. Individuals cannot apply.",
    ),
    changeable=False,
)
LEFT_BEHIND_IN_CHINA = Fact(
    "applicant.left_behind_in_china",
    FactType.BOOL,
    T(
        "あなたは中国残留邦人等、又はその親族として定住者告示第8号に当たる方ですか。",
        "Are you a Japanese left behind in China (中国残留邦人), or a relative of one covered by"
        " No. 8 of the notice?",
    ),
    T(
        "例：昭和20年9月2日以前から中国に残留し日本に本籍を有していた方、その両親の下に中国で生まれた子、"
        "永住帰国した方と日本で生活を共にするために入国する配偶者・子など。",
        "For example a person who stayed in China from before 1945-09-02 with a family register"
        " in Japan, a child born in China to such parents, or the spouse or child entering Japan"
        " to live with one who has returned permanently.",
    ),
    changeable=False,
)
PARTNER_BORN_CHILD_OF_JAPANESE = Fact(
    "partner.born_child_of_japanese",
    FactType.BOOL,
    T(
        "配偶者は「日本人の子として出生した者」ですか（出生の時に父又は母が日本国籍を持っていた）。",
        "Was your spouse born as the child of a Japanese national (a parent held Japanese"
        " nationality when your spouse was born)?",
    ),
    T(
        "日系2世で「日本人の配偶者等」の在留資格を持つ方の配偶者が告示第5号イの対象です。",
        "No. 5(a) of the notice covers the spouse of a Nikkei second generation who holds Spouse"
        " or Child of Japanese National as such a child.",
    ),
    changeable=False,
)
SPONSOR_PERIOD = Fact(
    "ltr_sponsor.period_months",
    FactType.INT,
    T(
        "あなたの家族で「定住者」の方（配偶者、親、養親、又は親の配偶者）の在留期間は何か月ですか。",
        "How long is the period of stay of your family member who is a Long-Term Resident (your"
        " spouse, parent, adoptive parent or parent's spouse), in months?",
    ),
    T(
        "在留カードの「在留期間」欄。例：6か月なら6、1年なら12、3年なら36、5年なら60。告示は1年以上を求めます。",
        "The period of stay on their residence card: 6 for 6 months, 12 for 1 year, 36 for 3"
        " years, 60 for 5 years. The notice requires 1 year or more.",
    ),
    minimum=1,
    maximum=60,
)
NIKKEI = "nikkei"
NIKKEI_SPOUSE = "nikkei_spouse"
DIVORCED_NO_5 = "divorced_no5"
SPONSOR_BASIS = Fact(
    "ltr_sponsor.basis",
    FactType.ENUM,
    T(
        "その「定住者」の方は、どのような地位で「定住者」を許可されましたか。",
        "On what basis was that family member granted Long-Term Resident?",
    ),
    T(
        "日系人（告示第3号・第4号）とその配偶者（第5号ハ）には、家族に素行善良の要件が加わります。分からない場合は入管の許可時の説明や行政書士に確認してください。",
        "For Nikkei (Nos. 3 and 4) and their spouses (No. 5(c)), the family members must also be"
        " of good conduct. If you do not know, check the grant papers or ask an adviser.",
    ),
    choices=(
        Choice(NIKKEI, T("日系人として（告示第3号・第4号）", "As a Nikkei (notice No. 3 or 4)")),
        Choice(
            NIKKEI_SPOUSE,
            T("日系人の配偶者として（告示第5号ハ）", "As the spouse of a Nikkei (notice No. 5(c))"),
        ),
        Choice(
            DIVORCED_NO_5,
            T(
                "定住者の配偶者（告示第5号）として上陸し、その在留期間中に離婚した",
                "Landed as the spouse of a Long-Term Resident (No. 5) and divorced during that period of stay",
            ),
        ),
        Choice("other", T("その他", "Other")),
    ),
    changeable=False,
)
SUPPORTED_BY_PARENT = Fact(
    "applicant.supported_by_parent",
    FactType.BOOL,
    T(
        "あなたは、その親（又は養親）の扶養を受けて生活していますか（生活する予定ですか）。",
        "Do you (or will you) live supported by that parent or adoptive parent?",
    ),
    T(
        "親の収入・納税証明書などで確認されます。",
        "Shown by the parent's income and tax certificates.",
    ),
)
PARENT_SPOUSE_OF = Fact(
    "applicant.parent_spouse_of",
    FactType.ENUM,
    T(
        "あなたの実の親が「日本人の配偶者等」又は「永住者の配偶者等」の在留資格で日本にいる場合、その親の配偶者（あなたの継親）はどなたですか。",
        "If a biological parent of yours lives in Japan with Spouse or Child of Japanese National"
        " or Spouse or Child of Permanent Resident status, who is that parent's spouse (your"
        " step-parent)?",
    ),
    T(
        "いわゆる「連れ子」の場合です（告示第6号ニ）。該当しなければ「いずれでもない」。",
        "This is the stepchild (連れ子) case, notice No. 6(d). Answer 'none' if it does not apply.",
    ),
    choices=_who("いずれでもない", "None of these / does not apply"),
    changeable=False,
)
ADOPTED_BY = Fact(
    "applicant.adopted_by",
    FactType.ENUM,
    T("あなたは次のいずれかの方の養子ですか。", "Are you the adopted child of any of these?"),
    T(
        "普通養子縁組。特別養子は実子として扱われます。告示第7号は6歳未満の養子が対象です。",
        "An ordinary adoption; a special adoption counts as a biological child. No. 7 of the"
        " notice covers adopted children under 6.",
    ),
    choices=_who("いずれでもない（養子ではない）", "None of these (not adopted)"),
    changeable=False,
)
CHILD_CUSTODY = Fact(
    "japanese_child.custody",
    FactType.BOOL,
    T(
        "あなたは、日本人との間の実子（未成年）の親権者ですか。",
        "Do you have parental authority (親権) over a minor biological child whose other parent"
        " is a Japanese national?",
    ),
    T(
        "子の国籍は問われません。婚姻外の子は日本人の親による認知が必要です。親権者の記載のある戸籍謄本などで確認されます。",
        "The child's own nationality does not matter. A child born outside marriage must have been"
        " acknowledged (認知) by the Japanese parent. Shown by a family register naming the person"
        " with parental authority.",
    ),
)
CHILD_CARE = Fact(
    "japanese_child.actual_care",
    FactType.BOOL,
    T(
        "あなたは日本でその子を現に監護・養育していますか（相当期間）。",
        "Are you actually raising and caring for that child in Japan, and have you for a"
        " considerable period?",
    ),
    T(
        "保育園・学校の在籍証明、同居を示す住民票などで確認されます。",
        "Shown by nursery or school certificates and a residence record showing you live together.",
    ),
)
NEVER_MARRIED = "never_married"
MARRIED = "married"
SEPARATED = "separated"
DIVORCED = "divorced"
WIDOWED = "widowed"
MARITAL_STATUS = Fact(
    "marriage.status",
    FactType.ENUM,
    T("あなたの婚姻の状況を選んでください。", "What is your marital situation?"),
    T(
        "別居中で婚姻が事実上破綻している（離婚は成立していない）場合は「別居」を選んでください。"
        "離婚・死別の後に再婚した場合は「婚姻中」です。",
        "Choose 'separated' if you live apart and the marriage has broken down in fact but no"
        " divorce is final. If you remarried after a divorce or bereavement, choose 'married'.",
    ),
    choices=(
        Choice(NEVER_MARRIED, T("婚姻したことがない（未婚）", "Never married")),
        Choice(MARRIED, T("婚姻中", "Married")),
        Choice(
            SEPARATED,
            T("別居し婚姻が事実上破綻している", "Separated; the marriage has broken down"),
        ),
        Choice(DIVORCED, T("離婚した", "Divorced")),
        Choice(WIDOWED, T("配偶者と死別した", "Widowed")),
    ),
    changeable=False,
)
END_DATE = Fact(
    "marriage.ended_on",
    FactType.DATE,
    T(
        "婚姻が終わった日はいつですか（離婚成立日、死亡日、又は別居を始めた日）。",
        "On what date did the marriage end (divorce final, death of the spouse, or the date you"
        " separated)?",
    ),
    T(
        "配偶者としての活動をしなくなった日です。6か月の期限と14日以内の届出はこの日から数えます。",
        "The day you stopped living as a spouse. The 6-month limit and the 14-day notification"
        " run from this date.",
    ),
    past=True,
    changeable=False,
)
END_DV = Fact(
    "marriage.ended_by_domestic_violence",
    FactType.BOOL,
    T(
        "婚姻が終わった主な原因は、配偶者からの暴力（DV）など相手方の責任でしたか。",
        "Did the marriage end mainly through the other spouse's fault, such as domestic violence?",
    ),
    T(
        "保護命令、相談記録、診断書などがあれば参考になります。",
        "A protection order, support-centre records or medical certificates help to show it.",
    ),
    changeable=False,
)
JAPANESE_DAILY_LIFE = Fact(
    "applicant.japanese_daily_life",
    FactType.BOOL,
    T(
        "日常生活に不自由しない程度の日本語ができますか。",
        "Is your Japanese good enough for daily life?",
    ),
    T(
        "試験の級ではなく、申請書を自分で書けるか、面談で意思疎通できるかで見られるとされます。",
        "Not a test level: it is reportedly judged by whether you can fill in the form yourself"
        " and communicate at interview.",
    ),
)

# --- Building blocks --------------------------------------------------------------------------

GOOD_CONDUCT = Rule(
    id=f"{ID}.good_conduct",
    text=T(
        "素行が善良である（日本又は外国で拘禁刑・罰金刑に処せられていない）",
        "Of good conduct (no sentence of imprisonment or a fine in Japan or abroad)",
    ),
    expr=not_(APPLICANT_CRIMINAL_RECORD),
    citations=(lsrc.NOTICE, lsrc.GOOD_CONDUCT),
)

SPONSOR_ONE_YEAR = Rule(
    id=f"{ID}.sponsor_period_one_year",
    text=T(
        "その「定住者」は1年以上の在留期間を指定されている",
        "That Long-Term Resident has been granted a period of stay of 1 year or more",
    ),
    expr=on_or_after(SPONSOR_PERIOD, 12),
    citations=(lsrc.NOTICE, lsrc.REGULATION_PERIODS_LONG_TERM_RESIDENT),
)

MINOR = Rule(
    id=f"{ID}.minor",
    text=T("未成年である", "A minor"),
    expr=any_of(
        Rule(
            id=f"{ID}.under_20",
            text=T(
                "20歳未満である（令和4年3月31日までの成年年齢）",
                "Under 20 (the age of majority until 2022-03-31)",
            ),
            expr=before(evaluation_date(), shifted(APPLICANT_BIRTH_DATE, years=20)),
            citations=(lsrc.CIVIL_CODE_ART_4_BEFORE_2022,),
            effective=Period(end=MAJORITY_AT_18 - dt.timedelta(days=1)),
        ),
        Rule(
            id=f"{ID}.under_18",
            text=T(
                "18歳未満である（令和4年4月1日からの成年年齢）",
                "Under 18 (the age of majority from 2022-04-01)",
            ),
            expr=before(evaluation_date(), shifted(APPLICANT_BIRTH_DATE, years=18)),
            citations=(lsrc.CIVIL_CODE_ART_4,),
            effective=Period(start=MAJORITY_AT_18),
        ),
    ),
    citations=(lsrc.NOTICE_NO_6, lsrc.CIVIL_CODE_ART_4),
)

UNDER_6 = Rule(
    id=f"{ID}.under_6",
    text=T("6歳未満である", "Under 6 years old"),
    expr=before(evaluation_date(), shifted(APPLICANT_BIRTH_DATE, years=6)),
    citations=(lsrc.NOTICE_NO_7,),
)

PARTNER_FOREIGN = Rule(
    id=f"{ID}.partner_foreign",
    text=T("配偶者は外国人である", "The spouse is a foreign national"),
    expr=not_(PARTNER_JAPANESE),
    citations=(lsrc.NOTICE_NO_5, src.ACT_ART_2_FOREIGN_NATIONAL),
)

STILL_MARRIED = Rule(
    id=f"{ID}.marriage_continues",
    text=T(
        "婚姻中である（別居・離婚・死別していない）", "Married (not separated, divorced or widowed)"
    ),
    expr=eq(MARITAL_STATUS, MARRIED),
    citations=(lsrc.NOTICE_NO_5,),
)

UNMARRIED = Rule(
    id=f"{ID}.unmarried",
    text=T("未婚である（婚姻したことがない）", "Unmarried (never married)"),
    expr=eq(MARITAL_STATUS, NEVER_MARRIED),
    citations=(lsrc.NOTICE_NO_6,),
)

SUPPORTED = Rule(
    id=f"{ID}.supported_by_parent",
    text=T(
        "親（養親）の扶養を受けて生活する", "Lives supported by the parent (or adoptive parent)"
    ),
    expr=lift(SUPPORTED_BY_PARENT),
    citations=(lsrc.NOTICE_NO_6, lsrc.NOTICE_NO_7),
)

NIKKEI_SPONSOR = frozenset({NIKKEI, NIKKEI_SPOUSE})


# --- The notified categories (定住者告示) -----------------------------------------------------


NO_1 = Rule(
    id=f"{ID}.notice_no1",
    text=T(
        "第1号：第三国定住難民（又はその家族・親族）として受け入れが決まっている",
        "No. 1: accepted for third-country resettlement as a refugee, or as a refugee's family member",
    ),
    expr=lift(RESETTLEMENT_REFUGEE),
    citations=(lsrc.NOTICE_NO_1, lsrc.RESETTLEMENT),
)

NO_3 = Rule(
    id=f"{ID}.notice_no3",
    text=T(
        "第3号：日本人の子として出生した者の実子であって、素行が善良である",
        "No. 3: the biological child of a person born as the child of a Japanese national, of good conduct",
    ),
    expr=all_of(NIKKEI_PARENT, GOOD_CONDUCT),
    citations=(lsrc.NOTICE_NO_3, lsrc.NOTICE_TEXT_3_4),
)

NO_4 = Rule(
    id=f"{ID}.notice_no4",
    text=T(
        "第4号：日本人の子として出生しかつて日本に本籍を有した者の実子の実子であって、素行が善良である",
        "No. 4: the biological grandchild of a person born as the child of a Japanese national who"
        " once had a family register in Japan, of good conduct",
    ),
    expr=all_of(NIKKEI_GRANDPARENT, GOOD_CONDUCT),
    citations=(lsrc.NOTICE_NO_4, lsrc.NOTICE_TEXT_3_4),
)

NO_5A = Rule(
    id=f"{ID}.notice_no5a",
    text=T(
        "第5号イ：「日本人の配偶者等」で在留する、日本人の子として出生した者の配偶者",
        "No. 5(a): the spouse of a person born as the child of a Japanese national who resides"
        " with Spouse or Child of Japanese National status",
    ),
    expr=all_of(eq(PARTNER_STATUS, SPOUSE_OF_JAPANESE_STATUS), PARTNER_BORN_CHILD_OF_JAPANESE),
    citations=(lsrc.NOTICE_NO_5,),
)
NO_5B = Rule(
    id=f"{ID}.notice_no5b",
    text=T(
        "第5号ロ：1年以上の在留期間の「定住者」（日系人として許可された者等を除く）の配偶者",
        "No. 5(b): the spouse of a Long-Term Resident with a period of stay of 1 year or more"
        " (not one granted as a Nikkei, nor one who landed as a No. 5 spouse and divorced)",
    ),
    expr=all_of(
        eq(PARTNER_STATUS, LONG_TERM_RESIDENT),
        SPONSOR_ONE_YEAR,
        not_(is_in(SPONSOR_BASIS, {NIKKEI, DIVORCED_NO_5})),
    ),
    citations=(lsrc.NOTICE_NO_5, lsrc.NOTICE_TEXT_5),
)
NO_5C = Rule(
    id=f"{ID}.notice_no5c",
    text=T(
        "第5号ハ：日系人（第3号・第4号）として1年以上の在留期間の「定住者」の配偶者で、素行が善良である",
        "No. 5(c): the spouse of a Nikkei (No. 3 or 4) Long-Term Resident with a period of stay of"
        " 1 year or more, of good conduct",
    ),
    expr=all_of(
        eq(PARTNER_STATUS, LONG_TERM_RESIDENT),
        SPONSOR_ONE_YEAR,
        eq(SPONSOR_BASIS, NIKKEI),
        GOOD_CONDUCT,
    ),
    citations=(lsrc.NOTICE_NO_5, lsrc.NOTICE_TEXT_5),
)
NO_5 = Rule(
    id=f"{ID}.notice_no5",
    text=T(
        "第5号：日本法上有効な婚姻が続いており、イ・ロ・ハのいずれかの者（外国人）の配偶者である",
        "No. 5: in a continuing marriage valid under Japanese law, the spouse of a foreign"
        " national under (a), (b) or (c)",
    ),
    expr=all_of(
        STILL_MARRIED,
        MARRIED_UNDER_JAPANESE_LAW,
        PARTNER_FOREIGN,
        any_of(NO_5A, NO_5B, NO_5C),
    ),
    citations=(lsrc.NOTICE_NO_5, lsrc.NOTICE_TEXT_5),
)

NO_6A = Rule(
    id=f"{ID}.notice_no6a",
    text=T(
        "第6号イ：日本人、永住者又は特別永住者の実子",
        "No. 6(a): the biological child of a Japanese national, Permanent Resident or Special Permanent Resident",
    ),
    expr=is_in(APPLICANT_CHILD_OF, JAPANESE_PR_OR_SPR),
    citations=(lsrc.NOTICE_NO_6,),
)
NO_6B = Rule(
    id=f"{ID}.notice_no6b",
    text=T(
        "第6号ロ：1年以上の在留期間の「定住者」（日系人・その配偶者として許可された者を除く）の実子",
        "No. 6(b): the biological child of a Long-Term Resident with a period of stay of 1 year"
        " or more (not one granted as a Nikkei or a Nikkei's spouse)",
    ),
    expr=all_of(
        eq(APPLICANT_CHILD_OF, CHILD_OF_LONG_TERM_RESIDENT),
        SPONSOR_ONE_YEAR,
        not_(is_in(SPONSOR_BASIS, NIKKEI_SPONSOR)),
    ),
    citations=(lsrc.NOTICE_NO_6, lsrc.NOTICE_TEXT_6),
)
NO_6C = Rule(
    id=f"{ID}.notice_no6c",
    text=T(
        "第6号ハ：日系人（第3号・第4号）又はその配偶者（第5号ハ）として1年以上の在留期間の「定住者」の実子で、素行が善良である",
        "No. 6(c): the biological child of a Long-Term Resident granted as a Nikkei (No. 3 or 4)"
        " or a Nikkei's spouse (No. 5(c)) with a period of stay of 1 year or more, of good conduct",
    ),
    expr=all_of(
        eq(APPLICANT_CHILD_OF, CHILD_OF_LONG_TERM_RESIDENT),
        SPONSOR_ONE_YEAR,
        is_in(SPONSOR_BASIS, NIKKEI_SPONSOR),
        GOOD_CONDUCT,
    ),
    citations=(lsrc.NOTICE_NO_6, lsrc.NOTICE_TEXT_6),
)
NO_6D = Rule(
    id=f"{ID}.notice_no6d",
    text=T(
        "第6号ニ：日本人、永住者、特別永住者又は1年以上の在留期間の「定住者」の配偶者で「日本人の配偶者等」「永住者の配偶者等」で在留する親の実子（連れ子）",
        "No. 6(d): the biological child of a parent residing as Spouse or Child of Japanese"
        " National or of Permanent Resident, married to a Japanese national, Permanent Resident,"
        " Special Permanent Resident or Long-Term Resident with 1 year or more (a stepchild)",
    ),
    expr=any_of(
        is_in(PARENT_SPOUSE_OF, JAPANESE_PR_OR_SPR),
        all_of(eq(PARENT_SPOUSE_OF, CHILD_OF_LONG_TERM_RESIDENT), SPONSOR_ONE_YEAR),
    ),
    citations=(lsrc.NOTICE_NO_6, lsrc.NOTICE_TEXT_6),
)
NO_6 = Rule(
    id=f"{ID}.notice_no6",
    text=T(
        "第6号：親の扶養を受けて生活する未成年で未婚の実子で、イ・ロ・ハ・ニのいずれかに当たる",
        "No. 6: a minor, unmarried biological child supported by the parent, under (a), (b), (c) or (d)",
    ),
    expr=all_of(MINOR, UNMARRIED, SUPPORTED, any_of(NO_6A, NO_6B, NO_6C, NO_6D)),
    citations=(lsrc.NOTICE_NO_6, lsrc.NOTICE_TEXT_6),
)

NO_7 = Rule(
    id=f"{ID}.notice_no7",
    text=T(
        "第7号：日本人、永住者、1年以上の在留期間の「定住者」又は特別永住者の扶養を受けて生活する6歳未満の養子",
        "No. 7: an adopted child under 6 supported by a Japanese national, Permanent Resident,"
        " Long-Term Resident with 1 year or more, or Special Permanent Resident",
    ),
    expr=all_of(
        UNDER_6,
        SUPPORTED,
        any_of(
            is_in(ADOPTED_BY, JAPANESE_PR_OR_SPR),
            all_of(eq(ADOPTED_BY, CHILD_OF_LONG_TERM_RESIDENT), SPONSOR_ONE_YEAR),
        ),
    ),
    citations=(lsrc.NOTICE_NO_7,),
)

NO_8 = Rule(
    id=f"{ID}.notice_no8",
    text=T(
        "第8号：中国残留邦人等又はその親族である",
        "No. 8: a Japanese left behind in China, or a relative covered by No. 8",
    ),
    expr=lift(LEFT_BEHIND_IN_CHINA),
    citations=(lsrc.NOTICE_NO_8, lsrc.NOTICE_TEXT_8),
)

NOTIFIED = Rule(
    id=f"{ID}.notified_category",
    text=T(
        "定住者告示（平成2年法務省告示第132号）の第1号又は第3号から第8号までのいずれかに当たる（第2号は削除）",
        "A category of the Long-Term Resident notice (MOJ Notice No. 132 of 1990) applies: No. 1"
        " or Nos. 3 to 8 (No. 2 has been deleted)",
    ),
    expr=any_of(NO_1, NO_3, NO_4, NO_5, NO_6, NO_7, NO_8),
    citations=(lsrc.NOTICE, lsrc.NOTICE_NO_2_DELETED, lsrc.ACT_TABLE_II_LONG_TERM_RESIDENT),
)


# --- Non-notified cases (告示外定住) ---------------------------------------------------------

RAISING_JAPANESE_CHILD = Rule(
    id=f"{ID}.raising_japanese_child",
    text=T(
        "日本人の実子の親権者として、日本でその子を現に監護・養育している",
        "Has parental authority over a Japanese national's biological child and actually raises"
        " the child in Japan",
    ),
    expr=all_of(CHILD_CUSTODY, CHILD_CARE),
    citations=(lsrc.JAPANESE_CHILD_NOTICE_1996, lsrc.ISA_DIVORCE_EXAMPLES),
)

WAS_SPOUSE = Rule(
    id=f"{ID}.spouse_of_japanese_or_permanent",
    text=T(
        "婚姻の相手は日本人、永住者又は特別永住者（日本法上有効な婚姻）",
        "The marriage (valid under Japanese law) is or was to a Japanese national, Permanent"
        " Resident or Special Permanent Resident",
    ),
    expr=lift(SPOUSE_OF_JAPANESE_OR_PERMANENT),
    citations=(lsrc.DIVORCE_PRACTICE, lsrc.ISA_DIVORCE_EXAMPLES),
)

MARRIAGE_ENDED = Rule(
    id=f"{ID}.marriage_ended",
    text=T(
        "離婚、死別、又は別居により婚姻が事実上破綻した",
        "The marriage ended by divorce or death, or broke down in fact (separation)",
    ),
    expr=is_in(MARITAL_STATUS, {DIVORCED, WIDOWED, SEPARATED}),
    citations=(lsrc.ISA_DIVORCE_EXAMPLES, lsrc.ISA_DIVORCE_EXAMPLES_TEXT),
)

MARRIED_LIFE_IN_JAPAN = Rule(
    id=f"{ID}.married_life_3_years",
    text=T(
        "婚姻から婚姻が終わるまでおおむね3年以上（日本での正常な婚姻生活として資料で示す。相手方のDV等による破綻の場合は短くても考慮される）",
        "The marriage lasted about 3 years or more before it ended (shown by documents as normal"
        " married life in Japan; a shorter marriage ended by the other spouse's domestic violence"
        " is still considered)",
    ),
    expr=unless(
        on_or_after(END_DATE, shifted(RELATIONSHIP_DATE, years=3)),
        exception(
            T(
                "相手方のDV等により婚姻が破綻した場合",
                "The marriage broke down through the other spouse's domestic violence",
            ),
            END_DV,
            True,
            lsrc.DIVORCE_DV,
            lsrc.ISA_DIVORCE_EXAMPLES,
        ),
    ),
    citations=(lsrc.DIVORCE_PRACTICE, lsrc.DIVORCE_DV),
)

AFTER_DIVORCE_OR_BEREAVEMENT = Rule(
    id=f"{ID}.after_divorce_or_bereavement",
    text=T(
        "日本人・永住者・特別永住者の配偶者であったが、離婚・死別等の後も日本での在留を希望する",
        "Was the spouse of a Japanese national, Permanent Resident or Special Permanent Resident,"
        " and wishes to stay after divorce or bereavement",
    ),
    expr=all_of(WAS_SPOUSE, MARRIAGE_ENDED, MARRIED_LIFE_IN_JAPAN),
    citations=(lsrc.DIVORCE_PRACTICE, lsrc.ISA_DIVORCE_EXAMPLES),
)

RECOGNISED_PROTECTION = Rule(
    id=f"{ID}.recognised_refugee_or_protection",
    text=T(
        "難民又は補完的保護対象者として認定されている",
        "Recognised as a refugee or as a person eligible for complementary protection",
    ),
    expr=is_in(PROTECTION_RECOGNISED, {REFUGEE, COMPLEMENTARY_PROTECTION}),
    citations=(lsrc.REFUGEE_NON_NOTIFIED,),
)

NON_NOTIFIED = Rule(
    id=f"{ID}.non_notified_case",
    text=T(
        "告示外の定住者として個別に判断される事情がある",
        "A non-notified situation that is assessed case by case",
    ),
    expr=any_of(RAISING_JAPANESE_CHILD, AFTER_DIVORCE_OR_BEREAVEMENT, RECOGNISED_PROTECTION),
    citations=(lsrc.NON_NOTIFIED_CHANGE_ONLY, lsrc.REFUGEE_NON_NOTIFIED),
)


# --- Conditions for advice: shown only while the case may rest on that basis -----------------

NOTICE_CATEGORIES = (NO_1, NO_3, NO_4, NO_5, NO_6, NO_7, NO_8)


def _may_rest_on(category: Rule, ja: str, en: str) -> Rule:
    """The case may rest on `category`: it may hold, and no other notified category holds."""
    others = [c for c in NOTICE_CATEGORIES if c is not category]
    return Rule(
        id=f"{category.id}.may_be_the_basis",
        text=T(ja, en),
        expr=all_of(category, not_(any_of(*others))),
        citations=category.citations,
    )


def _outside_notice(rule: Rule, ja: str, en: str) -> Rule:
    """A non-notified situation that matters because no notified category holds."""
    return Rule(
        id=f"{rule.id}.outside_notice",
        text=T(ja, en),
        expr=all_of(not_(NOTIFIED), rule),
        citations=rule.citations,
    )


RESETTLEMENT_BASIS = _may_rest_on(
    NO_1, "第三国定住（第1号）によって判断される", "The case rests on resettlement (No. 1)"
)
CHILD_BASIS = _may_rest_on(
    NO_6, "未成年の実子（第6号）によって判断される", "The case rests on a minor child (No. 6)"
)
ONLY_NON_NOTIFIED = _outside_notice(
    NON_NOTIFIED,
    "告示に当たらず、告示外の事情によって判断される",
    "No notified category applies; a non-notified situation is assessed",
)
ONLY_RAISING_CHILD = _outside_notice(
    RAISING_JAPANESE_CHILD,
    "告示に当たらず、日本人実子の養育によって判断される",
    "No notified category applies; raising a Japanese child is assessed",
)
ONLY_AFTER_DIVORCE = _outside_notice(
    AFTER_DIVORCE_OR_BEREAVEMENT,
    "告示に当たらず、離婚・死別後の事情によって判断される",
    "No notified category applies; the situation after divorce or bereavement is assessed",
)


# --- The requirements ---------------------------------------------------------------------------

IN_FORCE = in_force_rule(
    ID,
    T(
        "「定住者」の在留資格と定住者告示が施行されている（平成2年6月1日から）",
        "Long-Term Resident status and the notice are in force (from 1990-06-01)",
    ),
    IN_FORCE_DATE,
    (lsrc.ACT_TABLE_II_LONG_TERM_RESIDENT, lsrc.NOTICE),
)

BASIS = Requirement(
    Rule(
        id=f"{ID}.basis",
        text=T(
            "定住者告示の地位、又は告示外で定住者が認められ得る事情に当たる",
            "A category of the notice, or a non-notified situation in which Long-Term Resident may be granted, applies",
        ),
        expr=any_of(NOTIFIED, NON_NOTIFIED),
        citations=(lsrc.ACT_TABLE_II_LONG_TERM_RESIDENT, lsrc.NOTICE),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "婚姻が続いている日本人・永住者・特別永住者の配偶者は「日本人の配偶者等」「永住者の配偶者等」の対象です。",
                "A spouse in a continuing marriage to a Japanese national, Permanent Resident or"
                " Special Permanent Resident falls under Spouse or Child of Japanese National or"
                " of Permanent Resident.",
            ),
            (src.ACT_APPENDED_TABLES,),
        ),
        Alternative(
            T(
                "離婚・死別後の「おおむね3年」は実務上の目安で、法律の要件ではありません。日本人の実子の養育など他の事情があれば個別に判断されます。専門家に相談してください。",
                "The 'about 3 years' after divorce or bereavement is a practical guide, not a"
                " statutory condition; other circumstances, such as raising a Japanese child, are"
                " weighed case by case. Seek advice.",
            ),
            (lsrc.DIVORCE_PRACTICE, lsrc.DIVORCE_DV, lsrc.ISA_DIVORCE_EXAMPLES),
        ),
        Alternative(
            T(
                "日本人の同性配偶者への「定住者」は東京高裁令和5年11月2日判決で認められず確定しましたが、その後「特定活動」（1年）が許可されています。",
                "Long-Term Resident for the same-sex spouse of a Japanese national was refused (Tokyo"
                " High Court, 2023-11-02, final); Designated Activities (1 year) was granted afterwards.",
            ),
            (src.TOKYO_HIGH_COURT_2023, src.SUPREME_COURT_2025),
        ),
        OWN_STATUS,
        Alternative(
            T(
                "在留資格がない場合は、在留特別許可（入管法第50条）が考慮されることがあります。専門家に相談してください。",
                "Without a status, special permission to stay (Art. 50) may be considered. Seek legal advice.",
            ),
            (src.ACT_ART_50_SPECIAL_PERMISSION,),
        ),
    ),
)

NOTIFIED_REQUIREMENT = Requirement(
    NOTIFIED,
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "告示外の定住者は、在留資格変更の「相当の理由」（入管法第20条）として、在留状況・生計・日本語能力・公的義務などを総合して個別に判断されます。"
                "入管の公表事例では、許可例の在留期間は最短約5年1か月、不許可例は最長4年10か月でした。",
                "A non-notified case is decided on whether there are reasonable grounds for a change"
                " of status (Art. 20), weighing the record of stay, livelihood, Japanese and public"
                " duties. In ISA's published examples the shortest stay among grants was about 5"
                " years 1 month, the longest among refusals 4 years 10 months.",
            ),
            (
                src.ACT_ART_20_CHANGE_OF_STATUS,
                lsrc.ISA_DIVORCE_EXAMPLES,
                lsrc.ISA_EXAMPLES_ANALYSIS,
            ),
        ),
    ),
)


# --- Factors a non-notified assessment weighs ------------------------------------------------

FACTORS = (
    Factor(
        Rule(
            id=f"{ID}.factor.independent_livelihood",
            text=T(
                "生計を営むに足りる資産又は技能がある",
                "Has assets or skills sufficient to make a living",
            ),
            expr=lift(APPLICANT_INDEPENDENT_LIVELIHOOD),
            citations=(lsrc.DIVORCE_PRACTICE, lsrc.JAPANESE_CHILD_NOTICE_1996),
        ),
        Weight.FAVOURABLE,
    ),
    Factor(
        Rule(
            id=f"{ID}.factor.japanese_for_daily_life",
            text=T(
                "日常生活に不自由しない程度の日本語能力がある",
                "Japanese good enough for daily life",
            ),
            expr=lift(JAPANESE_DAILY_LIFE),
            citations=(lsrc.DIVORCE_PRACTICE, lsrc.JAPANESE_LANGUAGE),
        ),
        Weight.FAVOURABLE,
    ),
    Factor(
        Rule(
            id=f"{ID}.factor.public_duties",
            text=T(
                "納税、年金・医療保険料の納付、入管法上の届出などの公的義務を履行している",
                "Meets public duties: taxes, pension and health insurance, Immigration Act notifications",
            ),
            expr=all_of(
                DUTIES_TAXES, DUTIES_PENSION, DUTIES_HEALTH_INSURANCE, DUTIES_NOTIFICATIONS
            ),
            citations=(lsrc.DIVORCE_PRACTICE,),
        ),
        Weight.FAVOURABLE,
    ),
    Factor(
        Rule(
            id=f"{ID}.factor.long_stay",
            text=T(
                "日本に引き続き5年以上在留している（入管の公表事例の許可例の目安）",
                "Has lived in Japan for 5 years or more without a break (the range of the grants in ISA's examples)",
            ),
            expr=on_or_after(evaluation_date(), shifted(APPLICANT_RESIDENT_SINCE, years=5)),
            citations=(lsrc.ISA_EXAMPLES_ANALYSIS, lsrc.ISA_DIVORCE_EXAMPLES),
        ),
        Weight.FAVOURABLE,
    ),
    Factor(
        Rule(
            id=f"{ID}.factor.criminal_record",
            text=T(
                "拘禁刑・罰金刑を受けたことがある（入管の不許可事例：詐欺・傷害の前科）",
                "Has a sentence of imprisonment or a fine (an ISA refusal example: convictions for fraud and injury)",
            ),
            expr=lift(APPLICANT_CRIMINAL_RECORD),
            citations=(lsrc.ISA_DIVORCE_EXAMPLES,),
        ),
        Weight.UNFAVOURABLE,
    ),
)


# --- What to do ----------------------------------------------------------------------------

HOLDS_SPOUSE_STATUS = Rule(
    id=f"{ID}.holds_spouse_status",
    text=T(
        "現在「日本人の配偶者等」又は「永住者の配偶者等」で在留している",
        "Currently holds Spouse or Child of Japanese National or of Permanent Resident",
    ),
    expr=is_in(APPLICANT_STATUS, SPOUSE_STATUSES),
    citations=(lsrc.ACT_ART_22_4_SPOUSE_SIX_MONTHS,),
)

ALREADY_LONG_TERM_RESIDENT = Rule(
    id=f"{ID}.already_long_term_resident",
    text=T("すでに「定住者」で在留している", "Already holds Long-Term Resident"),
    expr=eq(APPLICANT_STATUS, LONG_TERM_RESIDENT),
    citations=(lsrc.ACT_ART_21_EXTENSION,),
)

NIKKEI_DESCENT = Rule(
    id=f"{ID}.nikkei_descent",
    text=T(
        "日本人の子として出生した親又は祖父母がいる（告示第3号・第4号の系譜）",
        "Descends from a person born as the child of a Japanese national (the lines of Nos. 3 and 4)",
    ),
    expr=any_of(NIKKEI_PARENT, NIKKEI_GRANDPARENT),
    citations=(lsrc.NOTICE_NO_3, lsrc.NOTICE_NO_4),
)

CHILD_OF_JAPANESE_RULE = Rule(
    id=f"{ID}.minor_child_of_japanese",
    text=T("日本人の未成年の実子である", "A minor biological child of a Japanese national"),
    expr=all_of(CHILD_BASIS, eq(APPLICANT_CHILD_OF, CHILD_OF_JAPANESE)),
    citations=(lsrc.NOTICE_NO_6,),
)

NEEDS_GOOD_CONDUCT = Rule(
    id=f"{ID}.good_conduct_may_be_needed",
    text=T(
        "素行善良の要件がある告示の号（第3号、第4号、第5号ハ、第6号ハ）に当たる可能性がある",
        "A category with a good-conduct condition (Nos. 3, 4, 5(c), 6(c)) may apply",
    ),
    expr=any_of(
        NIKKEI_DESCENT,
        all_of(
            any_of(
                all_of(STILL_MARRIED, eq(PARTNER_STATUS, LONG_TERM_RESIDENT)),
                all_of(MINOR, eq(APPLICANT_CHILD_OF, CHILD_OF_LONG_TERM_RESIDENT)),
            ),
            is_in(SPONSOR_BASIS, NIKKEI_SPONSOR),
        ),
    ),
    citations=(lsrc.NOTICE, lsrc.GOOD_CONDUCT),
)

_END_STATUSES = all_of(HOLDS_SPOUSE_STATUS, MARRIAGE_ENDED)

GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "certificate_of_eligibility",
            T(
                "告示の地位に当たる場合、海外からは日本にいる親族等が地方出入国在留管理官署で「在留資格認定証明書」を申請し、"
                "交付後に在外公館で査証を申請します。日本に他の在留資格で在留している場合は「在留資格変更許可申請」をします。",
                "For a notified category, from abroad a relative in Japan applies for a Certificate of"
                " Eligibility at the regional immigration bureau; you then apply for a visa at a"
                " Japanese embassy or consulate. If you are in Japan with another status, apply for a"
                " change of status.",
            ),
            (lsrc.ACT_ART_7_2_COE, lsrc.NOTICE, lsrc.NON_NOTIFIED_CHANGE_ONLY),
            when=NOTIFIED,
        ),
        GuidanceItem(
            "change_of_status_only",
            T(
                "告示外の定住者は在留資格認定証明書の対象外で、日本にいる間に「在留資格変更許可申請」をする方法に限られます。"
                "住居地を管轄する地方出入国在留管理官署に、理由書と生計・養育状況の資料を添えて申請します。",
                "A non-notified case cannot use a Certificate of Eligibility: the only way is an"
                " application for change of status while you are in Japan, at the regional bureau for"
                " your address, with a statement of reasons and evidence of livelihood and care of"
                " any child.",
            ),
            (
                src.ACT_ART_20_CHANGE_OF_STATUS,
                src.ISA_CHANGE_OF_STATUS,
                lsrc.NON_NOTIFIED_CHANGE_ONLY,
            ),
            when=ONLY_NON_NOTIFIED,
        ),
        GuidanceItem(
            "spouse_six_months",
            T(
                "配偶者の在留資格のまま配偶者としての活動をしない状態が6か月以上続くと、在留資格取消しの対象になり得ます"
                "（入管法第22条の4第1項第7号）。取消しの前には変更申請の機会への配慮が定められています（第22条の5）が、早めに変更を申請してください。"
                "離婚・死別は14日以内に入管へ届け出ます（第19条の16）。",
                "If you keep a spouse status without living as a spouse for 6 months or more, the"
                " status can be revoked (Art. 22-4(1)(vii)). The Act requires considering a chance to"
                " apply for a change first (Art. 22-5), but apply early. Notify ISA of a divorce or"
                " the spouse's death within 14 days (Art. 19-16).",
            ),
            (
                lsrc.ACT_ART_22_4_SPOUSE_SIX_MONTHS,
                lsrc.ACT_ART_22_5_CHANCE_TO_CHANGE,
                lsrc.ACT_ART_19_16_NOTIFICATION,
            ),
            when=ONLY_AFTER_DIVORCE,
        ),
        GuidanceItem(
            "resettlement",
            T(
                "第三国定住難民は、日本政府がUNHCRの推薦に基づき選考して受け入れます。個人で申請する手続はありません。",
                "Resettlement refugees are selected by the Government of Japan on UNHCR's"
                " recommendation; there is no individual application.",
            ),
            (lsrc.RESETTLEMENT, lsrc.NOTICE_NO_1),
            when=RESETTLEMENT_BASIS,
        ),
        GuidanceItem(
            "extension",
            T(
                "すでに「定住者」をお持ちの場合は、在留期間の満了前に「在留期間更新許可申請」をします。",
                "If you already hold Long-Term Resident, apply for an extension of the period of stay before it ends.",
            ),
            (lsrc.ACT_ART_21_EXTENSION,),
            when=ALREADY_LONG_TERM_RESIDENT,
        ),
        GuidanceItem(
            "period_and_work",
            T(
                "在留期間は5年、3年、1年、6月又は5年以内で指定される期間です。就労の制限はありません。",
                "The period of stay is 5 years, 3 years, 1 year, 6 months, or a designated period of"
                " up to 5 years. There is no restriction on work.",
            ),
            (lsrc.REGULATION_PERIODS_LONG_TERM_RESIDENT, lsrc.ACT_TABLE_II_LONG_TERM_RESIDENT),
        ),
    ),
    documents=(
        Document(
            T(
                "在留資格変更許可申請書（又は在留資格認定証明書交付申請書）と写真（縦4cm×横3cm）",
                "Application form for change of status (or for a Certificate of Eligibility) and a"
                " photograph (4 cm x 3 cm)",
            ),
            (src.ISA_CHANGE_OF_STATUS, lsrc.DOCUMENTS_DIVORCE),
        ),
        Document(
            T(
                "旅券及び在留カード（提示）",
                "Passport and residence card (shown at the counter)",
            ),
            (src.ISA_CHANGE_OF_STATUS,),
        ),
        Document(
            T(
                "日本人の先祖との関係を示す戸籍謄本・出生証明書・婚姻証明書など（日本語訳付き）",
                "Japanese family registers and birth and marriage certificates showing descent from"
                " the Japanese ancestor, with Japanese translations",
            ),
            (lsrc.NOTICE_TEXT_3_4,),
            when=NIKKEI_DESCENT,
        ),
        Document(
            T(
                "本国の犯罪経歴証明書（素行善良の確認）",
                "Criminal record certificate from your country (to show good conduct)",
            ),
            (lsrc.GOOD_CONDUCT,),
            when=NEEDS_GOOD_CONDUCT,
        ),
        Document(
            T(
                "日本人実子の戸籍謄本（親権者の記載のあるもの）、住民票、保育園・学校の在籍証明など養育状況の資料",
                "The Japanese child's family register naming you as the person with parental"
                " authority, residence record, and nursery or school certificates",
            ),
            (lsrc.JAPANESE_CHILD_NOTICE_1996,),
            when=ONLY_RAISING_CHILD,
        ),
        Document(
            T(
                "前配偶者の戸籍謄本（離婚・死亡の記載のあるもの）又は離婚届受理証明書",
                "The former spouse's family register showing the divorce or death, or a certificate"
                " of acceptance of the divorce notification",
            ),
            (lsrc.DOCUMENTS_DIVORCE,),
            when=ONLY_AFTER_DIVORCE,
        ),
        Document(
            T(
                "住民税の課税（又は非課税）証明書・納税証明書、在職証明書又は確定申告書の写し、住民票（世帯全員）",
                "Residence-tax and tax-payment certificates, certificate of employment or a copy of"
                " the tax return, and a residence record listing the household",
            ),
            (lsrc.DOCUMENTS_DIVORCE,),
        ),
        Document(
            T("身元保証書", "Letter of guarantee"),
            (lsrc.DOCUMENTS_DIVORCE,),
        ),
        Document(
            T(
                "理由書（離婚・死別の事情、子の養育状況、生活状況、日本に在留する必要性）",
                "Statement of reasons (how the marriage ended, care of any child, living"
                " situation, why you need to stay in Japan)",
            ),
            (lsrc.DOCUMENTS_DIVORCE,),
            when=ONLY_NON_NOTIFIED,
        ),
    ),
    procedure="change_of_status",
    deadlines=(
        Deadline(
            "apply_before_stay_ends",
            T(
                "現在の在留期間の満了日までに申請する",
                "Apply before your current period of stay ends",
            ),
            lift(APPLICANT_STAY_EXPIRES),
            (src.ACT_ART_20_CHANGE_OF_STATUS, src.ISA_CHANGE_OF_STATUS),
        ),
        Deadline(
            "notify_end_of_marriage",
            T(
                "離婚・死別を入管に届け出る期限（14日以内）",
                "Notify ISA of the divorce or the spouse's death (within 14 days)",
            ),
            if_(
                all_of(HOLDS_SPOUSE_STATUS, is_in(MARITAL_STATUS, {DIVORCED, WIDOWED})),
                shifted(END_DATE, days=14),
                Const(None),
            ),
            (lsrc.ACT_ART_19_16_NOTIFICATION,),
        ),
        Deadline(
            "spouse_activity_six_months",
            T(
                "配偶者としての活動をしなくなってから6か月：この日までに変更申請をしないと在留資格取消しの対象になり得る",
                "6 months after you stopped living as a spouse: apply for the change by this date,"
                " or the spouse status can be revoked",
            ),
            if_(_END_STATUSES, shifted(END_DATE, months=6), Const(None)),
            (lsrc.ACT_ART_22_4_SPOUSE_SIX_MONTHS, lsrc.ACT_ART_22_5_CHANCE_TO_CHANGE),
        ),
    ),
)

CAVEATS = (
    GuidanceItem(
        "not_permanent_residence",
        T(
            "「定住者」は「永住者」ではありません。「定住者」には在留期間があり、満了前に更新が必要です。両者を混同している情報が多いので注意してください。",
            "Long-Term Resident (定住者) is NOT Permanent Resident (永住者): it has a period of stay"
            " and must be extended before it ends. Many sources mix the two up.",
        ),
        (
            lsrc.ACT_TABLE_II_LONG_TERM_RESIDENT,
            lsrc.REGULATION_PERIODS_LONG_TERM_RESIDENT,
            lsrc.NOT_PERMANENT,
        ),
    ),
    GuidanceItem(
        "notice_numbers",
        T(
            "定住者告示の第2号は削除されています。第1号を「インドシナ難民」、第2号を「ベトナム難民」とする解説は古い情報です。",
            "No. 2 of the notice has been deleted. Lists that describe No. 1 as Indochinese refugees"
            " and No. 2 as Vietnamese refugees are out of date.",
        ),
        (lsrc.NOTICE_NO_2_DELETED, lsrc.NOTICE),
        when=NOTIFIED,
    ),
    GuidanceItem(
        "good_conduct_traffic_fines",
        T(
            "素行善良の判断では、交通違反による罰金のみの場合は除かれるとされています。刑の効力が消滅した前科（拘禁刑は執行終了後10年、罰金は5年）も除かれます。",
            "For good conduct, a fine for a traffic offence alone is reportedly disregarded, as are"
            " sentences that have lapsed (10 years after a prison term, 5 years after a fine).",
        ),
        (lsrc.GOOD_CONDUCT,),
        when=NEEDS_GOOD_CONDUCT,
    ),
    GuidanceItem(
        "born_child_of_japanese",
        T(
            "日本人の子として出生した方（出生時に親が日本国籍）は、通常「日本人の配偶者等」の対象です。第6号イは、例えば親が出生後に帰化した子を対象とします。",
            "A person born as the child of a Japanese national (the parent was Japanese at the"
            " birth) usually falls under Spouse or Child of Japanese National; No. 6(a) serves, for"
            " example, children born before the parent naturalised.",
        ),
        (lsrc.NOTICE_TEXT_6, src.ACT_APPENDED_TABLES),
        when=CHILD_OF_JAPANESE_RULE,
    ),
    GuidanceItem(
        "minor_is_under_18",
        T(
            "告示の「未成年」は、民法改正により令和4年4月1日から18歳未満（それ以前は20歳未満）です。入管による告示の解釈の公表は確認できていません。",
            "The notice's 'minor' means under 18 from 2022-04-01 (under 20 before), following the"
            " Civil Code; no ISA statement on the notice's reading has been seen.",
        ),
        (lsrc.CIVIL_CODE_ART_4, lsrc.CIVIL_CODE_ART_4_BEFORE_2022),
        when=CHILD_BASIS,
    ),
    GuidanceItem(
        "published_examples",
        T(
            "入管は「日本人の配偶者等」「永住者の配偶者等」から「定住者」への変更の許可・不許可事例を公表しています。類似の事例でも結論が異なることがあります。",
            "ISA publishes granted and refused examples of changes from the spouse statuses to"
            " Long-Term Resident; similar cases can still be decided differently.",
        ),
        (lsrc.ISA_DIVORCE_EXAMPLES, lsrc.ISA_DIVORCE_EXAMPLES_TEXT),
        when=ONLY_AFTER_DIVORCE,
    ),
)

PATHWAY = Pathway(
    id=ID,
    title=T("定住者", "Long-Term Resident"),
    target_status=LONG_TERM_RESIDENT,
    summary=T(
        "定住者告示の地位（日系人、定住者等の配偶者・子、6歳未満の養子、第三国定住難民、中国残留邦人等）に当たる方は「定住者」の対象です。"
        "告示外でも、日本人の実子の養育、日本人・永住者等との離婚・死別、難民認定などの事情があれば、変更申請により個別に判断されます。",
        "Persons in a category of the Long-Term Resident notice (Nikkei descendants, spouses and"
        " children of residents, adopted children under 6, resettled refugees, Japanese left"
        " behind in China) qualify for Long-Term Resident. Outside the notice, raising a Japanese"
        " child, divorce or bereavement from a Japanese or permanent-resident spouse, or refugee"
        " recognition may lead to a case-by-case grant on a change of status.",
    ),
    in_force=IN_FORCE,
    requirements=(APPLICANT_FOREIGN_REQUIRED, BASIS, NOTIFIED_REQUIREMENT),
    guidance=GUIDANCE,
    caveats=CAVEATS,
    factors=FACTORS,
    help_topics=("immigration",),
)

PATHWAYS: tuple[Pathway, ...] = (PATHWAY,)

CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        f"{ID}.marriage_end_before_marriage",
        T(
            "婚姻が終わった日が婚姻の日より前です。",
            "the marriage ended before the date of the marriage",
        ),
        before(END_DATE, RELATIONSHIP_DATE),
    ),
    Constraint(
        f"{ID}.marriage_end_date_without_end",
        T(
            "未婚又は婚姻中なのに、婚姻が終わった日が入力されています。",
            "a date for the end of a marriage is given, but the applicant is never married or still married",
        ),
        all_of(is_in(MARITAL_STATUS, {NEVER_MARRIED, MARRIED}), on_or_after(END_DATE, END_DATE)),
    ),
)
