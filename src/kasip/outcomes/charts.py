"""Vega-Lite specs of the outcome figures: rates as bars with their 95 % interval as a line across."""

from __future__ import annotations

from kasip.core.charts import PALETTE

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
CONFIG = {"font": "DejaVu Sans", "view": {"stroke": None}}


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def chart_rows(cells) -> list[dict]:
    """The cells that show a rate (not suppressed, n > 0), in percent."""
    rows = []
    for cell in cells:
        rate = cell.rate
        if cell.suppressed or rate.share is None:
            continue
        rows.append({"label": cell.label, "rate": _percent(rate.share), "low": _percent(rate.low),
                     "high": _percent(rate.high), "n": rate.n, **{k: v for k, v in cell.extra.items()}})
    return rows


def interval_chart(cells, *, title: str, category_title: str, value_title: str, width: int = 480,
                   sort: bool = True) -> dict | None:
    """One horizontal bar per group (highest rate first unless `sort` is off), the interval drawn across it;
    None when no group has a rate."""
    rows = chart_rows(cells)
    if not rows:
        return None
    x = {"type": "quantitative", "scale": {"domain": [0, 100]}, "title": value_title}
    return {
        "$schema": SCHEMA, "title": title, "width": width, "height": {"step": 22}, "data": {"values": rows},
        # no axis title: the chart's title names the groups (and the renderer would draw it over long labels)
        "encoding": {"y": {"field": "label", "type": "nominal", "title": None,
                           "sort": {"field": "rate", "order": "descending"} if sort else None,
                           "axis": {"labelLimit": 360}}},
        "layer": [
            {"mark": {"type": "bar", "color": PALETTE[0], "opacity": 0.85},
             "encoding": {"x": {"field": "rate", **x},
                          "tooltip": [{"field": "label", "title": category_title}, {"field": "rate"},
                                      {"field": "low"}, {"field": "high"}, {"field": "n"}]}},
            {"mark": {"type": "rule", "color": "#222", "strokeWidth": 1.5},
             "encoding": {"x": {"field": "low", **x}, "x2": {"field": "high"}}},
            {"mark": {"type": "tick", "color": "#222", "thickness": 1.5, "size": 10},
             "encoding": {"x": {"field": "low", **x}}},
            {"mark": {"type": "tick", "color": "#222", "thickness": 1.5, "size": 10},
             "encoding": {"x": {"field": "high", **x}}},
        ],
        "config": CONFIG,
    }


def year_chart(cells, *, title: str, year_title: str, value_title: str, months_title: str) -> dict | None:
    """The rate by year of graduation, a bar for 6 and one for 12 months, each with its interval."""
    rows = chart_rows(cells)
    if not rows:
        return None
    for row in rows:
        row["year"] = str(row["year"])
        row["months"] = str(row["months"])
    y = {"type": "quantitative", "scale": {"domain": [0, 100]}, "title": value_title}
    base = {"x": {"field": "year", "type": "ordinal", "title": year_title, "axis": {"labelAngle": 0}},
            "xOffset": {"field": "months", "type": "nominal", "sort": ["6", "12"]}}
    return {
        "$schema": SCHEMA, "title": title, "width": {"step": 36}, "height": 220, "data": {"values": rows},
        "layer": [
            {"mark": {"type": "bar"},
             "encoding": {**base, "y": {"field": "rate", **y},
                          "color": {"field": "months", "type": "nominal", "sort": ["6", "12"], "title": months_title,
                                    "scale": {"range": [PALETTE[1], PALETTE[0]]}},
                          "tooltip": [{"field": "year"}, {"field": "months"}, {"field": "rate"}, {"field": "low"},
                                      {"field": "high"}, {"field": "n"}]}},
            {"mark": {"type": "rule", "color": "#222", "strokeWidth": 1.5},
             "encoding": {**base, "y": {"field": "low", **y}, "y2": {"field": "high"}}},
        ],
        "config": CONFIG,
    }
