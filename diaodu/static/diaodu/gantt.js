/* The Gantt chart of a project's steps (ECharts custom series): for each step its early bar and, below it,
   its latest bar; critical steps orange, steps out of reach red, done steps grey; diamonds for milestones.
   Data comes from a JSON script element (no inline script, so a strict Content-Security-Policy holds). */
(function () {
  "use strict";
  const DAY = 86400000;
  const COLORS = { done: "#6c757d", late: "#dc3545", critical: "#fd7e14", normal: "#0d6efd", latest: "#adb5bd" };

  function time(iso) {
    return iso ? new Date(iso + "T00:00:00").getTime() : null;
  }

  function colorOf(step) {
    if (step.status === "done") return COLORS.done;
    if (step.float !== null && step.float < 0) return COLORS.late;
    if (step.critical) return COLORS.critical;
    return COLORS.normal;
  }

  function renderBar(kind) {
    return function (params, api) {
      const row = api.value(0);
      const start = api.coord([api.value(1), row]);
      const end = api.coord([api.value(2), row]);
      const band = api.size([0, 1])[1];
      const height = band * (kind === "early" ? 0.38 : 0.22);
      const y = start[1] + (kind === "early" ? -band * 0.36 : band * 0.08);
      const step = params.context.steps[row];
      const color = kind === "early" ? colorOf(step) : COLORS.latest;
      if (step.milestone) {
        const x = kind === "early" ? end[0] - 1 : end[0] - 1;
        const cy = y + height / 2;
        const r = Math.max(5, height / 1.6);
        return {
          type: "polygon",
          shape: { points: [[x, cy - r], [x + r, cy], [x, cy + r], [x - r, cy]] },
          style: { fill: kind === "early" ? color : "#fff", stroke: color, lineWidth: 1.5 },
        };
      }
      return {
        type: "rect",
        shape: { x: start[0], y: y, width: Math.max(end[0] - start[0], 2), height: height },
        style: kind === "early" ? { fill: color } : { fill: "rgba(173,181,189,0.25)", stroke: color, lineWidth: 1 },
      };
    };
  }

  function draw(element) {
    if (!window.echarts) return;
    const source = document.getElementById(element.dataset.gantt);
    if (!source) return;
    const data = JSON.parse(source.textContent);
    const steps = data.steps;
    const labels = data.labels;
    const early = [];
    const late = [];
    steps.forEach(function (step, i) {
      if (step.early_start) early.push([i, time(step.early_start), time(step.early_finish) + DAY]);
      if (step.late_start) late.push([i, time(step.late_start), time(step.late_finish) + DAY]);
    });
    const deadlines = steps
      .filter(function (s) { return s.deadline; })
      .map(function (s) { return { xAxis: time(s.deadline) + DAY, name: s.name, lineStyle: { color: COLORS.late, type: "dashed" } }; });
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element, null, { renderer: "canvas" });
    const context = { steps: steps };
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 28, bottom: 28, containLabel: true },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          const s = steps[p.value[0]];
          const lines = ["<strong>" + s.name + "</strong> · " + s.status_label,
            labels.early + "：" + (s.early_start || "—") + " ~ " + (s.early_finish || "—"),
            labels.late + "：" + (s.late_start || "—") + " ~ " + (s.late_finish || "—")];
          if (s.float !== null) lines.push(labels.float + "：" + s.float + " " + labels.days);
          if (s.deadline) lines.push(labels.deadline + "：" + s.deadline);
          return lines.join("<br>");
        },
      },
      xAxis: { type: "time", position: "top", splitLine: { show: true, lineStyle: { color: "#eee" } },
        axisLabel: { formatter: "{yyyy}-{MM}", hideOverlap: true } },
      yAxis: { type: "category", inverse: true, data: steps.map(function (s) { return s.name; }),
        axisTick: { show: false }, axisLabel: { width: 140, overflow: "truncate" } },
      dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "weakFilter" }],
      series: [
        { type: "custom", name: labels.early, renderItem: function (p, a) { p.context.steps = steps; return renderBar("early")(p, a); },
          encode: { x: [1, 2], y: 0 }, data: early,
          markLine: { symbol: "none", silent: true, label: { formatter: "{b}", position: "insideEndTop", fontSize: 10 },
            data: [{ xAxis: time(data.today), name: labels.today, lineStyle: { color: "#198754", width: 2 } }].concat(deadlines) } },
        { type: "custom", name: labels.late, renderItem: function (p, a) { p.context.steps = steps; return renderBar("late")(p, a); },
          encode: { x: [1, 2], y: 0 }, data: late },
      ],
    });
    context.chart = chart;
    element.dataset.rendered = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-gantt]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function () { drawAll(document); });
})();
