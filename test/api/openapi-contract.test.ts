import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONSOLE_SCHEMA_FILE, consoleApiTypes } from '../../bin/lib/api-contract';
import { servedOpenApiDocument } from '../../api/openapi-document';

interface Operation { operationId?: string; responses: Record<string, unknown>; parameters?: { in: string }[]; security?: unknown[] }
type Document = { paths: Record<string, Record<string, Operation>> };

function operations(): [string, Operation][] {
  const document = servedOpenApiDocument() as Document;
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]));
}

describe('the OpenAPI document as a contract', () => {
  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations().map(([, op]) => op.operationId);
    expect(ids.length).toBeGreaterThan(100);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    expect(repeated).toEqual([]);
  });

  it('documents the 4xx every operation can answer', () => {
    for (const [name, op] of operations()) {
      const statuses = Object.keys(op.responses);
      expect(statuses.some((status) => status.startsWith('4')), name).toBe(true);
      if (op.security?.length) expect(statuses, name).toContain('401');
      if (op.parameters?.some((parameter) => parameter.in === 'path')) expect(statuses, name).toContain('404');
      if (op.parameters?.some((parameter) => parameter.in === 'header' && /idempotency-key/i.test((parameter as { name?: string }).name ?? ''))) {
        expect(statuses, name).toContain('422');
      }
    }
  });

  it('the console types are what `npm run generate:api` makes from it (no drift)', async () => {
    const checkedIn = await readFile(CONSOLE_SCHEMA_FILE, 'utf8');
    // A failure here means a route's schemas changed: run `npm run generate:api` and commit.
    expect(checkedIn === (await consoleApiTypes())).toBe(true);
  });
});
