import json

import pytest

from yusuan.model.errors import InputError
from yusuan.model.serialize import disclosure_from_data, disclosure_from_json, disclosure_to_data


def test_json_round_trip_is_exact(korla_disclosure):
    data = json.loads(json.dumps(disclosure_to_data(korla_disclosure), ensure_ascii=False))
    assert data["schema_version"] == "1.0"
    assert disclosure_from_data(data) == korla_disclosure


def _korla_json(korla_disclosure) -> dict:
    return json.loads(json.dumps(disclosure_to_data(korla_disclosure), ensure_ascii=False))


def _refused(data: dict | bytes) -> InputError:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    with pytest.raises(InputError) as exc:
        disclosure_from_json(raw, "d.json")
    assert exc.value.file == "d.json"
    return exc.value


def test_wrong_amount_names_its_json_path(korla_disclosure):
    data = _korla_json(korla_disclosure)
    data["tables"][3]["rows"][7]["values"]["total"] = "1e999"
    err = _refused(data)
    assert err.field == "tables[3].rows[7].values.total"
    assert "不是金额" in err.message


@pytest.mark.parametrize("value, words", [
    ("99999999999999999999999999999999", "超出范围"),
    ("NaN", "不是金额"),
    (True, "应为金额"),
    ([1], "应为金额"),
])
def test_bad_amounts_are_refused(korla_disclosure, value, words):
    data = _korla_json(korla_disclosure)
    key = next(iter(data["tables"][0]["rows"][0]["values"]))
    data["tables"][0]["rows"][0]["values"][key] = value
    err = _refused(data)
    assert words in err.message and err.field.startswith("tables[0].rows[0].values.")


@pytest.mark.parametrize("edit, field", [
    (lambda d: d.update(year="2024"), "year"),
    (lambda d: d.update(year=10**30), "year"),
    (lambda d: d.update(tables={"a": 1}), "tables"),
    (lambda d: d["tables"][1].pop("rows"), "tables[1]"),
    (lambda d: d["tables"][1].update(unit="千元"), "tables[1].unit"),
    (lambda d: d["tables"][2]["rows"][0].update(name=None), "tables[2].rows[0].name"),
    (lambda d: d["tables"][2]["columns"][0].update(path="总计"), "tables[2].columns[0].path"),
    (lambda d: d["overview"]["staffing"].update(actual=1.5), "overview.staffing.actual"),
])
def test_wrong_types_name_the_field(korla_disclosure, edit, field):
    data = _korla_json(korla_disclosure)
    edit(data)
    assert _refused(data).field == field


def test_json_constants_and_nesting_are_refused():
    assert "NaN" in _refused(b'{"schema_version": "1.0", "year": NaN}').message
    assert "嵌套过深" in _refused(b"[" * 100_000 + b"]" * 100_000).message
    assert "JSON" in _refused(b'{"year": ' + b"9" * 5000 + b"}").message


def test_json_numbers_are_read_exactly(korla_disclosure):
    data = _korla_json(korla_disclosure)
    key = next(iter(data["tables"][0]["rows"][0]["values"]))
    raw = json.dumps(data, ensure_ascii=False).replace(
        json.dumps({key: data["tables"][0]["rows"][0]["values"][key]}, ensure_ascii=False)[1:-1],
        f'"{key}": 1491.86', 1)
    loaded = disclosure_from_json(raw.encode(), "d.json")
    assert str(loaded.tables[0].rows[0].values[key]) == "1491.86"
