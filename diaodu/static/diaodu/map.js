/* The zone's map (一张图): the areas' boundaries registered with ECharts from the app's own GeoJSON (no tile
   server: government intranets have none), the projects as dots coloured by their light and the parcels as
   diamonds coloured by their status. The legend toggles each layer; a click opens the project, parcel or area.
   Data comes from the JSON script element named by data-source (no inline script). */
(function () {
  "use strict";
  const MAP_NAME = "diaodu-zone";
  const LIGHT_COLORS = { red: "#dc3545", yellow: "#ffc107", green: "#198754", none: "#adb5bd" };
  const STATUS_COLORS = {
    planned: "#868e96", acquiring: "#fd7e14", acquired: "#20c997", reserved: "#0d6efd", supplied: "#6f42c1",
  };
  const AREA_COLORS = { city: "#fbeeee", belt: "#dbe8fa", park: "#dcefe2", other: "#f1f3f5" };

  function json(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function escape(text) {
    return String(text === null || text === undefined ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function money(value, text) {
    const wan = Number(value);
    if (Math.abs(wan) >= 10000) return (wan / 10000).toFixed(2) + " " + text.yi;
    return wan.toFixed(2) + " " + text.wan;
  }

  function hectares(value, text) {
    const ha = Number(value);
    return ha.toFixed(2) + " " + text.ha + "（" + (ha * 15).toFixed(2) + " " + text.mu + "）";
  }

  // Where each area's name is written: near the top of its outline, above the points that crowd its middle; the
  // town (the outline of the whole zone) at the middle of its outline, which falls among its own projects.
  function labelPoint(feature) {
    const geometry = feature.geometry;
    const polygons = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
    let west = Infinity, east = -Infinity, south = Infinity, north = -Infinity, lonSum = 0, latSum = 0, n = 0;
    polygons.forEach(function (polygon) {
      polygon[0].slice(1).forEach(function (position) {
        west = Math.min(west, position[0]); east = Math.max(east, position[0]);
        south = Math.min(south, position[1]); north = Math.max(north, position[1]);
        lonSum += position[0]; latSum += position[1]; n += 1;
      });
    });
    if (feature.properties.kind === "city") return [lonSum / n, latSum / n];
    return [(west + east) / 2, north - (north - south) * 0.14];
  }

  function draw(element) {
    const data = json(element.dataset.source);
    if (!data || !window.echarts || !data.areas.features.length) return;
    const legend = data.legend;
    const text = legend.text;
    window.echarts.registerMap(MAP_NAME, data.areas);
    const existing = window.echarts.getInstanceByDom(element);
    if (existing) existing.dispose();
    const chart = window.echarts.init(element);
    window.addEventListener("resize", function () { chart.resize(); });

    const areas = {};
    data.areas.features.forEach(function (feature) { areas[feature.properties.name] = feature.properties; });
    const largest = data.projects.features.reduce(function (top, f) {
      return Math.max(top, Number(f.properties.total_investment));
    }, 1);

    const series = [];
    Object.keys(LIGHT_COLORS).forEach(function (light) {
      const points = data.projects.features.filter(function (f) { return f.properties.light === light; });
      if (!points.length) return;
      series.push({
        name: legend.lights[light], type: "scatter", coordinateSystem: "geo", geoIndex: 0, z: 4,
        symbol: "circle",
        symbolSize: function (value, params) {
          return 8 + 14 * Math.sqrt(Number(params.data.properties.total_investment) / largest);
        },
        itemStyle: { color: LIGHT_COLORS[light], borderColor: "#fff", borderWidth: 1, opacity: 0.92 },
        data: points.map(function (f) {
          return { name: f.properties.name, value: f.geometry.coordinates, properties: f.properties, layer: "project" };
        }),
      });
    });
    Object.keys(STATUS_COLORS).forEach(function (status) {
      const points = data.parcels.features.filter(function (f) { return f.properties.status === status; });
      if (!points.length) return;
      series.push({
        name: legend.statuses[status], type: "scatter", coordinateSystem: "geo", geoIndex: 0, z: 3,
        symbol: "diamond", symbolSize: 11,
        itemStyle: { color: STATUS_COLORS[status], borderColor: "#fff", borderWidth: 1 },
        data: points.map(function (f) {
          return { name: f.properties.name, value: f.geometry.coordinates, properties: f.properties, layer: "parcel" };
        }),
      });
    });

    // The areas' names, written above the points (a silent layer: the points under a name stay clickable).
    const names = {
      name: legend.areas, type: "scatter", coordinateSystem: "geo", geoIndex: 0, z: 10, silent: true,
      symbolSize: 0, tooltip: { show: false },
      label: {
        show: true, formatter: "{b}", fontSize: 13, fontWeight: "bold", color: "#343a40",
        textBorderColor: "#fff", textBorderWidth: 3,
      },
      data: data.areas.features.map(function (f) { return { name: f.properties.name, value: labelPoint(f) }; }),
    };

    function tooltip(params) {
      if (params.componentType === "geo") {
        const area = areas[params.name];
        if (!area) return escape(params.name);
        return "<strong>" + escape(area.name) + "</strong> · " + escape(area.kind_label) + "<br>" +
          escape(text.project_count.replace("%(n)s", area.projects)) + "（" +
          legend.lights.red + " " + area.red + " / " + legend.lights.yellow + " " + area.yellow + " / " +
          legend.lights.green + " " + area.green + "）<br>" +
          escape(text.investment) + " " + money(area.investment, text) + "<br>" +
          escape(text.parcel_count.replace("%(n)s", area.parcels)) + " · " + hectares(area.parcel_ha, text);
      }
      const p = params.data && params.data.properties;
      if (!p) return "";
      if (params.data.layer === "project") {
        return "<strong>" + escape(p.name) + "</strong><br>" +
          escape(text.light) + "：" + escape(p.light_label) + " · " + escape(text.stage) + "：" + escape(p.stage_label) + "<br>" +
          escape(text.investment) + "：" + money(p.total_investment, text) + (p.area ? "<br>" + escape(text.area) + "：" + escape(p.area) : "") +
          "<br><small>" + escape(text.open) + "</small>";
      }
      return "<strong>" + escape(p.number) + " " + escape(p.name) + "</strong><br>" +
        escape(text.status) + "：" + escape(p.status_label) + " · " + escape(text.land) + "：" + hectares(p.area_ha, text) +
        (p.area ? "<br>" + escape(text.area) + "：" + escape(p.area) : "") + "<br><small>" + escape(text.open) + "</small>";
    }

    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: tooltip, confine: true },
      legend: {
        top: 4, left: 8, right: 8, type: "scroll",
        data: series.map(function (s) { return { name: s.name, icon: s.symbol }; }),
      },
      geo: {
        map: MAP_NAME, roam: true, top: 48, bottom: 12, left: 12, right: 12, scaleLimit: { min: 0.8, max: 12 },
        label: { show: false },
        itemStyle: { borderColor: "#6c7f96", borderWidth: 1.2, areaColor: AREA_COLORS.other },
        emphasis: { label: { show: false }, itemStyle: { areaColor: "#ffe8a1" } },
        regions: data.areas.features.map(function (f) {
          return { name: f.properties.name, itemStyle: { areaColor: AREA_COLORS[f.properties.kind] || AREA_COLORS.other } };
        }),
        tooltip: { show: true },
      },
      series: series.concat([names]),
    });
    chart.on("click", function (params) {
      if (params.componentType === "geo") {
        const area = areas[params.name];
        if (area) window.location.href = area.url;
      } else if (params.data && params.data.properties) {
        window.location.href = params.data.properties.url;
      }
    });
    element.dataset.rendered = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-zone-map]").forEach(draw);
  });
})();
