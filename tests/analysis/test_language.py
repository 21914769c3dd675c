"""The language rule of issue 12, item 1 (see ``ashyq.analysis.language``)."""

import pytest

from ashyq.analysis.language import TextLanguage, detect


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ауылға дейінгі жолды жөндеуді сұраймыз.", TextLanguage.KAZAKH),
        ("Просим отремонтировать дорогу до села.", TextLanguage.RUSSIAN),
        ("Мен сізге айтайын, это вообще не нормально, когда дороги не ремонтируют.", TextLanguage.MIXED),
        ("Please publish the report.", TextLanguage.OTHER),
        ("👍 +", TextLanguage.OTHER),
        ("", TextLanguage.OTHER),
    ],
)
def test_each_kind_of_text(text, expected):
    assert detect(text) == expected


def test_a_russian_appeal_quoting_one_kazakh_word_is_russian_not_mixed():
    # given fewer than MIXED_MIN_WORDS Kazakh words in a Russian text
    text = "Просим наконец решить вопрос с водой в ауле, жители ждут ответа уже полгода. Рахмет."
    # then it is Russian
    assert detect(text) == TextLanguage.RUSSIAN
