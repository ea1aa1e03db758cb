"""Sources only the Long-Term Resident (定住者) pathway cites.

The notice (平成2年法務省告示第132号) is published by the Immigration Services Agency; its text was
read through practitioners' full reproductions, which agree with each other. The non-notified
(告示外) practice is not published as a rule: it is known from ISA's published examples and from
practitioners, and cited as such.
"""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text
from zairyu.law.sources import ENFORCEMENT_REGULATION_URL, IMMIGRATION_ACT_URL

T = Text
OFFICIAL, SECONDARY = SourceKind.OFFICIAL, SourceKind.SECONDARY

_ACT = T(
    "出入国管理及び難民認定法（昭和26年政令第319号）",
    "Immigration Control and Refugee Recognition Act (Cabinet Order No. 319 of 1951)",
)
_REGULATION = T(
    "出入国管理及び難民認定法施行規則（昭和56年法務省令第54号）",
    "Enforcement Regulation of the Immigration Act (MOJ Ordinance No. 54 of 1981)",
)
CIVIL_CODE_URL = "https://laws.e-gov.go.jp/law/129AC0000000089"
_CIVIL_CODE = T("民法（明治29年法律第89号）", "Civil Code (Act No. 89 of 1896)")

# --- Statute ---------------------------------------------------------------------------------

ACT_TABLE_II_LONG_TERM_RESIDENT = Citation(
    "immigration_act.appended_table_2_long_term_resident",
    _ACT,
    T(
        "別表第二「定住者」（法務大臣が特別な理由を考慮し一定の在留期間を指定して居住を認める者）",
        "Appended Table II, Long-Term Resident: a person whom the Minister of Justice permits to"
        " reside for a designated period of stay, in consideration of special reasons",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
REGULATION_PERIODS_LONG_TERM_RESIDENT = Citation(
    "enforcement_regulation.appended_table_2_long_term_resident",
    _REGULATION,
    T(
        "別表第二「定住者」の在留期間（5年、3年、1年、6月又は5年を超えない範囲で指定する期間）",
        "Appended Table 2, periods of stay for Long-Term Resident (5 years, 3 years, 1 year,"
        " 6 months, or a designated period of up to 5 years)",
    ),
    ENFORCEMENT_REGULATION_URL,
    OFFICIAL,
)
ACT_ART_7_2_COE = Citation(
    "immigration_act.art7_2",
    _ACT,
    T("第7条の2（在留資格認定証明書）", "Art. 7-2: Certificate of Eligibility"),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_19_16_NOTIFICATION = Citation(
    "immigration_act.art19_16",
    _ACT,
    T(
        "第19条の16（所属機関等に関する届出。配偶者との離婚・死別は14日以内に届出）",
        "Art. 19-16: notifications; a spouse must notify a divorce or the spouse's death within 14 days",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_21_EXTENSION = Citation(
    "immigration_act.art21",
    _ACT,
    T("第21条（在留期間の更新）", "Art. 21: extension of the period of stay"),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_22_4_SPOUSE_SIX_MONTHS = Citation(
    "immigration_act.art22_4_1_vii",
    _ACT,
    T(
        "第22条の4第1項第7号（配偶者の身分を有する者としての活動を継続して6月以上行わない在留：在留資格取消事由）",
        "Art. 22-4(1)(vii): revocation where a spouse has not engaged in activities as a spouse"
        " for 6 months or more in a row without a justifiable reason",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_22_5_CHANCE_TO_CHANGE = Citation(
    "immigration_act.art22_5",
    _ACT,
    T(
        "第22条の5（配偶者の在留資格の取消しに当たり在留資格変更・永住許可申請の機会を与えるよう配慮）",
        "Art. 22-5: before revoking a spouse's status, consider giving a chance to apply for a"
        " change of status or permanent residence",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
CIVIL_CODE_ART_4 = Citation(
    "civil_code.art4",
    _CIVIL_CODE,
    T(
        "第4条（年齢十八歳をもって成年とする。平成30年法律第59号により令和4年4月1日施行）",
        "Art. 4: majority at 18 (Act No. 59 of 2018, in force from 2022-04-01)",
    ),
    CIVIL_CODE_URL,
    OFFICIAL,
)
CIVIL_CODE_ART_4_BEFORE_2022 = Citation(
    "civil_code.art4_before_2022",
    _CIVIL_CODE,
    T(
        "第4条（令和4年3月31日まで：年齢二十歳をもって成年とする）",
        "Art. 4 as in force until 2022-03-31: majority at 20",
    ),
    CIVIL_CODE_URL,
    OFFICIAL,
)

# --- The notice (平成2年法務省告示第132号) ------------------------------------------------------

NOTICE_URL = "https://www.moj.go.jp/isa/policies/bill/nyukan_hourei_h07-01-01.html"
_NOTICE = T(
    "出入国管理及び難民認定法第七条第一項第二号の規定に基づき同法別表第二の定住者の項の下欄に掲げる地位を定める件"
    "（平成2年法務省告示第132号、定住者告示）",
    "Notice fixing the positions under Long-Term Resident in Appended Table II (MOJ Notice"
    " No. 132 of 1990, the Long-Term Resident notice)",
)


def _notice(key: str, ja: str, en: str) -> Citation:
    return Citation(f"long_term_resident.notice.{key}", _NOTICE, T(ja, en), NOTICE_URL, OFFICIAL)


NOTICE = _notice(
    "whole",
    "告示本文（第1号、第3号から第8号まで。第2号は削除）",
    "Text of the notice (Nos. 1 and 3 to 8; No. 2 is deleted)",
)
NOTICE_NO_1 = _notice(
    "no1",
    "第1号（第三国定住難民：アジア諸国に一時滞在し、UNHCRが保護を必要と認め我が国に推薦する者とその家族）",
    "No. 1: third-country resettlement refugees staying temporarily in Asian countries,"
    " recommended to Japan by UNHCR, and their families",
)
NOTICE_NO_3 = _notice(
    "no3",
    "第3号（日本人の子として出生した者の実子であって素行が善良であるもの）",
    "No. 3: a biological child of a person born as the child of a Japanese national, of good conduct",
)
NOTICE_NO_4 = _notice(
    "no4",
    "第4号（日本人の子として出生した者でかつて日本国民として本邦に本籍を有したことがあるものの実子の実子であって素行が善良であるもの）",
    "No. 4: a biological grandchild of a person born as the child of a Japanese national who once"
    " had a family register in Japan as a Japanese national, of good conduct",
)
NOTICE_NO_5 = _notice(
    "no5",
    "第5号イ・ロ・ハ（日系2世である「日本人の配偶者等」の配偶者、1年以上の在留期間の定住者の配偶者、第3号・第4号の定住者の配偶者で素行善良のもの）",
    "No. 5 (a)-(c): spouse of a Nikkei holding Spouse or Child of Japanese National as a child"
    " of a Japanese; spouse of a Long-Term Resident with a period of 1 year or more; spouse of a"
    " No. 3 or No. 4 Long-Term Resident, of good conduct",
)
NOTICE_NO_6 = _notice(
    "no6",
    "第6号イ・ロ・ハ・ニ（扶養を受けて生活する未成年で未婚の実子）",
    "No. 6 (a)-(d): a minor, unmarried biological child supported by the parent",
)
NOTICE_NO_7 = _notice(
    "no7",
    "第7号（日本人、永住者、1年以上の在留期間の定住者又は特別永住者の扶養を受けて生活する六歳未満の養子）",
    "No. 7: an adopted child under 6 supported by a Japanese national, a Permanent Resident, a"
    " Long-Term Resident with a period of 1 year or more, or a Special Permanent Resident",
)
NOTICE_NO_8 = _notice(
    "no8",
    "第8号（中国残留邦人等とその親族）",
    "No. 8: Japanese left behind in China and their relatives",
)
NOTICE_TEXT_5 = Citation(
    "long_term_resident.notice_text_no5",
    T(
        "行政書士による定住者告示の全文転載（第5号）",
        "Practitioner's reproduction of the notice (No. 5)",
    ),
    T(
        "第5号ロ・ハは第3号・第4号の定住者、及び第5号で上陸し当該在留期間中に離婚した者を扶養者から除く",
        "No. 5(b) and (c) exclude as sponsors No. 3/No. 4 holders, and persons who landed under"
        " No. 5 and divorced during that period of stay",
    ),
    "https://ebisudo-office.com/joubun/teijuushakokuji5",
    SECONDARY,
)
NOTICE_TEXT_6 = Citation(
    "long_term_resident.notice_text_no6",
    T(
        "行政書士による定住者告示の全文転載（第6号）",
        "Practitioner's reproduction of the notice (No. 6)",
    ),
    T(
        "第6号ロは第3号・第4号・第5号ハの定住者を除き、ハはそれらの者の実子に素行善良を求める。ニは連れ子",
        "No. 6(b) excludes No. 3/4/5(c) holders; (c) requires good conduct of their children;"
        " (d) covers the child of a spouse (連れ子)",
    ),
    "https://ebisudo-office.com/joubun/teijuushakokuji6",
    SECONDARY,
)
NOTICE_TEXT_3_4 = Citation(
    "long_term_resident.notice_text_no3_no4",
    T("行政書士による解説（定住者告示第3号・第4号）", "Practitioner's commentary on Nos. 3 and 4"),
    T(
        "日本人の孫、元日本人の国籍離脱後の実子、国籍離脱前の実子の実子（3号）。1世の国籍離脱後に生まれた子の子（4号）",
        "A Japanese national's grandchild, or a child born after a former Japanese lost"
        " nationality (No. 3); the grandchild through a child born after the first generation"
        " lost nationality (No. 4)",
    ),
    "https://lighthouse88.com/long-term-resident/public-notice3-4/",
    SECONDARY,
)
NOTICE_TEXT_8 = Citation(
    "long_term_resident.notice_text_no8",
    T("行政書士による解説（定住者告示第8号）", "Practitioner's commentary on No. 8"),
    T(
        "中国残留邦人、その子で中国で出生した者、永住帰国者と生活を共にするため入国する親族",
        "Japanese left behind in China, their children born in China, and relatives joining one"
        " who has returned permanently",
    ),
    "https://lighthouse88.com/long-term-resident/public-notice8/",
    SECONDARY,
)
NOTICE_NO_2_DELETED = Citation(
    "long_term_resident.notice_no2_deleted",
    T("行政書士による解説（定住者告示の各号）", "Practitioner's overview of the notice's numbers"),
    T(
        "第2号は削除。第1号は第三国定住難民（旧来のインドシナ難民の記述は古い）",
        "No. 2 is deleted; No. 1 is third-country resettlement (lists naming Indochinese refugees are out of date)",
    ),
    "https://ags-tokyo.com/long-term-resident-1",
    SECONDARY,
)
GOOD_CONDUCT = Citation(
    "long_term_resident.good_conduct",
    T("行政書士による解説（定住者の素行善良要件）", "Practitioner's guidance on good conduct"),
    T(
        "日本又は外国で懲役・禁錮・罰金に処せられたことがないこと（交通違反の罰金、刑の執行終了後10年・罰金納付後5年経過を除く）",
        "No sentence of imprisonment or a fine in Japan or abroad (traffic fines excepted; not"
        " after 10 years from serving a prison term or 5 years from paying a fine)",
    ),
    "http://www.sakura-ilo.com/shikaku/teiju2kakeizu.html",
    SECONDARY,
)
RESETTLEMENT = Citation(
    "long_term_resident.isa_resettlement",
    T("出入国在留管理庁「第三国定住による難民の受入れ」", "ISA: resettlement of refugees"),
    T(
        "令和2年度以降、アジア地域に一時滞在する難民を年間60人程度受け入れ",
        "From 2020, about 60 refugees a year staying temporarily in Asia",
    ),
    "https://www.moj.go.jp/isa/refugee/procedures/07_00046.html",
    OFFICIAL,
)

# --- Non-notified Long-Term Resident (告示外定住) ---------------------------------------------

NON_NOTIFIED_CHANGE_ONLY = Citation(
    "long_term_resident.non_notified_change_only",
    T(
        "行政書士による解説（告示定住と告示外定住）",
        "Practitioner's guidance: notified and non-notified",
    ),
    T(
        "告示定住は在留資格認定証明書で新規入国できる。告示外定住は在留資格変更許可申請による",
        "Notified categories can enter with a Certificate of Eligibility; non-notified cases only by a change of status",
    ),
    "https://kekkon-visa.net/teijuu.html",
    SECONDARY,
)
JAPANESE_CHILD_NOTICE_1996 = Citation(
    "long_term_resident.notice_1996_japanese_child",
    T(
        "「日本人の実子を扶養する外国人親の取扱いについて」（平成8年7月30日 法務省入国管理局長通達）",
        "Circular on foreign parents raising a Japanese national's child (Director-General of the"
        " Immigration Bureau, 1996-07-30)",
    ),
    T(
        "日本人の実子の親権者であり、現に相当期間その実子を監護・養育している外国人親に「定住者」を認める（実務家の解説）",
        "A foreign parent with parental authority over a Japanese national's biological child,"
        " actually raising the child for a considerable period, may be granted Long-Term Resident"
        " (practitioner's summary)",
    ),
    "http://marriage.visaemon.jp/article/14339406.html",
    SECONDARY,
)
DIVORCE_PRACTICE = Citation(
    "long_term_resident.divorce_practice",
    T(
        "行政書士による解説（離婚・死別後の定住者）",
        "Practitioner's guidance: after divorce or bereavement",
    ),
    T(
        "日本でおおむね3年以上正常な婚姻関係・家庭生活、生計を営むに足りる資産又は技能、日常生活に不自由しない日本語能力、公的義務の履行",
        "About 3 years or more of normal married life in Japan; sufficient assets or skills;"
        " Japanese adequate for daily life; public duties met",
    ),
    "https://office-kanno.com/visa/teijusya/",
    SECONDARY,
)
DIVORCE_DV = Citation(
    "long_term_resident.divorce_dv",
    T(
        "行政書士による解説（配偶者ビザから定住者への変更）",
        "Practitioner's guidance: from spouse visa to Long-Term Resident",
    ),
    T(
        "DV等、相手方に非がある場合は3年未満の婚姻期間でも許可される例がある",
        "Where the other spouse was at fault (domestic violence), grants are reported after less than 3 years",
    ),
    "https://office-hiura.com/archives/2050",
    SECONDARY,
)
JAPANESE_LANGUAGE = Citation(
    "long_term_resident.japanese_language",
    T(
        "行政書士による解説（離婚・死別後の定住者の要件）",
        "Practitioner's guidance on the Japanese-language factor",
    ),
    T(
        "日本語能力は試験の級ではなく、申請書を自ら記載できるか、面談で意思疎通できるかで見られる",
        "Japanese ability is judged not by a test level but by filling in the form oneself and communicating at interview",
    ),
    "https://takatsukaoffice.wordpress.com/2019/10/24/%E9%85%8D%E5%81%B6%E8%80%85%E3%81%A8%E3%81%AE%E6%AD%BB%E5%88%A5%E3%82%84%E9%9B%A2%E5%A9%9A%E5%BE%8C%E3%82%82%E6%97%A5%E6%9C%AC%E5%9C%A8%E7%95%99%E3%82%92%E5%B8%8C%E6%9C%9B%E3%81%99%E3%82%8B%E5%A0%B4/",
    SECONDARY,
)
ISA_DIVORCE_EXAMPLES = Citation(
    "long_term_resident.isa_divorce_examples",
    T(
        "出入国在留管理庁「「日本人の配偶者等」又は「永住者の配偶者等」から「定住者」への在留資格変更許可が認められた事例及び認められなかった事例について」",
        "ISA: cases where a change from Spouse or Child of Japanese National / of Permanent"
        " Resident to Long-Term Resident was and was not granted",
    ),
    T(
        "許可事例（親権者として日本人実子を養育、婚姻約3年でDVにより破綻、特別永住者との死別）と不許可事例（詐欺・傷害の前科）",
        "Granted cases (custody of a Japanese child; marriage of about 3 years broken down by"
        " domestic violence; bereavement of a Special Permanent Resident spouse) and refused cases"
        " (convictions for fraud and injury)",
    ),
    "https://www.moj.go.jp/isa/applications/resources/nyuukokukanri07_00057.html",
    OFFICIAL,
)
ISA_DIVORCE_EXAMPLES_TEXT = Citation(
    "long_term_resident.isa_divorce_examples_text",
    T("行政書士による入管公表事例の転載", "Practitioner's reproduction of the ISA examples"),
    T(
        "許可事例1〜4（在留約6年・婚姻約6年6か月・親権者など）",
        "Granted cases 1 to 4 (stay of about 6 years, marriage of about 6 years 6 months, custody and others)",
    ),
    "https://jpnvisa.com/divorce-358/",
    SECONDARY,
)
ISA_EXAMPLES_ANALYSIS = Citation(
    "long_term_resident.isa_examples_analysis",
    T("行政書士による入管公表事例の分析", "Practitioner's analysis of the ISA examples"),
    T(
        "許可事例の本邦在留期間は最短約5年1か月、不許可事例は最長4年10か月",
        "Shortest stay among granted cases about 5 years 1 month; longest among refused cases 4 years 10 months",
    ),
    "https://visa-niigata.com/wakareme/",
    SECONDARY,
)
REFUGEE_NON_NOTIFIED = Citation(
    "long_term_resident.refugee_non_notified",
    T(
        "行政書士による解説（告示外定住者）",
        "Practitioner's guidance on non-notified Long-Term Resident",
    ),
    T(
        "告示外の例：認定難民・補完的保護対象者、離婚・死別、日本人実子の監護養育、特別養子の離縁",
        "Non-notified examples: recognised refugees and complementary protection, divorce or"
        " bereavement, raising a Japanese child, dissolution of a special adoption",
    ),
    "https://samurai-law.com/visa/?p=2139",
    SECONDARY,
)
DOCUMENTS_DIVORCE = Citation(
    "long_term_resident.documents_divorce",
    T(
        "行政書士による必要書類の一覧（離婚・死別による定住者）",
        "Practitioner's document list (after divorce or bereavement)",
    ),
    T(
        "配偶者の戸籍謄本、課税・納税証明書、住民票、在職証明書、身元保証書、理由書、写真",
        "Former spouse's family register, tax certificates, residence record, employment"
        " certificate, letter of guarantee, statement of reasons, photo",
    ),
    "https://fujii-gyousei.com/%e5%91%8a%e7%a4%ba%e5%a4%96%e5%ae%9a%e4%bd%8f%e8%80%85-%e5%bf%85%e8%a6%81%e6%9b%b8%e9%a1%9e",
    SECONDARY,
)
NOT_PERMANENT = Citation(
    "long_term_resident.not_permanent",
    T("行政書士による解説（定住者とは）", "Practitioner's guidance: what Long-Term Resident is"),
    T(
        "「定住者」は「永住者」と違い在留期間が定められ、更新が必要",
        "Unlike Permanent Resident, Long-Term Resident has a period of stay and must be extended",
    ),
    "https://taniokagyouseisyoshi.p-kit.com/page520071.html",
    SECONDARY,
)
