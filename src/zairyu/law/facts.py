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

HAS_PARTNER = Fact(
    "relationship.has_partner",
    FactType.BOOL,
    T("配偶者又はパートナーがいますか。", "Do you have a spouse or partner?"),
    T(
        "婚姻した配偶者、登録パートナー、登録していないパートナーを含みます。相手が日本にいるかどうかは問いません。"
        "離婚又は死別し、新しいパートナーがいない場合は「いいえ」と答えてください。",
        "Include a spouse, a registered partner and an unregistered partner, in Japan or abroad."
        " If you are divorced or widowed and have no new partner, answer no.",
    ),
    changeable=False,
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
    asked_when=(HAS_PARTNER.name, True),
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
    asked_when=(HAS_PARTNER.name, True),
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
    changeable=False,
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

APPLICANT_STATUS = Fact(
    "applicant.status",
    FactType.STATUS,
    T("あなたの現在の在留資格は何ですか。", "What is your current status of residence?"),
    T(
        "在留カードの「在留資格」欄に書かれています。在留資格がない（期限が切れた）場合は no_status、"
        "特別永住者の場合は special_permanent_resident と答えてください。",
        "It is printed under 'Status' on your residence card. If you have no status (or it has"
        " expired), answer no_status; a Special Permanent Resident answers special_permanent_resident.",
    ),
    codes=STATUSES,
    never_propose=frozenset({"no_status"}),
)

APPLICANT_STATUS_SINCE = Fact(
    "applicant.status_since",
    FactType.DATE,
    T(
        "現在の在留資格をいつから持っていますか。",
        "Since what date have you held your current status of residence?",
    ),
    T(
        "最初にこの在留資格を許可された日（更新ではなく取得した日）。",
        "The date this status was first granted to you (not the date of the last extension).",
    ),
    past=True,
)

APPLICANT_BIRTH_DATE = Fact(
    "applicant.birth_date",
    FactType.DATE,
    T("あなたの生年月日はいつですか。", "What is your date of birth?"),
    T("旅券に記載された生年月日（YYYY-MM-DD）。", "As in your passport (YYYY-MM-DD)."),
    past=True,
    changeable=False,
)

APPLICANT_IN_JAPAN = Fact(
    "applicant.in_japan",
    FactType.BOOL,
    T("あなたは今、日本にいますか。", "Are you in Japan now?"),
    T(
        "難民認定申請や在留資格の変更は、日本にいる間にしかできません。",
        "Refugee applications and changes of status can only be made while you are in Japan.",
    ),
)

APPLICANT_LANDED_ON = Fact(
    "applicant.landed_on",
    FactType.DATE,
    T("最後に日本に入国（上陸）した日はいつですか。", "On what date did you last land in Japan?"),
    T(
        "旅券の上陸許可の証印の日付（YYYY-MM-DD）。",
        "The date of the landing stamp or sticker in your passport (YYYY-MM-DD).",
    ),
    past=True,
    changeable=False,
)

APPLICANT_RESIDENT_SINCE = Fact(
    "applicant.resident_since",
    FactType.DATE,
    T(
        "日本に引き続き在留しているのはいつからですか。",
        "Since what date have you lived in Japan without a break?",
    ),
    T(
        "在留資格を持って継続して在留している期間の始まり。再入国許可なしの出国や長期の出国があると継続が途切れることがあります。",
        "The start of your continuous lawful stay. Leaving without a re-entry permit, or long"
        " absences, can break the continuity.",
    ),
    past=True,
)

APPLICANT_CRIMINAL_RECORD = Fact(
    "applicant.criminal_record",
    FactType.BOOL,
    T(
        "日本又は外国で、拘禁刑（懲役・禁錮）又は罰金の刑を受けたことがありますか（刑の効力が消滅したものを除く）。",
        "Have you been sentenced to imprisonment or a fine, in Japan or abroad, in a sentence"
        " that has not lapsed?",
    ),
    T(
        "刑の執行を終えて10年（罰金は5年）を経過すると刑の効力は消滅します（刑法第34条の2）。交通違反の反則金は含みません。",
        "A sentence lapses 10 years after it was served (5 years for a fine; Penal Code Art. 34-2)."
        " Traffic penalty notices (反則金) do not count.",
    ),
    changeable=False,
)

APPLICANT_INDEPENDENT_LIVELIHOOD = Fact(
    "applicant.independent_livelihood",
    FactType.BOOL,
    T(
        "あなた（又は世帯）は、公共の負担にならず、将来も安定した生活ができる収入又は資産がありますか。",
        "Do you (or your household) have income or assets to live on without public assistance,"
        " now and in the foreseeable future?",
    ),
    T(
        "住民税の課税・納税証明書などで確認されます。生活保護を受けている場合は「いいえ」。",
        "Usually shown by residence-tax certificates. Answer no if you receive public assistance"
        " (生活保護).",
    ),
)

DUTIES_TAXES = Fact(
    "duties.taxes_paid",
    FactType.BOOL,
    T(
        "税金（住民税・所得税など）をすべて納めていますか。",
        "Have you paid all your taxes (residence tax, income tax)?",
    ),
    T("未納がないかを答えてください。", "Answer whether anything is unpaid."),
)

DUTIES_PENSION = Fact(
    "duties.pension_paid",
    FactType.BOOL,
    T(
        "公的年金の保険料をすべて納めていますか。",
        "Have you paid all your public pension contributions?",
    ),
    T(
        "国民年金又は厚生年金。会社員の場合は給与から天引きされています。",
        "National Pension or Employees' Pension; employees pay through their salary.",
    ),
)

DUTIES_HEALTH_INSURANCE = Fact(
    "duties.health_insurance_paid",
    FactType.BOOL,
    T(
        "公的医療保険の保険料をすべて納めていますか。",
        "Have you paid all your public health insurance premiums?",
    ),
    T(
        "国民健康保険又は会社の健康保険。",
        "National Health Insurance, or your employer's health insurance.",
    ),
)

DUTIES_NOTIFICATIONS = Fact(
    "duties.notifications_made",
    FactType.BOOL,
    T(
        "入管法上の届出（住居地、所属機関、配偶者に関する届出など）をすべて期限内にしましたか。",
        "Have you made every notification the Immigration Act requires (address, employer or"
        " school, spouse) on time?",
    ),
    T(
        "届出の期限は原則として事由が生じた日から14日以内です。",
        "Each notification is due within 14 days of the change.",
    ),
)

DUTIES_PAID_ON_TIME = Fact(
    "duties.paid_on_time",
    FactType.BOOL,
    T(
        "税金・年金・医療保険料は、本来の納期限までに納めてきましたか。",
        "Have you paid your taxes, pension and health insurance by their original due dates?",
    ),
    T(
        "申請時までに納めていても、納期限を過ぎた納付は原則として消極的に評価されます（2024年11月18日以降）。",
        "Since 2024-11-18, payment after the original due date is in principle assessed"
        " negatively, even if paid by the time of the application.",
    ),
    changeable=False,
)

REFUGEE = "refugee"
COMPLEMENTARY_PROTECTION = "complementary_protection"
NOT_RECOGNISED = "none"

PROTECTION_RECOGNISED = Fact(
    "protection.recognised",
    FactType.ENUM,
    T(
        "難民又は補完的保護対象者として認定されていますか。",
        "Have you been recognised as a refugee or as a person eligible for complementary protection?",
    ),
    T(
        "難民認定証明書又は補完的保護対象者認定証明書があれば認定されています。",
        "You are recognised if you hold a refugee recognition certificate or a complementary"
        " protection certificate.",
    ),
    choices=(
        Choice(REFUGEE, T("難民として認定", "Recognised as a refugee")),
        Choice(
            COMPLEMENTARY_PROTECTION,
            T("補完的保護対象者として認定", "Recognised for complementary protection"),
        ),
        Choice(NOT_RECOGNISED, T("認定されていない", "Not recognised")),
    ),
    changeable=False,
)

PROTECTION_RECOGNISED_ON = Fact(
    "protection.recognised_on",
    FactType.DATE,
    T("認定された日はいつですか。", "On what date were you recognised?"),
    T("認定証明書の日付（YYYY-MM-DD）。", "The date on the certificate (YYYY-MM-DD)."),
    past=True,
    changeable=False,
)

CHILD_OF_JAPANESE = "japanese"
CHILD_OF_PERMANENT_RESIDENT = "permanent_resident"
CHILD_OF_SPECIAL_PERMANENT_RESIDENT = "special_permanent_resident"
CHILD_OF_LONG_TERM_RESIDENT = "long_term_resident"
CHILD_OF_OTHER = "other"

APPLICANT_CHILD_OF = Fact(
    "applicant.child_of",
    FactType.ENUM,
    T(
        "あなたは次のいずれかの方の実子（又は特別養子）ですか。",
        "Are you the biological (or specially adopted) child of any of these?",
    ),
    T(
        "親のうち一人が該当すれば選んでください。複数該当する場合は上にあるものを選んでください。",
        "Choose if one parent is. If several apply, choose the one highest in the list.",
    ),
    choices=(
        Choice(CHILD_OF_JAPANESE, T("日本人", "A Japanese national")),
        Choice(CHILD_OF_PERMANENT_RESIDENT, T("永住者", "A Permanent Resident")),
        Choice(
            CHILD_OF_SPECIAL_PERMANENT_RESIDENT, T("特別永住者", "A Special Permanent Resident")
        ),
        Choice(CHILD_OF_LONG_TERM_RESIDENT, T("定住者", "A Long-Term Resident")),
        Choice(CHILD_OF_OTHER, T("いずれでもない", "None of these")),
    ),
    changeable=False,
)

DEPORTATION_ORDER_ISSUED = Fact(
    "deportation.order_issued",
    FactType.BOOL,
    T(
        "あなたに退去強制令書が発付されていますか。",
        "Has a deportation order (退去強制令書) been issued against you?",
    ),
    T(
        "退去強制の手続の最後に発付される書面です。収容令書や監理措置決定とは別のものです。",
        "The written order issued at the end of deportation proceedings; not the same as a"
        " detention order or a supervision decision.",
    ),
    changeable=False,
)

SHARED_FACTS: tuple[Fact, ...] = (
    HAS_PARTNER,
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
    APPLICANT_STATUS,
    APPLICANT_STATUS_SINCE,
    APPLICANT_BIRTH_DATE,
    APPLICANT_IN_JAPAN,
    APPLICANT_LANDED_ON,
    APPLICANT_RESIDENT_SINCE,
    APPLICANT_CRIMINAL_RECORD,
    APPLICANT_INDEPENDENT_LIVELIHOOD,
    DUTIES_TAXES,
    DUTIES_PENSION,
    DUTIES_HEALTH_INSURANCE,
    DUTIES_NOTIFICATIONS,
    DUTIES_PAID_ON_TIME,
    PROTECTION_RECOGNISED,
    PROTECTION_RECOGNISED_ON,
    APPLICANT_CHILD_OF,
    DEPORTATION_ORDER_ISSUED,
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
