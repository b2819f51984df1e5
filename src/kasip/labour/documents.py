"""The regional report as documents: HTML (the web page and the PDF's source), PDF (WeasyPrint, the charts drawn
on the server as SVG) and an XLSX workbook (openpyxl, a sheet per section)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from kasip.core import charts
from kasip.core.pdf import render_pdf

__all__ = ["REPORT_FORMATS", "quadrant_chart", "render_report"]

REPORT_FORMATS = ("html", "pdf", "xlsx")
CONTENT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def quadrant_chart(points: list[dict]) -> dict | None:
    """Demand growth (x, % over the year before) against exposure (y, mean percentile rank), a circle per
    occupation sized by its job ads and graduates, the quadrants split at no growth and the median exposure."""
    if not points:
        return None
    labels = {"x": gettext("Change in job ads over the year before, %"),
              "y": gettext("Exposure to automation and AI (mean rank, 0-1)")}
    clipped = [{**p, "growth": max(-100.0, min(200.0, p["growth"]))} for p in points]
    corners = [
        {"growth": 150, "exposure": 0.03, "text": gettext("growing, less exposed")},
        {"growth": 150, "exposure": 0.97, "text": gettext("growing, exposed")},
        {"growth": -80, "exposure": 0.03, "text": gettext("shrinking, less exposed")},
        {"growth": -80, "exposure": 0.97, "text": gettext("shrinking, exposed")},
    ]
    x = {"field": "growth", "type": "quantitative", "title": labels["x"], "scale": {"domain": [-100, 200]}}
    y = {"field": "exposure", "type": "quantitative", "title": labels["y"], "scale": {"domain": [0, 1]}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": gettext("Demand growth and exposure"), "width": 560, "height": 380,
        "layer": [
            {"data": {"values": [{"x": 0}]}, "mark": {"type": "rule", "color": "#888"},
             "encoding": {"x": {"field": "x", "type": "quantitative", "scale": {"domain": [-100, 200]}}}},
            {"data": {"values": [{"y": 0.5}]}, "mark": {"type": "rule", "color": "#888"},
             "encoding": {"y": {"field": "y", "type": "quantitative", "scale": {"domain": [0, 1]}}}},
            {"data": {"values": clipped}, "mark": {"type": "circle", "opacity": 0.6, "color": charts.PALETTE[0]},
             "encoding": {"x": x, "y": y, "size": {"field": "weight", "type": "quantitative", "legend": None,
                                                   "scale": {"range": [15, 900]}},
                          "tooltip": [{"field": "code"}, {"field": "title"}, {"field": "growth"},
                                      {"field": "exposure"}]}},
            {"data": {"values": clipped[:12]}, "mark": {"type": "text", "dy": -10, "fontSize": 9},
             "encoding": {"x": x, "y": y, "text": {"field": "code"}}},
            {"data": {"values": corners}, "mark": {"type": "text", "fontSize": 11, "color": "#555"},
             "encoding": {"x": x, "y": y, "text": {"field": "text"}}},
        ],
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }


def _demand_chart(rows: list[dict]) -> dict | None:
    values = [{"occupation": f"{r['code']} {r['title'][:40]}", "gap": r["gap"]} for r in rows
              if r["gap"] is not None and r["gap"] > 0]
    if not values:
        return None
    return charts.bar_chart(values, "occupation", "gap", title=gettext("Unmet demand (demand minus graduates)"),
                            value_title=gettext("Gap"))


def _context(data: dict) -> dict:
    quadrant = quadrant_chart(data["quadrant"])
    demand = _demand_chart(data["in_demand"])
    return {"r": data, "quadrant_svg": charts.render_svg(quadrant) if quadrant else "",
            "demand_svg": charts.render_svg(demand) if demand else ""}


def _html(data: dict, standalone: bool) -> str:
    return render_to_string("labour/report_document.html" if standalone else "labour/partials/report_body.html",
                            _context(data))


def _xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    bold = Font(bold=True)

    def sheet(title: str, headers: list[str], rows: list[list], first: bool = False):
        ws = book.active if first else book.create_sheet()
        ws.title = title[:31]
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        for row in rows:
            ws.append(row)
        for column in ws.columns:
            width = max(len(str(c.value or "")) for c in column)
            ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
        return ws

    s = data["summary"]
    sheet(gettext("Summary"), [gettext("Figure"), gettext("Value")], [
        [gettext("Year"), data["year"]],
        [gettext("Job ads, 12 months"), s["ads"]], [gettext("Declared needs"), s["declared"]],
        [gettext("Graduates"), s["graduates"]],
        [gettext("Share of students in dual training"), s["dual_share"]],
        *[[gettext("Most needed"), f"{r['code']} {r['title']}"] for r in s["top_needed"]],
        *[[gettext("Most exposed"), f"{r['code']} {r['title']}"] for r in s["top_exposed"]],
    ], first=True)
    sheet(gettext("In demand"), [gettext("Code"), gettext("Occupation"), gettext("Job ads, 12 months"),
                                 gettext("Change"), gettext("Declared needs"), gettext("Graduates"), gettext("Gap"),
                                 gettext("Forecast, next 12 months"), gettext("Interval"), gettext("Programmes")],
          [[r["code"], r["title"], r["ads"], r["growth"], r["declared"], r["graduates"], r["gap"],
            r["forecast"]["total"] if r["forecast"] else None,
            f"{r['forecast']['lower']}–{r['forecast']['upper']}" if r["forecast"] else None,
            "; ".join(f"{p['qualification']} {p['college']}" for p in r["programmes"])] for r in data["in_demand"]])
    indices = data["methodology"]["all_indices"]
    sheet(gettext("Most exposed"), [gettext("Code"), gettext("Occupation"), *indices, gettext("ILO gradient"),
                                    gettext("Mean rank"), gettext("Share of job ads"), gettext("Share of graduates"),
                                    gettext("Programmes"), gettext("Reskilling pathways")],
          [[r["code"], r["title"], *[r["values"].get(i) for i in indices], r["gradient"], r["composite"],
            r["ads_share"], r["graduates_share"],
            "; ".join(f"{p['qualification']} {p['college']}" for p in r["programmes"]),
            "; ".join(f"{p['code']} {p['title']}" for p in r["pathways"])] for r in data["exposed"]])
    sheet(gettext("Quadrant"), [gettext("Code"), gettext("Occupation"), gettext("Change in job ads, %"),
                                gettext("Mean rank"), gettext("Weight")],
          [[q["code"], q["title"], q["growth"], q["exposure"], q["weight"]] for q in data["quadrant"]])
    sheet(gettext("Districts"), [gettext("КАТО"), gettext("District"), gettext("Job ads, 12 months"),
                                 gettext("Declared needs"), gettext("Graduates"), gettext("In demand")],
          [[d["kato"], d["name"], d["ads"], d["declared"], d["graduates"],
            "; ".join(f"{o['code']} {o['title']}" for o in d["in_demand"])] for d in data["districts"]])
    advice = {"expand": gettext("expand"), "keep": gettext("keep"), "reduce": gettext("reduce"), "": ""}
    sheet(gettext("Programmes"), [gettext("Qualification"), gettext("Name"), gettext("College"), gettext("Occupation"),
                                  gettext("Demand"), gettext("Graduates"), gettext("Advice")],
          [[p["qualification"], p["name"], p["college"], p["code"], p["demand"], p["graduates"], advice[p["advice"]]]
           for p in data["programmes"]])
    m = data["methodology"]
    sheet(gettext("Methodology"), [gettext("Item"), gettext("Value")], [
        [gettext("Job ads from"), str(m["first_month"] or "")], [gettext("Job ads to"), str(m["last_month"] or "")],
        [gettext("Forecast made"), str(m["forecast_made_at"] or "")],
        [gettext("Exposure indices"), ", ".join(m["indices"])],
        [gettext("Most exposed: share of unit groups"), m["exposed_share"]],
        [gettext("Gap ratio"), m["gap_ratio"]], [gettext("Gap minimum"), m["gap_min"]],
        [gettext("Re-post window, days"), m["dedup_days"]],
        [gettext("Coder top-1 on Russian and Kazakh titles"), m["coder"]["rukk_top1"]],
    ])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_report(data: dict, fmt: str, language: str | None = None) -> tuple[bytes, str]:
    """(the document, its content type) in ``fmt`` (html, pdf, xlsx), in ``language`` (the active one by
    default)."""
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(REPORT_FORMATS)}")
    with translation.override(language or translation.get_language()):
        if fmt == "xlsx":
            return _xlsx(data), CONTENT_TYPES[fmt]
        html = _html(data, standalone=True)
        if fmt == "html":
            return html.encode("utf-8"), CONTENT_TYPES[fmt]
        return render_pdf(html), CONTENT_TYPES[fmt]


def report_body(data: dict) -> str:
    """The report's sections as HTML, for the web page."""
    return _html(data, standalone=False)
