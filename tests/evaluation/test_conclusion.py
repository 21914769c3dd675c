"""The conclusion of 002 Annex 8 from the engine's result: the form's rows, the analysis and the prefilled
recommendations per language, in plain Kazakh and Russian (issue 14 item 7)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from ashyq.evaluation.conclusion import (
    Conclusion,
    ConclusionDetails,
    build_conclusion,
    conclusion_analysis,
    number,
    recommendations_prefill,
)
from ashyq.evaluation.engine import BodyScore, parse_openness, score_openness
from ashyq.methodology.versions import Names
from tests.engine.inputs import VERSION, body_input, per_language

DETAILS = ConclusionDetails(
    body_name=Names("Денсаулық сақтау министрлігі", "Министерство здравоохранения"),
    period_start=date(2025, 1, 1),
    period_end=date(2025, 12, 31),
    head_name="А. Б. Сейітов",
    signed_on=date(2026, 3, 2),
)


def score(*bodies: dict[str, Any]) -> tuple[BodyScore, ...]:
    return score_openness(VERSION, parse_openness(VERSION, {"bodies": list(bodies)}))


def conclusion(body: BodyScore, lang: str, details: ConclusionDetails = DETAILS) -> Conclusion:
    return build_conclusion(VERSION, body, details, lang)  # type: ignore[arg-type]


def all_text(document: Conclusion) -> str:
    parts = [document.title, *(s for a in document.analysis for s in (a.heading, *a.sentences))]
    return "\n".join([*parts, *document.recommendations])


@pytest.fixture
def penalised() -> BodyScore:
    """A central body meeting everything except: table 9 item 1 failed by 1 of 4 organisations per language,
    and table 7 item 4 met only in Kazakh."""
    overrides = {"t9.1": per_language("failing", 1), "t7.4": {"kk": {"attainment": "1"}, "ru": {"attainment": "0"}}}
    (body,) = score(body_input("health", "central", subordinates=4, overrides=overrides))
    return body


def test_the_table_has_annex_8s_rows_with_score_and_maximum_in_russian(penalised: BodyScore) -> None:
    document = conclusion(penalised, "ru")
    assert document.title.startswith("Заключение о результатах операционной оценки")
    assert document.headers == ("№", "Критерий операционной оценки", "Балл", "Максимальный балл")
    assert [(r.number, r.name, r.score, r.maximum) for r in document.rows] == [
        ("1", "Открытые данные", "18,00", "18"),
        ("2", "Открытый бюджет", "18,00", "18"),
        ("3", "Открытые нормативные правовые акты", "18,00", "18"),
        ("4", "Открытый диалог", "18,00", "18"),
        ("5", "Наполнение официального интернет-ресурса", "16,50", "18"),
        ("6", "Открытость через масс-медиа", "10,00", "10"),
        ("7", "Открытость подведомственных организаций", "\u22120,75", "0"),
    ]
    assert [(r.name, r.score, r.maximum) for r in document.summary] == [
        ("Общая оценка по критериям", "98,50", "100"),
        ("Вычет штрафных баллов", "\u22120,75", "0"),
        ("Итоговая оценка с учетом вычета штрафных баллов", "97,75", "100"),
    ]
    assert (document.body_name, document.period) == ("Министерство здравоохранения", "01.01.2025 – 31.12.2025")
    assert (document.head_name, document.signed_on) == ("А. Б. Сейітов", "«2» марта 2026 года")


def test_the_kazakh_conclusion_quotes_annex_8(penalised: BodyScore) -> None:
    document = conclusion(penalised, "kk")
    assert document.title == (
        "«Мемлекеттік органның ашықтығы» бағыты бойынша мемлекеттік органдардың қызметі тиімділігінің "
        "операциялық бағалау нәтижелері туралы қорытынды"
    )
    assert [r.name for r in document.summary] == [
        "Өлшемдер бойынша жалпы баға",
        "Айыппұл балдарын шегеру",
        "Айыппұл балдарын шегеруді есепке ала отырып, қорытынды баға",
    ]
    assert document.summary[-1].score == "97,75"
    assert document.analysis_heading.startswith("Операциялық бағалау өлшемдері бойынша орталық мемлекеттік орган")
    assert document.analysis[0].heading == "1) «Ашық деректер» өлшемі бойынша"
    assert (document.recommendations_heading, document.head_title) == (
        "Қорытынды мен ұсынымдар:",
        "Уәкілетті органның басшысы",
    )
    assert document.signed_on == "«2» наурыз 2026 жыл"


def test_the_analysis_says_what_earned_and_what_lost_points_per_language(penalised: BodyScore) -> None:
    resource = conclusion_analysis(VERSION, penalised, "ru")[4]
    assert resource.heading == "5) по критерию «Наполнение официального интернет-ресурса»"
    assert resource.sentences[0] == "По критерию получено 16,50 из 18 баллов."
    assert resource.sentences[1].startswith("Выполнены в полном объеме на обоих языках: «Наличие актуальных контактных")
    assert resource.sentences[2] == (
        "«Наличие актуальной информации о нормотворческой деятельности государственного органа»: "
        "на казахском языке 1,50 из 1,5, на русском языке 0,00 из 1,5 — потеряно 1,50 балла."
    )


def test_the_penalty_analysis_counts_the_failing_organisations_and_adds_exact_shares(penalised: BodyScore) -> None:
    """1.5 × 1/4 in each language is 0.75 (SPEC §7), not 0.38 + 0.38."""
    subordinates = conclusion_analysis(VERSION, penalised, "ru")[6]
    assert subordinates.sentences == (
        "Штрафные баллы: 0,75 (предельный штраф 9).",
        "«Отсутствие информации, размещенной на интернет-ресурсе организации в соответствии со статьей 16 "
        "Закона»: на казахском языке 1 из 4 организаций, на русском языке 1 из 4 организаций — штраф 0,75.",
    )
    kk = conclusion_analysis(VERSION, penalised, "kk")[6]
    assert "қазақ тілінде 1 ұйым (4 ұйымның ішінен)" in kk.sentences[1]


def test_recommendations_are_prefilled_from_the_lost_points_the_largest_first(penalised: BodyScore) -> None:
    assert recommendations_prefill(VERSION, penalised, "ru").splitlines() == [
        "1. Обеспечить выполнение индикатора «Наличие актуальной информации о нормотворческой деятельности "
        "государственного органа» на русском языке (потеряно 1,50 балла).",
        "2. Обеспечить соблюдение подведомственными организациями требования «Отсутствие информации, "
        "размещенной на интернет-ресурсе организации в соответствии со статьей 16 Закона» (штраф 0,75).",
    ]
    assert conclusion(penalised, "ru").recommendations == tuple(
        recommendations_prefill(VERSION, penalised, "ru").splitlines()
    )


def test_the_analysts_edited_recommendations_replace_the_prefilled_ones_in_their_language(
    penalised: BodyScore,
) -> None:
    details = ConclusionDetails(**{**DETAILS.__dict__, "recommendations": {"ru": "Рекомендуется …\n\nВторое."}})
    assert conclusion(penalised, "ru", details).recommendations == ("Рекомендуется …", "Второе.")
    assert conclusion(penalised, "kk", details).recommendations[0].startswith("1. «Мемлекеттік органның норма")


def test_a_body_with_every_point_is_told_to_keep_its_level() -> None:
    (body,) = score(body_input("a", "local"))
    assert recommendations_prefill(VERSION, body, "ru") == (
        "По всем критериям получен максимальный балл; рекомендуется сохранить достигнутый уровень."
    )


def test_a_local_body_is_not_assessed_on_criterion_7_and_is_named_as_a_local_body() -> None:
    (body,) = score(body_input("akimat", "local"))
    document = conclusion(body, "ru")
    assert document.analysis_heading.startswith("Анализ эффективности деятельности местного исполнительного органа")
    assert document.analysis[6].sentences == ("Местные исполнительные органы по этому критерию не оцениваются.",)
    assert document.rows[6].score == "0,00"


def test_exempt_averages_are_explained_and_never_recommended() -> None:
    bodies = [
        body_input(name, "central", overrides={"t6.3": per_language("attainment", share)})
        for name, share in (("health", "1"), ("finance", "0"), ("energy", "0"))
    ]
    *_, defence = score(*bodies, body_input("defence", "central", exemptions=["defence"]))
    document = conclusion(defence, "ru")
    dialogue = document.analysis[3].sentences
    assert (
        "«Проведение открытых заседаний (коллегий) в режиме онлайн-трансляции»: по методике присвоен средний балл "
        "центральных государственных органов — на казахском языке 0,67 из 2, на русском языке 0,67 из 2."
    ) in dialogue
    assert document.rows[3].score == "15,33"
    assert not any("открытых заседаний" in line for line in document.recommendations)


def test_criterion_6_explains_the_multiplier_and_the_result_per_language() -> None:
    overrides = {
        "t7-1.1": {"events_total": 12, **per_language("high_publicity_events", 6)},
        "t7-1.2": {lang: {"received": 10, "answered": 10, "late": 1} for lang in ("kk", "ru")},
        "t7-1.3": {"satisfied_percent": "70"},
    }
    (body,) = score(body_input("a", "local", overrides=overrides, media_satisfied="90"))
    document = conclusion(body, "ru")
    media = document.analysis[5].sentences
    assert media[0] == "По критерию получено 5,87 из 10 баллов."
    assert media[-1] == "С учетом доли масс-медиа: на казахском языке 2,94, на русском языке 2,94."
    assert media[-2].startswith("Доля масс-медиа, удовлетворенных степенью открытости государственного органа — 90 %")
    assert document.rows[5].score == "5,87"
    assert any(". Повысить показатель «Доля масс-медиа" in line for line in document.recommendations)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_internal_code_or_unrounded_number_is_printed(penalised: BodyScore, lang: str) -> None:
    text = all_text(conclusion(penalised, lang))
    assert not re.search(r"\bt\d|\bp6\b|_|\bgroup_average\b|\d\.\d|Annex|\b002\b", text)
    assert not re.search(r"\d,\d{3}", text)  # no figure with more than two decimals


@pytest.mark.parametrize(
    ("value", "shown"),
    [(Decimal("83.93"), "83,93"), (Decimal("-3.38"), "\u22123,38"), (Decimal(18), "18"), (1234, "1\u00a0234")],
)
def test_numbers_are_written_with_a_decimal_comma_and_a_minus_sign(value: Decimal | int, shown: str) -> None:
    assert number(value, "kk") == shown == number(value, "ru")


def test_english_is_refused_as_the_acts_have_no_english_text(penalised: BodyScore) -> None:
    with pytest.raises(ValueError, match="kk or ru"):
        conclusion(penalised, "en")
