// The wallboard's chart: placed revenue per 15 min today against the same weekday last week, of
// the slide shown, over the hours that matter (uPlot, from its WebJar, is a global of the page).
import { api, businessZone, fmt, num, setText } from '../common.js';
import { renderAsOf } from './shared.js';

const CHART_MIN_INTERVAL_MS = 10000;
const rem = () => parseFloat(getComputedStyle(document.documentElement).fontSize);
const chartFont = () => `${Math.round(rem() * 0.8)}px system-ui, sans-serif`;

// The business date of a day that starts at `fromIso` (local midnight in the business time zone
// `zone`, which every period answer names), as a UTC date.
function businessDate(fromIso, zone) {
  const from = new Date(fromIso);
  if (zone) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric' })
        .formatToParts(from);
      const part = (type) => Number(parts.find((p) => p.type === type).value);
      return new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
    } catch (e) {
      // a zone this browser's time-zone data does not know: guess as below
    }
  }
  // Without a zone: midnight between 12:00 and 24:00 UTC is taken as the next day's (zones east
  // of UTC), before 12:00 UTC as the same day's (zones west of UTC).
  const date = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  if (from.getUTCHours() >= 12) date.setUTCDate(date.getUTCDate() + 1);
  return date;
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

// Last week's values at today's points, matched by local time of day in the business zone: a
// day of 23 or 25 hours (daylight saving) has more or fewer points before the same hour. By
// index when this browser does not know the zone.
function alignLastWeek(points, week, zone) {
  let clock;
  try {
    const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clock = (t) => f.format(Date.parse(t));
  } catch (e) {
    return points.map((_, i) => (i < week.length ? week[i][1] : null));
  }
  const byTime = new Map();
  for (const [t, value] of week) if (!byTime.has(clock(t))) byTime.set(clock(t), value);
  return points.map((p) => (byTime.has(clock(p.t)) ? byTime.get(clock(p.t)) : null));
}

export function revenueChart(wall, state) {
  const el = {
    chart: document.getElementById('w-chart'),
    chartCard: wall.querySelector('.w-chart'),
    chartWeek: document.getElementById('w-chart-week'),
    chartCurrency: document.getElementById('w-chart-currency'),
  };
  let plot = null;
  let xRange = null;
  let chartAt = 0;
  let chartTimer = 0;
  const lastWeek = new Map(); // `${scope}|${date}` → values, one per slide at most

  // At most one chart every 10 s, force skips the wait. Draws are not queued behind each other as
  // the leaderboard's requests are: a draw for a slide no longer shown draws nothing.
  function loadChart(force) {
    clearTimeout(chartTimer);
    const wait = chartAt + CHART_MIN_INTERVAL_MS - Date.now();
    if (!force && wait > 0) { chartTimer = setTimeout(() => loadChart(true), wait); return; }
    chartAt = Date.now();
    drawChart(state.currentScope());
  }

  async function drawChart(scope) {
    try {
      const today = await api('/api/v1/timeseries', { scope, metric: 'grossRevenue', period: 'today', step: '15m' });
      businessZone(today.timezone, 'w-zone');
      const day = businessDate(today.from, today.timezone);
      const weekAgo = new Date(day);
      weekAgo.setUTCDate(weekAgo.getUTCDate() - 7);
      const dayAfter = new Date(weekAgo);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      const key = `${scope}|${isoDate(weekAgo)}`;
      if (!lastWeek.has(key)) {
        const past = await api('/api/v1/timeseries',
          { scope, metric: 'grossRevenue', period: 'custom', from: isoDate(weekAgo), to: isoDate(dayAfter), step: '15m' });
        if (lastWeek.size >= state.slides.length) lastWeek.clear(); // a new day, or slides changed
        lastWeek.set(key, past.points.map((p) => [p.t, num(p.value)]));
      }
      if (scope !== state.currentScope()) return;
      const now = Date.now();
      const xs = today.points.map((p) => Date.parse(p.t) / 1000);
      const ys = today.points.map((p) => (Date.parse(p.t) > now ? null : num(p.value)));
      const ws = alignLastWeek(today.points, lastWeek.get(key), today.timezone);
      // Show the hours that matter: from the first quarter with revenue on either day (an hour
      // before at most) to the last one, or an hour past now.
      const busy = (i) => (ys[i] || 0) > 0 || (ws[i] || 0) > 0;
      let first = xs.findIndex((_, i) => busy(i));
      let last = xs.length - 1 - xs.slice().reverse().findIndex((_, i) => busy(xs.length - 1 - i));
      if (first < 0) { first = 0; last = xs.length - 1; }
      const nowIndex = xs.findIndex((x) => x * 1000 > now);
      last = Math.max(last, nowIndex < 0 ? xs.length - 1 : Math.min(xs.length - 1, nowIndex + 4));
      first = Math.max(0, first - 4);
      xRange = [xs[first], xs[last]];
      el.chartWeek.dataset.date = isoDate(weekAgo);
      setText(el.chartWeek, `Same day last week (${new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(weekAgo)})`);
      renderAsOf(el.chartCard, today);
      setText(el.chartCurrency, state.currency ? ` (${state.currency})` : '');
      plotData([xs, ws, ys]);
    } catch (e) {
      // keep the last chart; the status line tells when the server is away
    }
  }

  function plotData(data) {
    if (typeof uPlot === 'undefined') return;
    if (plot) { plot.setData(data); return; }
    const axis = { stroke: '#c9d1d9', grid: { stroke: '#30363d', width: 1 }, ticks: { stroke: '#30363d' }, font: chartFont() };
    const box = el.chart.getBoundingClientRect();
    plot = new uPlot({
      width: Math.max(200, Math.floor(box.width)),
      height: Math.max(120, Math.floor(box.height)),
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: true, range: () => xRange } },
      axes: [
        { ...axis, space: () => Math.round(rem() * 6), size: () => Math.round(rem() * 2.2), values: (u, ticks) => ticks.map((t) => fmt.shortTime(t * 1000)) },
        { ...axis, space: () => Math.round(rem() * 2.4), size: () => Math.round(rem() * 4.5), values: (u, ticks) => ticks.map((v) => fmt.money(v, '', true)) },
      ],
      series: [
        {},
        { label: 'Same day last week', stroke: '#9da7b3', width: Math.max(2, rem() * 0.1), dash: [rem() * 0.4, rem() * 0.3], spanGaps: false, points: { show: false } },
        { label: 'Today', stroke: '#58a6ff', width: Math.max(2, rem() * 0.15), fill: 'rgba(88,166,255,0.22)', spanGaps: false, points: { show: false } },
      ],
    }, data, el.chart);
  }

  new ResizeObserver(() => {
    if (!plot) return;
    const box = el.chart.getBoundingClientRect();
    plot.setSize({ width: Math.max(200, Math.floor(box.width)), height: Math.max(120, Math.floor(box.height)) });
  }).observe(el.chart);

  return { load: loadChart };
}
