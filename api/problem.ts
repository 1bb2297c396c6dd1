/** RFC 9457 problem details, the one error shape the API answers with. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; message: string }[];
  [extension: string]: unknown;
}

export const PROBLEM_BASE = 'https://keel.dev/problems/';

/** A failure the client is meant to see: thrown anywhere in a request, rendered by `errors.ts`. */
export class Problem extends Error {
  readonly body: ProblemBody;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    slug: string,
    title: string,
    extra: Omit<Partial<ProblemBody>, 'type' | 'title' | 'status'> = {},
    headers: Record<string, string> = {},
  ) {
    super(title);
    this.body = { type: `${PROBLEM_BASE}${slug}`, title, status, ...extra };
    this.headers = headers;
  }
}

export const notFound = (what: string) => new Problem(404, 'not-found', `${what} not found`);
export const forbidden = (detail: string) => new Problem(403, 'forbidden', 'Forbidden', { detail });
export const unauthorized = (slug: string, detail: string) => new Problem(401, slug, 'Unauthorized', { detail });

/** The record a lookup found, or the 404 that says which record was missing. */
export function found<T>(record: T | null | undefined, what: string): T {
  if (record === null || record === undefined) throw notFound(what);
  return record;
}
