import { ServiceError, isGrpcServiceError } from '@temporalio/client';

/**
 * A message that can never be taken as it is (no sender address, text or sizes Postgres or
 * Temporal refuse): retrying it cannot help. Each channel's adapter answers it its own way:
 * over SMTP a permanent 5xx saying why, while mail already accepted (fetched by IMAP, or
 * taken for another recipient) waits as rejected mail for an admin; a web form would answer 422.
 */
export class PermanentIngestFailure extends Error {
  constructor(
    readonly reason: string,
    /** The SMTP reply that refuses the message over SMTP, and its enhanced status code (RFC 3463). */
    readonly smtp: { code: number; status: string } = { code: 554, status: '5.6.0' },
  ) {
    super(reason);
    this.name = 'PermanentIngestFailure';
  }
}

/**
 * Postgres SQLSTATE classes about the data, not the database's health: 22 data exception
 * (an invalid byte sequence, a value too long), 23 integrity (but 23505, a unique key a
 * concurrent delivery of the same message won, settles on retry), 54 program limit (an
 * over-long index key).
 */
function permanentSqlState(code: string): boolean {
  return (code.startsWith('22') || code.startsWith('23') || code.startsWith('54')) && code !== '23505';
}

/** gRPC INVALID_ARGUMENT: Temporal refuses the request itself (a payload over its size limit). */
const GRPC_INVALID_ARGUMENT = 3;

/** The permanent failure an intake error stands for, or null when a retry may succeed. */
export function permanentIngestFailure(error: unknown): PermanentIngestFailure | null {
  if (error instanceof PermanentIngestFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && permanentSqlState(code)) {
    return new PermanentIngestFailure(`the database refuses the message (${code})`);
  }
  const grpc = error instanceof ServiceError ? error.cause : error;
  if (isGrpcServiceError(grpc) && grpc.code === GRPC_INVALID_ARGUMENT) {
    return new PermanentIngestFailure(`the workflow service refuses the message: ${grpc.details.slice(0, 200)}`);
  }
  return null;
}
