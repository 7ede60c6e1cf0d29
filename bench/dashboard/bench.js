// The dashboard's figures (see run): first load to the Live page with its status shown, its compressed
// JavaScript and CSS, and a mock trigger to "Triggered". Each figure is a median of RUNS.
import { open, triggerAndWatch } from '../../itests/browser/lib/browser.js';
import { device, login, ok, until } from '../../itests/browser/lib/device.js';

const RUNS = Number(process.env.RUNS ?? 7);
const STATUS = /\b(Armed|Disarmed)\b/;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const range = (xs) => `median ${median(xs)} (min ${Math.min(...xs)}, max ${Math.max(...xs)}, of ${xs.length})`;

const token = await login();
await ok('/sensor/configure', { method: 'POST', body: { type: 'mock', hold_seconds: 1 } });

// What the page keeps in local storage after a login, so that every measured load starts logged in.
const first = await open(device.url);
await first.page.goto(device.url + '/');
await first.page.getByLabel('Password', { exact: true }).fill(device.password);
await first.page.getByRole('button', { name: 'Log in' }).click();
await first.page.getByRole('status', { name: 'Status' }).filter({ hasText: STATUS }).waitFor({ timeout: 15_000 });
const storage = await first.page.evaluate(() => ({ ...localStorage }));
await first.close();

// Marks, in the page's clock (0 = the navigation's start), the moment the status first says Armed or Disarmed.
function markStatus(seed) {
  for (const [k, v] of Object.entries(seed)) {
    localStorage.setItem(k, v);
  }
  const look = () => {
    const el = [...document.querySelectorAll('[role="status"]')].find((s) => /\b(Armed|Disarmed)\b/.test(s.textContent));
    if (el && window.__statusShown === undefined) {
      window.__statusShown = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
}

const shown = [];
const loaded = [];
const bytes = [];
let all = 0;
for (let i = 0; i < RUNS; i++) {
  const b = await open(device.url);
  await b.page.addInitScript(markStatus, storage);
  const assets = [];
  b.page.on('requestfinished', async (request) => {
    const type = (await request.response())?.headers()['content-type'] ?? '';
    const sizes = await request.sizes();
    assets.push({ url: request.url(), type, size: sizes.responseBodySize, headers: sizes.responseHeadersSize });
  });
  await b.page.goto(device.url + '/', { waitUntil: 'load' });
  const at = await until('the status to be shown', 15_000, () => b.page.evaluate(() => window.__statusShown), 20);
  const nav = await b.page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  // Wait for what the status needed to be counted, then for the page to be quiet.
  await b.page.waitForLoadState('networkidle').catch(() => {});
  shown.push(Math.round(at));
  loaded.push(Math.round(nav.loadEventEnd));
  const code = assets.filter((a) => /javascript|css/.test(a.type));
  bytes.push(code.reduce((sum, a) => sum + a.size, 0));
  all = assets.filter((a) => !a.url.includes('/live/frame.jpg') && !a.url.includes('/events'))
    .reduce((sum, a) => sum + a.size + a.headers, 0);
  if (i === 0) {
    for (const a of code) {
      console.log(`  ${a.url.replace(device.url, '')} ${a.type}: ${a.size} bytes compressed`);
    }
  }
  await b.close();
}
console.log(`first load to the Live page with its status shown: ${range(shown)} ms; target <= 1000 ms`);
console.log(`  load event: ${range(loaded)} ms`);
console.log(`compressed JS + CSS of the first load: ${range(bytes)} bytes (${(median(bytes) / 1024).toFixed(1)} KiB); target <= 150 KB`);
console.log(`  everything of the first load but the camera frame and the event stream, headers included: ${all} bytes`);

const live = await open(device.url);
await live.page.addInitScript((seed) => Object.entries(seed).forEach(([k, v]) => localStorage.setItem(k, v)), storage);
await live.page.goto(device.url + '/');
const status = live.page.getByRole('status', { name: 'Status' });
await status.filter({ hasText: STATUS }).waitFor({ timeout: 15_000 });
const triggered = [];
for (let i = 0; i < RUNS; i++) {
  const t = await triggerAndWatch(status, token, ['Triggered']);
  if (t.error || t.Triggered === null) {
    throw new Error(`trigger ${i}: ${JSON.stringify(t)}`);
  }
  triggered.push(t.Triggered);
  await ok('/sensor/mock/release', { method: 'POST' });
  await until('the recording to end', 30_000, async () =>
    !(await ok('/sensor/status')).triggered && !(await status.textContent()).includes('Triggered')
    && !(await ok('/recording_status')).recording);
  await new Promise((resolve) => setTimeout(resolve, 500));
}
await live.close();
console.log(`mock trigger to "Triggered" on the Live page: ${range(triggered)} ms; target <= 1000 ms`);
