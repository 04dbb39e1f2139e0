import createClient, { type Middleware } from 'openapi-fetch';
import { localiseServerMessage } from '../i18n/server-messages';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Agency = Schemas['Agency'];
export type User = Schemas['User'];
export type ApiKey = Schemas['ApiKey'];
export type AuditEntry = Schemas['AuditEntry'];
export type SessionInfo = Schemas['SessionInfo'];
export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type Session =
  paths['/api/v1/sessions']['get']['responses'][200]['content']['application/json']['items'][number];
export type Role = User['roles'][number];
export type Permission = SessionInfo['permissions'][number];
export type AgencyKind = Agency['kind'];

const PROBLEM_BASE = 'urn:concord:problem:';

/** An RFC 9457 problem answered by the API, with its stable `type` reduced to a slug. */
export class ApiError extends Error {
  readonly status: number;
  /** The problem type without its URN prefix: `invalid-credentials`, `validation`, … */
  readonly slug: string;
  readonly errors: { field: string; message: string }[];
  readonly body: Record<string, unknown>;

  constructor(status: number, body: unknown) {
    const problem = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    super(typeof problem.detail === 'string' ? problem.detail : `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.body = problem;
    const type = typeof problem.type === 'string' ? problem.type : '';
    this.slug = type.startsWith(PROBLEM_BASE)
      ? type.slice(PROBLEM_BASE.length)
      : status >= 500
        ? 'internal'
        : 'unknown';
    // Shown next to the fields: in the reader's language where the message is a generic one.
    this.errors = Array.isArray(problem.errors)
      ? (problem.errors as ApiError['errors']).map((e) => ({
          ...e,
          message: localiseServerMessage(e.message),
        }))
      : [];
  }

  /** The message for one form field (`/body/username` → `username`). */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === `/body/${field}` || e.field.startsWith(`/body/${field}/`))
      ?.message;
  }
}

/** Session state the client needs on every request; kept up to date by the session provider. */
const state = {
  csrfToken: null as string | null,
  onActivity: (() => {}) as () => void,
  onSessionEnded: (() => {}) as (slug: string) => void,
};

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function onApiActivity(listener: () => void): void {
  state.onActivity = listener;
}

export function onSessionEnded(listener: (slug: string) => void): void {
  state.onSessionEnded = listener;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A read made this long after the user's last key, click, touch, scroll, input or history move
 * is the screen's own (a list refreshed because an event came), not the user's: it says so,
 * and the server does not count it as activity — a tab left open at a busy bureau would
 * otherwise never let its session end for inactivity.
 */
const ATTENDED_MS = 60_000;
export const BACKGROUND_HEADER = 'X-Concord-Background';
let lastInteraction = Date.now();
if (typeof window !== 'undefined')
  // click and input too: a screen reader's or voice control's activation, autofill; popstate:
  // the browser's Back and Forward.
  for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart', 'click', 'input', 'popstate'])
    window.addEventListener(
      type,
      () => {
        lastInteraction = Date.now();
      },
      { capture: true, passive: true },
    );
const SESSION_ENDED = new Set(['session-expired', 'unauthenticated']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE.has(request.method) && state.csrfToken) request.headers.set('X-CSRF-Token', state.csrfToken);
    if (SAFE.has(request.method) && Date.now() - lastInteraction > ATTENDED_MS)
      request.headers.set(BACKGROUND_HEADER, '1');
    return request;
  },
  async onResponse({ request, response }) {
    if (response.ok) {
      if (!request.headers.has(BACKGROUND_HEADER)) state.onActivity();
    } else if (response.status === 401 && !request.url.includes('/auth/login')) {
      const body = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { type?: string };
      const slug = body.type?.replace(PROBLEM_BASE, '') ?? '';
      if (SESSION_ENDED.has(slug)) state.onSessionEnded(slug);
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(sessionMiddleware);

/** Returns the data of an openapi-fetch answer, or throws its problem as an ApiError. */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
}
