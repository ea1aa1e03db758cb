"""Every source the rules cite, defined once. Canonical addresses only (e-Gov, moj.go.jp, courts,
the publisher's own page). `SourceKind` says how far each can be trusted."""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text

T = Text
OFFICIAL, SECONDARY, UNCONFIRMED = SourceKind.OFFICIAL, SourceKind.SECONDARY, SourceKind.UNCONFIRMED

IMMIGRATION_ACT_URL = "https://laws.e-gov.go.jp/law/326CO0000000319"
GENERAL_RULES_ACT_URL = "https://laws.e-gov.go.jp/law/418AC0000000078"
ENFORCEMENT_REGULATION_URL = "https://laws.e-gov.go.jp/law/356M50000010054"
_IMMIGRATION_ACT = T(
    "出入国管理及び難民認定法（昭和26年政令第319号）",
    "Immigration Control and Refugee Recognition Act (Cabinet Order No. 319 of 1951)",
)
_GENERAL_RULES_ACT = T(
    "法の適用に関する通則法（平成18年法律第78号）",
    "Act on General Rules for Application of Laws (Act No. 78 of 2006)",
)

ACT_ART_2_FOREIGN_NATIONAL = Citation(
    "immigration_act.art2_ii",
    _IMMIGRATION_ACT,
    T(
        "第2条第2号（外国人の定義。第1号は削除）",
        "Art. 2(ii): definition of foreign national (item i is deleted)",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_7_NOTIFIED_ACTIVITIES = Citation(
    "immigration_act.art7_1_ii",
    _IMMIGRATION_ACT,
    T(
        "第7条第1項第2号（特定活動は告示された活動に限り上陸許可）",
        "Art. 7(1)(ii): landing as Designated Activities only for notified activities",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_20_CHANGE_OF_STATUS = Citation(
    "immigration_act.art20",
    _IMMIGRATION_ACT,
    T("第20条（在留資格の変更）", "Art. 20: change of status of residence"),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_ART_50_SPECIAL_PERMISSION = Citation(
    "immigration_act.art50",
    _IMMIGRATION_ACT,
    T(
        "第50条（在留特別許可）・在留特別許可に係るガイドライン",
        "Art. 50: special permission to stay, and its guidelines",
    ),
    "https://www.moj.go.jp/isa/deportation/resources/08_00035.html",
    OFFICIAL,
)
ACT_APPENDED_TABLES = Citation(
    "immigration_act.appended_tables",
    _IMMIGRATION_ACT,
    T("別表第一・別表第二（在留資格）", "Appended Tables I and II: statuses of residence"),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_DEPENDENT = Citation(
    "immigration_act.appended_table_1_4_dependent",
    _IMMIGRATION_ACT,
    T("別表第一の四「家族滞在」", "Appended Table I(4): Dependent"),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
ACT_DIPLOMAT_OFFICIAL = Citation(
    "immigration_act.appended_table_1_1_diplomat",
    _IMMIGRATION_ACT,
    T(
        "別表第一の一「外交」「公用」（構成員の世帯に属する家族を含む）",
        "Appended Table I(1): Diplomat and Official, including members of their households",
    ),
    IMMIGRATION_ACT_URL,
    OFFICIAL,
)
GENERAL_RULES_ART_24 = Citation(
    "general_rules_act.art24",
    _GENERAL_RULES_ACT,
    T(
        "第24条第1項（婚姻の成立は各当事者の本国法による）",
        "Art. 24(1): formation of a marriage is governed by each party's national law",
    ),
    GENERAL_RULES_ACT_URL,
    OFFICIAL,
)
GENERAL_RULES_ART_38 = Citation(
    "general_rules_act.art38_1",
    _GENERAL_RULES_ACT,
    T(
        "第38条第1項（重国籍者の本国法。日本国籍を含むときは日本法）",
        "Art. 38(1): national law of a person with several nationalities; Japanese law if one is Japanese",
    ),
    GENERAL_RULES_ACT_URL,
    OFFICIAL,
)
REGULATION_ART_19_WORK = Citation(
    "enforcement_regulation.art19_5_i",
    T(
        "出入国管理及び難民認定法施行規則（昭和56年法務省令第54号）",
        "Enforcement Regulation of the Immigration Act (MOJ Ordinance No. 54 of 1981)",
    ),
    T(
        "第19条第5項第1号（1週28時間以内の包括的な資格外活動許可）",
        "Art. 19(5)(i): comprehensive permission up to 28 hours a week",
    ),
    ENFORCEMENT_REGULATION_URL,
    OFFICIAL,
)

_NOTICE_TITLE = T(
    "同性婚の配偶者に対する入国・在留審査について（通知）（平成25年10月18日法務省管在第5357号）",
    "Notice on immigration and residence examination of same-sex spouses (MOJ Kanzai No. 5357, 2013-10-18)",
)
NOTICE_2013 = Citation(
    "notice_2013_5357",
    _NOTICE_TITLE,
    T(
        "本国で有効に成立した同性婚の配偶者は原則として「特定活動」により在留を認める（実務家による全文転載）",
        "Same-sex spouses whose marriage was validly concluded in the home country are in principle"
        " allowed to stay as Designated Activities (full text as reproduced by a practitioner)",
    ),
    "https://office-you.wixsite.com/officeyou/single-post/2019/04/03/tokuteikatudou",
    SECONDARY,
)
NOTICE_2013_IN_JUDGMENT = Citation(
    "tokyo_district_court_2022_09_30.notice",
    T(
        "東京地方裁判所 令和4年9月30日判決（令和元年(行ウ)第461号）",
        "Tokyo District Court, judgment of 2022-09-30 (2019 (Gyo-U) No. 461)",
    ),
    T(
        "判決要旨: 本体者が在留資格を有していれば、本国で有効に成立した同性婚の配偶者に「特定活動」を認めるとする平成25年通知",
        "Summary: the 2013 notice grants Designated Activities to a same-sex spouse in a marriage validly"
        " concluded in the home country when the principal has a status of residence",
    ),
    "https://www.courts.go.jp/app/hanrei_jp/detail5?id=91710",
    OFFICIAL,
)
PRACTICE_VALID_IN_EACH_COUNTRY = Citation(
    "practice.valid_in_each_home_country",
    T(
        "行政書士による解説（同性婚の特定活動）",
        "Practitioners' guidance on same-sex spouses' Designated Activities",
    ),
    T(
        "各当事者の本国で有効に成立した婚姻であること",
        "The marriage must be valid in each partner's home country",
    ),
    "https://lighthouse88.com/unannounced-designated-activities/gay-marriage",
    SECONDARY,
)
PRACTICE_VALID_IN_EACH_COUNTRY_EN = Citation(
    "practice.valid_in_each_home_country.en",
    T(
        "行政書士による解説（外国人同士の同性婚）",
        "Practitioner's article: status of residence for same-sex marriage between foreigners",
    ),
    T("双方の本国で婚姻が有効であること", "The marriage is valid in both partners' home countries"),
    "https://en.gyousei-y.com/blog/2023/02/24/status-of-residence-for-same-sex-marriage-between-foreigners/",
    SECONDARY,
)
PRACTICE_REGISTERED_PARTNERSHIP = Citation(
    "practice.registered_partnership_case_by_case",
    T(
        "行政書士による解説（同性パートナーの在留資格）",
        "Practitioner's guidance on same-sex partners' status",
    ),
    T(
        "本国の登録パートナーシップは国の状況と事実関係により個別に判断／自治体の証明は婚姻ではない",
        "Registered partnerships are judged case by case; a municipal certificate is not a marriage",
    ),
    "https://support-visa.net/ja/6090.html",
    SECONDARY,
)
PRACTICE_COHABIT_AND_SUPPORT = Citation(
    "practice.cohabit_and_support",
    T(
        "行政書士による解説（同性婚と在留資格）",
        "Practitioner's guidance on same-sex marriage and residence status",
    ),
    T(
        "指定される活動: 本体者と同居し、かつ、その扶養を受ける者が行う日常的な活動",
        "Designated activity: daily activities of a person who lives with and is supported by the principal",
    ),
    "https://continental-immigration.com/family/douseikon",
    SECONDARY,
)
PRACTICE_DIPLOMAT_HOUSEHOLD = Citation(
    "practice.diplomat_household",
    T(
        "行政書士による解説（外交・公用の同性配偶者）",
        "Practitioner's guidance on same-sex spouses of diplomats",
    ),
    T(
        "本国で世帯構成員と認められる同性配偶者には「外交」「公用」が認められる",
        "A same-sex spouse recognised as a household member by the home country receives Diplomat or Official status",
    ),
    "https://kosuge-asi.com/archives/1257",
    SECONDARY,
)
UNCONFIRMED_SPONSOR_STATUSES = Citation(
    "unconfirmed.sponsor_statuses",
    T(
        "本体者の在留資格についての公式な一覧はない",
        "No official list of qualifying sponsor statuses",
    ),
    T(
        "zairyu は「家族滞在」の扶養者となりうる在留資格と別表第二の資格（及び特別永住者）を通常の例として扱う",
        "zairyu treats statuses whose holders may sponsor a Dependent, Appended Table II statuses and"
        " Special Permanent Residents as the usual case",
    ),
    "https://lighthouse88.com/unannounced-designated-activities/gay-marriage",
    UNCONFIRMED,
)
PRACTICE_NO_COE = Citation(
    "practice.no_certificate_of_eligibility",
    T(
        "行政書士による解説（告示外特定活動と在留資格認定証明書）",
        "Practitioner's guidance: non-notified Designated Activities and the Certificate of Eligibility",
    ),
    T(
        "告示外の特定活動は在留資格認定証明書の対象外。別の在留資格で入国し変更申請する",
        "No Certificate of Eligibility for non-notified Designated Activities: enter with another status and apply for a change",
    ),
    "https://ebisudo-office.com/visa/tokuteikatsudounitsuite",
    SECONDARY,
)
ISA_CHANGE_OF_STATUS = Citation(
    "isa.procedures.change_of_status",
    T(
        "出入国在留管理庁「在留資格変更許可申請」",
        "Immigration Services Agency: Application for change of status of residence",
    ),
    T("手続の概要・申請先・手数料", "Procedure, where to apply, fee"),
    "https://www.moj.go.jp/isa/applications/procedures/16-2.html",
    OFFICIAL,
)
PRACTICE_WORK_PERMISSION = Citation(
    "practice.work_permission_28h",
    T(
        "行政書士による解説（同性婚の特定活動と資格外活動）",
        "Practitioner's guidance: same-sex spouse Designated Activities and work",
    ),
    T(
        "資格外活動許可により週28時間以内の就労が可能",
        "Work up to 28 hours a week with permission for activity other than that permitted",
    ),
    "https://visanavijapan.com/2018/07/05/the-designated-activity-visa-for-same-sex-married-couples/",
    SECONDARY,
)
PRACTICE_DOCUMENTS = Citation(
    "practice.documents_same_sex_spouse",
    T(
        "行政書士による必要書類の一覧（同性婚の特定活動）",
        "Practitioner's document list for same-sex spouse Designated Activities",
    ),
    T(
        "申請書、写真、旅券・在留カード、婚姻証明書、配偶者の在留カード写し、収入・納税証明",
        "Application form, photo, passport and card, marriage certificate, partner's card, income and tax certificates",
    ),
    "https://emi-gyoseishoshi-office.jimdofree.com/2016/09/17/%E5%90%8C%E6%80%A7%E5%A9%9A/",
    SECONDARY,
)
PRACTICE_DOCUMENTS_RENEWAL = Citation(
    "practice.documents_same_sex_spouse_renewal",
    T(
        "行政書士による必要書類の一覧（同性婚の特定活動・更新）",
        "Practitioner's document list (same-sex spouse, renewal)",
    ),
    T(
        "身元保証書、住民票、在職証明書、課税・納税証明書、翻訳付き婚姻証明書",
        "Letter of guarantee, residence record, employment and tax certificates, translated marriage certificate",
    ),
    "https://visanavijapan.com/2019/07/06/same-sex-marriage-visa-extension/",
    SECONDARY,
)
REPORTED_PERIOD_ONE_YEAR = Citation(
    "report.period_one_year",
    T("OUT JAPAN（2025年2月22日）", "OUT JAPAN (2025-02-22)"),
    T(
        "同性パートナーへの「特定活動」（1年）の許可の報道",
        "Report of a one-year Designated Activities grant to a same-sex partner",
    ),
    "https://outjapan.co.jp/pride_japan/news/2025/02/22.html",
    SECONDARY,
)
UNCONFIRMED_PERIODS = Citation(
    "unconfirmed.periods_of_stay",
    T(
        "同性配偶者の特定活動の在留期間についての公式な一覧はない",
        "No official list of periods of stay for this Designated Activity",
    ),
    T("報告されている在留期間は1年", "The period reported in practice is one year"),
    "https://outjapan.co.jp/pride_japan/news/2025/02/22.html",
    UNCONFIRMED,
)
GRANTS_AT_LEAST_93 = Citation(
    "report.grants_2013_2020",
    T("共同通信（中国新聞 2021年3月26日）", "Kyodo News (Chugoku Shimbun, 2021-03-26)"),
    T("2013〜2020年に少なくとも93件の許可", "At least 93 grants from 2013 to 2020"),
    "https://www.chugoku-np.co.jp/news/article/article.php?comment_id=738633&comment_sub_id=0&category_id=24",
    SECONDARY,
)

TOKYO_DISTRICT_COURT_2022 = Citation(
    "tokyo_district_court_2022_09_30",
    T(
        "東京地方裁判所 令和4年9月30日判決（令和元年(行ウ)第461号）",
        "Tokyo District Court, judgment of 2022-09-30 (2019 (Gyo-U) No. 461)",
    ),
    T(
        "日本人の同性配偶者を一律に「特定活動」の対象外とすることは憲法14条の趣旨に反する",
        "Refusing Designated Activities across the board to the same-sex spouse of a Japanese national"
        " is contrary to the purpose of Art. 14 of the Constitution",
    ),
    "https://www.courts.go.jp/app/hanrei_jp/detail5?id=91710",
    OFFICIAL,
)
TOKYO_HIGH_COURT_2023 = Citation(
    "tokyo_high_court_2023_11_02",
    T(
        "東京高等裁判所 令和5年11月2日判決（令和4年(行コ)第294号）",
        "Tokyo High Court, judgment of 2023-11-02 (2022 (Gyo-Ko) No. 294)",
    ),
    T("「定住者」への変更を認めず控訴棄却", "Appeal for Long-Term Resident status dismissed"),
    "https://japannews.yomiuri.co.jp/society/general-news/20231103-147450/",
    SECONDARY,
)
SUPREME_COURT_2025 = Citation(
    "supreme_court_2025_02_20",
    T(
        "最高裁判所第一小法廷 令和7年2月20日決定（報道）",
        "Supreme Court, First Petty Bench, decision of 2025-02-20 (as reported)",
    ),
    T(
        "上告不受理により「定住者」を認めない判断が確定。2023年3月10日に「特定活動」（1年）が許可された",
        "Appeal not accepted: the denial of Long-Term Resident is final. Designated Activities (1 year) had been granted on 2023-03-10",
    ),
    "https://outjapan.co.jp/pride_japan/news/2025/02/22.html",
    SECONDARY,
)
SPECIAL_PERMISSION_2019 = Citation(
    "report.special_permission_2019_03_15",
    T("ジャパンタイムズ（2019年3月22日）", "The Japan Times (2019-03-22)"),
    T(
        "日本人男性と長年同居した台湾人男性に在留特別許可（2019年3月15日）",
        "Special permission to stay granted on 2019-03-15 to a Taiwanese man long living with a Japanese partner",
    ),
    "https://www.japantimes.co.jp/news/2019/03/22/national/justice-ministry-overturns-deportation-order-gay-taiwanese-man-without-visa/",
    SECONDARY,
)
