"""The assumptions the synthetic population adds to the published figures, each one named.

The published tables (`data/foreign_residents.csv`) give only how many foreign residents hold
each status and each nationality. Everything else a pathway reads (a partner, their nationality,
years in Japan, unpaid contributions) is an assumption, and every one is a field of `Parameters`
with a docstring saying what it is and why its default was chosen. Nothing here is an official
figure: change a parameter and the estimate changes with it. `parameter_docs()` reads the
docstrings, so the HTML report and the tests show exactly what is written here.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import asdict, dataclass, field, fields
from functools import cache

Shares = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class Parameters:
    technical_intern_split: Shares = field(
        default=(
            ("technical_intern_training_1b", 0.35),
            ("technical_intern_training_2b", 0.55),
            ("technical_intern_training_3b", 0.10),
        ),
        metadata={"ja": "技能実習の区分別の割合"},
    )
    """How the published Technical Intern Training figure splits into zairyu's codes. The table
    gives one figure; the supervising-organisation type (b) is by far the most common, and most
    interns are in their second or third year. A round guess; it only matters for rules that
    read the exact category."""

    specified_skilled_worker_split: Shares = field(
        default=(("specified_skilled_worker_1", 0.97), ("specified_skilled_worker_2", 0.03)),
        metadata={"ja": "特定技能の1号・2号の割合"},
    )
    """How the published Specified Skilled Worker figure splits into (i) and (ii). Category (ii)
    was opened to most fields only in 2023, so it is a small share; a round guess."""

    other_status_mix: Shares = field(
        default=(
            ("special_permanent_resident", 0.53),
            ("spouse_or_child_of_permanent_resident", 0.09),
            ("business_manager", 0.08),
            ("skilled_labor", 0.08),
            ("highly_skilled_professional_1b", 0.06),
            ("intra_company_transferee", 0.03),
            ("nursing_care", 0.03),
            ("instructor", 0.04),
            ("professor", 0.02),
            ("religious_activities", 0.01),
            ("researcher", 0.01),
            ("cultural_activities", 0.01),
            ("medical_services", 0.01),
        ),
        metadata={"ja": "その他の在留資格（差引）の内訳"},
    )
    """How the remainder of the status table (513,547 residents not in the nine largest statuses)
    splits. Special Permanent Residents: 0.53, because the end-2023 (281,218) and mid-2025
    (270,292) counts put end-2024 near 274,000 (by linear interpolation), 0.53 of the
    remainder; the end-2024 figure itself is unconfirmed. The other shares are round guesses,
    no count having been found."""

    other_nationalities: tuple[str, ...] = field(
        default=("LK", "IN", "PE", "BD", "PK", "MN", "UZ", "KH", "GB-EAW", "FR", "DE", "AU", "CA"),
        metadata={"ja": "その他の国籍（差引）に割り当てる国"},
    )
    """The countries the remainder of the nationality table (529,570 residents) is spread over,
    evenly. These are among the next largest groups (Sri Lanka, India, Peru and others) and
    include countries with same-sex marriage so that the 2013 notice can be exercised; the
    published table names only the eleven largest nationalities."""

    age_range: tuple[int, int] = field(default=(18, 75), metadata={"ja": "年齢の範囲（一様）"})
    """Ages are drawn evenly between these bounds. Only adults are generated, because every
    pathway here concerns an adult; the published totals include children, so the national
    estimates (synthetic counts scaled to that total) somewhat overstate counts of adults."""

    years_of_residence_permanent: tuple[float, float] = field(
        default=(10.0, 40.0), metadata={"ja": "永住者・特別永住者の在留年数の範囲"}
    )
    """Years of continuous residence of Permanent and Special Permanent Residents, drawn evenly.
    Permanent residence normally follows 10 years in Japan (the ISA guideline); Special Permanent
    Residents have lived in Japan for generations, which the upper bound caps."""

    years_of_residence_other: tuple[float, float] = field(
        default=(0.0, 8.0), metadata={"ja": "その他の在留資格の在留年数の範囲"}
    )
    """Years of continuous residence of everyone else, drawn evenly. Most statuses are held for
    a few years (trainees up to 5, students 2 to 4); no distribution is published."""

    longest_period_shares: tuple[tuple[int, float], ...] = field(
        default=((1, 0.35), (3, 0.40), (5, 0.25)),
        metadata={"ja": "現に有する在留期間（年）の割合"},
    )
    """The period of stay (years) currently granted to those who are not permanent residents.
    The permanent-residence guideline reads the longest period; no distribution is published,
    so a round guess."""

    share_with_partner: float = field(default=0.55, metadata={"ja": "配偶者・パートナーがいる割合"})
    """Share of residents with a spouse or partner, in Japan or abroad. No figure by status is
    published; about the share of married adults in Japan's census, a little lower for a
    younger population."""

    share_partner_japanese: float = field(
        default=0.20, metadata={"ja": "パートナーが日本国民である割合"}
    )
    """Among those with a partner, the share whose partner is a Japanese national. The 150,896
    holders of Spouse or Child of Japanese National (spouses and children) are about 4% of all
    residents, or 7% of those with a partner at the share above; partners of Japanese nationals
    also hold permanent residence or their own status, hence 20%."""

    share_partner_same_nationality: float = field(
        default=0.70, metadata={"ja": "外国籍のパートナーが同じ国籍である割合"}
    )
    """Among foreign partners, the share of the same nationality as the resident; the others
    are drawn from the published nationality shares. A round guess."""

    share_same_sex: float = field(default=0.02, metadata={"ja": "同性カップルの割合"})
    """Among couples, the share of same-sex couples. No official count exists: ISA disclosed 93
    grants under the 2013 notice through 2020, which counts grants, not couples. 2% is a round
    assumption of the order found in surveys of sexual minorities; vary it to see how the
    estimates scale (they scale about linearly)."""

    same_sex_kind_shares: Shares = field(
        default=(("marriage", 0.30), ("registered_partnership", 0.10), ("unregistered", 0.60)),
        metadata={"ja": "同性カップルの関係の形の割合"},
    )
    """How same-sex couples are formally recognised, before any municipal certificate: married
    abroad, registered abroad, or not registered. Whether a marriage is valid is decided by the
    engine from the nationalities and the date. A round guess."""

    share_certificate: float = field(
        default=0.10, metadata={"ja": "未登録の同性カップルがパートナーシップ証明を持つ割合"}
    )
    """Among same-sex couples not married or registered abroad who live together in Japan, the
    share holding a municipal partnership certificate. 9,836 certificates had been registered
    nationwide by 2025-05-31 with systems covering 92.5% of the population (law-facts §2.3); the
    foreign share is unknown, so a round guess."""

    relationship_years: tuple[float, float] = field(
        default=(0.0, 20.0), metadata={"ja": "婚姻・登録からの年数の範囲"}
    )
    """Years since the marriage or registration, drawn evenly (and never before age 18). The date
    matters: a marriage is valid only if the country allowed same-sex marriage on that day."""

    share_living_together: float = field(default=0.85, metadata={"ja": "同居している割合"})
    """Among couples, the share living together in Japan. Some partners live abroad; a round
    guess."""

    share_supported_by_partner: float = field(
        default=0.40, metadata={"ja": "主にパートナーに扶養されている割合"}
    )
    """Among couples, the share mainly supported by the partner (the 2013 notice requires it).
    Many residents work themselves; a round guess."""

    share_tax_arrears: float = field(default=0.03, metadata={"ja": "税の未納がある割合"})
    """Share with unpaid taxes. Not published; a round guess, kept low."""

    share_pension_arrears: float = field(
        default=0.10, metadata={"ja": "年金保険料の未納がある割合"}
    )
    """Share with unpaid public pension contributions. National Pension non-payment is common
    among residents who are not employees; a round guess."""

    share_health_insurance_arrears: float = field(
        default=0.05, metadata={"ja": "医療保険料の未納がある割合"}
    )
    """Share with unpaid health insurance premiums. Not published; a round guess."""

    share_notification_missed: float = field(
        default=0.02, metadata={"ja": "入管法上の届出の未了がある割合"}
    )
    """Share who missed a notification under the Immigration Act (address, employer, spouse).
    Not published; a round guess."""

    share_paid_late: float = field(
        default=0.10, metadata={"ja": "納期限後に納付したことがある割合"}
    )
    """Share who paid taxes or contributions after the due date (read negatively since
    2024-11-18). Not published; a round guess."""

    share_criminal_record: float = field(
        default=0.01, metadata={"ja": "刑に処せられたことがある割合"}
    )
    """Share with a sentence that has not lapsed (a fine or imprisonment). Not published; a
    round guess. The 2027 revocation ground needs imprisonment for listed offences, a narrower
    set, so estimates built on this are upper bounds."""

    fixed_facts: tuple[tuple[str, bool | str], ...] = field(
        default=(
            ("applicant.has_other_nationality", False),
            ("applicant.in_japan", True),
            ("applicant.child_of", "other"),
            ("protection.recognised", "none"),
            ("deportation.order_issued", False),
            ("permanent_residence.contribution_to_japan", False),
            ("permanent_residence.regional_revitalisation", False),
            ("permanent_residence.special_highly_skilled_1_year_ago", False),
        ),
        metadata={"ja": "全員に同じ値を置く事実"},
    )
    """Facts given one value for every synthetic resident, because no published figure splits
    them and leaving them unknown would leave most outcomes undetermined: nobody holds a second
    nationality, everyone is in Japan, nobody is the child of a Japanese national or of a
    Permanent, Special Permanent or Long-Term Resident, nobody is a recognised refugee or under
    a deportation order, and nobody qualifies for the contribution, regional-revitalisation or
    J-Skip routes to permanent residence. Each understates the pathways that read it
    (recognised refugees, for example, are among the Long-Term Residents)."""

    share_independent_livelihood: float = field(
        default=0.90, metadata={"ja": "独立の生計を営むことができる割合"}
    )
    """Share who can live without public assistance. Not published; a round guess."""

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name.startswith("share_") and not 0.0 <= value <= 1.0:
                raise ValueError(f"parameter {item.name}: {value} is not a share between 0 and 1")
        for name in (
            "technical_intern_split",
            "specified_skilled_worker_split",
            "other_status_mix",
            "same_sex_kind_shares",
            "longest_period_shares",
        ):
            shares = [share for _, share in getattr(self, name)]
            if any(s < 0 for s in shares) or abs(sum(shares) - 1.0) > 1e-9:
                raise ValueError(f"parameter {name}: the shares must be non-negative and add to 1")
        for name in ("age_range", "years_of_residence_permanent", "years_of_residence_other"):
            low, high = getattr(self, name)
            if not 0 <= low <= high:
                raise ValueError(f"parameter {name}: {low}..{high} is not a range")
        if not self.other_nationalities:
            raise ValueError("parameter other_nationalities: at least one country is needed")

    def values(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ParameterDoc:
    name: str
    label_ja: str
    doc: str
    value: object


@cache
def _docstrings() -> dict[str, str]:
    """The docstring written under each field of `Parameters`, read from this module's source."""
    tree = ast.parse(inspect.getsource(Parameters))
    cls = tree.body[0]
    assert isinstance(cls, ast.ClassDef)
    found: dict[str, str] = {}
    for node, following in zip(cls.body, cls.body[1:], strict=False):
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[node.target.id] = inspect.cleandoc(following.value.value)
    return found


def parameter_docs(parameters: Parameters) -> list[ParameterDoc]:
    """Every parameter with its Japanese label, its documentation and its value, in order."""
    docs = _docstrings()
    return [
        ParameterDoc(item.name, str(item.metadata.get("ja", "")), docs.get(item.name, ""), value)
        for item in fields(parameters)
        for value in (getattr(parameters, item.name),)
    ]
