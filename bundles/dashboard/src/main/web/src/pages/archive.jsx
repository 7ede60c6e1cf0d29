import { useMemo, useRef, useState } from 'preact/hooks';
import { api, mediaUrl } from '../api.js';
import { Confirm, Section, baseName, formatBytes, formatDay, formatDuration, formatTime, toast, useEvent, useResource } from '../ui.jsx';

const SPRITE_FRAMES = 10;

/** When a recording started: its meta's start, else the time in its name, else its file's time. */
function startOf(recording) {
  if (recording.meta && recording.meta.started) return new Date(recording.meta.started);
  const m = /_(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})\./.exec(recording.path || '');
  if (m) return new Date(+m[1], m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return new Date(recording.mtime);
}

function dayKey(date) {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The thumbnail; over it, a pointer scrubs through the sprite's ten frames. */
function Thumbnail({ recording, label }) {
  const [frame, setFrame] = useState(null);
  const box = useRef(null);
  const sprite = recording.sprite ? mediaUrl('/sprite', { video_path: recording.path }) : null;
  const move = (e) => {
    if (!sprite) return;
    const rect = box.current.getBoundingClientRect();
    const x = Math.min(Math.max(e.clientX - rect.left, 0), rect.width - 1);
    setFrame(Math.floor((x / rect.width) * SPRITE_FRAMES));
  };
  return (
    <div class="thumb" ref={box} onPointerMove={move} onPointerLeave={() => setFrame(null)}>
      <img src={mediaUrl('/thumbnail', { video_path: recording.path })} alt={label} loading="lazy" width="320" height="180" />
      {frame !== null && (
        <div class="sprite" aria-hidden="true"
          style={{ backgroundImage: `url("${sprite}")`, backgroundPosition: `${(frame * 100) / (SPRITE_FRAMES - 1)}% 0` }} />
      )}
    </div>
  );
}

function Recording({ recording, onDelete }) {
  const [playing, setPlaying] = useState(false);
  const start = startOf(recording);
  const meta = recording.meta || {};
  const video = mediaUrl('/stream_video', { video_path: recording.path });
  const reason = meta.reason || 'unknown reason';
  return (
    <li>
      <article class="item" aria-label={`Recording at ${formatTime(start)}`}>
        {playing ? <video src={video} controls autoplay playsinline preload="metadata" class="player" aria-label={`Recording at ${formatTime(start)}`} />
          : <Thumbnail recording={recording} label={`Thumbnail of the recording at ${formatTime(start)}`} />}
        <p>
          <strong>{formatTime(start)}</strong>{' · '}
          <span>{reason}</span>{meta.sensor_type ? <span> ({meta.sensor_type})</span> : null}{' · '}
          <span>{meta.duration_seconds != null ? formatDuration(meta.duration_seconds) : 'in progress'}</span>
          {meta.crash ? <span> · cut short</span> : null}{' · '}
          <span class="muted">{formatBytes(recording.size)}</span>
        </p>
        <div class="actions">
          <button type="button" onClick={() => setPlaying(true)}>Play</button>
          <a class="button secondary" href={video} download={baseName(recording.path)}>Download</a>
          <button type="button" class="danger" onClick={() => onDelete(recording)}>Delete</button>
        </div>
      </article>
    </li>
  );
}

function Recordings({ resource, onDelete }) {
  const days = useMemo(() => {
    const groups = new Map();
    for (const r of resource.data || []) {
      const start = startOf(r);
      const key = dayKey(start);
      if (!groups.has(key)) groups.set(key, { key, date: start, items: [] });
      groups.get(key).items.push(r);
    }
    return [...groups.values()].sort((a, b) => (a.key < b.key ? 1 : -1));
  }, [resource.data]);
  return (
    <Section title="Recordings" missing={resource.missing} error={resource.error}>
      {resource.data && resource.data.length === 0 && <p class="muted">No recordings yet.</p>}
      {days.map((day) => (
        <div key={day.key} class="day">
          <h3>{formatDay(day.date)}</h3>
          <ul class="grid">
            {day.items.map((r) => <Recording key={r.path} recording={r} onDelete={onDelete} />)}
          </ul>
        </div>
      ))}
    </Section>
  );
}

function Snapshots({ resource, onDelete }) {
  return (
    <Section title="Snapshots" missing={resource.missing} error={resource.error}>
      {resource.data && resource.data.length === 0 && <p class="muted">No snapshots yet.</p>}
      <ul class="grid">
        {(resource.data || []).map((s) => {
          const url = mediaUrl('/snapshot_image', { path: s.path });
          const name = baseName(s.path);
          return (
            <li key={s.path}>
              <article class="item" aria-label={`Snapshot ${name}`}>
                <a href={url} target="_blank" rel="noopener" class="thumb">
                  <img src={url} alt={`Snapshot ${name}`} loading="lazy" width="320" height="180" />
                </a>
                <p><span>{name}</span> · <span class="muted">{formatBytes(s.size)}</span></p>
                <div class="actions">
                  <a class="button secondary" href={url} download={name}>Download</a>
                  <button type="button" class="danger" onClick={() => onDelete(s)}>Delete</button>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

function Timelapse({ item, onDelete }) {
  const [playing, setPlaying] = useState(false);
  const video = mediaUrl('/timelapse/video', { path: item.path });
  const label = `Timelapse of ${item.date || baseName(item.path)}`;
  return (
    <li>
      <article class="item" aria-label={label}>
        {playing ? <video src={video} controls autoplay playsinline class="player" aria-label={label} />
          : <div class="thumb">{item.thumbnail
            ? <img src={mediaUrl('/timelapse/thumbnail', { path: item.path })} alt={label} loading="lazy" width="320" height="180" />
            : <span class="muted">No thumbnail</span>}</div>}
        <p><span>{item.date || baseName(item.path)}</span> · <span class="muted">{formatBytes(item.size)}</span></p>
        <div class="actions">
          <button type="button" onClick={() => setPlaying(true)} aria-label={`Play ${label}`}>Play timelapse</button>
          <a class="button secondary" href={video} download={baseName(item.path)}>Download</a>
          <button type="button" class="danger" onClick={() => onDelete(item)}>Delete</button>
        </div>
      </article>
    </li>
  );
}

export function Archive() {
  const recordings = useResource('/archive');
  const snapshots = useResource('/snapshots');
  const timelapses = useResource('/timelapse');
  const [pending, setPending] = useState(null);
  const reloadTimer = useRef(null);
  useEvent('archive_updated', () => {
    // A burst of new files (a recording with its sidecars, a retention run) reloads once.
    clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => {
      recordings.reload();
      snapshots.reload();
      timelapses.reload();
    }, 300);
  });
  useEvent('recording_state', () => recordings.reload());

  const kinds = {
    recording: { what: 'recording', route: '/delete_video', body: (p) => ({ video_path: p }), list: recordings },
    snapshot: { what: 'snapshot', route: '/delete_snapshot', body: (p) => ({ snapshot_path: p }), list: snapshots },
    timelapse: { what: 'timelapse', route: '/timelapse/delete', body: (p) => ({ path: p }), list: timelapses },
  };
  const remove = async () => {
    const { kind, item } = pending;
    const k = kinds[kind];
    setPending(null);
    try {
      await api(k.route, { method: 'POST', body: k.body(item.path) });
      toast(`Deleted ${baseName(item.path)}`);
    } catch (e) {
      toast(e.message, 'error');
    }
    k.list.reload();
  };
  return (
    <div class="archive">
      <Recordings resource={recordings} onDelete={(item) => setPending({ kind: 'recording', item })} />
      <Snapshots resource={snapshots} onDelete={(item) => setPending({ kind: 'snapshot', item })} />
      <Section title="Timelapses" missing={timelapses.missing} error={timelapses.error}>
        {timelapses.data && timelapses.data.length === 0 && <p class="muted">No timelapses yet.</p>}
        <ul class="grid">
          {(timelapses.data || []).map((t) => <Timelapse key={t.path} item={t} onDelete={(item) => setPending({ kind: 'timelapse', item })} />)}
        </ul>
      </Section>
      {pending && (
        <Confirm title={`Delete this ${kinds[pending.kind].what}?`} message={baseName(pending.item.path)}
          action="Delete" onConfirm={remove} onClose={() => setPending(null)} />
      )}
    </div>
  );
}
