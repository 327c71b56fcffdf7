// SalesPulse pages: what the wallboard and the manager view share (an ES module; the live feed and
// the status pill are in live.js).
//
// - formatting in the browser's locale and the answer's reporting currency (Intl);
// - REST calls with the viewer token (from the page URL, if any) and a timeout;
// - a request throttle: one load at a time, at most once per interval, however often asked;
// - small DOM helpers.
// Nothing here grows with time: formatters are cached per key.

export const params = new URLSearchParams(window.location.search);
export const token = params.get('token');

// ---- formatting -----------------------------------------------------------------------------

const formatters = new Map();
function numberFormat(key, options) {
  if (!formatters.has(key)) formatters.set(key, new Intl.NumberFormat(undefined, options));
  return formatters.get(key);
}

export function num(value) {
  if (value === null || value === undefined || value === '') return NaN;
  return Number(value);
}

// Money comes with SALESPULSE_CURRENCY_DIGITS (0 to 4) fraction digits, which may be more than
// the currency's usual ones: show all of them.
const MONEY_DIGITS_MAX = 4;

// Times are shown in the business time zone once an answer has named it (`timezone`), so the
// wallboard's clock, chart and "as of" agree with the service's days wherever the browser is.
let zone = null;
export function timeFormat(key, options) {
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
export function businessZone(name, tagId) {
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

export const fmt = {
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

export async function api(path, query) {
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

// ---- request throttle -----------------------------------------------------------------------

// Loads at most once every `intervalMs`, however often asked: ask(false) runs `task` when the
// interval since its last start has passed (one timer at a time), ask(true) runs it now. A request
// asked while one is in flight runs once more after it, so the last change is never missed.
// `task` is async and handles its own errors.
export function throttle(task, intervalMs) {
  let at = 0;
  let timer = 0;
  let inFlight = false;
  let again = false;

  async function run() {
    if (inFlight) { again = true; return; }
    inFlight = true;
    at = Date.now();
    try {
      await task();
    } finally {
      inFlight = false;
      if (again) { again = false; ask(false); }
    }
  }

  function ask(force) {
    if (force) {
      clearTimeout(timer);
      timer = 0;
      run();
    } else if (!timer) {
      timer = setTimeout(() => { timer = 0; run(); }, Math.max(0, at + intervalMs - Date.now()));
    }
  }

  return ask;
}

// ---- small DOM helpers ----------------------------------------------------------------------

export function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

export function asOfMs(answer) {
  const ms = answer && typeof answer.asOf === 'string' ? Date.parse(answer.asOf) : NaN;
  return Number.isNaN(ms) ? null : ms;
}
