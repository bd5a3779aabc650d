"""Every field the build reads from Part 1 and the projects is written in the draft: 主要职能's
introduction, 内设处室, 工作任务及目标, 编制依据, each project's 项目概述 … 年度预算安排 and its
绩效目标 paragraphs, and its performance-target rows. Each saved value comes back in the
document the draft builds (and its preview); a placeholder, a weight that is not a number or a
row half filled is refused with the field named beside it and nothing typed lost; the rows
are added and taken out without JavaScript (the server redraws the form, saving nothing);
an earlier save shows the differences of these fields and is restored with them."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import unescape

from tests.conftest import EXAMPLES
from tests.web.conftest import login
from tests.web.test_drafts import (
    OTHER,
    Drafting,
    draft_id,
    drafting,
    example,
    folder_zip,
    start,
)
from tests.web.test_workspace import client_of
from yusuan.compose.draft import Edits
from yusuan.model.disclosure import Disclosure
from yusuan.store import catalog
from yusuan.store.org import match
from yusuan.store.schema import DraftVersion

__all__ = ["drafting", "example"]  # the fixtures
KORLA = EXAMPLES / "korla-2024"
FINAL = EXAMPLES / "synthetic-final-2024"
PROJECT = "信息系统运行维护费"
TASKS = "row:tasks:text"
INDICATORS = f"indicators/{PROJECT}"


def _folder_draft(d: Drafting) -> tuple[object, str, int]:
    wang, token = client_of(d.site, "wang")
    return wang, token, draft_id(start(wang, token, "folder", "示例局.zip", d.folder_zip))


def _stored(d: Drafting, draft: int) -> tuple[int, Edits]:
    with d.site.store.reading() as session:
        rows = session.query(DraftVersion).filter_by(draft_id=draft).all()
    return len(rows), Edits.from_data(json.loads(rows[-1].data_json)["edits"])


def _indicator_form(rows: list[list[str]]) -> dict[str, list[str]]:
    keys = ("level1", "level2", "level3", "value", "basis", "prior_value", "weight",
            "scoring_rule", "evidence")
    return {f"row:{INDICATORS}:{k}": [r[i] for r in rows] for i, k in enumerate(keys)}


def _submitted(d: Drafting, client, token: str, draft: int) -> Disclosure:
    """The document the draft builds, as submitted and stored for review."""
    response = client.post(f"/admin/drafts/{draft}/submit", data={"csrf": token},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
    with d.site.store.reading() as session:
        return catalog.load_disclosure(session, int(response.headers["location"].rsplit("/")[-1]))


def test_every_part1_and_project_field_round_trips_into_the_built_document(drafting: Drafting):
    wang, token, draft = _folder_draft(drafting)
    page = wang.get(f"/admin/drafts/{draft}/texts").text
    for label in ("主要工作任务及目标", "预算编制的相关依据及测算分析情况", "内设处室", "项目概述",
                  "年度预算安排", "绩效目标（项目经费情况说明）", "三级指标", "分值权重"):
        assert label in page, label
    # the example's own values are shown to be edited
    assert "保障局本部政务信息系统全年稳定运行（示例）。" in page and "系统运行率" in page
    form = {
        "csrf": token,
        "rows": ["functions_intro", "functions", "internal_divisions", "tasks", "basis",
                 f"targets/{PROJECT}", INDICATORS],
        "row:functions:text": ["1.负责全区示例工作。", "（二）承办交办事项。"],  # numbered by hand
        "row:functions_intro:text": ["示例局是区政府工作部门。"],
        "row:internal_divisions:text": ["办公室", "财务科", ""],
        TASKS: ["完成全区示例工作。", "推进信息化建设。\n按期完成年度考核。"],
        "row:basis:text": ["《预算法》及其实施条例。"],
        f"row:targets/{PROJECT}:text": ["系统全年可用率不低于99%。"],
        f"project:{PROJECT}:summary": "保障政务系统稳定运行。",
        f"project:{PROJECT}:arrangement": "2025年度项目预算1,336,600.00元。",
        f"project:{PROJECT}:unit": "示例局信息科",
        **_indicator_form([["产出指标", "数量指标", "巡检次数", ">=12次", "计划标准", "12次",
                            "40", "按完成比例赋分", "巡检记录"],
                           ["", "", "", "", "", "", "", "", ""]]),
    }
    saved = wang.post(f"/admin/drafts/{draft}/save?page=texts", data=form,
                      follow_redirects=False)
    assert saved.status_code == 303, saved.text
    count, edits = _stored(drafting, draft)
    assert count == 2
    assert edits.overview["tasks"] == ("完成全区示例工作。", "推进信息化建设。", "按期完成年度考核。")
    assert edits.overview["internal_divisions"] == ("办公室", "财务科")  # the blank row dropped

    d = _submitted(drafting, wang, token, draft)
    o = d.overview
    assert o.functions_intro == ("示例局是区政府工作部门。",)
    assert o.functions == ("负责全区示例工作。", "承办交办事项。")  # the frame numbers them
    assert o.tasks == ("完成全区示例工作。", "推进信息化建设。", "按期完成年度考核。")
    assert o.basis == ("《预算法》及其实施条例。",) and o.internal_divisions == ("办公室", "财务科")
    performance = next(p for p in d.project_performance if p.project == PROJECT)
    assert [(i.level3, i.value, i.weight) for i in performance.indicators] == [
        ("巡检次数", ">=12次", Decimal("40"))]
    text = " ".join(s.text for sec in d.narrative for p in sec.paragraphs for s in p)
    for words in ("保障政务系统稳定运行。", "2025年度项目预算1,336,600.00元。", "示例局信息科",
                  "系统全年可用率不低于99%。"):
        assert words in text, words
    html = unescape(wang.get(f"/admin/drafts/{draft}/preview.html").text)
    for words in ("推进信息化建设。", "《预算法》及其实施条例。", "示例局是区政府工作部门。",
                  "巡检次数", "保障政务系统稳定运行。", "财务科"):
        assert words in html, words
    # and the form shows what was saved
    page = wang.get(f"/admin/drafts/{draft}/texts").text
    assert ">按期完成年度考核。</textarea>" in page and 'value="巡检次数"' in page
    assert "系统运行率" not in page  # the example's rows replaced by the one written


def test_a_placeholder_or_a_bad_row_is_refused_beside_its_field_and_nothing_is_lost(drafting: Drafting):
    wang, token, draft = _folder_draft(drafting)
    form = {"csrf": token, "rows": ["tasks", INDICATORS],
            TASKS: ["完成全区示例工作。", "全年完成XXX项任务"],
            f"project:{PROJECT}:summary": "预算x,xxx元用于运维",
            f"project:{PROJECT}:period": "全年（已写好，不应丢失）",
            **_indicator_form([["产出指标", "数量指标", "巡检次数", ">=12次", "", "", "四十",
                                "", ""], ["满意度指标", "", "", "", "", "", "", "", ""]])}
    refused = wang.post(f"/admin/drafts/{draft}/save?page=texts", data=form)
    assert refused.status_code == 400
    page = unescape(refused.text)
    assert "有 5 处需要修改" in page
    # each message names its field and stands beside it, the field marked invalid
    for field, message in (
            ("row:tasks:text", "“部门概况：主要工作任务及目标 第2段”留有模板占位符“XXX”"),
            (f"project:{PROJECT}:summary", f"“项目“{PROJECT}”的项目概述”留有模板占位符“x,xxx”"),
            (f"row:{INDICATORS}:weight", "分值权重“四十”应为数字"),
            (f"row:{INDICATORS}:level3", "绩效指标第2行：请填写三级指标")):
        m = re.search(r'name="' + re.escape(field) + r'"[^>]*aria-describedby="([^"]+)"', page)
        assert m is not None, field
        assert re.search(r'id="' + re.escape(m.group(1)) + r'">[^<]*' + re.escape(message), page), \
            message
        assert f'<a href="#{m.group(1)}">' in page  # and listed above the form, linked to it
    # everything typed is still there, unsaved
    assert ">全年完成XXX项任务</textarea>" in page and ">全年（已写好，不应丢失）</textarea>" in page
    assert 'value="四十"' in page and 'value="满意度指标"' in page
    assert _stored(drafting, draft)[0] == 1
    checked = wang.post(f"/admin/drafts/{draft}/check", data=form)
    assert checked.status_code == 422 and "模板占位符" in checked.json()["error"]
    assert f"project:{PROJECT}:summary" in checked.json()["fields"]


def narrative_of(d: Disclosure) -> str:
    return " ".join(s.text for sec in d.narrative for p in sec.paragraphs for s in p)


def _tasks(page: str) -> list[str]:
    """The task rows a page shows (the blank row of the list's <template> left out)."""
    shown = re.sub(r"<template>.*?</template>", "", page, flags=re.S)
    return re.findall(r'<textarea name="row:tasks:text"[^>]*>([^<]*)</textarea>', shown)


def test_rows_are_added_and_removed_without_javascript(drafting: Drafting):
    wang, token, draft = _folder_draft(drafting)
    typed = {"csrf": token, "rows": ["tasks"], TASKS: ["第一项任务", "第二项任务", "第三项任务"],
             f"project:{PROJECT}:summary": "未保存的概述"}
    added = wang.post(f"/admin/drafts/{draft}/save?page=texts", data={**typed, "row": "add:tasks"})
    assert added.status_code == 200
    tasks = _tasks(added.text)
    assert tasks == ["第一项任务", "第二项任务", "第三项任务", ""]
    assert re.search(r'<textarea name="row:tasks:text"[^>]*autofocus[^>]*></textarea>', added.text)
    assert ">未保存的概述</textarea>" in added.text  # other unsaved input kept
    removed = wang.post(f"/admin/drafts/{draft}/save?page=texts",
                        data={**typed, "row": "remove:2:tasks"})
    tasks = _tasks(removed.text)
    assert tasks == ["第一项任务", "第三项任务"] and ">未保存的概述</textarea>" in removed.text
    assert 'aria-label="删除主要工作任务及目标第 2 段"' in removed.text
    assert _stored(drafting, draft)[0] == 1  # nothing saved by a row button
    # every row removed and saved: no tasks (the source's are not brought back)
    wang.post(f"/admin/drafts/{draft}/save?page=texts", data={"csrf": token, "rows": ["tasks"]})
    assert _stored(drafting, draft)[1].overview["tasks"] == ()


def test_an_earlier_save_shows_and_restores_the_new_fields(drafting: Drafting):
    wang, token, draft = _folder_draft(drafting)
    for task, weight in (("第一版任务", "40"), ("第二版任务", "60")):
        saved = wang.post(f"/admin/drafts/{draft}/save?page=texts", data={
            "csrf": token, "rows": ["tasks", INDICATORS], TASKS: [task],
            f"project:{PROJECT}:summary": f"{task}的概述",
            **_indicator_form([["产出指标", "数量指标", "巡检次数", ">=12次", "", "", weight,
                                "", ""]])}, follow_redirects=False)
        assert saved.status_code == 303, saved.text
    page = unescape(wang.get(f"/admin/drafts/{draft}/versions/2").text)
    assert "部门概况：主要工作任务及目标" in page and "第一版任务" in page and "第二版任务" in page
    assert f"项目：“{PROJECT}” 项目概述" in page
    assert f"绩效指标：“{PROJECT}”" in page and "分值权重 40" in page and "分值权重 60" in page
    back = wang.post(f"/admin/drafts/{draft}/versions/2/restore", data={"csrf": token},
                     follow_redirects=False)
    assert back.status_code == 303
    d = _submitted(drafting, wang, token, draft)
    assert d.overview.tasks == ("第一版任务",)
    performance = next(p for p in d.project_performance if p.project == PROJECT)
    assert performance.indicators[0].weight == Decimal("40")


def test_staffing_units_overall_targets_other_matters_and_glossary(drafting: Drafting):
    """The Korla source folder, drafted by the admin for its department: the counts of 人员
    and 单位, the budget units and their types, the 部门整体绩效目标 and its rows, 其他需说明
    的事项 and the 名词解释 — each checked, saved, in the earlier save's differences and in the
    submitted document."""
    admin = drafting.site.client
    token = login(admin)
    draft = draft_id(start(admin, token, "folder", "korla.zip", folder_zip(KORLA)))
    page = unescape(admin.get(f"/admin/drafts/{draft}/texts").text)
    assert 'name="count:actual" value="86"' in page and 'value="库尔勒市行政服务中心"' in page
    other = unescape(admin.get(f"/admin/drafts/{draft}/other").text)
    assert "本部门无其他需说明事项。" in other and 'value="电子政务政府网站巡检次数"' in other
    assert "用途、采购与名词解释" in other  # the page is in the draft's navigation
    assert '<option value="201" selected>201 一般公共服务支出</option>' in other
    for field in ('name="amount:procurement.goods" value="15.79"',
                  'name="count:assets.vehicles_official.count" value="34"',
                  'name="word:assets.as_of" type="text" value="2023年底"',
                  'name="word:published_on" type="date" value="2024-02-23"'):
        assert field in other, field

    units = {"rows": ["units"], "row:units:name": ["库尔勒市人民政府办公室", "库尔勒市行政服务中心"],
             "row:units:type": ["行政单位", "会馆"]}
    bad = admin.post(f"/admin/drafts/{draft}/save?page=texts", data={
        "csrf": token, "count:actual": "八十", "count:in_service": "39", **units})
    assert bad.status_code == 400
    text = unescape(bad.text)
    assert "“实有人数”应为整数（人数、单位数），却是“八十”" in text
    assert "预算单位第2个：单位类型应为 行政单位、参公事业单位 或 事业单位，却是“会馆”" in text
    assert 'name="count:actual" value="八十"' in text  # kept as typed
    units["row:units:type"] = ["行政单位", "事业单位"]
    counts = {"csrf": token, "count:actual": "88", "count:in_service": "41",
              "count:in_service_change": "-5", "count:retired": "", **units}
    # a 事业单位 among the units: its 公用经费 is not 机关运行经费, so the figure must be given
    unbuilt = admin.post(f"/admin/drafts/{draft}/save?page=texts", data=counts)
    assert unbuilt.status_code == 400
    m = re.search(r'name="amount:operating_cost"[^>]*aria-describedby="([^"]+)"', unbuilt.text)
    assert m and re.search(r'id="' + m.group(1) + r'">按所填内容无法生成文件：预算单位中有事业单位'
                           r'（库尔勒市行政服务中心）', unescape(unbuilt.text))
    assert "在“部门概况与项目”页填写" in unescape(unbuilt.text)
    assert _stored(drafting, draft)[0] == 1
    saved = admin.post(f"/admin/drafts/{draft}/save?page=texts",
                       data={**counts, "amount:operating_cost": "90.5"}, follow_redirects=False)
    assert saved.status_code == 303, saved.text

    facts = {"amount:procurement.total": "20.29", "amount:procurement.goods": "17.79",
             "count:assets.vehicles.count": "33", "count:assets.vehicles_official.count": "33",
             "word:assets.as_of": "2023年12月31日", "word:published_on": "2024/2/23"}
    wrong = unescape(admin.post(f"/admin/drafts/{draft}/save?page=other",
                                data={"csrf": token, **facts, "amount:procurement.works": "-1",
                                      "count:assets.planned_vehicles": "两辆"}).text)
    for message in ("“公开日期”应写成 YYYY-MM-DD，如 2024-02-23，却是“2024/2/23”",
                    "“工程类”不能为负数，却是 -1", "“本年拟购置车辆（辆，0 为未安排）”应为整数"):
        assert message in wrong, message
    facts["word:published_on"] = "2024-02-26"
    purposes = {"row:purposes:code": ["201", "999"],
                "row:purposes:purpose": ["政务服务保障、办公及会务支出", "不存在的科目"]}
    unknown = unescape(admin.post(f"/admin/drafts/{draft}/save?page=other",
                                  data={"csrf": token, "rows": ["purposes"], **purposes}).text)
    assert "支出主要用于第2项：科目“999”不在本部门的支出表中" in unknown
    purposes = {key: values[:1] for key, values in purposes.items()}  # 205 … left out

    glossary = {"rows": ["glossary"], "row:glossary:term": ["基本支出", "", "项目支出"],
                "row:glossary:definition": ["保障机构正常运转的支出。", "", ""]}
    refused = admin.post(f"/admin/drafts/{draft}/save?page=other",
                         data={"csrf": token, **glossary})
    assert refused.status_code == 400 and "名词解释第3条：请填写解释" in unescape(refused.text)
    glossary["row:glossary:definition"][2] = "为完成特定任务的支出。"
    overall = {"rows": ["overall/1"], "overall:1": "完成全年政务服务保障。",
               "row:overall/1:level1": ["履职效能"], "row:overall/1:level2": ["数量指标"],
               "row:overall/1:level3": ["政务值班场次"], "row:overall/1:value": [">=12次"],
               "row:overall/1:basis": ["年度工作计划"], "row:overall/1:weight": ["100"]}
    saved = admin.post(f"/admin/drafts/{draft}/save?page=other", data={
        "csrf": token, "other_matters": "本部门2024年无其他需说明的事项。", **glossary, **overall,
        **facts, **purposes, "rows": ["glossary", "overall/1", "purposes"]},
        follow_redirects=False)
    assert saved.status_code == 303, saved.text

    version = unescape(admin.get(f"/admin/drafts/{draft}/versions/1").text)
    for words in ("人员编制与单位数：实有人数", "88", "机关运行经费", "90.50", "预算单位", "库尔勒市行政服务中心（事业单位）",
                  "部门整体绩效指标", "履职效能 / 数量指标 / 政务值班场次：>=12次", "其他需说明的事项",
                  "名词解释", "基本支出：保障机构正常运转的支出。", "政府采购预算合计", "20.29",
                  "资产数据截止日期", "2023年12月31日", "201：政务服务保障、办公及会务支出"):
        assert words in version, words

    d = _submitted(drafting, admin, token, draft)
    s = d.overview.staffing
    assert (s.actual, s.in_service, s.in_service_change, s.retired) == (88, 41, -5, None)
    assert "实有人数 88 人，其中：在职 41 人，减少 5 人" in " ".join(d.organisation_paragraphs)
    assert "机关运行经费财政拨款预算 90.50 万元" in narrative_of(d)  # the example's: 59.92
    assert [(g.term, g.definition) for g in d.glossary] == [
        ("基本支出", "保障机构正常运转的支出。"), ("项目支出", "为完成特定任务的支出。")]
    assert "本部门2024年无其他需说明的事项。" in narrative_of(d)
    for words in ("政府采购预算 20.29 万元，其中：政府采购货物预算 17.79 万元",
                  "截至 2023年12月31日", "车辆 33 辆，价值 647.96 万元；其中：一般公务用车 33 辆"):
        assert words in narrative_of(d), words
    assert d.published_on == "2024-02-26"
    assert "主要用于政务服务保障、办公及会务支出" in narrative_of(d)
    assert "在职人员参加业务培训的费用支出" not in narrative_of(d)  # 205's, taken out
    (o,) = d.overall_performance
    assert o.goals == "完成全年政务服务保障。"
    assert [(i.level3, i.weight) for i in o.indicators] == [("政务值班场次", Decimal("100"))]


def test_the_pages_of_a_workbook_draft_and_of_one_carried_from_last_year(drafting: Drafting):
    """Whatever a draft starts from, its pages open and what is written reaches the document
    (a workbook holds no projects: its 项目经费情况说明 is one text)."""
    wang, token = client_of(drafting.site, "wang")
    workbook = draft_id(start(wang, token, "workbook", "wb.xlsx", drafting.workbook))
    carried = draft_id(wang.post("/admin/drafts", data={
        "csrf": token, "previous": str(drafting.last_year)}, follow_redirects=False))
    for draft in (workbook, carried):
        for page in ("texts", "other", "reasons"):
            assert wang.get(f"/admin/drafts/{draft}/{page}").status_code == 200, (draft, page)
        saved = wang.post(f"/admin/drafts/{draft}/save?page=texts", data={
            "csrf": token, "rows": ["tasks"], TASKS: [f"草稿{draft}的工作任务。"]},
            follow_redirects=False)
        assert saved.status_code == 303, saved.text
        html = wang.get(f"/admin/drafts/{draft}/preview.html").text
        assert f"草稿{draft}的工作任务。" in html
    assert 'name="text:projects"' in wang.get(f"/admin/drafts/{workbook}/texts").text


def test_a_final_accounts_draft_writes_its_initial_budget_and_texts(drafting: Drafting):
    """A 决算 drafted online: the 年初预算数 of each figure the narrative compares, and the
    texts by topic (绩效管理, 三公 items), as budget.yaml ``initial_budget`` and ``texts``."""
    admin = drafting.site.client
    token = login(admin)
    with drafting.site.store.reading() as session:
        other = match(session, OTHER).department_id
    response = admin.post("/admin/drafts", data={"csrf": token, "start": "folder",
                                                 "department": str(other)},
                          files={"file": ("final.zip", folder_zip(FINAL))},
                          follow_redirects=False)
    draft = draft_id(response)
    page = unescape(admin.get(f"/admin/drafts/{draft}/other").text)
    assert "年初预算数" in page and 'name="initial:gpb" value="1000.00"' in page
    assert 'name="initial:gpb.2010301" value="780.00"' in page and "预算绩效管理工作开展情况" in page
    bad = admin.post(f"/admin/drafts/{draft}/save?page=other", data={
        "csrf": token, "initial:gpb": "一千"})
    assert bad.status_code == 400
    assert "“年初预算数：一般公共预算财政拨款支出合计”“一千”不是金额" in unescape(bad.text)
    saved = admin.post(f"/admin/drafts/{draft}/save?page=other", data={
        "csrf": token, "initial:gpb": "1100", "initial:gpb.2010301": "880",
        "final:three_public.abroad": "因公出国（境）费支出10.00万元，团组1个。"},
        follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert "年初预算数：2010301 行政运行" in unescape(admin.get(f"/admin/drafts/{draft}/versions/1").text)
    text = narrative_of(_submitted(drafting, admin, token, draft))
    assert "一般公共预算财政拨款支出年初预算为1,100.00万元" in text
    assert "年初预算为880.00万元，支出决算为800.00万元" in text
    assert "因公出国（境）费支出10.00万元，团组1个。" in text
