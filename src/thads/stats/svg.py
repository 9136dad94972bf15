"""A chart spec (:mod:`thads.stats.charts`) drawn as a standalone SVG document: the "download as SVG" of the
statistics charts, without any plotting library. Pure Python.

Draws what the specs use: lines (with gaps for missing values, dashed, stepped), grouped or stacked bars, a second
y axis for one line over bars, a legend and a footnote. Text is escaped; sizes are in CSS pixels.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 1000, 460
LEFT, RIGHT, TOP, BOTTOM = 64, 64, 48, 120


def _fmt(v: float) -> str:
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _nice_max(values: list[float]) -> float:
    top = max([v for v in values if v is not None] or [1.0])
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top <= step * 5:
            return step * 5 if top > step * 4 else step * (int(top // step) + 1)
    return top * 1.1


@dataclass(frozen=True, slots=True)
class _Plot:
    """The plot area of one chart: ``n`` label slots across, the y scale(s) up."""

    n: int
    y_min: float
    y_max: float
    y2_max: float | None
    plot_w: float = WIDTH - LEFT - RIGHT
    plot_h: float = HEIGHT - TOP - BOTTOM

    @property
    def slot(self) -> float:
        return self.plot_w / self.n

    def ypos(self, v: float, top: float, bottom: float = 0.0) -> float:
        return TOP + self.plot_h - (v - bottom) / ((top - bottom) or 1) * self.plot_h

    def xpos(self, i: int) -> float:
        return LEFT + (i + 0.5) * self.plot_w / self.n


def _axes(p: _Plot, y: dict, y2: dict | None) -> list[str]:
    """Horizontal grid lines with the y (and y2) tick values, the axis titles and the x axis."""
    out = []
    for t in range(6):
        v = p.y_min + (p.y_max - p.y_min) * t / 5
        py = p.ypos(v, p.y_max, p.y_min)
        out.append(f'<line x1="{LEFT}" y1="{py:.1f}" x2="{LEFT + p.plot_w}" y2="{py:.1f}" stroke="#d9dee4"/>')
        out.append(f'<text x="{LEFT - 6}" y="{py + 4:.1f}" text-anchor="end">{_fmt(v)}{escape(y.get("suffix", ""))}'
                   f'</text>')
        if p.y2_max is not None:
            out.append(f'<text x="{LEFT + p.plot_w + 6}" y="{py + 4:.1f}">{_fmt(p.y2_max * t / 5)}</text>')
    if y.get("label"):
        out.append(f'<text transform="translate(16 {TOP + p.plot_h / 2}) rotate(-90)" text-anchor="middle">'
                   f'{escape(y["label"])}</text>')
    if y2 is not None and y2.get("label"):
        out.append(f'<text transform="translate({WIDTH - 14} {TOP + p.plot_h / 2}) rotate(90)" text-anchor="middle">'
                   f'{escape(y2["label"])}</text>')
    out.append(f'<line x1="{LEFT}" y1="{TOP + p.plot_h}" x2="{LEFT + p.plot_w}" y2="{TOP + p.plot_h}" '
               f'stroke="#6b7683"/>')
    return out


def _x_labels(p: _Plot, labels: list[str]) -> list[str]:
    """The x labels, at most ~30 shown, slanted when there are more than 12."""
    out = []
    every = max(1, -(-p.n // 30))
    rotate = p.n > 12
    for i, text in enumerate(labels):
        if i % every:
            continue
        px, py = p.xpos(i), TOP + p.plot_h + 14
        if rotate:
            out.append(f'<text transform="translate({px:.1f} {py}) rotate(-45)" text-anchor="end">{escape(text)}'
                       f'</text>')
        else:
            out.append(f'<text x="{px:.1f}" y="{py}" text-anchor="middle">{escape(text)}</text>')
    return out


def _bars(p: _Plot, series: list[dict], stacked: bool) -> list[str]:
    """Bar series side by side in each slot, or stacked in one bar."""
    out = []
    bars = [s for s in series if s.get("kind") == "bar"]
    groups: list[list[dict]] = [bars] if stacked else [[s] for s in bars]
    slot, n = p.slot, p.n
    bar_w = slot * 0.7 / (1 if stacked else max(1, len(groups)))
    for g, group in enumerate(groups):
        base = [0.0] * n
        for s in group:
            for i, v in enumerate(s["data"][:n]):
                if v is None:
                    continue
                x0 = LEFT + i * slot + slot * 0.15 + (0 if stacked else g * bar_w)
                y_top, y_bottom = p.ypos(base[i] + v, p.y_max, p.y_min), p.ypos(base[i], p.y_max, p.y_min)
                out.append(f'<rect x="{x0:.1f}" y="{y_top:.1f}" width="{bar_w:.1f}" '
                           f'height="{max(0.0, y_bottom - y_top):.1f}" fill="{s["color"]}"/>')
                if stacked:
                    base[i] += v
    return out


def _line(p: _Plot, s: dict) -> list[str]:
    """One line series: a path per run of values (a missing value is a gap), dots unless stepped."""
    out = []
    n = p.n
    top, bottom = (p.y2_max, 0.0) if s.get("axis") == "y2" and p.y2_max is not None else (p.y_max, p.y_min)
    dash = ' stroke-dasharray="6 4"' if s.get("dash") else ""
    segment: list[str] = []
    paths: list[str] = []
    for i, v in enumerate(s["data"][:n]):
        if v is None:
            if segment:
                paths.append(" ".join(segment))
            segment = []
            continue
        px, py = p.xpos(i), p.ypos(v, top, bottom)
        if s.get("step"):
            half = p.slot / 2
            segment.append(f"{'L' if segment else 'M'}{px - half:.1f},{py:.1f} L{px + half:.1f},{py:.1f}")
        else:
            segment.append(f"{'L' if segment else 'M'}{px:.1f},{py:.1f}")
    if segment:
        paths.append(" ".join(segment))
    for d in paths:
        out.append(f'<path d="{d}" fill="none" stroke="{s["color"]}" stroke-width="2"{dash}/>')
    if not s.get("step"):
        for i, v in enumerate(s["data"][:n]):
            if v is not None:
                out.append(f'<circle cx="{p.xpos(i):.1f}" cy="{p.ypos(v, top, bottom):.1f}" r="2.5" '
                           f'fill="{s["color"]}"/>')
    return out


def _legend(series: list[dict], note: object) -> list[str]:
    """One legend entry per series, wrapped to the plot width; the footnote (at most 3 lines) at the bottom."""
    out = []
    lx, ly = LEFT, HEIGHT - BOTTOM + 62
    for s in series:
        label = escape(str(s.get("label", "")))
        width = 28 + 6.6 * len(str(s.get("label", "")))
        if lx + width > WIDTH - RIGHT:
            lx, ly = LEFT, ly + 18
        if s.get("kind") == "bar":
            out.append(f'<rect x="{lx}" y="{ly - 9}" width="14" height="10" fill="{s["color"]}"/>')
        else:
            dash = ' stroke-dasharray="4 3"' if s.get("dash") else ""
            out.append(f'<line x1="{lx}" y1="{ly - 4}" x2="{lx + 16}" y2="{ly - 4}" stroke="{s["color"]}" '
                       f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{lx + 20}" y="{ly}">{label}</text>')
        lx += width
    if note:
        lines = textwrap.wrap(str(note), 165)[:3]
        for i, line in enumerate(lines):
            y_line = HEIGHT - 8 - 13 * (len(lines) - 1 - i)
            out.append(f'<text x="{LEFT}" y="{y_line}" font-size="10" fill="#6b7683">{escape(line)}</text>')
    return out


def render_svg(spec: dict) -> str:
    """The chart ``spec`` as an SVG document: title, axes, x labels, bars, lines, legend and footnote."""
    labels: list[str] = list(spec.get("labels", []))
    series: list[dict] = list(spec.get("series", []))
    y = spec.get("y", {})
    y2 = spec.get("y2")
    y_min = float(y.get("min", 0))
    y_max = float(y["max"]) if y.get("max") is not None else _nice_max(
        [v for s in series if s.get("axis") != "y2" for v in s["data"] if v is not None])
    y2_max = None
    if y2 is not None:
        y2_max = _nice_max([v for s in series if s.get("axis") == "y2" for v in s["data"] if v is not None])
    p = _Plot(max(1, len(labels)), y_min, y_max, y2_max)
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'font-family="Liberation Sans, DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        f'<text x="{WIDTH / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">'
        f'{escape(str(spec.get("title", "")))}</text>',
    ]
    out += _axes(p, y, y2)
    out += _x_labels(p, labels)
    out += _bars(p, series, bool(y.get("stacked")))
    for s in series:
        if s.get("kind") == "line":
            out += _line(p, s)
    out += _legend(series, spec.get("note"))
    out.append("</svg>")
    return "\n".join(out) + "\n"
