// SalesPulse live page: company revenue, orders and calls for today.
//
// Data path: one REST load on start, then the WebSocket /ws/live (snapshot, updates,
// heartbeats). Silence for SILENCE_LIMIT_MS or a closed socket marks the page stale and
// reconnects with exponential backoff plus jitter; every reconnect resubscribes and
// refreshes over REST. Limits: one scope and one period; the token (if any) is read
// from the page URL and sent as a query parameter on the socket, as browsers cannot
// set headers on a WebSocket.
'use strict';

(() => {
  const SCOPE = 'company:all';
  const PERIOD = 'today';
  const KPIS = ['revenue', 'orders', 'calls'];

  const SILENCE_LIMIT_MS = 30000;
  const CONNECT_TIMEOUT_MS = 10000;
  const FETCH_TIMEOUT_MS = 10000;
  const BACKOFF_BASE_MS = 1000;
  const BACKOFF_MAX_MS = 30000;
  const FLASH_HOLD_MS = 150;
  // At most one flash a second per tile (WCAG 2.3.1 allows three), however fast updates come.
  const FLASH_MIN_INTERVAL_MS = 1000;
  // Heartbeats carry whole seconds; smaller clock differences are noise, not skew.
  const MIN_CLOCK_SKEW_MS = 2000;

  const token = new URLSearchParams(window.location.search).get('token');
  const apiUrl = `/api/v1/kpis?${new URLSearchParams({ scope: SCOPE, period: PERIOD })}`;
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/ws/live`
    + (token ? `?token=${encodeURIComponent(token)}` : '');

  const el = {
    body: document.body,
    status: document.getElementById('status'),
    statusText: document.getElementById('status-text'),
    statusDetail: document.getElementById('status-detail'),
    announce: document.getElementById('status-announce'),
    scopeName: document.getElementById('scope-name'),
    asOf: document.getElementById('as-of'),
    asOfTime: document.getElementById('as-of-time'),
    asOfAge: document.getElementById('as-of-age'),
    currency: document.getElementById('currency'),
    staleBadge: document.getElementById('stale-badge'),
    tiles: Object.fromEntries(KPIS.map((k) => {
      const tile = document.getElementById(`kpi-${k}`);
      return [k, { tile, value: tile.querySelector('.kpi-value'), raw: undefined, lastFlashAt: 0, flashTimer: 0 }];
    })),
  };

  const live = {
    socket: null,
    socketOpenedAt: 0,
    socketCreatedAt: 0,
    everOpened: false,
    everLive: false, // any frame ever received
    attempt: 0, // reconnects since the last snapshot, update or heartbeat
    reconnectTimer: 0,
    reconnectAt: 0,
    lastFrameAt: 0, // client time of the last frame on the current socket
    lastLiveAt: 0, // client time the feed was last known live; page load until then
    liveVersion: 0, // bumped per rendered snapshot/update, so an older REST answer never overwrites it
    clockOffsetMs: 0, // server clock minus browser clock, from heartbeats
  };

  const view = {
    state: '',
    hasData: false,
    asOfMs: null,
    detail: '',
    restRetryTimer: 0,
  };

  // ---- formatting --------------------------------------------------------------------

  const formatters = new Map();

  function numberFormat(key, options) {
    if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(undefined, options));
    return formatters.get(key);
  }

  function formatMoney(value, currency) {
    try {
      return numberFormat(`cur:${currency}`, { style: 'currency', currency }).format(value);
    } catch (e) { // missing or unknown currency code
      const amount = numberFormat('money', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
      return currency ? `${amount} ${currency}` : amount;
    }
  }

  function formatCount(value) {
    return numberFormat('count', { maximumFractionDigits: 0 }).format(value);
  }

  function formatInstant(ms) {
    const sameDay = new Date(ms).toDateString() === new Date().toDateString();
    const key = sameDay ? 'time' : 'datetime';
    if (!formatters.has(key)) {
      formatters.set(key, new Intl.DateTimeFormat(undefined,
        sameDay ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' }));
    }
    return formatters.get(key).format(ms);
  }

  function formatDuration(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60) return `${m} min ${s % 60} s`;
    const h = Math.floor(m / 60);
    if (h < 24) return `${h} h ${m % 60} min`;
    return `${Math.floor(h / 24)} d ${h % 24} h`;
  }

  // ---- rendering ---------------------------------------------------------------------

  function render(data) {
    if (!data || typeof data !== 'object' || !data.kpis || typeof data.kpis !== 'object') return false;
    const currency = typeof data.currency === 'string' ? data.currency : '';
    if (data.name) el.scopeName.textContent = data.name;
    el.currency.textContent = currency || '—';
    el.staleBadge.hidden = data.stale !== true;
    renderAsOf(data.asOf);
    for (const k of KPIS) renderKpi(k, data.kpis[k], currency);
    view.hasData = true;
    view.detail = '';
    renderStatus();
    return true;
  }

  function renderAsOf(asOf) {
    const ms = typeof asOf === 'string' ? Date.parse(asOf) : NaN;
    view.asOfMs = Number.isNaN(ms) ? null : ms;
    if (view.asOfMs === null) {
      el.asOf.removeAttribute('data-as-of');
      el.asOfTime.textContent = '—';
      el.asOfTime.removeAttribute('datetime');
      el.asOfTime.removeAttribute('title');
    } else {
      el.asOf.setAttribute('data-as-of', asOf);
      el.asOfTime.textContent = formatInstant(view.asOfMs);
      el.asOfTime.setAttribute('datetime', asOf);
      el.asOfTime.setAttribute('title', asOf);
    }
    renderAge();
  }

  function renderAge() {
    if (view.asOfMs === null) {
      el.asOfAge.textContent = view.hasData ? '(no events counted yet)' : 'waiting for data';
      return;
    }
    const serverNow = Date.now() + live.clockOffsetMs;
    el.asOfAge.textContent = `(${formatDuration(serverNow - view.asOfMs)} ago)`;
  }

  function renderKpi(kpi, raw, currency) {
    const t = el.tiles[kpi];
    const number = raw === null || raw === undefined || raw === '' ? NaN : Number(raw);
    if (Number.isNaN(number)) {
      t.value.textContent = '—';
      t.value.removeAttribute('data-value');
    } else {
      t.value.textContent = kpi === 'revenue' ? formatMoney(number, currency) : formatCount(number);
      t.value.setAttribute('data-value', String(raw));
    }
    const rawKey = Number.isNaN(number) ? null : String(raw);
    if (t.raw !== undefined && t.raw !== rawKey) flash(t);
    t.raw = rawKey;
    fitValue(t.value);
  }

  // Highlight at once, then fade back through the CSS transition on .kpi.
  function flash(t) {
    const now = Date.now();
    if (now - t.lastFlashAt < FLASH_MIN_INTERVAL_MS) return;
    t.lastFlashAt = now;
    t.tile.classList.add('is-changed');
    clearTimeout(t.flashTimer);
    t.flashTimer = setTimeout(() => t.tile.classList.remove('is-changed'), FLASH_HOLD_MS);
  }

  // Shrink a value that does not fit its tile (very large sums, narrow screens).
  function fitValue(valueEl) {
    valueEl.style.removeProperty('font-size');
    const { scrollWidth, clientWidth } = valueEl;
    if (clientWidth > 0 && scrollWidth > clientWidth) {
      const size = parseFloat(window.getComputedStyle(valueEl).fontSize);
      valueEl.style.fontSize = `${Math.floor(size * clientWidth / scrollWidth * 0.98)}px`;
    }
  }

  function connectionState() {
    const open = live.socket && live.socket.readyState === WebSocket.OPEN;
    if (open && live.lastFrameAt > 0) return 'live';
    if (!live.everLive && live.attempt === 0) return 'connecting';
    return view.hasData ? 'stale' : 'disconnected';
  }

  function renderStatus() {
    const state = connectionState();
    const now = Date.now();
    let text;
    if (state === 'live') {
      text = `Live · last message ${formatDuration(now - live.lastFrameAt)} ago`;
    } else if (state === 'connecting') {
      text = 'Connecting to live feed…';
    } else {
      const lead = state === 'stale'
        ? `No live data for ${formatDuration(now - live.lastLiveAt)}`
        : `Disconnected${navigator.onLine === false ? ' (browser offline)' : ''}`;
      text = `${lead} · ${reconnectText(now)}`;
    }
    el.statusText.textContent = text;
    el.statusDetail.textContent = view.detail ? ` · ${view.detail}` : '';
    if (state !== view.state) {
      view.state = state;
      el.status.dataset.state = state;
      el.body.dataset.conn = state;
      el.announce.textContent = { connecting: 'Connecting', live: 'Live', stale: 'Live data lost, figures are stale', disconnected: 'Disconnected' }[state];
    }
  }

  function reconnectText(now) {
    if (live.reconnectAt > 0) return `reconnecting in ${Math.max(1, Math.ceil((live.reconnectAt - now) / 1000))} s`;
    if (live.socket && live.socket.readyState === WebSocket.OPEN) return 'subscribing…';
    return 'connecting…';
  }

  function showDetail(detail) {
    view.detail = detail;
    el.announce.textContent = detail;
    renderStatus();
  }

  // ---- REST --------------------------------------------------------------------------

  async function loadRest() {
    clearTimeout(view.restRetryTimer);
    const versionAtStart = live.liveVersion;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      const response = await fetch(apiUrl, {
        headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        cache: 'no-store',
        signal: controller.signal,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        const reason = body && (body.detail || body.error);
        throw Object.assign(new Error(reason || `HTTP ${response.status}`), {
          retryAfterS: Number(response.headers.get('Retry-After')),
        });
      }
      if (live.liveVersion !== versionAtStart) return; // the socket delivered newer data meanwhile
      if (!render(body)) throw new Error('unexpected answer');
    } catch (e) {
      const reason = e.name === 'AbortError' ? 'timed out' : e.message;
      if (!view.hasData) {
        showDetail(`Could not load figures: ${reason}`);
        // Until the first figures arrive (e.g. 503 while stores restore), retry on the server's terms.
        const waitS = Number.isFinite(e.retryAfterS) && e.retryAfterS > 0 ? Math.min(e.retryAfterS, 30) : 5;
        view.restRetryTimer = setTimeout(loadRest, waitS * 1000);
      }
    } finally {
      clearTimeout(timeout);
    }
  }

  // ---- WebSocket ---------------------------------------------------------------------

  function connect() {
    clearTimeout(live.reconnectTimer);
    live.reconnectAt = 0;
    if (live.socket) {
      const old = live.socket;
      live.socket = null;
      try { old.close(4000, 'replaced'); } catch (e) { /* already closing */ }
    }
    let socket;
    try {
      socket = new WebSocket(wsUrl);
    } catch (e) {
      live.socket = null;
      showDetail(`Cannot open live feed: ${e.message}`);
      scheduleReconnect();
      return;
    }
    live.socket = socket;
    live.socketCreatedAt = Date.now();
    live.socketOpenedAt = 0;
    live.lastFrameAt = 0;

    socket.addEventListener('open', () => {
      if (live.socket !== socket) return;
      live.socketOpenedAt = Date.now();
      socket.send(JSON.stringify({ subscribe: [SCOPE], period: PERIOD }));
      if (live.everOpened || live.attempt > 0) loadRest(); // a reconnect: catch up over REST too
      live.everOpened = true;
      renderStatus();
    });
    socket.addEventListener('message', (event) => {
      if (live.socket !== socket) return;
      onFrame(event.data);
    });
    socket.addEventListener('close', (event) => {
      if (live.socket !== socket) return;
      if (event.reason) showDetail(`Closed by server: ${event.reason}`);
      dropSocket();
    });
    // 'error' is always followed by 'close'; nothing to do here.
    renderStatus();
  }

  function onFrame(text) {
    const now = Date.now();
    live.lastFrameAt = now;
    live.lastLiveAt = now;
    live.everLive = true;
    let message;
    try {
      message = JSON.parse(text);
    } catch (e) {
      return;
    }
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'snapshot':
      case 'update':
        live.attempt = 0; // a healthy feed: the next outage starts the backoff afresh
        if (message.scope === SCOPE && message.period === PERIOD && render(message.data)) live.liveVersion += 1;
        break;
      case 'updates': // several subscribed scopes changed in one tick: one item per scope
        live.attempt = 0;
        if (message.period === PERIOD && Array.isArray(message.items)) {
          for (const item of message.items) {
            if (item && item.scope === SCOPE && render(item.data)) live.liveVersion += 1;
          }
        }
        break;
      case 'heartbeat': {
        live.attempt = 0;
        const serverMs = Date.parse(message.serverTime);
        if (!Number.isNaN(serverMs)) {
          const offset = serverMs - now;
          live.clockOffsetMs = Math.abs(offset) >= MIN_CLOCK_SKEW_MS ? offset : 0;
        }
        break;
      }
      case 'error':
        showDetail(`Server: ${message.detail || message.error || 'error'}`);
        break;
      default:
        break; // unknown types are ignored, for forward compatibility
    }
    renderStatus();
  }

  // Forget the current socket (closing it if still up) and plan the next attempt.
  function dropSocket() {
    const socket = live.socket;
    live.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) {
      try { socket.close(4000, 'client timeout'); } catch (e) { /* already closing */ }
    }
    scheduleReconnect();
  }

  function scheduleReconnect() {
    clearTimeout(live.reconnectTimer);
    // 1 s, 2 s, 4 s … 30 s, each shortened by up to 30 % at random so clients spread out.
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(live.attempt, 10));
    const delay = Math.round(base * (1 - Math.random() * 0.3));
    live.attempt += 1;
    live.reconnectAt = Date.now() + delay;
    live.reconnectTimer = setTimeout(connect, delay);
    renderStatus();
  }

  function checkSilence() {
    const socket = live.socket;
    if (!socket) return;
    const now = Date.now();
    const silentSince = live.lastFrameAt || live.socketOpenedAt;
    if (socket.readyState === WebSocket.CONNECTING && now - live.socketCreatedAt > CONNECT_TIMEOUT_MS) {
      dropSocket();
    } else if (socket.readyState === WebSocket.OPEN && silentSince > 0 && now - silentSince > SILENCE_LIMIT_MS) {
      dropSocket();
    }
  }

  // ---- start -------------------------------------------------------------------------

  function tick() {
    checkSilence();
    renderAge();
    renderStatus();
  }

  let resizeFrame = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => KPIS.forEach((k) => fitValue(el.tiles[k].value)));
  });
  // Back online: try at once instead of waiting out the backoff.
  window.addEventListener('online', () => {
    if (live.reconnectAt > 0) {
      live.attempt = 0;
      connect();
    }
  });

  live.lastLiveAt = Date.now();
  loadRest();
  connect();
  setInterval(tick, 1000);
})();
