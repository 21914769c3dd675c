"""District-level bodies for 003 §6: ``bodies_import`` takes them with their oblast; the demo's real districts."""

from __future__ import annotations

from pathlib import Path

import pytest

from ashyq.core.demo import load_reference_bodies
from ashyq.orgs.models import Body, BodyKind
from ashyq.orgs.services import BodyImportError, bodies_import_csv

pytestmark = pytest.mark.django_db
DISTRICTS = Path(__file__).resolve().parents[2] / "ashyq" / "orgs" / "data" / "districts-pavlodar.csv"
HEADER = "kind,name_ru,name_kk,legalacts_government_id,notes,parent\n"


def test_the_pavlodar_districts_and_cities_come_in_under_their_oblast() -> None:
    load_reference_bodies()
    result = bodies_import_csv(text=DISTRICTS.read_text(encoding="utf-8"), actor=None)
    assert len(result.created) == 13
    pavlodar = Body.objects.get(name_ru="Павлодарская область")
    assert set(pavlodar.children.values_list("kind", flat=True)) == {
        BodyKind.DISTRICT_AKIMAT,
        BodyKind.OBLAST_CITY_AKIMAT,
    }
    assert pavlodar.children.filter(kind=BodyKind.DISTRICT_AKIMAT).count() == 10
    again = bodies_import_csv(text=DISTRICTS.read_text(encoding="utf-8"), actor=None)
    assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, 13)


def test_districts_of_the_same_name_in_two_oblasts_are_two_bodies() -> None:
    load_reference_bodies()
    text = HEADER + "district,Актогайский район,Ақтоғай ауданы,,,Павлодарская область\n"
    text += "district,Актогайский район,Ақтоғай ауданы,,,Карагандинская область\n"
    bodies_import_csv(text=text, actor=None)
    parents = set(Body.objects.filter(name_ru="Актогайский район").values_list("parent__name_ru", flat=True))
    assert parents == {"Павлодарская область", "Карагандинская область"}


def test_a_district_under_a_ministry_is_refused() -> None:
    load_reference_bodies()
    text = HEADER + "district,Аршалынский район,Аршалы ауданы,,,Министерство здравоохранения Республики Казахстан\n"
    with pytest.raises(BodyImportError) as refused:
        bodies_import_csv(text=text, actor=None)
    assert refused.value.errors == [(2, "a district or a city of oblast significance needs its oblast as parent")]
