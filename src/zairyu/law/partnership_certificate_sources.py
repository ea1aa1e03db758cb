"""Citations only the partnership-certificate pathway uses (each system's own page comes from
`zairyu.data.partnership_systems`)."""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text

T = Text
OFFICIAL = SourceKind.OFFICIAL
SECONDARY = SourceKind.SECONDARY

TOKYO_RULE = Citation(
    "partnership_certificate.tokyo_rule_art3",
    T(
        "東京都パートナーシップ宣誓制度に関する規則（令和4年6月22日規則第153号）",
        "Tokyo Metropolitan Rule on the Partnership Oath System (Rule No. 153 of 2022-06-22)",
    ),
    T(
        "第3条（宣誓の要件：成年、配偶者・他のパートナーがいない、近親者でない、都内在住・在勤・在学）",
        "Art. 3 (who may make the oath: adults, no spouse or other partner, not close relatives,"
        " living, working or studying in Tokyo)",
    ),
    "https://www.reiki.metro.tokyo.lg.jp/reiki/reiki_honbun/g101RG00005216.html",
    OFFICIAL,
)

TOKYO_NO_LEGAL_EFFECT = Citation(
    "partnership_certificate.tokyo_no_legal_effect",
    T(
        "東京都パートナーシップ宣誓制度（総務局人権部）",
        "Tokyo Partnership Oath System (Bureau of General Affairs)",
    ),
    T(
        "制度の概要：法律行為である婚姻とは異なり、宣誓により法律上の効果を生じさせるものではない",
        "Overview: unlike marriage, a legal act, the oath creates no legal effect",
    ),
    "https://www.soumu.metro.tokyo.lg.jp/10jinken/page/partnership01.html",
    OFFICIAL,
)

TOKYO_CERTIFICATE = Citation(
    "partnership_certificate.tokyo_certificate_online",
    T(
        "東京都パートナーシップ宣誓制度（総務局人権部）",
        "Tokyo Partnership Oath System (Bureau of General Affairs)",
    ),
    T(
        "受理証明書：原則としてオンラインで交付、データを印刷して利用",
        "Certificate of acceptance: issued online in principle, printable",
    ),
    "https://www.soumu.metro.tokyo.lg.jp/10jinken/page/partnership02.html",
    OFFICIAL,
)

SHIBUYA_NOT_MARRIAGE = Citation(
    "partnership_certificate.shibuya_not_marriage",
    T("渋谷区パートナーシップ証明", "Shibuya City partnership certificate"),
    T(
        "法律上の婚姻とは異なるものとして証明する／必要書類は手引きで確認",
        "Certified as something different from a legal marriage; documents are listed in the guide",
    ),
    "https://www.city.shibuya.tokyo.jp/kusei/shisaku/lgbt/partnership.html",
    OFFICIAL,
)

CIVIL_CODE_ART4 = Citation(
    "partnership_certificate.civil_code_art4",
    T("民法（明治29年法律第89号）", "Civil Code (Act No. 89 of 1896)"),
    T(
        "第4条：成年は18歳（平成30年法律第59号により令和4年4月1日から。それまでは20歳）",
        "Art. 4: adulthood at 18 (from 2022-04-01 by Act No. 59 of 2018; 20 until then)",
    ),
    "https://laws.e-gov.go.jp/law/129AC0000000089",
    OFFICIAL,
)

NETWORK_AICHI = Citation(
    "partnership_certificate.network_aichi",
    T(
        "パートナーシップ制度自治体間連携ネットワーク（愛知県）",
        "Inter-municipal partnership network (Aichi Prefecture)",
    ),
    T(
        "参加自治体間の転居：証明書の返還・再宣誓・独身証明が不要、継続申告で引き継ぐ（2024年11月1日から）",
        "Moving between members: no return of the certificate, no new oath, no proof of single"
        " status; a continuation declaration carries it over (from 2024-11-01)",
    ),
    "https://www.pref.aichi.jp/soshiki/jinken/psfs-cooperation.html",
    OFFICIAL,
)

NETWORK_FUKUOKA_CITY = Citation(
    "partnership_certificate.network_fukuoka_city",
    T(
        "パートナーシップ制度自治体間連携ネットワークへの参加（福岡市）",
        "Joining the inter-municipal partnership network (Fukuoka City)",
    ),
    T(
        "転入時の継続申告の手続；各自治体の要件はそれぞれ適用される",
        "The continuation declaration on moving in; each member's own requirements still apply",
    ),
    "https://www.city.fukuoka.lg.jp/shimin/jinkenkikaku/life/lgbt/partnership_network.html",
    OFFICIAL,
)

NETWORK_SAITAMA_CITY = Citation(
    "partnership_certificate.network_saitama_city",
    T(
        "パートナーシップ制度自治体間連携ネットワーク（さいたま市）",
        "Inter-municipal partnership network (Saitama City)",
    ),
    T(
        "2024年11月1日に全国へ拡大（19都道府県・150市区町村）",
        "Extended nationwide on 2024-11-01 (19 prefectures and 150 municipalities)",
    ),
    "https://www.city.saitama.lg.jp/006/014/008/003/013/007/p117418.html",
    OFFICIAL,
)

TOKYO_IBARAKI_GUNMA = Citation(
    "partnership_certificate.tokyo_ibaraki_gunma_2025",
    T(
        "東京都報道発表（2025年3月31日）",
        "Tokyo Metropolitan Government press release (2025-03-31)",
    ),
    T(
        "茨城県・群馬県との連携協定（2025年4月1日から）：転居時に独身証明の再提出不要",
        "Agreements with Ibaraki and Gunma (from 2025-04-01): no new proof of single status on moving",
    ),
    "https://www.metro.tokyo.lg.jp/information/press/2025/03/2025033117",
    OFFICIAL,
)

FUKUOKA_KUMAMOTO_2019 = Citation(
    "partnership_certificate.fukuoka_kumamoto_2019",
    T("熊本市報道資料", "Kumamoto City press release"),
    T(
        "福岡市とのパートナーシップ宣誓制度の都市間相互利用に関する協定（2019年10月30日、全国初）",
        "Agreement with Fukuoka City on mutual use of the partnership systems (2019-10-30, the"
        " first in Japan)",
    ),
    "https://www.city.kumamoto.jp/hpKiji/pub/detail.aspx?c_id=5&id=25848&class_set_id=2&class_id=3198",
    OFFICIAL,
)

EDOGAWA_SAME_ADDRESS = Citation(
    "partnership_certificate.edogawa_same_address",
    T(
        "江戸川区同性パートナー関係の申出の取扱いに関する要綱",
        "Edogawa City guidelines on same-sex partner declarations",
    ),
    T(
        "要件：双方が区内の同一の場所に住所を有する（転入予定を含む）",
        "Requirement: both have an address at the same place in the ward (moving in counts)",
    ),
    "https://www.city.edogawa.tokyo.jp/e090/kurashi/jinken/jinken/youkou.html",
    OFFICIAL,
)
