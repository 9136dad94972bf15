"""The assets pages (issue 15), gathered for the URLconf (``thads.assets.urls``); each page family lives in its own
module:

- ``views_common``: the scope lookups (outside the scope: 404), the title gates (403), the one form page
  (form → one ``do_*`` action → redirect, or the Vietnamese refusal with nothing written), the double-submit token;
- ``views_debtors``: the debtor register (list, search, debtor page, asset page) and its forms;
- ``views_measures``: deciding a measure, a measure's page with its history and the forms of its steps;
- ``views_coercion``: coercion plans (Art. 72) and their result, coercion costs (Art. 73);
- ``views_auction``: valuation, auction contract and sessions, proceeds, the creditor taking the asset, return;
- ``xlsx``: the register's download; ``pages_hooks``: the case page's panel and the case list's filter.
"""

from __future__ import annotations

from thads.assets.views_auction import (
    auction_contract,
    auction_session,
    creditor_takes,
    return_asset,
    sale_proceeds,
    valuation,
)
from thads.assets.views_coercion import cost_new, plan_new, plan_result
from thads.assets.views_debtors import (
    address_unknown,
    asset_detail,
    asset_new,
    debtor_detail,
    debtor_list,
    declaration,
    register_debtor,
    request_new,
    request_reply,
)
from thads.assets.views_measures import measure_detail, measure_new, measure_step
from thads.assets.xlsx import debtor_list_xlsx

__all__ = [
    "address_unknown", "asset_detail", "asset_new", "auction_contract", "auction_session", "cost_new", "creditor_takes",
    "debtor_detail", "debtor_list", "debtor_list_xlsx", "declaration", "measure_detail", "measure_new",
    "measure_step", "plan_new", "plan_result", "register_debtor", "request_new", "request_reply", "return_asset",
    "sale_proceeds", "valuation",
]
