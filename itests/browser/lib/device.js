// The device under test, as the browser suite and the bench reach it: its URL and password come from the
// environment, and every call here goes through its public HTTP API, as a script on the network would.

/** What the suite was started with. */
export const device = {
  url: required('DASH_URL').replace(/\/$/, ''),
  password: required('DASH_PASSWORD'),
};

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: start this through the itest or the bench, which start the device`);
  }
  return value;
}

let token = null;

/** Logs in with the device password and keeps the token the device answers with (the current one). */
export async function login() {
  const r = await fetch(`${device.url}/auth/validate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: device.password }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = await r.json();
  if (r.status !== 200 || !body.token) {
    throw new Error(`login answered ${r.status}: ${JSON.stringify(body)}`);
  }
  token = body.token;
  return token;
}

export function currentToken() {
  return token;
}

/** Another client changed the token (a regeneration): use this one from now on. */
export function useToken(newToken) {
  token = newToken;
}

/** One API call with the token; answers {status, body} with the body parsed when it is JSON. */
export async function api(path, { method = 'GET', body, headers = {}, timeout = 10_000 } = {}) {
  if (!token) {
    await login();
  }
  const init = { method, headers: { Authorization: `Bearer ${token}`, ...headers }, signal: AbortSignal.timeout(timeout) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const r = await fetch(`${device.url}${path}`, init);
  const text = await r.text();
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text
  }
  return { status: r.status, body: parsed };
}

/** Like api(), but a status other than 200 is a failure that names the route and the answer. */
export async function ok(path, options) {
  const r = await api(path, options);
  if (r.status !== 200) {
    throw new Error(`${options?.method ?? 'GET'} ${path} answered ${r.status}: ${JSON.stringify(r.body)}`);
  }
  return r.body;
}

/** Polls check() until it returns something truthy, or fails after millis naming what it waited for. */
export async function until(what, millis, check, every = 100) {
  const deadline = Date.now() + millis;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value) {
        return value;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${millis} ms for ${what}${last ? `; last error: ${last.message}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** Waits until the API answers again (after a restart), with the device's current token. */
export async function awaitApi(millis = 60_000) {
  return until('the API to answer again', millis, async () => (await api('/sensor/status', { timeout: 3_000 })).status === 200, 250);
}

/** Stops or starts a bundle by symbolic name through the Web Console, as an administrator's script would. */
export async function consoleBundle(symbolicName, action) {
  const list = await ok('/system/console/bundles.json');
  const bundle = list.data.find((b) => b.symbolicName === symbolicName);
  if (!bundle) {
    throw new Error(`no bundle ${symbolicName} on the device`);
  }
  const r = await fetch(`${device.url}/system/console/bundles/${bundle.id}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      // The console only takes changes from its own page's origin.
      Origin: device.url,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: `action=${action}`,
    signal: AbortSignal.timeout(15_000),
  });
  if (r.status !== 200) {
    throw new Error(`the console answered ${r.status} to ${action} ${symbolicName}: ${await r.text()}`);
  }
}
