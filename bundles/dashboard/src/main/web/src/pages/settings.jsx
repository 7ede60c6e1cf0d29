import { useEffect, useId, useState } from 'preact/hooks';
import { api, setToken } from '../api.js';
import { FieldError, Section, errorFor, toast, useResource, useSubmit } from '../ui.jsx';

/** A labelled input; the API's error for it, if it names it, right below. */
function Field({ label, error, children, hint }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children(id)}
      {hint && <p class="muted small">{hint}</p>}
      <FieldError error={error} />
    </div>
  );
}

function Check({ label, checked, onChange }) {
  const id = useId();
  return (
    <div class="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <label for={id}>{label}</label>
    </div>
  );
}

/** A number typed in as text: the API checks the range and the type, so what is typed is sent as a number. */
const toNumber = (text) => (text === '' || text == null ? null : Number(text));

function Saved({ submit }) {
  return (
    <>
      <FieldError error={errorFor(submit, null)} />
      {submit.done && <p class="ok" aria-live="polite">{submit.done}</p>}
    </>
  );
}

function Calibration({ param, value, error, onChange }) {
  const id = useId();
  const describedBy = `${id}-about`;
  return (
    <div class="field calibration">
      <label for={id}>{param.name}</label>
      <div class="slider">
        <input id={id} type="range" min={param.min} max={param.max} step={param.step || 1} value={value}
          aria-describedby={describedBy} onInput={(e) => onChange(e.currentTarget.value)} />
        <input type="number" aria-label={`${param.name} value`} step={param.step || 1} value={value}
          onInput={(e) => onChange(e.currentTarget.value)} />
        {param.unit && <span class="muted">{param.unit}</span>}
      </div>
      <p id={describedBy} class="muted small">
        {param.description}
        {param.labels ? ` (${param.min}: ${param.labels.min}; ${param.max}: ${param.labels.max})` : ''}
      </p>
      <FieldError error={error} />
    </div>
  );
}

function SensorForm({ types, status, onSaved }) {
  const config = (status && status.config) || {};
  const [type, setType] = useState(config.type || (types[0] && types[0].type));
  const [gpio, setGpio] = useState(config.gpio == null ? '' : String(config.gpio));
  const [enabled, setEnabled] = useState(config.enabled !== false);
  const [hold, setHold] = useState(config.hold_seconds == null ? '10' : String(config.hold_seconds));
  const [invert, setInvert] = useState(Boolean(config.invert_logic));
  const [calibration, setCalibration] = useState(config.calibration || {});
  const [test, setTest] = useState(null);
  const info = types.find((t) => t.type === type);
  const params = (info && info.calibration) || [];
  const fields = [{ key: 'gpio', label: 'gpio' }, { key: 'hold_seconds', label: 'hold' },
    ...params.flatMap((p) => [{ key: p.key }, { key: p.key, label: p.name }])];
  const submit = useSubmit(fields);
  const testSubmit = useSubmit();

  const pick = (next) => {
    setType(next);
    const t = types.find((x) => x.type === next);
    // The stored values when going back to the stored type, the driver's defaults for any other.
    setCalibration(next === config.type ? (config.calibration || {}) : {});
    setGpio(next === config.type && config.gpio != null ? String(config.gpio) : '');
    setTest(null);
    return t;
  };
  const valueOf = (p) => (calibration[p.key] === undefined ? p.default : calibration[p.key]);
  const save = (e) => {
    e.preventDefault();
    const body = {
      type, enabled, invert_logic: invert, gpio: toNumber(gpio), hold_seconds: toNumber(hold),
      calibration: Object.fromEntries(params.map((p) => [p.key, toNumber(valueOf(p))])),
    };
    if (body.hold_seconds === null) delete body.hold_seconds;
    submit.run(async () => {
      await api('/sensor/configure', { method: 'POST', body });
      onSaved();
    }, 'Sensor saved');
  };
  const testWiring = () => testSubmit.run(async () => {
    const answer = await api('/sensor/test', { method: 'POST', body: { type, gpio: toNumber(gpio) ?? (info && info.default_gpio) } });
    setTest(answer.value === null || answer.value === undefined ? (answer.message || 'No reading')
      : `GPIO ${answer.gpio} reads ${answer.value ? 'HIGH' : 'LOW'}`);
  }, null);

  return (
    <form onSubmit={save} noValidate>
      <div class="field">
        <label for="sensor-type">Sensor type</label>
        <select id="sensor-type" value={type} onChange={(e) => pick(e.currentTarget.value)}>
          {types.map((t) => <option key={t.type} value={t.type}>{t.name}{t.module ? ` (${t.module})` : ''}</option>)}
        </select>
      </div>
      {info && (
        <div class="about">
          <p>{info.description}</p>
          {info.use_case && <p class="muted">{info.use_case}</p>}
          {info.wiring && info.wiring.length > 0 && (
            <>
              <h3>Wiring</h3>
              <table>
                <thead><tr><th scope="col">Sensor pin</th><th scope="col">Connect to</th></tr></thead>
                <tbody>{info.wiring.map((w) => <tr key={w.pin}><td>{w.pin}</td><td>{w.connect}</td></tr>)}</tbody>
              </table>
              {info.wiring_note && <p class="muted">{info.wiring_note}</p>}
            </>
          )}
        </div>
      )}
      <div class="row">
        <Field label="GPIO pin" error={errorFor(submit, 'gpio')}
          hint={info && info.default_gpio != null ? `Empty for the default, ${info.default_gpio}` : 'Empty for none'}>
          {(id) => <input id={id} type="number" min="0" max="27" step="1" value={gpio} placeholder={info && info.default_gpio != null ? String(info.default_gpio) : ''}
            onInput={(e) => setGpio(e.currentTarget.value)} />}
        </Field>
        <Field label="Hold (seconds)" error={errorFor(submit, 'hold_seconds')} hint="Recording goes on this long after a release">
          {(id) => <input id={id} type="number" min="0" max="3600" value={hold} onInput={(e) => setHold(e.currentTarget.value)} />}
        </Field>
      </div>
      <Check label="Enabled (armed)" checked={enabled} onChange={setEnabled} />
      <Check label="Invert logic" checked={invert} onChange={setInvert} />
      {params.length > 0 && (
        <fieldset>
          <legend>Calibration</legend>
          {params.map((p) => (
            <Calibration key={`${type}-${p.key}`} param={p} value={valueOf(p)} error={errorFor(submit, p.key)}
              onChange={(v) => setCalibration((c) => ({ ...c, [p.key]: v }))} />
          ))}
        </fieldset>
      )}
      <div class="actions">
        <button type="submit" disabled={submit.busy}>Save</button>
        <button type="button" class="secondary" disabled={testSubmit.busy} onClick={testWiring}>Test wiring</button>
      </div>
      {test && <p aria-live="polite">{test}</p>}
      <FieldError error={testSubmit.error} />
      <Saved submit={submit} />
    </form>
  );
}

function SensorSection() {
  const types = useResource('/sensor/types');
  const status = useResource('/sensor/status');
  const ready = types.data && (status.data || status.error);
  return (
    <Section title="Sensor" missing={types.missing} error={types.error}>
      {ready ? <SensorForm key={JSON.stringify(status.data && status.data.config)} types={types.data} status={status.data} onSaved={status.reload} />
        : <p class="muted">Loading…</p>}
    </Section>
  );
}

function StorageSection({ settings }) {
  const status = useResource('/storage/status');
  const [form, setForm] = useState(null);
  const [location, setLocation] = useState('');
  const [cleanup, setCleanup] = useState(null);
  useEffect(() => {
    if (status.data && !form) setForm({ enabled: status.data.enabled, max_percent: String(status.data.max_percent), max_days: status.data.max_days == null ? null : String(status.data.max_days) });
  }, [status.data]);
  useEffect(() => {
    if (settings.data) setLocation(settings.data.VideoSaveLocation || '');
  }, [settings.data]);
  const submit = useSubmit([{ key: 'max_percent', label: 'max_percent' }, { key: 'max_days', label: 'max_days' }]);
  const where = useSubmit();
  const s = status.data;
  const save = (e) => {
    e.preventDefault();
    const body = { enabled: form.enabled, max_percent: toNumber(form.max_percent) };
    if (form.max_days !== null) body.max_days = toNumber(form.max_days);
    submit.run(async () => {
      await api('/storage/configure', { method: 'POST', body });
      status.reload();
    });
  };
  const saveLocation = (e) => {
    e.preventDefault();
    where.run(async () => {
      await api('/settings', { method: 'POST', body: { VideoSaveLocation: location } });
      status.reload();
    });
  };
  const clean = async () => {
    try {
      const r = await api('/storage/cleanup', { method: 'POST' });
      setCleanup(r.action === 'cleaned' ? `Deleted ${r.deleted} files, ${r.freed_mb} MB freed` : r.action === 'ok' ? `Nothing to delete: ${r.disk_percent}% used` : 'Automatic deletion is off');
      status.reload();
    } catch (err) {
      setCleanup(err.message);
    }
  };
  return (
    <Section title="Storage" missing={status.missing} error={status.error}>
      {s && <p>{s.disk_used_gb} GB of {s.disk_total_gb} GB used ({s.disk_percent}%), {s.disk_free_gb} GB free.</p>}
      {form && (
        <form onSubmit={save} noValidate>
          <Check label="Delete the oldest media automatically" checked={form.enabled} onChange={(v) => setForm({ ...form, enabled: v })} />
          <div class="row">
            <Field label="Maximum disk use (%)" error={errorFor(submit, 'max_percent')}>
              {(id) => <input id={id} type="number" min="10" max="95" value={form.max_percent} onInput={(e) => setForm({ ...form, max_percent: e.currentTarget.value })} />}
            </Field>
            {form.max_days !== null && (
              <Field label="Keep media for (days, 0 = no limit)" error={errorFor(submit, 'max_days')}>
                {(id) => <input id={id} type="number" min="0" max="3650" value={form.max_days} onInput={(e) => setForm({ ...form, max_days: e.currentTarget.value })} />}
              </Field>
            )}
          </div>
          <div class="actions">
            <button type="submit" disabled={submit.busy}>Save</button>
            <button type="button" class="secondary" onClick={clean}>Clean up now</button>
          </div>
          {cleanup && <p aria-live="polite">{cleanup}</p>}
          <Saved submit={submit} />
        </form>
      )}
      {settings.data && (
        <form onSubmit={saveLocation} noValidate>
          <Field label="Save location (folder for recordings, snapshots and timelapses)" error={where.error}>
            {(id) => <input id={id} type="text" value={location} onInput={(e) => setLocation(e.currentTarget.value)} />}
          </Field>
          <div class="actions"><button type="submit" disabled={where.busy}>Save location</button></div>
          {where.done && <p class="ok" aria-live="polite">{where.done}</p>}
        </form>
      )}
    </Section>
  );
}

function TimelapseSection() {
  const status = useResource('/timelapse/status');
  const [form, setForm] = useState(null);
  useEffect(() => {
    if (status.data && !form) {
      const d = status.data;
      setForm({ enabled: d.enabled, interval_minutes: String(d.interval_minutes), fps: String(d.fps), resolution: d.resolution });
    }
  }, [status.data]);
  const submit = useSubmit([{ key: 'interval_minutes', label: 'interval' }, { key: 'fps', label: 'fps' }, { key: 'resolution', label: 'resolution' }]);
  const save = (e) => {
    e.preventDefault();
    submit.run(async () => {
      await api('/timelapse/configure', { method: 'POST', body: { enabled: form.enabled, interval_minutes: toNumber(form.interval_minutes), fps: toNumber(form.fps), resolution: form.resolution } });
      status.reload();
    });
  };
  const s = status.data;
  return (
    <Section title="Timelapse" missing={status.missing} error={status.error}>
      {s && <p>{s.today_frame_count} frames today{s.last_capture ? `, the last at ${new Date(s.last_capture).toLocaleTimeString()}` : ''}.</p>}
      {form && (
        <form onSubmit={save} noValidate>
          <Check label="Take timelapse frames" checked={form.enabled} onChange={(v) => setForm({ ...form, enabled: v })} />
          <div class="row">
            <Field label="Interval (minutes)" error={errorFor(submit, 'interval_minutes')}>
              {(id) => <input id={id} type="number" min="1" max="60" value={form.interval_minutes} onInput={(e) => setForm({ ...form, interval_minutes: e.currentTarget.value })} />}
            </Field>
            <Field label="Frames per second of the video" error={errorFor(submit, 'fps')}>
              {(id) => <input id={id} type="number" min="1" max="60" value={form.fps} onInput={(e) => setForm({ ...form, fps: e.currentTarget.value })} />}
            </Field>
            <Field label="Resolution" error={errorFor(submit, 'resolution')}>
              {(id) => (
                <select id={id} value={form.resolution} onChange={(e) => setForm({ ...form, resolution: e.currentTarget.value })}>
                  <option value="original">Original</option>
                  <option value="640:480">640 × 480</option>
                  <option value="320:240">320 × 240</option>
                </select>
              )}
            </Field>
          </div>
          <div class="actions"><button type="submit" disabled={submit.busy}>Save</button></div>
          <Saved submit={submit} />
        </form>
      )}
    </Section>
  );
}

const TRANSPORTS = { bt: { name: 'Bluetooth', key: 'TARGET_BT_ADDRESSES' }, wifi: { name: 'Wi-Fi', key: 'TARGET_AP_MAC_ADDRESSES' } };

function PresenceSection({ settings }) {
  const status = useResource('/devices/status');
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [transport, setTransport] = useState('bt');
  const [scan, setScan] = useState(null);
  const [scanning, setScanning] = useState(false);
  const [pairing, setPairing] = useState(false);
  const submit = useSubmit([{ key: 'address', label: 'address' }]);
  const reload = () => {
    status.reload();
    settings.reload();
  };
  const add = (t, a, n) => submit.run(async () => {
    const body = { address: a };
    if (n) body.name = n;
    await api(`/devices/${t}/add`, { method: 'POST', body });
    reload();
  }, 'Device added');
  const remove = async (t, a) => {
    try {
      await api(`/devices/${t}/remove`, { method: 'POST', body: { address: a } });
      toast('Device removed');
    } catch (e) {
      toast(e.message, 'error');
    }
    reload();
  };
  const doScan = async () => {
    setScanning(true);
    setScan(null);
    try {
      const r = await api('/bt/scan', { method: 'POST' });
      setScan({ devices: r.devices || [] });
    } catch (e) {
      setScan({ error: e.message });
    } finally {
      setScanning(false);
    }
  };
  const pair = async () => {
    setPairing(true);
    try {
      const r = await api('/bt/discoverable', { method: 'POST', body: { timeout: 90 } });
      toast(`Paired with ${r.device.name || r.device.address}`);
      reload();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      setPairing(false);
    }
  };
  const online = status.data || {};
  const sources = online.sources || {};
  return (
    <Section title="Presence devices" missing={status.missing} error={status.error}>
      <p class="muted">While one of these phones is home, a trigger does not record.</p>
      {Object.entries(TRANSPORTS).map(([t, info]) => {
        const list = (settings.data && settings.data[info.key]) || [];
        return (
          <div key={t}>
            <h3>{info.name}</h3>
            {sources[t] && sources[t].problem && <p class="muted">{sources[t].problem}</p>}
            {list.length === 0 ? <p class="muted">No {info.name} devices tracked.</p> : (
              <ul class="devices">
                {list.map((d) => {
                  const here = online[t] && online[t][d.address.toUpperCase()] !== undefined ? online[t][d.address.toUpperCase()] : online[t] && online[t][d.address];
                  return (
                    <li key={d.address}>
                      <span class="device-name">{d.name || 'Unnamed'}</span>
                      {' '}<span class="muted">{d.address}</span>
                      {' '}<span class={here ? 'badge armed' : 'badge'}>{here ? 'home' : 'away'}</span>
                      {' '}<button type="button" class="secondary small" aria-label={`Remove ${d.name || d.address}`} onClick={() => remove(t, d.address)}>Remove</button>
                    </li>
                  );
                })}
              </ul>
            )}
          </div>
        );
      })}
      <form onSubmit={(e) => { e.preventDefault(); add(transport, address.trim(), name.trim()); }} noValidate>
        <h3>Add a device</h3>
        <div class="row">
          <Field label="Kind">
            {(id) => (
              <select id={id} value={transport} onChange={(e) => setTransport(e.currentTarget.value)}>
                <option value="bt">Bluetooth</option>
                <option value="wifi">Wi-Fi</option>
              </select>
            )}
          </Field>
          <Field label="Address" error={errorFor(submit, 'address')} hint="Like AA:BB:CC:DD:EE:FF">
            {(id) => <input id={id} type="text" autocomplete="off" value={address} onInput={(e) => setAddress(e.currentTarget.value)} />}
          </Field>
          <Field label="Name">
            {(id) => <input id={id} type="text" autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}
          </Field>
        </div>
        <div class="actions">
          <button type="submit" disabled={submit.busy}>Add</button>
          <button type="button" class="secondary" disabled={scanning} onClick={doScan}>{scanning ? 'Scanning… (about 20 s)' : 'Scan for Bluetooth devices'}</button>
          <button type="button" class="secondary" disabled={pairing} onClick={pair}>{pairing ? 'Waiting for a phone to pair…' : 'Pair a new phone'}</button>
        </div>
        <Saved submit={submit} />
      </form>
      {scan && scan.error && <p role="alert" class="error">{scan.error}</p>}
      {scan && scan.devices && (
        <div>
          <h3>Found nearby</h3>
          {scan.devices.length === 0 ? <p class="muted">No devices found.</p> : (
            <ul class="devices">
              {scan.devices.map((d) => (
                <li key={d.address}>
                  <span class="device-name">{d.name || 'Unnamed'}</span>{' '}<span class="muted">{d.address}</span>{' '}
                  <button type="button" class="secondary small" aria-label={`Add ${d.name || d.address}`} onClick={() => add('bt', d.address, d.name)}>Add</button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Section>
  );
}

function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const submit = useSubmit([{ key: 'current', label: 'current' }, { key: 'new', label: 'new password' }]);
  const save = (e) => {
    e.preventDefault();
    submit.run(async () => {
      if (next !== again) throw new Error('The new password and its repetition differ');
      await api('/auth/set-password', { method: 'POST', body: { current, new: next } });
      setCurrent('');
      setNext('');
      setAgain('');
    }, 'Password changed');
  };
  return (
    <Section title="Password">
      <form onSubmit={save} noValidate>
        <div class="row">
          <Field label="Current password" error={errorFor(submit, 'current')}>
            {(id) => <input id={id} type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />}
          </Field>
          <Field label="New password" error={errorFor(submit, 'new')} hint="4 to 128 characters">
            {(id) => <input id={id} type="password" autocomplete="new-password" value={next} onInput={(e) => setNext(e.currentTarget.value)} />}
          </Field>
          <Field label="New password again">
            {(id) => <input id={id} type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />}
          </Field>
        </div>
        <div class="actions"><button type="submit" disabled={submit.busy}>Change password</button></div>
        <Saved submit={submit} />
      </form>
    </Section>
  );
}

function TokenSection({ settings }) {
  const [shown, setShown] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const submit = useSubmit();
  const token = settings.data && settings.data.Auth ? settings.data.Auth.token : null;
  const regenerate = () => submit.run(async () => {
    const r = await api('/auth/regenerate', { method: 'POST' });
    // This page keeps working with the new token; every other client must log in again.
    setToken(r.token);
  }, 'New token issued');
  return (
    <Section title="API token">
      <p class="muted">Scripts send it as <code>Authorization: Bearer …</code>. A new one logs every other client out.</p>
      {token && (
        <p>
          <code class="token">{shown ? token : '•'.repeat(24)}</code>{' '}
          <button type="button" class="secondary small" onClick={() => setShown(!shown)}>{shown ? 'Hide token' : 'Show token'}</button>
        </p>
      )}
      <div class="actions">
        {confirm ? (
          <>
            <button type="button" class="danger" onClick={() => { setConfirm(false); regenerate(); }}>Yes, regenerate</button>
            <button type="button" class="secondary" onClick={() => setConfirm(false)}>Keep the token</button>
          </>
        ) : <button type="button" onClick={() => setConfirm(true)} disabled={submit.busy}>Regenerate token</button>}
      </div>
      <Saved submit={submit} />
    </Section>
  );
}

function MqttSection({ settings }) {
  const status = useResource('/mqtt/status');
  const [form, setForm] = useState(null);
  useEffect(() => {
    if (settings.data && settings.data.MQTT && !form) setForm({ ...settings.data.MQTT, port: String(settings.data.MQTT.port ?? 1883), password: '' });
  }, [settings.data]);
  // ca_file first: a path may hold another field's name (/etc/ssl/report/ca.pem).
  const fields = ['ca_file', 'host', 'port', 'username', 'password', 'base_topic', 'discovery_prefix'].map((key) => ({ key }));
  const submit = useSubmit(fields);
  if (status.missing || (!status.data && !status.error)) return null;
  const save = (e) => {
    e.preventDefault();
    submit.run(async () => {
      await api('/settings', { method: 'POST', body: { MQTT: { ...form, port: toNumber(form.port) } } });
      settings.reload();
      status.reload();
    });
  };
  const text = (key, label, type = 'text') => (
    <Field label={label} error={errorFor(submit, key)}>
      {(id) => <input id={id} type={type} value={form[key] ?? ''} autocomplete="off" onInput={(e) => setForm({ ...form, [key]: e.currentTarget.value })} />}
    </Field>
  );
  return (
    <Section title="MQTT" error={status.error}>
      {status.data && (
        <p>{Object.entries(status.data).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`).join(' · ')}</p>
      )}
      {form && (
        <form onSubmit={save} noValidate>
          <Check label="Connect to a broker" checked={Boolean(form.enabled)} onChange={(v) => setForm({ ...form, enabled: v })} />
          <div class="row">
            {text('host', 'Broker host')}
            {text('port', 'Port', 'number')}
            {text('username', 'User name')}
            {text('password', 'Password (empty: unchanged)', 'password')}
            {text('base_topic', 'Base topic')}
            {text('discovery_prefix', 'Discovery prefix')}
          </div>
          <Check label="TLS" checked={Boolean(form.tls)} onChange={(v) => setForm({ ...form, tls: v })} />
          {form.tls && <div class="row">{text('ca_file', 'CA file (empty: the system\'s trust store)')}</div>}
          <Check label="Home Assistant discovery" checked={Boolean(form.discovery)} onChange={(v) => setForm({ ...form, discovery: v })} />
          <div class="actions"><button type="submit" disabled={submit.busy}>Save</button></div>
          <Saved submit={submit} />
        </form>
      )}
    </Section>
  );
}

export function Settings() {
  const settings = useResource('/settings');
  return (
    <div class="settings">
      <SensorSection />
      <StorageSection settings={settings} />
      <TimelapseSection />
      <PresenceSection settings={settings} />
      <PasswordSection />
      <TokenSection settings={settings} />
      <MqttSection settings={settings} />
    </div>
  );
}
