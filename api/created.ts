import type { Reply } from './route';

/** A 201 for a record the request made: the record, and where it now lives (`Location`). */
export function created(location: string, body: unknown): Reply {
  return { status: 201, body, headers: { Location: location } };
}
