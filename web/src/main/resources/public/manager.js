// SalesPulse manager view (?view=manager): a laptop, light theme.
//
// URL parameters (kept in the address bar, so a view can be shared): period=today|yesterday|wtd|
// mtd|qtd, scope=company:all|region:<id>|team:<id> (the filter and drill-down), token=<viewer
// token>. Data: the KPIs of the chosen scope over /ws/live (a change there refreshes the rest,
// at most every few seconds) and REST for teams, reps (leaderboards joined by rep) and each rep's
// pace. Tables are keyed by scope and updated in place. Each table has a "Download CSV" link to
// /api/v1/table for the same period and filter.
'use strict';

(() => {
  if (document.documentElement.dataset.view !== 'manager') return;
  const { fmt, api, params, setText, asOfMs, num, token } = SP;

  const PERIODS = ['today', 'yesterday', 'wtd', 'mtd', 'qtd'];
  const REFRESH_MIN_INTERVAL_MS = 5000;
  const PACE_CONCURRENCY = 4;
  const SUMMARY = [
    { key: 'revenue', label: 'Revenue', kind: 'money' },
    { key: 'attainment', label: 'Attainment', kind: 'percent' },
    { key: 'pace', label: 'Pace', kind: 'pace' },
    { key: 'orders', label: 'Orders', kind: 'count' },
    { key: 'aov', label: 'Avg order value', kind: 'money' },
    { key: 'calls', label: 'Calls', kind: 'count' },
    { key: 'connectRate', label: 'Connect rate', kind: 'percent' },
    { key: 'winRate', label: 'Win rate', kind: 'percent' },
  ];
  // A sales funnel narrows: calls (dials) to meetings to demos to deals won. New leads feed it but
  // are not a step of it, so they are shown apart, without a rate.
  const FUNNEL = [
    { key: 'calls', label: 'Calls' },
    { key: 'meetings', label: 'Meetings' },
    { key: 'demos', label: 'Demos' },
    { key: 'dealsWon', label: 'Won' },
    { key: 'leads', label: 'New leads', apart: true },
  ];
  const TEXT_KEYS = new Set(['name', 'teamName']);

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
    kpis: document.getElementById('m-kpis'),
    asof: document.getElementById('m-asof'),
    stale: document.getElementById('m-stale'),
    funnel: document.getElementById('m-funnel'),
    teamsCard: document.getElementById('m-teams-card'),
    teams: document.querySelector('#m-teams tbody'),
    repsTable: document.getElementById('m-reps'),
    reps: document.querySelector('#m-reps tbody'),
    repsNote: document.getElementById('m-reps-note'),
    teamsNote: document.getElementById('m-teams-note'),
    repsCsv: document.getElementById('m-reps-csv'),
    teamsCsv: document.getElementById('m-teams-csv'),
  };

  // ---- formatting -----------------------------------------------------------------------------

  function show(kind, value) {
    switch (kind) {
      case 'money': return fmt.money(value, state.currency);
      case 'percent': return fmt.percent(value, 1);
      case 'pace': return paceText(value);
      default: return fmt.count(value);
    }
  }

  function asOfText(answers) {
    const times = answers.map(asOfMs).filter((ms) => ms !== null);
    return times.length ? `as of ${fmt.time(Math.max(...times))}` : 'no events counted yet';
  }

  function paceText(value) {
    const pace = num(value);
    if (Number.isNaN(pace)) return '—';
    return `${pace >= 1 ? '▲ ahead' : '▼ behind'} ${fmt.percent(pace)}`;
  }

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

  // ---- summary and funnel -----------------------------------------------------------------------

  function buildSummary() {
    el.kpis.replaceChildren(...SUMMARY.map((s) => {
      const card = document.createElement('div');
      card.className = 'm-kpi';
      card.dataset.kpi = s.key;
      card.innerHTML = '<p class="m-kpi-label"></p><p class="m-kpi-value">—</p><p class="m-kpi-asof">as of <time>—</time></p>';
      card.querySelector('.m-kpi-label').textContent = s.label;
      return card;
    }));
    el.funnel.replaceChildren(...FUNNEL.map((f) => {
      const li = document.createElement('li');
      li.dataset.step = f.key;
      if (f.apart) li.className = 'funnel-apart';
      li.innerHTML = '<span class="funnel-label"></span><span class="funnel-bar"><span></span></span>'
        + '<span class="funnel-count"></span><span class="funnel-rate"></span>';
      li.querySelector('.funnel-label').textContent = f.label;
      return li;
    }));
  }

  function onData(scope, answer) {
    if (scope !== state.scope || !answer || !answer.kpis) return;
    renderSummary(answer);
    refresh(false);
  }

  function renderSummary(answer) {
    state.answer = answer;
    SP.businessZone(answer.timezone, 'm-zone');
    if (typeof answer.currency === 'string') state.currency = answer.currency;
    const ms = asOfMs(answer);
    for (const s of SUMMARY) {
      const card = el.kpis.querySelector(`[data-kpi="${s.key}"]`);
      const raw = answer.kpis[s.key];
      const value = card.querySelector('.m-kpi-value');
      setText(value, show(s.kind, raw));
      value.dataset.value = raw === null || raw === undefined ? '' : String(raw);
      if (s.kind === 'pace') card.dataset.pace = Number.isNaN(num(raw)) ? 'none' : (num(raw) >= 1 ? 'ahead' : 'behind');
      const time = card.querySelector('time');
      setText(time, ms === null ? 'no events' : fmt.time(ms));
    }
    setText(el.asof, ms === null ? 'no events counted yet' : fmt.time(ms));
    if (ms !== null) el.asof.setAttribute('datetime', answer.asOf);
    el.stale.hidden = answer.stale !== true;
    const counts = FUNNEL.map((f) => num(answer.kpis[f.key]) || 0);
    const widest = Math.max(1, ...counts.filter((_, i) => !FUNNEL[i].apart));
    FUNNEL.forEach((f, i) => {
      const li = el.funnel.querySelector(`[data-step="${f.key}"]`);
      li.querySelector('.funnel-bar span').style.width = `${(counts[i] / widest) * 100}%`;
      setText(li.querySelector('.funnel-count'), fmt.count(counts[i]));
      const rate = i === 0 || f.apart || counts[i - 1] === 0 ? '' : `${fmt.percent(counts[i] / counts[i - 1])} of ${FUNNEL[i - 1].label.toLowerCase()}`;
      setText(li.querySelector('.funnel-rate'), rate);
    });
  }

  // ---- teams and reps ---------------------------------------------------------------------------

  let refreshAt = 0;
  let refreshTimer = 0;
  let refreshing = false;
  let refreshAgain = false;

  function refresh(force) {
    if (force) {
      clearTimeout(refreshTimer);
      refreshTimer = 0;
      load();
    } else if (!refreshTimer) {
      refreshTimer = setTimeout(() => { refreshTimer = 0; load(); },
        Math.max(0, refreshAt + REFRESH_MIN_INTERVAL_MS - Date.now()));
    }
  }

  async function load() {
    if (refreshing) { refreshAgain = true; return; }
    refreshing = true;
    refreshAt = Date.now();
    const scope = state.scope;
    const period = state.period;
    try {
      if (!state.answer) renderSummary(await api('/api/v1/kpis', { scope, period }));
      await Promise.all([loadTeams(scope, period), loadReps(scope, period)]);
    } catch (e) {
      setText(el.repsNote, `Could not load figures: ${e.message}`);
    } finally {
      refreshing = false;
      if (refreshAgain) { refreshAgain = false; refresh(false); }
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

  async function loadReps(scope, period) {
    const metrics = ['revenue', 'orders', 'calls', 'connectRate', 'winRate'];
    const boards = await Promise.all(metrics.map((metric) =>
      api('/api/v1/leaderboard', { dimension: 'rep', metric, period, limit: 500 })));
    if (scope !== state.scope || period !== state.period) return;
    const reps = new Map();
    const teamNames = new Map(state.teams.map((t) => [t.scope, t.name]));
    const inScope = (rep) => {
      if (scope === 'company:all') return true;
      const info = state.repInfo.get(rep);
      return !!info && (info.team === scope || info.region === scope);
    };
    const row = (rep, name) => {
      if (!reps.has(rep)) {
        const info = state.repInfo.get(rep) || {};
        reps.set(rep, { scope: rep, name, team: info.team || null,
          teamName: info.team ? (teamNames.get(info.team) || info.team.replace(/^team:/, '')) : '—',
          revenue: 0, attainment: null, pace: null, orders: 0, calls: 0, connectRate: null, winRate: null });
      }
      return reps.get(rep);
    };
    for (const [rep, info] of state.repInfo) if (inScope(rep)) row(rep, info.name);
    boards.forEach((board, i) => {
      for (const r of board.rows) {
        if (!inScope(r.scope)) continue;
        const entry = row(r.scope, r.name);
        entry.name = r.name;
        entry[metrics[i]] = r.value;
        if (metrics[i] === 'revenue') entry.attainment = r.attainment;
      }
    });
    const list = Array.from(reps.values());
    await addPace(list, period);
    if (scope !== state.scope || period !== state.period) return;
    state.reps = list;
    renderReps();
    const withTarget = list.filter((r) => r.attainment !== null).length;
    setText(el.repsNote, `${list.length} reps · ${withTarget} with a revenue target for this period`
      + ` · ${asOfText([state.answer])}`); // the leaderboards' asOf is the whole company's
  }

  // Pace comes with a rep's own KPIs: asked only for reps that have a target.
  async function addPace(list, period) {
    const queue = list.filter((r) => r.attainment !== null);
    async function worker() {
      while (queue.length) {
        const rep = queue.shift();
        try {
          const answer = await api('/api/v1/kpis', { scope: rep.scope, period });
          rep.pace = answer.kpis.pace;
        } catch (e) {
          rep.pace = null;
        }
      }
    }
    await Promise.all(Array.from({ length: PACE_CONCURRENCY }, worker));
  }

  function compare(a, b) {
    const key = state.sortKey;
    const dir = state.sortDir === 'asc' ? 1 : -1;
    const x = a[key];
    const y = b[key];
    const xMissing = x === null || x === undefined || (!TEXT_KEYS.has(key) && Number.isNaN(num(x)));
    const yMissing = y === null || y === undefined || (!TEXT_KEYS.has(key) && Number.isNaN(num(y)));
    if (xMissing || yMissing) return xMissing === yMissing ? a.name.localeCompare(b.name) : (xMissing ? 1 : -1);
    const c = TEXT_KEYS.has(key) ? String(x).localeCompare(String(y)) : num(x) - num(y);
    return c !== 0 ? c * dir : a.name.localeCompare(b.name);
  }

  function renderReps() {
    const rows = state.reps.slice().sort(compare);
    renderRows(el.reps, rows, repRow, fillRep);
    for (const th of el.repsTable.querySelectorAll('th[data-key]')) {
      th.setAttribute('aria-sort', th.dataset.key === state.sortKey
        ? (state.sortDir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  }

  function repRow() {
    const tr = document.createElement('tr');
    tr.innerHTML = '<th scope="row"></th><td></td><td class="num"></td><td class="num"></td>'
      + '<td class="num pace-cell"></td><td class="num"></td><td class="num"></td><td class="num"></td><td class="num"></td>';
    return tr;
  }

  function fillRep(tr, row) {
    const c = tr.children;
    setText(c[0], row.name);
    setText(c[1], row.teamName);
    setText(c[2], fmt.money(row.revenue, state.currency));
    c[2].dataset.value = row.revenue === null ? '' : String(row.revenue);
    setText(c[3], fmt.percent(row.attainment, 1));
    setText(c[4], paceText(row.pace));
    c[4].dataset.pace = row.pace === null ? 'none' : (num(row.pace) >= 1 ? 'ahead' : 'behind');
    setText(c[5], fmt.count(row.orders));
    setText(c[6], fmt.count(row.calls));
    setText(c[7], fmt.percent(row.connectRate, 1));
    setText(c[8], fmt.percent(row.winRate, 1));
  }

  // Keyed rows: kept per scope, filled in place, reordered; rows of scopes gone are removed.
  function renderRows(tbody, rows, make, fill) {
    const existing = new Map(Array.from(tbody.children).map((tr) => [tr.dataset.scope, tr]));
    const keep = new Set(rows.map((r) => r.scope));
    existing.forEach((tr, scope) => { if (!keep.has(scope)) tr.remove(); });
    rows.forEach((row, i) => {
      let tr = existing.get(row.scope);
      if (!tr) {
        tr = make(row);
        tr.dataset.scope = row.scope;
      }
      fill(tr, row);
      if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i] || null);
    });
  }

  for (const th of el.repsTable.querySelectorAll('th[data-key]')) {
    th.querySelector('button').addEventListener('click', () => {
      const key = th.dataset.key;
      if (state.sortKey === key) state.sortDir = state.sortDir === 'asc' ? 'desc' : 'asc';
      else { state.sortKey = key; state.sortDir = TEXT_KEYS.has(key) ? 'asc' : 'desc'; }
      renderReps();
    });
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

  const feed = SP.live({ onData, onReconnect: () => refresh(true) });
  SP.statusPill(feed, () => asOfMs(state.answer), 'm-status', 'm-status-text');
  buildSummary();
  renderControls();
  feed.subscribe([state.scope], state.period);
  loadScopes();
  setInterval(() => refresh(false), 30000);
})();
