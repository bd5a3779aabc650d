"""The generated Part 3 as the HTML document prints it: every section, the performance
tables where 十二(四) says "具体情况见下表：", then (五)."""

from __future__ import annotations

from yusuan.render.html import render_html


def test_part3_in_html_with_the_performance_tables_in_place(korla_disclosure):
    html = render_html(korla_disclosure).decode("utf-8")
    part3 = html[html.index('id="part3"'):]
    for s in korla_disclosure.narrative:
        assert f'data-section="{s.key}"' in part3
    marks = ("（四）预算绩效情况", "具体情况见下表：", "部门整体绩效目标表", "项目支出绩效目标表",
             "（五）其他需说明的事项", "本部门无其他需说明事项。")
    order = [part3.index(t) for t in marks]
    assert order == sorted(order)
    assert 'id="performance"' not in part3  # not appended a second time
