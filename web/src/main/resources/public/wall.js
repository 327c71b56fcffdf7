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
'use strict';

(() => {
  if (document.documentElement.dataset.view !== 'wall') return;
  const { fmt, api, params, setText, asOfMs, num } = SP;

  const ROTATE_MS = 1000 * (params.has('rotate') ? Math.max(0, Number(params.get('rotate')) || 0) : 30);
  const CELEBRATE_MIN = params.has('celebrate') ? Number(params.get('celebrate')) : null;
  const LEADERS = 10;
  const FEED_SHOWN = 5;
  const FEED_POLL_MS = 3000;
  const LEADERS_MIN_INTERVAL_MS = 1000;
  const CHART_MIN_INTERVAL_MS = 10000;
  const CELEBRATION_MS = 6000;
  const MAX_QUEUED_CELEBRATIONS = 3;
  const TILE_KPIS = ['orders', 'aov', 'calls', 'meetings'];

  const wall = document.getElementById('wall');
  const el = {
    scope: document.getElementById('w-scope'),
    slides: document.getElementById('w-slides'),
    clock: document.getElementById('w-clock'),
    hero: document.getElementById('w-revenue'),
    heroValue: document.getElementById('w-revenue-value'),
    heroTarget: document.getElementById('w-revenue-target'),
    pace: document.getElementById('w-pace'),
    leaders: document.getElementById('w-leaders'),
    board: wall.querySelector('.w-board'),
    feed: document.getElementById('w-feed'),
    ticker: wall.querySelector('.w-ticker'),
    threshold: document.getElementById('w-threshold'),
    chart: document.getElementById('w-chart'),
    chartCard: wall.querySelector('.w-chart'),
    chartWeek: document.getElementById('w-chart-week'),
    chartCurrency: document.getElementById('w-chart-currency'),
    celebrate: document.getElementById('w-celebrate'),
    tiles: Object.fromEntries(TILE_KPIS.map((k) => [k, wall.querySelector(`.tile[data-kpi="${k}"]`)])),
  };

  const answers = new Map(); // scope → latest KPI answer, one per subscribed scope
  const repTeams = new Map(); // rep scope → team scope, from /api/v1/scopes
  let slides = [{ scope: 'company:all', name: 'Company' }];
  let slide = 0;
  let currency = '';

  // ---- slides ---------------------------------------------------------------------------------

  function currentScope() {
    return slides[slide].scope;
  }

  function renderSlides() {
    el.slides.replaceChildren(...slides.map((s, i) => {
      const li = document.createElement('li');
      li.textContent = s.name;
      if (i === slide) li.setAttribute('aria-current', 'true');
      return li;
    }));
  }

  function showSlide(index) {
    slide = (index + slides.length) % slides.length;
    const current = slides[slide];
    setText(el.scope, current.name);
    wall.dataset.scope = current.scope;
    for (const [i, li] of Array.from(el.slides.children).entries()) {
      if (i === slide) li.setAttribute('aria-current', 'true'); else li.removeAttribute('aria-current');
    }
    rowsByScope.forEach((li) => li.remove());
    rowsByScope.clear();
    const answer = answers.get(current.scope);
    if (answer) renderKpis(answer, false);
    loadLeaders(true);
    loadChart(true);
  }

  async function loadSlides() {
    try {
      const [teams, reps] = await Promise.all([
        api('/api/v1/scopes', { dimension: 'team' }),
        api('/api/v1/scopes', { dimension: 'rep' }),
      ]);
      repTeams.clear();
      const subscribed = new Set(['company:all', ...teams.scopes.map((t) => t.scope)]);
      for (const scope of answers.keys()) if (!subscribed.has(scope)) answers.delete(scope);
      for (const rep of reps.scopes) if (rep.team) repTeams.set(rep.scope, rep.team);
      const known = teams.scopes.filter((t) => t.scope !== 'team:unassigned').slice(0, 49);
      const current = currentScope();
      slides = [{ scope: 'company:all', name: 'Company' }, ...known.map((t) => ({ scope: t.scope, name: t.name }))];
      const wanted = params.get('scope') && !slidesLoaded ? params.get('scope') : current;
      slidesLoaded = true;
      slide = Math.max(0, slides.findIndex((s) => s.scope === wanted));
      renderSlides();
      feed.subscribe(slides.map((s) => s.scope), 'today');
      showSlide(slide);
    } catch (e) {
      setTimeout(loadSlides, 5000);
    }
  }
  let slidesLoaded = false;

  // ---- KPIs: hero and tiles ---------------------------------------------------------------------

  function onData(scope, answer) {
    if (!answer || !answer.kpis) return;
    const previous = answers.get(scope);
    answers.set(scope, answer);
    if (typeof answer.currency === 'string' && answer.currency !== currency) {
      currency = answer.currency; // the first answer tells it: redraw what shows money
      loadLeaders(true);
      loadChart(true);
    }
    if (scope === currentScope()) {
      renderKpis(answer, true);
      // A team's top reps are as of the team's newest event (see fetchLeaders): it moves with it.
      if (scope.startsWith('team:')) renderAsOf(el.board, answer);
      if (!previous || previous.kpis.revenue !== answer.kpis.revenue) {
        loadLeaders(false);
        loadChart(false);
      }
    }
  }

  function renderKpis(answer, flash) {
    const k = answer.kpis;
    const stale = answer.stale === true;
    renderAsOf(el.hero, answer);
    el.hero.querySelector('.stale-badge').hidden = !stale;
    wall.classList.toggle('is-stale-answer', stale);
    setValue(el.heroValue, k.revenue, fmt.money(k.revenue, currency), flash ? el.hero : null);
    renderRevenueTarget(k);
    for (const kpi of TILE_KPIS) renderTile(kpi, answer, flash);
  }

  function setValue(node, raw, text, flashNode) {
    const key = raw === null || raw === undefined ? '' : String(raw);
    if (node.dataset.value === key && node.textContent === text) return;
    const changed = node.dataset.value !== undefined && node.dataset.value !== key;
    node.dataset.value = key;
    node.textContent = text;
    fit(node);
    if (changed && flashNode) flash(flashNode);
  }

  function renderAsOf(card, answer) {
    const time = card.querySelector('.asof time');
    const ms = asOfMs(answer);
    setText(time, ms === null ? 'no events yet' : fmt.time(ms));
    if (ms === null) time.removeAttribute('datetime'); else time.setAttribute('datetime', answer.asOf);
  }

  function renderRevenueTarget(k) {
    const bar = el.hero.querySelector('.bar');
    const target = num(k.target);
    const attainment = num(k.attainment);
    const pace = num(k.pace);
    const marker = bar.querySelector('.bar-expected');
    if (Number.isNaN(target)) {
      setText(el.heroTarget, 'No revenue target set for today');
      bar.dataset.state = 'none';
      marker.hidden = true;
      setPace('none', '', 'No target, no pace');
      return;
    }
    bar.dataset.state = attainment >= 1 ? 'done' : 'progress';
    bar.querySelector('.bar-fill').style.width = `${Math.min(1, Math.max(0, attainment)) * 100}%`;
    const expected = !Number.isNaN(pace) && pace > 0 ? attainment / pace : NaN;
    marker.hidden = Number.isNaN(expected);
    if (!Number.isNaN(expected)) marker.style.left = `${Math.min(1, Math.max(0, expected)) * 100}%`;
    setText(el.heroTarget, `${fmt.percent(attainment)} of ${fmt.money(target, currency)} target`);
    if (attainment >= 1) setPace('done', '✓', `Target reached · ${fmt.percent(attainment)}`);
    else if (Number.isNaN(pace)) setPace('none', '', 'Pace starts with business hours');
    else if (pace >= 1) setPace('ahead', '▲', `Ahead of pace · ${fmt.percent(pace)}`);
    else setPace('behind', '▼', `Behind pace · ${fmt.percent(pace)}`);
  }

  function setPace(state, arrow, text) {
    el.pace.dataset.pace = state;
    setText(el.pace.querySelector('.pace-arrow'), arrow);
    setText(el.pace.querySelector('.pace-text'), text);
  }

  function renderTile(kpi, answer, flash) {
    const tile = el.tiles[kpi];
    const raw = answer.kpis[kpi];
    const text = kpi === 'aov' ? fmt.money(raw, currency) : fmt.count(raw);
    setValue(tile.querySelector('.tile-value'), raw, text, flash ? tile : null);
    renderAsOf(tile, answer);
    const sub = tile.querySelector('.tile-target');
    const bar = tile.querySelector('.bar');
    if (kpi === 'aov') {
      // Gross revenue over placed orders; `orders` is net of cancellations, so not named here.
      setText(sub, 'per placed order');
      return;
    }
    const target = answer.targets && answer.targets[kpi];
    if (!target || target.target === null || target.target === undefined) {
      setText(sub, 'No target set');
      bar.dataset.state = 'none';
      return;
    }
    const attainment = num(target.attainment);
    bar.dataset.state = attainment >= 1 ? 'done' : 'progress';
    bar.querySelector('.bar-fill').style.width = `${Math.min(1, Math.max(0, attainment)) * 100}%`;
    setText(sub, `${attainment >= 1 ? '✓ ' : ''}${fmt.percent(attainment)} of ${fmt.count(target.target)}`);
  }

  // Highlight a changed card briefly; at most once a second per card (WCAG 2.3.1 allows three).
  const lastFlash = new WeakMap();
  function flash(card) {
    const now = Date.now();
    if (now - (lastFlash.get(card) || 0) < 1000) return;
    lastFlash.set(card, now);
    card.classList.add('is-changed');
    setTimeout(() => card.classList.remove('is-changed'), 150);
  }

  // Shrink a value that does not fit its box (very large sums).
  function fit(node) {
    node.style.removeProperty('font-size');
    if (node.clientWidth > 0 && node.scrollWidth > node.clientWidth) {
      const size = parseFloat(window.getComputedStyle(node).fontSize);
      node.style.fontSize = `${Math.floor(size * node.clientWidth / node.scrollWidth * 0.97)}px`;
    }
  }

  // ---- leaderboard ----------------------------------------------------------------------------

  const rowsByScope = new Map(); // rep scope → its <li>, only the rows on screen
  let leadersInFlight = false;
  let leadersAgain = false;
  let leadersAt = 0;
  let leadersTimer = 0;

  // At most one leaderboard request a second, however fast figures move; force skips the wait.
  function loadLeaders(force) {
    if (force) {
      clearTimeout(leadersTimer);
      leadersTimer = 0;
      fetchLeaders();
    } else if (!leadersTimer) {
      const wait = Math.max(0, leadersAt + LEADERS_MIN_INTERVAL_MS - Date.now());
      leadersTimer = setTimeout(() => { leadersTimer = 0; fetchLeaders(); }, wait);
    }
  }

  async function fetchLeaders() {
    if (leadersInFlight) { leadersAgain = true; return; }
    leadersInFlight = true;
    leadersAt = Date.now();
    const scope = currentScope();
    try {
      const team = scope.startsWith('team:') ? scope : null;
      const answer = await api('/api/v1/leaderboard',
        { dimension: 'rep', metric: 'revenue', period: 'today', limit: team ? 500 : LEADERS });
      if (scope !== currentScope()) return;
      let rows = answer.rows;
      if (team) rows = rows.filter((r) => repTeams.get(r.scope) === team);
      renderLeaders(rows.slice(0, LEADERS));
      // The leaderboard's asOf is the whole company's: a team's top reps are as of the team's.
      renderAsOf(el.board, team ? answers.get(scope) : answer);
      el.board.classList.toggle('is-stale-answer', answer.stale === true);
    } catch (e) {
      // keep what is shown; the status line says when the server is away
    } finally {
      leadersInFlight = false;
      if (leadersAgain) { leadersAgain = false; loadLeaders(false); }
    }
  }

  function leaderRow() {
    const li = document.createElement('li');
    li.className = 'leader';
    li.innerHTML = '<span class="leader-rank"></span><span class="leader-move"></span>'
      + '<span class="leader-name"></span><span class="leader-value"></span>'
      + '<span class="leader-att"><span class="leader-att-bar"><span></span></span><span class="leader-att-text"></span></span>';
    return li;
  }

  // Rows are kept per rep and moved, so a change of places animates (FLIP: measure, move, invert).
  function renderLeaders(rows) {
    const before = new Map();
    rowsByScope.forEach((li, scope) => before.set(scope, li.getBoundingClientRect().top));
    const keep = new Set(rows.map((r) => r.scope));
    rowsByScope.forEach((li, scope) => {
      if (!keep.has(scope)) { li.remove(); rowsByScope.delete(scope); }
    });
    let rank = 0;
    rows.forEach((row, i) => {
      rank = i > 0 && row.value === rows[i - 1].value ? rank : i + 1; // ties share a place
      let li = rowsByScope.get(row.scope);
      if (!li) {
        li = leaderRow();
        li.dataset.scope = row.scope;
        rowsByScope.set(row.scope, li);
      }
      const previous = Number(li.dataset.rank || 0);
      if (previous && rank !== previous) {
        const up = rank < previous;
        li.dataset.move = up ? 'up' : 'down';
        li.querySelector('.leader-move').textContent = `${up ? '▲' : '▼'}${Math.abs(previous - rank)}`;
        li.querySelector('.leader-move').setAttribute('aria-label', `${up ? 'up' : 'down'} ${Math.abs(previous - rank)}`);
        clearTimeout(Number(li.dataset.moveTimer || 0));
        li.dataset.moveTimer = String(setTimeout(() => {
          delete li.dataset.move;
          li.querySelector('.leader-move').textContent = '';
          li.querySelector('.leader-move').removeAttribute('aria-label');
        }, 8000));
      }
      li.dataset.rank = String(rank);
      li.dataset.value = row.value === null ? '' : String(row.value);
      setText(li.querySelector('.leader-rank'), String(rank));
      setText(li.querySelector('.leader-name'), row.name);
      setText(li.querySelector('.leader-value'), fmt.money(row.value, currency, true));
      const att = num(row.attainment);
      li.querySelector('.leader-att').hidden = Number.isNaN(att);
      if (!Number.isNaN(att)) {
        li.querySelector('.leader-att-bar span').style.width = `${Math.min(1, att) * 100}%`;
        setText(li.querySelector('.leader-att-text'), fmt.percent(att));
        li.classList.toggle('is-done', att >= 1);
      }
      if (el.leaders.children[i] !== li) el.leaders.insertBefore(li, el.leaders.children[i] || null);
    });
    el.board.querySelector('.empty').hidden = rows.length > 0;
    rowsByScope.forEach((li, scope) => {
      const top = before.get(scope);
      if (top === undefined) return;
      const delta = top - li.getBoundingClientRect().top;
      if (!delta) return;
      li.style.transition = 'none';
      li.style.transform = `translateY(${delta}px)`;
      requestAnimationFrame(() => requestAnimationFrame(() => {
        li.style.transition = '';
        li.style.transform = '';
      }));
    });
  }

  // ---- chart: today against the same weekday last week ----------------------------------------

  let plot = null;
  let xRange = null;
  let chartAt = 0;
  let chartTimer = 0;
  const lastWeek = new Map(); // `${scope}|${date}` → values, one per slide at most
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

  function loadChart(force) {
    clearTimeout(chartTimer);
    const wait = chartAt + CHART_MIN_INTERVAL_MS - Date.now();
    if (!force && wait > 0) { chartTimer = setTimeout(() => loadChart(true), wait); return; }
    chartAt = Date.now();
    drawChart(currentScope());
  }

  async function drawChart(scope) {
    try {
      const today = await api('/api/v1/timeseries', { scope, metric: 'grossRevenue', period: 'today', step: '15m' });
      SP.businessZone(today.timezone, 'w-zone');
      const day = businessDate(today.from, today.timezone);
      const weekAgo = new Date(day);
      weekAgo.setUTCDate(weekAgo.getUTCDate() - 7);
      const dayAfter = new Date(weekAgo);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      const key = `${scope}|${isoDate(weekAgo)}`;
      if (!lastWeek.has(key)) {
        const past = await api('/api/v1/timeseries',
          { scope, metric: 'grossRevenue', period: 'custom', from: isoDate(weekAgo), to: isoDate(dayAfter), step: '15m' });
        if (lastWeek.size >= slides.length) lastWeek.clear(); // a new day, or slides changed
        lastWeek.set(key, past.points.map((p) => [p.t, num(p.value)]));
      }
      if (scope !== currentScope()) return;
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
      setText(el.chartCurrency, currency ? ` (${currency})` : '');
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

  // ---- feed ticker and celebrations -----------------------------------------------------------

  let seen = null; // ids of the last feed answer; null until the first one (nothing celebrated then)
  let shownFeed = []; // what the ticker shows, redrawn when the business time zone becomes known
  let feedZone = '';
  const celebrations = [];
  let celebrating = false;

  async function loadFeed() {
    try {
      const answer = await api('/api/v1/feed', { limit: 20 });
      setText(el.threshold, `Deals of ${fmt.money(answer.largeDeal, answer.currency, false)} or more`);
      const items = answer.items;
      if (seen) {
        for (const item of items.slice().reverse()) {
          if (!seen.has(item.id) && worthCelebrating(item)) celebrate(item);
        }
      }
      seen = new Set(items.map((i) => i.id));
      shownFeed = items.slice(0, FEED_SHOWN);
      renderFeed(shownFeed);
    } catch (e) {
      // keep the ticker as it is
    } finally {
      setTimeout(loadFeed, FEED_POLL_MS);
    }
  }

  function worthCelebrating(item) {
    if (item.kind === 'milestone') return true;
    return CELEBRATE_MIN === null || Number.isNaN(CELEBRATE_MIN) || num(item.value) >= CELEBRATE_MIN;
  }

  const METRIC_NAMES = { revenue: 'revenue', orders: 'orders', calls: 'calls', meetings: 'meetings', dealsWon: 'deals won' };

  function teamName(scope) {
    const s = slides.find((x) => x.scope === scope);
    return s ? s.name : (scope || '').replace(/^team:/, '');
  }

  function feedText(item) {
    if (item.kind === 'deal') {
      return { title: fmt.money(item.value, item.currency || currency), text: `${item.name} · ${teamName(item.team)}` };
    }
    const who = item.scope === 'company:all' ? 'The company' : item.name;
    return { title: `${who} hit target`, text: `Today's ${METRIC_NAMES[item.metric] || item.metric} target: ${item.metric === 'revenue' ? fmt.money(item.target, item.currency || currency) : fmt.count(item.target)}` };
  }

  function renderFeed(items) {
    const ids = `${items.map((i) => i.id).join(' ')}|${slides.length}|${currency}|${feedZone}`;
    if (el.feed.dataset.ids === ids) return;
    el.feed.dataset.ids = ids;
    el.feed.replaceChildren(...items.map((item) => {
      const li = document.createElement('li');
      li.className = `feed-item feed-${item.kind}`;
      li.dataset.id = item.id;
      const { title, text } = feedText(item);
      const icon = document.createElement('span');
      icon.className = 'feed-icon';
      icon.textContent = item.kind === 'deal' ? '$' : '★';
      icon.setAttribute('aria-label', item.kind === 'deal' ? 'Big deal' : 'Milestone');
      const body = document.createElement('span');
      body.className = 'feed-body';
      const t = document.createElement('strong');
      t.textContent = title;
      const d = document.createElement('span');
      d.textContent = text;
      body.append(t, d);
      const time = document.createElement('time');
      time.className = 'feed-time';
      time.setAttribute('datetime', item.at);
      time.textContent = fmt.shortTime(Date.parse(item.at));
      li.append(icon, body, time);
      return li;
    }));
    el.ticker.querySelector('.empty').hidden = items.length > 0;
  }

  function celebrate(item) {
    if (celebrations.length >= MAX_QUEUED_CELEBRATIONS) celebrations.shift();
    celebrations.push(item);
    if (!celebrating) nextCelebration();
  }

  function nextCelebration() {
    const item = celebrations.shift();
    if (!item) { celebrating = false; el.celebrate.hidden = true; return; }
    celebrating = true;
    const { title, text } = feedText(item);
    setText(el.celebrate.querySelector('.celebrate-kind'), item.kind === 'deal' ? 'Big deal!' : 'Target hit!');
    setText(el.celebrate.querySelector('.celebrate-title'), title);
    setText(el.celebrate.querySelector('.celebrate-text'), text);
    el.celebrate.hidden = false;
    el.celebrate.classList.remove('go');
    void el.celebrate.offsetWidth; // restart the animation
    el.celebrate.classList.add('go');
    setTimeout(nextCelebration, CELEBRATION_MS);
  }

  function buildConfetti() {
    const box = el.celebrate.querySelector('.confetti');
    const colours = ['#f2cc60', '#58a6ff', '#3fb950', '#ff7b72', '#d2a8ff'];
    for (let i = 0; i < 36; i += 1) {
      const piece = document.createElement('i');
      piece.style.left = `${(i * 97) % 100}%`;
      piece.style.background = colours[i % colours.length];
      piece.style.animationDelay = `${(i % 12) * 0.09}s`;
      piece.style.setProperty('--drift', `${((i * 37) % 21) - 10}vw`);
      box.append(piece);
    }
  }

  // ---- start ----------------------------------------------------------------------------------

  const feed = SP.live({
    onData,
    onReconnect: () => { loadLeaders(true); loadChart(true); },
  });
  SP.statusPill(feed, () => asOfMs(answers.get(currentScope())), 'status', 'status-text');

  function tick() {
    setText(el.clock, SP.fmt.shortTime(Date.now()));
  }
  tick();
  setInterval(tick, 1000);
  document.addEventListener('sp:zone', (e) => {
    feedZone = e.detail;
    tick();
    renderFeed(shownFeed);
  });
  setInterval(() => loadLeaders(false), 15000);
  setInterval(() => loadChart(false), 60000);
  setInterval(loadSlides, 10 * 60000); // teams and reps come and go
  if (ROTATE_MS > 0) setInterval(() => { if (slides.length > 1) showSlide(slide + 1); }, ROTATE_MS);

  buildConfetti();
  renderSlides();
  feed.subscribe(['company:all'], 'today');
  loadSlides();
  loadFeed();
})();
