"""Sources only the same-sex-partner-of-a-Japanese-national pathway cites.

The shared court and grant citations (Tokyo District Court 2022, Tokyo High Court 2023, Supreme
Court 2025, the 2019 special permission) live in `zairyu.law.sources`."""

from __future__ import annotations

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.text import Text

T = Text
OFFICIAL, SECONDARY, UNCONFIRMED = SourceKind.OFFICIAL, SourceKind.SECONDARY, SourceKind.UNCONFIRMED

DISTRICT_COURT_REALITY = Citation(
    "partners_of_japanese.district_court_2022_reality",
    T(
        "東京地方裁判所 令和4年9月30日判決（令和元年(行ウ)第461号）",
        "Tokyo District Court, judgment of 2022-09-30 (2019 (Gyo-U) No. 461)",
    ),
    T(
        "裁判要旨2: 日本人との同性婚の相手方である外国人に、同性婚の実態等を考慮することなく一律に「特定活動」を付与しない取扱いは憲法14条の趣旨に反する",
        "Summary 2: refusing Designated Activities across the board to the foreign same-sex spouse"
        " of a Japanese national, without considering the reality of the marriage, is contrary to"
        " the purpose of Art. 14 of the Constitution",
    ),
    "https://www.courts.go.jp/app/hanrei_jp/detail5?id=91710",
    OFFICIAL,
)
LAWYERS_STATEMENT_2022 = Citation(
    "partners_of_japanese.lawyers_statement_2022",
    T(
        "同性パートナー在留資格訴訟 弁護団声明（2022年10月1日）",
        "Statement of the plaintiffs' lawyers on the same-sex partner residence case (2022-10-01)",
    ),
    T(
        "判決は、二人のパートナー関係の個別的事情を踏まえ、安定的に生活できるよう人道的配慮の必要性を認めた",
        "The judgment found, on the couple's individual circumstances, a need for humanitarian"
        " consideration so that they can live stably in Japan",
    ),
    "https://note.com/visaparafamilia/n/n745df40997aa",
    SECONDARY,
)
DESIGNATION_2023 = Citation(
    "partners_of_japanese.designation_2023_03_10",
    T(
        "同性パートナー在留資格訴訟 支援者による報告（2023年3月）",
        "Supporters' report on the same-sex partner residence case (March 2023)",
    ),
    T(
        "2023年3月10日「特定活動」（1年）許可。指定活動: 日本人と同居し、かつ、生計を共にする者が行う日常的な活動（収入を伴う事業・報酬を受ける活動を除く）",
        "Designated Activities (1 year) granted on 2023-03-10; designated activity: daily"
        " activities of a person who lives with and shares a livelihood with a Japanese national"
        " (excluding business or paid work)",
    ),
    "https://note.com/visaparafamilia/n/n004770627e2f",
    SECONDARY,
)
LATER_GRANT = Citation(
    "partners_of_japanese.practitioner_grant_after_judgment",
    T(
        "行政書士による許可事例の報告（日本人と外国人の同性婚）",
        "Practitioner's report of a grant (same-sex marriage of a Japanese and a foreign national)",
    ),
    T(
        "外国人パートナーの本国で婚姻した二人に、一度の不許可の後、令和4年判決を提出した再申請で「特定活動」が許可された。偽装でないことの説明が必要",
        "A couple married in the foreign partner's country was granted Designated Activities on"
        " re-application after one refusal, submitting the 2022 judgment; the applicant must show"
        " the marriage is genuine",
    ),
    "https://joy-gyouseishosi.com/%E6%97%A5%E6%9C%AC%E4%BA%BA%E3%81%A8%E5%A4%96%E5%9B%BD%E4%BA%BA%E3%81%AE%E6%96%B9%E3%81%AE%E5%90%8C%E6%80%A7%E5%A9%9A%E3%83%91%E3%83%BC%E3%83%88%E3%83%8A%E3%83%BC%E3%81%A7%E5%9C%A8%E7%95%99%E8%B3%87/",
    SECONDARY,
)
NOTICE_EXCLUDES_JAPANESE_PARTNERS = Citation(
    "partners_of_japanese.notice_excludes_japanese_partners",
    T(
        "行政書士による解説（外国人同士の同性婚の在留資格）",
        "Practitioner's article: status of residence for same-sex marriage between foreigners",
    ),
    T(
        "平成25年通知は外国人同士の同性婚のみを対象とし、日本人の同性配偶者は対象外",
        "The 2013 notice covers same-sex marriages between foreign nationals only, not the"
        " same-sex spouse of a Japanese national",
    ),
    "https://en.gyousei-y.com/blog/2023/02/24/status-of-residence-for-same-sex-marriage-between-foreigners/",
    SECONDARY,
)
GOVERNMENT_CONSIDERING_2021 = Citation(
    "partners_of_japanese.report_2021_government_considering",
    T(
        "OUT JAPAN（2021年5月16日、読売新聞の報道を紹介）",
        "OUT JAPAN (2021-05-16, reporting the Yomiuri Shimbun)",
    ),
    T(
        "政府は、外国で婚姻した日本人の外国人同性配偶者に「特定活動」を認める方向で検討。正式な一般的規則の変更は確認されていない",
        "The government was reported to be considering Designated Activities for foreign same-sex"
        " spouses of Japanese nationals married abroad; no formal general rule change has been"
        " found",
    ),
    "https://outjapan.co.jp/pride_japan/news/2021/5/16.html",
    SECONDARY,
)
HIGH_COURT_NO_RATIONAL_REASON = Citation(
    "partners_of_japanese.high_court_2023_no_rational_reason",
    T(
        "東京高等裁判所 令和5年11月2日判決（報道）",
        "Tokyo High Court, judgment of 2023-11-02 (as reported)",
    ),
    T(
        "日本人の外国人同性パートナーに「特定活動」を認めないことに合理的な理由を見いだし難いと指摘",
        "Found it hard to see a rational reason for denying Designated Activities to the foreign"
        " same-sex partner of a Japanese national",
    ),
    "https://japannews.yomiuri.co.jp/society/general-news/20231103-147450/",
    SECONDARY,
)
TOKYO_CERTIFICATE_NO_LEGAL_EFFECT = Citation(
    "partners_of_japanese.tokyo_certificate_no_legal_effect",
    T(
        "東京都「東京都パートナーシップ宣誓制度」",
        "Tokyo Metropolitan Government: Tokyo partnership oath system",
    ),
    T(
        "パートナーシップの宣誓は法律行為である婚姻とは異なり、法律上の効果を生じさせるものではない（在留資格にも効果はない）",
        "A partnership oath, unlike marriage, has no legal effect (and so none on immigration status)",
    ),
    "https://www.soumu.metro.tokyo.lg.jp/10jinken/page/partnership01.html",
    OFFICIAL,
)
CERTIFICATE_NOT_A_MARRIAGE = Citation(
    "partners_of_japanese.certificate_not_a_marriage",
    T(
        "弁護士による解説（同性パートナーと在留資格）",
        "Lawyer's article on same-sex partners and residence status",
    ),
    T(
        "自治体のパートナーシップ証明は法律上の婚姻ではなく、配偶者の在留資格の根拠にならない",
        "A municipal partnership certificate is not a legal marriage and does not support a"
        " spouse status",
    ),
    "https://nyukan-bengoshi.com/?p=428",
    SECONDARY,
)
UNCONFIRMED_PARTNERSHIP = Citation(
    "partners_of_japanese.unconfirmed_registered_partnership",
    T(
        "日本人の同性パートナーについて、外国の登録パートナーシップによる許可例は確認されていない",
        "No grant on a foreign registered partnership with a Japanese national has been confirmed",
    ),
    T(
        "報告された許可はいずれも外国で婚姻した二人。登録パートナーシップは外国人同士の場合に準じて個別判断と扱う",
        "The reported grants were all to couples married abroad; zairyu treats a registered"
        " partnership as a case-by-case matter, as for two foreign nationals",
    ),
    "https://support-visa.net/ja/6090.html",
    UNCONFIRMED,
)
UNCONFIRMED_GENERAL_RULE = Citation(
    "partners_of_japanese.unconfirmed_general_rule",
    T(
        "日本人の同性パートナーへの「特定活動」の一般的な基準は公表されていない",
        "No general rule on Designated Activities for same-sex partners of Japanese nationals has been published",
    ),
    T(
        "許可は個別の裁量判断として報告されているのみ",
        "Grants are reported only as individual discretionary decisions",
    ),
    "https://outjapan.co.jp/pride_japan/news/2025/02/22.html",
    UNCONFIRMED,
)
