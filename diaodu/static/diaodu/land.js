/* The land ledger's burn-down of the year's 征供地 quota: cumulative hectares acquired and supplied (stacked
   bars), what remains of the quota, the straight-line target, and the pace still needed to the year's end.
   Data comes from the JSON script element named by data-land-burndown (no inline script). */
(function () {
  "use strict";
  const COLORS = {
    acquired: "#3d8bfd",
    supplied: "#198754",
    remaining: "#a4262c",
    target: "#6c757d",
    needed: "#fd7e14",
  };

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function numbers(values) {
    return values.map(function (v) { return v === null || v === undefined ? null : Number(v); });
  }

  function burndown(element) {
    const data = json(element.dataset.landBurndown);
    if (!data || !window.echarts) return;
    const unit = data.unit || "公顷";
    const names = data.names;
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });

    const remaining = {
      name: names.remaining, type: "line", data: numbers(data.remaining), symbolSize: 6, z: 5,
      itemStyle: { color: COLORS.remaining }, lineStyle: { width: 3 },
      endLabel: { show: true, formatter: function (p) { return p.value === null ? "" : p.value.toFixed(2); } },
    };
    if (data.quota !== null) {
      remaining.markLine = {
        symbol: "none", silent: true, lineStyle: { color: COLORS.remaining, type: "solid", opacity: 0.35 },
        label: { formatter: names.quota + " " + Number(data.quota).toFixed(2) + " " + unit, position: "insideEndTop" },
        data: [{ yAxis: Number(data.quota) }],
      };
    }
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 56, top: 56, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        valueFormatter: function (v) { return v === null || v === undefined ? "—" : Number(v).toFixed(2) + " " + unit; },
      },
      legend: { top: 0, type: "scroll" },
      xAxis: { type: "category", data: data.labels, boundaryGap: true },
      yAxis: { type: "value", name: unit, nameGap: 10, min: 0 },
      series: [
        { name: names.acquired, type: "bar", stack: "done", data: numbers(data.acquired), barMaxWidth: 28,
          itemStyle: { color: COLORS.acquired } },
        { name: names.supplied, type: "bar", stack: "done", data: numbers(data.supplied), barMaxWidth: 28,
          itemStyle: { color: COLORS.supplied } },
        remaining,
        { name: names.target, type: "line", data: numbers(data.target), symbol: "none",
          itemStyle: { color: COLORS.target }, lineStyle: { type: "dashed", width: 2 } },
        { name: names.needed, type: "line", data: numbers(data.needed), symbolSize: 5, connectNulls: false,
          itemStyle: { color: COLORS.needed }, lineStyle: { type: "dotted", width: 3 } },
      ],
    });
    element.dataset.rendered = "true";
  }

  function drawAll() {
    document.querySelectorAll("[data-land-burndown]").forEach(burndown);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
