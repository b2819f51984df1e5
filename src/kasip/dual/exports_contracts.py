"""Export of tripartite contracts (XLSX, CSV) at /exports/contracts.xlsx and through the API."""

from kasip.core.exports import ExportSpec, register

from . import policy, selectors

register(ExportSpec("contracts", "Tripartite contracts", policy.can_export_contracts,
                    lambda: list(selectors.EXPORT_HEADERS), lambda actor: selectors.export_rows(actor)))
