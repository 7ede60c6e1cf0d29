import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, getToken, onToken, setToken } from './api.js';
import { connectEvents, disconnectEvents, onEventsState } from './events.js';
import { Toasts, toast, useEvent } from './ui.jsx';
import { Live } from './pages/live.jsx';
import { Archive } from './pages/archive.jsx';
import { Settings } from './pages/settings.jsx';
import { Logs } from './pages/logs.jsx';
import { System } from './pages/system.jsx';
import './style.css';

const PAGES = [
  { hash: '#/', name: 'Live', Page: Live },
  { hash: '#/archive', name: 'Archive', Page: Archive },
  { hash: '#/settings', name: 'Settings', Page: Settings },
  { hash: '#/logs', name: 'Logs', Page: Logs },
  { hash: '#/system', name: 'System', Page: System },
];

function pageOf(hash) {
  return PAGES.find((p) => p.hash === hash) || PAGES[0];
}

function Login({ onDone }) {
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setMessage('');
    try {
      const answer = await api('/auth/validate', { method: 'POST', body: { password } });
      if (answer && answer.valid && answer.token) {
        setToken(answer.token);
        onDone();
      } else {
        setMessage('Wrong password');
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const seconds = err.headers && err.headers.get('Retry-After');
        setMessage(`Too many attempts. Try again in ${seconds || 'a few'} seconds.`);
      } else {
        setMessage(err.message);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="card" onSubmit={submit} noValidate>
        <h1>security-cam</h1>
        <label for="password">Password</label>
        <input id="password" type="password" autocomplete="current-password" value={password}
          onInput={(e) => setPassword(e.currentTarget.value)} autofocus />
        <button type="submit" disabled={busy}>Log in</button>
        {message && <p role="alert" class="error">{message}</p>}
      </form>
    </main>
  );
}

function Connection() {
  const [state, setState] = useState('idle');
  useEffect(() => onEventsState(setState), []);
  return (
    <div class="connection" aria-live="polite">
      {state === 'down' && <p class="banner">Reconnecting…</p>}
    </div>
  );
}

function Shell() {
  const [hash, setHash] = useState(location.hash || '#/');
  useEffect(() => {
    const change = () => setHash(location.hash || '#/');
    addEventListener('hashchange', change);
    connectEvents();
    return () => {
      removeEventListener('hashchange', change);
      disconnectEvents();
    };
  }, []);
  useEvent('system_alert', (alert) => {
    const changes = (alert.transitions || []).map((t) => `${t.metric.replace('_', ' ')}: ${t.from} → ${t.to}`);
    toast(`System ${alert.overall === 'ok' ? 'back to normal' : `alert (${alert.overall})`}${changes.length ? `: ${changes.join(', ')}` : ''}`,
      alert.overall === 'ok' ? 'info' : 'warn');
  });
  const page = pageOf(hash);
  useEffect(() => {
    document.title = `${page.name} · security-cam`;
  }, [page]);
  const { Page } = page;
  return (
    <>
      <header>
        <span class="brand">security-cam</span>
        <nav aria-label="Main">
          <ul>
            {PAGES.map((p) => (
              <li key={p.hash}><a href={p.hash} aria-current={p === page ? 'page' : undefined}>{p.name}</a></li>
            ))}
            {getToken() && <li><button type="button" class="secondary" onClick={() => setToken(null)}>Log out</button></li>}
          </ul>
        </nav>
      </header>
      <Connection />
      <main id="main">
        <h1 class="visually-hidden">{page.name}</h1>
        <Page key={page.hash} />
      </main>
      <Toasts />
    </>
  );
}

function App() {
  const [token, setTokenState] = useState(getToken());
  const [authOff, setAuthOff] = useState(false);
  const [checked, setChecked] = useState(Boolean(getToken()));
  useEffect(() => onToken(setTokenState), []);
  useEffect(() => {
    if (token) return;
    // Without a token the page asks whether the device wants one at all.
    api('/auth/status').then((s) => setAuthOff(s && s.enabled === false)).catch(() => {}).finally(() => setChecked(true));
  }, [token]);
  if (!checked) return null;
  if (!token && !authOff) return <Login onDone={() => setAuthOff(false)} />;
  return <Shell key={token || 'open'} />;
}

render(<App />, document.getElementById('app'));
