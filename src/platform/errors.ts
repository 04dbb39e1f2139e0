/**
 * RFC 9457 problem details. Every error the API returns is a Problem with a stable
 * `type` (a URN that clients may switch on) and, for bad input, the failing fields.
 */
export const PROBLEM_BASE = 'urn:concord:problem:';

export interface FieldError {
  /** JSON Pointer into the request part, prefixed by the part: `/body/username`. */
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class Problem extends Error {
  readonly type: string;
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: { errors?: FieldError[]; [key: string]: unknown } = {},
    /** Extra response headers, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
    this.type = PROBLEM_BASE + slug;
  }

  toBody(instance?: string): ProblemBody {
    // RFC 9457's members win over extensions of the same name: `status` is the HTTP status
    // clients read, whatever state an extension reports.
    return {
      ...this.extensions,
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

export const problems = {
  validation: (errors: FieldError[], detail?: string) =>
    new Problem(
      400,
      'validation',
      'The request is not valid',
      detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      { errors },
    ),
  invalidField: (field: string, message: string) => problems.validation([{ field, message }]),
  unauthenticated: (detail = 'Sign in or send an API key.') =>
    new Problem(401, 'unauthenticated', 'Authentication required', detail),
  forbidden: (detail = 'You do not have permission to do this.') =>
    new Problem(403, 'forbidden', 'Forbidden', detail),
  notFound: (what = 'resource') => new Problem(404, 'not-found', 'Not found', `No such ${what}.`),
  conflict: (detail: string) => new Problem(409, 'conflict', 'Conflict', detail),
  csrf: () =>
    new Problem(
      403,
      'csrf',
      'CSRF token missing or wrong',
      'Cookie-authenticated writes must send the X-CSRF-Token header returned at sign-in.',
    ),
};
