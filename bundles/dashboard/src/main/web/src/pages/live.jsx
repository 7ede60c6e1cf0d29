import { useEffect, useRef, useState } from 'preact/hooks';
import { api, mediaUrl } from '../api.js';
import { Section, formatTime, toast, useEvent, useResource } from '../ui.jsx';

/**
 * WebRTC from MediaMTX's WHEP endpoint: an offer to receive video (and audio), posted as SDP, and the answer set.
 * Resolves with the connection once the answer is in, rejects when the endpoint refuses or does not answer in 5 s.
 */
async function whep(url, video) {
  const pc = new RTCPeerConnection();
  try {
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.ontrack = (event) => {
      if (!video.srcObject) video.srcObject = event.streams[0] || new MediaStream([event.track]);
    };
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp' },
      body: pc.localDescription.sdp,
      signal: AbortSignal.timeout(5000),
    });
    if (!answer.ok) throw new Error(`The WHEP endpoint answered ${answer.status}`);
    await pc.setRemoteDescription({ type: 'answer', sdp: await answer.text() });
    return pc;
  } catch (e) {
    pc.close();
    throw e;
  }
}

/** The live stream where the device names a WHEP endpoint; tells its parent when it fails, so frames take over. */
function WebRtcCamera({ url, onFail }) {
  const video = useRef(null);
  useEffect(() => {
    let pc = null;
    let gone = false;
    whep(url, video.current).then((c) => {
      if (gone) {
        c.close();
        return;
      }
      pc = c;
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'failed' || pc.connectionState === 'closed') onFail();
      };
    }, () => !gone && onFail());
    return () => {
      gone = true;
      if (pc) pc.close();
    };
  }, [url]);
  return (
    <figure class="camera">
      <video ref={video} aria-label="Camera" autoplay muted playsinline width="1280" height="720" />
    </figure>
  );
}

/**
 * The camera as one JPEG a second: the next frame is asked for a second after the last one arrived (or failed),
 * so a slow link never piles up requests.
 */
function FrameCamera() {
  const [tick, setTick] = useState(0);
  const [failed, setFailed] = useState(false);
  const timer = useRef(null);
  const next = (ok) => {
    setFailed(!ok);
    clearTimeout(timer.current);
    // A hidden tab asks rarely: the device grabs frames only while someone looks.
    const wait = document.hidden ? 10000 : ok ? 1000 : 3000;
    timer.current = setTimeout(() => setTick((t) => t + 1), wait);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <figure class="camera">
      <img src={mediaUrl('/live/frame.jpg', { t: tick })} alt="Camera" width="1280" height="720"
        onLoad={() => next(true)} onError={() => next(false)} />
      {failed && <figcaption class="muted">The camera does not answer; trying again.</figcaption>}
    </figure>
  );
}

/** WebRTC where the device names a WHEP endpoint and the browser can, frames everywhere else and after a failure. */
function Camera() {
  const config = useResource('/dashboard/config');
  const [rtcFailed, setRtcFailed] = useState(false);
  const url = config.data && config.data.whep_url;
  if (config.loading) return <figure class="camera" />;
  if (url && !rtcFailed && typeof RTCPeerConnection === 'function') {
    return <WebRtcCamera url={url} onFail={() => setRtcFailed(true)} />;
  }
  return <FrameCamera />;
}

export function Live() {
  const sensor = useResource('/sensor/status');
  const recording = useResource('/recording_status');
  const [sensorState, setSensorState] = useState(null);
  const [recordingState, setRecordingState] = useState(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setSensorState(sensor.data), [sensor.data]);
  useEffect(() => setRecordingState(recording.data), [recording.data]);
  useEvent('sensor_state', (s) => setSensorState((old) => ({ ...old, ...s })));
  useEvent('recording_state', (r) => setRecordingState(r));

  const s = sensorState;
  const r = recordingState;
  const isRecording = Boolean((r && r.recording) || (s && s.recording_from_sensor));
  const act = async (path, done) => {
    setBusy(true);
    try {
      const answer = await api(path, { method: 'POST' });
      if (done) toast(done(answer));
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      setBusy(false);
      sensor.reload();
      recording.reload();
    }
  };
  const words = [];
  if (s) {
    words.push(s.armed ? 'Armed' : 'Disarmed');
    if (s.triggered) words.push('Triggered');
    if (s.suppressed) words.push('Suppressed (someone is home)');
  }
  if (isRecording) words.push('Recording');
  const since = r && r.recording && r.started_at ? new Date(r.started_at) : null;
  return (
    <div class="live">
      <Camera />
      <Section title="Sensor and camera" missing={sensor.missing} error={sensor.error || recording.error}>
        <div role="status" aria-label="Status" class="status">
          {words.map((w) => <span key={w} class={`badge ${w.split(' ')[0].toLowerCase()}`}>{w}{' '}</span>)}
          {!s && !sensor.missing && <span class="muted">Loading…</span>}
        </div>
        <p class="muted">
          {s && s.sensor ? `Sensor: ${s.sensor.name}${s.sensor.gpio != null ? ` on GPIO ${s.sensor.gpio}` : ''}` : ''}
          {s && s.available === false ? ' (its driver is not installed)' : ''}
          {since ? ` · recording since ${formatTime(since)}${r.reason ? ` (${r.reason})` : ''}` : ''}
        </p>
        <div class="actions">
          <button type="button" disabled={busy} onClick={() => act('/snapshot', (a) => `Snapshot saved: ${String(a.path).split('/').pop()}`)}>Snapshot</button>
          <button type="button" disabled={busy} onClick={() => act('/toggle_recording', (a) => a.message)}>
            {isRecording ? 'Stop recording' : 'Start recording'}
          </button>
          {s && (
            <button type="button" class="secondary" disabled={busy}
              onClick={() => act(s.enabled ? '/sensor/disable' : '/sensor/enable', (a) => a.message)}>
              {s.enabled ? 'Disarm' : 'Arm'}
            </button>
          )}
        </div>
      </Section>
    </div>
  );
}
