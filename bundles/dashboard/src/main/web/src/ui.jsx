// What every page shares: loading an API resource (with "not installed" for a 404), the event hook, the
// confirmation dialog, errors shown next to their field, toasts and formatting. Everything from the API is shown
// as text: JSX escapes it, and nothing here sets HTML.
import { useCallback, useEffect, useId, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { onEvent, streamOpens } from './events.js';

/** How long a page's first load waits for the event stream to open. */
const FIRST_LOAD_WAIT_MS = 300;

/** GET a route: { data, error, missing, loading, reload }. A 404 means the feature is not installed. */
export function useResource(path) {
  const [result, setResult] = useState({ data: null, error: null, missing: false, loading: true });
  const current = useRef(0);
  /** The stream's openings when the last load began: null before any, -1 if the stream was not open then. */
  const loadedAt = useRef(null);
  const reload = useCallback(async () => {
    if (!path) return;
    const call = ++current.current;
    loadedAt.current = streamOpens();
    try {
      const data = await api(path);
      if (call === current.current) setResult({ data, error: null, missing: false, loading: false });
    } catch (e) {
      if (call === current.current) {
        setResult((r) => ({ data: e.missing ? null : r.data, error: e.missing ? null : e.message, missing: e.missing, loading: false }));
      }
    }
  }, [path]);
  useEffect(() => {
    if (streamOpens() > 0) {
      reload();
      return undefined;
    }
    // A load before the event stream is open could miss a change that the stream then never sends, so the stream's
    // opening loads again. The first load waits a moment for it, rather than load twice, but not long if it is down.
    loadedAt.current = null;
    const wait = setTimeout(() => loadedAt.current === null && reload(), FIRST_LOAD_WAIT_MS);
    return () => clearTimeout(wait);
  }, [reload]);
  useEvent('open', () => {
    if (loadedAt.current !== streamOpens()) reload();
  });
  return { ...result, reload };
}

export function useEvent(name, listener) {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => onEvent(name, (data) => latest.current(data)), [name]);
}

/** A section of a page with its heading; a feature whose API answered 404 says so instead of its content. */
export function Section({ title, missing, error, children, level = 2 }) {
  const id = useId();
  const Heading = `h${level}`;
  return (
    <section class="card" aria-labelledby={id}>
      <Heading id={id}>{title}</Heading>
      {missing ? <p class="muted">{title} is not installed on this device.</p> : (
        <>
          {error && <p role="alert" class="error">{error}</p>}
          {children}
        </>
      )}
    </section>
  );
}

/** A modal confirmation (the browser's own dialog element): the action's button, and Cancel. */
export function Confirm({ title, message, action, danger = true, onConfirm, onClose }) {
  const ref = useRef(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog && dialog.open && dialog.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby={id} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      <h2 id={id}>{title}</h2>
      {message && <p>{message}</p>}
      <div class="actions">
        <button type="button" class={danger ? 'danger' : ''} onClick={onConfirm}>{action}</button>
        <button type="button" class="secondary" onClick={onClose} autofocus>Cancel</button>
      </div>
    </dialog>
  );
}

/** The API's error shown beside the field it names. */
export function FieldError({ error }) {
  return error ? <p role="alert" class="error">{error}</p> : null;
}

/**
 * Which of the fields an API error sentence names: the first whose key or label it mentions, else null (the
 * error then goes at the end of the form).
 */
export function fieldOf(message, fields) {
  if (!message) return null;
  const text = message.toLowerCase();
  const found = fields.find((f) => [f.key, f.label].filter(Boolean).some((n) => text.includes(String(n).toLowerCase())));
  return found ? found.key : null;
}

/** A form's state of submission: { busy, error, field, done, run }. run(fn) shows fn's ApiError by its field. */
export function useSubmit(fields = []) {
  const [state, setState] = useState({ busy: false, error: null, field: null, done: null });
  const run = async (fn, doneText = 'Saved') => {
    setState({ busy: true, error: null, field: null, done: null });
    try {
      const result = await fn();
      setState({ busy: false, error: null, field: null, done: doneText });
      return result;
    } catch (e) {
      setState({ busy: false, error: e.message, field: fieldOf(e.message, fields), done: null });
      return undefined;
    }
  };
  return { ...state, run };
}

/** The error of a useSubmit for one field, or, for the form's own place (key null), one no field claims. */
export function errorFor(submit, key) {
  if (!submit.error) return null;
  return submit.field === key ? submit.error : null;
}

// Toasts: short notices in a live region outside the page's main content.
const toastListeners = new Set();
let toastId = 0;
export function toast(text, kind = 'info') {
  const item = { id: ++toastId, text, kind };
  toastListeners.forEach((f) => f(item));
}

export function Toasts() {
  const [items, setItems] = useState([]);
  useEffect(() => {
    const add = (item) => {
      setItems((list) => [...list.slice(-3), item]);
      setTimeout(() => setItems((list) => list.filter((i) => i.id !== item.id)), 8000);
    };
    toastListeners.add(add);
    return () => toastListeners.delete(add);
  }, []);
  return (
    <div class="toasts">
      {items.map((item) => (
        <div key={item.id} role="alert" class={`toast ${item.kind}`}>
          <span>{item.text}</span>
          <button type="button" class="secondary small" aria-label="Dismiss" onClick={() => setItems((l) => l.filter((i) => i.id !== item.id))}>×</button>
        </div>
      ))}
    </div>
  );
}

export function formatBytes(bytes) {
  if (bytes == null) return '';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatDuration(seconds) {
  if (seconds == null || Number.isNaN(Number(seconds))) return '';
  const s = Math.round(Number(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${s % 60} s` : `${s} s`;
}

export function formatTime(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatDay(date) {
  return date.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}

export function formatUptime(seconds) {
  if (seconds == null) return '';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** The file name of an absolute path, for downloads and labels. */
export const baseName = (path) => String(path).split('/').pop();
