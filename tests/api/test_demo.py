"""`ankang serve --demo`: a working demo on the embedded defaults, with the synthetic directory seeded once."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ankang.api.app import create_app
from ankang.config import Settings
from ankang.domains.care.models import Hospital


def test_demo_seeds_a_labelled_directory_once_and_matches_doctors(tmp_path: Path) -> None:
    settings = Settings(demo=True, data_dir=tmp_path)
    body = {"level": "consultation", "department_code": "03.01", "location": {"lat": 39.9, "lon": 116.4}}
    counts = []
    for _ in range(2):  # a second start must not seed again
        app = create_app(settings)
        with TestClient(app) as client:
            found = client.post("/v1/care/match", json=body).json()
        with Session(app.state.db_engine) as session:
            counts.append(session.scalar(select(func.count()).select_from(Hospital)))
    assert found["booking_offered"] and found["doctors"]
    assert all("合成数据" in d["hospital"]["name"]["zh"] for d in found["doctors"])
    assert counts[0] and counts[0] == counts[1]
