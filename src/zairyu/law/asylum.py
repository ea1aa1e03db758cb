"""Refugee recognition (難民認定), complementary protection (補完的保護) and provisional stay (仮滞在).

Two pathways:

- ``refugee_recognition``: a foreign national in Japan who fears persecution on return may apply
  to the Minister of Justice (Art. 61-2). A Convention ground (race, religion, nationality,
  membership of a particular social group, political opinion) makes a refugee (Art. 2(iii));
  from 2023-12-01 the same fear for any other reason makes a person eligible for complementary
  protection (Art. 2(iii-2)). Both lead to Long-Term Resident. zairyu cannot assess a claim: the
  Minister decides on the evidence, so the best outcome is ``discretionary``.
- ``provisional_stay``: an applicant without a status is given provisional stay (Art. 61-2-4),
  which suspends deportation, unless an exclusion applies: an application more than six months
  after landing without unavoidable circumstances, or not coming directly from the territory of
  persecution, are the exclusions the research confirmed. The others are standard requirements.

An asylum result is never a bare "no": every required requirement names the alternatives
(humanitarian permission, special permission to stay under Art. 50, UNHCR), the caveats say what
is uncertain, and both pathways always name legal help.
"""

from __future__ import annotations

import datetime as dt

from zairyu.data.statuses import NO_STATUS
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
    is_in,
    lift,
    not_,
    on_or_after,
    shifted,
)
from zairyu.engine.facts import Fact, FactType
from zairyu.engine.pathway import (
    Alternative,
    Deadline,
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
from zairyu.law import asylum_sources as asrc
from zairyu.law import sources as src
from zairyu.law.common import APPLICANT_FOREIGN
from zairyu.law.facts import (
    APPLICANT_IN_JAPAN,
    APPLICANT_LANDED_ON,
    APPLICANT_STATUS,
    DEPORTATION_ORDER_ISSUED,
    STATUSES,
)

T = Text
RECOGNITION_ID = "refugee_recognition"
PROVISIONAL_ID = "provisional_stay"

SYSTEM_START = dt.date(1982, 1, 1)
PROVISIONAL_STAY_START = dt.date(2005, 5, 16)
TRIAGE_START = dt.date(2018, 1, 15)
CP_START = dt.date(2023, 12, 1)
AMENDMENT_2024 = dt.date(2024, 6, 10)
DAY_BEFORE_CP = CP_START - dt.timedelta(days=1)
DAY_BEFORE_2024 = AMENDMENT_2024 - dt.timedelta(days=1)

HOLDS_A_STATUS = frozenset(STATUSES.names) - {NO_STATUS}


# --- Facts only these pathways read ----------------------------------------------------------

FEARS_PERSECUTION = Fact(
    "asylum.fears_persecution",
    FactType.BOOL,
    T(
        "国籍国（無国籍の場合は以前に住んでいた国）に帰ると、殺害・拷問・不当な拘禁など重大な危害（迫害）を受けるおそれがあり、"
        "その国が守ってくれないと考えていますか。",
        "If you returned to your country of nationality (if stateless, the country where you"
        " used to live), do you fear being persecuted there, that is killed, tortured, unjustly"
        " imprisoned or otherwise seriously harmed, without that country protecting you?",
    ),
    T(
        "危害を加えるのが政府でも、政府が抑えられない武装集団などでも構いません。仕事がない、生活が苦しいといった理由だけでは該当しません。"
        "難民該当性を判断するのは法務大臣で、zairyu ではありません。",
        "The harm may come from the government or from groups it cannot or will not control."
        " Poverty or lack of work alone does not count. Whether you are a refugee is decided by"
        " the Minister of Justice, not by zairyu.",
    ),
    changeable=False,
)

CONVENTION_GROUND = Fact(
    "asylum.convention_ground",
    FactType.BOOL,
    T(
        "その危害は、あなたの人種、宗教、国籍、特定の社会的集団の構成員であること（例: 性的指向）又は政治的意見を理由とするものですか。",
        "Is that harm because of your race, religion, nationality, membership of a particular"
        " social group (for example sexual orientation) or political opinion?",
    ),
    T(
        "これらの理由なら「難民」、それ以外の理由（例: 戦闘に巻き込まれる危険）なら2023年12月1日からは「補完的保護対象者」に当たる可能性があります。"
        "政治的意見には、政府があなたの意見だとみなしているものも含まれます。",
        "For these reasons you may be a refugee; for another reason (for example being caught"
        " in fighting), from 2023-12-01 you may be eligible for complementary protection."
        " Political opinion includes an opinion the authorities attribute to you.",
    ),
    changeable=False,
)

APPLIED_ON = Fact(
    "asylum.applied_on",
    FactType.DATE,
    T(
        "難民認定申請をした日（又は申請する予定の日）はいつですか。",
        "On what date did you apply for refugee recognition in Japan, or on what date will you apply?",
    ),
    T(
        "申請書を受け付けた日（YYYY-MM-DD）。これから申請する場合は予定日を答えてください。",
        "The date the application was accepted (YYYY-MM-DD). If you have not applied yet,"
        " give the date you plan to apply.",
    ),
)

GROUNDS_AROSE_IN_JAPAN = Fact(
    "asylum.grounds_arose_in_japan",
    FactType.BOOL,
    T(
        "帰国できない理由は、日本に来た後に生じましたか（例: 本国での政変、日本での政治活動）。",
        "Did the reason you cannot return arise only after you came to Japan (for example a"
        " coup at home, or your political activity in Japan)?",
    ),
    T(
        "この場合、6か月の期間は上陸の日ではなく、その事実を知った日から数えます（第61条の2の2第1項第1号）。",
        "If so, the six months run from the day you learned of it, not from the day you landed"
        " (Art. 61-2-2(1)(i)).",
    ),
    changeable=False,
)

GROUNDS_KNOWN_ON = Fact(
    "asylum.grounds_known_on",
    FactType.DATE,
    T(
        "その事実（帰国できない理由）を知ったのはいつですか。",
        "On what date did you learn of that reason?",
    ),
    T(
        "例: 本国で政変が起きたことを知った日（YYYY-MM-DD）。",
        "For example the day you learned of the coup at home (YYYY-MM-DD).",
    ),
    past=True,
    changeable=False,
    asked_when=(GROUNDS_AROSE_IN_JAPAN.name, True),
)

UNAVOIDABLE_DELAY = Fact(
    "asylum.unavoidable_delay",
    FactType.BOOL,
    T(
        "6か月以内に申請できなかったことについて、やむを得ない事情（重い病気、制度を知り得なかった事情など）がありますか。",
        "Were there unavoidable circumstances (serious illness, no way of learning about the"
        " procedure, and the like) that kept you from applying within six months?",
    ),
    T(
        "やむを得ない事情があれば、6か月を過ぎた申請でもこの除外事由に当たりません。事情を示す資料を用意してください。",
        "With unavoidable circumstances, a later application is not excluded on this ground."
        " Keep evidence of the circumstances.",
    ),
    changeable=False,
)

CAME_DIRECTLY = Fact(
    "asylum.came_directly",
    FactType.BOOL,
    T(
        "迫害のおそれがあった国・地域から、直接日本に来ましたか（他国は乗継ぎで通過しただけですか）。",
        "Did you come to Japan directly from the country or territory where you feared"
        " persecution (passing through other countries only in transit)?",
    ),
    T(
        "第三国に長く滞在してから来日した場合などは「いいえ」。",
        "Answer no if, for example, you stayed in a third country for some time before coming to Japan.",
    ),
    changeable=False,
)


SENTENCED_IN_JAPAN = Fact(
    "asylum.sentenced_in_japan",
    FactType.BOOL,
    T(
        "日本に入国した後、犯罪により拘禁刑（懲役・禁錮）に処せられたことがありますか。",
        "Since entering Japan, have you been sentenced to imprisonment (拘禁刑, formerly 懲役 or 禁錮) for a crime?",
    ),
    T(
        "執行猶予付きの判決も含みます。罰金や交通反則金は含みません。",
        "Include suspended sentences. Fines and traffic penalty notices do not count.",
    ),
    changeable=False,
)

PREVIOUS_APPLICATIONS = Fact(
    "asylum.previous_applications",
    FactType.INT,
    T(
        "今回の申請の前に、日本で難民認定（補完的保護対象者認定を含む）の申請を何回しましたか。",
        "Before this application, how many times have you applied in Japan for refugee"
        " recognition (or complementary protection)?",
    ),
    T(
        "初めての申請なら0。2回以上なら今回は3回目以降の申請です。",
        "0 if this is your first application. 2 or more means this is your third or later application.",
    ),
    minimum=0,
    maximum=99,
    changeable=False,
)

REASONABLE_GROUNDS_MATERIALS = Fact(
    "asylum.reasonable_grounds_materials",
    FactType.BOOL,
    T(
        "今回の申請で、難民又は補完的保護対象者と認定すべき相当の理由がある資料（新しい証拠など）を提出できますか。",
        "With this application, can you submit materials showing reasonable grounds to"
        " recognise you as a refugee or for complementary protection (new evidence, for example)?",
    ),
    T(
        "3回目以降の申請では、このような資料を提出しないと申請中でも送還が停止されません（2024年6月10日から）。",
        "For a third or later application, removal is not suspended during the application"
        " unless such materials are submitted (from 2024-06-10).",
    ),
)

STOPPED_ORIGINAL_ACTIVITY = Fact(
    "asylum.stopped_original_activity",
    FactType.BOOL,
    T(
        "在留資格の本来の活動をやめた後（技能実習先からの失踪、学校の退学など）、又は出国準備期間中に申請しましたか。",
        "Did you apply after stopping the activity of your status (leaving a technical"
        " internship, dropping out of school) or during a period given to prepare for departure?",
    ),
    T(
        "2018年1月15日以降の運用では、この場合は就労が認められず在留期間も短くなるとされています。",
        "Under the practice since 2018-01-15 such applicants are reported to get no work"
        " permission and a shorter period of stay.",
    ),
    changeable=False,
)

REFUSAL_NOTIFIED_ON = Fact(
    "asylum.refusal_notified_on",
    FactType.DATE,
    T(
        "難民不認定（又は補完的保護対象者不認定）の通知を受けた日はいつですか。",
        "On what date were you notified that your application was refused?",
    ),
    T(
        "不認定通知書を受け取った日（YYYY-MM-DD）。まだ結果が出ていなければ答えないでください。",
        "The day you received the notice of refusal (YYYY-MM-DD). Leave it out if there is no decision yet.",
    ),
    past=True,
    changeable=False,
)


# --- Rules shared by both pathways ------------------------------------------------------------

IN_JAPAN = Rule(
    id="asylum.in_japan",
    text=T("申請者は日本にいる", "The applicant is in Japan"),
    expr=lift(APPLICANT_IN_JAPAN),
    citations=(asrc.ACT_ART_61_2, asrc.ISA_REFUGEE_PROCEDURE),
)

FEARS = Rule(
    id="asylum.risk_of_persecution",
    text=T(
        "本国に帰ると迫害（重大な危害）を受けるおそれがある",
        "The applicant fears persecution (serious harm) on return",
    ),
    expr=lift(FEARS_PERSECUTION),
    citations=(asrc.ACT_ART_2_REFUGEE, asrc.ACT_ART_2_COMPLEMENTARY),
)

CONVENTION_GROUND_HOLDS = Rule(
    id="asylum.convention_reason",
    text=T(
        "迫害のおそれの理由が、人種、宗教、国籍、特定の社会的集団の構成員であること又は政治的意見である（難民）",
        "The persecution feared is for race, religion, nationality, membership of a particular"
        " social group or political opinion (a refugee)",
    ),
    expr=lift(CONVENTION_GROUND),
    citations=(asrc.ACT_ART_2_REFUGEE,),
)

CP_IN_FORCE = Rule(
    id="asylum.complementary_protection_in_force",
    text=T(
        "補完的保護対象者の認定制度が施行されている（2023年12月1日から）: 条約上の理由によらない迫害のおそれも保護の対象",
        "Complementary protection is in force (from 2023-12-01): a fear of persecution for a"
        " reason outside the Convention is also protected",
    ),
    expr=Const(True),
    citations=(asrc.ACT_ART_2_COMPLEMENTARY, asrc.ISA_STAGED_ENTRY_2023),
    effective=Period(start=CP_START),
)

NOT_CONVENTION_GROUND = Rule(
    id="asylum.no_convention_ground",
    text=T(
        "迫害のおそれの理由は条約上の理由ではない",
        "The persecution feared is not for a Convention reason",
    ),
    expr=not_(CONVENTION_GROUND),
    citations=(asrc.ACT_ART_2_COMPLEMENTARY,),
)

COMPLEMENTARY_CASE = Rule(
    id="asylum.complementary_protection_case",
    text=T(
        "条約上の理由によらない迫害のおそれ: 補完的保護対象者（2023年12月1日から）",
        "Persecution feared for a non-Convention reason: complementary protection (from 2023-12-01)",
    ),
    expr=lift(NOT_CONVENTION_GROUND),
    citations=(asrc.ACT_ART_2_COMPLEMENTARY, asrc.ISA_COMPLEMENTARY_PROTECTION),
    effective=Period(start=CP_START),
)

NON_CONVENTION_BEFORE_CP = Rule(
    id="asylum.non_convention_before_complementary_protection",
    text=T(
        "2023年12月1日前で、迫害のおそれの理由が条約上の理由ではない",
        "Before 2023-12-01, with a fear of persecution for a non-Convention reason",
    ),
    expr=lift(NOT_CONVENTION_GROUND),
    citations=(asrc.ISA_STAGED_ENTRY_2023,),
    effective=Period(end=DAY_BEFORE_CP),
)

HOLDS_STATUS = Rule(
    id="asylum.holds_status",
    text=T("申請者は在留資格を持っている", "The applicant holds a status of residence"),
    expr=is_in(APPLICANT_STATUS, HOLDS_A_STATUS),
    citations=(asrc.ISA_REFUGEE_PROCEDURE,),
)

WITHOUT_STATUS = Rule(
    id="asylum.without_status",
    text=T("申請者は在留資格を持っていない", "The applicant has no status of residence"),
    expr=eq(APPLICANT_STATUS, NO_STATUS),
    citations=(asrc.ACT_ART_61_2_4,),
)

WITHOUT_STATUS_FROM_2024 = Rule(
    id="asylum.without_status_supervision_in_force",
    text=T(
        "在留資格がなく、監理措置の制度が施行されている（2024年6月10日から）",
        "No status of residence, with supervision measures in force (from 2024-06-10)",
    ),
    expr=lift(WITHOUT_STATUS),
    citations=(asrc.ACT_ART_44_2_SUPERVISION, asrc.ISA_STAGED_ENTRY_2023),
    effective=Period(start=AMENDMENT_2024),
)

# The six months of Art. 61-2-2(1)(i): from landing, or for grounds that arose while in Japan
# from the day the applicant learned of them (that day is later than the landing).
SIX_MONTHS_FROM_LANDING = shifted(APPLICANT_LANDED_ON, months=6)
SIX_MONTHS_FROM_KNOWLEDGE = shifted(GROUNDS_KNOWN_ON, months=6)

APPLIED_IN_TIME = Rule(
    id="asylum.applied_within_six_months",
    text=T(
        "上陸の日（日本にいる間に事由が生じた場合はその事実を知った日）から6か月以内に申請した",
        "Applied within six months of landing (or, for grounds that arose while in Japan, of"
        " learning of them)",
    ),
    expr=any_of(
        on_or_after(SIX_MONTHS_FROM_LANDING, APPLIED_ON),
        all_of(GROUNDS_AROSE_IN_JAPAN, on_or_after(SIX_MONTHS_FROM_KNOWLEDGE, APPLIED_ON)),
    ),
    citations=(asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
)

TIME_LIMIT_MET = Rule(
    id="asylum.time_limit_met",
    text=T(
        "6か月以内に申請した、又は遅れたことにやむを得ない事情がある",
        "Applied within six months, or there were unavoidable circumstances for applying later",
    ),
    expr=any_of(APPLIED_IN_TIME, UNAVOIDABLE_DELAY),
    citations=(asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
)

CAME_DIRECTLY_RULE = Rule(
    id="asylum.came_directly_from_territory",
    text=T(
        "迫害のおそれがあった領域から直接日本に入った",
        "Came to Japan directly from the territory where persecution was feared",
    ),
    expr=lift(CAME_DIRECTLY),
    citations=(asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
)

THIRD_OR_LATER = Rule(
    id="asylum.third_or_later_application",
    text=T("今回が3回目以降の申請である", "This is the third or a later application"),
    expr=on_or_after(PREVIOUS_APPLICATIONS, 2),
    citations=(asrc.ACT_ART_61_2_9_REMOVAL,),
)

REMOVAL_NOT_SUSPENDED = Rule(
    id="asylum.removal_not_suspended",
    text=T(
        "3回目以降の申請で、相当の理由がある資料を提出していない: 申請中でも送還が停止されない（2024年6月10日から）",
        "A third or later application without materials showing reasonable grounds: removal"
        " is not suspended while it is pending (from 2024-06-10)",
    ),
    expr=all_of(THIRD_OR_LATER, not_(REASONABLE_GROUNDS_MATERIALS)),
    citations=(asrc.ACT_ART_61_2_9_REMOVAL,),
    effective=Period(start=AMENDMENT_2024),
)

BEFORE_2024 = Rule(
    id="asylum.before_2024_amendment",
    text=T(
        "2024年6月10日施行の改正前である",
        "Before the amendment in force on 2024-06-10",
    ),
    expr=Const(True),
    citations=(asrc.ISA_STAGED_ENTRY_2023,),
    effective=Period(end=DAY_BEFORE_2024),
)

FROM_2024 = Rule(
    id="asylum.from_2024_amendment",
    text=T(
        "2024年6月10日施行の改正後である",
        "On or after the amendment in force on 2024-06-10",
    ),
    expr=Const(True),
    citations=(asrc.ISA_STAGED_ENTRY_2023,),
    effective=Period(start=AMENDMENT_2024),
)

LATE_WITHOUT_EXCUSE = Rule(
    id="asylum.late_without_unavoidable_circumstances",
    text=T(
        "6か月を過ぎて申請し、やむを得ない事情もない: 認定されても「定住者」の在留許可は当然にはされない",
        "Applied after six months without unavoidable circumstances: even if recognised, the"
        " Long-Term Resident permission is not automatic",
    ),
    expr=not_(TIME_LIMIT_MET),
    citations=(asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
)

NOT_DIRECT = Rule(
    id="asylum.did_not_come_directly",
    text=T(
        "迫害のおそれがあった領域から直接日本に入っていない: 認定されても「定住者」の在留許可は当然にはされない",
        "Did not come directly from the territory of persecution: even if recognised, the"
        " Long-Term Resident permission is not automatic",
    ),
    expr=not_(CAME_DIRECTLY),
    citations=(asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
)

SENTENCED = Rule(
    id="asylum.sentenced_after_entry",
    text=T(
        "入国後に拘禁刑に処せられた: 罪によっては在留許可・仮滞在の除外事由に当たる",
        "Sentenced to imprisonment after entry: depending on the crime, an exclusion from"
        " permission to stay and from provisional stay",
    ),
    expr=lift(SENTENCED_IN_JAPAN),
    citations=(asrc.PERMISSION_TO_STAY_TEXT, asrc.UNCONFIRMED_PROVISIONAL_EXCLUSIONS),
)


REVIEW_PERIOD_PASSED = Rule(
    id="asylum.review_period_passed",
    text=T(
        "不認定の通知を受けた日から7日が過ぎている",
        "More than 7 days have passed since the refusal notice",
    ),
    expr=before(shifted(REFUSAL_NOTIFIED_ON, days=7), evaluation_date()),
    citations=(asrc.REVIEW_WITHIN_7_DAYS, asrc.UNCONFIRMED_REVIEW_ARTICLE),
)

# Shown by both pathways' guidance; stated once so that its date and sources cannot drift apart.
REVIEW_REQUEST_DEADLINE = Deadline(
    "review_request",
    T(
        "審査請求の期限（不認定の通知を受けた日から7日以内）",
        "Last day to request a review (within 7 days of the refusal notice)",
    ),
    shifted(REFUSAL_NOTIFIED_ON, days=7),
    (asrc.REVIEW_WITHIN_7_DAYS, asrc.UNCONFIRMED_REVIEW_ARTICLE),
)


# --- Triage of 2018-01-15 (applications by status holders), as practitioners describe it ------

TRIAGE_FIRST = Rule(
    id="asylum.triage_first_application",
    text=T(
        "在留資格を持つ者の初回申請（2018年1月15日以降）",
        "A first application by a status holder (from 2018-01-15)",
    ),
    expr=all_of(HOLDS_STATUS, eq(PREVIOUS_APPLICATIONS, 0)),
    citations=(asrc.TRIAGE_2018,),
    effective=Period(start=TRIAGE_START),
)

TRIAGE_LIKELY = Rule(
    id="asylum.triage_likely_refugee",
    text=T(
        "在留資格を持つ者の初回申請で、条約上の理由による迫害のおそれを主張し、本来の活動をやめた後の申請ではない（2018年1月15日以降）",
        "A first application by a status holder claiming persecution for a Convention reason,"
        " not made after stopping the original activity (from 2018-01-15)",
    ),
    expr=all_of(
        TRIAGE_FIRST, FEARS_PERSECUTION, CONVENTION_GROUND, not_(STOPPED_ORIGINAL_ACTIVITY)
    ),
    citations=(asrc.TRIAGE_2018,),
    effective=Period(start=TRIAGE_START),
)

TRIAGE_CLEARLY_OUTSIDE = Rule(
    id="asylum.triage_clearly_outside",
    text=T(
        "在留資格を持つ者の申請で、迫害のおそれを主張していない（2018年1月15日以降）",
        "An application by a status holder that claims no fear of persecution (from 2018-01-15)",
    ),
    expr=all_of(HOLDS_STATUS, not_(FEARS_PERSECUTION)),
    citations=(asrc.TRIAGE_2018,),
    effective=Period(start=TRIAGE_START),
)

TRIAGE_STOPPED = Rule(
    id="asylum.triage_stopped_original_activity",
    text=T(
        "在留資格を持つ者が、本来の活動をやめた後又は出国準備期間中に申請した（2018年1月15日以降）",
        "A status holder applying after stopping the original activity, or during a period to"
        " prepare for departure (from 2018-01-15)",
    ),
    expr=all_of(HOLDS_STATUS, STOPPED_ORIGINAL_ACTIVITY),
    citations=(asrc.TRIAGE_2018,),
    effective=Period(start=TRIAGE_START),
)

TRIAGE_REPEAT = Rule(
    id="asylum.triage_repeat_application",
    text=T(
        "在留資格を持つ者の2回目以降の申請（2018年1月15日以降）",
        "A second or later application by a status holder (from 2018-01-15)",
    ),
    expr=all_of(HOLDS_STATUS, on_or_after(PREVIOUS_APPLICATIONS, 1)),
    citations=(asrc.TRIAGE_2018,),
    effective=Period(start=TRIAGE_START),
)

WORK_PERMISSION_AVAILABLE = Rule(
    id="asylum.provisional_stay_work_permission_in_force",
    text=T(
        "仮滞在中の報酬を受ける活動の許可の制度が施行されている（2024年6月10日から）",
        "Permission for paid activity during provisional stay is in force (from 2024-06-10)",
    ),
    expr=Const(True),
    citations=(asrc.ACT_ART_61_2_7_WORK,),
    effective=Period(start=AMENDMENT_2024),
)


# --- Alternatives: never a bare "no" ----------------------------------------------------------

HUMANITARIAN = Alternative(
    T(
        "難民・補完的保護対象者に当たらなくても、本国の情勢などから人道上の配慮で在留が許可されることがあります"
        "（2023年: 1,005人。多くは告示外「特定活動」）。申請の中で事情をすべて説明してください。",
        "Even if you are neither a refugee nor eligible for complementary protection, stay may"
        " be permitted on humanitarian grounds, for example because of the situation at home"
        " (1,005 people in 2023, mostly as non-notified Designated Activities). Explain all"
        " your circumstances in the application.",
    ),
    (asrc.HUMANITARIAN_PERMISSION, asrc.ISA_EXAMPLES_2023, asrc.ISA_STATISTICS),
)
SPECIAL_PERMISSION = Alternative(
    T(
        "在留資格がない場合は、在留特別許可（入管法第50条）が考慮されます。2024年6月10日からは、収容令書による収容（仮放免中を含む）"
        "又は監理措置の開始から退去強制令書の発付まで、申請することもできます。家族関係、在留期間、人道上の配慮の必要性などが考慮されます。",
        "Without a status, special permission to stay (Art. 50) may be considered. From"
        " 2024-06-10 it can also be applied for, from detention under a detention order"
        " (including provisional release) or placement under supervision until a deportation"
        " order is issued. Family ties, length of stay and humanitarian need are weighed.",
    ),
    (src.ACT_ART_50_SPECIAL_PERMISSION, asrc.ISA_SPECIAL_PERMISSION_APPLICATION),
)
UNHCR = Alternative(
    T(
        "UNHCR（国連難民高等弁務官事務所）駐日事務所は、実施パートナーの難民支援協会などを通じて難民・庇護希望者の法的相談を支援しています。",
        "The UNHCR Representation in Japan supports legal counselling for refugees and asylum"
        " seekers through partners such as the Japan Association for Refugees.",
    ),
    (asrc.UNHCR_JAPAN,),
)
LEGAL_HELP_NOW = Alternative(
    T(
        "結論を出す前に、下記の相談窓口（弁護士・支援団体）に相談してください。zairyu はあなたの主張を評価できません。",
        "Before you decide anything, talk to one of the organisations listed below (lawyers,"
        " support groups). zairyu cannot assess your claim.",
    ),
    (asrc.UNHCR_JAPAN, asrc.ACT_ART_61_2),
)
SUPERVISION = Alternative(
    T(
        "仮滞在が認められず退去強制手続が進む場合でも、2024年6月10日からは収容に代えて監理措置（監理人の下での生活）が認められることがあります。",
        "If provisional stay is not granted and deportation proceedings go ahead, from"
        " 2024-06-10 supervision measures (living under a supervisor) may be allowed instead"
        " of detention.",
    ),
    (asrc.ACT_ART_44_2_SUPERVISION, asrc.ISA_SUPERVISION),
)
APPLY_ANYWAY = Alternative(
    T(
        "難民認定の申請そのものには期限がなく、仮滞在が認められなくても申請は審査されます。",
        "The asylum application itself has no time limit: it is examined even if provisional stay is not granted.",
    ),
    (asrc.ISA_REFUGEE_PROCEDURE, asrc.ACT_ART_61_2),
)
FROM_ABROAD = (
    Alternative(
        T(
            "難民認定の申請は日本にいる間にしかできません（難民のための査証はありません）。"
            "今いる国でUNHCRに保護を求めることができます。",
            "An asylum application can only be made while in Japan (there is no refugee visa)."
            " Where you are now, you can ask UNHCR for protection.",
        ),
        (asrc.ISA_REFUGEE_PROCEDURE, asrc.UNHCR_JAPAN),
    ),
    Alternative(
        T(
            "第三国定住: 一次避難国にいる難民を、受入れに同意した国（日本を含む）が受け入れる制度で、UNHCRを通じて選ばれます。個人で日本に申し込む制度ではありません。",
            "Resettlement: refugees in a country of first asylum are taken in by a country that"
            " agrees (Japan among them), selected through UNHCR; one cannot apply to Japan for it individually.",
        ),
        (asrc.RESETTLEMENT, asrc.UNHCR_JAPAN),
    ),
)
JAPANESE_NATIONAL = Alternative(
    T(
        "日本国民は日本で難民認定を受ける対象ではなく、在留資格も必要ありません。",
        "A Japanese national is not recognised as a refugee in Japan and needs no status of residence.",
    ),
    (src.ACT_ART_2_FOREIGN_NATIONAL, asrc.ACT_ART_61_2),
)
NOT_FROM_CONVENTION_BEFORE_CP = Alternative(
    T(
        "2023年12月1日前は、条約上の理由によらない危険（例: 無差別な戦闘）は難民に当たらず、人道上の配慮による在留許可だけが可能でした。"
        "2023年12月1日からは補完的保護対象者として認定される可能性があります。",
        "Before 2023-12-01, a danger not linked to a Convention reason (indiscriminate"
        " fighting, for example) did not make a refugee: only humanitarian permission to stay"
        " was possible. From 2023-12-01 it may qualify for complementary protection.",
    ),
    (asrc.ISA_EXAMPLES_2023, asrc.ISA_COMPLEMENTARY_PROTECTION),
)
STATUS_HOLDER = Alternative(
    T(
        "在留資格を持っている場合、仮滞在は対象外です。在留期間の更新を続けながら審査を待ちます（申請中は「特定活動」に変更されることが多い）。"
        "「難民認定」の結果を確認してください。",
        "With a status of residence, provisional stay does not apply: keep extending your"
        " status while the claim is examined (applicants are often moved to Designated"
        " Activities). See the refugee recognition result.",
    ),
    (asrc.APPLICANTS_WITH_STATUS, asrc.TRIAGE_2018),
)

_NEVER_A_BARE_NO = (HUMANITARIAN, SPECIAL_PERMISSION, UNHCR, LEGAL_HELP_NOW)


# --- Pathway 1: refugee recognition and complementary protection ----------------------------

RECOGNITION_IN_FORCE = in_force_rule(
    RECOGNITION_ID,
    T(
        "難民認定制度が施行されている（1982年1月1日から）",
        "The refugee recognition system is in force (from 1982-01-01)",
    ),
    SYSTEM_START,
    (asrc.ISA_SYSTEM_SINCE_1982, asrc.ACT_ART_61_2),
)

R_FOREIGN = Requirement(
    APPLICANT_FOREIGN,
    Effect.REQUIRED,
    if_not_met=(JAPANESE_NATIONAL,),
)

R_IN_JAPAN = Requirement(IN_JAPAN, Effect.REQUIRED, if_not_met=FROM_ABROAD)

R_FEARS = Requirement(FEARS, Effect.REQUIRED, if_not_met=_NEVER_A_BARE_NO)

R_PROTECTION_DEFINITION = Requirement(
    Rule(
        id=f"{RECOGNITION_ID}.protection_definition",
        text=T(
            "迫害のおそれが難民（条約上の理由）又は補完的保護対象者（2023年12月1日から、その他の理由）の定義に当てはまる",
            "The fear of persecution fits the definition of a refugee (Convention reason) or,"
            " from 2023-12-01, of a person eligible for complementary protection (any other reason)",
        ),
        expr=any_of(CONVENTION_GROUND_HOLDS, CP_IN_FORCE),
        citations=(asrc.ACT_ART_2_REFUGEE, asrc.ACT_ART_2_COMPLEMENTARY),
    ),
    Effect.REQUIRED,
    if_not_met=(NOT_FROM_CONVENTION_BEFORE_CP, *_NEVER_A_BARE_NO),
)

RECOGNITION_GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "apply_in_person",
            T(
                "日本にいる間に、住居地を管轄する地方出入国在留管理官署（難民調査部門など）で本人が申請します。手数料はかからず、申請期間の制限もありません。"
                "16歳未満や病気の場合は親族が代わりに申請できます。申請書は各国語版があります。",
                "Apply in person, while in Japan, at the regional immigration bureau for your"
                " address (its refugee inquiry section). There is no fee and no time limit."
                " A relative may apply for someone under 16 or ill. The form exists in many languages.",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE, asrc.ACT_ART_61_2),
        ),
        GuidanceItem(
            "assessment",
            T(
                "法務大臣が、提出された資料に基づいて判断します。難民調査官の面接があります。迫害のおそれを示す資料（陳述書、報道、本国の情勢の資料）はできるだけ提出してください。"
                "難民認定申請は補完的保護対象者に当たるかどうかも審査されます。",
                "The Minister of Justice decides on the materials submitted; a refugee inquirer"
                " interviews you. Submit whatever shows the risk (your statement, news, reports"
                " on your country). A refugee application is also examined for complementary protection.",
            ),
            (asrc.ACT_ART_61_2, asrc.ISA_REFUGEE_PROCEDURE),
        ),
        GuidanceItem(
            "processing_period",
            T(
                "一次審査の標準処理期間は6か月とされていますが、実際にはより長くかかることがあります。",
                "The standard processing period for the first decision is 6 months; in practice it can take much longer.",
            ),
            (asrc.ISA_PROCESSING_PERIOD,),
        ),
        GuidanceItem(
            "status_on_recognition",
            T(
                "認定されると、原則として「定住者」（在留期間は原則5年）が許可されます。補完的保護対象者も原則として「定住者」です（在留期間は未確認）。"
                "日本語教育・生活ガイダンス等の定住支援プログラムがあります。",
                "On recognition you are in principle granted Long-Term Resident (in principle for"
                " 5 years). Persons given complementary protection also receive Long-Term"
                " Resident in principle (period not confirmed). A settlement programme offers"
                " Japanese classes and guidance.",
            ),
            (
                asrc.LONG_TERM_RESIDENT_5_YEARS,
                asrc.ISA_CP_SUPPORT,
                asrc.UNCONFIRMED_CP_DETAILS,
            ),
        ),
        GuidanceItem(
            "travel_document",
            T(
                "難民として認定された人は、難民旅行証明書（交付手数料5,000円）の交付を申請できます。",
                "A recognised refugee can apply for a refugee travel document (fee ¥5,000 on issue).",
            ),
            (asrc.ACT_ART_61_2_15_TRAVEL,),
            when=CONVENTION_GROUND_HOLDS,
        ),
        GuidanceItem(
            "keep_your_status",
            T(
                "在留資格がある場合、申請中も在留期間の更新・変更は別に必要です。期限を過ぎないようにしてください。",
                "If you hold a status, you must still extend or change it separately while the"
                " claim is pending. Do not let it expire.",
            ),
            (asrc.APPLICANTS_WITH_STATUS,),
            when=HOLDS_STATUS,
        ),
        GuidanceItem(
            "triage_first_application",
            T(
                "実務家の解説によれば、2018年1月15日以降、在留資格を持つ人の初回申請は2か月以内に振り分けられ、在留・就労の扱いが決まります。",
                "According to practitioners, since 2018-01-15 a first application by a status"
                " holder is sorted within 2 months, which decides how stay and work are handled.",
            ),
            (asrc.TRIAGE_2018, asrc.TRIAGE_2018_SECOND),
            when=TRIAGE_FIRST,
        ),
        GuidanceItem(
            "triage_likely_refugee",
            T(
                "実務家の解説によれば、条約難民の可能性が高い案件（実務上「A案件」）は、振分け後すぐに就労可能な「特定活動」（6か月）が許可されます。",
                "According to practitioners, a claim likely to be a Convention refugee"
                " (practitioners' 'category A') gets Designated Activities with work"
                " permission (6 months) right after triage.",
            ),
            (asrc.TRIAGE_2018, asrc.TRIAGE_LETTERS),
            when=TRIAGE_LIKELY,
        ),
        GuidanceItem(
            "triage_clearly_outside",
            T(
                "実務家の解説によれば、難民条約上の迫害に明らかに当たらない事情を主張する案件（実務上「B案件」）は在留が制限されます（在留資格が与えられない）。",
                "According to practitioners, a claim that clearly raises nothing the Convention"
                " protects (practitioners' 'category B') is stay-restricted: no status is granted.",
            ),
            (asrc.TRIAGE_2018, asrc.TRIAGE_LETTERS),
            when=TRIAGE_CLEARLY_OUTSIDE,
        ),
        GuidanceItem(
            "triage_stopped_original_activity",
            T(
                "実務家の解説によれば、本来の活動をやめた後（技能実習先からの失踪、退学など）又は出国準備期間中の申請は就労が認められず、在留期間は6か月から3か月に短縮されます。",
                "According to practitioners, an application made after stopping the original"
                " activity (absconding from a technical internship, dropping out of school) or"
                " during a period to prepare departure gets no work permission, and the period"
                " of stay is cut from 6 to 3 months.",
            ),
            (asrc.TRIAGE_2018, asrc.TRIAGE_2018_SECOND),
            when=TRIAGE_STOPPED,
        ),
        GuidanceItem(
            "triage_repeat_application",
            T(
                "実務家の解説によれば、再申請（実務上「C案件」）は、難民等の可能性が高い場合を除き、原則として在留が制限されます。",
                "According to practitioners, a repeat application (practitioners' 'category C')"
                " is stay-restricted in principle unless it is likely to succeed.",
            ),
            (asrc.TRIAGE_2018, asrc.TRIAGE_LETTERS),
            when=TRIAGE_REPEAT,
        ),
        GuidanceItem(
            "review_request",
            T(
                "不認定の場合、通知を受けた日から7日以内に法務大臣に審査請求ができます。3人の難民審査参与員の意見を聴いて判断されます（意見に拘束力はありません）。",
                "If refused, you can request a review by the Minister within 7 days of the"
                " notice. The Minister hears a panel of three refugee examination counsellors,"
                " whose opinion is not binding.",
            ),
            (
                asrc.REVIEW_WITHIN_7_DAYS,
                asrc.UNCONFIRMED_REVIEW_ARTICLE,
                asrc.ISA_COUNSELLORS,
            ),
        ),
    ),
    documents=(
        Document(
            T(
                "難民・補完的保護対象者認定申請書（各国語版があります）",
                "Application form for refugee recognition or complementary protection (available in many languages)",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE,),
        ),
        Document(
            T(
                "写真1枚（縦4cm×横3cm、6か月以内に撮影、裏に氏名）",
                "1 photograph (4 cm x 3 cm, taken within 6 months, name on the back)",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE,),
            when=HOLDS_STATUS,
        ),
        Document(
            T(
                "写真2枚（在留資格がない場合。縦4cm×横3cm、6か月以内に撮影、裏に氏名）",
                "2 photographs if you have no status (4 cm x 3 cm, taken within 6 months, name on the back)",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE,),
            when=WITHOUT_STATUS,
        ),
        Document(
            T(
                "難民又は補完的保護対象者であることを証明する資料、又はそれを主張する陳述書",
                "Materials proving that you are a refugee or eligible for complementary protection, or a statement setting out your claim",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE,),
        ),
        Document(
            T(
                "旅券又は在留資格証明書（提示。提示できない場合はその理由を記載した書面）",
                "Passport or certificate of status (shown; if you cannot, a written explanation why)",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE,),
        ),
        Document(
            T("在留カード（提示）", "Residence card (shown)"),
            (asrc.ISA_REFUGEE_PROCEDURE,),
            when=HOLDS_STATUS,
        ),
        Document(
            T(
                "仮上陸・乗員上陸・緊急上陸・遭難による上陸・一時庇護のための上陸の許可を受けている場合は、その許可書（提示）",
                "If you hold a provisional, crew, emergency, distress or temporary-refuge landing permit: that permit (shown)",
            ),
            (asrc.ISA_REFUGEE_PROCEDURE,),
        ),
    ),
    procedure="refugee_recognition",
    deadlines=(
        REVIEW_REQUEST_DEADLINE,
        Deadline(
            "six_months_from_landing",
            T(
                "上陸の日から6か月: この日までに申請すると、認定時の「定住者」の在留許可で申請時期を理由に除外されない（第61条の2の2第1項第1号）",
                "Six months after landing: applying by this day avoids the exclusion from"
                " permission to stay on recognition for late application (Art. 61-2-2(1)(i))",
            ),
            SIX_MONTHS_FROM_LANDING,
            (asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
        ),
        Deadline(
            "six_months_from_learning",
            T(
                "日本にいる間に生じた事由を知った日から6か月（第61条の2の2第1項第1号）",
                "Six months after learning of grounds that arose while in Japan (Art. 61-2-2(1)(i))",
            ),
            SIX_MONTHS_FROM_KNOWLEDGE,
            (asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
        ),
    ),
)

_CANNOT_ASSESS = GuidanceItem(
    "cannot_assess",
    T(
        "zairyu はあなたの主張の信ぴょう性や本国の状況を評価できません。認定するかどうかは、提出された資料に基づいて法務大臣が判断します。"
        "認定される人は少数です（2023年: 申請13,823件に対し難民認定303人、人道配慮による在留許可1,005人）。",
        "zairyu cannot assess whether your account will be believed or how dangerous your"
        " country is: the Minister of Justice decides on the materials submitted. Few are"
        " recognised (2023: 303 refugees and 1,005 humanitarian permissions for 13,823 applications).",
    ),
    (asrc.ACT_ART_61_2, asrc.ISA_STATISTICS),
)
_UNCONFIRMED_POINTS = GuidanceItem(
    "unconfirmed_points",
    T(
        "未確認の点: 2024年6月10日以降の審査請求の条番号（第61条の2の12と推定）、補完的保護対象者の在留期間と難民旅行証明書の扱い、"
        "不認定後の人道配慮の許可が現在どの手続で行われるか。",
        "Not confirmed: the article number of the review request after 2024-06-10 (presumed"
        " Art. 61-2-12), the period of stay and travel document of persons given"
        " complementary protection, and the procedure by which humanitarian permission is now"
        " given after a refusal.",
    ),
    (
        asrc.UNCONFIRMED_REVIEW_ARTICLE,
        asrc.UNCONFIRMED_CP_DETAILS,
        asrc.UNCONFIRMED_HUMANITARIAN_ROUTE,
    ),
)
_REVIEW_PERIOD_PASSED = GuidanceItem(
    "review_period_passed",
    T(
        "不認定の通知から7日を過ぎている場合、審査請求の期間は過ぎています。ほかに取り得る手段（再申請など）について、すぐに弁護士に相談してください。",
        "If more than 7 days have passed since the refusal notice, the time for a review"
        " request is over. Ask a lawyer at once what remains open, such as a new application.",
    ),
    (asrc.REVIEW_WITHIN_7_DAYS, asrc.UNCONFIRMED_REVIEW_ARTICLE),
    when=REVIEW_PERIOD_PASSED,
)
_REMOVAL_NOT_SUSPENDED = GuidanceItem(
    "removal_not_suspended",
    T(
        "2024年6月10日から、3回目以降の申請では、難民等と認定すべき相当の理由がある資料を提出しない限り、申請中でも送還が停止されません。"
        "新しい資料があれば必ず提出し、すぐに弁護士に相談してください。",
        "From 2024-06-10, a third or later application does not stop removal while it is"
        " pending unless you submit materials showing reasonable grounds for recognition."
        " Submit any new evidence and see a lawyer at once.",
    ),
    (asrc.ACT_ART_61_2_9_REMOVAL, asrc.ISA_AMENDMENT_OVERVIEW),
    when=REMOVAL_NOT_SUSPENDED,
)
_REMOVAL_SUSPENDED_BEFORE_2024 = GuidanceItem(
    "removal_suspended_before_2024",
    T(
        "2024年6月10日前は、申請の回数にかかわらず、申請中は送還が停止されていました。",
        "Before 2024-06-10, removal was suspended while any application was pending, however many there had been.",
    ),
    (asrc.REMOVAL_SUSPENDED_BEFORE_2024,),
    when=BEFORE_2024,
)
_OTHER_REMOVAL_EXCEPTIONS = GuidanceItem(
    "other_removal_exceptions",
    T(
        "2024年6月10日から、3年以上の実刑に処せられた人やテロリスト等も、申請中の送還停止の例外とされています（実務家の解説）。",
        "From 2024-06-10, persons sentenced to three years or more of imprisonment without"
        " suspension, and terrorists, are also excepted from the suspension of removal"
        " (according to practitioners).",
    ),
    (asrc.OTHER_REMOVAL_EXCEPTIONS,),
    when=FROM_2024,
)
_SUPERVISION = GuidanceItem(
    "supervision_measures",
    T(
        "在留資格がない場合、2024年6月10日からは、収容に代えて監理措置（監理人の下で、住居の制限・出頭義務・必要に応じ保証金）が認められることがあります。"
        "退去強制令書の発付前なら、生計維持に必要な範囲で就労が許可されることもあります。",
        "Without a status, from 2024-06-10 supervision measures may replace detention (living"
        " under a supervisor, with limits on residence, a duty to appear and possibly a"
        " deposit). Before a deportation order, work may be permitted within what is needed to live.",
    ),
    (asrc.ACT_ART_44_2_SUPERVISION, asrc.ISA_SUPERVISION, asrc.SUPERVISION_PRACTICE),
    when=WITHOUT_STATUS_FROM_2024,
)
_HUMANITARIAN_CAVEAT = GuidanceItem(
    "humanitarian_permission",
    T(
        "不認定でも、人道上の配慮から在留が許可されることがあります。在留資格がない場合は在留特別許可（第50条）で判断されます。",
        "Even after a refusal, stay may be permitted on humanitarian grounds; without a status"
        " this is decided as special permission to stay (Art. 50).",
    ),
    (asrc.HUMANITARIAN_PERMISSION, src.ACT_ART_50_SPECIAL_PERMISSION),
)

RECOGNITION_CAVEATS = (
    _CANNOT_ASSESS,
    GuidanceItem(
        "refugee_definition",
        T(
            "「難民」とは、人種、宗教、国籍、特定の社会的集団の構成員であること又は政治的意見を理由に迫害を受けるおそれがあるという十分に理由のある恐怖のために、"
            "国籍国の外にいて、その国の保護を受けられない又は受けることを望まない人です（入管法第2条第3号、難民条約第1条）。",
            "A refugee is a person who, owing to a well-founded fear of being persecuted for"
            " reasons of race, religion, nationality, membership of a particular social group"
            " or political opinion, is outside the country of nationality and unable or,"
            " owing to that fear, unwilling to accept its protection (Art. 2(iii); Refugee Convention Art. 1).",
        ),
        (asrc.ACT_ART_2_REFUGEE, asrc.ISA_SYSTEM_SINCE_1982),
        when=CONVENTION_GROUND_HOLDS,
    ),
    GuidanceItem(
        "complementary_protection_definition",
        T(
            "「補完的保護対象者」とは、迫害を受けるおそれの理由が条約上の理由ではない点を除き、難民の要件をすべて満たす人です（入管法第2条第3号の2、2023年12月1日から）。"
            "例えば戦闘に巻き込まれて迫害を受けるおそれがある人が想定されています。難民旅行証明書は難民のみが対象です。",
            "A person eligible for complementary protection meets every requirement of a"
            " refugee except that the persecution feared is not for a Convention reason (Art."
            " 2(iii-2), from 2023-12-01): people fleeing armed conflict, for example. The"
            " refugee travel document is for refugees only.",
        ),
        (
            asrc.ACT_ART_2_COMPLEMENTARY,
            asrc.ISA_COMPLEMENTARY_PROTECTION,
            asrc.ACT_ART_61_2_15_TRAVEL,
        ),
        when=COMPLEMENTARY_CASE,
    ),
    GuidanceItem(
        "no_complementary_protection_yet",
        T(
            "2023年12月1日前は補完的保護の制度がなく、条約上の理由によらない危険は人道上の配慮による在留許可の対象でした。",
            "Before 2023-12-01 there was no complementary protection: danger for a"
            " non-Convention reason could only lead to humanitarian permission to stay.",
        ),
        (asrc.ISA_EXAMPLES_2023, asrc.ISA_STAGED_ENTRY_2023),
        when=NON_CONVENTION_BEFORE_CP,
    ),
    GuidanceItem(
        "exclusion_clauses",
        T(
            "難民条約は、他国の保護を受けている人や重大な非政治的犯罪を犯した人などを保護の対象から除いています（条約第1条C〜F）。該当しそうな事情があれば専門家に相談してください。",
            "The Convention excludes some people, such as those protected by another country"
            " or who committed a serious non-political crime (Convention Art. 1C to F). If"
            " anything like this may apply, seek advice.",
        ),
        (asrc.ACT_ART_2_REFUGEE,),
    ),
    GuidanceItem(
        "late_application",
        T(
            "上陸（又は事由を知った日）から6か月を過ぎた申請で、やむを得ない事情がない場合、在留資格のない人は認定されても「定住者」の在留許可が当然にはされません（第61条の2の2第1項第1号）。",
            "If you applied more than six months after landing (or after learning of the"
            " grounds) without unavoidable circumstances and have no status, recognition does"
            " not by itself bring the Long-Term Resident permission (Art. 61-2-2(1)(i)).",
        ),
        (asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
        when=LATE_WITHOUT_EXCUSE,
    ),
    _REVIEW_PERIOD_PASSED,
    _REMOVAL_NOT_SUSPENDED,
    _REMOVAL_SUSPENDED_BEFORE_2024,
    _OTHER_REMOVAL_EXCEPTIONS,
    _SUPERVISION,
    _HUMANITARIAN_CAVEAT,
    _UNCONFIRMED_POINTS,
)

RECOGNITION_FACTORS = (
    Factor(REMOVAL_NOT_SUSPENDED, Weight.UNFAVOURABLE),
    Factor(LATE_WITHOUT_EXCUSE, Weight.UNFAVOURABLE),
    Factor(NOT_DIRECT, Weight.UNFAVOURABLE),
    Factor(SENTENCED, Weight.UNFAVOURABLE),
)

RECOGNITION = Pathway(
    id=RECOGNITION_ID,
    title=T(
        "難民認定・補完的保護対象者認定（「定住者」）",
        "Refugee recognition or complementary protection (Long-Term Resident)",
    ),
    target_status="long_term_resident",
    summary=T(
        "日本にいる外国人で、本国に帰ると迫害を受けるおそれがある人は、難民認定（条約上の理由）又は補完的保護対象者認定（2023年12月1日から、その他の理由）を申請できます。"
        "認定されると原則として「定住者」が許可されます。判断は法務大臣が証拠に基づいて行います。",
        "A foreign national in Japan who fears persecution on return can apply for refugee"
        " recognition (Convention reasons) or, from 2023-12-01, complementary protection"
        " (other reasons). Recognition in principle brings Long-Term Resident status. The"
        " Minister of Justice decides on the evidence.",
    ),
    in_force=RECOGNITION_IN_FORCE,
    requirements=(R_FOREIGN, R_IN_JAPAN, R_FEARS, R_PROTECTION_DEFINITION),
    guidance=RECOGNITION_GUIDANCE,
    caveats=RECOGNITION_CAVEATS,
    factors=RECOGNITION_FACTORS,
    ceiling=Outcome.DISCRETIONARY,
    help_topics=("asylum", "detention", "general"),
    always_refer=True,
)


# --- Pathway 2: provisional stay -------------------------------------------------------------

PROVISIONAL_IN_FORCE = in_force_rule(
    PROVISIONAL_ID,
    T(
        "仮滞在の制度が施行されている（2005年5月16日から）",
        "Provisional stay is in force (from 2005-05-16)",
    ),
    PROVISIONAL_STAY_START,
    (asrc.PROVISIONAL_STAY_SINCE_2005, asrc.ACT_ART_61_2_4),
)

_LATE_OR_INDIRECT = (APPLY_ANYWAY, SUPERVISION, *_NEVER_A_BARE_NO)

P_FOREIGN = Requirement(APPLICANT_FOREIGN, Effect.REQUIRED, if_not_met=(JAPANESE_NATIONAL,))
P_IN_JAPAN = Requirement(IN_JAPAN, Effect.REQUIRED, if_not_met=FROM_ABROAD)
P_NO_STATUS = Requirement(WITHOUT_STATUS, Effect.REQUIRED, if_not_met=(STATUS_HOLDER,))
P_FEARS = Requirement(FEARS, Effect.REQUIRED, if_not_met=(SUPERVISION, *_NEVER_A_BARE_NO))
P_TIME_LIMIT = Requirement(
    Rule(
        id=f"{PROVISIONAL_ID}.time_limit",
        text=T(
            "上陸（又は事由を知った日）から6か月以内に申請した、又はやむを得ない事情がある（第61条の2の4第1項第6号、第61条の2の2第1項第1号）",
            "Applied within six months of landing (or of learning of the grounds), or with"
            " unavoidable circumstances (Art. 61-2-4(1)(vi) with Art. 61-2-2(1)(i))",
        ),
        expr=all_of(TIME_LIMIT_MET),
        citations=(asrc.ACT_ART_61_2_4, asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=_LATE_OR_INDIRECT,
)
P_CAME_DIRECTLY = Requirement(
    Rule(
        id=f"{PROVISIONAL_ID}.came_directly",
        text=T(
            "迫害のおそれがあった領域から直接日本に入った（第61条の2の4第1項第6号、第61条の2の2第1項第2号）",
            "Came directly from the territory of persecution (Art. 61-2-4(1)(vi) with Art. 61-2-2(1)(ii))",
        ),
        expr=all_of(CAME_DIRECTLY_RULE),
        citations=(asrc.ACT_ART_61_2_4, asrc.ACT_ART_61_2_2, asrc.PERMISSION_TO_STAY_TEXT),
    ),
    Effect.REQUIRED,
    if_not_met=_LATE_OR_INDIRECT,
)
P_NO_DEPORTATION_ORDER = Requirement(
    Rule(
        id=f"{PROVISIONAL_ID}.no_deportation_order",
        text=T(
            "退去強制令書の発付を受けていない（除外事由。現行条文で未確認）",
            "No deportation order has been issued (an exclusion not confirmed in the current text)",
        ),
        expr=not_(DEPORTATION_ORDER_ISSUED),
        citations=(asrc.UNCONFIRMED_PROVISIONAL_EXCLUSIONS,),
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "退去強制令書が発付された後は、在留特別許可の申請はできません（2024年6月10日から）。令書の取消しを求める訴えや再審情願などについて、直ちに弁護士に相談してください。",
                "Once a deportation order is issued, special permission to stay can no longer be"
                " applied for (from 2024-06-10). See a lawyer at once about challenging the order.",
            ),
            (asrc.ISA_SPECIAL_PERMISSION_APPLICATION,),
        ),
        HUMANITARIAN,
        UNHCR,
    ),
)
P_NOT_SENTENCED = Requirement(
    Rule(
        id=f"{PROVISIONAL_ID}.not_sentenced_after_entry",
        text=T(
            "入国後に一定の罪により拘禁刑に処せられていない（除外事由。対象となる罪の範囲は未確認）",
            "Not sentenced to imprisonment after entry for one of the listed crimes (an"
            " exclusion; the list is not confirmed here)",
        ),
        expr=not_(SENTENCED_IN_JAPAN),
        citations=(asrc.UNCONFIRMED_PROVISIONAL_EXCLUSIONS,),
    ),
    Effect.STANDARD,
    if_not_met=(
        Alternative(
            T(
                "除外されるのは法律に列挙された罪による場合に限られます。判決の内容を持って弁護士に相談してください。",
                "Only sentences for the crimes the Act lists exclude provisional stay. Take the"
                " judgment to a lawyer.",
            ),
            (asrc.UNCONFIRMED_PROVISIONAL_EXCLUSIONS,),
        ),
        SPECIAL_PERMISSION,
    ),
)

PROVISIONAL_GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "no_separate_application",
            T(
                "仮滞在のための別の申請はありません。在留資格のない人が難民認定申請をすると、仮滞在を許可するかどうかが判断されます。除外事由に当たらなければ許可されます。",
                "There is no separate application: when a person without a status applies for"
                " asylum, provisional stay is decided on that application, and granted unless"
                " an exclusion applies.",
            ),
            (asrc.PROVISIONAL_STAY_ON_APPLICATION, asrc.ACT_ART_61_2_4),
        ),
        GuidanceItem(
            "effect",
            T(
                "仮滞在の間は退去強制手続が停止されます。住居や行動範囲などの条件が付きます。",
                "During provisional stay deportation proceedings are suspended; conditions such"
                " as on residence and movement are attached.",
            ),
            (asrc.PROVISIONAL_STAY_ENDS, asrc.ACT_ART_61_2_4),
        ),
        GuidanceItem(
            "period",
            T(
                "仮滞在の期間は原則6か月とされ（未確認）、申請により更新されます。",
                "The period is said to be 6 months in principle (not confirmed) and is renewed on application.",
            ),
            (asrc.UNCONFIRMED_PROVISIONAL_PERIOD,),
        ),
        GuidanceItem(
            "work_permission",
            T(
                "2024年6月10日から、仮滞在中に「報酬を受ける活動」の許可を申請できます（第61条の2の7第2項）。仮滞在の許可から期間満了までに申請し、手数料はかかりません。"
                "許可がなければ働くことはできません。",
                "From 2024-06-10 you can apply for permission to engage in paid activity during"
                " provisional stay (Art. 61-2-7(2)), between the grant and its expiry, with no"
                " fee. Without that permission you may not work.",
            ),
            (asrc.ACT_ART_61_2_7_WORK, asrc.ISA_WORK_DURING_PROVISIONAL_STAY),
            when=WORK_PERMISSION_AVAILABLE,
        ),
        GuidanceItem(
            "no_work_before_2024",
            T(
                "2024年6月10日前は、仮滞在中に働くことは認められていませんでした。",
                "Before 2024-06-10, work was not allowed during provisional stay.",
            ),
            (asrc.PROVISIONAL_STAY_NO_WORK,),
            when=BEFORE_2024,
        ),
        GuidanceItem(
            "review_request",
            T(
                "不認定の場合、通知を受けた日から7日以内に審査請求ができます。審査請求をしないまま期間が過ぎると、仮滞在は終了します。",
                "If refused, you can request a review within 7 days of the notice. If that time"
                " passes without a request, provisional stay ends.",
            ),
            (
                asrc.REVIEW_WITHIN_7_DAYS,
                asrc.UNCONFIRMED_REVIEW_ARTICLE,
                asrc.PROVISIONAL_STAY_ENDS,
            ),
        ),
    ),
    documents=(
        *(d for d in RECOGNITION_GUIDANCE.documents if d.when is not HOLDS_STATUS),
        Document(
            T(
                "（就労の許可を申請する場合）労働条件通知書など労働条件を明示した書面",
                "(To apply for work permission) a written statement of working conditions",
            ),
            (asrc.ISA_WORK_DURING_PROVISIONAL_STAY,),
            when=WORK_PERMISSION_AVAILABLE,
        ),
        Document(
            T(
                "（就労の許可を申請する場合）雇用主の源泉徴収票等、収入・資産を示す資料、保護費の支給を受けている場合はその証明書",
                "(To apply for work permission) the employer's tax withholding statements, proof"
                " of income or assets, and proof of any protection allowance received",
            ),
            (asrc.ISA_WORK_DURING_PROVISIONAL_STAY,),
            when=WORK_PERMISSION_AVAILABLE,
        ),
    ),
    procedure="refugee_recognition",
    deadlines=(
        Deadline(
            "six_months_from_landing",
            T(
                "上陸の日から6か月: この日を過ぎた申請は、やむを得ない事情がなければ仮滞在が許可されない",
                "Six months after landing: after this day, provisional stay is refused unless"
                " there were unavoidable circumstances",
            ),
            SIX_MONTHS_FROM_LANDING,
            (asrc.ACT_ART_61_2_4, asrc.ACT_ART_61_2_2),
        ),
        Deadline(
            "six_months_from_learning",
            T(
                "日本にいる間に生じた事由を知った日から6か月",
                "Six months after learning of grounds that arose while in Japan",
            ),
            SIX_MONTHS_FROM_KNOWLEDGE,
            (asrc.ACT_ART_61_2_4, asrc.ACT_ART_61_2_2),
        ),
        REVIEW_REQUEST_DEADLINE,
    ),
)

PROVISIONAL_CAVEATS = (
    GuidanceItem(
        "cannot_assess",
        T(
            "zairyu が確認できるのは一部の除外事由だけです。仮滞在を許可するかどうかは出入国在留管理庁が判断し、難民に当たるかどうかは別に審査されます。",
            "zairyu checks only some of the exclusions. The Immigration Services Agency"
            " decides on provisional stay; whether you are a refugee is examined separately.",
        ),
        (asrc.ACT_ART_61_2_4, asrc.ACT_ART_61_2),
    ),
    GuidanceItem(
        "other_exclusions",
        T(
            "ほかの除外事由（未確認を含む）: 仮上陸等の許可を受けていること、入国時の上陸拒否事由、一定の退去強制事由に当たると疑う相当の理由、逃亡のおそれ。"
            "入国許可なく入国した場合、6か月は実際に日本に着いた日から数えられると考えられます。",
            "Other exclusions, some not confirmed: holding a provisional or special landing"
            " permit, grounds for refusing landing at entry, reasonable grounds to suspect"
            " certain deportation grounds, and a risk of flight. If you entered without"
            " permission, the six months are taken to run from the day you actually arrived.",
        ),
        (asrc.UNCONFIRMED_PROVISIONAL_EXCLUSIONS, asrc.PERMISSION_TO_STAY_TEXT),
    ),
    GuidanceItem(
        "complementary_protection_only",
        T(
            "補完的保護対象者の認定だけを申請した場合に仮滞在の対象となるかは確認できていません。",
            "Whether an application for complementary protection only leads to provisional stay is not confirmed.",
        ),
        (asrc.UNCONFIRMED_CP_DETAILS,),
        when=FROM_2024,
    ),
    GuidanceItem(
        "ends",
        T(
            "仮滞在は、期間の満了、不認定後に審査請求をしないまま期間が過ぎたとき、審査請求の棄却、申請の取下げ、許可の取消しなどで終わります。",
            "Provisional stay ends on expiry, when the time to challenge a refusal passes"
            " unused, when a review is dismissed, on withdrawal, or on revocation.",
        ),
        (asrc.PROVISIONAL_STAY_ENDS,),
    ),
    _REVIEW_PERIOD_PASSED,
    _REMOVAL_NOT_SUSPENDED,
    _REMOVAL_SUSPENDED_BEFORE_2024,
    _OTHER_REMOVAL_EXCEPTIONS,
    _SUPERVISION,
    _HUMANITARIAN_CAVEAT,
    _UNCONFIRMED_POINTS,
)

PROVISIONAL_STAY = Pathway(
    id=PROVISIONAL_ID,
    title=T(
        "仮滞在（難民認定申請中の在留資格のない人）",
        "Provisional stay (asylum applicants without a status)",
    ),
    target_status=NO_STATUS,
    summary=T(
        "在留資格のない人が難民認定申請をすると、除外事由に当たらない限り仮滞在が許可され、審査の間は退去強制手続が停止されます。"
        "仮滞在は在留資格ではありません。",
        "When a person without a status applies for asylum, provisional stay is granted"
        " unless an exclusion applies, and deportation proceedings are suspended during the"
        " examination. Provisional stay is not a status of residence.",
    ),
    in_force=PROVISIONAL_IN_FORCE,
    requirements=(
        P_FOREIGN,
        P_IN_JAPAN,
        P_NO_STATUS,
        P_FEARS,
        P_TIME_LIMIT,
        P_CAME_DIRECTLY,
        P_NO_DEPORTATION_ORDER,
        P_NOT_SENTENCED,
    ),
    guidance=PROVISIONAL_GUIDANCE,
    caveats=PROVISIONAL_CAVEATS,
    factors=(Factor(REMOVAL_NOT_SUSPENDED, Weight.UNFAVOURABLE),),
    help_topics=("asylum", "detention"),
    always_refer=True,
)

PATHWAYS: tuple[Pathway, ...] = (RECOGNITION, PROVISIONAL_STAY)
CONSTRAINTS: tuple[Constraint, ...] = ()
