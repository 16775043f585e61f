/* The overview's charts: ECharts drawings of the JSON embedded in the page. */
(function () {
  var source = document.getElementById("overview-data");
  if (!source || !window.echarts) { return; }
  var data = JSON.parse(source.textContent);
  var charts = [];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: "svg" });
    c.setOption(option);
    charts.push(c);
  }
  var grid = { left: 48, right: 16, top: 36, bottom: 28 };
  chart("trend-chart", {
    animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 }, grid: grid,
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value", minInterval: 1 },
    series: data.trend.map(function (s) { return { name: s.name, type: "line", data: s.data }; })
  });
  chart("funnel-chart", {
    animation: false, tooltip: { trigger: "item" },
    series: [{ type: "funnel", sort: "none", left: "4%", width: "58%", top: 8, bottom: 8,
      label: { formatter: "{b}: {c}" }, data: data.funnel }]
  });
  chart("jobs-chart", {
    animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
    grid: { left: 110, right: 16, top: 36, bottom: 20 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: data.jobs.map(function (j) { return j.name; }) },
    series: [
      { name: source.dataset.referrals || "referrals", type: "bar", data: data.jobs.map(function (j) { return j.referrals; }) },
      { name: source.dataset.hires || "hires", type: "bar", data: data.jobs.map(function (j) { return j.hires; }) }
    ]
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
}());
