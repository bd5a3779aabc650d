import pytest

from yusuan.model.codes import Code


def test_segments_and_levels():
    code = Code("2010301")
    assert code.segments == ("201", "03", "01")
    assert code.level == "项"
    assert Code("20103").level == "款"


def test_ancestry_compares_segments_not_prefixes():
    assert [str(c) for c in Code("2010301").ancestors] == ["20103", "201"]
    assert Code("201").is_ancestor_of(Code("2010301"))
    assert not Code("20101").is_ancestor_of(Code("2010301"))


def test_from_printed_columns():
    assert Code.from_parts("201", "03", "01") == Code("2010301")
    assert Code.from_parts("301", "", "") == Code("301")


@pytest.mark.parametrize("bad", ["2010", "abc", "", "20103011"])
def test_invalid_codes(bad):
    with pytest.raises(ValueError):
        Code(bad)
