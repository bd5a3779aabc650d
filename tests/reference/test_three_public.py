"""One table of the “三公” items (``reference/data/three_public.csv``) with the names each
context prints: 预算 and 决算 wording, the total on its own or as a row of the 三公 table."""

from yusuan.reference.three_public import three_public_items, three_public_names


def test_budget_and_final_wording_differ_only_where_the_documents_do() -> None:
    items = three_public_items()
    assert items["vehicle.operation"].name() == "公务用车运行费"
    assert items["vehicle.operation"].name(final=True) == "公务用车运行维护费"
    assert items["vehicle"].name(final=True) == "公务用车购置及运行维护费"
    assert items["abroad"].name() == items["abroad"].name(final=True) == "因公出国（境）费"


def test_the_total_is_named_on_its_own_or_as_a_row_of_the_table() -> None:
    assert three_public_names(("total", "reception")) == (
        ("total", "“三公”经费合计"), ("reception", "公务接待费"))
    assert three_public_names(("total",), final=True, in_table=True) == (("total", "合计"),)
