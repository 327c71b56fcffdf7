// SalesPulse pages: the live feed (/ws/live) and the status pill, shared by both views.
//
// - the live feed: subscribe, reconnect with exponential backoff and jitter, resubscribe, detect
//   silence, and report its state (connecting, live, stale, disconnected);
// - the status pill and the age of the data, refreshed every second.
// Nothing here grows with time: one socket and one subscription per page.
import { fmt, token } from './common.js';

// ---- live feed ------------------------------------------------------------------------------

const SILENCE_LIMIT_MS = 25000; // a message comes at least every 10 s (a heartbeat if nothing else)
const CONNECT_TIMEOUT_MS = 10000;
const BACKOFF_BASE_MS = 1000;
const BACKOFF_MAX_MS = 30000;
const MIN_CLOCK_SKEW_MS = 2000;

// One WebSocket to /ws/live. onData(scope, answer) for every snapshot or update;
// onReconnect() after a reconnect (callers refresh what they load over REST).
export function live({ onData, onReconnect }) {
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
    // Snapshots, updates and heartbeats carry the server's time (heartbeats go only when nothing else
    // does).
    const serverMs = Date.parse(message.serverTime);
    if (!Number.isNaN(serverMs)) {
      const offset = serverMs - now;
      state.clockOffsetMs = Math.abs(offset) >= MIN_CLOCK_SKEW_MS ? offset : 0;
    }
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
      case 'heartbeat':
        state.attempt = 0;
        break;
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
export function statusPill(feed, dataAsOf, statusId, textId) {
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
