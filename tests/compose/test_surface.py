"""A clause written again takes the printed surface forms of the clause it pairs with
(``compose.names.surface``/``as_printed``): brackets, punctuation width, 其它/其他, 万/万元 and
how a figure is typed, occurrence by occurrence; another figure or other words stay ours."""

from __future__ import annotations

from yusuan.compose.names import as_printed, surface
from yusuan.model.disclosure import Section, Sentence
from yusuan.narrative.surface import as_ours

OURS = "11.“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”3,136.40万元，主要用于医疗。"


def test_brackets_and_separators_are_taken_as_printed_where_they_differ():
    printed = "11.“卫生健康支出（类)行政事业单位医疗（款)行政单位医疗(项）”3136.40万元,主要用于医疗。"
    assert surface(OURS, printed) == printed


def test_other_words_for_the_same_thing():
    assert surface("其他行政事业单位养老支出0.96万元", "其它行政事业单位养老支出0.96万元") \
        == "其它行政事业单位养老支出0.96万元"
    assert surface("单价100万元（含）以上设备（不含车辆）0台（套）",
                   "单价100万（含）以上设备（不含车辆）0台（套）") \
        == "单价100万（含）以上设备（不含车辆）0台（套）"
    assert surface("支出0.00万元：", "支出0万元:") == "支出0万元:"  # the same figure, as typed


def test_another_figure_stays_ours_typed_as_the_printed_one():
    """The printed figure is wrong: ours is kept (the difference is listed), with or without
    separators as the printed figure is typed; a figure under 1,000 says nothing of them."""
    printed = "11.“卫生健康支出（类）行政事业单位医疗（款)行政单位医疗（项）”3100.00万元，主要用于医疗。"
    assert surface(OURS, printed) == OURS.replace("3,136.40", "3136.40").replace("（款）", "（款)")
    assert surface("支出1,234.50万元", "支出2,000万元") == "支出1,234.50万元"
    assert surface("支出1234.50万元", "支出2,000万元") == "支出1,234.50万元"
    assert surface("支出1,234.50万元", "支出200万元") == "支出1,234.50万元"


def test_other_words_stay_ours():
    """Only what the two clauses share is retyped: a word the printed clause does not have
    (下降 for 减少) is ours, the bracket beside it the printed one's."""
    assert surface("因公出国（境）费减少2.00万元", "因公出国(境)费下降2.00万元") \
        == "因公出国(境)费减少2.00万元"
    assert surface("比上年增加5万元", "比上年增加6万元，增长20%") == "比上年增加5万元"


def test_each_clause_of_a_sentence_takes_its_own_printed_forms():
    ours = (Section("", "编制说明", ((Sentence("财政拨款收入3,000.00万元，比2024年预算增加（减少）1.00万元；"
                                                "其他收入1,500.00万元。", kind="text"),),)),)
    printed = (Section("", "编制说明", ((Sentence("财政拨款收入3000.00万元，比2024年预算增加(减少)1.00万元；"
                                                   "其它收入1,500.00万元。"),),)),)
    again = as_printed(ours, printed)
    assert [s.text for s in again[0].sentences()] == [
        "财政拨款收入3000.00万元，比2024年预算增加(减少)1.00万元；其它收入1,500.00万元。"]
    assert as_printed(printed, printed) == printed


def test_a_colon_after_a_lead_as_printed():
    assert surface("财政拨款收入支出增加的主要原因是项目调整。", "财政拨款收入支出增加的主要原因是：项目调整。") \
        == "财政拨款收入支出增加的主要原因是：项目调整。"
    assert surface("其中：财政拨款收入5万元", "其中财政拨款收入5万元") == "其中财政拨款收入5万元"
    # a colon beside other words is part of a difference of words: ours stands
    assert surface("主要原因是项目调整", "主要原因是：人员增加") == "主要原因是项目调整"


def test_our_white_space_is_kept():
    """A text copy spaces figures (54.86 万元); the printed clause is compared without it."""
    assert surface("比上年增加 54.86 万元，增长 3.82%", "比上年增加54.86万,增长3.82%") \
        == "比上年增加 54.86 万，增长 3.82%".replace("，", ",")


def test_printed_text_read_as_ours():
    assert as_ours("增加 3,959.28 万，增长22%;其它收入1，234.50万元(含),合计:5") \
        == "增加 3,959.28 万元，增长22%；其他收入1,234.50万元（含），合计：5"
