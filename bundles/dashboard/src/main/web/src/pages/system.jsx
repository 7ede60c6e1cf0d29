import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { Confirm, Section, formatUptime, toast, useEvent, useResource } from '../ui.jsx';

const SERIES = [
  { key: 'temp', name: 'CPU temperature', unit: '°C' },
  { key: 'load', name: 'CPU load', unit: '%' },
  { key: 'ram_pct', name: 'Memory use', unit: '%' },
];

/** One series of the health history as a line in an SVG, scaled to its own range, with its extremes written out. */
function Chart({ samples, series, hours }) {
  const W = 600;
  const H = 160;
  const PAD = 4;
  const points = samples
    .map((s) => ({ t: Date.parse(s.ts), v: s[series.key] }))
    .filter((p) => typeof p.v === 'number' && !Number.isNaN(p.t));
  const label = `Chart of ${series.name.toLowerCase()} over the last ${hours} hours`;
  if (points.length === 0) {
    return <p class="muted">{series.name}: no samples yet.</p>;
  }
  const t0 = Math.min(...points.map((p) => p.t));
  const t1 = Math.max(...points.map((p) => p.t));
  const vMin = Math.min(...points.map((p) => p.v));
  const vMax = Math.max(...points.map((p) => p.v));
  const lo = series.unit === '%' ? 0 : Math.floor(vMin - 1);
  const hi = series.unit === '%' ? Math.max(100, vMax) : Math.ceil(vMax + 1);
  const x = (t) => (t1 === t0 ? W / 2 : PAD + ((t - t0) / (t1 - t0)) * (W - 2 * PAD));
  const y = (v) => H - PAD - ((v - lo) / (hi - lo || 1)) * (H - 2 * PAD);
  const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <figure class="chart">
      <figcaption>
        {series.name}: now {last.v.toFixed(1)} {series.unit}, lowest {vMin.toFixed(1)}, highest {vMax.toFixed(1)}
      </figcaption>
      <svg role="img" aria-label={label} viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none">
        <rect x="0" y="0" width={W} height={H} class="chart-bg" />
        {[0.25, 0.5, 0.75].map((f) => <line key={f} x1="0" x2={W} y1={H * f} y2={H * f} class="chart-grid" />)}
        {points.length === 1
          ? <circle cx={x(last.t)} cy={y(last.v)} r="4" class="chart-dot" />
          : <polyline points={line} class="chart-line" fill="none" vector-effect="non-scaling-stroke" />}
      </svg>
      <div class="chart-axis muted small">
        <span>{new Date(t0).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
        <span>{new Date(t1).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
      </div>
    </figure>
  );
}

const THROTTLE_FLAGS = [
  ['under_voltage', 'under-voltage'],
  ['freq_capped', 'frequency capped'],
  ['throttled', 'throttled'],
  ['soft_temp_limit', 'soft temperature limit'],
];

/** The throttle flags in words: what is going on now, and what happened since boot. */
function formatThrottle(t) {
  if (t == null) return 'not available';
  const now = THROTTLE_FLAGS.filter(([k]) => t[k]).map(([, name]) => name);
  const before = THROTTLE_FLAGS.filter(([k]) => !t[k] && t[`${k}_occurred`]).map(([, name]) => name);
  if (!now.length && !before.length) return 'none';
  return [now.length ? `now: ${now.join(', ')}` : '', before.length ? `since boot: ${before.join(', ')}` : '']
    .filter(Boolean).join('; ');
}

/** The card's wear estimate (1 to 11, in tenths of its rated life) in words. */
function formatSdHealth(sd) {
  if (sd == null) return 'not available';
  const est = sd.life_time_est;
  if (!Number.isInteger(est) || est < 1) return 'not reported';
  const used = est >= 11 ? 'past its rated life' : `${(est - 1) * 10}–${est * 10} % of its rated life used`;
  return sd.device ? `${used} (${sd.device})` : used;
}

function Figures() {
  const info = useResource('/system_info');
  const [live, setLive] = useState(null);
  useEffect(() => setLive(info.data), [info.data]);
  useEvent('system_info', setLive);
  const d = live;
  const rows = d ? [
    ['CPU temperature', d.cpu_temp_celsius == null ? 'not available' : `${d.cpu_temp_celsius} °C`],
    ['CPU load', d.cpu_load_percent == null ? 'not available' : `${d.cpu_load_percent} %`],
    ['Memory', d.ram_usage_mb ? `${d.ram_usage_mb.used_mb} of ${d.ram_usage_mb.total_mb} MB` : ''],
    ['Storage', d.storage_info_gb ? `${d.storage_info_gb.used_gb} of ${d.storage_info_gb.total_gb} GB` : ''],
    ['Up for', formatUptime(d.uptime_seconds)],
    ['Throttling', formatThrottle(d.throttle)],
    ['SD card health', formatSdHealth(d.sd_health)],
  ] : [];
  return (
    <Section title="Health" missing={info.missing} error={info.error}>
      {d && <dl class="figures">{rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>}
    </Section>
  );
}

function Alerts() {
  const state = useResource('/system_alert_state');
  const [live, setLive] = useState(null);
  useEffect(() => setLive(state.data), [state.data]);
  useEvent('system_alert', setLive);
  const d = live;
  return (
    <Section title="Alerts" missing={state.missing} error={state.error}>
      {d && (
        <>
          <p>Overall: <span class={`badge level-${d.overall}`}>{d.overall}</span></p>
          <ul class="alerts">
            {Object.entries(d.alerts || {}).map(([metric, level]) => (
              <li key={metric}><span>{metric.replace(/_/g, ' ')}</span>: <span class={`badge level-${level}`}>{level}</span></li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function History() {
  const [hours, setHours] = useState(24);
  const history = useResource(`/health_history?hours=${hours}`);
  useEffect(() => {
    const t = setInterval(history.reload, 60000);
    return () => clearInterval(t);
  }, [history.reload]);
  return (
    <Section title="Health history" missing={history.missing} error={history.error}>
      <div class="field inline">
        <label for="history-hours">Period</label>
        <select id="history-hours" value={hours} onChange={(e) => setHours(Number(e.currentTarget.value))}>
          {[1, 6, 24, 72].map((h) => <option key={h} value={h}>Last {h} hours</option>)}
        </select>
      </div>
      {history.data && (history.data.length === 0 ? <p class="muted">No samples yet.</p>
        : <div class="charts">{SERIES.map((s) => <Chart key={s.key} samples={history.data} series={s} hours={hours} />)}</div>)}
    </Section>
  );
}

function Updates() {
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    try {
      const r = await api('/system/update/check');
      if (r.error) setResult({ error: r.error });
      else if (r.available) setResult({ text: `An update is available: ${r.commits_behind} commits behind ${r.branch || 'the remote'}.`, summary: r.summary });
      else setResult({ text: 'The device is up to date.' });
    } catch (e) {
      setResult({ error: e.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Updates">
      <div class="actions"><button type="button" disabled={busy} onClick={check}>{busy ? 'Checking…' : 'Check for updates'}</button></div>
      {result && result.text && <p aria-live="polite">{result.text}</p>}
      {result && result.summary && <pre class="summary">{result.summary}</pre>}
      {result && result.error && <p role="alert" class="error">{result.error}</p>}
    </Section>
  );
}

function Power() {
  const [asking, setAsking] = useState(null);
  const actions = {
    restart: { title: 'Restart the device’s services?', message: 'The page reconnects by itself in a few seconds.', action: 'Restart', route: '/system/restart' },
    reboot: { title: 'Reboot the device?', message: 'The camera is off until it has started again.', action: 'Reboot', route: '/system/reboot' },
  };
  const run = async () => {
    const a = actions[asking];
    setAsking(null);
    try {
      const r = await api(a.route, { method: 'POST' });
      toast(r.message || `${a.action} requested`);
    } catch (e) {
      toast(e.message, 'error');
    }
  };
  return (
    <Section title="Restart and reboot">
      <div class="actions">
        <button type="button" class="secondary" onClick={() => setAsking('restart')}>Restart</button>
        <button type="button" class="danger" onClick={() => setAsking('reboot')}>Reboot</button>
      </div>
      {asking && <Confirm {...actions[asking]} onConfirm={run} onClose={() => setAsking(null)} />}
    </Section>
  );
}

function Events() {
  const events = useResource('/event_history?hours=24');
  const list = (events.data || []).slice(-20).reverse();
  return (
    <Section title="Recent events" missing={events.missing} error={events.error}>
      {list.length === 0 ? <p class="muted">Nothing in the last 24 hours.</p> : (
        <ul class="events">
          {list.map((e, i) => (
            <li key={i}><span class="ts">{new Date(e.ts).toLocaleString()}</span> <span class={`badge level-${e.severity}`}>{String(e.type).replace(/_/g, ' ')}</span>{e.detail ? <span> {e.detail}</span> : null}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}

export function System() {
  return (
    <div class="system">
      <Figures />
      <Alerts />
      <History />
      <Updates />
      <Power />
      <Events />
    </div>
  );
}
