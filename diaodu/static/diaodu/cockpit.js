/* The cockpit's charts: the zone's investment S-curve, the lights, investment by area, the 招商 funnel and the land
   burn-down. Each reads the JSON script element named by its data-source (no inline script); a click drills down
   to the page behind the figure. Figures arrive as strings (no float on the server) and are read with Number(). */
(function () {
  "use strict";
  const LIGHT_COLORS = { red: "#dc3545", yellow: "#ffc107", green: "#198754", none: "#adb5bd" };
  const FUNNEL_COLORS = ["#adb5bd", "#9ec5fe", "#6ea8fe", "#fd7e14", "#3d8bfd", "#0d6efd", "#198754"];
  const DIAODU = "#a4262c";

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function numbers(values) {
    return values.map(function (v) { return v === null || v === undefined ? null : Number(v); });
  }

  function fixed(v) {
    return v === null || v === undefined ? "—" : Number(v).toFixed(2);
  }

  function go(url) {
    if (url) window.location.href = url;
  }

  function chartFor(element) {
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  function sCurve(chart, data) {
    const names = data.names;
    const unit = data.unit;
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fixed(v) + " " + unit; } },
      legend: { top: 0 },
      xAxis: { type: "category", data: data.months, boundaryGap: false },
      yAxis: { type: "value", name: unit, nameGap: 10, nameTextStyle: { align: "left" } },
      series: [
        {
          name: names.planned, type: "line", data: numbers(data.planned), smooth: true, symbolSize: 5,
          itemStyle: { color: "#6c757d" }, lineStyle: { type: "dashed", width: 2 },
          markLine: data.plan === null ? undefined : {
            symbol: "none", silent: true, lineStyle: { color: "#6c757d", opacity: 0.5 },
            label: { formatter: names.plan + " " + fixed(data.plan), position: "insideStartTop" },
            data: [{ yAxis: Number(data.plan) }],
          },
        },
        {
          name: names.actual, type: "line", data: numbers(data.actual), smooth: true, symbolSize: 6,
          itemStyle: { color: DIAODU }, lineStyle: { width: 3 }, areaStyle: { opacity: 0.12 },
          markPoint: {
            symbol: "pin", symbolSize: 44, itemStyle: { color: "#212529" },
            label: { fontSize: 10, formatter: function () { return fixed(data.today.scheduled); } },
            data: [{ name: data.today.label, coord: [data.today.index, Number(data.today.scheduled)] }],
            tooltip: { formatter: data.today.label + " " + fixed(data.today.scheduled) + " " + unit },
          },
        },
      ],
    });
    chart.on("click", function () { go(data.url); });
  }

  function lights(chart, data) {
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: "{b}：{c} " + data.unit + "（{d}%）" },
      legend: { bottom: 0 },
      series: [{
        type: "pie", radius: ["38%", "68%"], center: ["50%", "46%"], avoidLabelOverlap: true,
        label: { position: "inside", formatter: "{c}", fontSize: 15, fontWeight: "bold", color: "#fff" },
        data: data.items.map(function (item) {
          return {
            name: item.name, value: item.value, url: item.url, itemStyle: { color: LIGHT_COLORS[item.key] },
            label: { color: item.key === "yellow" || item.key === "none" ? "#212529" : "#fff" },
          };
        }),
      }],
    });
    chart.on("click", function (p) { go(p.data && p.data.url); });
  }

  function byArea(chart, data) {
    const names = data.names;
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 30, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return fixed(v) + " " + data.unit; } },
      legend: { top: 0 },
      xAxis: { type: "value" },
      yAxis: { type: "category", data: data.areas, inverse: true, axisLabel: { width: 112, overflow: "truncate" },
        triggerEvent: true },
      series: [
        { name: names.plan, type: "bar", data: numbers(data.plan), itemStyle: { color: "#ced4da" }, barGap: "-100%", barWidth: 14 },
        { name: names.done, type: "bar", data: numbers(data.done), itemStyle: { color: DIAODU }, barWidth: 8 },
      ],
    });
    chart.on("click", function (p) {
      const index = p.componentType === "yAxis" ? data.areas.indexOf(p.value) : p.dataIndex;
      go(data.urls[index]);
    });
  }

  function funnel(chart, data) {
    const labels = data.labels;
    // Inside a layer: its count and amount (the card says the unit); the tooltip spells the unit out.
    function text(item) {
      return item.name + "  " + item.count + " " + labels.count + " · " + fixed(item.amount);
    }
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) { return text(p.data) + " " + data.unit; } },
      series: [{
        name: labels.amount, type: "funnel", sort: "none", left: "4%", right: "4%", top: 4, bottom: 4,
        minSize: "38%", maxSize: "100%", gap: 2,
        label: { show: true, position: "inside", fontSize: 11, formatter: function (p) { return text(p.data); } },
        data: data.stages.map(function (stage, index) {
          return {
            name: stage.name, value: Math.max(Number(stage.amount_yi), 0.01), count: stage.count,
            amount: stage.amount_yi, url: stage.url,
            itemStyle: { color: FUNNEL_COLORS[index % FUNNEL_COLORS.length] },
            label: { color: index >= 4 ? "#fff" : "#212529" },
          };
        }),
      }],
    });
    chart.on("click", function (p) { go(p.data && p.data.url); });
  }

  function burndown(chart, data, element) {
    const names = data.names;
    const unit = data.unit;
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fixed(v) + " " + unit; } },
      legend: { top: 0, type: "scroll" },
      xAxis: { type: "category", data: data.labels },
      yAxis: { type: "value", name: unit, min: 0, nameTextStyle: { align: "left" } },
      series: [
        { name: names.acquired, type: "bar", stack: "done", data: numbers(data.acquired), itemStyle: { color: "#3d8bfd" } },
        { name: names.supplied, type: "bar", stack: "done", data: numbers(data.supplied), itemStyle: { color: "#198754" } },
        { name: names.remaining, type: "line", data: numbers(data.remaining), symbolSize: 5,
          itemStyle: { color: DIAODU }, lineStyle: { width: 3 } },
        { name: names.target, type: "line", data: numbers(data.target), symbol: "none",
          itemStyle: { color: "#6c757d" }, lineStyle: { type: "dashed" } },
      ],
    });
    chart.on("click", function () { go(element.dataset.url); });
  }

  const DRAW = { "s-curve": sCurve, lights: lights, "by-area": byArea, funnel: funnel, burndown: burndown };

  function drawAll() {
    if (!window.echarts) return;
    document.querySelectorAll("[data-cockpit-chart]").forEach(function (element) {
      const draw = DRAW[element.dataset.cockpitChart];
      const data = json(element.dataset.source);
      if (!draw || !data) return;
      draw(chartFor(element), data, element);
      element.style.cursor = "pointer";
      element.dataset.rendered = "true";
    });
  }

  document.addEventListener("DOMContentLoaded", drawAll);
})();
