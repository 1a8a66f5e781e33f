/* The investment pipeline's funnel: for each stage, the leads that have reached it (and are not lost), each layer
   as wide as its intended investment, labelled with the count and the amount in 亿元. Data comes from the JSON
   script element named by data-investment-funnel (no inline script). */
(function () {
  "use strict";
  const COLORS = ["#adb5bd", "#9ec5fe", "#6ea8fe", "#fd7e14", "#3d8bfd", "#0d6efd", "#198754"];

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function funnel(element) {
    const data = json(element.dataset.investmentFunnel);
    if (!data || !window.echarts) return;
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });
    const labels = data.labels;
    const unit = data.unit || "亿元";
    function text(item) {
      return item.name + "  " + item.count + " " + labels.count + " · " + Number(item.amount).toFixed(2) + " " + unit;
    }
    const items = data.stages.map(function (stage, index) {
      return {
        name: stage.name,
        // The layer's width: the intended investment (a small floor keeps an empty layer visible).
        value: Math.max(Number(stage.amount_yi), 0.01),
        count: stage.count,
        amount: stage.amount_yi,
        itemStyle: { color: COLORS[index % COLORS.length] },
        // Dark text on the pale layers, white on the deep ones.
        label: { color: index >= 4 ? "#fff" : "#212529" },
      };
    });
    chart.setOption({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: function (p) { return text(p.data); },
      },
      series: [
        {
          name: labels.amount,
          type: "funnel",
          sort: "none",
          left: "6%",
          right: "6%",
          top: 8,
          bottom: 8,
          minSize: "40%",
          maxSize: "100%",
          gap: 3,
          label: {
            show: true,
            position: "inside",
            fontSize: 12,
            formatter: function (p) { return text(p.data); },
          },
          labelLine: { show: false },
          data: items,
        },
      ],
    });
    element.dataset.rendered = "true";
  }

  function drawAll() {
    document.querySelectorAll("[data-investment-funnel]").forEach(funnel);
  }

  document.addEventListener("DOMContentLoaded", drawAll);
  document.addEventListener("htmx:afterSettle", drawAll);
})();
