// The API, called like any client: a bearer token on every call, problem+json read into an error.
import { token } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

/**
 * Sends a request, again after the wait a 503 with Retry-After asks for (storage fell behind for a moment), up to four
 * times in all: the API changes nothing on a 503, and staff would otherwise have to click again themselves.
 */
async function patientFetch(path, init) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(path, init);
    const wait = Number(response.headers.get('Retry-After'));
    if (response.status !== 503 || !wait || attempt === 4) return response;
    await response.arrayBuffer();
    await sleep(Math.min(wait, 10) * 1000);
  }
}

export async function call(method, path, body, headers = {}) {
  const response = await patientFetch(path, {
    method,
    headers: { Accept: 'application/json', Authorization: `Bearer ${await token()}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const json = text && /json/.test(response.headers.get('Content-Type') ?? '') ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = path => call('GET', path);
export const post = (path, body, headers) => call('POST', path, body, headers);
export const put = (path, body) => call('PUT', path, body);

/** A file download that needs the bearer token: fetched, then handed to the browser as a blob under the server's name. */
export async function download(path, fallbackName) {
  const response = await patientFetch(path, { headers: { Authorization: `Bearer ${await token()}` } });
  if (!response.ok) {
    const problem = /json/.test(response.headers.get('Content-Type') ?? '') ? await response.json() : null;
    throw new ApiError(response.status, problem);
  }
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}
