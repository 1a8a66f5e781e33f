/* The indicator pages' charts: the small trend of each row of the list, an indicator's years (actual bars,
   yearly targets, the plan's end-year target and the path the required growth draws), and its months (this
   year against last year). Data comes from JSON script elements named by data attributes (no inline script). */
(function () {
  "use strict";
  const COLORS = {
    actual: "#a4262c",
    current: "#f1a7ab",
    target: "#6c757d",
    planEnd: "#0d6efd",
    path: "#fd7e14",
    lastYear: "#adb5bd",
    single: "#3d8bfd",
  };

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function numbers(values) {
    return (values || []).map(function (v) { return v === null || v === undefined ? null : Number(v); });
  }

  function chartFor(element) {
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function formatter(unit) {
    return function (v) { return v === null || v === undefined || isNaN(v) ? "—" : v + " " + unit; };
  }

  function trend(element, all) {
    const data = all && all[element.dataset.indicatorTrend];
    if (!data) return;
    chartFor(element).setOption({
      animation: false,
      grid: { left: 2, right: 2, top: 4, bottom: 4 },
      tooltip: { trigger: "axis", confine: true, valueFormatter: formatter(data.unit) },
      xAxis: { type: "category", data: data.labels, show: false, boundaryGap: false },
      yAxis: { type: "value", show: false, scale: true },
      series: [{ name: data.name, type: "line", data: numbers(data.values), symbol: "circle", symbolSize: 3,
        smooth: true, itemStyle: { color: COLORS.actual }, areaStyle: { opacity: 0.12 } }],
    });
    element.dataset.rendered = "true";
  }

  function yearly(element) {
    const data = json(element.dataset.indicatorYearly);
    if (!data) return;
    const names = data.names;
    const planEnd = numbers(data.targets).map(function (v, i) { return data.plan_end[i] ? v : null; });
    chartFor(element).setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: formatter(data.unit) },
      legend: { top: 0, type: "scroll" },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.unit, nameGap: 10 },
      series: [
        { name: names.actual, type: "bar", stack: "actual", data: numbers(data.actual), barMaxWidth: 28,
          itemStyle: { color: COLORS.actual } },
        { name: names.current, type: "bar", stack: "actual", data: numbers(data.current), barMaxWidth: 28,
          itemStyle: { color: COLORS.current } },
        { name: names.targets, type: "line", data: numbers(data.targets), connectNulls: true, symbolSize: 6,
          itemStyle: { color: COLORS.target }, lineStyle: { type: "dashed" } },
        { name: names.plan_end, type: "scatter", data: planEnd, symbol: "diamond", symbolSize: 14,
          itemStyle: { color: COLORS.planEnd } },
        { name: names.path, type: "line", data: numbers(data.path), symbol: "none", connectNulls: false,
          itemStyle: { color: COLORS.path }, lineStyle: { type: "dotted", width: 3 } },
      ],
    });
    element.dataset.rendered = "true";
  }

  function months(element) {
    const data = json(element.dataset.indicatorMonths);
    if (!data) return;
    const names = data.names;
    const series = [
      { name: names.last_year, type: "line", data: numbers(data.last_year), connectNulls: true, symbolSize: 5,
        itemStyle: { color: COLORS.lastYear }, lineStyle: { type: "dashed" } },
      { name: names.this_year, type: "line", data: numbers(data.this_year), connectNulls: true, symbolSize: 6,
        itemStyle: { color: COLORS.actual }, lineStyle: { width: 3 } },
    ];
    if (data.single && data.single.some(function (v) { return v !== null; })) {
      series.unshift({ name: names.single, type: "bar", data: numbers(data.single), barMaxWidth: 18,
        itemStyle: { color: COLORS.single, opacity: 0.6 } });
    }
    chartFor(element).setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: formatter(data.unit) },
      legend: { top: 0, type: "scroll" },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: data.unit, nameGap: 10 },
      series: series,
    });
    element.dataset.rendered = "true";
  }

  function drawAll() {
    if (!window.echarts) return;
    const trends = {};
    document.querySelectorAll("[data-indicator-trend]").forEach(function (element) {
      const source = element.dataset.trendSource;
      if (!(source in trends)) trends[source] = json(source);
      trend(element, trends[source]);
    });
    document.querySelectorAll("[data-indicator-yearly]").forEach(yearly);
    document.querySelectorAll("[data-indicator-months]").forEach(months);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
