"""The pages of a distrained asset's sale (Luật THADS Arts. 98–104, 126): its valuation, the auction contract, each
session with its starting price and outcome, the proceeds (split by the action: the secured creditor, the costs,
then Art. 47 over the debtor's cases), the creditor taking an unsold asset (Art. 104), and returning the asset
(Art. 126). Every write is one action of ``thads.assets.actions_auction``; each page is reached from the asset's
page, and a refusal is shown with nothing written.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from thads.assets import actions_auction
from thads.assets.forms import (
    AuctionContractForm,
    AuctionSessionForm,
    CreditorTakesForm,
    ReturnAssetForm,
    SaleProceedsForm,
    ValuationForm,
)
from thads.assets.models import Asset, AuctionContract, AuctionSession
from thads.assets.views_common import form_page, may, require, scoped
from thads.cases.models import Case
from thads.domain.auction import AUCTION_TITLES, PROCEEDS_TITLES
from thads.org.scope import scope_queryset


def _asset(user, pk: int) -> Asset:
    return scoped(user, Asset.objects.select_related("debtor", "debtor__unit"), pk, "debtor__unit")


def _back(asset_id: int) -> str:
    return reverse("assets-asset-detail", args=[asset_id])


@login_required
def valuation(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    asset = _asset(user, pk)
    require(may(user, asset.debtor.unit, AUCTION_TITLES))
    form = ValuationForm(request.POST or None, measures=list(asset.measures.order_by("decided_on")))
    return form_page(
        request, form, title=_("Valuation of the asset (Arts. 98–99)"), back=_back(asset.pk),
        call=lambda **kw: actions_auction.do_value_asset(user, asset.pk, **kw),
        done=_("The valuation is recorded."), context={"asset": asset, "debtor": asset.debtor})


@login_required
def auction_contract(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    asset = _asset(user, pk)
    require(may(user, asset.debtor.unit, AUCTION_TITLES))
    form = AuctionContractForm(request.POST or None, measures=list(asset.measures.order_by("decided_on")))
    return form_page(
        request, form, title=_("Auction contract (Art. 101)"), back=_back(asset.pk),
        call=lambda **kw: actions_auction.do_sign_auction_contract(user, asset.pk, **kw),
        done=_("The auction contract is recorded."), context={"asset": asset, "debtor": asset.debtor})


@login_required
def auction_session(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    contract = scoped(user, AuctionContract.objects.select_related("asset", "asset__debtor", "asset__debtor__unit"),
                      pk, "asset__debtor__unit")
    asset = contract.asset
    require(may(user, asset.debtor.unit, AUCTION_TITLES))
    last = asset.auction_sessions.order_by("-seq").first()
    initial = {"starting_price": last.starting_price} if last is not None else {}
    form = AuctionSessionForm(request.POST or None, initial=initial)
    return form_page(
        request, form, title=_("Auction session"), back=_back(asset.pk),
        call=lambda **kw: actions_auction.do_record_auction_session(user, contract.pk, **kw),
        done=_("The auction session is recorded."),
        context={"asset": asset, "debtor": asset.debtor, "contract": contract, "last_session": last})


@login_required
def sale_proceeds(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    session = scoped(user, AuctionSession.objects.select_related("asset", "asset__debtor", "asset__debtor__unit"),
                     pk, "asset__debtor__unit")
    asset = session.asset
    require(may(user, asset.debtor.unit, PROCEEDS_TITLES))
    form = SaleProceedsForm(request.POST or None)
    return form_page(
        request, form, title=_("Proceeds of the sale"), back=_back(asset.pk),
        call=lambda **kw: actions_auction.do_record_sale_proceeds(user, session.pk, **kw),
        done=_("The proceeds are recorded and split by the order of payment."),
        context={"asset": asset, "debtor": asset.debtor, "session": session})


@login_required
def creditor_takes(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    asset = _asset(user, pk)
    require(may(user, asset.debtor.unit, AUCTION_TITLES))
    cases = list(scope_queryset(user, Case.objects.all()).filter(debtor_link__debtor=asset.debtor).order_by("id"))
    last = asset.auction_sessions.order_by("-seq").first()
    initial = {"price": last.starting_price} if last is not None else {}
    form = CreditorTakesForm(request.POST or None, initial=initial, cases=cases)
    return form_page(
        request, form, title=_("The creditor takes the asset (Art. 104)"), back=_back(asset.pk),
        call=lambda **kw: actions_auction.do_creditor_takes_asset(user, asset.pk, **kw),
        done=_("Recorded: the creditor takes the asset."), context={"asset": asset, "debtor": asset.debtor})


@login_required
def return_asset(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    asset = _asset(user, pk)
    require(may(user, asset.debtor.unit, AUCTION_TITLES))
    form = ReturnAssetForm(request.POST or None, initial={"to_whom": asset.debtor.name})
    return form_page(
        request, form, title=_("Return the asset (Art. 126)"), back=_back(asset.pk),
        call=lambda **kw: actions_auction.do_return_asset(user, asset.pk, **kw),
        done=_("Recorded: the asset is returned."), context={"asset": asset, "debtor": asset.debtor})
