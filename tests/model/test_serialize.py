import json

from yusuan.model.serialize import disclosure_from_data, disclosure_to_data


def test_json_round_trip_is_exact(korla_disclosure):
    data = json.loads(json.dumps(disclosure_to_data(korla_disclosure), ensure_ascii=False))
    assert data["schema_version"] == "1.0"
    assert disclosure_from_data(data) == korla_disclosure
