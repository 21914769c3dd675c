"""What the openness engine returns: points per indicator, criterion and body, each with its explanation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ashyq.methodology.versions import BodyKind, Clause, Lang, Names

from .explanation import Word
from .rounding import Exact, shown

Treatment = Literal["scored", "maximum", "group_average", "multiplier"]


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator of one body: its inputs, rule, clause, parameters used, exact points per language, text."""

    indicator_id: str
    clause: Clause
    rule: str
    treatment: Treatment
    inputs: Mapping[str, str]
    parameters: Mapping[str, str]
    points: Mapping[Lang, Exact]
    text: Mapping[str, str]


@dataclass(frozen=True)
class CriterionScore:
    """A criterion of one body: exact points per language, the exact total (capped), and how it was reached.

    For the penalty criterion (7) ``total`` is the penalty deducted, a number ≥ 0.
    """

    number: int
    names: Names
    weight: Decimal
    penalty: bool
    tables: tuple[str, ...]
    indicators: tuple[IndicatorResult, ...]
    points: Mapping[Lang, Exact]
    total: Exact
    text: Mapping[str, str]


@dataclass(frozen=True)
class BodyScore:
    """A body's conclusion (002 Annex 8): criteria, total by criteria, penalty, final score with penalty.

    Every figure is exact (SPEC §7); :meth:`shown` rounds one once, half-up to ``quantum``, for display.
    """

    body_id: str
    kind: BodyKind
    criteria: tuple[CriterionScore, ...]
    total: Exact
    penalty: Exact
    final: Exact
    text: Mapping[str, str]
    quantum: Decimal

    def shown(self, value: Exact) -> Decimal:
        """An exact figure of this result as shown or published: rounded once, half-up to the quantum."""
        return shown(value, self.quantum)

    def explanation(self, lang: str) -> str:
        """Every line of the explanation in a display language: indicators, criteria, the final score."""
        lines: list[str] = []
        for criterion in self.criteria:
            lines.extend(result.text[lang] for result in criterion.indicators)
            lines.append(criterion.text[lang])
        lines.append(self.text[lang])
        return "\n".join(lines)


def official(names: Names) -> Word:
    """Official names per display language; English shows the Russian wording."""
    return {"kk": names.kk, "ru": names.ru, "en": names.ru}


CRITERION: Word = {
    "kk": "{number}-өлшем «{name}» ({clause}): қазақ тілінде {kk} + орыс тілінде {ru} = {sum}, ең жоғары балл {weight}",
    "ru": "Критерий {number} «{name}» ({clause}): на казахском {kk} + на русском {ru} = {sum} из {weight}",
    "en": "Criterion {number} «{name}» ({clause}): Kazakh {kk} + Russian {ru} = {sum} of {weight}",
}
EXACT_NOTE: Word = {
    "kk": " (нақты мәндердің қосындысы; қосылғыштар дөңгелектеліп көрсетілген)",
    "ru": " (сумма точных значений; слагаемые показаны округленными)",
    "en": " (the sum of the exact figures; the parts are shown rounded)",
}
CAPPED: Word = {
    "kk": "; {cap_clause} бойынша {cap} шегі → {total}",
    "ru": "; ограничено {cap} по {cap_clause} → {total}",
    "en": "; capped at {cap} by {cap_clause} → {total}",
}
FORMULA: Word = {
    "kk": "{number}-өлшем «{name}» ({clause}, {formula}): қазақ тілінде {m_kk} × {c} + {d_kk} = {kk}; "
    "орыс тілінде {m_ru} × {c} + {d_ru} = {ru}; барлығы {sum}, ең жоғары балл {weight}",
    "ru": "Критерий {number} «{name}» ({clause}, {formula}): на казахском {m_kk} × {c} + {d_kk} = {kk}; "
    "на русском {m_ru} × {c} + {d_ru} = {ru}; всего {sum} из {weight}",
    "en": "Criterion {number} «{name}» ({clause}, {formula}): Kazakh {m_kk} × {c} + {d_kk} = {kk}; "
    "Russian {m_ru} × {c} + {d_ru} = {ru}; total {sum} of {weight}",
}
MULTIPLIER: Word = {
    "kk": "{clause} — C = {percent} / 100 = {share}",
    "ru": "{clause} — C = {percent} / 100 = {share}",
    "en": "{clause} — C = {percent} / 100 = {share}",
}
PENALTY_TABLE: Word = {
    "kk": "{table}-кесте {points} ({cap} шегі)",
    "ru": "таблица {table}: {points} (предел {cap})",
    "en": "table {table} {points} (cap {cap})",
}
PENALTY: Word = {
    "kk": "{number}-өлшем «{name}» ({clause}): {tables} → айыппұл балдары {total}",
    "ru": "Критерий {number} «{name}» ({clause}): {tables} → штрафные баллы {total}",
    "en": "Criterion {number} «{name}» ({clause}): {tables} → penalty {total}",
}
NOT_ASSESSED: Word = {
    "kk": "{number}-өлшем «{name}»: {clause} бойынша ЖАО бағаланбайды → {total}",
    "ru": "Критерий {number} «{name}»: по {clause} МИО не оцениваются → {total}",
    "en": "Criterion {number} «{name}»: local bodies are not assessed by {clause} → {total}",
}
BODY: Word = {
    "kk": "{body}: өлшемдер бойынша жалпы баға {total} − айыппұл балдарын шегеру {penalty} = "
    "айыппұл балдарын шегеруді есепке ала отырып, қорытынды баға {final}",
    "ru": "{body}: общая оценка по критериям {total} − вычет штрафных баллов {penalty} = "
    "итоговая оценка с учетом вычета штрафных баллов {final}",
    "en": "{body}: total by criteria {total} − penalty deduction {penalty} = final score with penalty {final}",
}
