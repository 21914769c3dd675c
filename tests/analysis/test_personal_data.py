"""Personal data found and hidden before a text is shown publicly (issue 12, item 2).

The IINs below were checked by hand: 860904350504 — 8·1+6·2+0·3+9·4+0·5+4·6+3·7+5·8+0·9+5·10+0·11 = 191,
191 mod 11 = 4, the 12th digit; 900101300811 — the first sum is 131, 131 mod 11 = 10, so the second weights
3…11, 1, 2 give 78, 78 mod 11 = 1, the 12th digit.
"""

import pytest

from ashyq.analysis.personal_data import (
    PersonalDataKind,
    find,
    iin_check_digit,
    is_valid_iin,
    luhn_valid,
    redact,
)

VALID_IINS = [
    "860904350504",  # 1986-09-04, a man (century digit 3)
    "951231400121",  # 1995-12-31, a woman (4)
    "000101600058",  # 2000-01-01, woman (century digit 6)
    "750712301123",
    "910101300019",
    "040229500233",  # 2004-02-29, a leap day
    "900101300811",  # the check digit from the second weights
]
INVALID_IINS = [
    ("860904350505", "wrong check digit"),
    ("861304350505", "month 13 (check digit right for its first 11)"),
    ("020229300019", "1902-02-29 does not exist (century digit 3)"),
    ("860904050505", "century digit 0 (check digit right for its first 11)"),
    ("860904750511", "century digit 7 (check digit right for its first 11)"),
    ("850505400980", "both weighted sums leave 10: never issued"),
    ("123456789012", "an ordinary number"),
]


def test_a_valid_iins_check_digit_follows_the_two_weightings():
    # given the first 11 digits of the IINs worked by hand in the module's docstring
    # when the check digit is computed
    # then it is the 12th digit, from the first weights or, when they leave 10, from the second
    assert iin_check_digit("86090435050") == 4
    assert iin_check_digit("90010130081") == 1
    assert iin_check_digit("85050540098") is None


@pytest.mark.parametrize("iin", VALID_IINS)
def test_a_valid_iin_is_found_and_hidden(iin):
    # given a citizen's comment with their IIN
    text = f"Менің ЖСН {iin}, жауап беріңіздер."
    # when the text is searched and redacted
    matches = find(text)
    # then the IIN is found exactly and replaced
    assert [(m.kind, m.value) for m in matches] == [(PersonalDataKind.IIN, iin)]
    assert redact(text, language="kk") == "Менің ЖСН [ЖСН жасырылған], жауап беріңіздер."


@pytest.mark.parametrize(("number", "why"), INVALID_IINS)
def test_a_twelve_digit_number_that_is_not_an_iin_is_left_alone(number, why):
    # given a 12-digit number that fails the date, century or check digit rule
    text = f"Номер заявки {number} от 01.02.2026"
    # when the text is searched
    # then nothing is found, and the text is published unchanged
    assert not is_valid_iin(number), why
    assert find(text) == []
    assert redact(text) == text


PHONES = [
    "+7 701 123 45 67",
    "+7 (701) 123-45-67",
    "+7(777)1234567",
    "+77011234567",
    "8 (702) 555-12-34",
    "8(701)1234567",
    "87071234567",
    "8-747-111-22-33",
    "8 701 1234567",
    "8.701.123.45.67",
    "7 705 123 4567",
    "77011234567",
    "701 234 56 78",
    "(701) 123-45-67",
    "8 (7172) 55-66-77",  # a landline in Astana
    "+7 727 250 00 00",  # a landline in Almaty
]


@pytest.mark.parametrize("phone", PHONES)
def test_each_usual_spelling_of_a_kazakhstan_phone_number_is_found(phone):
    # given a comment with a phone number written as people write them
    text = f"Позвоните мне: {phone}, спасибо"
    # when it is redacted in Russian
    # then exactly the number is replaced
    assert [(m.kind, m.value) for m in find(text)] == [(PersonalDataKind.PHONE, phone)]
    assert redact(text, language="ru") == "Позвоните мне: [телефон скрыт], спасибо"


@pytest.mark.parametrize(
    "text",
    [
        "В 2026 году выделено 123 456 789 тенге",
        "Дом 12, кв. 345, индекс 010000",
        "Приказ № 1234567 от 2025 года",
        "123 456 7890",  # 10 digits, not a Kazakhstan number
        "8 (495) 123-45-67",  # a Moscow number: not ours, and not hidden as ours
        "(701 123-45-67",  # an unclosed bracket is not a phone spelling
    ],
)
def test_ordinary_numbers_are_not_taken_for_phones(text):
    assert find(text) == []


def test_emails_latin_and_cyrillic_are_found():
    # given e-mail addresses, one with a Kazakh domain
    text = "Пишите на a.seitkali+npa@mail.kz или азамат@пошта.қаз."
    # when searched
    # then both are found, the final full stop is not part of the address
    assert [(m.kind, m.value) for m in find(text)] == [
        (PersonalDataKind.EMAIL, "a.seitkali+npa@mail.kz"),
        (PersonalDataKind.EMAIL, "азамат@пошта.қаз"),
    ]


def test_an_email_holding_a_phones_digits_is_one_email():
    text = "87011234567@mail.ru"
    assert [(m.kind, m.value) for m in find(text)] == [(PersonalDataKind.EMAIL, text)]


def test_card_numbers_pass_the_luhn_check():
    # given card numbers solid and in groups, and one with a wrong last digit
    text = "Карта 4111 1111 1111 1111, ещё 5500-0000-0000-0004 и 4111111111111112"
    # when searched
    # then the two valid ones are found; the wrong one is left alone
    assert [(m.kind, m.value) for m in find(text)] == [
        (PersonalDataKind.CARD, "4111 1111 1111 1111"),
        (PersonalDataKind.CARD, "5500-0000-0000-0004"),
    ]
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


def test_redact_uses_the_given_placeholders_and_keeps_the_rest():
    # given a text with one of each kind
    text = "ИИН 860904350504, тел. 87011234567, e-mail x@y.kz, карта 4111111111111111."
    # when redacted with the caller's placeholders
    placeholders = {kind: f"<{kind.value}>" for kind in PersonalDataKind}
    # then each is replaced by its own and nothing else changes
    assert redact(text, placeholders) == "ИИН <iin>, тел. <phone>, e-mail <email>, карта <card>."
    assert redact(text, language="en") == (
        "ИИН [IIN hidden], тел. [phone hidden], e-mail [e-mail hidden], карта [card number hidden]."
    )


def test_a_text_without_personal_data_is_unchanged():
    text = "Жол жөндеу жұмыстарын тезірек аяқтауды сұраймыз!"
    assert find(text) == []
    assert redact(text) == text
