// One EventSource for the whole page. While it is open the browser itself reconnects after a drop and resumes
// with Last-Event-ID; when the device refuses it (restarting, 503), the browser gives up, so this opens a new one
// after a pause. Listeners hear 'open' each time it connects, to fetch what they may have missed.
import { api, getToken } from './api.js';

const NAMES = ['recording_state', 'archive_updated', 'sensor_state', 'presence_change', 'connections',
  'system_alert', 'system_info'];
const listeners = new Map();
const stateListeners = new Set();
let source = null;
let retry = null;
let delay = 1000;
let lastId = null;
let state = 'idle';
let opens = 0;

function setState(next) {
  if (state === next) return;
  state = next;
  stateListeners.forEach((f) => f(state));
}

function emit(name, data) {
  (listeners.get(name) || []).forEach((f) => f(data));
}

export function connectEvents() {
  disconnectEvents();
  open();
}

function open() {
  const token = getToken();
  // A new EventSource cannot send Last-Event-ID, so the last id seen goes in the query: the device replays what it
  // still has after it (after a restart its ids start again, and the pages fetch their data anew anyway).
  const query = new URLSearchParams();
  if (token) query.set('token', token);
  if (lastId) query.set('lastEventId', lastId);
  const url = `/events?${query}`;
  const es = new EventSource(url);
  source = es;
  es.onopen = () => {
    delay = 1000;
    opens += 1;
    setState('open');
    emit('open');
  };
  es.onerror = () => {
    if (source !== es) return;
    setState('down');
    if (es.readyState === EventSource.CLOSED) {
      source = null;
      retry = setTimeout(probe, delay);
      delay = Math.min(delay * 2, 10000);
    }
  };
  for (const name of NAMES) {
    es.addEventListener(name, (event) => {
      if (event.lastEventId) lastId = event.lastEventId;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      emit(name, data);
    });
  }
}

// Before a new stream, one plain call: a 401 there sends the page to the login instead of retrying forever.
async function probe() {
  retry = null;
  try {
    await api('/recording_status');
  } catch (e) {
    if (e.status === 401) return;
  }
  open();
}

export function disconnectEvents() {
  if (retry) clearTimeout(retry);
  retry = null;
  if (source) source.close();
  source = null;
  setState('idle');
}

export function onEvent(name, listener) {
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name).add(listener);
  return () => listeners.get(name).delete(listener);
}

/** How many times the stream has opened: a load begun since the last opening misses no event. */
export function streamOpens() {
  return state === 'open' ? opens : -1;
}

export function onEventsState(listener) {
  stateListeners.add(listener);
  listener(state);
  return () => stateListeners.delete(listener);
}
