"""The command line speaks Chinese: Click's help words and usage mistakes are translated, and
a mistake reads like every yusuan error (``yusuan: 错误：…``, exit code 2)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from yusuan.cli.main import app
from yusuan.cli.zh import message

runner = CliRunner()
ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this message|required|default|"
                     r"Error|Missing|Try ")


@pytest.mark.parametrize("command", [[], ["build"], ["check"], ["codes"], ["new"], ["parse"],
                                     ["user"], ["user", "add"], ["serve"], ["ingest"], ["rules"]])
def test_help_pages_have_no_english_furniture(command: list[str]):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：yusuan")
    assert "显示本帮助并退出。" in result.output
    assert not ENGLISH.search(result.output), result.output


@pytest.mark.parametrize("command", ["build", "check", "codes", "new", "parse", "rules", "score",
                                     "ingest", "serve"])
def test_help_pages_explain_every_option_with_examples(command: str):
    said = runner.invoke(app, [command, "--help"]).output
    assert "示例：" in said and f"yusuan {command}" in said.split("示例：")[1]
    assert not re.search(r"<[a-z\[\]A-Z ]+>|range|x>=", said), said  # type names in English
    options = re.findall(r"^  (?:-\w, )?(--[\w-]+)(.*)$", said, re.M)
    unexplained = [o for o, rest in options if not re.sub(r"<[^>]*>|\[[^]]*\]", "", rest).strip()]
    assert options and unexplained == [], said  # each option says what it is for


@pytest.mark.parametrize(("args", "says"), [
    (["build"], "缺少参数 源文件夹或文件"),
    (["check"], "缺少参数 文件"),
    (["build", "src"], "缺少选项 -o / --out"),
    (["buil"], "没有命令“buil”；您是否想用：build"),
    (["check", "--bogus", "x"], "没有选项 --bogus"),
    (["check", "x", "--format"], "选项 --format 需要一个值"),
    (["serve", "--port", "abc"], "--port 的值无效：应为整数"),
    (["new", "a", "b"], "多余的参数：b"),  # build takes several (a split publication)
])
def test_usage_mistakes_in_chinese(args: list[str], says: str):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"yusuan: 错误：{says}" in result.output, result.output
    assert not ENGLISH.search(result.output), result.output


def test_an_unknown_message_is_kept_rather_than_lost():
    assert message("Something new from Click.") == "Something new from Click."


@pytest.mark.parametrize(("query", "nearest"), [
    ("2010311", "2010301 行政运行"),  # one digit off
    ("20103999", "2010399 其他政府办公厅（室）及相关机构事务支出"),  # one digit too many
    ("科技成果转化与扩展", "科技成果转化与扩散"),  # one character off
    ("维修费", "维修（护）费"),  # the printed name without its bracket
])
def test_codes_suggests_the_nearest_for_a_typo(query: str, nearest: str):
    result = runner.invoke(app, ["codes", query])
    assert result.exit_code == 2, result.output
    first = result.output.split("您要找的是不是：", 1)[1].split("，")[0].rstrip("。\n")
    assert first == nearest, result.output


def test_the_shipped_glossary_uses_full_width_punctuation():
    from importlib import resources

    import yaml

    text = (resources.files("yusuan.reference") / "glossary.yaml").read_text(encoding="utf-8")
    for entry in yaml.safe_load(text)["glossary"]:
        half = re.findall(r"[(),:;?!]", entry["term"] + entry["definition"])
        assert not half, (entry["term"], half)
