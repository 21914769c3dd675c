"""The conclusion on the openness assessment of one state body (002 Annex 8), as text, in Kazakh or Russian.

Pure: the engine's :class:`BodyScore` for one body, the methodology version it was scored with, and plain
details (names, period, head of the authorized body, date, the analyst's recommendations) in; a
:class:`Conclusion` whose every string is ready to print out. No ORM, no Django: the PDF and DOCX builders
(:mod:`ashyq.evaluation.conclusion_documents`) lay it out.

The wording of the form is Annex 8's own (Kazakh, seed 002) and a faithful Russian rendering of it (the
official Russian text was not available offline, ADR 0081). The analysis per criterion is generated from the
engine's results: what earned and what lost points, per language, in plain sentences, numbers written the
way the language writes them, every figure rounded once half-up to 0.01 (SPEC §7, ADR 0080).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from ashyq.evaluation.engine import BodyScore, CriterionScore, IndicatorResult
from ashyq.methodology.versions import LANGUAGES, BodyKind, Indicator, Lang, Names, OpennessVersion, plain

DocumentLanguage = Literal["kk", "ru"]
_QUOTED = re.compile(r'"([^"]*)"')
DOCUMENT_LANGUAGES: tuple[DocumentLanguage, ...] = ("kk", "ru")

Text = Mapping[DocumentLanguage, str]

ANNEX: Text = {
    "kk": "Мемлекеттік органдардың жеке және заңды тұлғалармен өзара іс-қимылын операциялық бағалау "
    "әдістемесіне 8-қосымша",
    "ru": "Приложение 8 к Методике операционной оценки взаимодействия государственных органов с физическими "
    "и юридическими лицами",
}
FORM: Text = {"kk": "Нысан", "ru": "Форма"}
TITLE: Text = {
    "kk": "«Мемлекеттік органның ашықтығы» бағыты бойынша мемлекеттік органдардың қызметі тиімділігінің "
    "операциялық бағалау нәтижелері туралы қорытынды",
    "ru": "Заключение о результатах операционной оценки эффективности деятельности государственных органов "
    "по направлению «Открытость государственного органа»",
}
BODY_CAPTION: Text = {
    "kk": "(орталық мемлекеттік органның/жергілікті атқарушы органның атауы)",
    "ru": "(наименование центрального государственного органа/местного исполнительного органа)",
}
PERIOD_CAPTION: Text = {"kk": "(есептік кезең)", "ru": "(отчетный период)"}
HEADERS: Mapping[DocumentLanguage, tuple[str, str, str, str]] = {
    "kk": ("№", "Операциялық бағалау өлшемі", "Балл", "Максималды балл"),
    "ru": ("№", "Критерий операционной оценки", "Балл", "Максимальный балл"),
}
TOTAL: Text = {"kk": "Өлшемдер бойынша жалпы баға", "ru": "Общая оценка по критериям"}
DEDUCTION: Text = {"kk": "Айыппұл балдарын шегеру", "ru": "Вычет штрафных баллов"}
FINAL: Text = {
    "kk": "Айыппұл балдарын шегеруді есепке ала отырып, қорытынды баға",
    "ru": "Итоговая оценка с учетом вычета штрафных баллов",
}
ANALYSIS: Mapping[BodyKind, Text] = {
    "central": {
        "kk": "Операциялық бағалау өлшемдері бойынша орталық мемлекеттік орган қызметінің тиімділігінің талдауы:",
        "ru": "Анализ эффективности деятельности центрального государственного органа по критериям "
        "операционной оценки:",
    },
    "local": {
        "kk": "Операциялық бағалау өлшемдері бойынша жергілікті атқарушы орган қызметінің тиімділігінің талдауы:",
        "ru": "Анализ эффективности деятельности местного исполнительного органа по критериям операционной оценки:",
    },
}
CRITERION_HEADING: Text = {"kk": "{number}) «{name}» өлшемі бойынша", "ru": "{number}) по критерию «{name}»"}
RECOMMENDATIONS: Text = {"kk": "Қорытынды мен ұсынымдар:", "ru": "Выводы и рекомендации:"}
HEAD: Text = {"kk": "Уәкілетті органның басшысы", "ru": "Руководитель уполномоченного органа"}
SIGNATURE: Text = {"kk": "(қолы)", "ru": "(подпись)"}
SIGNATURE_NAME: Text = {"kk": "(қолдың мағынасын ашу)", "ru": "(расшифровка подписи)"}
BLANK_DATE: Text = {"kk": "«___» __________ 20___ жыл", "ru": "«___» __________ 20___ года"}

MONTHS: Mapping[DocumentLanguage, tuple[str, ...]] = {
    "kk": (
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ),
    "ru": (
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ),
}

LANGUAGE_NAME: Mapping[DocumentLanguage, Mapping[Lang, str]] = {
    "kk": {"kk": "қазақ тілінде", "ru": "орыс тілінде"},
    "ru": {"kk": "на казахском языке", "ru": "на русском языке"},
}
GROUP: Mapping[DocumentLanguage, Mapping[BodyKind, str]] = {
    "kk": {"central": "орталық мемлекеттік органдардың", "local": "жергілікті атқарушы органдардың"},
    "ru": {"central": "центральных государственных органов", "local": "местных исполнительных органов"},
}

SENTENCE: Mapping[str, Text] = {
    "earned": {
        "kk": "Өлшем бойынша {points} балл алынды (ең жоғары балл {weight}).",
        "ru": "По критерию получено {points} из {weight} баллов.",
    },
    "capped": {
        "kk": "Индикаторлар балдарының қосындысы {raw} өлшемнің ең жоғары балымен ({weight}) шектелді.",
        "ru": "Сумма баллов индикаторов {raw} ограничена максимальным баллом критерия ({weight}).",
    },
    "full": {
        "kk": "Екі тілде де толық орындалды: {names}.",
        "ru": "Выполнены в полном объеме на обоих языках: {names}.",
    },
    "lost": {
        "kk": "{name}: {languages} — {lost} балл жоғалтылды.",
        "ru": "{name}: {languages} — потеряно {lost} балла.",
    },
    "language_points": {
        "kk": "{language} {points} (ең жоғары балл {maximum})",
        "ru": "{language} {points} из {maximum}",
    },
    "group_average": {
        "kk": "{name}: әдістеме бойынша {group} орташа балы берілді — {languages}.",
        "ru": "{name}: по методике присвоен средний балл {group} — {languages}.",
    },
    "maximum": {
        "kk": "{name}: әдістеме бойынша ең жоғары балл берілді.",
        "ru": "{name}: по методике присвоен максимальный балл.",
    },
    "multiplier": {
        "kk": "{name} — {percent} %; {multiplied} индикаторларының балдары осы үлеске көбейтілді.",
        "ru": "{name} — {percent} %; на эту долю умножены баллы индикаторов: {multiplied}.",
    },
    "formula": {
        "kk": "Масс-медиа үлесін есепке ала отырып: {languages}.",
        "ru": "С учетом доли масс-медиа: {languages}.",
    },
    "not_assessed": {
        "kk": "Жергілікті атқарушы органдар бұл өлшем бойынша бағаланбайды.",
        "ru": "Местные исполнительные органы по этому критерию не оцениваются.",
    },
    "no_subordinates": {
        "kk": "Мемлекеттік органның ведомстволық бағынысты ұйымдары жоқ; айыппұл балдары жоқ.",
        "ru": "Подведомственных организаций у государственного органа нет; штрафных баллов нет.",
    },
    "no_penalty": {
        "kk": "Ведомстволық бағынысты ұйымдардың ({total}) бұзушылықтары анықталған жоқ; айыппұл балдары жоқ.",
        "ru": "Нарушений у подведомственных организаций ({total}) не выявлено; штрафных баллов нет.",
    },
    "penalty_total": {
        "kk": "Айыппұл балдары: {penalty} (ең жоғары айыппұл {weight}).",
        "ru": "Штрафные баллы: {penalty} (предельный штраф {weight}).",
    },
    "penalty": {
        "kk": "{name}: {languages} — айыппұл {points}.",
        "ru": "{name}: {languages} — штраф {points}.",
    },
    "failing": {
        "kk": "{language} {failing} ұйым ({total} ұйымның ішінен)",
        "ru": "{language} {failing} из {total} организаций",
    },
    "penalty_capped": {
        "kk": "«{table}» бойынша айыппұл {raw} шекті мәнмен ({cap}) шектелді.",
        "ru": "Штраф по разделу «{table}» {raw} ограничен предельным значением ({cap}).",
    },
}
ADVICE: Mapping[str, Text] = {
    "lost": {
        "kk": "«{name}» индикаторының {languages} орындалуын қамтамасыз ету ({lost} балл жоғалтылды).",
        "ru": "Обеспечить выполнение индикатора «{name}» {languages} (потеряно {lost} балла).",
    },
    "penalty": {
        "kk": "Ведомстволық бағынысты ұйымдардың «{name}» талабын орындауын қамтамасыз ету (айыппұл {points}).",
        "ru": "Обеспечить соблюдение подведомственными организациями требования «{name}» (штраф {points}).",
    },
    "multiplier": {
        "kk": "«{name}» көрсеткішін арттыру (қазір {percent} %): ол 7-1-кестенің 1 және 2-индикаторларының "
        "балдарын көбейтеді.",
        "ru": "Повысить показатель «{name}» (сейчас {percent} %): на него умножаются баллы индикаторов 1 и 2 "
        "таблицы 7-1.",
    },
    "none": {
        "kk": "Барлық өлшемдер бойынша ең жоғары балл алынды; қол жеткізілген деңгейді сақтау ұсынылады.",
        "ru": "По всем критериям получен максимальный балл; рекомендуется сохранить достигнутый уровень.",
    },
}
LANGUAGES_JOIN: Text = {"kk": " және ", "ru": " и "}
BOTH_LANGUAGES: Text = {"kk": "қазақ және орыс тілдерінде", "ru": "на казахском и русском языках"}


@dataclass(frozen=True)
class ConclusionDetails:
    """What the conclusion needs besides the score: plain values, no ORM (the campaign fills them).

    ``recommendations`` is the analyst's edited text per document language; a language left out (or blank)
    is prefilled from the lost points (:func:`recommendations_prefill`).
    """

    body_name: Names
    period_start: date
    period_end: date
    head_name: str
    signed_on: date | None = None
    recommendations: Mapping[DocumentLanguage, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CriterionRow:
    """A row of Annex 8's table: number, criterion, score, maximum (as printed)."""

    number: str
    name: str
    score: str
    maximum: str


@dataclass(frozen=True)
class CriterionAnalysis:
    """The analysis of one criterion: its heading as in Annex 8 and its sentences."""

    heading: str
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Conclusion:
    """One body's conclusion in one language, every string ready to print (002 Annex 8)."""

    language: DocumentLanguage
    annex: str
    form: str
    title: str
    body_name: str
    body_caption: str
    period: str
    period_caption: str
    headers: tuple[str, str, str, str]
    rows: tuple[CriterionRow, ...]
    summary: tuple[CriterionRow, ...]
    final_score: str
    analysis_heading: str
    analysis: tuple[CriterionAnalysis, ...]
    recommendations_heading: str
    recommendations: tuple[str, ...]
    head_title: str
    head_name: str
    signature_caption: str
    signature_name_caption: str
    signed_on: str
    body_id: str


def number(value: Decimal | int, lang: DocumentLanguage) -> str:
    """A number as Kazakh and Russian write it: a decimal comma, a minus sign (U+2212), a space per thousand."""
    text = f"{Decimal(value):,f}".replace(",", "\u00a0").replace(".", ",")
    return text.replace("-", "\u2212")


def points(score: BodyScore, value: Fraction, lang: DocumentLanguage) -> str:
    """An exact figure of the score as published: rounded once, half-up to 0.01 (SPEC §7)."""
    return number(score.shown(value), lang)


def long_date(day: date, lang: DocumentLanguage) -> str:
    """A date as the form's date line writes it: «2» желтоқсан 2026 жыл / «2» декабря 2026 года."""
    month = MONTHS[lang][day.month - 1]
    return f"«{day.day}» {month} {day.year} жыл" if lang == "kk" else f"«{day.day}» {month} {day.year} года"


def period_text(start: date, end: date) -> str:
    """The reporting period, the same in both languages: 01.01.2025 – 31.12.2025."""
    return f"{start:%d.%m.%Y} – {end:%d.%m.%Y}"


def _name(names: Names, lang: DocumentLanguage) -> str:
    return names.kk if lang == "kk" else names.ru


def _fill(template: Text, lang: DocumentLanguage, **values: str) -> str:
    return template[lang].format(**values)


def _maximum(indicator: Indicator, kind: BodyKind, lang: Lang) -> Fraction:
    return Fraction(indicator.maximum(kind, lang))


def _per_language(score: BodyScore, result: IndicatorResult, indicator: Indicator, lang: DocumentLanguage) -> str:
    parts = [
        _fill(
            SENTENCE["language_points"],
            lang,
            language=LANGUAGE_NAME[lang][scored],
            points=points(score, result.points[scored], lang),
            maximum=number(Decimal(plain(indicator.maximum(score.kind, scored))), lang),
        )
        for scored in LANGUAGES
    ]
    return ", ".join(parts)


def _lost(score: BodyScore, result: IndicatorResult, indicator: Indicator) -> Mapping[Lang, Fraction]:
    return {lang: _maximum(indicator, score.kind, lang) - result.points[lang] for lang in LANGUAGES}


def _plain_name(indicator: Indicator, lang: DocumentLanguage) -> str:
    """The indicator's official name with the data file's straight quotes as «»."""
    return _QUOTED.sub(r"«\1»", _name(indicator.names, lang))


def _quoted(indicator: Indicator, lang: DocumentLanguage) -> str:
    return f"«{_plain_name(indicator, lang)}»"


def _indicator_sentences(
    version: OpennessVersion, score: BodyScore, results: Sequence[IndicatorResult], lang: DocumentLanguage
) -> list[str]:
    full: list[str] = []
    sentences: list[str] = []
    for result in results:
        if result.treatment == "multiplier":
            continue
        indicator = version.indicators[result.indicator_id]
        name = _quoted(indicator, lang)
        if result.treatment == "maximum":
            sentences.append(_fill(SENTENCE["maximum"], lang, name=name))
            continue
        if result.treatment == "group_average":
            languages = _per_language(score, result, indicator, lang)
            group = GROUP[lang][score.kind]
            sentences.append(_fill(SENTENCE["group_average"], lang, name=name, group=group, languages=languages))
            continue
        lost = _lost(score, result, indicator)
        if all(value <= 0 for value in lost.values()):
            full.append(name)
            continue
        languages = _per_language(score, result, indicator, lang)
        total_lost = points(score, sum(lost.values(), Fraction(0)), lang)
        sentences.append(_fill(SENTENCE["lost"], lang, name=name, languages=languages, lost=total_lost))
    if full:
        sentences.insert(0, _fill(SENTENCE["full"], lang, names="; ".join(full)))
    return sentences


def _sum_analysis(
    version: OpennessVersion, score: BodyScore, criterion: CriterionScore, lang: DocumentLanguage
) -> list[str]:
    weight = number(criterion.weight, lang)
    sentences = [_fill(SENTENCE["earned"], lang, points=points(score, criterion.total, lang), weight=weight)]
    raw = criterion.points["kk"] + criterion.points["ru"]
    if raw > criterion.total:
        sentences.append(_fill(SENTENCE["capped"], lang, raw=points(score, raw, lang), weight=weight))
    sentences.extend(_indicator_sentences(version, score, criterion.indicators, lang))
    if criterion.number == 6:
        sentences.extend(_formula_sentences(version, score, criterion, lang))
    return sentences


def _formula_sentences(
    version: OpennessVersion, score: BodyScore, criterion: CriterionScore, lang: DocumentLanguage
) -> list[str]:
    spec = next(c for c in version.criteria if c.number == criterion.number)
    multiplier = next((r for r in criterion.indicators if r.treatment == "multiplier"), None)
    if spec.multiplier is None or multiplier is None:
        return []
    percent = number(Decimal(multiplier.inputs[spec.multiplier.measure]), lang)
    multiplied = "; ".join(
        _quoted(indicator, lang) for table in spec.tables for indicator in table.indicators if indicator.multiplied
    )
    languages = ", ".join(
        f"{LANGUAGE_NAME[lang][scored]} {points(score, criterion.points[scored], lang)}" for scored in LANGUAGES
    )
    return [
        _fill(
            SENTENCE["multiplier"],
            lang,
            name=_name(spec.multiplier.names, lang),
            percent=percent,
            multiplied=multiplied,
        ),
        _fill(SENTENCE["formula"], lang, languages=languages),
    ]


def _penalty_analysis(
    version: OpennessVersion, score: BodyScore, criterion: CriterionScore, lang: DocumentLanguage
) -> list[str]:
    if not criterion.indicators:
        return [SENTENCE["not_assessed"][lang]]
    subordinates = int(criterion.indicators[0].inputs["subordinate_organisations"])
    if subordinates == 0:
        return [SENTENCE["no_subordinates"][lang]]
    if criterion.total == 0:
        return [_fill(SENTENCE["no_penalty"], lang, total=str(subordinates))]
    weight = number(abs(criterion.weight), lang)
    sentences = [_fill(SENTENCE["penalty_total"], lang, penalty=points(score, criterion.total, lang), weight=weight)]
    for result in criterion.indicators:
        if sum(result.points.values(), Fraction(0)) == 0:
            continue
        indicator = version.indicators[result.indicator_id]
        languages = ", ".join(
            _fill(
                SENTENCE["failing"],
                lang,
                language=LANGUAGE_NAME[lang][scored],
                failing=result.inputs[f"{scored}.failing"],
                total=str(subordinates),
            )
            for scored in LANGUAGES
        )
        total = points(score, sum(result.points.values(), Fraction(0)), lang)
        sentences.append(
            _fill(SENTENCE["penalty"], lang, name=_quoted(indicator, lang), languages=languages, points=total)
        )
    spec = next(c for c in version.criteria if c.number == criterion.number)
    for table in spec.tables_for(score.kind):
        ids = {indicator.id for indicator in table.indicators}
        raw = sum((r.points[x] for r in criterion.indicators if r.indicator_id in ids for x in LANGUAGES), Fraction(0))
        if table.cap is not None and raw > Fraction(table.cap):
            name = _name(table.cap_names, lang) if table.cap_names else table.number
            sentences.append(
                _fill(
                    SENTENCE["penalty_capped"],
                    lang,
                    table=name,
                    raw=points(score, raw, lang),
                    cap=number(table.cap, lang),
                )
            )
    return sentences


def conclusion_analysis(
    version: OpennessVersion, score: BodyScore, lang: DocumentLanguage
) -> tuple[CriterionAnalysis, ...]:
    """Annex 8's analysis per criterion, generated from the engine's results for one body."""
    analysis = []
    for criterion in score.criteria:
        heading = _fill(CRITERION_HEADING, lang, number=str(criterion.number), name=_name(criterion.names, lang))
        if criterion.penalty:
            sentences = _penalty_analysis(version, score, criterion, lang)
        else:
            sentences = _sum_analysis(version, score, criterion, lang)
        analysis.append(CriterionAnalysis(heading, tuple(sentences)))
    return tuple(analysis)


def recommendations_prefill(version: OpennessVersion, score: BodyScore, lang: DocumentLanguage) -> str:
    """Conclusions and recommendations prefilled from the lost points, one per line, the largest loss first.

    Indicators the body was not scored on itself (a footnote's maximum or group average) are left out: the
    body cannot act on them; so are criteria whose maximum was earned.
    """
    advice: list[tuple[Fraction, str]] = []
    for criterion in score.criteria:
        if not criterion.penalty and criterion.total >= criterion.weight:
            continue  # the criterion's maximum is earned (table 1's incentive may make up for a loss)
        for result in criterion.indicators:
            if result.treatment != "scored":
                continue
            indicator = version.indicators[result.indicator_id]
            if criterion.penalty:
                penalty = sum(result.points.values(), Fraction(0))
                if penalty > 0:
                    text = _fill(
                        ADVICE["penalty"],
                        lang,
                        name=_plain_name(indicator, lang),
                        points=points(score, penalty, lang),
                    )
                    advice.append((penalty, text))
                continue
            lost = {x: value for x, value in _lost(score, result, indicator).items() if value > 0}
            if not lost:
                continue
            languages = (
                BOTH_LANGUAGES[lang]
                if len(lost) == len(LANGUAGES)
                else LANGUAGES_JOIN[lang].join(LANGUAGE_NAME[lang][x] for x in lost)
            )
            total = sum(lost.values(), Fraction(0))
            text = _fill(
                ADVICE["lost"],
                lang,
                name=_plain_name(indicator, lang),
                languages=languages,
                lost=points(score, total, lang),
            )
            advice.append((total, text))
        advice.extend(_multiplier_advice(version, score, criterion, lang))
    if not advice:
        return ADVICE["none"][lang]
    advice.sort(key=lambda item: -item[0])
    return "\n".join(f"{index}. {text}" for index, (_, text) in enumerate(advice, start=1))


def _multiplier_advice(
    version: OpennessVersion, score: BodyScore, criterion: CriterionScore, lang: DocumentLanguage
) -> list[tuple[Fraction, str]]:
    spec = next(c for c in version.criteria if c.number == criterion.number)
    result = next((r for r in criterion.indicators if r.treatment == "multiplier"), None)
    if spec.multiplier is None or result is None:
        return []
    percent = Decimal(result.inputs[spec.multiplier.measure])
    if percent >= 100:
        return []
    multiplied = sum(
        (
            r.points[x]
            for r in criterion.indicators
            if r.treatment != "multiplier" and version.indicators[r.indicator_id].multiplied
            for x in LANGUAGES
        ),
        Fraction(0),
    )
    cost = multiplied * (1 - Fraction(percent) / 100)
    name = _name(spec.multiplier.names, lang)
    return [(cost, _fill(ADVICE["multiplier"], lang, name=name, percent=number(percent, lang)))]


def build_conclusion(
    version: OpennessVersion, score: BodyScore, details: ConclusionDetails, lang: DocumentLanguage
) -> Conclusion:
    """One body's conclusion (002 Annex 8) in Kazakh or Russian, from its score and plain details."""
    if lang not in DOCUMENT_LANGUAGES:
        raise ValueError(f"the conclusion is written in kk or ru, not {lang!r}")
    rows = tuple(
        CriterionRow(
            number=str(criterion.number),
            name=_name(criterion.names, lang),
            score=points(score, -criterion.total if criterion.penalty else criterion.total, lang),
            maximum="0" if criterion.penalty else number(criterion.weight, lang),
        )
        for criterion in score.criteria
    )
    weights = sum((criterion.weight for criterion in score.criteria if not criterion.penalty), Decimal(0))
    final = points(score, score.final, lang)
    summary = (
        CriterionRow("", TOTAL[lang], points(score, score.total, lang), number(weights, lang)),
        CriterionRow("", DEDUCTION[lang], points(score, -score.penalty, lang), "0"),
        CriterionRow("", FINAL[lang], final, number(weights, lang)),
    )
    written = details.recommendations.get(lang, "").strip()
    recommendations = written or recommendations_prefill(version, score, lang)
    return Conclusion(
        language=lang,
        annex=ANNEX[lang],
        form=FORM[lang],
        title=TITLE[lang],
        body_name=_name(details.body_name, lang),
        body_caption=BODY_CAPTION[lang],
        period=period_text(details.period_start, details.period_end),
        period_caption=PERIOD_CAPTION[lang],
        headers=HEADERS[lang],
        rows=rows,
        summary=summary,
        final_score=final,
        analysis_heading=ANALYSIS[score.kind][lang],
        analysis=conclusion_analysis(version, score, lang),
        recommendations_heading=RECOMMENDATIONS[lang],
        recommendations=tuple(line for line in recommendations.splitlines() if line.strip()),
        head_title=HEAD[lang],
        head_name=details.head_name,
        signature_caption=SIGNATURE[lang],
        signature_name_caption=SIGNATURE_NAME[lang],
        signed_on=long_date(details.signed_on, lang) if details.signed_on else BLANK_DATE[lang],
        body_id=score.body_id,
    )
