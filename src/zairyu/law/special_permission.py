"""Special permission to stay (在留特別許可): Immigration Act Art. 50.

The Minister of Justice may, on application or ex officio, permit a foreign national who is
subject to deportation to stay, if (i) they hold permanent residence, (ii) they were once a
Japanese national with a family register in Japan, (iii) they stay under another's control through
trafficking, (iv) they are a recognised refugee or complementary-protection person, or (v) the
Minister finds other special reasons. It is never an entitlement: the pathway's ceiling is
``discretionary``, and the guideline's favourable and unfavourable factors are what the decision
weighs.

Dates: the 2023 amendment (Act No. 56 of 2023) took effect on 2024-06-10. From that day a person
can *apply*, but only from detention under a detention order (including provisional release) or
supervision measures until a deportation order is issued; item (iv) and the proviso excluding
persons sentenced to life or more than one year of imprisonment were added the same day. Before,
there was no application: the Minister considered special permission ex officio in the deportation
proceedings, on the objection against the finding of a deportation ground.

The guideline was revised in March 2024 and applied from 2024-06-10. Only its official summary
was read; the detailed factors below come from the 2009 guideline as reproduced by practitioners,
or from secondary paraphrase of the 2024 text, and are cited as such.
"""

from __future__ import annotations

import datetime as dt

from zairyu.data.statuses import NO_STATUS
from zairyu.engine.case import Constraint
from zairyu.engine.expr import (
    Period,
    Rule,
    all_of,
    any_of,
    before,
    eq,
    evaluation_date,
    if_,
    is_in,
    lift,
    not_,
    on_or_after,
    shifted,
)
from zairyu.engine.facts import Choice, Fact, FactType
from zairyu.engine.pathway import (
    Alternative,
    Document,
    Effect,
    Factor,
    Guidance,
    GuidanceItem,
    Outcome,
    Pathway,
    Requirement,
    Weight,
    in_force_rule,
)
from zairyu.engine.text import Text
from zairyu.law import sources as src
from zairyu.law import special_permission_sources as sps
from zairyu.law.common import (
    APPLICANT_FOREIGN,
    MARRIED_UNDER_JAPANESE_LAW,
    PARTNER_JAPANESE,
    SPOUSE_OF_JAPANESE_OR_PERMANENT,
)
from zairyu.law.facts import (
    APPLICANT_BIRTH_DATE,
    APPLICANT_CHILD_OF,
    APPLICANT_CRIMINAL_RECORD,
    APPLICANT_IN_JAPAN,
    APPLICANT_LANDED_ON,
    APPLICANT_STATUS,
    CHILD_OF_JAPANESE,
    CHILD_OF_LONG_TERM_RESIDENT,
    CHILD_OF_PERMANENT_RESIDENT,
    CHILD_OF_SPECIAL_PERMANENT_RESIDENT,
    COMPLEMENTARY_PROTECTION,
    DEPORTATION_ORDER_ISSUED,
    LIVING_TOGETHER,
    PARTNER_STATUS,
    PROTECTION_RECOGNISED,
    REFUGEE,
    STATUSES,
)

T = Text
ID = "special_permission_to_stay"
AMENDMENT_IN_FORCE = dt.date(2024, 6, 10)
BEFORE_AMENDMENT = Period(end=AMENDMENT_IN_FORCE - dt.timedelta(days=1))
FROM_AMENDMENT = Period(start=AMENDMENT_IN_FORCE)
MAJORITY_AT_18 = dt.date(2022, 4, 1)
# zairyu's marker for a "long" unlawful stay: the guideline publishes no number.
LONG_UNLAWFUL_STAY_YEARS = 10
# The 2009 guideline's example of a long, settled stay ("about 20 years").
LONG_STAY_YEARS = 20
HELD_STATUSES = frozenset(STATUSES.names) - {NO_STATUS}


# --- Facts only this pathway reads ------------------------------------------------------------

OVERSTAY = "overstay"
ILLEGAL_ENTRY = "illegal_entry"
UNAUTHORISED_ACTIVITY = "unauthorised_activity"
CRIMINAL_OR_OTHER = "criminal_or_other"
NO_GROUND = "none"

DEPORTATION_GROUND = Fact(
    "deportation.ground",
    FactType.ENUM,
    T(
        "あなたは退去強制事由（入管法第24条）に当たりますか。当たる場合、主なものはどれですか。",
        "Do you fall under a deportation ground (Immigration Act Art. 24)? If so, which is the main one?",
    ),
    T(
        "在留期間を過ぎて在留している（不法残留）、正規の手続を経ずに入国・上陸した（不法入国・不法上陸）、"
        "許可なく就労した（資格外活動）、刑罰法令違反などその他の事由、又は当たらない、から選んでください。",
        "Choose: staying past your period of stay (overstay); entering or landing without the"
        " proper procedure (illegal entry); working without permission (unauthorised activity);"
        " a criminal conviction or another ground; or none.",
    ),
    choices=(
        Choice(OVERSTAY, T("不法残留（オーバーステイ）", "Overstay")),
        Choice(ILLEGAL_ENTRY, T("不法入国・不法上陸", "Illegal entry or landing")),
        Choice(
            UNAUTHORISED_ACTIVITY,
            T("資格外活動（許可のない就労）", "Unauthorised work or activity"),
        ),
        Choice(
            CRIMINAL_OR_OTHER,
            T("刑罰法令違反その他の事由", "A criminal conviction or another ground"),
        ),
        Choice(NO_GROUND, T("当たらない", "None")),
    ),
    changeable=False,
)

ORDER_ISSUED = DEPORTATION_ORDER_ISSUED

STAGE_NONE = "none"
STAGE_INVESTIGATION = "investigation"
STAGE_DETAINED_OR_SUPERVISED = "detained_or_supervised"

STAGE = Fact(
    "deportation.stage",
    FactType.ENUM,
    T(
        "退去強制の手続は今どの段階ですか。",
        "Where are you in deportation proceedings now?",
    ),
    T(
        "入管に出頭・摘発されていない、入管の調査（違反調査）中で収容令書・監理措置はまだ、"
        "収容令書により収容されている（仮放免中を含む）又は監理措置に付されている、から選んでください。",
        "Choose: immigration has not been contacted and has not found you; under investigation,"
        " with no detention order or supervision yet; or detained under a detention order"
        " (including provisional release, 仮放免) or placed under supervision measures (監理措置).",
    ),
    choices=(
        Choice(STAGE_NONE, T("手続は始まっていない", "No proceedings have started")),
        Choice(
            STAGE_INVESTIGATION,
            T(
                "調査中（収容令書・監理措置はまだ）",
                "Under investigation (no detention order or supervision yet)",
            ),
        ),
        Choice(
            STAGE_DETAINED_OR_SUPERVISED,
            T(
                "収容令書による収容（仮放免を含む）又は監理措置",
                "Detained under a detention order (incl. provisional release) or under supervision",
            ),
        ),
    ),
    asked_when=(ORDER_ISSUED.name, False),
)

SELF_REPORTED = Fact(
    "deportation.self_reported",
    FactType.BOOL,
    T(
        "あなたは自ら入管に出頭して違反を申告しましたか（出頭申告）。",
        "Did you go to immigration yourself to report your violation (voluntary surrender, 出頭申告)?",
    ),
    T(
        "警察や入管に摘発される前に自ら出頭した場合は「はい」。",
        "Answer yes if you reported yourself before the police or immigration found you.",
    ),
    changeable=False,
)

PREVIOUSLY_DEPORTED = Fact(
    "deportation.previously_deported",
    FactType.BOOL,
    T(
        "過去に日本から退去強制されたこと、又は出国命令を受けて出国したことがありますか。",
        "Have you ever been deported from Japan, or left under a departure order?",
    ),
    T(
        "今回の手続より前の退去強制・出国命令について答えてください。",
        "Answer about deportations or departure orders before the present proceedings.",
    ),
    changeable=False,
)

UNLAWFUL_SINCE = Fact(
    "deportation.unlawful_since",
    FactType.DATE,
    T(
        "在留資格のない状態はいつからですか。",
        "Since what date have you stayed without a status?",
    ),
    T(
        "不法残留なら在留期間の満了日の翌日、不法入国なら入国した日（YYYY-MM-DD）。",
        "For an overstay, the day after your period of stay ended; for an illegal entry, the day"
        " you entered (YYYY-MM-DD).",
    ),
    past=True,
)

FORMER_JAPANESE = Fact(
    "applicant.former_japanese_national",
    FactType.BOOL,
    T(
        "あなたは、かつて日本国民として日本に本籍を有したことがありますか。",
        "Were you once a Japanese national with a family register (本籍) in Japan?",
    ),
    T(
        "日本国籍を離脱・喪失した方など。除籍謄本で確認されます。",
        "For example, if you gave up or lost Japanese nationality. Shown by a removed family register (除籍謄本).",
    ),
    changeable=False,
)

TRAFFICKING_VICTIM = Fact(
    "applicant.trafficking_victim",
    FactType.BOOL,
    T(
        "あなたは人身取引等により他人の支配下に置かれて日本に在留していますか。",
        "Are you staying in Japan under someone else's control through human trafficking?",
    ),
    T(
        "強制労働や性的搾取などのために支配されている場合を含みます。相談窓口に早めに連絡してください。",
        "This includes being controlled for forced labour or sexual exploitation. Contact a"
        " support organisation as soon as you can.",
    ),
    changeable=False,
)

SENTENCED_OVER_ONE_YEAR = Fact(
    "applicant.sentenced_over_one_year",
    FactType.BOOL,
    T(
        "あなたは無期、又は1年を超える拘禁刑（懲役・禁錮を含む）の実刑に処せられたことがありますか。",
        "Have you been sentenced to life, or to more than one year of imprisonment that was not suspended?",
    ),
    T(
        "執行猶予が付いた刑は含みません。日本以外での刑についても専門家に確認してください。",
        "Suspended sentences do not count. Ask a lawyer about sentences passed outside Japan.",
    ),
    changeable=False,
)

CORE_VIOLATION = Fact(
    "applicant.core_immigration_violation",
    FactType.BOOL,
    T(
        "集団密航、偽造・不正に取得した旅券等の使用、不法就労のあっせんなどに関わったことがありますか。",
        "Have you organised or taken part in people smuggling, used a forged or fraudulently"
        " obtained passport, or helped others to work illegally?",
    ),
    T(
        "出入国管理の根幹にかかわる違反として特に重く考慮されます。",
        "These are violations at the core of immigration control and weigh especially heavily.",
    ),
    changeable=False,
)

ANTISOCIAL_CONDUCT = Fact(
    "applicant.antisocial_conduct",
    FactType.BOOL,
    T(
        "暴力団等との関わり、薬物の売買、売春の周旋など、反社会性の高い行為に関わったことがありますか。",
        "Have you been involved in highly antisocial conduct, such as organised crime, drug"
        " dealing or procuring prostitution?",
    ),
    T(
        "刑を受けていない場合も含めて答えてください。",
        "Answer even if you were not sentenced for it.",
    ),
    changeable=False,
)

NEEDS_TREATMENT = Fact(
    "applicant.needs_treatment_in_japan",
    FactType.BOOL,
    T(
        "あなた（又はあなたが看護している家族）は、難病などで日本での治療が必要ですか。",
        "Do you (or a relative you nurse) have a serious illness that needs treatment in Japan?",
    ),
    T(
        "本国では治療を受けられないことを示す診断書などで確認されます。",
        "Usually shown by medical certificates, including why treatment is not available at home.",
    ),
    changeable=False,
)

COMMUNITY_TIES = Fact(
    "applicant.community_ties",
    FactType.BOOL,
    T(
        "地域社会（学校、自治会、職場、ボランティアなど）とのつながりがありますか。",
        "Do you have ties with your local community (school, neighbourhood association,"
        " workplace, volunteering)?",
    ),
    T(
        "近隣の方や学校などからの陳述書で示すことができます。",
        "Letters from neighbours, schools or others can show this.",
    ),
)

RAISING_CHILD_OF_JAPANESE = Fact(
    "family.raising_child_of_japanese",
    FactType.BOOL,
    T(
        "日本人又は特別永住者との間の未成年・未婚の実子を、親権を持って日本で相当期間同居して育てていますか。",
        "Are you raising in Japan, with parental authority and living with them for a"
        " considerable time, a minor unmarried child you had with a Japanese national or Special"
        " Permanent Resident?",
    ),
    T(
        "嫡出子又は父に認知された子を含みます。",
        "This includes a child born outside marriage whom the father has acknowledged.",
    ),
)

CHILD_AT_JAPANESE_SCHOOL = Fact(
    "family.child_at_japanese_school",
    FactType.BOOL,
    T(
        "日本の小学校・中学校・高校（母国語で教育する学校を除く）に通い、長く日本に住んでいる実子と同居して育てていますか。",
        "Do you live with and raise a child of yours who attends a Japanese primary or secondary"
        " school (not a mother-tongue school) and has lived in Japan for a long time?",
    ),
    T(
        "在学証明書や成績表などで確認されます。",
        "Usually shown by certificates of enrolment and school reports.",
    ),
)


# --- Procedural requirements ------------------------------------------------------------------

IN_FORCE = in_force_rule(
    ID,
    T(
        "入管法第50条（在留特別許可）が施行されている",
        "Immigration Act Art. 50 (special permission to stay) is in force",
    ),
    dt.date(1951, 11, 1),
    (src.ACT_ART_50_SPECIAL_PERMISSION,),
)

FOREIGN = Requirement(
    APPLICANT_FOREIGN,
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "日本国民は退去強制の対象にならず、在留特別許可は必要ありません。",
                "A Japanese national cannot be deported and needs no special permission to stay.",
            ),
            (src.ACT_ART_2_FOREIGN_NATIONAL,),
        ),
    ),
)

IN_JAPAN = Requirement(
    Rule(
        id=f"{ID}.in_japan",
        text=T("申請者は日本にいる", "The applicant is in Japan"),
        expr=lift(APPLICANT_IN_JAPAN),
        citations=(sps.APPLICATION, sps.ART50_ITEMS),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "在留特別許可は、日本にいて退去強制の手続を受けている人にだけ判断されます。日本の外からは、在留資格認定証明書などによる新たな入国の手続になります。",
                "Special permission to stay is decided only for people in Japan who are in deportation"
                " proceedings. From abroad, a new entry needs the ordinary procedure, such as a"
                " Certificate of Eligibility.",
            ),
            (sps.APPLICATION, src.ACT_APPENDED_TABLES),
        ),
    ),
)

SUBJECT_TO_DEPORTATION = Requirement(
    Rule(
        id=f"{ID}.subject_to_deportation",
        text=T(
            "申請者は退去強制事由（入管法第24条）に当たる",
            "The applicant falls under a deportation ground (Immigration Act Art. 24)",
        ),
        expr=not_(eq(DEPORTATION_GROUND, NO_GROUND)),
        citations=(sps.APPLICATION, sps.ART50_ITEMS),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "退去強制事由に当たらない方は在留特別許可の対象ではありません。在留期間の更新や在留資格の変更を、在留期間の満了日までに申請してください。",
                "If you fall under no deportation ground, special permission does not apply: apply"
                " for an extension or a change of status before your period of stay ends.",
            ),
            (src.ACT_ART_20_CHANGE_OF_STATUS, src.ISA_CHANGE_OF_STATUS),
        ),
    ),
)

NO_DEPORTATION_ORDER = Requirement(
    Rule(
        id=f"{ID}.no_deportation_order",
        text=T(
            "退去強制令書がまだ発付されていない",
            "No deportation order has been issued yet",
        ),
        expr=not_(ORDER_ISSUED),
        citations=(sps.APPLICATION, sps.BEFORE_2024_EX_OFFICIO),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "退去強制令書が発付された後は、在留特別許可を申請することはできません。直ちに弁護士に相談してください。",
                "Once a deportation order has been issued, special permission to stay can no longer"
                " be applied for. Consult a lawyer at once.",
            ),
            (sps.APPLICATION,),
        ),
        Alternative(
            T(
                "例外的に、退去強制令書の発付後に裁判で争う中で、法務省が判断を見直して在留特別許可をした例が報道されています（2019年3月15日）。",
                "Exceptionally, the Ministry has reconsidered after a deportation order was"
                " challenged in court and granted special permission (reported grant of 2019-03-15).",
            ),
            (src.SPECIAL_PERMISSION_2019,),
        ),
        Alternative(
            T(
                "退去強制令書の発付後も、収容に代えて監理措置（入管法第52条の2）が認められることがあります。",
                "Even after a deportation order, supervision measures may be allowed instead of"
                " detention (Immigration Act Art. 52-2).",
            ),
            (sps.SUPERVISION,),
        ),
    ),
)

APPLICATION_WINDOW = Rule(
    id=f"{ID}.application_window",
    text=T(
        "収容令書により収容され（仮放免を含む）又は監理措置に付されている（令和6年6月10日から申請できる期間）",
        "Detained under a detention order (including provisional release) or under supervision"
        " measures: the period in which an application can be made, from 2024-06-10",
    ),
    expr=eq(STAGE, STAGE_DETAINED_OR_SUPERVISED),
    citations=(sps.APPLICATION, sps.AMENDMENT_IN_FORCE),
    effective=FROM_AMENDMENT,
)

EX_OFFICIO_BEFORE_2024 = Rule(
    id=f"{ID}.ex_officio_before_2024",
    text=T(
        "退去強制の手続中である（令和6年6月9日までは申請手続がなく、法務大臣が手続の中で職権により判断）",
        "In deportation proceedings: until 2024-06-09 there was no application, and the Minister"
        " decided ex officio within the proceedings",
    ),
    expr=is_in(STAGE, {STAGE_INVESTIGATION, STAGE_DETAINED_OR_SUPERVISED}),
    citations=(sps.BEFORE_2024_EX_OFFICIO, sps.AMENDMENT_IN_FORCE),
    effective=BEFORE_AMENDMENT,
)

IN_PROCEEDINGS = Requirement(
    Rule(
        id=f"{ID}.in_proceedings",
        text=T(
            "在留特別許可が判断される手続の段階にある",
            "The proceedings have reached the stage at which special permission is decided",
        ),
        expr=any_of(APPLICATION_WINDOW, EX_OFFICIO_BEFORE_2024),
        citations=(sps.APPLICATION, sps.BEFORE_2024_EX_OFFICIO),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "在留特別許可は退去強制の手続の中でのみ判断されます。令和6年6月10日以降は、収容令書による収容（仮放免を含む）又は監理措置に付された時から申請できます。",
                "Special permission is decided only within deportation proceedings. Since"
                " 2024-06-10 you can apply once you are detained under a detention order (including"
                " provisional release) or placed under supervision measures.",
            ),
            (sps.APPLICATION, sps.SUPERVISION),
        ),
        Alternative(
            T(
                "自ら入管に出頭して申告すること（出頭申告）は手続の始まりとなり、ガイドライン上も有利な事情として考慮されます。出頭する前に専門家に相談してください。",
                "Going to immigration yourself to report (voluntary surrender) starts the proceedings"
                " and is weighed in your favour under the guideline. Seek advice before you go.",
            ),
            (sps.GUIDELINE_2009_OTHER_POSITIVE, sps.GUIDELINE_2009_EXAMPLES),
        ),
    ),
)


# --- Favourable factors (the guideline) -------------------------------------------------------

FAMILY_TIES = Rule(
    id=f"{ID}.family_ties_japanese_or_permanent",
    text=T(
        "日本人、特別永住者又は永住者と法律上の婚姻をし、同居している",
        "Legally married to, and living with, a Japanese national, Special Permanent Resident or"
        " Permanent Resident",
    ),
    expr=all_of(SPOUSE_OF_JAPANESE_OR_PERMANENT, LIVING_TOGETHER),
    citations=(
        sps.GUIDELINE_2024_PARAPHRASE,
        sps.GUIDELINE_2009_POSITIVE,
        sps.GUIDELINE_2009_OTHER_POSITIVE,
        sps.EXAMPLES_2018,
    ),
)

MARRIED_TO_LONG_TERM_RESIDENT = Rule(
    id=f"{ID}.married_to_long_term_resident",
    text=T(
        "「定住者」と法律上の婚姻をしている",
        "Legally married to a Long-Term Resident",
    ),
    expr=all_of(
        MARRIED_UNDER_JAPANESE_LAW,
        not_(PARTNER_JAPANESE),
        eq(PARTNER_STATUS, "long_term_resident"),
    ),
    citations=(sps.GUIDELINE_2009_OTHER_POSITIVE,),
)

CHILD_OF_JAPANESE_OR_SPR = Rule(
    id=f"{ID}.child_of_japanese_or_special_permanent",
    text=T(
        "日本人又は特別永住者の子である",
        "The child of a Japanese national or Special Permanent Resident",
    ),
    expr=is_in(APPLICANT_CHILD_OF, {CHILD_OF_JAPANESE, CHILD_OF_SPECIAL_PERMANENT_RESIDENT}),
    citations=(sps.GUIDELINE_2009_POSITIVE, sps.EXAMPLE_BORN_IN_JAPAN),
)

MINOR = Rule(
    id=f"{ID}.minor",
    text=T(
        "申請者は未成年である（令和4年4月1日からは18歳未満、それまでは20歳未満）",
        "The applicant is a minor (under 18 from 2022-04-01, under 20 before)",
    ),
    expr=if_(
        on_or_after(evaluation_date(), MAJORITY_AT_18),
        before(evaluation_date(), shifted(APPLICANT_BIRTH_DATE, years=18)),
        before(evaluation_date(), shifted(APPLICANT_BIRTH_DATE, years=20)),
    ),
    citations=(sps.CIVIL_CODE_MAJORITY,),
)

MINOR_CHILD_OF_RESIDENT = Rule(
    id=f"{ID}.minor_child_of_permanent_or_long_term_resident",
    text=T(
        "永住者又は定住者の未成年の実子である",
        "A minor child of a Permanent Resident or Long-Term Resident",
    ),
    expr=all_of(
        is_in(APPLICANT_CHILD_OF, {CHILD_OF_PERMANENT_RESIDENT, CHILD_OF_LONG_TERM_RESIDENT}),
        MINOR,
    ),
    citations=(sps.GUIDELINE_2009_OTHER_POSITIVE,),
)

RAISING_JAPANESE_CHILD = Rule(
    id=f"{ID}.raising_child_of_japanese",
    text=T(
        "日本人又は特別永住者との間の未成年・未婚の実子を、親権を持って日本で同居して監護・養育している",
        "Raising in Japan, with parental authority and living together, a minor unmarried child"
        " had with a Japanese national or Special Permanent Resident",
    ),
    expr=lift(RAISING_CHILD_OF_JAPANESE),
    citations=(sps.GUIDELINE_2009_POSITIVE, sps.GUIDELINE_2024_PARAPHRASE),
)

CHILD_AT_SCHOOL = Rule(
    id=f"{ID}.child_at_japanese_school",
    text=T(
        "日本の学校に通い長く日本に住む実子と同居し養育している（家族とともに生活する子の利益）",
        "Living with and raising a child at a Japanese school who has long lived in Japan (the"
        " child's interest in living with the family)",
    ),
    expr=lift(CHILD_AT_JAPANESE_SCHOOL),
    citations=(
        sps.GUIDELINE_2024_REVISION,
        sps.GUIDELINE_2024_PRACTITIONER,
        sps.GUIDELINE_2009_POSITIVE,
        sps.GUIDELINE_2009_EXAMPLES,
    ),
)

LONG_STAY = Rule(
    id=f"{ID}.long_stay",
    text=T(
        f"日本での滞在が長期間（約{LONG_STAY_YEARS}年以上）に及び、定着している",
        f"A long, settled stay in Japan (about {LONG_STAY_YEARS} years or more)",
    ),
    expr=on_or_after(evaluation_date(), shifted(APPLICANT_LANDED_ON, years=LONG_STAY_YEARS)),
    citations=(sps.GUIDELINE_2009_OTHER_POSITIVE, sps.GUIDELINE_2009_EXAMPLES),
)

LOCAL_TIES = Rule(
    id=f"{ID}.community_ties",
    text=T(
        "生活の中で日本の地域社会（学校、自治会等）との関係を築いている",
        "Ties built with the local community in Japan (schools, neighbourhood associations)",
    ),
    expr=lift(COMMUNITY_TIES),
    citations=(sps.GUIDELINE_2024_REVISION, sps.GUIDELINE_2024_PARAPHRASE),
)

ILLNESS = Rule(
    id=f"{ID}.treatment_in_japan",
    text=T(
        "難病等により日本での治療が必要である（又はそのような親族の看護が必要である）",
        "A serious illness needing treatment in Japan (or a relative with one who needs nursing)",
    ),
    expr=lift(NEEDS_TREATMENT),
    citations=(sps.GUIDELINE_2009_POSITIVE, sps.GUIDELINE_2024_PARAPHRASE),
)

SURRENDERED = Rule(
    id=f"{ID}.voluntary_surrender",
    text=T(
        "自ら入管に出頭して申告した（出頭申告）",
        "Reported to immigration voluntarily (voluntary surrender)",
    ),
    expr=lift(SELF_REPORTED),
    citations=(sps.GUIDELINE_2009_OTHER_POSITIVE, sps.GUIDELINE_2009_EXAMPLES, sps.EXAMPLES_2018),
)

LAW_ABIDING = Rule(
    id=f"{ID}.no_criminal_record",
    text=T(
        "刑を受けたことがない（入管法違反以外に法令違反がない）",
        "No criminal sentence (no offence besides the immigration violation)",
    ),
    expr=not_(APPLICANT_CRIMINAL_RECORD),
    citations=(sps.GUIDELINE_2024_PARAPHRASE, sps.LAW_ABIDING),
)


# --- Unfavourable factors (the guideline) -----------------------------------------------------

SERIOUS_SENTENCE = Rule(
    id=f"{ID}.sentenced_over_one_year",
    text=T(
        "無期又は1年を超える拘禁刑の実刑に処せられた",
        "Sentenced to life, or to more than one year of imprisonment not suspended",
    ),
    expr=lift(SENTENCED_OVER_ONE_YEAR),
    citations=(sps.ART50_PROVISO, sps.GUIDELINE_2009_NEGATIVE),
)

CRIMINAL_RECORD = Rule(
    id=f"{ID}.criminal_record",
    text=T(
        "刑（拘禁刑又は罰金）に処せられたことがある。重大な犯罪は特に重く考慮される",
        "Sentenced to imprisonment or a fine; serious crimes weigh especially heavily",
    ),
    expr=lift(APPLICANT_CRIMINAL_RECORD),
    citations=(sps.GUIDELINE_2009_NEGATIVE, sps.GUIDELINE_2024_PARAPHRASE),
)

CORE_IMMIGRATION_VIOLATION = Rule(
    id=f"{ID}.core_immigration_violation",
    text=T(
        "出入国管理行政の根幹にかかわる違反（集団密航、旅券の不正使用、不法就労のあっせん等）をした",
        "A violation at the core of immigration control (people smuggling, passport fraud,"
        " facilitating illegal work)",
    ),
    expr=lift(CORE_VIOLATION),
    citations=(sps.GUIDELINE_2009_NEGATIVE, sps.GUIDELINE_2024_PARAPHRASE),
)

ANTISOCIAL = Rule(
    id=f"{ID}.antisocial_conduct",
    text=T("反社会性の高い行為をした", "Highly antisocial conduct"),
    expr=lift(ANTISOCIAL_CONDUCT),
    citations=(sps.GUIDELINE_2009_NEGATIVE, sps.GUIDELINE_2024_PARAPHRASE),
)

LONG_UNLAWFUL_STAY = Rule(
    id=f"{ID}.long_unlawful_stay",
    text=T(
        f"不法在留の期間が長い（zairyu の目安: {LONG_UNLAWFUL_STAY_YEARS}年以上）",
        f"A long unlawful stay (zairyu's marker: {LONG_UNLAWFUL_STAY_YEARS} years or more)",
    ),
    expr=on_or_after(evaluation_date(), shifted(UNLAWFUL_SINCE, years=LONG_UNLAWFUL_STAY_YEARS)),
    citations=(
        sps.GUIDELINE_2024_REVISION,
        sps.GUIDELINE_2024_PRACTITIONER,
        sps.UNCONFIRMED_LONG_UNLAWFUL_STAY,
    ),
)

UNLAWFUL_ENTRY = Rule(
    id=f"{ID}.illegal_entry",
    text=T(
        "不法入国・不法上陸（密航、偽造旅券による入国等）である",
        "Illegal entry or landing (as a stowaway, with a forged passport, or otherwise)",
    ),
    expr=eq(DEPORTATION_GROUND, ILLEGAL_ENTRY),
    citations=(sps.GUIDELINE_2009_NEGATIVE, sps.GUIDELINE_2009_EXAMPLES),
)

OTHER_GROUND = Rule(
    id=f"{ID}.other_deportation_ground",
    text=T(
        "資格外活動・不法入国・不法上陸・不法残留以外の退去強制事由（刑罰法令違反等）に当たる",
        "A deportation ground other than unauthorised activity, illegal entry or overstay (such as"
        " a criminal conviction)",
    ),
    expr=eq(DEPORTATION_GROUND, CRIMINAL_OR_OTHER),
    citations=(sps.GUIDELINE_2009_NEGATIVE,),
)

DEPORTED_BEFORE = Rule(
    id=f"{ID}.previously_deported",
    text=T(
        "過去に退去強制の手続を受けたことがある",
        "Deported (or ordered to depart) before",
    ),
    expr=lift(PREVIOUSLY_DEPORTED),
    citations=(sps.GUIDELINE_2009_NEGATIVE,),
)


# --- Article 50(1) items and the proviso ------------------------------------------------------

ITEM_I = Rule(
    id=f"{ID}.item_i_permanent_resident",
    text=T("第1号: 永住許可を受けている", "Item (i): holds permission for permanent residence"),
    expr=eq(APPLICANT_STATUS, "permanent_resident"),
    citations=(sps.ART50_ITEMS,),
)
ITEM_II = Rule(
    id=f"{ID}.item_ii_former_japanese_national",
    text=T(
        "第2号: かつて日本国民として本邦に本籍を有したことがある",
        "Item (ii): was once a Japanese national with a family register in Japan",
    ),
    expr=lift(FORMER_JAPANESE),
    citations=(sps.ART50_ITEMS,),
)
ITEM_III = Rule(
    id=f"{ID}.item_iii_trafficking",
    text=T(
        "第3号: 人身取引等により他人の支配下に置かれて本邦に在留している",
        "Item (iii): stays in Japan under another's control through human trafficking",
    ),
    expr=lift(TRAFFICKING_VICTIM),
    citations=(sps.ART50_ITEMS,),
)
ITEM_IV = Rule(
    id=f"{ID}.item_iv_refugee_or_complementary_protection",
    text=T(
        "第4号: 難民又は補完的保護対象者の認定を受けている（令和6年6月10日から。それまでは難民認定手続の中で判断）",
        "Item (iv): recognised as a refugee or for complementary protection (from 2024-06-10;"
        " before, decided within the refugee procedure)",
    ),
    expr=is_in(PROTECTION_RECOGNISED, {REFUGEE, COMPLEMENTARY_PROTECTION}),
    citations=(sps.ART50_ITEMS, sps.AMENDMENT_IN_FORCE),
    effective=FROM_AMENDMENT,
)
ITEM_V = Rule(
    id=f"{ID}.item_v_other_special_reasons",
    text=T(
        "第5号: その他特別に在留を許可すべき事情（zairyu は、ガイドラインが有利に考慮する家族・子・定着性・病気の事情が一つでもあるかを示す）",
        "Item (v): other special reasons (zairyu shows whether at least one of the family,"
        " child, settledness or illness circumstances the guideline weighs in favour applies)",
    ),
    expr=any_of(
        FAMILY_TIES,
        MARRIED_TO_LONG_TERM_RESIDENT,
        CHILD_OF_JAPANESE_OR_SPR,
        MINOR_CHILD_OF_RESIDENT,
        RAISING_JAPANESE_CHILD,
        CHILD_AT_SCHOOL,
        LONG_STAY,
        LOCAL_TIES,
        ILLNESS,
    ),
    citations=(sps.ART50_ITEMS, sps.ART50_CONSIDERATIONS, sps.UNCONFIRMED_2024_LIST),
)

STATUTORY_GROUND = Requirement(
    Rule(
        id=f"{ID}.statutory_ground",
        text=T(
            "第50条第1項各号のいずれかに当たる",
            "One of the items of Art. 50(1) applies",
        ),
        expr=any_of(ITEM_I, ITEM_II, ITEM_III, ITEM_IV, ITEM_V),
        citations=(sps.ART50_ITEMS, sps.UNCONFIRMED_2024_LIST),
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "第5号の「特別な事情」は法務大臣が総合的に判断します。有利な事情が見当たらなくても、人道上の事情を具体的に示すことができます。専門家に相談してください。",
                "The Minister weighs 'other special reasons' under item (v) as a whole. Even without"
                " the usual favourable circumstances, you can set out humanitarian reasons. Seek advice.",
            ),
            (sps.ART50_CONSIDERATIONS, sps.GUIDELINE_NOT_DECISIVE),
        ),
    ),
)

NOT_EXCLUDED = Requirement(
    Rule(
        id=f"{ID}.not_excluded_by_proviso",
        text=T(
            "無期又は1年を超える拘禁刑の実刑に処せられていない（第50条第1項ただし書、令和6年6月10日から）",
            "Not sentenced to life or to more than one year of imprisonment not suspended (proviso"
            " to Art. 50(1), from 2024-06-10)",
        ),
        expr=not_(SERIOUS_SENTENCE),
        citations=(sps.ART50_PROVISO, sps.AMENDMENT_IN_FORCE),
        effective=FROM_AMENDMENT,
        outside=True,
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "この場合も、許可しないことが人道上の配慮に欠けると認められる「特別の事情」があれば許可されることがあります。必ず専門家に相談してください。",
                "Permission remains possible if there are special circumstances in which refusing it"
                " would lack humanitarian consideration. Be sure to seek legal advice.",
            ),
            (sps.ART50_PROVISO,),
        ),
    ),
)


# --- Factors, as the decision weighs them -----------------------------------------------------

FACTORS = (
    Factor(FAMILY_TIES, Weight.FAVOURABLE),
    Factor(MARRIED_TO_LONG_TERM_RESIDENT, Weight.FAVOURABLE),
    Factor(CHILD_OF_JAPANESE_OR_SPR, Weight.FAVOURABLE),
    Factor(MINOR_CHILD_OF_RESIDENT, Weight.FAVOURABLE),
    Factor(RAISING_JAPANESE_CHILD, Weight.FAVOURABLE),
    Factor(CHILD_AT_SCHOOL, Weight.FAVOURABLE),
    Factor(LONG_STAY, Weight.FAVOURABLE),
    Factor(LOCAL_TIES, Weight.FAVOURABLE),
    Factor(ILLNESS, Weight.FAVOURABLE),
    Factor(SURRENDERED, Weight.FAVOURABLE),
    Factor(LAW_ABIDING, Weight.FAVOURABLE),
    Factor(SERIOUS_SENTENCE, Weight.UNFAVOURABLE),
    Factor(CRIMINAL_RECORD, Weight.UNFAVOURABLE),
    Factor(CORE_IMMIGRATION_VIOLATION, Weight.UNFAVOURABLE),
    Factor(ANTISOCIAL, Weight.UNFAVOURABLE),
    Factor(LONG_UNLAWFUL_STAY, Weight.UNFAVOURABLE),
    Factor(UNLAWFUL_ENTRY, Weight.UNFAVOURABLE),
    Factor(OTHER_GROUND, Weight.UNFAVOURABLE),
    Factor(DEPORTED_BEFORE, Weight.UNFAVOURABLE),
)


# --- What to do -------------------------------------------------------------------------------

NOT_YET_IN_PROCEEDINGS = Rule(
    id=f"{ID}.not_yet_in_proceedings",
    text=T("退去強制の手続がまだ始まっていない", "Deportation proceedings have not started"),
    expr=eq(STAGE, STAGE_NONE),
    citations=(sps.APPLICATION,),
)

GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "apply",
            T(
                "令和6年6月10日から、収容令書により収容された時（仮放免中を含む）又は監理措置に付された時から、退去強制令書が発付される時まで申請できます。"
                "収容中の方は申請の意思を伝え、入国審査官等と面接して申請します。仮放免中・監理措置中の方は地方出入国在留管理官署に出頭し、面接の上で申請します。"
                "16歳未満や病気などで自ら申請できない場合は、父母、配偶者、子又は親族が代わって申請できます。",
                "Since 2024-06-10 you can apply from the time you are detained under a detention"
                " order (including provisional release) or placed under supervision measures until a"
                " deportation order is issued. If detained, say that you wish to apply and you will"
                " be interviewed. On provisional release or under supervision, go to the regional"
                " immigration bureau, where you apply after an interview. A parent, spouse, child or"
                " relative may apply for a person under 16 or too ill to apply.",
            ),
            (sps.APPLICATION,),
        ),
        GuidanceItem(
            "ex_officio",
            T(
                "法務大臣は申請がなくても職権で在留特別許可をすることができます。令和6年6月9日までは申請手続はなく、退去強制の手続（異議の申出）の中で職権により判断されていました。",
                "The Minister can also grant special permission ex officio, without an application."
                " Until 2024-06-09 there was no application: it was decided ex officio within the"
                " deportation proceedings, on the objection to the Minister.",
            ),
            (sps.ART50_ITEMS, sps.BEFORE_2024_EX_OFFICIO),
        ),
        GuidanceItem(
            "voluntary_surrender",
            T(
                "まだ手続が始まっていない場合、自ら出頭して申告することは有利な事情として考慮されます。出頭の前に専門家に相談してください。",
                "If proceedings have not started, reporting yourself to immigration is weighed in"
                " your favour. Seek advice before you go.",
            ),
            (sps.GUIDELINE_2009_OTHER_POSITIVE, sps.GUIDELINE_2009_EXAMPLES),
            when=NOT_YET_IN_PROCEEDINGS,
        ),
        GuidanceItem(
            "supervision",
            T(
                "収容に代えて監理措置（監理人の監督の下で生活する）を求めることができます。保証金が必要となる場合があります。",
                "You can ask for supervision measures (living under a supervisor's oversight) instead"
                " of detention. A deposit may be required.",
            ),
            (sps.SUPERVISION,),
        ),
        GuidanceItem(
            "status_granted",
            T(
                "許可されると在留資格と在留期間が決められます。公表事例では、日本人の配偶者は「日本人の配偶者等」（1年）、"
                "永住者の配偶者は「永住者の配偶者等」（1年）が多く見られます。",
                "A grant comes with a status and a period of stay. In published cases, the spouse of"
                " a Japanese national typically received Spouse or Child of Japanese National (1"
                " year), and the spouse of a Permanent Resident, Spouse or Child of Permanent"
                " Resident (1 year).",
            ),
            (sps.EXAMPLES_2018, sps.EXAMPLES_2007),
        ),
    ),
    documents=(
        Document(
            T(
                "在留特別許可申請書（一人につき1部）",
                "Application form for special permission to stay (one per person)",
            ),
            (sps.APPLICATION_DOCUMENTS,),
        ),
        Document(
            T(
                "在留カードの写し（永住許可を受けている場合）",
                "Copy of the residence card (permanent residents)",
            ),
            (sps.APPLICATION_DOCUMENTS,),
            when=ITEM_I,
        ),
        Document(
            T(
                "除籍謄本、除籍証明書又は除籍電子証明書（かつて日本国民だった場合）",
                "Removed family register certificate (former Japanese nationals)",
            ),
            (sps.APPLICATION_DOCUMENTS,),
            when=ITEM_II,
        ),
        Document(
            T(
                "陳述書（任意様式。人身取引等の被害の場合）",
                "A statement in any form (victims of trafficking)",
            ),
            (sps.APPLICATION_DOCUMENTS,),
            when=ITEM_III,
        ),
        Document(
            T(
                "難民認定証明書又は補完的保護対象者認定証明書の写し",
                "Copy of the refugee or complementary protection recognition certificate",
            ),
            (sps.APPLICATION_DOCUMENTS,),
            when=ITEM_IV,
        ),
        Document(
            T(
                "その他の事情を証する資料（婚姻・家族関係、子の在学、病気、地域とのつながり等）",
                "Evidence of other circumstances (marriage and family, children's schooling,"
                " illness, community ties)",
            ),
            (sps.APPLICATION_DOCUMENTS, sps.ART50_CONSIDERATIONS),
        ),
        Document(
            T("外国語の資料には訳文を付ける", "Translations of any foreign-language documents"),
            (sps.APPLICATION_DOCUMENTS,),
        ),
    ),
    procedure="special_permission_to_stay",
)

CAVEATS = (
    GuidanceItem(
        "always_discretionary",
        T(
            "在留特別許可は法務大臣の裁量によるもので、要件を満たせば許可される権利ではありません。有利な事情があっても許可が保証されるものではなく、"
            "特に考慮する不利な事情があっても許可が排除されるものではありません。",
            "Special permission is at the Minister's discretion, never an entitlement. A favourable"
            " factor does not guarantee it, and an especially weighty unfavourable factor does not"
            " exclude it.",
        ),
        (sps.GUIDELINE_NOT_DECISIVE, sps.ART50_CONSIDERATIONS),
    ),
    GuidanceItem(
        "status_varies",
        T(
            "許可される在留資格は事案によって異なります（「日本人の配偶者等」「永住者の配偶者等」「定住者」「特定活動」など）。zairyu は便宜上「特定活動」を表示しています。",
            "The status granted depends on the case (Spouse or Child of Japanese National, Spouse"
            " or Child of Permanent Resident, Long-Term Resident, Designated Activities and"
            " others). zairyu shows Designated Activities only as a placeholder.",
        ),
        (sps.EXAMPLES_2018, sps.EXAMPLES_2007),
    ),
    GuidanceItem(
        "guideline_2024_unconfirmed",
        T(
            "令和6年改定ガイドラインは公式の要旨のみ確認しています。個々の要素の多くは平成21年版の再掲や二次資料によるもので、その旨を出典に示しています。",
            "Only the official summary of the 2024 guideline was read. Many individual factors come"
            " from the 2009 guideline as reproduced, or from secondary paraphrase, and their"
            " sources say so.",
        ),
        (sps.UNCONFIRMED_2024_LIST, sps.GUIDELINE_2024_REVISION),
    ),
    GuidanceItem(
        "long_unlawful_stay_threshold",
        T(
            f"「不法在留の期間が長い」ことの年数は公表されていません。zairyu は{LONG_UNLAWFUL_STAY_YEARS}年以上を目安として示すだけです。"
            "約23年の不法残留の後に許可された公表事例もあります。",
            f"No number of years is published for a long unlawful stay; zairyu shows"
            f" {LONG_UNLAWFUL_STAY_YEARS} years or more only as a marker. A grant after about 23"
            " years of overstay has been published.",
        ),
        (sps.UNCONFIRMED_LONG_UNLAWFUL_STAY, sps.EXAMPLES_TABLE),
    ),
    GuidanceItem(
        "proviso_other_grounds",
        T(
            "第50条第1項ただし書は一定の前科のほか「一定の退去強制事由」に当たる場合も対象としますが、その範囲は zairyu に入力されていません。",
            "The proviso to Art. 50(1) also covers 'certain deportation grounds' besides certain"
            " sentences; zairyu does not encode which grounds.",
        ),
        (sps.ART50_PROVISO,),
    ),
)

PATHWAY = Pathway(
    id=ID,
    title=T("在留特別許可（入管法第50条）", "Special permission to stay (Immigration Act Art. 50)"),
    target_status="designated_activities",
    summary=T(
        "退去強制事由に当たる外国人でも、法務大臣は家族関係や人道上の事情などを総合的に考慮して、在留を特別に許可することができます。常に裁量による判断です。",
        "Even when a foreign national falls under a deportation ground, the Minister of Justice may"
        " specially permit them to stay, weighing family relations, humanitarian needs and other"
        " circumstances as a whole. It is always a discretionary decision.",
    ),
    in_force=IN_FORCE,
    requirements=(
        FOREIGN,
        IN_JAPAN,
        SUBJECT_TO_DEPORTATION,
        NO_DEPORTATION_ORDER,
        IN_PROCEEDINGS,
        STATUTORY_GROUND,
        NOT_EXCLUDED,
    ),
    guidance=GUIDANCE,
    caveats=CAVEATS,
    factors=FACTORS,
    ceiling=Outcome.DISCRETIONARY,
    help_topics=("immigration", "detention", "general"),
)

PATHWAYS: tuple[Pathway, ...] = (PATHWAY,)

CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        f"{ID}.proceedings_outside_japan",
        T(
            "日本にいないのに、退去強制の手続中（調査中・収容・監理措置）と入力されています。",
            "deportation proceedings (investigation, detention or supervision) are given for a"
            " person who is not in Japan",
        ),
        all_of(
            eq(APPLICANT_IN_JAPAN, False),
            is_in(STAGE, {STAGE_INVESTIGATION, STAGE_DETAINED_OR_SUPERVISED}),
        ),
    ),
    Constraint(
        f"{ID}.surrendered_without_proceedings",
        T(
            "出頭申告をしたのに、手続が始まっていないと入力されています。",
            "voluntary surrender is given, but also that no proceedings have started",
        ),
        all_of(eq(SELF_REPORTED, True), eq(STAGE, STAGE_NONE)),
    ),
    Constraint(
        f"{ID}.overstay_with_status",
        T(
            "不法残留と在留資格の両方が入力されています（在留期間が過ぎた場合の在留資格は no_status です）。",
            "an overstay is given together with a status of residence (after the period of stay"
            " ends, the status is no_status)",
        ),
        all_of(
            eq(DEPORTATION_GROUND, OVERSTAY),
            is_in(APPLICANT_STATUS, HELD_STATUSES),
        ),
    ),
    Constraint(
        f"{ID}.no_status_without_ground",
        T(
            "在留資格がない（no_status）のに、退去強制事由に当たらないと入力されています。",
            "no status of residence is given, but also that no deportation ground applies",
        ),
        all_of(eq(APPLICANT_STATUS, NO_STATUS), eq(DEPORTATION_GROUND, NO_GROUND)),
    ),
)
