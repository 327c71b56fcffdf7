// SalesPulse pages: what the wallboard and the manager view share.
//
// - formatting in the browser's locale and the answer's reporting currency (Intl);
// - REST calls with the viewer token (from the page URL, if any) and a timeout;
// - the live feed (/ws/live): subscribe, reconnect with exponential backoff and jitter,
//   resubscribe, detect silence, and report its state (connecting, live, stale, disconnected);
// - the status pill and the age of the data, refreshed every second.
// Nothing here grows with time: formatters are cached per key, caches hold one entry per scope.
'use strict';

window.SP = (() => {
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token');

  // ---- formatting ---------------------------------------------------------------------------

  const formatters = new Map();
  function numberFormat(key, options) {
    if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(undefined, options));
    return formatters.get(key);
  }

  function num(value) {
    if (value === null || value === undefined || value === '') return NaN;
    return Number(value);
  }

  // Money comes with SALESPULSE_CURRENCY_DIGITS (0 to 4) fraction digits, which may be more than
  // the currency's usual ones: show all of them.
  const MONEY_DIGITS_MAX = 4;

  // Times are shown in the business time zone once an answer has named it (`timezone`), so the
  // wallboard's clock, chart and "as of" agree with the service's days wherever the browser is.
  let zone = null;
  function timeFormat(key, options) {
    const full = `${key}|${zone || ''}`;
    if (!formatters.has(full)) {
      try {
        formatters.set(full, new Intl.DateTimeFormat(undefined, zone ? { ...options, timeZone: zone } : options));
      } catch (e) { // a zone this browser does not know: its own
        formatters.set(full, new Intl.DateTimeFormat(undefined, options));
      }
    }
    return formatters.get(full);
  }

  // Learns the business time zone from an answer; shows it in the element `tagId` ("Tokyo time").
  // Once the zone is known or changes, `sp:zone` on the document lets views redraw the times they
  // showed before (the clock, the feed), which were in the browser's zone.
  function businessZone(name, tagId) {
    if (typeof name !== 'string' || !name) return;
    const changed = zone !== name;
    zone = name;
    if (changed) document.dispatchEvent(new CustomEvent('sp:zone', { detail: name }));
    const tag = document.getElementById(tagId);
    if (tag) {
      const city = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1).replace(/_/g, ' ') : name;
      setText(tag, `${city} time`);
      tag.title = `Times are in the business time zone, ${name}`;
      tag.hidden = false;
    }
  }

  const fmt = {
    money(value, currency, compact) {
      const n = num(value);
      if (Number.isNaN(n)) return '—';
      const key = `cur:${currency}:${compact ? 'c' : ''}`;
      if (!currency) { // not known yet: a plain number
        return numberFormat(`plain:${compact ? 'c' : ''}`, compact
          ? { notation: 'compact', maximumFractionDigits: 1 }
          : { minimumFractionDigits: 2, maximumFractionDigits: MONEY_DIGITS_MAX }).format(n);
      }
      try {
        return numberFormat(key, compact
          ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }
          : { style: 'currency', currency, maximumFractionDigits: MONEY_DIGITS_MAX }).format(n);
      } catch (e) { // missing or unknown currency code
        return `${numberFormat('money', { minimumFractionDigits: 2, maximumFractionDigits: MONEY_DIGITS_MAX }).format(n)} ${currency || ''}`.trim();
      }
    },
    count(value) {
      const n = num(value);
      return Number.isNaN(n) ? '—' : numberFormat('count', { maximumFractionDigits: 0 }).format(n);
    },
    percent(ratio, digits = 0) {
      const n = num(ratio);
      if (Number.isNaN(n)) return '—';
      // Short of 1 never reads 100 %: next to a target, that would say it is met.
      const below = 1 - 10 ** -(digits + 2);
      return numberFormat(`pct:${digits}`, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits })
        .format(n < 1 && n > below ? below : n);
    },
    time(ms) {
      if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
      const sameDay = new Date(ms).toDateString() === new Date().toDateString();
      return timeFormat(sameDay ? 'time' : 'datetime',
        sameDay ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
    },
    shortTime(ms) {
      return timeFormat('short', { timeStyle: 'short' }).format(ms);
    },
    duration(ms) {
      const s = Math.max(0, Math.floor(ms / 1000));
      if (s < 60) return `${s} s`;
      const m = Math.floor(s / 60);
      if (m < 60) return `${m} min ${s % 60} s`;
      const h = Math.floor(m / 60);
      if (h < 24) return `${h} h ${m % 60} min`;
      return `${Math.floor(h / 24)} d ${h % 24} h`;
    },
  };

  // ---- REST -----------------------------------------------------------------------------------

  const FETCH_TIMEOUT_MS = 10000;

  async function api(path, query) {
    const url = query ? `${path}?${new URLSearchParams(query)}` : path;
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      const response = await fetch(url, {
        headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        cache: 'no-store',
        signal: controller.signal,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        throw Object.assign(new Error((body && (body.detail || body.error)) || `HTTP ${response.status}`),
          { status: response.status });
      }
      return body;
    } catch (e) {
      if (e.name === 'AbortError') throw new Error('timed out');
      throw e;
    } finally {
      clearTimeout(timeout);
    }
  }

  // ---- live feed ------------------------------------------------------------------------------

  const SILENCE_LIMIT_MS = 25000; // heartbeats come every 10 s
  const CONNECT_TIMEOUT_MS = 10000;
  const BACKOFF_BASE_MS = 1000;
  const BACKOFF_MAX_MS = 30000;
  const MIN_CLOCK_SKEW_MS = 2000;

  // One WebSocket to /ws/live. onData(scope, answer) for every snapshot or update;
  // onReconnect() after a reconnect (callers refresh what they load over REST).
  function live({ onData, onReconnect }) {
    const wsUrl = `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/ws/live`
      + (token ? `?token=${encodeURIComponent(token)}` : '');
    const state = {
      socket: null, createdAt: 0, openedAt: 0, lastFrameAt: 0, lastLiveAt: Date.now(),
      everLive: false, everOpened: false, attempt: 0, timer: 0, reconnectAt: 0,
      clockOffsetMs: 0, subscription: null, detail: '',
    };

    function send() {
      if (state.socket && state.socket.readyState === WebSocket.OPEN && state.subscription) {
        state.socket.send(JSON.stringify(state.subscription));
      }
    }

    function connect() {
      clearTimeout(state.timer);
      state.reconnectAt = 0;
      if (state.socket) {
        const old = state.socket;
        state.socket = null;
        try { old.close(4000, 'replaced'); } catch (e) { /* closing already */ }
      }
      let socket;
      try {
        socket = new WebSocket(wsUrl);
      } catch (e) {
        state.detail = `cannot open the live feed: ${e.message}`;
        scheduleReconnect();
        return;
      }
      state.socket = socket;
      state.createdAt = Date.now();
      state.openedAt = 0;
      state.lastFrameAt = 0;
      socket.addEventListener('open', () => {
        if (state.socket !== socket) return;
        state.openedAt = Date.now();
        send();
        if (state.everOpened && onReconnect) onReconnect();
        state.everOpened = true;
      });
      socket.addEventListener('message', (event) => {
        if (state.socket === socket) onFrame(event.data);
      });
      socket.addEventListener('close', () => {
        if (state.socket !== socket) return;
        drop();
      });
    }

    function onFrame(text) {
      const now = Date.now();
      state.lastFrameAt = now;
      state.lastLiveAt = now;
      state.everLive = true;
      let message;
      try { message = JSON.parse(text); } catch (e) { return; }
      if (!message || typeof message !== 'object') return;
      const period = state.subscription && state.subscription.period;
      switch (message.type) {
        case 'snapshot':
        case 'update':
          state.attempt = 0;
          state.detail = '';
          if (message.period === period && message.data) onData(message.scope, message.data);
          break;
        case 'updates':
          state.attempt = 0;
          if (message.period === period && Array.isArray(message.items)) {
            for (const item of message.items) if (item && item.data) onData(item.scope, item.data);
          }
          break;
        case 'heartbeat': {
          state.attempt = 0;
          const serverMs = Date.parse(message.serverTime);
          if (!Number.isNaN(serverMs)) {
            const offset = serverMs - now;
            state.clockOffsetMs = Math.abs(offset) >= MIN_CLOCK_SKEW_MS ? offset : 0;
          }
          break;
        }
        case 'error':
          state.detail = `server: ${message.detail || message.error}`;
          break;
        default:
          break; // unknown types are ignored, for forward compatibility
      }
    }

    function drop() {
      const socket = state.socket;
      state.socket = null;
      if (socket && socket.readyState <= WebSocket.OPEN) {
        try { socket.close(4000, 'client timeout'); } catch (e) { /* closing already */ }
      }
      scheduleReconnect();
    }

    function scheduleReconnect() {
      clearTimeout(state.timer);
      // 1 s, 2 s, 4 s … 30 s, each shortened by up to 30 % at random so clients spread out.
      const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(state.attempt, 10));
      const delay = Math.round(base * (1 - Math.random() * 0.3));
      state.attempt += 1;
      state.reconnectAt = Date.now() + delay;
      state.timer = setTimeout(connect, delay);
    }

    function checkSilence() {
      const socket = state.socket;
      if (!socket) return;
      const now = Date.now();
      const silentSince = state.lastFrameAt || state.openedAt;
      if (socket.readyState === WebSocket.CONNECTING && now - state.createdAt > CONNECT_TIMEOUT_MS) drop();
      else if (socket.readyState === WebSocket.OPEN && silentSince > 0 && now - silentSince > SILENCE_LIMIT_MS) drop();
    }

    function connection() {
      const open = state.socket && state.socket.readyState === WebSocket.OPEN;
      if (open && state.lastFrameAt > 0) return 'live';
      if (!state.everLive && state.attempt === 0) return 'connecting';
      return state.everLive ? 'stale' : 'disconnected';
    }

    window.addEventListener('online', () => {
      if (state.reconnectAt > 0) { state.attempt = 0; connect(); }
    });

    connect();
    return {
      subscribe(scopes, period) {
        state.subscription = { subscribe: scopes.slice(0, 50), period };
        send();
      },
      connection,
      check: checkSilence,
      serverNow: () => Date.now() + state.clockOffsetMs,
      lastLiveAt: () => state.lastLiveAt,
      lastFrameAt: () => state.lastFrameAt,
      reconnectIn: () => (state.reconnectAt > 0 ? Math.max(0, state.reconnectAt - Date.now()) : 0),
      detail: () => state.detail,
    };
  }

  // ---- status pill ----------------------------------------------------------------------------

  // Renders the connection state into #status and body[data-conn]; dataAsOf() gives the newest
  // asOf (ms) on screen, so a stale page says how old its figures are.
  function statusPill(feed, dataAsOf, statusId, textId) {
    const el = {
      status: document.getElementById(statusId),
      text: document.getElementById(textId),
      announce: document.getElementById('status-announce'),
    };
    let shown = '';
    function render() {
      feed.check();
      const state = feed.connection();
      const now = Date.now();
      const asOf = dataAsOf();
      const age = asOf ? ` · data from ${fmt.duration(feed.serverNow() - asOf)} ago` : '';
      let text;
      if (state === 'live') {
        text = `Live${age}`;
      } else if (state === 'connecting') {
        text = 'Connecting…';
      } else {
        const wait = feed.reconnectIn();
        const retry = wait > 0 ? ` · retrying in ${Math.ceil(wait / 1000)} s` : ' · reconnecting…';
        const lead = state === 'stale'
          ? `Disconnected · no live data for ${fmt.duration(now - feed.lastLiveAt())}`
          : 'Disconnected · no live data';
        text = `${lead}${age}${retry}`;
      }
      if (feed.detail()) text += ` · ${feed.detail()}`;
      el.text.textContent = text;
      if (state !== shown) {
        shown = state;
        el.status.dataset.state = state;
        document.body.dataset.conn = state;
        el.announce.textContent = {
          connecting: 'Connecting to the live feed',
          live: 'Live',
          stale: 'Live feed lost: the figures shown are not current',
          disconnected: 'Disconnected from the live feed',
        }[state];
      }
    }
    render();
    setInterval(render, 1000);
    return { render };
  }

  // ---- small DOM helpers ----------------------------------------------------------------------

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  function asOfMs(answer) {
    const ms = answer && typeof answer.asOf === 'string' ? Date.parse(answer.asOf) : NaN;
    return Number.isNaN(ms) ? null : ms;
  }

  return { params, token, fmt, num, api, live, statusPill, setText, asOfMs, businessZone, timeFormat };
})();
