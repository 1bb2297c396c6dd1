import { readFile } from 'node:fs/promises';
import { describe, expect, inject, it } from 'vitest';
import { TABLE_ROWS_FILE, tableRowTypes } from '../../bin/lib/table-rows-contract';
import * as models from '../../db/models';
import { rowTypeName } from '../../db/schema/row-types';
import { listedValues } from '../../db/schema/table-columns';

describe("the models' row types", () => {
  it('are what `npm run generate:db-rows` makes from the migrated schema (no drift)', async () => {
    const checkedIn = await readFile(TABLE_ROWS_FILE, 'utf8');
    // A failure here means a migration changed a table: run `npm run generate:db-rows` and commit.
    expect(checkedIn === (await tableRowTypes(inject('databaseUrl')))).toBe(true);
  });

  it('cover the table of every model', async () => {
    const source = await readFile(TABLE_ROWS_FILE, 'utf8');
    const tables = Object.values(models).flatMap((model) => ('tableName' in model && typeof model.tableName === 'string' ? [model.tableName] : []));
    expect(tables.length).toBeGreaterThan(40);
    for (const table of tables) expect(source, table).toContain(`export interface ${rowTypeName(table)} {`);
  });
});

describe('a CHECK list becomes a union of its values', () => {
  it('reads the form Postgres prints for `col IN (…)`', () => {
    expect(listedValues("CHECK ((status = ANY (ARRAY['new'::text, 'open'::text, 'on_hold'::text])))", 'status')).toEqual(['new', 'open', 'on_hold']);
    expect(listedValues("CHECK ((note = ANY (ARRAY['it''s'::text])))", 'note')).toEqual(["it's"]);
  });

  it('leaves any other check alone', () => {
    expect(listedValues('CHECK (((warn_at > (0)::numeric) AND (warn_at < (1)::numeric)))', 'warn_at')).toBeUndefined();
    expect(listedValues("CHECK ((status = ANY (ARRAY['a'::text])))", 'other')).toBeUndefined();
    expect(listedValues('CHECK ((duration_minutes > 0))', 'duration_minutes')).toBeUndefined();
  });
});
