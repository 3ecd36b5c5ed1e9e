/*
 * 五基 dashboards: draws the charts of /reports/ with the vendored Apache ECharts.
 *
 * The figures come from the page's <script type="application/json" id="wuji-dashboard-data">
 * (Django's json_script: data, never code), one entry per <div data-wuji-chart="key">.
 * Each chart sits above the table behind it; once the chart is drawn the table folds
 * behind the figure's “数据表” button (it is always printed). Without this script,
 * or when a chart cannot be drawn, the tables simply stay open.
 *
 * No inline script, no eval, no HTML from data (CSP-safe): every label is text.
 */
(function () {
  "use strict";

  var GREEN = "#198754";
  var RED = "#c62828";
  var AMBER = "#d39e00";
  var GREY = "#adb5bd";
  var LIGHT = "#e9ecef";
  var TEXT = "#1f2328";
  var MUTED = "#59636e";
  var charts = [];

  function fontFamily() {
    return window.getComputedStyle(document.body).fontFamily || "sans-serif";
  }

  function narrow(el) {
    return el.clientWidth < 520;
  }

  function labelWidth(el) {
    return Math.max(56, Math.min(140, Math.round(el.clientWidth * 0.28)));
  }

  function fmt(value) {
    if (value === null || value === undefined) {
      return "—";
    }
    var rounded = Math.round(value * 10) / 10;
    return rounded.toLocaleString("zh-CN");
  }

  function base(el) {
    return {
      animation: false,
      textStyle: { fontFamily: fontFamily(), color: TEXT, fontSize: narrow(el) ? 11 : 12 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
    };
  }

  function setHeight(el, rows, perRow, extra, minimum) {
    var height = Math.max(minimum || 180, rows * perRow + extra);
    el.style.height = height + "px";
  }

  function categoryAxis(el, labels, inverse) {
    return {
      type: "category",
      data: labels,
      inverse: !!inverse,
      axisTick: { show: false },
      axisLabel: { width: labelWidth(el), overflow: "truncate", color: TEXT },
    };
  }

  // --- one builder per kind: (element, data) -> option -----------------------------------------

  var builders = {
    stacked: function (el, data) {
      var colors = [GREEN, RED, AMBER, GREY, "#0aa2c0"];
      setHeight(el, data.labels.length, 34, 70);
      var option = base(el);
      option.legend = { top: 0, itemWidth: 14, itemHeight: 10 };
      option.grid = { left: 8, right: 24, top: 30, bottom: 8, containLabel: true };
      option.xAxis = { type: "value", minInterval: 1, axisLabel: { color: MUTED } };
      option.yAxis = categoryAxis(el, data.labels, true);
      option.series = data.series.map(function (s, i) {
        return {
          name: s.name,
          type: "bar",
          stack: "total",
          barMaxWidth: 22,
          itemStyle: { color: s.color || colors[i % colors.length] },
          label: { show: true, formatter: "{c}", color: "#fff", fontSize: 11 },
          labelLayout: { hideOverlap: true },
          data: s.values.map(function (v) {
            return v === 0 ? null : v;
          }),
        };
      });
      return option;
    },

    grouped: function (el, data) {
      var colors = ["#1a5296", AMBER, GREEN, RED];
      setHeight(el, data.labels.length * Math.max(1, data.series.length), 20, 80);
      var option = base(el);
      option.legend = { top: 0, itemWidth: 14, itemHeight: 10 };
      option.grid = { left: 8, right: 40, top: 30, bottom: 8, containLabel: true };
      option.xAxis = { type: "value", max: 100, axisLabel: { formatter: "{value}%", color: MUTED } };
      option.yAxis = categoryAxis(el, data.labels, true);
      option.series = data.series.map(function (s, i) {
        return {
          name: s.name,
          type: "bar",
          barMaxWidth: 16,
          itemStyle: { color: colors[i % colors.length] },
          label: { show: true, position: "right", formatter: "{c}%", fontSize: 11 },
          data: s.values,
        };
      });
      return option;
    },

    bars: function (el, data) {
      setHeight(el, data.labels.length, 26, 60);
      var target = data.target;
      var unit = data.unit || "";
      var option = base(el);
      option.grid = { left: 8, right: 56, top: 24, bottom: 8, containLabel: true };
      option.tooltip.formatter = function (params) {
        var p = params[0];
        return data.names[p.dataIndex] + "\n" + fmt(p.value) + unit;
      };
      option.tooltip.renderMode = "richText";
      option.xAxis = {
        type: "value",
        max: function (extent) {
          return Math.max(extent.max, target || 0);
        },
        axisLabel: { color: MUTED, hideOverlap: true },
      };
      option.yAxis = categoryAxis(el, data.labels, true);
      option.series = [
        {
          type: "bar",
          barMaxWidth: 18,
          data: data.values.map(function (v, i) {
            // Met or not as the engine judged it (when it did), else against the target line.
            var met = data.met ? data.met[i] : target === null || target === undefined || (v !== null && v >= target);
            return { value: v, itemStyle: { color: met ? GREEN : RED } };
          }),
          label: {
            show: true,
            position: "right",
            fontSize: 11,
            formatter: function (p) {
              return p.value === null || p.value === undefined ? "未登记" : fmt(p.value) + unit;
            },
          },
          markLine:
            target === null || target === undefined
              ? undefined
              : {
                  symbol: "none",
                  silent: true,
                  lineStyle: { color: TEXT, type: "dashed" },
                  // "start" is the top of the line: the y axis runs downwards (inverse).
                  label: { formatter: "目标 " + fmt(target) + unit, position: "start", fontSize: 11 },
                  data: [{ xAxis: target }],
                },
        },
      ];
      return option;
    },

    ranking: function (el, data) {
      setHeight(el, data.labels.length, 24, 40);
      var option = base(el);
      option.grid = { left: 8, right: 70, top: 8, bottom: 8, containLabel: true };
      option.tooltip.renderMode = "richText";
      option.tooltip.formatter = function (params) {
        var i = params[0].dataIndex;
        return data.names[i] + "\n" + fmt(data.values[i]) + "/" + fmt(data.max[i]) + " " + data.grades[i];
      };
      option.xAxis = { type: "value", max: 100, axisLabel: { color: MUTED } };
      option.yAxis = categoryAxis(
        el,
        data.labels.map(function (label, i) {
          return data.ranks[i] + ". " + label;
        }),
        true
      );
      option.series = [
        {
          type: "bar",
          barMaxWidth: 16,
          data: data.values.map(function (v, i) {
            return { value: v, itemStyle: { color: data.colors[i] } };
          }),
          label: {
            show: true,
            position: "right",
            fontSize: 11,
            formatter: function (p) {
              return fmt(p.value) + " " + data.grades[p.dataIndex];
            },
          },
        },
      ];
      return option;
    },

    heatmap: function (el, data) {
      // -1 marks a month the engine lists as missing an activity required every month.
      var cells = data.cells;
      var small = narrow(el);
      setHeight(el, data.orgs.length, small ? 22 : 24, 90, 130);
      var option = base(el);
      option.tooltip = {
        confine: true,
        renderMode: "richText",
        formatter: function (p) {
          var n = p.value[2];
          var text = n < 0 ? "0（每月须开展）" : String(n);
          return data.names[p.value[1]] + "\n" + data.months[p.value[0]] + "：" + text + " 次";
        },
      };
      option.grid = { left: 8, right: 8, top: 8, bottom: 52, containLabel: true };
      option.xAxis = {
        type: "category",
        data: data.months,
        position: "top",
        splitArea: { show: true },
        axisLabel: { interval: 0, fontSize: small ? 10 : 12, color: TEXT },
      };
      option.yAxis = categoryAxis(el, data.orgs, true);
      option.yAxis.axisLabel.interval = 0;
      option.visualMap = {
        type: "piecewise",
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontSize: 11 },
        pieces: [
          { value: -1, label: "未开展（每月须开展）", color: "#f4b4b4" },
          { value: 0, label: "0", color: "#f8f9fa" },
          { min: 1, max: 1, label: "1次", color: "#b7dfc6" },
          { min: 2, label: "2次及以上", color: "#4caf7a" },
        ],
      };
      option.series = [
        {
          type: "heatmap",
          data: cells,
          label: {
            show: !small || data.months.length <= 6,
            fontSize: 10,
            formatter: function (p) {
              return p.value[2] > 0 ? String(p.value[2]) : "";
            },
          },
          itemStyle: { borderColor: "#fff", borderWidth: 1 },
        },
      ];
      return option;
    },

    lines: function (el, data) {
      el.style.height = "260px";
      var option = base(el);
      option.tooltip = { trigger: "axis", confine: true };
      option.legend = { top: 0, itemWidth: 14, itemHeight: 10 };
      option.grid = { left: 8, right: 16, top: 30, bottom: 8, containLabel: true };
      option.xAxis = { type: "category", data: data.dates, boundaryGap: false, axisLabel: { color: MUTED, hideOverlap: true } };
      option.yAxis = { type: "value", minInterval: 1, axisLabel: { color: MUTED } };
      option.series = data.series.map(function (s) {
        return {
          name: s.name,
          type: "line",
          step: "end",
          symbol: "none",
          lineStyle: { width: 2, color: s.color },
          itemStyle: { color: s.color },
          areaStyle: { opacity: 0.12, color: s.color },
          data: s.values,
        };
      });
      return option;
    },

    progress: function (el, data) {
      setHeight(el, data.labels.length, 34, 50);
      var option = base(el);
      option.legend = { top: 0, itemWidth: 14, itemHeight: 10 };
      option.grid = { left: 8, right: 40, top: 30, bottom: 8, containLabel: true };
      option.xAxis = { type: "value", axisLabel: { color: MUTED } };
      option.yAxis = categoryAxis(el, data.labels, true);
      option.series = [
        {
          name: "得分",
          type: "bar",
          stack: "p",
          barMaxWidth: 20,
          itemStyle: { color: GREEN },
          label: { show: true, color: "#fff", fontSize: 11, formatter: "{c}" },
          data: data.values,
        },
        {
          name: "失分",
          type: "bar",
          stack: "p",
          barMaxWidth: 20,
          itemStyle: { color: "#f1c6c6" },
          label: { show: true, position: "right", color: MUTED, fontSize: 11, formatter: function (p) {
            return "/" + fmt(data.max[p.dataIndex]);
          } },
          data: data.values.map(function (v, i) {
            return Math.round((data.max[i] - v) * 10) / 10;
          }),
        },
      ];
      return option;
    },

    timeline: function (el, data) {
      var phases = data.phases;
      setHeight(el, phases.length, 38, 60);
      var day = 24 * 3600 * 1000;
      var colors = { done: GREY, current: RED, upcoming: "#9ec5fe" };
      var option = base(el);
      option.tooltip = {
        confine: true,
        renderMode: "richText",
        formatter: function (p) {
          var ph = phases[p.dataIndex];
          return ph.name + "\n" + ph.start + " 至 " + ph.end;
        },
      };
      option.grid = { left: 8, right: 16, top: 30, bottom: 8, containLabel: true };
      option.xAxis = {
        type: "time",
        min: Date.parse(data.start) - 5 * day,
        max: Date.parse(data.end) + 5 * day,
        axisLabel: { color: MUTED, hideOverlap: true, formatter: "{M}月{d}日" },
        splitLine: { show: true, lineStyle: { color: LIGHT } },
      };
      option.yAxis = categoryAxis(
        el,
        phases.map(function (p) {
          return p.name;
        }),
        true
      );
      option.series = [
        {
          type: "custom",
          renderItem: function (params, api) {
            var y = api.value(0);
            var start = api.coord([api.value(1), y]);
            var end = api.coord([api.value(2) + day, y]);
            var height = api.size([0, 1])[1] * 0.55;
            return {
              type: "rect",
              shape: { x: start[0], y: start[1] - height / 2, width: Math.max(2, end[0] - start[0]), height: height },
              style: { fill: colors[phases[params.dataIndex].status] || GREY },
            };
          },
          encode: { x: [1, 2], y: 0 },
          data: phases.map(function (p, i) {
            return [i, Date.parse(p.start), Date.parse(p.end)];
          }),
          markLine: {
            symbol: "none",
            silent: true,
            lineStyle: { color: TEXT, width: 2 },
            label: {
              formatter: data.todayLabel,
              position: "start", // the top: the phases run downwards (inverse y axis)
              fontSize: 11,
              // Keep the label inside the chart: to the left of the line in the later half.
              align: Date.parse(data.today) > (Date.parse(data.start) + Date.parse(data.end)) / 2 ? "right" : "left",
            },
            data: [{ xAxis: Date.parse(data.today) }],
          },
        },
      ];
      return option;
    },
  };

  // Gauges are one small chart each, laid out by CSS (two a row on a phone).
  function drawGauges(el, data) {
    el.classList.add("wuji-gauges");
    data.gauges.forEach(function (g) {
      var cell = document.createElement("div");
      cell.className = "wuji-gauge";
      cell.setAttribute("data-code", g.code);
      el.appendChild(cell);
      var max = g.max || 100;
      var unit = g.unit === undefined ? "%" : g.unit;
      var color = g.met ? GREEN : RED;
      var stops = [[1, LIGHT]];
      if (g.target !== null && g.target !== undefined && max > 0) {
        stops = [
          [Math.min(1, g.target / max), "#f6d5d5"],
          [1, "#cfe8d8"],
        ];
      }
      var chart = window.echarts.init(cell, null, { renderer: "svg" });
      chart.setOption({
        animation: false,
        textStyle: { fontFamily: fontFamily(), color: TEXT },
        series: [
          {
            type: "gauge",
            min: 0,
            max: max,
            startAngle: 210,
            endAngle: -30,
            radius: "88%",
            center: ["50%", "56%"],
            progress: { show: true, width: 10, itemStyle: { color: color } },
            axisLine: { lineStyle: { width: 10, color: stops } },
            pointer: { show: false },
            axisTick: { show: false },
            splitLine: { show: false },
            axisLabel: { show: false },
            anchor: { show: false },
            title: { show: true, offsetCenter: [0, "78%"], fontSize: 12, color: TEXT, overflow: "break", width: 130 },
            detail: {
              valueAnimation: false,
              offsetCenter: [0, "0%"],
              fontSize: 18,
              fontWeight: "bold",
              color: color,
              formatter: function (v) {
                if (g.boolean) {
                  return v >= 1 ? "是" : "否";
                }
                return g.value === null || g.value === undefined ? "—" : fmt(v) + unit;
              },
            },
            data: [{ value: g.value === null ? 0 : g.value, name: g.name }],
          },
        ],
      });
      charts.push(chart);
    });
  }

  function draw(el, entry) {
    if (entry.kind === "gauges") {
      drawGauges(el, entry.data);
      return;
    }
    var build = builders[entry.kind];
    if (!build) {
      throw new Error("dashboards.js: no chart kind " + entry.kind);
    }
    var option = build(el, entry.data);
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(option);
    charts.push(chart);
  }

  function foldTable(figure) {
    var button = figure.querySelector(".wuji-figure-toggle");
    figure.classList.add("wuji-figure--charted");
    if (!button) {
      return;
    }
    var text = button.querySelector("span");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = figure.classList.toggle("wuji-figure--table-open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (text) {
        text.textContent = open ? text.getAttribute("data-hide") : text.getAttribute("data-show");
      }
    });
  }

  function resizeAll() {
    charts.forEach(function (chart) {
      chart.resize();
    });
  }

  function init() {
    var source = document.getElementById("wuji-dashboard-data");
    var print = document.querySelector("[data-wuji-print]");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () {
        window.print();
      });
    }
    if (!source || !window.echarts) {
      return;
    }
    var entries = JSON.parse(source.textContent);
    document.querySelectorAll("[data-wuji-chart]").forEach(function (el) {
      var entry = entries[el.getAttribute("data-wuji-chart")];
      if (!entry) {
        return;
      }
      var figure = el.closest("[data-wuji-figure]");
      try {
        draw(el, entry);
        if (figure) {
          foldTable(figure);
        }
      } catch (error) {
        // Leave the table open: the figures stay readable without the chart.
        el.hidden = true;
        window.console.error(error);
      }
    });
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(resizeAll, 150);
    });
    window.addEventListener("beforeprint", resizeAll);
    window.addEventListener("afterprint", resizeAll);
    if (window.matchMedia) {
      var mq = window.matchMedia("print");
      if (mq.addEventListener) {
        mq.addEventListener("change", resizeAll);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
