import { ServiceError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { PermanentIngestFailure, permanentIngestFailure } from '../../channels/intake-failure';

const pgError = (code: string) => Object.assign(new Error(`postgres ${code}`), { code });
const grpcError = (code: number) => Object.assign(new Error(`grpc ${code}`), { code, details: `details ${code}`, metadata: {} });

describe('which ingest failures are permanent', () => {
  it('takes data and limit errors from Postgres as permanent, and a lost unique race or a dead database as transient', () => {
    expect(permanentIngestFailure(pgError('22021'))?.reason).toContain('22021');
    expect(permanentIngestFailure(pgError('22P05'))).toBeInstanceOf(PermanentIngestFailure);
    expect(permanentIngestFailure(pgError('54000'))).toBeInstanceOf(PermanentIngestFailure);
    expect(permanentIngestFailure(pgError('23505'))).toBeNull();
    expect(permanentIngestFailure(pgError('57P01'))).toBeNull();
    expect(permanentIngestFailure(pgError('08006'))).toBeNull();
    expect(permanentIngestFailure(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBeNull();
  });

  it('takes a request Temporal refuses as permanent, and Temporal being unavailable as transient', () => {
    expect(permanentIngestFailure(new ServiceError('refused', { cause: grpcError(3) }))?.reason).toContain('details 3');
    expect(permanentIngestFailure(new ServiceError('down', { cause: grpcError(14) }))).toBeNull();
    expect(permanentIngestFailure(new Error('anything else'))).toBeNull();
  });
});
