"""The reforms zairyu can simulate. Each cites what it models; none is law unless it says so.

- `extend-2013-notice-to-japanese-partners` (proposal): the 2013 notice on same-sex spouses
  applied also when the spouse is a Japanese national.
- `partnership-certificate-as-marriage` (hypothetical): a Japanese municipal partnership
  certificate counted as a marriage for the 2013 notice.
- `pr-revocation-2027` (enacted): the 2024 amendment's permanent-residence revocation grounds,
  in force 2027-04-01. It is already in `law/permanent_residence.py`, dated; the simulation is
  the same law on 2027-03-31 and on 2027-04-01, with the revocation grounds counted.
"""

from __future__ import annotations

import datetime as dt

from zairyu.engine.citations import Citation, SourceKind
from zairyu.engine.expr import Const, Rule, all_of, any_of, eq, is_in, not_
from zairyu.engine.text import Text
from zairyu.law import partners_of_japanese
from zairyu.law import partners_of_japanese_sources as pj
from zairyu.law import permanent_residence as pr
from zairyu.law import permanent_residence_sources as prs
from zairyu.law import same_sex_spouse as ss
from zairyu.law import sources as src
from zairyu.law.common import PARTNER_JAPANESE
from zairyu.law.facts import (
    MARRIAGE,
    MUNICIPAL_CERTIFICATE,
    PARTNER_STATUS,
    REGISTERED_PARTNERSHIP,
    RELATIONSHIP_KIND,
)
from zairyu.reforms.model import Reform, ReformError, ReformStatus, Replacement

T = Text

# --- Extending the 2013 notice to partners of Japanese nationals ----------------------------

EXTEND = "extend-2013-notice-to-japanese-partners"
_EXTEND_CITATIONS = (
    pj.GOVERNMENT_CONSIDERING_2021,
    src.TOKYO_DISTRICT_COURT_2022,
    pj.HIGH_COURT_NO_RATIONAL_REASON,
)


def _extend_rule(name: str, ja: str, en: str, expr: object) -> Rule:
    assert not isinstance(expr, str)
    return Rule(
        id=f"reform.{EXTEND}.{name}",
        text=T(ja, en),
        expr=expr,  # type: ignore[arg-type]
        citations=_EXTEND_CITATIONS,
    )


EXTEND_2013_NOTICE = Reform(
    name=EXTEND,
    title=T(
        "平成25年通知（同性配偶者の「特定活動」）を日本人の同性配偶者にも適用する",
        "Extend the 2013 notice (Designated Activities for same-sex spouses) to partners of"
        " Japanese nationals",
    ),
    rationale=T(
        "平成25年の通知は外国人同士の同性婚だけを対象とし、日本人の同性配偶者は対象外とされてきました。東京地裁令和4年9月30日判決は、"
        "この区別を一律に行うことは憲法14条の趣旨に反すると判断し、東京高裁も合理的な理由を見いだし難いと指摘しました。2021年には政府が"
        "外国で婚姻した日本人の同性配偶者に「特定活動」を認める方向で検討していると報道されましたが、一般的な規則は公表されていません（未実施の提案）。"
        "この改革は、配偶者が日本国民であることを通知の対象外とする条件を外し、日本の法律は同性婚を認めていないため、婚姻の有効性は外国人配偶者の本国法だけで判断します。",
        "The 2013 notice covers same-sex marriages between foreign nationals only; the same-sex"
        " spouse of a Japanese national has been left out. The Tokyo District Court held on"
        " 2022-09-30 that drawing this line across the board is contrary to the purpose of"
        " Art. 14 of the Constitution, and the Tokyo High Court found it hard to see a rational"
        " reason for it. In 2021 the government was reported to be considering Designated"
        " Activities for spouses of Japanese nationals married abroad; no general rule has been"
        " published (an unenacted proposal). This reform removes the condition that the spouse"
        " is not Japanese and, since Japanese law does not provide for same-sex marriage, judges"
        " the marriage by the foreign spouse's national law alone.",
    ),
    status=ReformStatus.PROPOSAL,
    citations=(*_EXTEND_CITATIONS, src.NOTICE_2013),
    replacements=(
        Replacement(
            ss.PARTNER_FOREIGN.rule.id,
            _extend_rule(
                "partner_foreign_or_japanese",
                "配偶者は外国人又は日本国民である（改革案：日本人の配偶者も対象）",
                "The partner is a foreign or a Japanese national (reform: partners of Japanese"
                " nationals are covered too)",
                Const(True),
            ),
            T("日本人の配偶者を対象外とする条件を外す", "Drops the exclusion of Japanese spouses"),
        ),
        Replacement(
            ss.PARTNER_HAS_STATUS.rule.id,
            _extend_rule(
                "partner_has_status_or_is_japanese",
                "配偶者が在留資格をもって在留している、又は日本国民である",
                "The partner lives in Japan with a status of residence, or is a Japanese national",
                any_of(is_in(PARTNER_STATUS, ss.HOLDS_A_STATUS), PARTNER_JAPANESE),
            ),
            T(
                "日本国民は在留資格を持たないため",
                "A Japanese national holds no status of residence",
            ),
        ),
        Replacement(
            ss.PARTNER_NOT_DIPLOMATIC.rule.id,
            _extend_rule(
                "partner_japanese_or_not_diplomatic",
                "配偶者が日本国民である、又はその在留資格が「外交」「公用」ではない",
                "The partner is a Japanese national, or their status is not Diplomat or Official",
                any_of(PARTNER_JAPANESE, not_(is_in(PARTNER_STATUS, ss.DIPLOMATIC))),
            ),
            T(
                "日本国民は在留資格を持たないため",
                "A Japanese national holds no status of residence",
            ),
        ),
        Replacement(
            ss.USUAL_SPONSOR_STATUS.rule.id,
            _extend_rule(
                "partner_japanese_or_usual_sponsor_status",
                "配偶者が日本国民である、又は家族の帯同が通常認められる在留資格を持つ",
                "The partner is a Japanese national, or holds a status whose holders are usually"
                " joined by family",
                any_of(PARTNER_JAPANESE, is_in(PARTNER_STATUS, ss.FAMILY_SPONSOR_STATUSES)),
            ),
            T(
                "日本国民の家族は「日本人の配偶者等」の対象であり、家族の帯同が通常認められるため",
                "Families of Japanese nationals are usually admitted (Spouse or Child of Japanese"
                " National)",
            ),
        ),
        Replacement(
            ss.VALID_IN_BOTH.rule.id,
            _extend_rule(
                "marriage_valid_for_foreign_spouse",
                "婚姻が申請者の本国法によって有効に成立し、配偶者が外国人の場合はその本国法でも有効である",
                "The marriage was validly concluded under the applicant's national law and, if the"
                " partner is foreign, under the partner's too",
                all_of(
                    eq(RELATIONSHIP_KIND, MARRIAGE),
                    ss.APPLICANT_VALID,
                    any_of(PARTNER_JAPANESE, ss.PARTNER_VALID),
                ),
            ),
            T(
                "日本法は同性婚を認めていないため、日本人配偶者の本国法による有効性は求めない",
                "Japanese law does not provide for same-sex marriage, so validity under the"
                " Japanese spouse's law cannot be asked",
            ),
        ),
    ),
    focus=(ss.ID, partners_of_japanese.ID),
    caveats=(
        T(
            "現行法でも、日本人の同性配偶者には2022年の判決以降、裁量で「特定活動」が認められた例があります（same_sex_partner_of_japanese）。",
            "Under the current law too, partners of Japanese nationals have been granted"
            " Designated Activities at the Minister's discretion since the 2022 judgment"
            " (same_sex_partner_of_japanese).",
        ),
    ),
)


# --- Municipal partnership certificates counted as marriage --------------------------------

CERTIFICATE = "partnership-certificate-as-marriage"
CERTIFICATE_CITATION = Citation(
    "reform.partnership_certificate_as_marriage.no_proposal",
    T(
        "zairyu による仮定の改革（正式な提案は確認されていない）",
        "A hypothetical reform posed by zairyu (no formal proposal has been found)",
    ),
    T(
        "自治体のパートナーシップ証明を平成25年通知の「婚姻」と同等に扱う。現行では証明に法律上の効果はない",
        "A municipal partnership certificate treated as a marriage for the 2013 notice; today a"
        " certificate has no legal effect",
    ),
    "https://www.soumu.metro.tokyo.lg.jp/10jinken/page/partnership01.html",
    SourceKind.UNCONFIRMED,
)
COVERAGE_2025 = Citation(
    "reform.partnership_certificate_as_marriage.coverage_2025",
    T(
        "渋谷区・認定NPO法人虹色ダイバーシティ「全国パートナーシップ制度共同調査」（令和7年6月27日発表）",
        "Shibuya City and Nijiiro Diversity, joint nationwide survey of partnership systems"
        " (announced 2025-06-27)",
    ),
    T(
        "2025年5月31日時点で530自治体、人口カバー率92.5%、登録9,836組",
        "530 local governments, 92.5% of the population covered and 9,836 registrations on"
        " 2025-05-31",
    ),
    "https://www.city.shibuya.tokyo.jp/kusei/hodo/hodo-2025/hodo_20250627.html",
    SourceKind.OFFICIAL,
)
_CERTIFICATE_CITATIONS = (
    CERTIFICATE_CITATION,
    pj.TOKYO_CERTIFICATE_NO_LEGAL_EFFECT,
    pj.CERTIFICATE_NOT_A_MARRIAGE,
    COVERAGE_2025,
)
_HAS_CERTIFICATE = eq(RELATIONSHIP_KIND, MUNICIPAL_CERTIFICATE)

PARTNERSHIP_CERTIFICATE_AS_MARRIAGE = Reform(
    name=CERTIFICATE,
    title=T(
        "自治体のパートナーシップ証明を平成25年通知の婚姻と同等に扱う",
        "Recognise municipal partnership certificates as equivalent to marriage for the 2013"
        " notice",
    ),
    rationale=T(
        "同性婚を認めない国の国籍を持つ二人は、本国法で有効な婚姻をすることができず、平成25年の通知の対象になりません（外国の登録パートナーシップは個別判断）。"
        "一方、日本の自治体のパートナーシップ制度は外国籍の住民も利用でき（東京都の制度は国籍を問いません）、2025年5月31日時点で人口の92.5%をカバーしています。"
        "この仮定の改革（正式な提案は確認されていません）は、"
        "自治体の証明を通知上の婚姻と同等に扱った場合に、誰が対象になるかを推計します。通知の他の要件（配偶者が外国人で在留資格を持つこと、同居、扶養）は変わりません。",
        "Two people whose countries do not provide for same-sex marriage cannot conclude a"
        " marriage valid under their national law, and so fall outside the 2013 notice (a"
        " registered partnership abroad is assessed case by case). Japan's municipal"
        " partnership systems, which foreign residents can use (Tokyo's does not ask for a"
        " nationality), covered 92.5% of the population on 2025-05-31. This"
        " hypothetical reform (no formal proposal has been found) estimates who would be"
        " covered if a municipal certificate counted as a marriage under the notice. The"
        " notice's other requirements (a foreign spouse with a status, living together,"
        " support) do not change.",
    ),
    status=ReformStatus.HYPOTHETICAL,
    citations=(*_CERTIFICATE_CITATIONS, src.NOTICE_2013),
    replacements=(
        Replacement(
            ss.RECOGNISED_RELATIONSHIP.rule.id,
            Rule(
                id=f"reform.{CERTIFICATE}.recognised_relationship_or_certificate",
                text=T(
                    "認められた婚姻、外国の登録パートナーシップ、又は日本の自治体のパートナーシップ証明がある",
                    "A recognised marriage, a registered partnership abroad, or a Japanese"
                    " municipal partnership certificate",
                ),
                expr=any_of(
                    all_of(
                        eq(RELATIONSHIP_KIND, MARRIAGE),
                        any_of(ss.APPLICANT_RECOGNISED, ss.PARTNER_RECOGNISED),
                    ),
                    eq(RELATIONSHIP_KIND, REGISTERED_PARTNERSHIP),
                    _HAS_CERTIFICATE,
                ),
                citations=_CERTIFICATE_CITATIONS,
            ),
            T("証明を関係の公的な承認として数える", "Counts a certificate as formal recognition"),
        ),
        Replacement(
            ss.VALID_IN_BOTH.rule.id,
            Rule(
                id=f"reform.{CERTIFICATE}.marriage_valid_for_both_or_certificate",
                text=T(
                    "婚姻が双方の本国法によって有効に成立している、又は自治体のパートナーシップ証明がある",
                    "The marriage was validly concluded under each partner's national law, or"
                    " the couple holds a municipal partnership certificate",
                ),
                expr=any_of(
                    all_of(eq(RELATIONSHIP_KIND, MARRIAGE), ss.APPLICANT_VALID, ss.PARTNER_VALID),
                    _HAS_CERTIFICATE,
                ),
                citations=_CERTIFICATE_CITATIONS,
            ),
            T(
                "証明を有効な婚姻と同等に扱う",
                "Treats a certificate as a validly concluded marriage",
            ),
        ),
    ),
    focus=(ss.ID,),
    caveats=(
        T(
            "この改革だけでは日本人のパートナーは対象になりません（通知は配偶者が外国人であることを求めるため）。",
            "On its own this reform does not reach partners of Japanese nationals, because the"
            " notice requires a foreign spouse.",
        ),
    ),
)


# --- The 2027 permanent-residence revocation grounds ---------------------------------------

REVOCATION = "pr-revocation-2027"
ANY_REVOCATION_GROUND = Rule(
    id=f"reform.{REVOCATION}.any_ground",
    text=T(
        "永住者で、令和6年改正法の取消事由（義務の不履行・公租公課の未納、又は刑に処せられたこと）のいずれかに当たりうる",
        "A Permanent Resident who may fall under one of the 2024 amendment's revocation"
        " grounds (unmet duties or unpaid charges, or a sentence)",
    ),
    expr=any_of(pr.HOLDER_DUTY_UNMET, pr.HOLDER_SENTENCED),
    citations=(prs.REVOCATION_ITEM_VIII, prs.REVOCATION_ITEM_IX, prs.EFFECTIVE_2027),
)

PR_REVOCATION_2027 = Reform(
    name=REVOCATION,
    title=T(
        "令和6年改正法による永住許可の取消事由（令和9年4月1日施行）",
        "The 2024 amendment's grounds for revoking permanent residence (in force 2027-04-01)",
    ),
    rationale=T(
        "令和6年法律第60号は、永住者が入管法上の義務を遵守しない場合、故意に公租公課を支払わない場合、一定の罪で拘禁刑に処せられた場合を"
        "永住許可の取消事由に加えました（令和9年4月1日施行）。これは既に成立した法律で、zairyu の法令モジュールに日付付きで組み込まれています。"
        "そのため、この比較は規則の置き換えではなく、同じ法律を令和9年3月31日と4月1日に適用した結果の比較です。取消事由に当たりうる永住者の数は上限です：「故意」"
        "（悪質な場合に限る）や対象となる罪・拘禁刑の区別はモデル化されておらず、特段の事情がない限り取消しではなく定住者等への変更になります（第22条の6）。",
        "Act No. 60 of 2024 added grounds for revoking permanent residence: not complying with"
        " duties under the Immigration Act, wilfully not paying public charges, and a sentence"
        " of imprisonment for listed offences (in force 2027-04-01). It is enacted law and is"
        " already encoded, dated, in zairyu's law modules. So this comparison replaces no rule:"
        " it applies the same law on 2027-03-31 and on 2027-04-01. The count of Permanent"
        " Residents who may fall under a ground is an upper bound: 'wilfully' (malicious cases"
        " only) and the listed offences and imprisonment are not modelled, and unless there are"
        " special circumstances the person is moved to Long-Term Resident or a similar status"
        " rather than losing status altogether (Art. 22-6).",
    ),
    status=ReformStatus.ENACTED,
    citations=(
        prs.EFFECTIVE_2027,
        prs.ISA_2024_OVERVIEW,
        prs.REVOCATION_ITEM_VIII,
        prs.REVOCATION_ITEM_IX,
        prs.ART_22_6,
    ),
    compare_dates=(pr.AMENDMENT_2024_FROM - dt.timedelta(days=1), pr.AMENDMENT_2024_FROM),
    indicators=(pr.HOLDER_DUTY_UNMET, pr.HOLDER_SENTENCED, ANY_REVOCATION_GROUND),
    focus=(pr.ID,),
    caveats=(
        T(
            "数は取消しの件数ではなく、取消事由に当たりうる人数の上限です。",
            "The count is not of revocations: it is an upper bound on who may fall under a ground.",
        ),
        T(
            "同じ日に適用が始まる他の規則も比較に現れます。永住許可では、令和9年4月1日から実際の最長の在留期間を求めるとの報告（未確認）により、"
            "「要件を満たす」の一部が「裁量（個別判断）」に移ります。",
            "Other rules dated 2027-04-01 show in the comparison too: for permanent residence, the"
            " reported (unconfirmed) requirement of the actual longest period of stay from"
            " 2027-04-01 moves some 'eligible' outcomes to 'discretionary'.",
        ),
    ),
)


REFORMS: dict[str, Reform] = {
    r.name: r for r in (EXTEND_2013_NOTICE, PARTNERSHIP_CERTIFICATE_AS_MARRIAGE, PR_REVOCATION_2027)
}


def reform_named(name: str) -> Reform:
    try:
        return REFORMS[name]
    except KeyError:
        raise ReformError(
            f"unknown reform {name!r}; choose one of: {', '.join(sorted(REFORMS))}"
        ) from None
