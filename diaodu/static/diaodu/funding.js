/* Funding charts: per channel, the amounts requested, approved and received (万元). Data comes from a JSON
   script element named by the data-funding-channels attribute (no inline script). */
(function () {
  "use strict";
  const COLORS = { requested: "#6c757d", approved: "#0d6efd", received: "#198754" };

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function channelBars(element) {
    const data = json(element.dataset.fundingChannels);
    if (!data || !data.channels.length) return;
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });
    element.dataset.rendered = "true";
    const series = ["requested", "approved", "received"].map(function (key) {
      return { name: data.labels[key], type: "bar", itemStyle: { color: COLORS[key] }, data: data[key] };
    });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" },
        valueFormatter: function (v) { return v === null || v === undefined ? "—" : v.toLocaleString() + " 万元"; } },
      legend: { top: 0 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.channels, inverse: true, axisLabel: { width: 110, overflow: "truncate" } },
      series: series,
    });
  }

  function drawAll() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-funding-channels]").forEach(channelBars);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
