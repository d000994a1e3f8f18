// Shared by the survey and its completion page. Every text reaches the page through textContent
// (el() below), never as HTML: catalogue names and the respondent's own words are data.

export const DRAFT_KEY = 'pmo-survey:draft';
export const RECEIPT_KEY = 'pmo-survey:receipt';

const RETRYABLE_STATUSES = new Set([429, 503]);
const REQUEST_TIMEOUT_MS = 20000;
const MAX_BACKOFF_SECONDS = 60;
const MAX_RETRY_AFTER_SECONDS = 3600;

/** Builds an element; string children become text nodes, "on…" attributes become listeners. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false && child !== '') {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** localStorage that never throws: private modes and full quotas make it fail, and answers must not be lost to that. */
export const storage = {
  read(key) {
    try {
      const raw = window.localStorage.getItem(key);
      return raw === null ? null : JSON.parse(raw);
    } catch {
      return null;
    }
  },
  write(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  },
  remove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // Nothing to remove where nothing could be stored.
    }
  },
};

/** Shows a message in the page's live region, so screen readers announce it. */
export function announce(message, kind = 'info') {
  const status = document.getElementById('status');
  status.textContent = message;
  status.dataset.kind = kind;
}

/**
 * A new responseId: a version-7 UUID (RFC 9562), the time in milliseconds followed by 74 random bits. Ids made one
 * after another sort one after another, so the stores add each response at the end of their indexes on it instead of
 * at a random place; the time is when this browser started the draft. getRandomValues works outside secure contexts.
 */
export function newResponseId(now = Date.now()) {
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  let time = now;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function fetchWithTimeout(url, init) {
  const controller = new AbortController();
  const timer = window.setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } finally {
    window.clearTimeout(timer);
  }
}

function retryAfterSeconds(response) {
  const value = response && response.headers.get('Retry-After');
  if (!value) {
    return 0;
  }
  const seconds = /^\s*\d+\s*$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds, 0), MAX_RETRY_AFTER_SECONDS) : 0;
}

/**
 * Sends a request until the server answers something other than 429 or 503, waiting between tries
 * with exponential backoff (2, 4, 8 … 60 s, with jitter so that a room full of phones does not come
 * back in step) and never sooner than the server's Retry-After. The caller sends the same request,
 * Idempotency-Key included, every time.
 *
 * @param onWait called with the whole seconds until the next try
 * @param maxAttempts stop after this many tries and return the last answer (null after a network error)
 */
export async function sendWithRetry(url, init, onWait, maxAttempts = Infinity) {
  for (let attempt = 1; ; attempt += 1) {
    let response = null;
    try {
      response = await fetchWithTimeout(url, init);
    } catch {
      response = null;
    }
    if ((response && !RETRYABLE_STATUSES.has(response.status)) || attempt >= maxAttempts) {
      return response;
    }
    const backoff = Math.min(2 ** attempt, MAX_BACKOFF_SECONDS) * (0.75 + Math.random() / 4);
    const seconds = Math.ceil(Math.max(backoff, retryAfterSeconds(response)));
    onWait(seconds);
    await new Promise((resolve) => window.setTimeout(resolve, seconds * 1000));
  }
}

/** The survey: catalogue, profile questions, links and whether it is open. Null if it could not be loaded. */
export async function loadSurvey(onWait, maxAttempts = Infinity) {
  const response = await sendWithRetry('/api/survey', { cache: 'no-store' }, onWait, maxAttempts);
  return response && response.ok ? response.json() : null;
}

/** The problem+json body of a rejection, or an empty problem if there is none. */
export async function readProblem(response) {
  try {
    const problem = await response.json();
    return problem && typeof problem === 'object' ? problem : {};
  } catch {
    return {};
  }
}

export function formatDate(isoInstant) {
  const date = new Date(isoInstant);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString(undefined, { dateStyle: 'long', timeStyle: 'short' });
}
