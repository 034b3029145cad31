"""Carbon footprint pages. Each area's views live in their own module."""

from django.urls import path

from levier.carbon import (
    factor_views,
    inventory_views,
    network_views,
    reduction_views,
    report_views,
    survey_views,
)

C = "o/<org:org_slug>/carbon/"
I = C + "<inventory:pk>/"  # noqa: E741
N = "n/<network:network_slug>/carbon/"

urlpatterns = [
    # Inventories and their lines (inventory_views).
    path(C, inventory_views.inventory_list, name="carbon_inventories"),
    path(C + "new/", inventory_views.inventory_new, name="carbon_inventory_new"),
    path(I, inventory_views.inventory_detail, name="carbon_inventory"),
    path(I + "settings/", inventory_views.inventory_settings, name="carbon_inventory_settings"),
    path(I + "lines/new/", inventory_views.line_new, name="carbon_line_new"),
    path(I + "lines/<inventory_line:line_id>/", inventory_views.line_edit, name="carbon_line"),
    path(
        I + "lines/<inventory_line:line_id>/delete/",
        inventory_views.line_delete,
        name="carbon_line_delete",
    ),
    path(I + "lock/", inventory_views.inventory_lock, name="carbon_inventory_lock"),
    path(I + "results/", report_views.inventory_results, name="carbon_results"),
    # Factors: the searchable list (any member), imports (network admins).
    path("carbon/factors/", factor_views.factor_list, name="carbon_factors"),
    path("carbon/factors/pick/", factor_views.factor_pick, name="carbon_factor_pick"),
    path("carbon/factors/<factor:pk>/", factor_views.factor_detail, name="carbon_factor"),
    path(N + "factors/import/", factor_views.factor_import, name="carbon_factor_import"),
    path(
        N + "factors/import/<factor_import:import_id>/",
        factor_views.factor_import_detail,
        name="carbon_factor_import_detail",
    ),
    # Exports (report_views).
    path(I + "report.pdf", report_views.inventory_pdf, name="carbon_pdf"),
    path(I + "export.xlsx", report_views.inventory_xlsx, name="carbon_xlsx"),
    path(I + "beges.<ext:ext>", report_views.inventory_beges, name="carbon_beges"),
    # Commuting survey (survey_views).
    path(I + "commuting/", survey_views.survey_manage, name="carbon_survey"),
    path(I + "commuting/weeks/", survey_views.survey_weeks, name="carbon_survey_weeks"),
    path(I + "commuting/open/", survey_views.survey_open, name="carbon_survey_open"),
    path(I + "commuting/count/", survey_views.survey_count, name="carbon_survey_count"),
    path("commute/<survey_token:token>/", survey_views.survey_answer, name="carbon_survey_answer"),
    path(
        "commute/<survey_token:token>/thanks/",
        survey_views.survey_thanks,
        name="carbon_survey_thanks",
    ),
    # From footprint to actions (reduction_views).
    path(I + "where-to-start/", reduction_views.where_to_start, name="carbon_where_to_start"),
    path(I + "where-to-start/add/", reduction_views.add_to_plan, name="carbon_reduction_add"),
    path(
        C + "assessment/<assessment:pk>/<question:code>/use/",
        reduction_views.use_suggestion,
        name="carbon_use_suggestion",
    ),
    # The network's aggregated footprint (network_views).
    path(N, network_views.network_footprint, name="carbon_network"),
]
