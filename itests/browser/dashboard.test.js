// The dashboard's flows in a real browser against the real device, in the order a person would meet them, on one
// browser and one device. DashboardBrowserTest starts the device (mock sensor, fake BlueZ tools, health samples
// every second) and runs this file with node's test runner.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { open, shootAndCheck, triggerAndWatch } from './lib/browser.js';
import { api, awaitApi, consoleBundle, currentToken, device, login, ok, until, useToken } from './lib/device.js';

const SHOTS = process.env.DASH_SCREENSHOTS ?? 'target/screenshots';
/** The fake BlueZ tools' control folder: what bluetoothctl lists after a scan. */
const CONTROL = process.env.DASH_FAKE_CONTROL;
const HOSTILE = '<img src=x onerror=alert(1)>';
const HOSTILE_ADDRESS = 'AA:BB:CC:DD:EE:0C';
const SCANNED_ADDRESS = 'AA:BB:CC:DD:EE:0D';

/** A stand-in for MediaMTX's WHEP endpoint, which the device is configured with: it keeps each offer and has no stream. */
const WHEP_PORT = Number(process.env.DASH_WHEP_PORT);
const WHEP_ORIGIN = `http://127.0.0.1:${WHEP_PORT}`;
const offers = [];
const whep = createServer((req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
    res.writeHead(204).end();
    return;
  }
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    offers.push({ method: req.method, path: req.url, type: req.headers['content-type'], sdp: body });
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no stream is available on path cam');
  });
});

let b;
let page;
/** Every serious or critical accessibility finding and every page wider than the screen; judged at the end. */
const findings = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  await new Promise((resolve) => whep.listen(WHEP_PORT, '127.0.0.1', resolve));
  await login();
  // A short hold, so that a release ends the recording in a second.
  await ok('/sensor/configure', { method: 'POST', body: { type: 'mock', hold_seconds: 1 } });
  b = await open(device.url, undefined, [WHEP_ORIGIN]);
  page = b.page;
});

after(async () => {
  await b?.close();
  whep.close();
});

const status = () => page.getByRole('status', { name: 'Status' });
const nav = (name) => page.getByRole('navigation').getByRole('link', { name, exact: true });

/** A browser flow: when it fails, the page as it was then is saved beside the screenshots. */
function flow(name, fn) {
  test(name, async () => {
    try {
      await fn();
    } catch (e) {
      const file = `failed-${name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60)}.png`;
      await page.screenshot({ path: join(SHOTS, file), fullPage: true }).catch(() => {});
      throw e;
    }
  });
}

async function shoot(name) {
  findings.push(...await shootAndCheck(page, SHOTS, name));
}

async function statusText() {
  return (await status().textContent()) ?? '';
}

async function go(name) {
  await nav(name).click();
}

/** The element of a form section that holds the control: its section, fieldset or form. */
function sectionOf(control) {
  return page.locator('section, fieldset, form').filter({ has: control }).last();
}

/** An item that a person would call "not installed on this device" near the given section heading. */
async function saysNotInstalled(scope) {
  return (await scope.getByText(/not installed on this device/i).count()) > 0;
}

flow('a wrong password is refused, the right one opens the dashboard', async () => {
  await page.goto(device.url + '/');
  const password = page.getByLabel('Password', { exact: true });
  await password.waitFor();
  await shoot('login');
  await password.fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('Wrong password').waitFor({ timeout: 5_000 });
  assert.equal(await nav('Live').count(), 0, 'the navigation is not shown before a login');
  await password.fill(device.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  for (const name of ['Live', 'Archive', 'Settings', 'Logs', 'System']) {
    await nav(name).waitFor({ timeout: 5_000 });
  }
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  assert.ok(stored.includes(currentToken()), 'the token is kept in local storage');
});

flow('Live shows the camera and "Armed"', async () => {
  await go('Live');
  await until('the status to say Armed', 5_000, async () => /\bArmed\b/.test(await statusText()));
  const camera = page.getByRole('img', { name: 'Camera' });
  await camera.waitFor();
  await until('a camera frame to be shown', 10_000, () => camera.evaluate((img) => img.complete && img.naturalWidth > 0));
  const first = await camera.getAttribute('src');
  assert.match(first, /\/live\/frame\.jpg\?/, 'the frame comes from the device');
  for (const name of ['Snapshot', 'Start recording', 'Disarm']) {
    await page.getByRole('button', { name, exact: true }).waitFor();
  }
  await shoot('live');
});

flow('with a WHEP endpoint configured, Live offers it WebRTC and shows frames while it has no stream', async () => {
  assert.equal((await ok('/dashboard/config')).whep_url, `${WHEP_ORIGIN}/cam/whep`);
  await until('the page to offer WebRTC to the WHEP endpoint', 10_000, async () => offers.length > 0);
  const offer = offers[0];
  assert.equal(offer.method, 'POST');
  assert.equal(offer.path, '/cam/whep');
  assert.equal(offer.type, 'application/sdp');
  assert.match(offer.sdp, /^v=0/, 'an SDP offer');
  assert.match(offer.sdp, /m=video/);
  assert.match(offer.sdp, /a=recvonly/);
  // The endpoint has no stream, so the page falls back to the device's frames.
  const camera = page.getByRole('img', { name: 'Camera' });
  await until('a camera frame after the refused stream', 10_000,
    () => camera.evaluate((img) => img.complete && img.naturalWidth > 0));
});

flow('a mock trigger shows "Triggered" and "Recording" within 1 s, without a reload', async () => {
  assert.ok(!(await statusText()).includes('Triggered'), 'not triggered before the trigger');
  const navigations = [];
  const onNavigate = (frame) => frame === page.mainFrame() && navigations.push(frame.url());
  page.on('framenavigated', onNavigate);
  const times = await triggerAndWatch(status(), currentToken(), ['Triggered', 'Recording']);
  page.off('framenavigated', onNavigate);
  console.log(`# trigger to visible change: ${JSON.stringify(times)} ms`);
  assert.ok(!times.error, times.error);
  assert.deepEqual(navigations, [], 'the page did not reload');
  assert.ok(times.Triggered !== null && times.Triggered <= 1_000, `"Triggered" after ${times.Triggered} ms`);
  assert.ok(times.Recording !== null && times.Recording <= 1_000, `"Recording" after ${times.Recording} ms`);
  await page.getByRole('button', { name: 'Stop recording', exact: true }).waitFor({ timeout: 3_000 });
  await shoot('live-triggered');
});

flow('after the release and the hold the recording is in the Archive: thumbnail, play, delete with a confirmation', async () => {
  // A few seconds of video, so that playing it can be seen.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await ok('/sensor/mock/release', { method: 'POST' });
  await until('the status to go back to Armed without Recording', 15_000, async () => {
    const text = await statusText();
    return !text.includes('Triggered') && !text.includes('Recording') && /\bArmed\b/.test(text);
  });
  const recording = await until('the finished recording in /archive', 30_000, async () => {
    const list = await ok('/archive');
    return list.find((r) => r.meta?.duration_seconds !== undefined);
  });
  await go('Archive');
  for (const name of ['Recordings', 'Snapshots', 'Timelapses']) {
    await page.getByRole('heading', { name, exact: true }).first().waitFor();
  }
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.first().waitFor({ timeout: 10_000 });
  const archive = await ok('/archive');
  assert.equal(await play.count(), archive.length, 'one Play button per recording');
  // Newest first, as /archive lists them; the innermost element that holds its Play button is its item.
  const item = play.nth(archive.findIndex((r) => r.path === recording.path))
    .locator('xpath=ancestor::*[self::li or self::article][1]');
  const thumbnail = item.getByRole('img').first();
  await until('the thumbnail to load', 10_000, () => thumbnail.evaluate((img) => img.complete && img.naturalWidth > 0));
  const download = item.getByRole('link', { name: 'Download', exact: true });
  assert.ok(await download.count() === 1, 'a Download link');
  assert.ok(/\b(sensor|mock|manual)\b/i.test(await item.textContent()), `its reason is shown: ${await item.textContent()}`);
  await shoot('archive');

  await item.getByRole('button', { name: 'Play', exact: true }).click();
  const video = page.locator('video').first();
  await video.waitFor({ timeout: 5_000 });
  const played = await until('the video to play', 15_000, () => video.evaluate((v) => {
    if (v.error) {
      throw new Error(`the video failed: code ${v.error.code} ${v.error.message}`);
    }
    if (v.paused && v.readyState >= 2) {
      v.play().catch(() => {});
    }
    return v.readyState >= 2 && v.currentTime > 0.2 ? { duration: v.duration, time: v.currentTime } : null;
  }));
  assert.ok(played.duration > 0, `a duration: ${JSON.stringify(played)}`);
  await shoot('archive-playing');

  await item.getByRole('button', { name: 'Delete', exact: true }).click();
  let dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 3_000 });
  await shoot('archive-delete-dialog');
  await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 3_000 });
  assert.ok((await ok('/archive')).some((r) => r.path === recording.path), 'Cancel kept the recording');

  await item.getByRole('button', { name: 'Delete', exact: true }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await until('the recording to be gone from /archive', 5_000, async () =>
    !(await ok('/archive')).some((r) => r.path === recording.path));
  await until('its item to leave the page', 5_000, async () => (await play.count()) === archive.length - 1);
  assert.ok(!existsSync(recording.path), `the file is deleted: ${recording.path}`);
});

flow('Settings: a calibration slider reaches /sensor/status, an out-of-range value shows the API\'s error', async () => {
  const types = await ok('/sensor/types');
  const list = Array.isArray(types) ? types : types.types ?? Object.values(types);
  const vibration = list.find((t) => (t.type ?? t.id) === 'vibration');
  assert.ok(vibration, `a vibration driver in ${JSON.stringify(types).slice(0, 300)}`);
  const param = vibration.calibration[0];
  await go('Settings');
  const picker = page.getByLabel('Sensor type', { exact: true });
  await picker.waitFor();
  await picker.selectOption('vibration');
  const slider = page.getByRole('slider', { name: param.name, exact: true })
    .or(page.getByRole('slider', { name: param.key, exact: true })).first();
  await slider.waitFor({ timeout: 5_000 });
  assert.equal(Number(await slider.getAttribute('min')), param.min, 'the slider has the schema\'s minimum');
  assert.equal(Number(await slider.getAttribute('max')), param.max, 'the slider has the schema\'s maximum');
  const wanted = param.default === param.max ? param.min : param.max;
  await slider.fill(String(wanted));
  const save = sectionOf(picker).getByRole('button', { name: 'Save', exact: true });
  await save.click();
  await until(`/sensor/status to show ${param.key} = ${wanted}`, 5_000, async () => {
    const s = await ok('/sensor/status');
    return s.config?.type === 'vibration' && s.config?.calibration?.[param.key] === wanted;
  });
  await shoot('settings');

  const tooBig = param.max + 1000;
  const refused = await api('/sensor/configure', { method: 'POST', body: { type: 'vibration', calibration: { [param.key]: tooBig } } });
  assert.equal(refused.status, 400, 'the API refuses it');
  const field = page.getByLabel(`${param.name} value`, { exact: true })
    .or(page.getByLabel(`${param.key} value`, { exact: true })).first();
  await field.fill(String(tooBig));
  await save.click();
  const alert = sectionOf(picker).getByRole('alert').filter({ hasText: refused.body.error });
  await alert.first().waitFor({ timeout: 5_000 });
  assert.equal((await ok('/sensor/status')).config.calibration[param.key], wanted, 'the refused value changed nothing');
  await shoot('settings-error');
  await ok('/sensor/configure', { method: 'POST', body: { type: 'mock', hold_seconds: 1 } });
});

flow('a Bluetooth device named like markup shows as text and runs no script', async () => {
  await ok('/devices/bt/add', { method: 'POST', body: { address: HOSTILE_ADDRESS, name: HOSTILE } });
  if (CONTROL) {
    writeFileSync(join(CONTROL, 'bt-devices'), `Device ${SCANNED_ADDRESS} ${HOSTILE}\n`);
  }
  await page.reload();
  await go('Settings');
  await page.getByText(HOSTILE, { exact: true }).first().waitFor({ timeout: 10_000 });
  const scan = page.getByRole('button', { name: /scan/i });
  if (await scan.count() > 0) {
    await scan.first().click();
    await page.getByText(SCANNED_ADDRESS).first().waitFor({ timeout: 30_000 });
  } else {
    console.log('# no Scan button in Settings');
  }
  await shoot('settings-presence');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no image element was made from the name');
  assert.deepEqual(b.dialogs, [], 'no script ran');
});

flow('Settings: MQTT over TLS asks for a CA file, and a missing one shows the API\'s error there and changes nothing', async () => {
  const before = (await ok('/settings')).MQTT;
  await go('Settings');
  const tls = page.getByLabel('TLS', { exact: true });
  await tls.waitFor();
  const form = sectionOf(tls);
  const caFile = form.getByLabel(/^CA file/);
  assert.equal(await caFile.count(), 0, 'no CA file field while TLS is off');
  await form.getByLabel('Connect to a broker', { exact: true }).check();
  await form.getByLabel('Broker host', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill('8883');
  await tls.check();
  await caFile.waitFor({ timeout: 5_000 });
  await caFile.fill('/nonexistent/report/ca.pem');
  await form.getByRole('button', { name: 'Save', exact: true }).click();
  await form.getByRole('alert').filter({ hasText: 'ca_file /nonexistent/report/ca.pem does not exist' }).first()
    .waitFor({ timeout: 5_000 });
  assert.deepEqual((await ok('/settings')).MQTT, before, 'the refused section changed nothing');
  await shoot('settings-mqtt-error');
  await page.reload();
});

flow('Logs filters by level', async () => {
  await go('Logs');
  const level = page.getByLabel('Level', { exact: true });
  await level.waitFor();
  for (const label of ['Log', 'Search']) {
    await page.getByLabel(label, { exact: true }).waitFor();
  }
  const lines = page.getByRole('main').getByRole('listitem');
  await until('log lines', 10_000, async () => (await lines.count()) > 0);
  await shoot('logs');
  const options = await level.locator('option').evaluateAll((os) => os.map((o) => ({ value: o.value, text: o.textContent })));
  let chosen;
  let entries;
  for (const wanted of ['WARNING', 'ERROR']) {
    const option = options.find((o) => o.value.toUpperCase().startsWith(wanted.slice(0, 4)) || o.text.toUpperCase().startsWith(wanted.slice(0, 4)));
    assert.ok(option, `a ${wanted} level in ${JSON.stringify(options)}`);
    const answer = await ok(`/logs/api?level=${wanted}&limit=2000`);
    if (!chosen && answer.length > 0) {
      chosen = option;
      entries = answer;
    }
  }
  assert.ok(chosen, 'the log has a warning or an error to filter by');
  // The page must show what the API answers for that level, whatever the API's rule for the level is.
  const levels = new RegExp(`\\b(${[...new Set(entries.map((e) => e.level))].join('|')}|WARN)\\b`, 'i');
  assert.ok((await lines.allTextContents()).some((t) => /\bINFO\b/i.test(t)), 'INFO lines before the filter');
  await level.selectOption(chosen.value);
  await until(`only ${chosen.text} lines to be listed`, 10_000, async () => {
    const texts = await lines.allTextContents();
    return texts.length > 0 && texts.every((t) => levels.test(t) && !/\bINFO\b/i.test(t));
  });
  await shoot('logs-warning');
  const search = page.getByLabel('Search', { exact: true });
  const word = entries[0].message.split(/\s+/).find((w) => w.length > 5) ?? entries[0].message.slice(0, 6);
  await search.fill(word);
  await until(`lines with "${word}" only`, 10_000, async () => {
    const texts = await lines.allTextContents();
    return texts.length > 0 && texts.every((t) => t.toLowerCase().includes(word.toLowerCase()));
  });
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'log lines are text');
});

flow('System draws its chart of the health history', async () => {
  await until('two health samples', 15_000, async () => (await ok('/health_history')).length >= 2);
  await go('System');
  const chart = page.getByRole('img', { name: /chart/i }).first();
  await chart.waitFor({ timeout: 10_000 });
  const drawn = await until('the chart to be drawn', 10_000, () => chart.evaluate((el) => {
    if (el instanceof HTMLCanvasElement) {
      const data = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
      return data.some((v, i) => i % 4 === 3 && v > 0) ? 'canvas' : null;
    }
    const marks = el.querySelectorAll('path, polyline, line, rect, circle');
    const box = el.getBoundingClientRect();
    return marks.length > 0 && box.width > 50 && box.height > 30 ? `${marks.length} marks` : null;
  }));
  console.log(`# System chart: ${drawn}`);
  for (const name of ['Check for updates', 'Restart', 'Reboot']) {
    await page.getByRole('button', { name, exact: true }).waitFor();
  }
  await shoot('system');
});

flow('a stopped feature bundle says "not installed on this device" and the rest works', async () => {
  await consoleBundle('securitycam.timelapse', 'stop');
  try {
    await until('/timelapse/status to answer 404', 10_000, async () => (await api('/timelapse/status')).status === 404);
    await go('Live');
    await go('Settings');
    const timelapse = page.locator('section, fieldset, form').filter({
      has: page.getByRole('heading', { name: /timelapse/i }),
    }).last();
    await until('the Timelapse section to say it is not installed', 10_000, () => saysNotInstalled(timelapse));
    await page.getByLabel('Sensor type', { exact: true }).waitFor();
    await shoot('settings-timelapse-missing');
    await go('Live');
    await until('Live to still say Armed', 5_000, async () => /\bArmed\b/.test(await statusText()));
  } finally {
    await consoleBundle('securitycam.timelapse', 'start');
  }
});

flow('the network dropping shows "Reconnecting…" and the stream resumes by itself', async () => {
  await go('Live');
  await until('Live to say Armed', 10_000, async () => /\bArmed\b/.test(await statusText()));
  const streams = [];
  const onRequest = (r) => r.url().includes('/events')
    && streams.push(r.headers()['last-event-id'] ?? new URL(r.url()).searchParams.get('lastEventId'));
  page.on('request', onRequest);
  await b.context.setOffline(true);
  try {
    await page.getByText('Reconnecting…').first().waitFor({ timeout: 15_000 });
  } finally {
    await b.context.setOffline(false);
  }
  await page.getByText('Reconnecting…').first().waitFor({ state: 'hidden', timeout: 30_000 });
  const times = await triggerAndWatch(status(), currentToken(), ['Triggered']);
  await ok('/sensor/mock/release', { method: 'POST' });
  page.off('request', onRequest);
  // The browser's own reconnection sends Last-Event-ID; a new EventSource after a failed one sends the last id in
  // the query. Either needs an event seen before the drop, which the test does not force: printed, not judged.
  console.log(`# /events requests after the drop: ${streams.length}, with the last event id: ${streams.filter((s) => s).length}`);
  assert.ok(times.Triggered !== null, 'events arrive again after the drop');
  await until('the recording to end', 30_000, async () => !(await ok('/recording_status')).recording);
});

flow('a restart of the device shows "Reconnecting…" and the page resumes by itself', async () => {
  const streams = [];
  const onRequest = (r) => r.url().includes('/events') && streams.push({ url: r.url(), lastEventId: r.headers()['last-event-id'] ?? null });
  page.on('request', onRequest);
  await go('System');
  await page.getByRole('button', { name: 'Restart', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor({ timeout: 3_000 });
  await dialog.getByRole('button', { name: 'Restart', exact: true }).click();
  await page.getByText('Reconnecting…').first().waitFor({ timeout: 15_000 });
  await shoot('reconnecting');
  await awaitApi();
  await page.getByText('Reconnecting…').first().waitFor({ state: 'hidden', timeout: 30_000 });
  await go('Live');
  await until('Live to say Armed again', 10_000, async () => /\bArmed\b/.test(await statusText()));
  const times = await triggerAndWatch(status(), currentToken(), ['Triggered']);
  assert.ok(times.Triggered !== null, 'events arrive again after the restart');
  await ok('/sensor/mock/release', { method: 'POST' });
  page.off('request', onRequest);
  const resumed = streams.filter((s) => s.lastEventId !== null || /lastEventId=/.test(s.url));
  console.log(`# /events requests: ${streams.length}, resumed with the last event id: ${resumed.length}`);
});

flow('a token regenerated elsewhere sends the page back to the login, and Log out forgets the token', async () => {
  const fresh = await ok('/auth/regenerate', { method: 'POST' });
  useToken(fresh.token);
  await go('Archive');
  await page.getByLabel('Password', { exact: true }).waitFor({ timeout: 10_000 });
  await page.getByLabel('Password', { exact: true }).fill(device.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await nav('Live').waitFor({ timeout: 5_000 });
  assert.ok((await page.evaluate(() => JSON.stringify(localStorage))).includes(fresh.token), 'the new token is kept');
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.getByLabel('Password', { exact: true }).waitFor({ timeout: 5_000 });
  assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage))).includes(fresh.token), 'the token is forgotten');
});

test('every page: no serious or critical accessibility finding, none wider than the screen', () => {
  assert.deepEqual(findings, []);
});

test('no page fault: no request outside the device, no uncaught error, no script dialog', () => {
  assert.deepEqual(b.faults, []);
  assert.deepEqual(b.dialogs, []);
});
