/**
 * How the console reads an RFC 9457 problem the API answers with. Pages and components import
 * this (to tell a refusal from a failure), never the HTTP client itself: that is the stores'.
 */
import type { components } from './schema';

export type ProblemDetails = components['schemas']['Problem'] & { [extension: string]: unknown };

export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
  }
  get status(): number { return this.problem.status; }
  /** The problem type's last segment, e.g. `otp-required`. */
  get kind(): string { return this.problem.type.split('/').pop() ?? ''; }
}

/** A refused form's messages by field: the problem's JSON pointers, without their leading slash where `bare`. */
export function fieldErrorsOf(error: unknown, { bare = false } = {}): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries((error.problem.errors ?? []).map((field) => [bare ? field.pointer.slice(1) : field.pointer, field.message]));
}

/** What to tell the user: the problem's detail (or title), or the error's message. */
export function problemText(error: unknown): string {
  return error instanceof ApiError ? error.problem.detail ?? error.problem.title : String(error);
}
