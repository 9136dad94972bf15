"""The assets pages under ``/assets/`` (issue 15). Every page has a row in ``tests/access_matrix.py``."""

from __future__ import annotations

from django.urls import include, path

from thads.assets import views

urlpatterns = [
    # the debtor register
    path("debtors/", views.debtor_list, name="assets-debtor-list"),
    path("debtors/export.xlsx", views.debtor_list_xlsx, name="assets-debtor-list-xlsx"),
    path("debtors/<int:pk>/", views.debtor_detail, name="assets-debtor-detail"),
    path("debtors/<int:pk>/declaration/", views.declaration, name="assets-debtor-declaration"),
    path("debtors/<int:pk>/address-unknown/", views.address_unknown, name="assets-debtor-address-unknown"),
    path("debtors/<int:pk>/requests/new/", views.request_new, name="assets-request-new"),
    path("debtors/<int:pk>/assets/new/", views.asset_new, name="assets-asset-new"),
    path("requests/<int:pk>/reply/", views.request_reply, name="assets-request-reply"),
    # from a case
    path("cases/<int:pk>/debtor/", views.register_debtor, name="assets-register-debtor"),
    path("cases/<int:pk>/measures/new/", views.measure_new, name="assets-measure-new"),
    path("cases/<int:pk>/plans/new/", views.plan_new, name="assets-plan-new"),
    path("cases/<int:pk>/costs/new/", views.cost_new, name="assets-cost-new"),
    # measures and coercion plans
    path("measures/<int:pk>/", views.measure_detail, name="assets-measure-detail"),
    path("measures/<int:pk>/<slug:step>/", views.measure_step, name="assets-measure-step"),
    path("plans/<int:pk>/result/", views.plan_result, name="assets-plan-result"),
    # an asset, its valuation and sale
    path("assets/<int:pk>/", views.asset_detail, name="assets-asset-detail"),
    path("assets/<int:pk>/valuation/", views.valuation, name="assets-valuation"),
    path("assets/<int:pk>/auction-contract/", views.auction_contract, name="assets-auction-contract"),
    path("assets/<int:pk>/creditor-takes/", views.creditor_takes, name="assets-creditor-takes"),
    path("assets/<int:pk>/return/", views.return_asset, name="assets-return"),
    path("contracts/<int:pk>/session/", views.auction_session, name="assets-auction-session"),
    path("sessions/<int:pk>/proceeds/", views.sale_proceeds, name="assets-sale-proceeds"),
    # the statistics of coercion (thads.assets.report_views)
    path("report/", include("thads.assets.report_urls")),
    # the documents of measures and coercion plans (thads.assets.document_views)
    path("", include("thads.assets.document_urls")),
]
