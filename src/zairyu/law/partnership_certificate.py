"""Municipal or prefectural partnership certificate (パートナーシップ宣誓・証明制度).

Japan has no national partnership law. Since November 2015 (Shibuya, Setagaya) municipalities
and prefectures have issued certificates recording that two people declared themselves life
partners; 530 local governments had a system by 2025-05-31. Each system has its own rules, so
this pathway asks which system the couple would apply to and reads that system's rules, as of
the evaluation date, from `data/partnership_systems.csv`:

- the system exists (and issues certificates of its own) on that date;
- each partner's connection to the area: residence, a planned move, and in Tokyo and Nakano
  also work or study there; for some systems one partner is enough, for others both;
- the same address, where the system requires the partners to live together;
- age: 18, or 20 under rules written before adulthood moved to 18 on 2022-04-01;
- neither partner married, nor in another partnership; not close relatives;
- the couple: of the same legal sex, or (where the system allows) one or both sexual minorities,
  or any couple (systems open to opposite-sex de facto couples).

A rule the sources do not show for a system is unknown, never "no": the answer then stays open
and the result names the gap in the data. A certificate has no legal effect and no effect on
immigration status (it is not a marriage), which every result says.
"""

from __future__ import annotations

from zairyu.data import partnership_systems as data
from zairyu.engine.case import Constraint
from zairyu.engine.expr import (
    Const,
    Expr,
    Rule,
    all_of,
    any_of,
    eq,
    evaluation_date,
    holds_in,
    if_,
    lift,
    not_,
    on_or_after,
    shifted,
)
from zairyu.engine.facts import Choice, Fact, FactType
from zairyu.engine.pathway import (
    Alternative,
    Deadline,
    DeadlineKind,
    Document,
    Effect,
    Guidance,
    GuidanceItem,
    Pathway,
    Requirement,
    in_force_rule,
)
from zairyu.engine.tables import DatedTable
from zairyu.engine.text import Text
from zairyu.law import partnership_certificate_sources as psrc
from zairyu.law import sources as src
from zairyu.law.facts import APPLICANT_BIRTH_DATE, HAS_PARTNER, LIVING_TOGETHER, SAME_SEX

T = Text
ID = "partnership_certificate"

SYSTEMS = data.systems()
BY_CODE = data.by_code()

# The reference tables, each a no -> yes change per system (see `data.partnership_systems`).
SYSTEM_IN_FORCE = data.in_force()
IN_NETWORK = data.in_network()
# The inverse of "requires 20": 18-year-olds qualify from this window on.
ADULT_AT_18 = data.adult_at_18()
ADMITS_MOVING_IN = data.admits_moving_in()
ADMITS_COMMUTERS = data.admits_commuters()
ADMITS_STUDENTS = data.admits_students()
ONE_RESIDENT_SUFFICES = data.one_resident_suffices()
SEPARATE_ADDRESSES = data.separate_addresses()
ONE_OR_BOTH_MINORITY = data.minority_couples()
ALL_COUPLES = data.all_couples()
SPOUSE_EXCLUDED = data.spouse_excluded()
OTHER_PARTNER_EXCLUDED = data.other_partner_excluded()
RELATIVES_EXCLUDED = data.relatives_excluded()
ADOPTION_EXCEPTION = data.adoption_exception()


# --- Facts only this pathway reads ----------------------------------------------------------

SYSTEM = Fact(
    "partnership.system",
    FactType.ENUM,
    T(
        "どの自治体（都道府県又は市区町村）のパートナーシップ制度に申請しますか。",
        "Which municipality's or prefecture's partnership system would you apply to?",
    ),
    T(
        "住んでいる（又は転入予定の）自治体の制度を選んでください。東京都の制度は都内に通勤・通学する人も対象です。"
        "一覧にない自治体の制度は、zairyu ではまだ判定できません。",
        "Choose the system of the place where you live or will live. Tokyo's system also accepts"
        " people who work or study in Tokyo. zairyu cannot yet judge systems that are not listed.",
    ),
    choices=tuple(Choice(s.code, s.name) for s in SYSTEMS),
    changeable=False,
)

RESIDENT = "resident"
MOVING_IN = "moving_in"
COMMUTER = "commuter"
STUDENT = "student"
NO_CONNECTION = "none"

_CONNECTION_HELP = T(
    "区域内に住民登録がある場合は resident、転入予定なら moving_in、区域内の職場に通勤しているなら commuter、"
    "区域内の学校に通学しているなら student、いずれでもなければ none。複数当てはまる場合は上にあるものを選んでください。",
    "resident: registered as living in the area; moving_in: planning to move there; commuter:"
    " working there; student: studying there; none: none of these. If several apply, choose the"
    " one highest in the list.",
)


def _connection(who: str, ja: str, en: str) -> Fact:
    return Fact(
        f"partnership.{who}_connection",
        FactType.ENUM,
        T(
            f"{ja}は、その自治体の区域とどのような関係がありますか。",
            f"How {'are' if en == 'you' else 'is'} {en} connected to the area of that system?",
        ),
        _CONNECTION_HELP,
        choices=(
            Choice(RESIDENT, T("区域内に住んでいる（住民登録あり）", "Lives there (registered)")),
            Choice(MOVING_IN, T("区域内に転入する予定", "Will move there")),
            Choice(COMMUTER, T("区域内に通勤している", "Works there")),
            Choice(STUDENT, T("区域内に通学している", "Studies there")),
            Choice(NO_CONNECTION, T("いずれでもない", "None of these")),
        ),
    )


APPLICANT_CONNECTION = _connection("applicant", "あなた", "you")
PARTNER_CONNECTION = _connection("partner", "パートナー", "your partner")

PARTNER_BIRTH_DATE = Fact(
    "partner.birth_date",
    FactType.DATE,
    T("パートナーの生年月日はいつですか。", "What is your partner's date of birth?"),
    T(
        "旅券や在留カードなどに記載された生年月日（YYYY-MM-DD）。",
        "As in your partner's passport or residence card (YYYY-MM-DD).",
    ),
    past=True,
    changeable=False,
)

_MARRIED_HELP = T(
    "日本の法律上有効な婚姻（二人の間の婚姻を含む）、又は他の人との事実婚があれば「はい」。"
    "外国で成立した同性婚は日本の法律上の婚姻ではないため「いいえ」。二人の事実上の関係そのものは「いいえ」。",
    "Answer yes for a marriage valid under Japanese law (including one to each other) or a de"
    " facto marriage with someone else. A same-sex marriage concluded abroad is not a marriage"
    " under Japanese law: answer no. Your own de facto relationship as a couple: answer no.",
)

APPLICANT_MARRIED = Fact(
    "partnership.applicant_married",
    FactType.BOOL,
    T(
        "あなたには配偶者（事実婚を含む）がいますか。",
        "Are you married (including a de facto marriage)?",
    ),
    _MARRIED_HELP,
)

PARTNER_MARRIED = Fact(
    "partnership.partner_married",
    FactType.BOOL,
    T(
        "パートナーには配偶者（事実婚を含む）がいますか。",
        "Is your partner married (including a de facto marriage)?",
    ),
    _MARRIED_HELP,
)

OTHER_PARTNERSHIP = Fact(
    "partnership.other_partnership",
    FactType.BOOL,
    T(
        "二人のどちらかが、他の人とのパートナーシップ証明・宣誓をしていますか。",
        "Does either of you have a partnership certificate or oath with someone else?",
    ),
    T(
        "他の人との証明書を返還していない場合は「はい」。",
        "Answer yes if a certificate with someone else has not been returned.",
    ),
)

CLOSE_RELATIVES = Fact(
    "partnership.close_relatives",
    FactType.BOOL,
    T(
        "二人は近親者（直系血族、三親等内の傍系血族、直系姻族）ですか。",
        "Are you close relatives (lineal relatives, relatives within the third degree, or lineal"
        " relatives by marriage)?",
    ),
    T(
        "親子・祖父母と孫・兄弟姉妹・おじおばと甥姪、配偶者の親などが当たります。養子縁組による親族関係を含みます。",
        "Parents and children, grandparents and grandchildren, siblings, uncles or aunts and"
        " nephews or nieces, parents-in-law. Relations by adoption count.",
    ),
    changeable=False,
)

ADOPTION_ONLY = Fact(
    "partnership.related_only_by_partnership_adoption",
    FactType.BOOL,
    T(
        "その親族関係は、二人がパートナーとして生活するために一方が他方を養子にしたことだけによるものですか。",
        "Are you related only because one of you adopted the other in order to live as a couple?",
    ),
    T(
        "東京都・堺市・北九州市などは、パートナーシップに基づく養子縁組による親族関係を除外しません。",
        "Tokyo, Sakai and Kitakyushu, among others, do not exclude kinship that comes only from an"
        " adoption made because of the partnership.",
    ),
    changeable=False,
    asked_when=(CLOSE_RELATIVES.name, True),
)

SEXUAL_MINORITY = Fact(
    "partnership.sexual_minority",
    FactType.BOOL,
    T(
        "二人のどちらか又は両方が、性的マイノリティ（LGBTQなど）ですか。",
        "Is one or both of you a sexual minority (LGBTQ+)?",
    ),
    T(
        "多くの制度は、法律上の性別が同じでなくても、一方又は双方が性的マイノリティであることを宣誓すれば対象とします。",
        "Many systems accept a couple whatever their legal sex if they declare that one or both"
        " are sexual minorities.",
    ),
    changeable=False,
)

TODAY = evaluation_date()


def _on(table: DatedTable) -> Expr:
    """The chosen system's rule on the evaluation date."""
    return holds_in(table, SYSTEM, TODAY)


# --- The requirements ------------------------------------------------------------------------

FIRST_DAY = min(s.start.possible_from for s in SYSTEMS if s.issues_certificate)

IN_FORCE = in_force_rule(
    ID,
    T(
        "日本で自治体のパートナーシップ制度が始まっている（2015年11月：渋谷区・世田谷区）",
        "Municipal partnership systems exist in Japan (from November 2015: Shibuya and Setagaya)",
    ),
    FIRST_DAY,
    (BY_CODE["shibuya"].citation, BY_CODE["setagaya"].citation),
)

SYSTEM_EXISTS = Requirement(
    Rule(
        id=f"{ID}.system_in_force",
        text=T(
            "選んだ自治体のパートナーシップ制度が実施され、証明書を交付している",
            "The chosen system is in operation and issues certificates",
        ),
        expr=_on(SYSTEM_IN_FORCE),
        citations=(data.CITATION, psrc.TOKYO_RULE),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "制度は2025年5月31日現在で530の自治体に広がっています。住んでいる（又は転入予定の）都道府県・市区町村の制度を確認してください。",
                "By 2025-05-31, 530 local governments had a system. Check the system of the"
                " prefecture or municipality where you live or will live.",
            ),
            (data.CITATION,),
        ),
        Alternative(
            T(
                "香川県は独自の証明書を交付せず、県内市町の証明書を県の事業で使えるようにしています。市町の制度に申請してください。",
                "Kagawa Prefecture issues no certificate of its own: it accepts its"
                " municipalities' certificates. Apply to your municipality's system.",
            ),
            (BY_CODE["kagawa-pref"].citation,),
        ),
    ),
)


def _qualifies(who: str, fact: Fact, ja: str, en: str) -> Rule:
    return Rule(
        id=f"{ID}.{who}_connected",
        text=T(
            f"{ja}が区域内に住んでいる、又は制度が認める転入予定・在勤・在学に当たる",
            f"{en} lives in the area, or will move there, works or studies there where the system"
            " accepts that",
        ),
        expr=any_of(
            eq(fact, RESIDENT),
            all_of(eq(fact, MOVING_IN), _on(ADMITS_MOVING_IN)),
            all_of(eq(fact, COMMUTER), _on(ADMITS_COMMUTERS)),
            all_of(eq(fact, STUDENT), _on(ADMITS_STUDENTS)),
        ),
        citations=(data.CITATION, psrc.TOKYO_RULE),
    )


APPLICANT_CONNECTED = _qualifies("applicant", APPLICANT_CONNECTION, "申請者", "The applicant")
PARTNER_CONNECTED = _qualifies("partner", PARTNER_CONNECTION, "パートナー", "The partner")

CONNECTED = Requirement(
    Rule(
        id=f"{ID}.connection",
        text=T(
            "区域との関係の要件を満たす（制度により二人とも、又は一方のみで足りる）",
            "The connection to the area is met: by both partners, or by one where the system"
            " allows",
        ),
        expr=if_(
            _on(ONE_RESIDENT_SUFFICES),
            any_of(APPLICANT_CONNECTED, PARTNER_CONNECTED),
            all_of(APPLICANT_CONNECTED, PARTNER_CONNECTED),
        ),
        citations=(data.CITATION, psrc.TOKYO_RULE),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "東京都の制度（2022年11月1日から）と中野区の制度（2023年4月から）は、区域内に通勤・通学する人も対象とし、一方が要件を満たせば足ります。",
                "Tokyo's system (from 2022-11-01) and Nakano's (from April 2023) also accept a"
                " partner who works or studies there, and one partner is enough.",
            ),
            (psrc.TOKYO_RULE, BY_CODE["nakano"].citation),
        ),
    ),
)

SAME_ADDRESS = Requirement(
    Rule(
        id=f"{ID}.same_address",
        text=T(
            "制度が同一住所での同居を求める場合は、二人が同居している（又は同居する予定）",
            "Where the system requires one address, the partners live (or will live) together",
        ),
        expr=any_of(lift(LIVING_TOGETHER), _on(ONE_RESIDENT_SUFFICES), _on(SEPARATE_ADDRESSES)),
        citations=(data.CITATION, psrc.EDOGAWA_SAME_ADDRESS),
    ),
    Effect.REQUIRED,
)


def _adult(who: str, birth: Fact, ja: str, en: str) -> Rule:
    return Rule(
        id=f"{ID}.{who}_adult",
        text=T(
            f"{ja}が18歳以上（制度が20歳以上を求めていた時期は20歳以上）",
            f"{en} is 18 or over (20 or over while the system required 20)",
        ),
        expr=if_(
            _on(ADULT_AT_18),
            on_or_after(TODAY, shifted(birth, years=18)),
            on_or_after(TODAY, shifted(birth, years=20)),
        ),
        citations=(psrc.CIVIL_CODE_ART4, data.CITATION),
    )


ADULTS = Requirement(
    Rule(
        id=f"{ID}.adults",
        text=T("二人とも成年に達している", "Both partners are adults"),
        expr=all_of(
            _adult("applicant", APPLICANT_BIRTH_DATE, "申請者", "The applicant"),
            _adult("partner", PARTNER_BIRTH_DATE, "パートナー", "The partner"),
        ),
        citations=(psrc.TOKYO_RULE, psrc.CIVIL_CODE_ART4, data.CITATION),
    ),
    Effect.REQUIRED,
)

NOT_MARRIED = Requirement(
    Rule(
        id=f"{ID}.not_married",
        text=T(
            "二人とも配偶者（事実婚を含む）がいない",
            "Neither partner is married (including a de facto marriage)",
        ),
        expr=any_of(
            all_of(not_(APPLICANT_MARRIED), not_(PARTNER_MARRIED)), not_(_on(SPOUSE_EXCLUDED))
        ),
        citations=(psrc.TOKYO_RULE, data.CITATION),
    ),
    Effect.REQUIRED,
)

NO_OTHER_PARTNERSHIP = Requirement(
    Rule(
        id=f"{ID}.no_other_partnership",
        text=T(
            "二人とも相手方以外の人とのパートナーシップがない",
            "Neither partner is in a partnership with someone else",
        ),
        expr=any_of(not_(OTHER_PARTNERSHIP), not_(_on(OTHER_PARTNER_EXCLUDED))),
        citations=(psrc.TOKYO_RULE, data.CITATION),
    ),
    Effect.REQUIRED,
)

NOT_RELATIVES = Requirement(
    Rule(
        id=f"{ID}.not_close_relatives",
        text=T(
            "二人が近親者でない（パートナーシップに基づく養子縁組を除外しない制度もある）",
            "The partners are not close relatives (some systems except an adoption made because of"
            " the partnership)",
        ),
        expr=any_of(
            not_(CLOSE_RELATIVES),
            not_(_on(RELATIVES_EXCLUDED)),
            all_of(ADOPTION_ONLY, _on(ADOPTION_EXCEPTION)),
        ),
        citations=(psrc.TOKYO_RULE, data.CITATION),
    ),
    Effect.REQUIRED,
)

COUPLE = Requirement(
    Rule(
        id=f"{ID}.couple",
        text=T(
            "パートナーがおり、二人が法律上同性である、又は制度が認める場合は一方若しくは双方が性的マイノリティである（すべてのカップルを対象とする制度もある）",
            "There is a partner, and the couple are of the same legal sex, or one or both are"
            " sexual minorities where the system accepts that (some systems accept every couple)",
        ),
        expr=all_of(
            eq(HAS_PARTNER, True),
            any_of(
                lift(SAME_SEX),
                all_of(SEXUAL_MINORITY, _on(ONE_OR_BOTH_MINORITY)),
                _on(ALL_COUPLES),
            ),
        ),
        citations=(psrc.TOKYO_RULE, data.CITATION),
    ),
    Effect.REQUIRED,
    if_not_met=(
        Alternative(
            T(
                "千葉市・静岡県・愛知県などの制度は、法律上の性別や性的指向を問わず、事実婚のカップルも対象とします。",
                "Systems such as Chiba City's, Shizuoka's and Aichi's accept every couple,"
                " including opposite-sex de facto couples.",
            ),
            (BY_CODE["chiba-city"].citation, BY_CODE["aichi-pref"].citation),
        ),
    ),
)


# --- What to do ------------------------------------------------------------------------------

CHOSE_TOKYO = Rule(
    id=f"{ID}.tokyo_chosen",
    text=T("東京都の制度に申請する", "Applying to Tokyo's system"),
    expr=eq(SYSTEM, "tokyo-metro"),
    citations=(psrc.TOKYO_CERTIFICATE,),
)

NETWORK_MEMBER = Rule(
    id=f"{ID}.network_member",
    text=T(
        "選んだ制度がパートナーシップ制度自治体間連携ネットワークに参加している",
        "The chosen system is a member of the inter-municipal partnership network",
    ),
    expr=_on(IN_NETWORK),
    citations=(psrc.NETWORK_AICHI, psrc.NETWORK_SAITAMA_CITY),
)

MOVING = Rule(
    id=f"{ID}.moving_in",
    text=T("どちらかが区域内に転入する予定", "One of the partners will move into the area"),
    expr=any_of(eq(APPLICANT_CONNECTION, MOVING_IN), eq(PARTNER_CONNECTION, MOVING_IN)),
    citations=(psrc.TOKYO_RULE,),
)


def _opens(system: data.PartnershipSystem) -> Deadline:
    """The first day the chosen system accepts applications: names the system's own page."""
    month = system.precision == "month"
    return Deadline(
        f"{ID}.opens.{system.code}",
        T(
            f"{system.name.ja}：制度の開始日"
            + ("（開始月のみ判明。遅くともこの日までに開始）" if month else ""),
            f"{system.name.en}: the system's first day"
            + (" (only the month is known: it began by this day)" if month else ""),
        ),
        if_(eq(SYSTEM, system.code), Const(system.start.certain_from), Const(None)),
        (system.citation,),
        DeadlineKind.OPENS,
    )


GUIDANCE = Guidance(
    how_to_apply=(
        GuidanceItem(
            "apply",
            T(
                "制度を実施する自治体に、二人で宣誓又は届出をします。予約・来庁・オンラインの別や必要書類は制度ごとに異なるため、"
                "制度の案内（下の開始日の出典）で確認してください。",
                "Both partners make the oath or filing with the local government that runs the"
                " system. Appointments, attendance in person or online filing, and documents"
                " differ by system: check the system's page (the source of its first day below).",
            ),
            (psrc.SHIBUYA_NOT_MARRIAGE, data.CITATION),
        ),
        GuidanceItem(
            "tokyo_online",
            T(
                "東京都の制度は、届出から受理証明書の交付まで原則としてオンラインで行い、証明書のデータを印刷して使います。",
                "Tokyo's system works online in principle, from filing to the certificate of"
                " acceptance, whose data you print.",
            ),
            (psrc.TOKYO_CERTIFICATE,),
            when=CHOSE_TOKYO,
        ),
        GuidanceItem(
            "moving_in",
            T(
                "転入予定で申請する場合、多くの制度は一定期間内（東京都は3か月以内）の転入を求めます。期間は制度の案内で確認してください。",
                "If you apply before moving in, most systems require the move within a set period"
                " (3 months in Tokyo): check the system's page.",
            ),
            (psrc.TOKYO_RULE, data.CITATION),
            when=MOVING,
        ),
        GuidanceItem(
            "network",
            T(
                "選んだ制度は「パートナーシップ制度自治体間連携ネットワーク」に参加しています。参加自治体の間で転居するときは、"
                "証明書の返還、新たな宣誓、独身証明書の提出は不要で、転居先で継続申告（新しい住民票などを添付）をすれば引き継げます。"
                "ただし、要件は転居先の自治体のものが適用されます。",
                "The chosen system is a member of the inter-municipal partnership network. When"
                " you move between members you need not return the certificate, make a new oath"
                " or prove again that you are single: a continuation declaration at the new"
                " municipality (with your new residence record) carries it over. The new"
                " municipality's own requirements still apply.",
            ),
            (psrc.NETWORK_AICHI, psrc.NETWORK_FUKUOKA_CITY, psrc.NETWORK_SAITAMA_CITY),
            when=NETWORK_MEMBER,
        ),
        GuidanceItem(
            "agreements",
            T(
                "ネットワークのほかにも、自治体間の相互利用協定があります（福岡市・熊本市：2019年10月30日から、東京都と茨城県・群馬県：2025年4月1日から など）。"
                "転居の前に転居先の自治体に確認してください。",
                "Besides the network, local governments have mutual-use agreements (Fukuoka City"
                " and Kumamoto City from 2019-10-30; Tokyo with Ibaraki and Gunma from 2025-04-01;"
                " and others). Ask the new municipality before you move.",
            ),
            (psrc.FUKUOKA_KUMAMOTO_2019, psrc.TOKYO_IBARAKI_GUNMA),
        ),
    ),
    documents=(
        Document(
            T(
                "本人確認書類、住所（転入予定・在勤・在学）を確認する書類、独身であることを確認する書類など（制度の手引きで確認）",
                "Proof of identity, of your address (or planned move, work or study) and of being"
                " single, as the system's guide lists them",
            ),
            (psrc.SHIBUYA_NOT_MARRIAGE, psrc.NETWORK_AICHI),
        ),
    ),
    deadlines=tuple(_opens(s) for s in SYSTEMS if s.issues_certificate),
)

CAVEATS = (
    GuidanceItem(
        "no_legal_effect",
        T(
            "重要：パートナーシップ証明は婚姻ではなく、法律上の効果はありません。在留資格にも影響せず、"
            "「日本人の配偶者等」「永住者の配偶者等」「家族滞在」など配偶者としての在留資格の根拠にはなりません。",
            "Important: a partnership certificate is not a marriage and has no legal effect. It"
            " has no effect on immigration status either: it cannot ground a spouse status such"
            " as Spouse or Child of Japanese National, Spouse or Child of Permanent Resident, or"
            " Dependent.",
        ),
        (
            psrc.TOKYO_NO_LEGAL_EFFECT,
            src.PRACTICE_REGISTERED_PARTNERSHIP,
            psrc.SHIBUYA_NOT_MARRIAGE,
        ),
    ),
    GuidanceItem(
        "data",
        T(
            "要件は zairyu の参照データに記録した各制度の公表内容によります。確認できなかった要件は「不明」として扱い、"
            "結果は未確定になります。申請前に制度の案内を確認してください。",
            "The requirements are each system's published rules as recorded in zairyu's reference"
            " data. A rule that could not be confirmed is treated as unknown, which leaves the"
            " answer open. Check the system's page before applying.",
        ),
        (data.CITATION,),
    ),
)

PATHWAY = Pathway(
    id=ID,
    title=T(
        "自治体のパートナーシップ証明（在留資格への効果なし）",
        "Municipal partnership certificate (no effect on immigration status)",
    ),
    target_status=None,
    summary=T(
        "都道府県・市区町村のパートナーシップ制度で、二人の関係の証明書を受けられるかを判定します。"
        "この証明書には法律上の効果がなく、在留資格には影響しません。",
        "Whether a couple can obtain a certificate from a prefecture's or municipality's"
        " partnership system. The certificate has no legal effect and does not affect"
        " immigration status.",
    ),
    in_force=IN_FORCE,
    requirements=(
        SYSTEM_EXISTS,
        CONNECTED,
        SAME_ADDRESS,
        ADULTS,
        NOT_MARRIED,
        NO_OTHER_PARTNERSHIP,
        NOT_RELATIVES,
        COUPLE,
    ),
    guidance=GUIDANCE,
    caveats=CAVEATS,
    help_topics=("lgbtq", "general"),
    # A municipality, not the Minister, issues the certificate: name LGBTQ and general help on
    # every result rather than the report's "the grant remains at the Minister's discretion".
    always_refer=True,
)

PATHWAYS: tuple[Pathway, ...] = (PATHWAY,)
CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        "partnership.adoption_without_kinship",
        T(
            "養子縁組による親族関係が入力されていますが、近親者ではないと答えています。",
            "kinship by adoption is given, but the partners are said not to be close relatives",
        ),
        all_of(ADOPTION_ONLY, not_(CLOSE_RELATIVES)),
    ),
)
