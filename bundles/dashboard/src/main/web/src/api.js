// The one way the page talks to the device: the token from local storage on every call, the API's {"error"} as
// the message of a thrown ApiError, and a 401 that sends the page back to the login.
const KEY = 'security-cam.token';
let token = localStorage.getItem(KEY);
const tokenListeners = new Set();

export const getToken = () => token;

export function setToken(next) {
  token = next || null;
  if (token) {
    localStorage.setItem(KEY, token);
  } else {
    localStorage.removeItem(KEY);
  }
  tokenListeners.forEach((f) => f(token));
}

export function onToken(listener) {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** What the API refused: its status, its sentence, and the body and headers it answered. */
export class ApiError extends Error {
  constructor(status, message, body, headers) {
    super(message);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }

  get missing() {
    return this.status === 404;
  }
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  const headers = {};
  const sent = token;
  if (sent) headers.Authorization = `Bearer ${sent}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The device cannot be reached');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  // Only the token this call carried is forgotten: a login that happened meanwhile stays.
  if (response.status === 401 && sent && sent === token) setToken(null);
  if (!response.ok) {
    const message = data && typeof data === 'object' && data.error ? data.error : `The device answered ${response.status}`;
    throw new ApiError(response.status, message, data, response.headers);
  }
  return data;
}

/** A URL for an <img>, <video> or download, which cannot send headers: the token goes in the query. */
export function mediaUrl(path, params = {}) {
  const query = new URLSearchParams(params);
  if (token) query.set('token', token);
  return `${path}?${query}`;
}

// A login or logout in another tab of the same page applies here too.
addEventListener('storage', (event) => {
  if (event.key === KEY && event.newValue !== token) {
    token = event.newValue;
    tokenListeners.forEach((f) => f(token));
  }
});
