from decimal import Decimal

import pytest

from yusuan.model.money import (
    AmountError,
    Unit,
    format_amount,
    parse_amount,
    printed_number,
    to_yuan,
)


def test_blank_is_not_zero():
    assert parse_amount(None) is None
    assert parse_amount("") is None
    assert parse_amount("  ") is None
    assert parse_amount("0.00") == Decimal("0.00")


def test_thousands_separators_and_full_width_digits():
    assert parse_amount("1,491.86") == Decimal("1491.86")
    assert parse_amount("１，４９１.８６") == Decimal("1491.86")


def test_float_is_refused_with_advice():
    with pytest.raises(AmountError, match="浮点数"):
        parse_amount(1491.86)


def test_more_than_two_decimals_is_refused():
    with pytest.raises(AmountError, match="3 位小数"):
        parse_amount("1.234")


def test_not_a_number():
    with pytest.raises(AmountError, match="不是金额"):
        parse_amount("一千")


def test_wan_to_yuan_is_exact():
    assert to_yuan(Decimal("1491.86"), Unit.WAN) == Decimal("14918600.00")
    assert str(to_yuan(Decimal("0.1"), Unit.WAN)) == "1000.00"
    assert str(to_yuan(Decimal("12"), Unit.YUAN)) == "12.00"


def test_display_rounds_half_up():
    assert format_amount(Decimal("1031.945")) == "1,031.95"
    assert format_amount(Decimal("0.005")) == "0.01"
    assert format_amount(None) == ""


def test_unit_from_printed_label():
    assert Unit.parse("单位：万元") is Unit.WAN
    assert Unit.parse("金额单位：元") is Unit.YUAN
    with pytest.raises(ValueError):
        Unit.parse("千元")


def test_printed_forms_are_one_parser():
    assert parse_amount("-12.50") == Decimal("-12.50")
    assert parse_amount("−12.50") == Decimal("-12.50")  # U+2212 minus sign
    assert parse_amount("－12.50") == Decimal("-12.50")  # full-width hyphen-minus
    assert parse_amount("(1,234.00)") == Decimal("-1234.00")  # accounting negative
    assert parse_amount("+7") == Decimal(7)
    for dash in ("-", "—", "--", "——", "/", "－"):
        assert parse_amount(dash) is None


@pytest.mark.parametrize("text", ["NaN", "nan", "Infinity", "-inf", "sNaN", "1E+3", "1e3",
                                  "0x10", "1.2.3", "1,23", "1_000"])
def test_not_finite_or_not_plain_is_refused(text):
    with pytest.raises(AmountError, match="不是金额"):
        parse_amount(text)


def test_decimal_values_are_bounded_too():
    with pytest.raises(AmountError, match="有限"):
        parse_amount(Decimal("NaN"))
    with pytest.raises(AmountError, match="有限"):
        parse_amount(Decimal("-Infinity"))
    with pytest.raises(AmountError, match="指数"):
        parse_amount(Decimal("1E+3"))


def test_absurdly_large_amounts_are_refused():
    assert parse_amount("999,999,999,999,999.99") is not None  # just below 10^15 元
    with pytest.raises(AmountError, match="超出范围"):
        parse_amount("1000000000000000.01")
    with pytest.raises(AmountError, match="超出范围"):
        parse_amount(10**16)
    with pytest.raises(AmountError, match="超出范围"):
        parse_amount("200000000000", unit=Unit.WAN)  # 2 × 10^15 元
    with pytest.raises(AmountError, match="不是金额"):
        parse_amount("9" * 5000)  # refused before it is read digit by digit


def test_a_number_matched_in_a_sentence_is_read_by_the_one_parser():
    """``printed_number``: what a rule's pattern matched in the text (thousands separators,
    a point the sentence went on after) exactly; beyond any amount an ``AmountError``."""
    assert printed_number("1,491.86") == Decimal("1491.86")
    assert printed_number("1.") == Decimal("1")
    assert printed_number("-12.5") == Decimal("-12.5")
    with pytest.raises(AmountError):
        printed_number("9" * 30)
