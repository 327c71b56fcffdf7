// SalesPulse wallboard (?view=wall, the default): a TV on the sales floor, seen from 5 m.
//
// URL parameters: rotate=<seconds> between slides (company, then each team; default 30, 0 stops),
// scope=<scope> to start on (e.g. team:team-north), celebrate=<amount> to celebrate only deals of
// at least that much (default: every deal of the feed), token=<viewer token>.
//
// Data: KPIs of the company and every team over /ws/live (one subscription, snapshots then
// updates); leaderboard, time series and feed over REST, refreshed when figures move and on a
// timer. Everything kept is bounded: one answer per subscribed scope, ten leaderboard rows, six
// feed entries, fixed-length chart arrays, three queued celebrations.
//
// This module wires the widgets of wall/: slides, KPIs (hero and tiles), top reps, chart, ticker
// and clock; they share wall/shared.js's state. The status pill and the live feed are live.js's.
import { asOfMs } from './common.js';
import { live, statusPill } from './live.js';
import { revenueChart } from './wall/chart.js';
import { clock } from './wall/clock.js';
import { kpiCards } from './wall/kpis.js';
import { leaderboard } from './wall/leaderboard.js';
import { wallState } from './wall/shared.js';
import { slideShow } from './wall/slides.js';
import { ticker } from './wall/ticker.js';

if (document.documentElement.dataset.view === 'wall') start();

function start() {
  const wall = document.getElementById('wall');
  const state = wallState();
  const kpis = kpiCards(wall, state);
  const leaders = leaderboard(wall, state);
  const chart = revenueChart(wall, state);
  const feedTicker = ticker(wall, state);

  function onData(scope, answer) {
    if (!answer || !answer.kpis) return;
    const previous = state.answers.get(scope);
    state.answers.set(scope, answer);
    if (typeof answer.currency === 'string' && answer.currency !== state.currency) {
      state.currency = answer.currency; // the first answer tells it: redraw what shows money
      leaders.load(true);
      chart.load(true);
    }
    if (scope === state.currentScope()) {
      kpis.render(answer, true);
      // A team's top reps are as of the team's newest event (see the leaderboard): it moves with it.
      if (scope.startsWith('team:')) leaders.showAsOf(answer);
      if (!previous || previous.kpis.revenue !== answer.kpis.revenue) {
        leaders.load(false);
        chart.load(false);
      }
    }
  }

  const feed = live({
    onData,
    onReconnect: () => { leaders.load(true); chart.load(true); },
  });
  const slides = slideShow(wall, state, {
    subscribe: (scopes) => feed.subscribe(scopes, 'today'),
    shown: (answer) => {
      leaders.clear();
      if (answer) kpis.render(answer, false);
      leaders.load(true);
      chart.load(true);
    },
  });
  statusPill(feed, () => asOfMs(state.answers.get(state.currentScope())), 'status', 'status-text');

  clock();
  setInterval(() => leaders.load(false), 15000);
  setInterval(() => chart.load(false), 60000);
  setInterval(slides.load, 10 * 60000); // teams and reps come and go
  slides.rotate();

  slides.render();
  feed.subscribe(['company:all'], 'today');
  slides.load();
  feedTicker.start();
}
