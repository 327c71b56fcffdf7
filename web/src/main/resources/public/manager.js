// SalesPulse manager view (?view=manager): a laptop, light theme.
//
// URL parameters (kept in the address bar, so a view can be shared): period=today|yesterday|wtd|
// mtd|qtd, scope=company:all|region:<id>|team:<id> (the filter and drill-down), token=<viewer
// token>. Data: the KPIs of the chosen scope over /ws/live (a change there refreshes the rest,
// at most every few seconds) and REST for teams, reps (leaderboards joined by rep) and each rep's
// pace. Tables are keyed by scope and updated in place. Each table has a "Download CSV" link to
// /api/v1/table for the same period and filter.
//
// This module wires the view's parts: controls and drill-down, the teams table and the refresh
// here; the summary and funnel in manager/summary.js, the reps table in manager/reps.js.
import { api, asOfMs, fmt, num, params, setText, throttle, token } from './common.js';
import { live, statusPill } from './live.js';
import { repTable } from './manager/reps.js';
import { asOfText, renderRows } from './manager/shared.js';
import { summary } from './manager/summary.js';

const PERIODS = ['today', 'yesterday', 'wtd', 'mtd', 'qtd'];
const REFRESH_MIN_INTERVAL_MS = 5000;

if (document.documentElement.dataset.view === 'manager') start();

function start() {
  const state = {
    period: PERIODS.includes(params.get('period')) ? params.get('period') : 'today',
    scope: params.get('scope') || 'company:all',
    sortKey: 'revenue',
    sortDir: 'desc',
    currency: '',
    answer: null,
    reps: [], // {scope, name, team, teamName, revenue, attainment, pace, orders, calls, connectRate, winRate}
    teams: [],
    regions: [],
    repInfo: new Map(), // rep scope → {team, region}
  };

  const el = {
    period: document.getElementById('m-period'),
    filter: document.getElementById('m-filter'),
    crumbs: document.getElementById('m-crumbs'),
    teamsCard: document.getElementById('m-teams-card'),
    teams: document.querySelector('#m-teams tbody'),
    repsNote: document.getElementById('m-reps-note'),
    teamsNote: document.getElementById('m-teams-note'),
    repsCsv: document.getElementById('m-reps-csv'),
    teamsCsv: document.getElementById('m-teams-csv'),
  };
  const summaryCards = summary(state);
  const repsTable = repTable(state);

  // ---- controls and drill-down ----------------------------------------------------------------

  function scopeName(scope) {
    if (scope === 'company:all') return 'Whole company';
    const team = state.teams.find((t) => t.scope === scope);
    if (team) return `Team ${team.name}`;
    return `Region ${scope.replace(/^region:/, '')}`;
  }

  function renderControls() {
    el.period.value = state.period;
    const options = [{ scope: 'company:all', name: 'Whole company' },
      ...state.regions.map((r) => ({ scope: r.scope, name: `Region ${r.name}` })),
      ...state.teams.map((t) => ({ scope: t.scope, name: `Team ${t.name}` }))];
    if (!options.some((o) => o.scope === state.scope)) options.push({ scope: state.scope, name: scopeName(state.scope) });
    el.filter.replaceChildren(...options.map((o) => new Option(o.name, o.scope, false, o.scope === state.scope)));
    const crumbs = [{ scope: 'company:all', name: 'Company' }];
    if (state.scope.startsWith('team:')) {
      const region = regionOfTeam(state.scope);
      if (region) crumbs.push({ scope: region, name: region.replace(/^region:/, '') });
      crumbs.push({ scope: state.scope, name: scopeName(state.scope).replace(/^Team /, '') });
    } else if (state.scope.startsWith('region:')) {
      crumbs.push({ scope: state.scope, name: state.scope.replace(/^region:/, '') });
    }
    el.crumbs.replaceChildren(...crumbs.map((c, i) => {
      const li = document.createElement('li');
      if (i === crumbs.length - 1) {
        li.textContent = c.name;
        li.setAttribute('aria-current', 'page');
      } else {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = c.name;
        b.addEventListener('click', () => choose(c.scope));
        li.append(b);
      }
      return li;
    }));
    renderDownloads();
  }

  // "Download CSV": the table export of the same period and filter, as a plain link the browser
  // downloads (the server names the file). The API takes the viewer token in the query too.
  function renderDownloads() {
    for (const [link, dimension] of [[el.repsCsv, 'rep'], [el.teamsCsv, 'team']]) {
      const query = new URLSearchParams({ dimension, scope: state.scope, period: state.period, format: 'csv' });
      if (token) query.set('token', token);
      link.href = `/api/v1/table?${query}`;
    }
  }

  function regionOfTeam(team) {
    for (const info of state.repInfo.values()) if (info.team === team && info.region) return info.region;
    return null;
  }

  function choose(scope) {
    state.scope = scope;
    const url = new URL(window.location.href);
    url.searchParams.set('scope', scope);
    url.searchParams.set('period', state.period);
    window.history.replaceState(null, '', url);
    renderControls();
    feed.subscribe([state.scope], state.period);
    state.answer = null;
    refresh(true);
  }

  el.period.addEventListener('change', () => {
    state.period = el.period.value;
    choose(state.scope);
  });
  el.filter.addEventListener('change', () => choose(el.filter.value));

  // ---- summary, teams and reps ------------------------------------------------------------------

  function onData(scope, answer) {
    if (scope !== state.scope || !answer || !answer.kpis) return;
    summaryCards.render(answer);
    refresh(false);
  }

  // At most one refresh every 5 s, however fast figures move; force skips the wait.
  const refresh = throttle(load, REFRESH_MIN_INTERVAL_MS);

  async function load() {
    const scope = state.scope;
    const period = state.period;
    try {
      if (!state.answer) summaryCards.render(await api('/api/v1/kpis', { scope, period }));
      await Promise.all([loadTeams(scope, period), repsTable.load(scope, period)]);
    } catch (e) {
      setText(el.repsNote, `Could not load figures: ${e.message}`);
    }
  }

  async function loadTeams(scope, period) {
    const showTeams = !scope.startsWith('team:');
    el.teamsCard.hidden = !showTeams;
    if (!showTeams) return;
    const teams = state.teams.filter((t) => scope === 'company:all'
      || Array.from(state.repInfo.values()).some((i) => i.team === t.scope && i.region === scope));
    const answers = await Promise.all(teams.map((t) => api('/api/v1/kpis', { scope: t.scope, period })));
    if (scope !== state.scope || period !== state.period) return;
    const rows = answers.map((a) => ({ scope: a.scope, name: a.name, revenue: a.kpis.revenue,
      attainment: a.kpis.attainment, orders: a.kpis.orders, calls: a.kpis.calls }))
      .sort((a, b) => num(b.revenue) - num(a.revenue));
    renderRows(el.teams, rows, teamRow, fillTeam);
    setText(el.teamsNote, asOfText(answers));
  }

  function teamRow(row) {
    const tr = document.createElement('tr');
    tr.innerHTML = '<th scope="row"><button type="button" class="link"></button></th>'
      + '<td class="num"></td><td class="num"></td><td class="num"></td><td class="num"></td>';
    tr.querySelector('button').addEventListener('click', () => choose(tr.dataset.scope));
    return tr;
  }

  function fillTeam(tr, row) {
    const cells = tr.children;
    setText(cells[0].querySelector('button'), row.name);
    cells[0].querySelector('button').setAttribute('aria-label', `Show the reps of team ${row.name}`);
    setText(cells[1], fmt.money(row.revenue, state.currency));
    setText(cells[2], fmt.percent(row.attainment, 1));
    setText(cells[3], fmt.count(row.orders));
    setText(cells[4], fmt.count(row.calls));
  }

  // ---- start ----------------------------------------------------------------------------------

  async function loadScopes() {
    try {
      const [teams, regions, reps] = await Promise.all(['team', 'region', 'rep'].map((dimension) =>
        api('/api/v1/scopes', { dimension })));
      state.teams = teams.scopes;
      state.regions = regions.scopes;
      state.repInfo = new Map(reps.scopes.map((r) => [r.scope, { name: r.name, team: r.team, region: r.region }]));
      renderControls();
      refresh(true);
    } catch (e) {
      setText(el.repsNote, `Could not load teams and reps: ${e.message}; retrying`);
      setTimeout(loadScopes, 5000);
    }
  }

  const feed = live({ onData, onReconnect: () => refresh(true) });
  statusPill(feed, () => asOfMs(state.answer), 'm-status', 'm-status-text');
  summaryCards.build();
  renderControls();
  feed.subscribe([state.scope], state.period);
  loadScopes();
  setInterval(() => refresh(false), 30000);
}
