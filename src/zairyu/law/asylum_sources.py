"""Citations only the asylum module reads: refugee recognition, complementary protection,
provisional stay, the 2023 amendment, and the practice around them.

Canonical addresses only. Several ISA pages were read by the research helpers through a copy;
the moj.go.jp address is cited here (see /work/scratch/asylum_facts.md, "seen via mirror").
Statute articles renumbered on 2024-06-10 are cited under the number confirmed by the research;
a number that was only inferred is cited with kind UNCONFIRMED.
"""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text
from zairyu.law.sources import IMMIGRATION_ACT_URL

T = Text
OFFICIAL, SECONDARY, UNCONFIRMED = SourceKind.OFFICIAL, SourceKind.SECONDARY, SourceKind.UNCONFIRMED

_ACT = T(
    "出入国管理及び難民認定法（昭和26年政令第319号）",
    "Immigration Control and Refugee Recognition Act (Cabinet Order No. 319 of 1951)",
)
_ISA = "出入国在留管理庁"

# --- Statute -------------------------------------------------------------------------------

ACT_ART_2_REFUGEE = Citation(
    "immigration_act.art2_iii",
    _ACT,
    T(
        "第2条第3号（難民: 難民条約第1条又は議定書第1条により条約の適用を受ける難民。2023年12月1日前は第2条第3号の2）",
        "Art. 2(iii): refugee, a refugee to whom the Refugee Convention applies under Art. 1 of"
        " the Convention or of the Protocol (numbered Art. 2(iii-2) before 2023-12-01)",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_2_COMPLEMENTARY = Citation(
    "immigration_act.art2_iii_2",
    _ACT,
    T(
        "第2条第3号の2（補完的保護対象者: 難民以外の者で、迫害を受けるおそれがある理由が条約上の理由であること以外の難民の要件を満たすもの）",
        "Art. 2(iii-2): person eligible for complementary protection, a non-refugee who meets"
        " every requirement of a refugee except that the persecution feared is for a reason"
        " other than those of Art. 1A(2) of the Convention",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_61_2 = Citation(
    "immigration_act.art61_2",
    _ACT,
    T(
        "第61条の2（難民の認定: 本邦にある外国人から申請があつたとき、提出した資料に基づき法務大臣が認定。第2項 補完的保護対象者の認定）",
        "Art. 61-2: the Minister of Justice recognises a refugee on the application of a"
        " foreign national in Japan, on the materials submitted; para. 2: complementary"
        " protection",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_61_2_2 = Citation(
    "immigration_act.art61_2_2",
    _ACT,
    T(
        "第61条の2の2（在留資格未取得外国人に対する在留許可。第1項第1号 上陸の日（本邦にある間に事由が生じた者はその事実を知つた日）から6月経過後の申請（やむを得ない事情がある場合を除く）、第2号 迫害のおそれのあつた領域から直接本邦に入つたものでないとき）",
        "Art. 61-2-2: permission to stay for a recognised person without a status. Excluded:"
        " (1)(i) applied more than 6 months after landing (or after learning of the grounds"
        " while in Japan) unless unavoidable; (ii) did not come directly from the territory"
        " where persecution was feared",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_61_2_4 = Citation(
    "immigration_act.art61_2_4",
    _ACT,
    T(
        "第61条の2の4第1項（仮滞在の許可: 在留資格未取得外国人から申請があつたときは、除外事由に該当する場合を除き、許可するものとする）",
        "Art. 61-2-4(1): permission for provisional stay, which the Minister shall grant to an"
        " applicant without a status unless an exclusion applies",
    ),
    "https://www.moj.go.jp/isa/07_00044.html",
    OFFICIAL,
)
ACT_ART_61_2_7_WORK = Citation(
    "immigration_act.art61_2_7_2",
    _ACT,
    T(
        "第61条の2の7第2項（仮滞在中の報酬を受ける活動の許可。2024年6月10日から）",
        "Art. 61-2-7(2): permission to engage in paid activity during provisional stay (from 2024-06-10)",
    ),
    "https://www.moj.go.jp/isa/07_00044.html",
    OFFICIAL,
)
ACT_ART_61_2_9_REMOVAL = Citation(
    "immigration_act.art61_2_9_4",
    _ACT,
    T(
        "第61条の2の9第4項第1号（送還停止効の例外: 3回目以降の申請者。ただし相当の理由がある資料を提出した者を除く。2024年6月10日から。令和5年6月30日の内閣答弁書が改正後の条番号を引用）",
        "Art. 61-2-9(4)(i): exception to the suspension of removal for third and later"
        " applicants, unless they submit materials showing reasonable grounds for recognition"
        " (from 2024-06-10; article number as cited in the Cabinet's answer of 2023-06-30)",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_61_2_15_TRAVEL = Citation(
    "immigration_act.art61_2_15",
    _ACT,
    T(
        "第61条の2の15（難民旅行証明書: 難民の認定を受けている者。交付手数料5,000円）",
        "Art. 61-2-15: refugee travel document, for persons recognised as refugees; fee ¥5,000 on issue",
    ),
    "https://www.moj.go.jp/isa/refugee/procedures/16-7.html",
    OFFICIAL,
)
ACT_ART_44_2_SUPERVISION = Citation(
    "immigration_act.art44_2",
    _ACT,
    T(
        "第44条の2・第52条の2（監理措置。2024年6月10日から）",
        "Arts. 44-2 and 52-2: supervision measures (from 2024-06-10)",
    ),
    "https://www.moj.go.jp/isa/08_00047.html",
    OFFICIAL,
)

# --- ISA pages -------------------------------------------------------------------------------

ISA_REFUGEE_PROCEDURE = Citation(
    "isa.procedures.refugee_recognition",
    T(
        f"{_ISA}「難民認定申請・補完的保護対象者認定申請」",
        "Immigration Services Agency: Application for refugee recognition or complementary protection",
    ),
    T(
        "本邦にある外国人が申請。申請期間の制限なし。難民認定申請は補完的保護対象者の該当性も審査。必要書類",
        "Applicants are foreign nationals in Japan; no time limit for applying; a refugee"
        " application is also examined for complementary protection; documents",
    ),
    "https://www.moj.go.jp/isa/refugee/procedures/16-6.html",
    OFFICIAL,
)
ISA_SYSTEM_SINCE_1982 = Citation(
    "asylum.isa.system_since_1982",
    T(
        f"{_ISA}「難民認定制度の沿革」",
        "Immigration Services Agency: history of the refugee recognition system",
    ),
    T(
        "難民条約・議定書が効力を生じた昭和57年1月1日に難民認定制度を含む入管法が施行",
        "The Act with the refugee recognition system took effect on 1982-01-01, when the"
        " Convention and Protocol entered into force for Japan",
    ),
    "https://www.moj.go.jp/isa/policies/conference/nyukan_nyukan13-07.html",
    OFFICIAL,
)
ISA_STAGED_ENTRY_2023 = Citation(
    "asylum.isa.amendment_2023_entry_into_force",
    T(
        f"{_ISA}「令和5年入管法等改正法について」",
        "Immigration Services Agency: the 2023 amendment of the Immigration Act",
    ),
    T(
        "補完的保護対象者認定制度は2023年12月1日、送還停止効の例外・監理措置・在留特別許可の申請手続等は2024年6月10日施行",
        "Complementary protection from 2023-12-01; exceptions to the suspension of removal,"
        " supervision measures and applications for special permission to stay from 2024-06-10",
    ),
    "https://www.moj.go.jp/isa/01_00457.html",
    OFFICIAL,
)
ISA_COMPLEMENTARY_PROTECTION = Citation(
    "asylum.isa.complementary_protection",
    T(
        f"{_ISA}「補完的保護対象者認定制度」",
        "Immigration Services Agency: complementary protection",
    ),
    T(
        "2023年12月1日開始。紛争から逃れた者等の保護",
        "Started on 2023-12-01; protects e.g. people fleeing armed conflict",
    ),
    "https://www.moj.go.jp/isa/support/fresc/12_00125.html",
    OFFICIAL,
)
ISA_CP_SUPPORT = Citation(
    "asylum.isa.complementary_protection_support",
    T(
        f"{_ISA}「補完的保護対象者への支援について」",
        "Immigration Services Agency: support for persons eligible for complementary protection",
    ),
    T(
        "補完的保護対象者には原則として「定住者」の在留資格を付与（条約難民と同様）。定住支援プログラム",
        "Persons given complementary protection receive Long-Term Resident status in principle,"
        " as refugees do; settlement programme",
    ),
    "https://www.moj.go.jp/isa/content/001403705.pdf",
    OFFICIAL,
)
ISA_AMENDMENT_OVERVIEW = Citation(
    "asylum.isa.amendment_2023_overview",
    T(
        f"{_ISA}「入管法等改正法の概要」",
        "Immigration Services Agency: overview of the 2023 amendment",
    ),
    T(
        "3回目以降の難民認定申請者は、相当の理由がある資料を提出しなければ送還停止効の例外。収容の要否は3か月ごとに見直し",
        "Third and later applicants lose the suspension of removal unless they submit"
        " materials showing reasonable grounds; need for detention reviewed every 3 months",
    ),
    "https://www.moj.go.jp/isa/content/001419971.pdf",
    OFFICIAL,
)
ISA_SUPERVISION = Citation(
    "asylum.isa.supervision_applications",
    T(
        f"{_ISA}「監理措置に関する各種申請」",
        "Immigration Services Agency: applications on supervision measures",
    ),
    T(
        "監理人の選定、逃亡等のおそれと収容による不利益を考慮して収容に代えて監理措置。手数料なし、保証金を求められることがある",
        "Supervision instead of detention, with a supervisor, weighing the risk of flight and"
        " the harm of detention; no fee, a deposit may be required",
    ),
    "https://www.moj.go.jp/isa/08_00047.html",
    OFFICIAL,
)
ISA_SPECIAL_PERMISSION_APPLICATION = Citation(
    "asylum.isa.special_permission_application",
    T(
        f"{_ISA}「在留特別許可申請」",
        "Immigration Services Agency: application for special permission to stay",
    ),
    T(
        "収容令書による収容（仮放免中を含む）又は監理措置の開始から退去強制令書の発付までの間に申請できる",
        "Can be applied for from detention under a detention order (including provisional"
        " release) or placement under supervision until a deportation order is issued",
    ),
    "https://www.moj.go.jp/isa/deportation/procedures/08_00044.html",
    OFFICIAL,
)
ISA_WORK_DURING_PROVISIONAL_STAY = Citation(
    "asylum.isa.provisional_stay_work",
    T(
        f"{_ISA}「報酬を受ける活動許可申請（仮滞在）」",
        "Immigration Services Agency: permission for paid activity (provisional stay)",
    ),
    T(
        "仮滞在許可から期間満了まで申請可、手数料なし。労働条件通知書、源泉徴収票、収入・資産の資料等",
        "Apply between the grant of provisional stay and its expiry; no fee; written employment"
        " conditions, tax withholding statements, proof of income or assets",
    ),
    "https://www.moj.go.jp/isa/07_00044.html",
    OFFICIAL,
)
ISA_COUNSELLORS = Citation(
    "asylum.isa.refugee_examination_counsellors",
    T(
        f"{_ISA}「難民審査参与員制度について」",
        "Immigration Services Agency: refugee examination counsellors",
    ),
    T(
        "審査請求は3人の難民審査参与員の意見を聴いて法務大臣が判断（意見に法的拘束力はない）",
        "The Minister decides a review request after hearing a panel of three refugee"
        " examination counsellors, whose opinion is not legally binding",
    ),
    "https://www.moj.go.jp/isa/refugee/resources/nyukan_nyukan58.html",
    OFFICIAL,
)
ISA_PROCESSING_PERIOD = Citation(
    "asylum.isa.standard_processing_period",
    T(
        f"{_ISA}「難民認定手続の標準処理期間」",
        "Immigration Services Agency: standard processing period",
    ),
    T(
        "一次審査の標準処理期間は6か月（2010年7月設定）",
        "6 months for the first decision (set in July 2010)",
    ),
    "https://www.moj.go.jp/isa/refugee/resources/nyuukokukanri03_00082.html",
    OFFICIAL,
)
ISA_STATISTICS = Citation(
    "asylum.isa.statistics",
    T(
        f"{_ISA}「我が国における難民庇護の状況等」",
        "Immigration Services Agency: asylum in Japan, statistics",
    ),
    T(
        "2023年: 申請13,823件、難民認定303人、人道配慮による在留許可1,005人",
        "2023: 13,823 applications, 303 recognised refugees, 1,005 permitted to stay on humanitarian grounds",
    ),
    "https://www.moj.go.jp/isa/content/001414757.pdf",
    OFFICIAL,
)
ISA_EXAMPLES_2023 = Citation(
    "asylum.isa.examples_2023",
    T(
        f"{_ISA}「難民と認定した事例等について」（2023年）",
        "Immigration Services Agency: examples of decisions (2023)",
    ),
    T(
        "軍と武装集団の戦闘による危険は条約上の理由に当たらないが、人道上の配慮から在留を許可した事例",
        "Example: danger from fighting between an army and an armed group is not a Convention"
        " ground, but stay was permitted on humanitarian grounds",
    ),
    "https://www.moj.go.jp/isa/content/001415783.pdf",
    OFFICIAL,
)

# --- Secondary: practice, NGOs, UNHCR -------------------------------------------------------

REVIEW_WITHIN_7_DAYS = Citation(
    "asylum.frj.review_within_7_days",
    T(
        "なんみんフォーラム（FRJ）「難民認定手続の流れ」",
        "Forum for Refugees Japan: the asylum procedure",
    ),
    T(
        "不認定の結果を知らされた日から7日以内に審査請求",
        "Request a review within 7 days of being told of the refusal",
    ),
    "http://frj.or.jp/for/",
    SECONDARY,
)
UNCONFIRMED_REVIEW_ARTICLE = Citation(
    "asylum.unconfirmed.review_article_61_2_12",
    _ACT,
    T(
        "審査請求の条番号（2024年6月10日以降は第61条の2の12と推定。改正前は第61条の2の9）: e-Govで未確認",
        "Article number of the review request: presumed Art. 61-2-12 from 2024-06-10 (Art."
        " 61-2-9 before); not checked on e-Gov",
    ),
    IMMIGRATION_ACT_URL,
    UNCONFIRMED,
)
PERMISSION_TO_STAY_TEXT = Citation(
    "asylum.practice.permission_to_stay_on_recognition",
    T(
        "行政書士による解説（難民認定と在留許可）",
        "Practitioner's commentary on permission to stay on recognition",
    ),
    T(
        "第61条の2の2第1項の除外事由（6か月経過後の申請、直接入国でない、退去強制事由、一定の犯罪）",
        "The exclusions of Art. 61-2-2(1): application after 6 months, not coming directly,"
        " deportation grounds, certain crimes",
    ),
    "http://ichiishinji.com/category45/entry173.html",
    SECONDARY,
)
LONG_TERM_RESIDENT_5_YEARS = Citation(
    "asylum.practice.long_term_resident_5_years",
    T(
        "行政書士による解説（難民認定後の在留資格）",
        "Practitioner's guidance: status after recognition",
    ),
    T(
        "難民認定を受けると原則として「定住者」（5年）",
        "A recognised refugee receives Long-Term Resident, in principle for 5 years",
    ),
    "https://www.acroseed.com/zaitoku/nanmin/2.html",
    SECONDARY,
)
TRIAGE_2018 = Citation(
    "asylum.practice.triage_2018",
    T(
        "行政書士による解説（難民認定制度の運用の更なる見直し、2018年1月15日以降の申請）",
        "Practitioner's summary of the further review of the refugee procedure (applications from 2018-01-15)",
    ),
    T(
        "初回申請は2か月以内に振分け。条約難民の可能性が高い者は就労可の「特定活動」（6か月）、明らかに該当しない者は在留制限、"
        "本来の活動をやめた者は就労制限・3か月、再申請者は原則在留制限",
        "First applications sorted within 2 months; likely refugees get Designated Activities"
        " (6 months) with work; claims clearly outside the Convention: stay restricted; those"
        " who stopped their original activity: no work, 3 months; repeat applicants: stay restricted in principle",
    ),
    "https://ambition-office.com/news/2523",
    SECONDARY,
)
TRIAGE_2018_SECOND = Citation(
    "asylum.practice.triage_2018_second_source",
    T(
        "行政書士による解説（2018年の難民認定運用見直し）",
        "Second practitioner's summary of the 2018 review",
    ),
    T("同内容の振分けと在留・就労の制限", "The same triage and restrictions on stay and work"),
    "http://office-takuyakoide.com/blogs/view/1163149895636/2529953561139368",
    SECONDARY,
)
TRIAGE_LETTERS = Citation(
    "asylum.practice.triage_categories",
    T("行政書士による解説（A〜D案件）", "Practitioner's guidance: categories A to D"),
    T(
        "A〜Dの区分は実務上の呼称（通知そのものは文字を用いていない）",
        "The letters A to D are practitioners' labels; the notice itself does not use them",
    ),
    "https://nagoyavisa.com/2208",
    SECONDARY,
)
APPLICANTS_WITH_STATUS = Citation(
    "asylum.jar.applicants_with_status",
    T(
        "難民支援協会「在留資格について」",
        "Japan Association for Refugees: status of residence while applying",
    ),
    T(
        "在留資格のある申請者は「特定活動」（6か月）を更新しながら審査を待つことが多い。在留資格の更新は難民申請とは別に必要",
        "Applicants with a status usually hold Designated Activities (6 months), renewed while"
        " the claim is pending; the status must be renewed separately from the asylum claim",
    ),
    "https://www.refugee.or.jp/for_refugees/status/",
    SECONDARY,
)
HUMANITARIAN_PERMISSION = Citation(
    "asylum.practice.humanitarian_permission",
    T(
        "行政書士による解説（難民不認定後の在留許可）",
        "Practitioner's guidance: permission to stay after a refusal",
    ),
    T(
        "不認定でも人道上の配慮から在留が許可されることがあり、通常は告示外「特定活動」（多くは1年）",
        "Even after a refusal, stay may be permitted on humanitarian grounds, usually as"
        " non-notified Designated Activities (commonly 1 year)",
    ),
    "https://lighthouse88.com/unannounced-designated-activities/refugee-disapproval",
    SECONDARY,
)
UNHCR_JAPAN = Citation(
    "asylum.unhcr_japan",
    T("UNHCR駐日事務所「保護」", "UNHCR Representation in Japan: protection"),
    T(
        "難民・庇護希望者への法的支援は実施パートナー（難民支援協会等）を通じて提供",
        "Legal help to refugees and asylum seekers through implementing partners such as JAR",
    ),
    "https://www.unhcr.org/jp/u_protection",
    SECONDARY,
)
RESETTLEMENT = Citation(
    "asylum.jar.resettlement",
    T(
        "難民支援協会「第三国定住事業の拡大を受けて」（2019年）",
        "Japan Association for Refugees: resettlement (2019)",
    ),
    T(
        "第三国定住は、一次避難国にいる難民を受入れに同意した国が受け入れる制度。日本は2010年から実施",
        "Resettlement moves refugees from a country of first asylum to a country that agrees"
        " to take them; Japan has taken part since 2010",
    ),
    "https://refugee.or.jp/report/activity/2019/05/post_486",
    SECONDARY,
)
REMOVAL_SUSPENDED_BEFORE_2024 = Citation(
    "asylum.practice.suspension_of_removal_before_2024",
    T(
        "行政書士による解説（難民認定申請と送還停止）",
        "Practitioner's commentary on the suspension of removal",
    ),
    T(
        "難民認定申請中は送還が停止される（2024年6月10日前は申請回数による例外なし）",
        "Removal is suspended while an application is pending (before 2024-06-10 with no"
        " exception for repeat applications)",
    ),
    "https://ichiishinji.com/category45/entry177.html",
    SECONDARY,
)
OTHER_REMOVAL_EXCEPTIONS = Citation(
    "asylum.practice.other_removal_exceptions",
    T(
        "行政書士による解説（送還停止効の例外）",
        "Practitioner's summary of the exceptions to the suspension of removal",
    ),
    T(
        "3回目以降の申請者のほか、3年以上の実刑に処せられた者、テロリスト等（各号の番号は未確認）",
        "Besides third and later applicants: persons sentenced to 3 years or more of"
        " imprisonment without suspension, and terrorists (item numbers not confirmed)",
    ),
    "https://hasegawa-legal-office.com/category/%e6%b3%95%e5%be%8b",
    SECONDARY,
)
SUPERVISION_PRACTICE = Citation(
    "asylum.practice.supervision_measures",
    T("行政書士による解説（監理措置）", "Practitioner's commentary on supervision measures"),
    T(
        "住居・行動範囲の制限、出頭義務、必要に応じ保証金（300万円以下）、3か月以内ごとの届出。退去強制令書発付前は生計維持に必要な範囲で就労許可の可能性",
        "Limits on residence and movement, duty to appear, a deposit of up to ¥3,000,000 if"
        " needed, reports at least every 3 months; before a deportation order, work may be"
        " permitted within what is needed to live",
    ),
    "https://yoshidaseiji.com/archives/969",
    SECONDARY,
)
PROVISIONAL_STAY_ON_APPLICATION = Citation(
    "asylum.frj.provisional_stay",
    T(
        "なんみんフォーラム（FRJ）「難民認定手続の流れ」",
        "Forum for Refugees Japan: the asylum procedure",
    ),
    T(
        "仮滞在は難民認定申請に伴って判断され、別の申請は不要",
        "Provisional stay is decided on the asylum application itself; no separate application",
    ),
    "http://frj.or.jp/for/",
    SECONDARY,
)
PROVISIONAL_STAY_SINCE_2005 = Citation(
    "asylum.practice.provisional_stay_since_2005",
    T("行政書士による解説（難民認定等の状況）", "Practitioner's summary of the asylum system"),
    T(
        "仮滞在と難民審査参与員制度は2005年5月16日施行の改正で導入",
        "Provisional stay and refugee examination counsellors were introduced by the amendment in force on 2005-05-16",
    ),
    "https://iw-support.jp/%E5%90%84%E7%A8%AE%E5%9C%A8%E7%95%99%E8%B3%87%E6%A0%BC%E8%A8%B1%E5%8F%AF%E7%94%B3%E8%AB%8B/%E9%9B%A3%E6%B0%91%E8%AA%8D%E5%AE%9A%E7%AD%89%E3%81%AE%E7%8A%B6%E6%B3%81/",
    SECONDARY,
)
PROVISIONAL_STAY_NO_WORK = Citation(
    "asylum.practice.provisional_stay_no_work",
    T("行政書士による解説（仮滞在）", "Practitioner's guidance on provisional stay"),
    T("仮滞在中は原則として就労不可", "In principle no work during provisional stay"),
    "https://ihara-visa.com/p/9",
    SECONDARY,
)
PROVISIONAL_STAY_ENDS = Citation(
    "asylum.practice.provisional_stay_ends",
    T(
        "行政書士による解説（仮滞在と退去強制手続）",
        "Practitioner's commentary: provisional stay and deportation",
    ),
    T(
        "仮滞在の間は退去強制手続が停止。不認定後に不服申立てをしないで期間が経過したとき等に終了",
        "Deportation procedures are suspended during provisional stay; it ends e.g. when the"
        " time to challenge a refusal passes without a challenge",
    ),
    "https://ichiishinji.com/category45/entry177.html",
    SECONDARY,
)
UNCONFIRMED_PROVISIONAL_PERIOD = Citation(
    "asylum.unconfirmed.provisional_stay_period",
    T(
        "行政書士による解説（仮滞在の期間）",
        "Practitioner's statement on the period of provisional stay",
    ),
    T(
        "仮滞在の期間は「原則6か月」とされるが、施行規則の条文では未確認",
        "The period is said to be 6 months in principle; not confirmed in the Enforcement Regulation",
    ),
    "https://visa-agent.net/service/nanmin",
    UNCONFIRMED,
)
UNCONFIRMED_PROVISIONAL_EXCLUSIONS = Citation(
    "asylum.unconfirmed.provisional_stay_exclusions",
    _ACT,
    T(
        "第61条の2の4第1項のうち、退去強制令書の発付を受けていること、逃亡のおそれ、入国後の一定の罪による処罰などの除外事由: 現行条文で未確認",
        "Exclusions of Art. 61-2-4(1) such as an issued deportation order, a risk of flight, or"
        " a sentence for certain crimes after entry: not confirmed in the current text",
    ),
    IMMIGRATION_ACT_URL,
    UNCONFIRMED,
)
UNCONFIRMED_CP_DETAILS = Citation(
    "asylum.unconfirmed.complementary_protection_details",
    T(
        "補完的保護対象者の在留期間・難民旅行証明書・仮滞在の扱い",
        "Complementary protection: period of stay, travel document, provisional stay",
    ),
    T(
        "「定住者」の在留期間、難民旅行証明書の対象外であることの明示、補完的保護のみの申請への仮滞在の適用: いずれも未確認",
        "Period of the Long-Term Resident status granted, an explicit statement that the refugee"
        " travel document is not available, and whether provisional stay applies to an"
        " application for complementary protection only: none confirmed",
    ),
    "https://www.moj.go.jp/isa/content/001403705.pdf",
    UNCONFIRMED,
)
UNCONFIRMED_HUMANITARIAN_ROUTE = Citation(
    "asylum.unconfirmed.humanitarian_route_after_2024",
    T(
        "2024年6月10日以降の人道配慮による在留許可の手続",
        "Humanitarian permission to stay after 2024-06-10",
    ),
    T(
        "在留特別許可は難民認定手続から分離された。在留資格を有する不認定者への人道配慮の許可の方式（変更許可か第50条か）は未確認",
        "Special permission to stay was separated from the refugee procedure; how humanitarian"
        " permission is now given to refused applicants who hold a status is not confirmed",
    ),
    "https://www.moj.go.jp/isa/content/001419971.pdf",
    UNCONFIRMED,
)
