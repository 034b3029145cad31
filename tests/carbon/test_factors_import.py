"""A network admin imports a Base Carbone / Base Empreinte export: all or
nothing, errors by line and field, new values as new versions."""

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from levier.carbon import factor_import
from levier.carbon.models import EmissionFactor, FactorImport, Inventory
from levier.engine.carbon.base_carbone import COLUMNS
from tests.carbon.factories import make_inventory, make_line
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

# ADEME Base Carbone V20.2 extract published by Datagir (MIT, LICENSE-datagir-MIT.txt).
EXTRACT = Path(__file__).resolve().parent / "data" / "base-carbone-v20.2-extract.csv"
ID = "Identifiant de l'élément"
TOTAL = "Total poste non décomposé"


def extract_rows():
    with EXTRACT.open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def written(fieldnames, rows, delimiter=",", encoding="utf-8", decimal=".") -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, delimiter=delimiter)
    writer.writeheader()
    for r in rows:
        writer.writerow({k: (v.replace(".", decimal) if k == TOTAL else v) for k, v in r.items()})
    return buffer.getvalue().encode(encoding, errors="replace")


def upload(data: bytes, name="export.csv"):
    return SimpleUploadedFile(name, data, content_type="text/csv")


def run(data, network, version="20.2", source="base_carbone"):
    parsed = factor_import.read(upload(data))
    return factor_import.save(
        parsed, network, source=source, source_version=version, file_name="export.csv"
    )


@pytest.fixture
def admin_client(client, network):
    client.force_login(make_network_staff(network, "network_admin"))
    return client


def test_the_real_extract_imports_whole():
    network = make_network()
    _, rows = extract_rows()
    identified = [r for r in rows if r[ID]]

    report = run(EXTRACT.read_bytes(), network)

    done = report.factor_import
    assert done.created == len({r[ID] for r in identified})
    assert done.skipped == len(rows) - len(identified)
    assert EmissionFactor.objects.filter(network=network).count() == done.created
    sample = identified[0]
    factor = EmissionFactor.objects.get(network=network, source_id=sample[ID])
    assert factor.value == pytest.approx(float(sample[TOTAL]))
    assert factor.perimeter == sample["Type poste"]
    assert factor.source_version == "20.2"


def test_semicolons_in_windows_1252_with_decimal_commas_import_the_same():
    fieldnames, rows = extract_rows()
    network, other = make_network(), make_network()

    run(EXTRACT.read_bytes(), network)
    run(written(fieldnames, rows, ";", "cp1252", ","), other)

    def figures(n):
        return sorted(
            EmissionFactor.objects.filter(network=n).values_list("source_id", "unit", "value")
        )

    assert figures(other) == figures(network)


def test_a_broken_line_reports_line_and_field_and_changes_nothing():
    fieldnames, rows = extract_rows()
    network = make_network()
    run(EXTRACT.read_bytes(), network)
    before = list(EmissionFactor.objects.filter(network=network).values_list("pk", "value"))
    broken = [dict(r) for r in rows]
    target = next(i for i, r in enumerate(broken) if r[ID])
    broken[target][TOTAL] = "deux"
    broken[target + 1][TOTAL] = str(float(broken[target + 1][TOTAL] or 0) + 1)  # a change too

    with pytest.raises(factor_import.ImportRefused) as refused:
        run(written(fieldnames, broken), network, version="20.3")

    # Line numbers count the header as line 1 (no cell of the rewritten file spans lines).
    assert [(e.line, e.field) for e in refused.value.errors] == [(target + 2, TOTAL)]
    assert "deux" in str(refused.value.errors[0])
    assert (
        list(EmissionFactor.objects.filter(network=network).values_list("pk", "value")) == before
    )
    assert FactorImport.objects.filter(network=network).count() == 1


def test_importing_again_changes_nothing():
    network = make_network()
    first = run(EXTRACT.read_bytes(), network).factor_import
    second = run(EXTRACT.read_bytes(), network).factor_import

    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert EmissionFactor.objects.filter(network=network).count() == first.created


def test_a_new_value_supersedes_while_a_locked_inventory_keeps_its_factor():
    fieldnames, rows = extract_rows()
    network = make_network()
    run(EXTRACT.read_bytes(), network)
    sample = next(r for r in rows if r[ID])
    old = EmissionFactor.objects.get(network=network, source_id=sample[ID])
    inventory = make_inventory(make_organisation(network), status=Inventory.Status.LOCKED)
    line = make_line(inventory, post="fuel_buildings", factor=old, quantity=10)
    changed = [dict(r) for r in rows]
    for r in changed:
        if r[ID] == sample[ID]:
            r[TOTAL] = str(float(r[TOTAL]) * 2)

    first_count = EmissionFactor.objects.filter(network=network).count()
    done = run(written(fieldnames, changed), network, version="20.3").factor_import

    # Every factor now says version 20.3 (in place); only the new value is a new row.
    assert done.updated == first_count
    assert EmissionFactor.objects.filter(network=network).count() == first_count + 1
    assert EmissionFactor.objects.filter(network=network, superseded_by__isnull=False).count() == 1
    newer = EmissionFactor.objects.get(
        network=network, source_id=sample[ID], superseded_by__isnull=True
    )
    old.refresh_from_db()
    line.refresh_from_db()
    assert newer.value == pytest.approx(old.value * 2)
    assert old.superseded_by_id == newer.pk
    assert line.factor_id == old.pk


def test_the_import_page_imports_and_reports(admin_client, network):
    url = reverse("carbon_factor_import", args=[network.slug])
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(
        url,
        {
            "file": upload(EXTRACT.read_bytes(), "base-carbone.csv"),
            "source": "base_carbone",
            "source_version": "20.2",
        },
    )

    done = FactorImport.objects.get(network=network)
    assert response.status_code == 302
    assert response.url == reverse("carbon_factor_import_detail", args=[network.slug, done.pk])
    page = admin_client.get(response.url).content.decode()
    assert "base-carbone.csv" in page and str(done.created) in page
    # The latest factors are told apart by their identifier and perimeter.
    latest = EmissionFactor.objects.filter(network=network).order_by("-pk").first()
    assert f"<td>{latest.source_id}</td>" in page
    assert f"<td>{latest.perimeter}</td>" in page
    form_page = admin_client.get(url).content.decode()
    assert "base-carbone.csv" in form_page  # past imports
    assert 'enctype="multipart/form-data" class="narrow" novalidate' in form_page


def test_the_networks_administrators_find_the_import_page(client, network):
    url = reverse("carbon_factor_import", args=[network.slug])
    admin = make_network_staff(network, "network_admin")
    animator = make_network_staff(network, "animator")
    for person, shown in ((admin, True), (animator, False)):
        client.force_login(person)
        for page in (reverse("carbon_factors"), reverse("carbon_network", args=[network.slug])):
            assert (url in client.get(page).content.decode()) is shown, (person, page)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"\xff\xfe" + "a;b".encode("utf-16-le"), "x.csv", "UTF-16"),
        (b"name;value\nx;1\n", "x.csv", "Base Carbone"),
        (b"anything", "x.pdf", ".csv"),
    ],
)
def test_unreadable_files_are_refused_with_a_message_never_a_500(
    admin_client, network, data, name, expected
):
    response = admin_client.post(
        reverse("carbon_factor_import", args=[network.slug]),
        {"file": upload(data, name), "source": "base_carbone", "source_version": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not FactorImport.objects.filter(network=network).exists()


def test_a_file_over_the_limit_is_refused(admin_client, network, monkeypatch):
    monkeypatch.setattr(factor_import, "MAX_FILE_BYTES", 100)
    response = admin_client.post(
        reverse("carbon_factor_import", args=[network.slug]),
        {"file": upload(EXTRACT.read_bytes()), "source": "base_carbone", "source_version": "1"},
    )

    assert response.status_code == 400
    assert not EmissionFactor.objects.filter(network=network).exists()


def test_only_the_networks_admins_import(network, admin_client):
    url = reverse("carbon_factor_import", args=[network.slug])
    for person in (
        make_network_staff(network, "animator"),
        make_member(make_organisation(network), "admin"),
    ):
        other = Client()
        other.force_login(person)
        assert other.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200


def test_the_columns_read_are_those_of_the_extract():
    fieldnames, _ = extract_rows()
    assert set(COLUMNS.values()) <= {
        __import__("levier.engine.carbon.base_carbone", fromlist=["_column_key"])._column_key(f)
        for f in fieldnames
    }
