"""Every fact any pathway reads, with the question that asks for it, in Japanese and English.

Facts are shared by pathways, so they live here and nowhere else. Names are `subject.attribute`;
the applicant is the person whose status is being screened, the partner is their spouse or
partner.
"""

from __future__ import annotations

from zairyu.data.countries import country_codes
from zairyu.data.statuses import status_codes
from zairyu.engine.case import Constraint
from zairyu.engine.expr import all_of, any_of, eq, is_in
from zairyu.engine.facts import Choice, Fact, FactType
from zairyu.engine.text import Text

T = Text
COUNTRIES = country_codes()
STATUSES = status_codes()

_NATIONALITY_HELP = T(
    "国名コード（ISO 3166-1、例: FR、US）。英国籍の方は、婚姻に適用される法域が分かれば"
    " GB-EAW（イングランド及びウェールズ）、GB-SCT（スコットランド）、GB-NIR（北アイルランド）で答えてください。",
    "A country code (ISO 3166-1, e.g. FR, US). British nationals: if you know which part of the"
    " UK's law applies to you, answer GB-EAW (England and Wales), GB-SCT (Scotland) or GB-NIR"
    " (Northern Ireland).",
)


def _nationality(person: str, ja: str, en: str, en_has: str) -> tuple[Fact, Fact, Fact]:
    main = Fact(
        f"{person}.nationality",
        FactType.COUNTRY,
        T(f"{ja}の国籍はどこですか。", f"What is {en} nationality?"),
        _NATIONALITY_HELP,
        codes=COUNTRIES,
        changeable=False,
    )
    has_other = Fact(
        f"{person}.has_other_nationality",
        FactType.BOOL,
        T(f"{ja}は他の国籍も持っていますか。", f"{en_has} another nationality too?"),
        T(
            "二重国籍の場合、どの国の法律が本国法となるかは法の適用に関する通則法第38条第1項で決まります。",
            "For a dual national, Art. 38(1) of the Act on General Rules for Application of Laws decides"
            " which country's law is the national law.",
        ),
        changeable=False,
    )
    other = Fact(
        f"{person}.other_nationality",
        FactType.COUNTRY,
        T(f"{ja}のもう一つの国籍はどこですか。", f"What is {en} other nationality?"),
        _NATIONALITY_HELP,
        codes=COUNTRIES,
        changeable=False,
        asked_when=(has_other.name, True),
    )
    return main, has_other, other


APPLICANT_NATIONALITY, APPLICANT_HAS_OTHER_NATIONALITY, APPLICANT_OTHER_NATIONALITY = _nationality(
    "applicant", "あなた", "your", "Do you hold"
)
PARTNER_NATIONALITY, PARTNER_HAS_OTHER_NATIONALITY, PARTNER_OTHER_NATIONALITY = _nationality(
    "partner", "配偶者・パートナー", "your partner's", "Does your partner hold"
)

PARTNER_STATUS = Fact(
    "partner.status",
    FactType.STATUS,
    T(
        "配偶者・パートナーの日本での在留資格は何ですか。",
        "What is your partner's status of residence in Japan?",
    ),
    T(
        "在留カードの「在留資格」欄に書かれています。在留資格がない場合は no_status、"
        "特別永住者の場合は special_permanent_resident と答えてください。",
        "It is printed under 'Status' on the residence card. If your partner has no status,"
        " answer no_status; a Special Permanent Resident answers special_permanent_resident.",
    ),
    codes=STATUSES,
)

SAME_SEX = Fact(
    "relationship.same_sex",
    FactType.BOOL,
    T(
        "あなたと配偶者・パートナーは法律上同性ですか。",
        "Are you and your partner of the same legal sex?",
    ),
    T(
        "戸籍・旅券など公的書類上の性別で答えてください。",
        "Answer by the sex recorded in official documents such as passports.",
    ),
    changeable=False,
)

MARRIAGE = "marriage"
REGISTERED_PARTNERSHIP = "registered_partnership"
UNREGISTERED = "unregistered"
MUNICIPAL_CERTIFICATE = "japanese_partnership_certificate"

RELATIONSHIP_KIND = Fact(
    "relationship.kind",
    FactType.ENUM,
    T(
        "二人の関係はどのような形で公的に認められていますか。",
        "How is your relationship formally recognised?",
    ),
    T(
        "外国で成立した婚姻、外国の登録パートナーシップ（シビル・ユニオン）、登録していない事実上の関係、"
        "又は日本の自治体のパートナーシップ証明のみ、から選んでください。",
        "Choose a marriage concluded abroad, a registered partnership (civil union) abroad, an"
        " unregistered relationship, or only a Japanese municipal partnership certificate.",
    ),
    choices=(
        Choice(MARRIAGE, T("婚姻", "Marriage")),
        Choice(
            REGISTERED_PARTNERSHIP,
            T("登録パートナーシップ（シビル・ユニオン）", "Registered partnership (civil union)"),
        ),
        Choice(UNREGISTERED, T("登録していない関係", "Unregistered relationship")),
        Choice(
            MUNICIPAL_CERTIFICATE,
            T(
                "日本の自治体のパートナーシップ証明のみ",
                "Only a Japanese municipal partnership certificate",
            ),
        ),
    ),
)

RELATIONSHIP_DATE = Fact(
    "relationship.date",
    FactType.DATE,
    T(
        "婚姻又は登録が成立した日はいつですか。",
        "On what date was the marriage or registration concluded?",
    ),
    T(
        "婚姻証明書等に記載された日付（YYYY-MM-DD）。",
        "The date on the marriage or registration certificate (YYYY-MM-DD).",
    ),
    past=True,
)

LIVING_TOGETHER = Fact(
    "household.living_together",
    FactType.BOOL,
    T(
        "日本で配偶者・パートナーと同居している、又は同居する予定ですか。",
        "Do you, or will you, live with your partner in Japan?",
    ),
    T(
        "住民票上の同一世帯などで確認されます。",
        "This is usually shown by a residence record listing you both.",
    ),
)

SUPPORTED = Fact(
    "household.supported_by_partner",
    FactType.BOOL,
    T(
        "生活費は主に配偶者・パートナーが負担していますか。",
        "Does your partner mainly support you financially?",
    ),
    T(
        "配偶者・パートナーの収入（在職証明書・課税証明書）で確認されます。",
        "This is shown by your partner's income (certificate of employment, tax certificates).",
    ),
)

APPLICANT_STAY_EXPIRES = Fact(
    "applicant.period_of_stay_expires",
    FactType.DATE,
    T("あなたの現在の在留期間の満了日はいつですか。", "When does your current period of stay end?"),
    T(
        "在留カード又は上陸許可の証印に記載された満了日。変更申請はこの日までに行います。",
        "The expiry date on your residence card or landing stamp. Apply before this date.",
    ),
)

SHARED_FACTS: tuple[Fact, ...] = (
    SAME_SEX,
    APPLICANT_NATIONALITY,
    APPLICANT_HAS_OTHER_NATIONALITY,
    APPLICANT_OTHER_NATIONALITY,
    PARTNER_NATIONALITY,
    PARTNER_HAS_OTHER_NATIONALITY,
    PARTNER_OTHER_NATIONALITY,
    PARTNER_STATUS,
    RELATIONSHIP_KIND,
    RELATIONSHIP_DATE,
    LIVING_TOGETHER,
    SUPPORTED,
    APPLICANT_STAY_EXPIRES,
)

CONSTRAINTS = (
    Constraint(
        "applicant.same_nationality_twice",
        T(
            "もう一つの国籍が最初の国籍と同じです。",
            "the applicant's other nationality is the same as the first",
        ),
        eq(APPLICANT_NATIONALITY, APPLICANT_OTHER_NATIONALITY),
    ),
    Constraint(
        "partner.same_nationality_twice",
        T(
            "配偶者のもう一つの国籍が最初の国籍と同じです。",
            "the partner's other nationality is the same as the first",
        ),
        eq(PARTNER_NATIONALITY, PARTNER_OTHER_NATIONALITY),
    ),
    Constraint(
        "partner.japanese_with_status",
        T(
            "日本国籍の配偶者に在留資格が入力されています（日本国民は在留資格を持ちません）。",
            "a status of residence is given for a partner of Japanese nationality (Japanese nationals hold none)",
        ),
        all_of(
            any_of(eq(PARTNER_NATIONALITY, "JP"), eq(PARTNER_OTHER_NATIONALITY, "JP")),
            is_in(PARTNER_STATUS, frozenset(STATUSES.names) - {"no_status"}),
        ),
    ),
)
