"""Sources only the permanent residence pathway cites.

The guideline's text (永住許可に関するガイドライン) is read through practitioners' quotations: the
official page itself was only seen by its title. Each rule therefore cites the official page for
the clause and a secondary quotation for the wording (research notes, pr_ltr_facts.md).
"""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text
from zairyu.law.sources import ENFORCEMENT_REGULATION_URL, IMMIGRATION_ACT_URL

T = Text
OFFICIAL, SECONDARY, UNCONFIRMED = SourceKind.OFFICIAL, SourceKind.SECONDARY, SourceKind.UNCONFIRMED

_IMMIGRATION_ACT = T(
    "出入国管理及び難民認定法（昭和26年政令第319号）",
    "Immigration Control and Refugee Recognition Act (Cabinet Order No. 319 of 1951)",
)
_AMENDING_ACT = T(
    "出入国管理及び難民認定法及び外国人の技能実習の適正な実施及び技能実習生の保護に関する法律の一部を改正する法律（令和6年法律第60号）",
    "Act amending the Immigration Act and the Technical Intern Training Act (Act No. 60 of 2024)",
)
GUIDELINE_URL = "https://www.moj.go.jp/isa/applications/resources/nyukan_nyukan50.html"
_GUIDELINE = T(
    "出入国在留管理庁「永住許可に関するガイドライン」（令和6年11月18日改訂）",
    "Immigration Services Agency: Guidelines for Permission for Permanent Residence (revised 2024-11-18)",
)


def _guideline(key: str, ja: str, en: str) -> Citation:
    return Citation(
        f"permanent_residence.guideline.{key}", _GUIDELINE, T(ja, en), GUIDELINE_URL, OFFICIAL
    )


# --- The Act ---------------------------------------------------------------------------------

ACT_ART_22 = Citation(
    "immigration_act.art22_2",
    _IMMIGRATION_ACT,
    T(
        "第22条第2項（永住許可: 素行善良・独立生計・国益適合。日本人、永住者又は特別永住者の配偶者又は子は第1号・第2号を要しない）",
        "Art. 22(2): permanent residence requires good conduct, independent livelihood and the"
        " national interest; spouses and children of Japanese nationals, Permanent Residents and"
        " Special Permanent Residents need not meet items (i) and (ii)",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_22_QUOTED = Citation(
    "permanent_residence.art22_2_quoted",
    T(
        "行政書士による入管法第22条の解説",
        "Practitioner's commentary on Art. 22 of the Immigration Act",
    ),
    T(
        "第22条第2項の条文の引用と、永住許可申請には在留期間の特例期間がないことの説明",
        "Quotes Art. 22(2), and explains that a permanent residence application gives no special"
        " period of stay",
    ),
    "https://ichiishinji.com/category34/entry116.html",
    SECONDARY,
)
ACT_2024_ART_22 = Citation(
    "permanent_residence.act_2024_art22_2",
    _AMENDING_ACT,
    T(
        "改正後の第22条第2項「この法律に規定する義務の遵守、公租公課の支払等その者の永住が日本国の利益に合する」（実務家による引用）",
        "Art. 22(2) as amended: 'compliance with the duties under this Act, payment of public charges"
        " and so on' are named in the national-interest test (as quoted by a practitioner)",
    ),
    "https://matsutoh-gyosei.sakura.ne.jp/archives/1038",
    SECONDARY,
)
ISA_2024_OVERVIEW = Citation(
    "permanent_residence.isa_2024_amendment_overview",
    T(
        "出入国在留管理庁「永住許可制度の適正化」（令和6年改正法の概要）",
        "Immigration Services Agency: overview of the 2024 amendment on permanent residence",
    ),
    T(
        "永住者の在留資格の取消事由の追加と職権による在留資格の変更",
        "New grounds for revoking permanent residence, and ex officio change to another status",
    ),
    "https://www.moj.go.jp/isa/content/001421944.pdf",
    OFFICIAL,
)
REVOCATION_ITEM_VIII = Citation(
    "permanent_residence.revocation_item_viii",
    _AMENDING_ACT,
    T(
        "改正後の第22条の4第1項第8号: 永住者が入管法上の義務を遵守せず、又は故意に公租公課の支払をしないこと（実務家による引用）",
        "Art. 22-4(1)(viii) as amended: a Permanent Resident who does not comply with the duties under"
        " the Act, or wilfully does not pay public charges (as quoted by practitioners)",
    ),
    "https://yonejimu.com/posts/news11.html",
    SECONDARY,
)
REVOCATION_ITEM_IX = Citation(
    "permanent_residence.revocation_item_ix",
    _AMENDING_ACT,
    T(
        "改正後の第22条の4第1項第9号: 永住者が刑法の一定の罪等により拘禁刑に処せられたこと（実務家による引用）",
        "Art. 22-4(1)(ix) as amended: a Permanent Resident sentenced to imprisonment (拘禁刑) for"
        " listed offences of the Penal Code and related Acts (as quoted by practitioners)",
    ),
    "https://matsutoh-gyosei.sakura.ne.jp/archives/1038",
    SECONDARY,
)
ART_22_6 = Citation(
    "permanent_residence.art22_6",
    _AMENDING_ACT,
    T(
        "新設の第22条の6: 取消事由に該当しても、特段の事情がない限り職権で他の在留資格（定住者が想定）に変更する（実務家による解説）",
        "New Art. 22-6: unless there are special circumstances, a Permanent Resident falling under"
        " these grounds is moved ex officio to another status (the government indicated Long-Term"
        " Resident) instead (as explained by practitioners)",
    ),
    "https://lawoffice-yokoyama.com/info/240730",
    SECONDARY,
)
EFFECTIVE_2027 = Citation(
    "permanent_residence.effective_2027_04_01",
    T(
        "令和7年政令第340号（改正法の施行期日を令和9年4月1日とする政令）",
        "Cabinet Order No. 340 of 2025 (fixing 2027-04-01 as the effective date of the 2024 amendment)",
    ),
    T(
        "令和6年改正法（永住者の取消事由を含む）は令和9年4月1日施行（報道）",
        "The 2024 amendment, including the new revocation grounds, takes effect on 2027-04-01 (as reported)",
    ),
    "https://www.wam.go.jp/content/wamnet/pcpub/top/watch/20251117_001.html",
    SECONDARY,
)
NONPAYMENT_POLICY = Citation(
    "permanent_residence.intentional_nonpayment_policy",
    T(
        "出入国在留管理庁の有識者会議資料（令和7年9月29日）に関する行政書士の解説",
        "Practitioner's account of the ISA expert panel papers of 2025-09-29",
    ),
    T(
        "「故意に支払をしない」はやむを得ない事情がなく、支払義務を認識している悪質な場合に限る。取消しでなく定住者等への変更が原則",
        "'Wilfully not paying' means no unavoidable circumstances and awareness of the duty: only"
        " malicious cases; otherwise the person is moved to Long-Term Resident or similar",
    ),
    "https://sincere-smartvisa.com/?p=3068",
    SECONDARY,
)
PENAL_CODE_ART_34_2 = Citation(
    "penal_code.art34_2",
    T("刑法（明治40年法律第45号）", "Penal Code (Act No. 45 of 1907)"),
    T(
        "第34条の2（刑の消滅: 拘禁刑は執行終了から10年、罰金は5年）",
        "Art. 34-2: lapse of a sentence (10 years after imprisonment is served, 5 years for a fine)",
    ),
    "https://laws.e-gov.go.jp/law/140AC0000000045",
    OFFICIAL,
)
REGULATION_APPENDED_TABLE_2 = Citation(
    "enforcement_regulation.appended_table_2",
    T(
        "出入国管理及び難民認定法施行規則（昭和56年法務省令第54号）",
        "Enforcement Regulation of the Immigration Act (MOJ Ordinance No. 54 of 1981)",
    ),
    T("別表第二（在留資格ごとの在留期間）", "Appended Table 2: periods of stay for each status"),
    ENFORCEMENT_REGULATION_URL,
    OFFICIAL,
)

# --- The guideline, clause by clause ---------------------------------------------------------

GUIDELINE_GOOD_CONDUCT = _guideline(
    "1_1_good_conduct",
    "1(1) 素行が善良であること（法律を遵守し日常生活においても住民として社会的に非難されることのない生活を営んでいること）",
    "1(1) Good conduct: obeys the law and lives without social reproach as a resident",
)
GUIDELINE_LIVELIHOOD = _guideline(
    "1_2_livelihood",
    "1(2) 独立の生計を営むに足りる資産又は技能を有すること（公共の負担にならず、将来において安定した生活が見込まれること）",
    "1(2) Independent livelihood: not a public burden, and a stable life can be expected from the"
    " person's assets or skills",
)
GUIDELINE_EXEMPTIONS = _guideline(
    "1_exemptions",
    "1 ただし書: 日本人、永住者又は特別永住者の配偶者又は子は(1)及び(2)、難民・補完的保護対象者・第三国定住難民は(2)に適合することを要しない",
    "1, proviso: spouses and children of Japanese nationals, Permanent Residents and Special"
    " Permanent Residents need not meet (1) and (2); recognised refugees, persons with"
    " complementary protection and third-country resettled refugees need not meet (2)",
)
GUIDELINE_TEN_YEARS = _guideline(
    "1_3a_ten_years",
    "1(3)ア 原則として引き続き10年以上在留し、このうち就労資格（技能実習・特定技能1号を除く）又は居住資格で引き続き5年以上在留していること",
    "1(3)(a) In principle 10 years of continuous stay, including 5 years of continuous stay on a"
    " work status (not Technical Intern Training or Specified Skilled Worker (i)) or a"
    " residential status",
)
GUIDELINE_NO_SENTENCE = _guideline(
    "1_3i_no_sentence",
    "1(3)イ 罰金刑や拘禁刑などを受けていないこと",
    "1(3)(b) Has not been sentenced to a fine, imprisonment or similar",
)
GUIDELINE_PUBLIC_DUTIES = _guideline(
    "1_3i_public_duties",
    "1(3)イ 公的義務（納税、公的年金及び公的医療保険の保険料の納付並びに入管法に定める届出等の義務）を適正に履行していること",
    "1(3)(b) Properly meets public duties: taxes, public pension and health insurance"
    " contributions, and the notifications the Immigration Act requires",
)
GUIDELINE_LATE_PAYMENT = _guideline(
    "1_3i_late_payment",
    "1(3)イ 注記（令和6年11月18日追加）: 申請時点で納付済みでも、当初の納付期間内に履行されていない場合は原則として消極的に評価",
    "1(3)(b), note added 2024-11-18: payment made after the original due date is in principle"
    " assessed negatively, even if paid by the time of the application",
)
GUIDELINE_LONGEST_PERIOD = _guideline(
    "1_3u_longest_period",
    "1(3)ウ 現に有している在留資格について、施行規則別表第2に規定されている最長の在留期間をもって在留していること",
    "1(3)(c) Holds the longest period of stay that Appended Table 2 of the Enforcement Regulation"
    " provides for the current status",
)
GUIDELINE_SPOUSE_CHILD = _guideline(
    "2_1_spouse_or_child",
    "2(1) 日本人、永住者及び特別永住者の配偶者: 実体を伴った婚姻生活が3年以上継続し、かつ引き続き1年以上在留。実子等: 引き続き1年以上在留",
    "2(1) Spouse of a Japanese national, Permanent Resident or Special Permanent Resident: 3 years"
    " of genuine married life and 1 year of continuous stay; their biological or specially"
    " adopted child: 1 year of continuous stay",
)
GUIDELINE_LONG_TERM_RESIDENT = _guideline(
    "2_2_long_term_resident",
    "2(2) 「定住者」の在留資格で5年以上継続して本邦に在留していること",
    "2(2) 5 years of continuous stay with Long-Term Resident status",
)
GUIDELINE_PROTECTION = _guideline(
    "2_3_refugee_or_complementary_protection",
    "2(3) 難民の認定又は補完的保護対象者の認定を受けた者: 認定後5年以上継続して本邦に在留",
    "2(3) Recognised refugee or person with complementary protection: 5 years of continuous stay"
    " after recognition",
)
GUIDELINE_CONTRIBUTION = _guideline(
    "2_4_contribution",
    "2(4) 外交、社会、経済、文化等の分野において我が国への貢献があると認められる者: 5年以上本邦に在留（「我が国への貢献」に関するガイドライン）",
    "2(4) A person recognised as having contributed to Japan in diplomacy, society, economy,"
    " culture and so on: 5 years of stay (see the guideline on 'contribution to Japan')",
)
GUIDELINE_REGIONAL = _guideline(
    "2_5_regional_revitalisation",
    "2(5) 地域再生計画の区域内の公私の機関で特定活動告示第36号又は第37号の活動を行い、我が国への貢献があると認められる者: 3年以上継続して在留",
    "2(5) Activities under Designated Activities Notice No. 36 or 37 at an organisation in an area"
    " with a certified regional revitalisation plan, with a recognised contribution: 3 years of"
    " continuous stay",
)
GUIDELINE_HSP_70 = _guideline(
    "2_6_hsp_70",
    "2(6) 高度専門職省令の70点以上: 高度人材外国人として3年以上継続して在留、又は申請日から3年前の時点で70点以上かつ3年以上継続して在留",
    "2(6) 70 points or more under the highly skilled points system: 3 years of continuous stay as"
    " a highly skilled foreign national, or 70 points as of 3 years before the application and 3"
    " years of continuous stay",
)
GUIDELINE_HSP_80 = _guideline(
    "2_7_hsp_80",
    "2(7) 高度専門職省令の80点以上: 高度人材外国人として1年以上継続して在留、又は申請日から1年前の時点で80点以上かつ1年以上継続して在留",
    "2(7) 80 points or more: 1 year of continuous stay as a highly skilled foreign national, or 80"
    " points as of 1 year before the application and 1 year of continuous stay",
)
GUIDELINE_JSKIP = _guideline(
    "2_8_special_highly_skilled",
    "2(8) 特別高度人材: 特別高度人材として1年以上継続して在留、又は申請日から1年前の時点で基準に該当し1年以上継続して在留（令和5年4月21日追加）",
    "2(8) Special Highly Skilled Professional (J-Skip): 1 year of continuous stay as such, or"
    " meeting the J-Skip criteria as of 1 year before the application and 1 year of continuous"
    " stay (added 2023-04-21)",
)

# --- Secondary quotations of the guideline ---------------------------------------------------

GUIDELINE_QUOTED = Citation(
    "permanent_residence.guideline_quoted_2024_11",
    T(
        "行政書士による永住許可ガイドライン（令和6年11月18日改訂）の解説",
        "Practitioner's commentary on the guideline as revised on 2024-11-18",
    ),
    T(
        "ガイドライン本文（法律上の要件・公的義務・遅延納付の注記）の引用",
        "Quotes the text: legal requirements, public duties and the late-payment note",
    ),
    "https://miyataoffice.com/pr/pr-guideline-revised-2024nov/",
    SECONDARY,
)
GUIDELINE_QUOTED_CURRENT = Citation(
    "permanent_residence.guideline_quoted_current",
    T("行政書士による永住許可の要件の解説", "Practitioner's commentary on the requirements"),
    T(
        "ガイドライン1(1)〜(3)の現行の文言（拘禁刑）の引用",
        "Quotes the current wording of 1(1) to (3) (拘禁刑)",
    ),
    "https://kabashima-gs.com/?p=9799",
    SECONDARY,
)
GUIDELINE_QUOTED_2024_06 = Citation(
    "permanent_residence.guideline_quoted_2024_06",
    T(
        "行政書士による永住許可ガイドライン（令和6年6月10日改訂）の解説",
        "Practitioner's commentary on the guideline as revised on 2024-06-10",
    ),
    T(
        "第三国定住難民を(2)の適用除外に追加",
        "Third-country resettled refugees added to the exemption from (2)",
    ),
    "https://miyataoffice.com/pr/pr-guideline-revised-2024jun/",
    SECONDARY,
)
GUIDELINE_QUOTED_2019 = Citation(
    "permanent_residence.guideline_quoted_2019",
    T(
        "行政書士による永住許可ガイドライン（令和元年5月31日改訂）の解説",
        "Practitioner's commentary on the guideline as revised on 2019-05-31",
    ),
    T(
        "5年の就労期間から「技能実習」「特定技能1号」を除外",
        "Technical Intern Training and Specified Skilled Worker (i) excluded from the 5 working years",
    ),
    "https://an-japan.com/2019/07/02/permanent-resident-revision/",
    SECONDARY,
)
EXCEPTIONS_QUOTED = Citation(
    "permanent_residence.exceptions_quoted",
    T(
        "行政書士による「原則10年在留に関する特例」の解説",
        "Practitioner's commentary on the exceptions to the 10-year rule",
    ),
    T("特例(1)〜(7)の文言の引用", "Quotes exceptions (1) to (7)"),
    "https://matsutoh-gyosei.sakura.ne.jp/archives/1222",
    SECONDARY,
)
EXCEPTIONS_QUOTED_2 = Citation(
    "permanent_residence.exceptions_quoted_2",
    T("行政書士による永住許可の特例の解説", "Practitioner's commentary on the exceptions"),
    T("特例の要件と期間", "The exceptions and their periods"),
    "https://ebisudo-office.com/?p=527",
    SECONDARY,
)
JSKIP_QUOTED = Citation(
    "permanent_residence.jskip_quoted",
    T(
        "特別高度人材（J-Skip）と永住許可についての解説",
        "Commentary on J-Skip and permanent residence",
    ),
    T("令和5年4月21日の改訂で特例(8)を追加", "Exception (8) added by the revision of 2023-04-21"),
    "https://smartvisa.sincere-intl.com/blog/tag/%E6%B0%B8%E4%BD%8F%E8%A8%B1%E5%8F%AF%E7%94%B3%E8%AB%8B/",
    SECONDARY,
)
THREE_YEARS_COUNTS = Citation(
    "permanent_residence.three_years_treated_as_longest",
    T(
        "入国管理局の発表（平成24年7月9日施行時）に関する行政書士の解説",
        "Practitioner's account of the Immigration Bureau's announcement of 2012",
    ),
    T(
        "当面、在留期間「3年」を有する場合は「最長の在留期間をもって在留している」ものとして取り扱う",
        "For the time being, a period of stay of 3 years is treated as 'the longest period of stay'",
    ),
    "https://shimokawara-office.com/archives/3549",
    SECONDARY,
)
REVISION_2026 = Citation(
    "permanent_residence.unconfirmed_revision_2026_02_24",
    T(
        "令和8年2月24日のガイドライン改訂（実務家の報告、公式未確認）",
        "Guideline revision of 2026-02-24 (practitioners' reports; not confirmed officially)",
    ),
    T(
        "令和9年4月1日からは各在留資格の最長の在留期間（例: 5年）が必要。令和9年3月31日までは「3年」を最長として扱う経過措置",
        "From 2027-04-01 the actual longest period of each status (e.g. 5 years) is required;"
        " until 2027-03-31 a 3-year period still counts as the longest (transitional measure)",
    ),
    "https://synergy-f.net/?p=21515",
    UNCONFIRMED,
)
REVISION_2026_B = Citation(
    "permanent_residence.unconfirmed_revision_2026_02_24_b",
    T(
        "永住許可ガイドラインの改訂についての行政書士の報告（公式未確認）",
        "Practitioner's report on the guideline revision (not confirmed officially)",
    ),
    T(
        "2027年4月1日以降は最長の在留期間が必要、上陸許可基準への適合の項目も追加と報告",
        "Reports the longest-period rule from 2027-04-01, and a new item on meeting the landing"
        " criteria of the current status",
    ),
    "https://gyosho-m.com/japan-permanent-residency-update-2027",
    UNCONFIRMED,
)

# --- Procedure -------------------------------------------------------------------------------

ISA_PROCEDURE = Citation(
    "permanent_residence.isa_procedure",
    T(
        "出入国在留管理庁「永住許可申請」",
        "Immigration Services Agency: Application for permanent residence",
    ),
    T(
        "申請先・申請人・標準処理期間（4か月）・手数料",
        "Where and who may apply, standard processing period (4 months), fee",
    ),
    "https://www.moj.go.jp/isa/applications/procedures/16-4.html",
    OFFICIAL,
)
NO_SPECIAL_PERIOD = Citation(
    "permanent_residence.no_special_period",
    T(
        "行政書士による解説（永住許可申請と特例期間）",
        "Practitioner's guidance: permanent residence applications and the special period",
    ),
    T(
        "永住許可申請には特例期間がなく、審査中に在留期間が満了する場合は別に更新申請が必要",
        "A permanent residence application has no special period: if the stay would end while it"
        " is pending, an extension must be filed separately",
    ),
    "https://gofujii-office.com/residence/no-special-grace-period-for-permanent-residency-applications/uncategorized",
    SECONDARY,
)
ISA_EXTENSION = Citation(
    "permanent_residence.isa_extension_of_stay",
    T(
        "出入国在留管理庁「在留期間更新許可申請」",
        "Immigration Services Agency: Application for extension of period of stay",
    ),
    T(
        "在留期間の満了する日以前（6か月以上の在留期間を有する者は満了の概ね3か月前から）",
        "Before the period of stay ends (from about 3 months before the end, for periods of 6"
        " months or more)",
    ),
    "https://www.moj.go.jp/isa/applications/procedures/16-3.html",
    OFFICIAL,
)
EXTENSION_WINDOW_QUOTED = Citation(
    "permanent_residence.extension_window_quoted",
    T("行政書士による在留期間更新の解説", "Practitioner's guidance on extensions of stay"),
    T(
        "更新申請は満了の概ね3か月前から受付（入院・長期出張等の事情があれば更に前も可）",
        "Extensions are accepted from about 3 months before expiry (earlier for hospitalisation or"
        " a long business trip)",
    ),
    "https://yusukehoumu.com/?p=1100",
    SECONDARY,
)
PROCESSING_ACTUAL = Citation(
    "permanent_residence.processing_actual",
    T("行政書士による審査期間の解説", "Practitioner's summary of actual processing times"),
    T(
        "出入国在留管理庁の月次データ: 永住許可の平均処理日数は279.9日（令和7年12月）",
        "ISA monthly data: permanent residence took 279.9 days on average (December 2025)",
    ),
    "https://www.nagano-visa.com/post/shinnsakikan",
    SECONDARY,
)
DOCS_FAMILY = Citation(
    "permanent_residence.documents_family",
    T(
        "出入国在留管理庁「永住許可申請（日本人・永住者・特別永住者の配偶者又は実子等）」",
        "Immigration Services Agency: permanent residence documents for spouses and children of"
        " Japanese nationals, Permanent and Special Permanent Residents",
    ),
    T(
        "配偶者は住民税3年分・年金と医療保険2年分、実子等は各1年分",
        "Spouses: 3 years of residence-tax records, 2 years of pension and health insurance;"
        " children: 1 year of each",
    ),
    "https://www.moj.go.jp/isa/applications/procedures/zairyu_eijyu01.html",
    OFFICIAL,
)
DOCS_LONG_TERM_RESIDENT = Citation(
    "permanent_residence.documents_long_term_resident",
    T(
        "出入国在留管理庁「永住許可申請（定住者）」",
        "Immigration Services Agency: permanent residence documents for Long-Term Residents",
    ),
    T(
        "住民税5年分・年金と医療保険2年分、理由書、身元保証書、了解書",
        "5 years of residence-tax records, 2 years of pension and health insurance, statement of"
        " reasons, letter of guarantee, acknowledgement",
    ),
    "https://www.moj.go.jp/isa/applications/procedures/zairyu_eijyu02.html",
    OFFICIAL,
)
DOCS_WORK = Citation(
    "permanent_residence.documents_work",
    T(
        "出入国在留管理庁「永住許可申請（就労関係の在留資格・家族滞在）」",
        "Immigration Services Agency: permanent residence documents for work statuses and Dependents",
    ),
    T(
        "住民税5年分・国税（その3）・年金と医療保険2年分、理由書、身元保証書、了解書",
        "5 years of residence-tax records, national-tax certificate (form 3), 2 years of pension"
        " and health insurance, statement of reasons, letter of guarantee, acknowledgement",
    ),
    "https://www.moj.go.jp/isa/applications/procedures/zairyu_eijyu03.html",
    OFFICIAL,
)
DOCS_WORK_QUOTED = Citation(
    "permanent_residence.documents_work_quoted",
    T(
        "行政書士による必要書類の一覧（就労資格からの永住）",
        "Practitioner's document list (work statuses)",
    ),
    T(
        "ISAの書類一覧の転載（住民税の適正な時期の納付の証明を含む）",
        "Reproduces the ISA list, including proof that residence tax was paid on time",
    ),
    "https://eijyu-jp.com/documents/workpermit/",
    SECONDARY,
)
DOCS_FAMILY_QUOTED = Citation(
    "permanent_residence.documents_family_quoted",
    T(
        "行政書士による必要書類の一覧（配偶者・実子からの永住）",
        "Practitioner's document list (spouses and children)",
    ),
    T(
        "配偶者は3年分・実子は1年分の納税証明",
        "Tax records: 3 years for spouses, 1 year for children",
    ),
    "https://albars-gyosei.com/service/visa_eiju/documents",
    SECONDARY,
)
CONTRIBUTION_EXAMPLES = Citation(
    "permanent_residence.contribution_examples",
    T(
        "出入国在留管理庁「我が国への貢献による永住許可・不許可事例」（平成18年1月1日現在）",
        "Immigration Services Agency: grants and refusals of permanent residence for contribution"
        " to Japan (as of 2006-01-01)",
    ),
    T(
        "貢献の有無は個別に判断される（許可38例・不許可12例）",
        "Whether there is a contribution is judged case by case (38 grants, 12 refusals published)",
    ),
    "http://www.immi-moj.go.jp/chinese/keiziban/happyou/eizyuu.html",
    OFFICIAL,
)
