"""Charts as Vega-Lite specs rendered to SVG on the server: the same picture in pages and PDFs."""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache

logger = logging.getLogger(__name__)

PALETTE = ["#1f5f8b", "#e08a1e", "#3a8d5c", "#b4443b", "#7a5ba6", "#5b7480"]


@lru_cache(maxsize=256)
def _render(spec_json: str) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(json.loads(spec_json))


def render_svg(spec: dict) -> str:
    """SVG markup for a Vega-Lite spec; an empty string (and a log line) if rendering fails."""
    try:
        return _render(json.dumps(spec, sort_keys=True, ensure_ascii=False))
    except Exception:  # a broken chart must not break the page
        logger.exception("chart rendering failed")
        return ""


def bar_chart(rows: list[dict], category: str, value: str, *, title: str = "", category_title: str = "",
              value_title: str = "", width: int = 520) -> dict:
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title,
        "width": width,
        "height": {"step": 22},
        "data": {"values": rows},
        "mark": {"type": "bar", "color": PALETTE[0]},
        "encoding": {
            "y": {"field": category, "type": "nominal", "sort": "-x", "title": category_title},
            "x": {"field": value, "type": "quantitative", "title": value_title},
            "tooltip": [{"field": category}, {"field": value}],
        },
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }


def spec_id(spec: dict) -> str:
    return hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]


def line_chart(rows: list[dict], x: str, y: str, *, title: str = "", x_title: str = "", y_title: str = "",
               series: str | None = None, width: int = 560, height: int = 220) -> dict:
    """A line per ``series`` (one line when None) of ``y`` over the temporal field ``x`` (ISO dates)."""
    encoding = {
        "x": {"field": x, "type": "temporal", "title": x_title, "axis": {"format": "%Y-%m"}},
        "y": {"field": y, "type": "quantitative", "title": y_title},
        "tooltip": [{"field": x, "type": "temporal", "format": "%Y-%m"}, {"field": y, "type": "quantitative"}],
    }
    if series:
        encoding["color"] = {"field": series, "type": "nominal", "title": None,
                             "scale": {"range": PALETTE}, "legend": {"orient": "bottom"}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title, "width": width, "height": height,
        "data": {"values": rows},
        "mark": {"type": "line", "point": len(rows) <= 40, **({} if series else {"color": PALETTE[0]})},
        "encoding": encoding,
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }


def forecast_chart(history: list[dict], forecast: list[dict], *, title: str = "", x_title: str = "",
                   y_title: str = "", observed: str = "", predicted: str = "", width: int = 560,
                   height: int = 220) -> dict:
    """Observed values ({"month", "value"}) followed by a forecast ({"month", "value", "lower", "upper"}) drawn
    as a dashed line inside its interval band."""
    rows = [{**r, "series": observed} for r in history] + [{**r, "series": predicted} for r in forecast]
    x = {"field": "month", "type": "temporal", "title": x_title, "axis": {"format": "%Y-%m"}}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": title, "width": width, "height": height, "data": {"values": rows},
        "layer": [
            {"transform": [{"filter": {"field": "series", "equal": predicted}}],
             "mark": {"type": "area", "opacity": 0.25, "color": PALETTE[1]},
             "encoding": {"x": x, "y": {"field": "lower", "type": "quantitative", "title": y_title},
                          "y2": {"field": "upper"}}},
            {"mark": {"type": "line"},
             "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": y_title},
                          "color": {"field": "series", "type": "nominal", "title": None,
                                    "scale": {"domain": [observed, predicted], "range": [PALETTE[0], PALETTE[1]]},
                                    "legend": {"orient": "bottom"}},
                          "strokeDash": {"field": "series", "type": "nominal", "legend": None,
                                         "scale": {"domain": [observed, predicted], "range": [[1, 0], [5, 3]]}}}},
        ],
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
    }
