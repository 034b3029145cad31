"""The VSME datapoint catalogue: complete (B1-B11, C1-C9 in order), well
typed, tied to names that exist in EFRAG's blank template, labelled in
French and English, and exactly what the build script makes of EFRAG's
files today."""

import importlib.util
import re
import sys
import warnings
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.cell import range_boundaries

from levier.engine.vsme.catalogue import (
    DEFAULT_PATH,
    KINDS,
    MODULES,
    REQUIREMENTS,
    STORAGES,
    UNITS,
    Field,
    Table,
    load,
)

ROOT = Path(__file__).resolve().parents[3]
CAMEL_CASE = re.compile(r"[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+")


def _script():
    spec = importlib.util.spec_from_file_location(
        "build_vsme_catalogue", ROOT / "scripts" / "build_vsme_catalogue.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _script()


@pytest.fixture(scope="module")
def template_names(script):
    """The blank template's defined names and their ranges (sheet, "D406:D505")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        workbook = openpyxl.load_workbook(script.TEMPLATE, read_only=False)
    names = {}
    for name, defined in workbook.defined_names.items():
        destinations = list(defined.destinations)
        if len(destinations) == 1:
            sheet, ref = destinations[0]
            names[name] = (sheet, ref.replace("$", ""))
    return names


@pytest.fixture(scope="module")
def catalogue():
    return load()


def _fields(catalogue, computed=True):
    """Every field: scalars, table columns and (by default) computed datapoints."""
    for disclosure in catalogue.disclosures:
        for field in disclosure.fields():
            yield disclosure, field
        for table in disclosure.tables():
            for column in table.columns:
                yield disclosure, column
        if computed:
            for field in disclosure.computed:
                yield disclosure, field


def _codes(disclosure):
    return {field.code for field in disclosure.fields()} | {
        column.code for table in disclosure.tables() for column in table.columns
    }


def test_the_disclosures_are_b1_to_b11_then_c1_to_c9():
    catalogue = load()
    codes = [disclosure.code for disclosure in catalogue.disclosures]
    assert codes == [f"B{n}" for n in range(1, 12)] + [f"C{n}" for n in range(1, 10)]
    assert [d.code for d in catalogue.basic()] == codes[:11]
    assert [d.code for d in catalogue.comprehensive()] == codes[11:]
    assert {d.module for d in catalogue.disclosures} == set(MODULES)
    assert catalogue.version == "VSME Digital Template 1.3.0 / taxonomy 2026-05-01"
    with pytest.raises(KeyError):
        catalogue.disclosure("B12")


def test_the_default_catalogue_is_read_once():
    assert load() is load()
    assert load(DEFAULT_PATH) == load()


def test_every_field_has_a_known_kind_requirement_storage_and_unit(catalogue):
    for _, field in _fields(catalogue):
        assert field.kind in KINDS, field.code
        assert field.requirement in REQUIREMENTS, field.code
        assert field.storage in STORAGES, field.code
        assert field.unit in ("", *UNITS), field.code
        assert all(unit.code in UNITS and unit.value for unit in field.units), field.code
        if field.units:
            assert field.unit in {unit.code for unit in field.units}, field.code
        if field.kind == "money":
            assert field.unit == "EUR"
        if field.kind == "percent":
            assert field.unit == "%"
        if field.kind == "boolean":
            assert field.storage in ("checkbox", "yes_no"), field.code
        if field.kind == "choice":
            assert field.storage == "option", field.code
        if field.kind == "choices":
            assert field.storage in ("option_per_cell", "checkbox_per_option"), field.code
        if field.storage == "option_per_cell":
            assert field.max_items > 1, field.code


def test_every_template_name_exists_in_the_blank_template(catalogue, template_names):
    used = []
    for _, field in _fields(catalogue):
        used += [field.range_name, field.unit_range, *field.cells]
    for disclosure in catalogue.disclosures:
        for table in disclosure.tables():
            used += [table.range_name, table.key_range]
    missing = [name for name in used if name and name not in template_names]
    assert missing == []
    # Each input has a cell: a range of its own, or a cell per fixed row.
    for _, field in _fields(catalogue):
        assert field.range_name or (field.cells and any(field.cells)), field.code


def test_codes_are_unique(catalogue):
    codes = [field.code for _, field in _fields(catalogue)]
    codes += [table.code for d in catalogue.disclosures for table in d.tables()]
    assert len(codes) == len(set(codes))
    for _, field in _fields(catalogue, computed=False):
        assert catalogue.field(field.code) is field
    for disclosure in catalogue.disclosures:
        for table in disclosure.tables():
            assert catalogue.table(table.code) is table
        sections = [section.code for section in disclosure.sections]
        assert sections == sorted(sections, key=int)


def _human(text, concept=""):
    return (
        bool(text.fr and text.en)
        and concept not in (text.fr, text.en)
        and not any(CAMEL_CASE.fullmatch(words) for words in (text.fr, text.en))
    )


def test_everything_has_a_french_and_an_english_label(catalogue):
    for _, field in _fields(catalogue):
        assert _human(field.label, field.concept), field.code
        assert field.paragraph, field.code
    for disclosure in catalogue.disclosures:
        assert _human(disclosure.title), disclosure.code
        for section in disclosure.sections:
            assert _human(section.title), section.code
            assert not section.title.en.startswith(("[", disclosure.code))
        for table in disclosure.tables():
            assert _human(table.label), table.code


def test_choices_have_options_labelled_in_both_languages(catalogue):
    for _, field in _fields(catalogue):
        if field.kind not in ("choice", "choices"):
            assert field.options == (), field.code
            continue
        assert field.options, field.code
        codes = [option.code for option in field.options]
        assert len(codes) == len(set(codes)), field.code
        for option in field.options:
            assert option.label.fr and option.label.en, option.code
            if field.storage == "checkbox_per_option":
                assert re.fullmatch(r"[A-Z]+\d+", option.cell), option.code
            else:
                assert option.value, option.code
        if field.storage != "checkbox_per_option":
            texts = [option.value for option in field.options]
            assert len(texts) == len(set(texts)), field.code


def test_the_sites_table_has_its_columns_and_the_templates_room(catalogue, template_names):
    sites = catalogue.table("ListOfSitesTable")
    assert [column.code for column in sites.columns] == [
        "AddressOfSite",
        "PostalCodeOfSite",
        "CityOfSite",
        "CountryOfSite",
        "GPSLocationOfSite",
    ]
    assert sites.rows == ()
    _, min_row, _, max_row = range_boundaries(template_names["AddressOfSite"][1])
    assert sites.max_rows == max_row - min_row + 1 == 100
    assert sites.range_name == "ListOfSitesTable"
    assert sites.key_range == "IdentifierOfSiteTypedAxis"
    country = catalogue.field("CountryOfSite")
    assert country.kind == "choice"
    france = next(option for option in country.options if option.code == "country:FR")
    assert (france.label.fr, france.label.en, france.value) == ("France", "France", "France")
    assert catalogue.field("GPSLocationOfSite").overwrites_formula
    for table in catalogue.disclosure("B1").tables():
        assert table.max_rows == 100
    # Every free-row column spans the table's room.
    for disclosure in catalogue.disclosures:
        for table in disclosure.tables():
            for column in table.columns:
                if table.rows:
                    assert len(column.cells) == len(table.rows), column.code
                else:
                    _, low, _, high = range_boundaries(template_names[column.range_name][1])
                    assert high - low + 1 == table.max_rows, column.code


def test_the_energy_breakdown_has_fixed_rows(catalogue):
    energy = catalogue.table("BreakdownOfEnergyConsumptionTable")
    assert [row.code for row in energy.rows] == [
        "vsme:RenewableEnergyMember",
        "vsme:NonRenewableEnergyMember",
    ]
    assert [row.label.fr for row in energy.rows] == [
        "Énergie renouvelable",
        "Énergie non renouvelable",
    ]
    assert [column.code for column in energy.columns] == [
        "EnergyConsumptionFromElectricity",
        "EnergyConsumptionFromSelfGeneratedElectricity",
        "EnergyConsumptionFromFuels",
    ]
    electricity = catalogue.field("EnergyConsumptionFromElectricity")
    assert electricity.cells == (
        "EnergyConsumptionFromElectricity_RenewableEnergyMember",
        "EnergyConsumptionFromElectricity_NonRenewableEnergyMember",
    )
    assert (electricity.kind, electricity.unit, electricity.range_name) == ("number", "MWh", "")
    assert energy.max_rows == 0
    assert energy in catalogue.disclosure("B3").tables()


def test_the_catalogue_is_what_the_script_builds_from_efrags_files(script):
    catalogue, report = script.build()
    assert script.dumps(catalogue) == DEFAULT_PATH.read_text(encoding="utf-8")
    assert report.without_range == []
    assert "GenderDiversityRatioInGovernanceBody" in " ".join(report.computed)


# Facts read in the standard and the taxonomy, asserted by hand.


def test_b1_general_information(catalogue):
    b1 = _codes(catalogue.disclosure("B1"))
    assert {
        "Assets",
        "Turnover",
        "NumberOfEmployees",
        "UndertakingsLegalForm",
        "NaceSectorClassificationCodes",
        "CountryOfPrimaryOperationsAndLocationOfSignificantAssets",
        "AddressOfSite",
    } <= b1
    assets = catalogue.field("Assets")
    assert (assets.kind, assets.unit, assets.paragraph, assets.requirement) == (
        "money",
        "EUR",
        "24(e)(iii)",
        "shall",
    )
    assert assets.range_name == "Assets"
    assert catalogue.field("NumberOfEmployees").kind == "number"  # headcount or FTE
    legal_form = catalogue.field("UndertakingsLegalForm")
    cooperative = next(o for o in legal_form.options if o.code == "vsme:CooperativeMember")
    assert (cooperative.label.fr, cooperative.value) == ("Coopérative", "cooperative")
    assert catalogue.field("OtherUndertakingsLegalForm").requirement == "if_applicable"
    nace = catalogue.field("NaceSectorClassificationCodes")
    assert (nace.kind, nace.storage, nace.max_items) == ("choices", "option_per_cell", 100)
    assert "nace:NACE_K6210" in {option.code for option in nace.options}
    assert "nace:NACE_K" not in {option.code for option in nace.options}  # a section heading


def test_b3_energy_and_greenhouse_gas_emissions(catalogue):
    b3 = catalogue.disclosure("B3")
    for code in (
        "GrossScope1GreenhouseGasEmissions",
        "GrossLocationBasedScope2GreenhouseGasEmissions",
    ):
        field = catalogue.field(code)
        assert field in b3.fields()
        assert (field.kind, field.unit, field.requirement) == ("number", "tCO2e", "shall")
    market = catalogue.field("GrossMarketBasedScope2GreenhouseGasEmissions")
    assert (market.unit, market.requirement) == ("tCO2e", "may")
    total = catalogue.field("TotalEnergyConsumption")
    assert (total.kind, total.unit, total.requirement) == ("number", "MWh", "shall")
    # Scope 3 and the totals are the template's sums: no input.
    computed = {field.code for field in b3.computed}
    assert {
        "GrossScope3GreenhouseGasEmissions",
        "TotalGrossLocationBasedScope1AndScope2GHGEmissions",
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased",
    } <= computed
    assert not computed & _codes(b3)


def test_c3_targets_repeat_the_emissions_by_baseline_and_target_year(catalogue):
    targets = catalogue.table("EstimatedGreenhouseGasEmissionsTable")
    assert targets in catalogue.disclosure("C3").tables()
    assert [row.code for row in targets.rows] == [
        "vsme:BaselineYearMember",
        "vsme:TargetYearMember",
    ]
    scope1 = catalogue.field("GrossScope1GreenhouseGasEmissions_Target")
    assert scope1.concept == "vsme:GrossScope1GreenhouseGasEmissions"
    assert scope1.cells == (
        "GrossScope1GreenhouseGasEmissions_BaselineYearMember",
        "GrossScope1GreenhouseGasEmissions_TargetYearMember",
    )
    assert catalogue.field("GreenhouseGasEmissionReductionTargetYear").kind == "year"


def test_b8_workforce(catalogue):
    b8 = catalogue.disclosure("B8")
    codes = _codes(b8)
    assert {
        "NumberOfPermanentContractEmployees",
        "NumberOfMaleEmployees",
        "NumberOfFemaleEmployees",
        "NumberOfOtherGenderEmployees",
        "NumberOfNonReportedGenderEmployees",
    } <= codes
    # The template computes temporary contracts as the total less the permanent ones.
    assert "NumberOfTemporaryContractEmployees" in {field.code for field in b8.computed}
    countries = catalogue.table("NumberOfEmployeesForCountryOfEmploymentContractTable")
    assert [column.code for column in countries.columns] == [
        "CountryOfEmploymentContractAxis",
        "NumberOfEmployeesForCountryOfEmploymentContract",
    ]
    assert catalogue.field("CountryOfEmploymentContractAxis").options == (
        catalogue.field("CountryOfSite").options
    )


def test_b11_convictions_and_fines(catalogue):
    b11 = catalogue.disclosure("B11")
    convictions = catalogue.field(
        "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws"
    )
    fines = catalogue.field("TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws")
    assert b11.fields() == [convictions, fines]
    assert (convictions.kind, fines.kind, fines.unit) == ("integer", "money", "EUR")
    assert convictions.paragraph == "43"


def test_units_the_template_asks_for(catalogue, template_names):
    air = catalogue.field("AmountOfEmissionToAir")
    assert (air.unit, air.unit_range) == ("t", "AmountOfEmissionToAir_unit")
    assert [(unit.code, unit.value) for unit in air.units] == [
        ("kg", "kilograms (kg)"),
        ("t", "metric tonnes (t)"),
    ]
    area = catalogue.field("TotalSealedArea")
    assert [unit.code for unit in area.units] == ["ha", "m2"]
    assert catalogue.field("AverageNumberOfAnnualTrainingHoursPerMaleEmployee").unit == "h"
    # Mass and volume of waste share the row's cells; the row's unit says which.
    mass = catalogue.field("WasteDivertedToRecycleOrReuseMass")
    volume = catalogue.field("WasteDivertedToRecycleOrReuseVolume")
    assert (mass.alternative, volume.alternative) == (volume.code, mass.code)
    assert template_names[mass.range_name] == template_names[volume.range_name]
    assert [unit.code for unit in volume.units] == ["m3"]


def test_storages_follow_the_template(catalogue):
    assert catalogue.field("UndertakingAppliesCircularEconomyPrinciples").storage == "yes_no"
    assert catalogue.field("SiteLocatedInABiodiversitySensitiveArea").storage == "checkbox"
    issues = catalogue.field("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative")
    assert issues.storage == "checkbox_per_option"
    assert [option.cell for option in issues.options][:2] == ["D512", "E512"]
    assert issues.options[0].code == "vsme:ClimateChangeMember"
    site = catalogue.field("IdentifierOfSitesInBiodiversitySensitiveAreasTypedAxis")
    assert (site.kind, site.refers_to) == ("integer", "ListOfSitesTable")


def test_the_other_entity_specific_information_is_left_out(catalogue):
    codes = {field.code for _, field in _fields(catalogue)}
    assert not any(code.startswith("DisclosureOfAnyOther") for code in codes)
    # C9's only datapoint is a ratio the template computes.
    c9 = catalogue.disclosure("C9")
    assert c9.sections == ()
    assert [field.code for field in c9.computed] == ["GenderDiversityRatioInGovernanceBody"]


def test_items_are_fields_or_tables(catalogue):
    for disclosure in catalogue.disclosures:
        for section in disclosure.sections:
            assert section.items
            assert all(isinstance(item, Field | Table) for item in section.items)
