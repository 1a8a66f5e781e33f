/* The evaluation pages' charts: the ranking's points per criterion (stacked bars, best first) and a subject's
   totals and ranks over the months of the year. Data comes from JSON script elements named by data attributes
   (no inline script); figures arrive as Decimal strings. */
(function () {
  "use strict";
  const COLORS = ["#a4262c", "#3d8bfd", "#198754", "#fd7e14", "#6f42c1", "#20c997"];

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

  function points(v) {
    return v === null || v === undefined || isNaN(v) ? "—" : Number(v).toFixed(2);
  }

  function ranking(element) {
    const data = json(element.dataset.evaluationRanking);
    if (!data || !window.echarts) return;
    // Best first from the top: ECharts draws a category axis from the bottom, so the lists are reversed.
    const names = data.names.slice().reverse();
    const totals = numbers(data.totals).reverse();
    const series = data.series.map(function (item, index) {
      return {
        name: item.name, type: "bar", stack: "points", data: numbers(item.data).reverse(), barMaxWidth: 22,
        itemStyle: { color: COLORS[index % COLORS.length] }, emphasis: { focus: "series" },
      };
    });
    series.push({
      name: data.labels.total, type: "bar", stack: "points", data: totals.map(function () { return 0; }),
      label: { show: true, position: "right", formatter: function (p) { return points(totals[p.dataIndex]); } },
      itemStyle: { color: "transparent" }, tooltip: { show: false }, silent: true,
    });
    chartFor(element).setOption({
      animation: false,
      grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0, type: "scroll", data: data.series.map(function (item) { return item.name; }) },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: points },
      xAxis: { type: "value", min: 0, max: 100, name: data.labels.points },
      yAxis: { type: "category", data: names, axisLabel: { width: 120, overflow: "truncate" } },
      series: series,
    });
    element.dataset.rendered = "true";
  }

  function trend(element) {
    const data = json(element.dataset.evaluationTrend);
    if (!data || !window.echarts) return;
    chartFor(element).setOption({
      animation: false,
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.months },
      yAxis: [
        { type: "value", min: 0, max: 100, name: data.labels.total },
        { type: "value", inverse: true, minInterval: 1, min: 1, name: data.labels.rank, splitLine: { show: false },
          max: Math.max(data.count || 1, Math.max.apply(null, numbers(data.ranks).concat([1]))) },
      ],
      series: [
        { name: data.labels.total, type: "bar", data: numbers(data.totals), barMaxWidth: 28,
          itemStyle: { color: COLORS[0] }, label: { show: true, position: "top", formatter: function (p) { return points(p.value); } } },
        { name: data.labels.rank, type: "line", yAxisIndex: 1, data: numbers(data.ranks), symbolSize: 7,
          itemStyle: { color: COLORS[1] } },
      ],
    });
    element.dataset.rendered = "true";
  }

  function drawAll() {
    document.querySelectorAll("[data-evaluation-ranking]").forEach(ranking);
    document.querySelectorAll("[data-evaluation-trend]").forEach(trend);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
