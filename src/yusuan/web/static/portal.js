/* Draws the charts described in #chart-data (computed on the server) with ECharts. */
(function () {
  "use strict";
  var node = document.getElementById("chart-data");
  if (!node || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(node.textContent);
  function num(v) { return v === null || v === undefined ? null : Number(v); }
  function slices(list) { return list.map(function (s) { return { name: s.name, value: num(s.value) }; }); }
  function option(c) {
    var tooltipUnit = function (p) { return p.name + "：" + p.value + " " + c.unit + (p.percent !== undefined ? "（" + p.percent + "%）" : ""); };
    if (c.kind === "pie") {
      var series = [];
      if (c.inner.length) {
        series.push({ type: "pie", radius: [0, "38%"], label: { position: "inner", fontSize: 10 }, data: slices(c.inner) });
        series.push({ type: "pie", radius: ["50%", "68%"], data: slices(c.slices), minShowLabelAngle: 6, label: { fontSize: 10, width: 64, overflow: "break" } });
      } else {
        series.push({ type: "pie", radius: ["30%", "58%"], data: slices(c.slices), minShowLabelAngle: 4, label: { fontSize: 11, width: 72, overflow: "break", formatter: "{b}\n{d}%" } });
      }
      return { animation: false, tooltip: { trigger: "item", formatter: tooltipUnit }, series: series };
    }
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: "category", data: c.categories, axisLabel: c.categories.length > 4
        ? { interval: 0, fontSize: 10, rotate: 30, width: 90, overflow: "truncate" }
        : { interval: 0, fontSize: 10, width: 80, overflow: "break" } },
      yAxis: { type: "value", name: c.unit },
      series: c.series.map(function (s) { return { name: s.name, type: "bar", data: s.values.map(num) }; })
    };
  }
  charts.forEach(function (c) {
    var el = document.getElementById("chart-" + c.id);
    if (!el) { return; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(c));
    el.setAttribute("data-drawn", "1");
    window.addEventListener("resize", function () { chart.resize(); });
  });
})();
