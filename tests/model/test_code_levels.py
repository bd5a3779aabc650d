"""The 类 and 款 of a code by the catalogue's segment widths (``model.codes``), the one place
that slices a code: functional 3 + 2 + 2, economic 3 + 2."""

import pytest

from yusuan.model.codes import class_of, code_at, kuan_of


@pytest.mark.parametrize(("code", "cls", "kuan"), [
    ("2010301", "201", "20103"), ("20103", "201", "20103"), ("201", "201", "201"),
])
def test_functional_class_and_kuan(code: str, cls: str, kuan: str) -> None:
    assert (class_of(code), kuan_of(code)) == (cls, kuan)
    assert (code_at(code, 1), code_at(code, 2)) == (cls, kuan)


def test_economic_codes_split_3_and_2() -> None:
    assert class_of("30101", "economic_dept") == "301"
    assert kuan_of("30101", "economic_gov") == "30101"
