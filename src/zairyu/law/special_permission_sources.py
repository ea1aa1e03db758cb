"""Sources only the special-permission-to-stay pathway cites (Immigration Act Art. 50, the 2024
guideline, ISA's application page and published examples, and the 2009 guideline as reproduced).

Canonical addresses only. Where an official page was read only through a copy, the canonical
moj.go.jp address is cited and the section says so."""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text

T = Text
OFFICIAL, SECONDARY, UNCONFIRMED = SourceKind.OFFICIAL, SourceKind.SECONDARY, SourceKind.UNCONFIRMED

GUIDELINE_URL = "https://www.moj.go.jp/isa/deportation/resources/08_00035.html"
PROCEDURE_URL = "https://www.moj.go.jp/isa/deportation/procedures/08_00044.html"
CIVIL_CODE_URL = "https://laws.e-gov.go.jp/law/129AC0000000089"

_GUIDELINE_2024 = T(
    "出入国在留管理庁「在留特別許可に係るガイドライン」（平成18年10月策定、平成21年7月改定、令和6年3月改定・令和6年6月10日運用開始）",
    "Immigration Services Agency: Guidelines on special permission to stay (2006, revised 2009-07"
    " and 2024-03, applied from 2024-06-10)",
)
_GUIDELINE_2009 = T(
    "在留特別許可に係るガイドライン（平成21年7月改定）の行政書士による再掲",
    "Guidelines on special permission to stay (2009 revision), as reproduced by a practitioner",
)

# --- Article 50 as described by the 2024 guideline (official) ---------------------------------

ART50_ITEMS = Citation(
    "special_permission.art50_1_items",
    _GUIDELINE_2024,
    T(
        "第1の1: 入管法第50条第1項各号（(1)永住許可、(2)かつて日本国民として本籍、(3)人身取引等、"
        "(4)難民・補完的保護対象者の認定、(5)その他特別に在留を許可すべき事情）。申請により又は職権で許可",
        "Part 1(1): Art. 50(1) items (i) permanent residence, (ii) former Japanese national with a"
        " family register, (iii) trafficking, (iv) recognised refugee or complementary protection,"
        " (v) other special reasons; granted on application or ex officio",
    ),
    GUIDELINE_URL,
    OFFICIAL,
)
ART50_PROVISO = Citation(
    "special_permission.art50_1_proviso",
    _GUIDELINE_2024,
    T(
        "第1の1: 第50条第1項ただし書（無期若しくは1年を超える拘禁刑（実刑）に処せられた者等は、"
        "人道上の配慮に欠ける「特別の事情」がない限り許可されない）",
        "Part 1(1): proviso to Art. 50(1): no permission for a person sentenced to life or to more"
        " than one year of imprisonment (not suspended), or under certain deportation grounds,"
        " unless refusing it would lack humanitarian consideration (special circumstances)",
    ),
    GUIDELINE_URL,
    OFFICIAL,
)
ART50_CONSIDERATIONS = Citation(
    "special_permission.art50_considerations",
    _GUIDELINE_2024,
    T(
        "第1の1: 考慮事情（在留を希望する理由、家族関係、素行、入国の経緯、在留期間、退去強制の理由となった事実、人道上の配慮の必要性、内外の諸情勢等）",
        "Part 1(1): matters considered: reasons for wishing to stay, family relations, conduct,"
        " circumstances of entry, length of stay, the facts of the deportation ground, need for"
        " humanitarian consideration, circumstances in Japan and abroad",
    ),
    GUIDELINE_URL,
    OFFICIAL,
)
GUIDELINE_2024_REVISION = Citation(
    "special_permission.guideline_2024_revision",
    _GUIDELINE_2024,
    T(
        "令和6年改定の要旨: 不法在留期間が長いことは消極的に評価、家族とともに生活する子の利益と地域社会（学校、自治会等）との関係は積極的に評価。従来の判断の在り方は変えない",
        "2024 revision: a long unlawful stay weighs against; the child's interest in living with"
        " the family and ties with the local community (schools, neighbourhood associations) weigh"
        " in favour; prior practice is not changed",
    ),
    GUIDELINE_URL,
    OFFICIAL,
)
GUIDELINE_NOT_DECISIVE = Citation(
    "special_permission.guideline_factors_not_decisive",
    _GUIDELINE_2024,
    T(
        "積極要素があっても許可が保証されるものではなく、特に考慮する消極要素があっても許可が排除されるものではない",
        "A favourable factor does not guarantee permission, and an especially weighty unfavourable"
        " factor does not exclude it",
    ),
    GUIDELINE_URL,
    OFFICIAL,
)
GUIDELINE_2024_PRACTITIONER = Citation(
    "special_permission.guideline_2024_practitioner",
    T(
        "行政書士による解説（在留特別許可ガイドライン 2024年）",
        "Practitioner's note on the 2024 guideline",
    ),
    T(
        "改定版ガイドラインは令和6年6月10日から運用。長期の不法在留は消極、子の利益・地域社会との関係は積極",
        "The revised guideline applies from 2024-06-10; long unlawful stay negative, child's"
        " interest and community ties positive",
    ),
    "https://gyousei-nara.com/info/20240704141135.html",
    SECONDARY,
)
GUIDELINE_2024_PARAPHRASE = Citation(
    "special_permission.guideline_2024_paraphrase",
    T(
        "行政書士による2024年ガイドラインの要約（公式の文言ではない）",
        "Practitioner's summary of the 2024 guideline (not the official wording)",
    ),
    T(
        "積極: 日本人・特別永住者との家族関係、地域社会への貢献、法令の遵守、日本で必要な治療。消極: 一定の前科、反社会的行為、長期の不法滞在、虚偽の申告",
        "Positive: family ties with Japanese or Special Permanent Residents, contribution to the"
        " community, law-abiding conduct, treatment needed in Japan. Negative: certain criminal"
        " records, antisocial conduct, long unlawful stay, false statements",
    ),
    "https://smartvisa.sincere-intl.com/?p=2651",
    SECONDARY,
)
UNCONFIRMED_2024_LIST = Citation(
    "special_permission.unconfirmed_2024_factor_list",
    T(
        "2024年ガイドラインの詳細な要素の一覧は未確認",
        "The detailed factor list of the 2024 guideline is not confirmed",
    ),
    T(
        "公式ページは冒頭部分のみ確認。個別の要素は2009年版の再掲と二次資料による",
        "Only the opening of the official page was read; individual factors come from the 2009"
        " list as reproduced and from secondary paraphrase",
    ),
    GUIDELINE_URL,
    UNCONFIRMED,
)
UNCONFIRMED_LONG_UNLAWFUL_STAY = Citation(
    "special_permission.unconfirmed_long_unlawful_stay",
    T(
        "「長期の不法在留」の年数は公表されていない",
        "No number of years is published for a 'long' unlawful stay",
    ),
    T(
        "zairyu は10年以上を目安として表示する（公式の基準ではない）",
        "zairyu shows 10 years or more as a marker (not an official threshold)",
    ),
    GUIDELINE_URL,
    UNCONFIRMED,
)

# --- The 2009 guideline (superseded; secondary reproductions) --------------------------------

GUIDELINE_2009_POSITIVE = Citation(
    "special_permission.guideline_2009_positive",
    _GUIDELINE_2009,
    T(
        "特に考慮する積極要素(1)〜(5)（日本人・特別永住者の子、その実子の監護養育、日本人・特別永住者との婚姻、本邦の学校に通う実子の監護養育、難病等の治療）",
        "Especially considered positive factors (1)-(5): child of a Japanese national or Special"
        " Permanent Resident; raising their child; marriage to one; raising a child at a Japanese"
        " school; illness needing treatment in Japan",
    ),
    "https://zaitoku.info/youso",
    SECONDARY,
)
GUIDELINE_2009_OTHER_POSITIVE = Citation(
    "special_permission.guideline_2009_other_positive",
    _GUIDELINE_2009,
    T(
        "その他の積極要素（自ら出頭、永住者・定住者等との婚姻、その扶養を受ける未成年の実子、長期の滞在と定着性）",
        "Other positive factors: voluntary surrender; marriage to a Permanent or Long-Term"
        " Resident; being their minor dependent child; long stay and settledness",
    ),
    "http://ookubo-gyosei.jp/qa-zairyu3.htm",
    SECONDARY,
)
GUIDELINE_2009_NEGATIVE = Citation(
    "special_permission.guideline_2009_negative",
    _GUIDELINE_2009,
    T(
        "消極要素（重大犯罪、出入国管理行政の根幹にかかわる違反（集団密航、旅券の不正受交付、不法就労助長等）又は反社会性の高い違反、密航・偽造旅券による入国、過去の退去強制手続歴、その他の退去強制事由）",
        "Negative factors: serious crimes; violations at the core of immigration control (people"
        " smuggling, fraudulent passports, facilitating illegal work) or highly antisocial"
        " conduct; stowaway or forged-passport entry; past deportation; other deportation grounds",
    ),
    "https://zaitoku.info/youso",
    SECONDARY,
)
GUIDELINE_2009_EXAMPLES = Citation(
    "special_permission.guideline_2009_examples",
    T(
        "imidas 時事用語事典「在留特別許可のガイドライン」",
        "imidas: 'Guidelines on special permission to stay'",
    ),
    T(
        "2009年改定の例示: 日本の学校に通う10年以上在住の実子、約20年以上の滞在、自ら出頭は積極。不法入国、重大犯罪は消極",
        "2009 examples: a child at school in Japan for 10 years or more, a stay of about 20"
        " years or more, and voluntary surrender are positive; illegal entry and serious crimes"
        " negative",
    ),
    "https://imidas.jp/hotkeyword/detail/C-00-507-09-07-H006.html",
    SECONDARY,
)
LAW_ABIDING = Citation(
    "special_permission.practice_law_abiding",
    T("行政書士による解説（2009年ガイドライン）", "Practitioner's note on the 2009 guideline"),
    T(
        "不法滞在以外に法令違反がないことも重要な要素",
        "Having no other offence besides the unlawful stay is also an important factor",
    ),
    "http://blog.kei-office.jp/2009/07/13/%e5%9c%a8%e7%95%99%e7%89%b9%e5%88%a5%e8%a8%b1%e5%8f%af/",
    SECONDARY,
)

# --- Procedure (official) ---------------------------------------------------------------------

APPLICATION = Citation(
    "special_permission.isa_application",
    T(
        "出入国在留管理庁「在留特別許可申請」",
        "Immigration Services Agency: Application for special permission to stay",
    ),
    T(
        "受付期間: 収容令書による収容（仮放免を含む）又は監理措置に付されたときから退去強制令書の発付まで。出頭・面接の上申請",
        "Accepted from detention under a detention order (including provisional release) or"
        " supervision measures until a deportation order is issued; apply in person after an"
        " interview",
    ),
    PROCEDURE_URL,
    OFFICIAL,
)
APPLICATION_DOCUMENTS = Citation(
    "special_permission.isa_application_documents",
    T(
        "出入国在留管理庁「在留特別許可申請」",
        "Immigration Services Agency: Application for special permission to stay",
    ),
    T(
        "提出書類: 申請書（一人につき1部）と各号の事情を証する資料（在留カード写し、除籍謄本、陳述書、認定証明書写し等）、外国語資料の訳文",
        "Documents: one application form per person and evidence for the item relied on"
        " (residence card copy, removed family register, statement, recognition certificate),"
        " with translations",
    ),
    PROCEDURE_URL,
    OFFICIAL,
)
SUPERVISION = Citation(
    "special_permission.isa_supervision_measures",
    T(
        "出入国在留管理庁「監理措置に関する各種申請」",
        "Immigration Services Agency: Applications on supervision measures",
    ),
    T(
        "入管法第44条の2（退去強制令書発付前）・第52条の2（発付後）の監理措置。監理人の選定、保証金",
        "Supervision measures under Art. 44-2 (before a deportation order) and Art. 52-2 (after):"
        " a supervisor, possibly a deposit",
    ),
    "https://www.moj.go.jp/isa/08_00047.html",
    OFFICIAL,
)
BEFORE_2024_EX_OFFICIO = Citation(
    "special_permission.before_2024_ex_officio",
    T(
        "入管法第50条（令和6年6月9日までの規定）の行政書士による再掲",
        "Immigration Act Art. 50 as in force until 2024-06-09, as reproduced by a practitioner",
    ),
    T(
        "法務大臣の裁決の特例: 異議の申出に理由がない場合でも在留を特別に許可できる（申請手続はなかった）",
        "Special rule on the Minister's decision: stay may be specially permitted even when the"
        " objection is unfounded (there was no application procedure)",
    ),
    "https://ebisudo-office.com/joubun/nyuukanhou50",
    SECONDARY,
)
AMENDMENT_IN_FORCE = Citation(
    "special_permission.amendment_2023_in_force",
    T(
        "出入国在留管理庁「入管法等の一部改正について」",
        "Immigration Services Agency: the 2023 amendment of the Immigration Act",
    ),
    T(
        "監理措置、在留特別許可の申請手続等は令和6年6月10日施行",
        "Supervision measures and the application for special permission to stay took effect on 2024-06-10",
    ),
    "https://www.moj.go.jp/isa/01_00457.html",
    OFFICIAL,
)
CIVIL_CODE_MAJORITY = Citation(
    "special_permission.civil_code_art4",
    T("民法（明治29年法律第89号）", "Civil Code (Act No. 89 of 1896)"),
    T(
        "第4条（成年は18歳。令和4年4月1日までは20歳）",
        "Art. 4: majority at 18 (20 until 2022-03-31)",
    ),
    CIVIL_CODE_URL,
    OFFICIAL,
)

# --- Published examples -----------------------------------------------------------------------

EXAMPLES_2018 = Citation(
    "special_permission.isa_examples_2018",
    T(
        "出入国在留管理庁「在留特別許可された事例及び在留特別許可されなかった事例について（平成30年）」（令和元年5月）",
        "Immigration Services Agency: Cases granted and refused special permission to stay in 2018 (May 2019)",
    ),
    T(
        "配偶者が日本人の場合の許可事例1〜5（出頭申告、在留資格「日本人の配偶者等」1年）。写しで確認",
        "Granted cases 1-5 with a Japanese spouse (voluntary surrender; Spouse or Child of Japanese"
        " National, 1 year). Read through a copy",
    ),
    "https://www.moj.go.jp/isa/content/930005804.pdf",
    OFFICIAL,
)
EXAMPLES_TABLE = Citation(
    "special_permission.isa_examples_table",
    T(
        "行政書士による入管庁公表事例の再掲",
        "ISA's published cases, as reproduced by a practitioner",
    ),
    T(
        "配偶者が日本人の場合の許可事例（不法残留約23年6月・婚姻約10月でも許可等）",
        "Granted cases with a Japanese spouse (including one after about 23.5 years of overstay"
        " and 10 months of marriage)",
    ),
    "https://immigration.vimala-houmu.com/case-of-special-permission",
    SECONDARY,
)
EXAMPLES_2007 = Citation(
    "special_permission.isa_examples_2007",
    T(
        "行政書士による法務省公表事例（平成19年）の再掲",
        "MOJ's published cases of 2007, as reproduced by a practitioner",
    ),
    T(
        "事例1: 永住者と同居後に婚姻した不法残留者に「永住者の配偶者等」1年",
        "Case 1: an overstayer living with, then married to, a Permanent Resident received Spouse"
        " or Child of Permanent Resident for 1 year",
    ),
    "http://www.zaitoku.info/jirei",
    SECONDARY,
)
EXAMPLE_BORN_IN_JAPAN = Citation(
    "special_permission.isa_example_born_in_japan",
    T(
        "行政書士による法務省公表事例の再掲",
        "MOJ's published cases, as reproduced by a practitioner",
    ),
    T(
        "日本人父と不法在留中の母との間に本邦で出生し、在留資格を取得しないまま約15年在留した子への許可",
        "Permission for a child born in Japan to a Japanese father and an unlawfully staying mother,"
        " who stayed about 15 years without ever obtaining a status",
    ),
    "http://www.visaemon.jp/archives/200805-2.html?page=3",
    SECONDARY,
)
