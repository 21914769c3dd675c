"""Explanations in the words of each display language (kk, ru, en).

Every number the engine returns carries a :class:`Step` per scored language: a template key and its values.
Rendering puts the values into the template of a display language, Kazakh and Russian with a decimal comma.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from ashyq.methodology.versions import Clause, Lang

DISPLAY_LANGUAGES: tuple[str, ...] = ("kk", "ru", "en")

Word = Mapping[str, str]
Arg = Decimal | int | str | Clause | Word

GROUP: Mapping[str, Word] = {
    "central": {"kk": "орталық", "ru": "центральных", "en": "central"},
    "local": {"kk": "жергілікті", "ru": "местных", "en": "local"},
}

LANGUAGE_LABEL: Mapping[str, Mapping[str, str]] = {
    "en": {"kk": "Kazakh", "ru": "Russian"},
    "ru": {"kk": "на казахском", "ru": "на русском"},
    "kk": {"kk": "қазақ тілінде", "ru": "орыс тілінде"},
}

RULE_NAME: Mapping[str, Word] = {
    "met": {"kk": "орындалды / орындалмады", "ru": "выполнено / не выполнено", "en": "met / not met"},
    "attainment": {"kk": "қол жеткізу үлесі", "ru": "доля достижения", "en": "attainment share"},
    "bands": {"kk": "ауқымдар", "ru": "диапазоны", "en": "bands"},
    "category_average": {
        "kk": "санаттар бойынша орташа",
        "ru": "среднее по категориям",
        "en": "category average",
    },
    "publicity": {"kk": "A формуласы", "ru": "формула A", "en": "formula A"},
    "media_requests": {"kk": "B формуласы", "ru": "формула B", "en": "formula B"},
    "penalty_share": {
        "kk": "айыппұл × орындамаған ұйымдар үлесі",
        "ru": "штраф × доля организаций с нарушением",
        "en": "penalty × share of failing organisations",
    },
}

STEP: Mapping[str, Word] = {
    "met": {"kk": "орындалды → {points}", "ru": "выполнено → {points}", "en": "met → {points}"},
    "not_met": {"kk": "орындалмады → {points}", "ru": "не выполнено → {points}", "en": "not met → {points}"},
    "attainment": {
        "kk": "үлес {attainment} × {maximum} = {points}",
        "ru": "доля {attainment} × {maximum} = {points}",
        "en": "attainment {attainment} × {maximum} = {points}",
    },
    "band": {
        "kk": "{measure} = {value}, {band} ауқымы → {points}",
        "ru": "{measure} = {value}, диапазон {band} → {points}",
        "en": "{measure} = {value}, band {band} → {points}",
    },
    "events": {
        "kk": "{count} іс-шараның орташасы ({values}) = {points}",
        "ru": "среднее по {count} мероприятиям ({values}) = {points}",
        "en": "mean of {count} events ({values}) = {points}",
    },
    "no_events": {"kk": "іс-шара жоқ → {points}", "ru": "мероприятий нет → {points}", "en": "no events → {points}"},
    "publicity": {
        "kk": "A = {maximum} × {high} / max({total}, {min_events}) = {points}",
        "ru": "A = {maximum} × {high} / max({total}, {min_events}) = {points}",
        "en": "A = {maximum} × {high} / max({total}, {min_events}) = {points}",
    },
    "requests": {
        "kk": "B = {maximum} × ({answered}/{received} − {late}/{answered}) = {raw}, [0; {maximum}] → {points}",
        "ru": "B = {maximum} × ({answered}/{received} − {late}/{answered}) = {raw}, [0; {maximum}] → {points}",
        "en": "B = {maximum} × ({answered}/{received} − {late}/{answered}) = {raw}, within [0, {maximum}] → {points}",
    },
    "no_requests": {
        "kk": "масс-медиа сұрау салулары болмады → {share} × {maximum} = {points}",
        "ru": "запросов масс-медиа не было → {share} × {maximum} = {points}",
        "en": "no media requests → {share} × {maximum} = {points}",
    },
    "none_answered": {
        "kk": "{received} сұрау салудың бірде-біріне жауап берілмеді → {share} × {maximum} = {points}",
        "ru": "ни на один из {received} запросов не дан ответ → {share} × {maximum} = {points}",
        "en": "none of {received} requests answered → {share} × {maximum} = {points}",
    },
    "penalty": {
        "kk": "{maximum} × {failing}/{total} ұйым = {points}",
        "ru": "{maximum} × {failing}/{total} организаций = {points}",
        "en": "{maximum} × {failing}/{total} organisations = {points}",
    },
    "no_subordinates": {
        "kk": "ведомстволық бағынысты ұйымдар жоқ → {points}",
        "ru": "подведомственных организаций нет → {points}",
        "en": "no subordinate organisations → {points}",
    },
    "maximum": {
        "kk": "{clause} бойынша ең жоғары балл → {points}",
        "ru": "по {clause} максимальный балл → {points}",
        "en": "by {clause} the maximum → {points}",
    },
    "group_average": {
        "kk": "{clause} бойынша {count} {group} органның орташасы → {points}",
        "ru": "по {clause} среднее {count} {group} органов → {points}",
        "en": "by {clause} the mean of {count} {group} bodies → {points}",
    },
}

_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def number(value: Decimal | int, lang: str) -> str:
    """A number as written in a display language: a decimal comma in Kazakh and Russian."""
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    return text if lang == "en" else _DECIMAL_POINT.sub(",", text)


def render_arg(value: Arg, lang: str) -> str:
    """One value of a template in a display language."""
    if isinstance(value, Decimal | int):
        return number(value, lang)
    if isinstance(value, Clause):
        return value.render(lang)
    if isinstance(value, str):
        return value
    return value[lang]


@dataclass(frozen=True)
class Step:
    """One line of a calculation: a template key of :data:`STEP` and its values."""

    key: str
    args: Mapping[str, Arg]

    def render(self, lang: str) -> str:
        """The line in a display language."""
        return STEP[self.key][lang].format(**{name: render_arg(arg, lang) for name, arg in self.args.items()})


def indicator_text(clause: Clause, rule: str, steps: Mapping[Lang, Step]) -> dict[str, str]:
    """The explanation of an indicator in each display language: clause, rule, each scored language."""
    return {
        lang: f"{clause.render(lang)} — {RULE_NAME[rule][lang]}: "
        + "; ".join(f"{LANGUAGE_LABEL[lang][scored]}: {step.render(lang)}" for scored, step in steps.items())
        for lang in DISPLAY_LANGUAGES
    }


def texts(template: Word, **args: Arg) -> dict[str, str]:
    """A template given per display language, filled with values rendered in that language."""
    return {
        lang: template[lang].format(**{name: render_arg(arg, lang) for name, arg in args.items()})
        for lang in DISPLAY_LANGUAGES
    }
