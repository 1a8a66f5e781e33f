/* Charts other than the Gantt: the S-curve of planned vs actual cumulative investment, and bar charts of
   light counts. Data comes from JSON script elements named by data attributes (no inline script). */
(function () {
  "use strict";
  const LIGHT_COLORS = { green: "#198754", yellow: "#ffc107", red: "#dc3545" };

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function chartFor(element) {
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });
    element.dataset.rendered = "true";
    return chart;
  }

  function sCurve(element) {
    const data = json(element.dataset.sCurve);
    if (!data) return;
    const labels = data.labels || { planned: "计划（序时）", actual: "实际" };
    chartFor(element).setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 30, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + " 万元"; } },
      legend: { top: 0 },
      xAxis: { type: "category", data: data.months, boundaryGap: false },
      yAxis: { type: "value", name: "万元", nameGap: 8 },
      series: [
        { name: labels.planned, type: "line", data: data.planned, smooth: true, lineStyle: { type: "dashed" }, itemStyle: { color: "#6c757d" } },
        { name: labels.actual, type: "line", data: data.actual, smooth: true, areaStyle: { opacity: 0.15 }, itemStyle: { color: "#a4262c" } },
      ],
    });
  }

  function lightBars(element) {
    const data = json(element.dataset.lightBars);
    if (!data) return;
    const names = data.rows.map(function (r) { return r.name; });
    const series = ["red", "yellow", "green"].map(function (light) {
      return { name: data.labels[light], type: "bar", stack: "lights", itemStyle: { color: LIGHT_COLORS[light] },
        data: data.rows.map(function (r) { return r[light]; }) };
    });
    chartFor(element).setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: names, inverse: true, axisLabel: { width: 120, overflow: "truncate" } },
      series: series,
    });
  }

  function drawAll() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-s-curve]").forEach(sCurve);
    document.querySelectorAll("[data-light-bars]").forEach(lightBars);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
