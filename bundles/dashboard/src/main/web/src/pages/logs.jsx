import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Section, useResource } from '../ui.jsx';

const LOGS = [
  { value: 'api', name: 'Device (API)', route: '/logs/api' },
  { value: 'mediamtx', name: 'MediaMTX', route: '/logs/mediamtx' },
  { value: 'scripts', name: 'Setup scripts' },
];
const LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];

/** Waits until typing pauses before a value is used, so a search does not ask the device on every key. */
function useSettled(value, ms) {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

function Entries({ route, level, search }) {
  const [state, setState] = useState({ entries: null, error: null, missing: false });
  const call = useRef(0);
  const load = async () => {
    const id = ++call.current;
    const query = new URLSearchParams({ limit: '500' });
    if (level) query.set('level', level);
    if (search) query.set('search', search);
    try {
      const entries = await api(`${route}?${query}`);
      if (id === call.current) setState({ entries, error: null, missing: false });
    } catch (e) {
      if (id === call.current) setState({ entries: null, error: e.missing ? null : e.message, missing: e.missing });
    }
  };
  useEffect(() => {
    load();
  }, [route, level, search]);
  if (state.missing) return <p class="muted">This log is not installed on this device.</p>;
  if (state.error) return <p role="alert" class="error">{state.error}</p>;
  if (!state.entries) return <p class="muted">Loading…</p>;
  return (
    <>
      <div class="actions"><button type="button" class="secondary" onClick={load}>Refresh</button></div>
      {state.entries.length === 0 ? <p class="muted">No lines match.</p> : (
        <ul class="log">
          {state.entries.map((e, i) => (
            <li key={i} class={`level-${String(e.level).toLowerCase()}`}>
              <span class="ts">{e.ts}</span> <span class="lvl">{e.level}</span> <span class="src">{e.source}</span>{' '}
              <span class="msg">{e.message}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Scripts({ search }) {
  const files = useResource('/logs/install');
  const [name, setName] = useState('');
  const [text, setText] = useState(null);
  useEffect(() => {
    if (!name && files.data && files.data.length > 0) setName(files.data[0].name);
  }, [files.data]);
  useEffect(() => {
    if (!name) return;
    setText(null);
    const path = name.split('/').map(encodeURIComponent).join('/');
    api(`/logs/script/${path}`).then((t) => setText(String(t ?? ''))).catch((e) => setText(e.message));
  }, [name]);
  if (files.missing) return <p class="muted">Setup script logs are not installed on this device.</p>;
  if (files.error) return <p role="alert" class="error">{files.error}</p>;
  if (!files.data) return <p class="muted">Loading…</p>;
  if (files.data.length === 0) return <p class="muted">No setup script has written a log.</p>;
  const needle = search.toLowerCase();
  const lines = (text || '').split('\n').filter((l) => l && (!needle || l.toLowerCase().includes(needle)));
  return (
    <>
      <div class="field">
        <label for="script-file">File</label>
        <select id="script-file" value={name} onChange={(e) => setName(e.currentTarget.value)}>
          {files.data.map((f) => <option key={f.name} value={f.name}>{f.name}</option>)}
        </select>
      </div>
      {text === null ? <p class="muted">Loading…</p> : (
        <ul class="log">{lines.map((l, i) => <li key={i}><span class="msg">{l}</span></li>)}</ul>
      )}
    </>
  );
}

export function Logs() {
  const [log, setLog] = useState('api');
  const [level, setLevel] = useState('');
  const [search, setSearch] = useState('');
  const settled = useSettled(search.trim(), 300);
  const chosen = LOGS.find((l) => l.value === log);
  return (
    <Section title="Logs">
      <div class="row filters">
        <div class="field">
          <label for="log-name">Log</label>
          <select id="log-name" value={log} onChange={(e) => setLog(e.currentTarget.value)}>
            {LOGS.map((l) => <option key={l.value} value={l.value}>{l.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="log-level">Level</label>
          <select id="log-level" value={level} disabled={log === 'scripts'} onChange={(e) => setLevel(e.currentTarget.value)}>
            <option value="">All levels</option>
            {LEVELS.map((l) => <option key={l} value={l}>{l}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="log-search">Search</label>
          <input id="log-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
      </div>
      {chosen.route ? <Entries route={chosen.route} level={level} search={settled} /> : <Scripts search={settled} />}
    </Section>
  );
}
