import { connect } from '../../db/connection';
import { renderRowTypes } from '../../db/schema/row-types';
import { describeTables } from '../../db/schema/table-columns';

/** Where the models' row types live (checked in; `npm run generate:db-rows` rewrites it). */
export const TABLE_ROWS_FILE = 'db/table-rows.generated.ts';

/** The row types of the schema in the database at `ownerUrl` (already migrated). */
export async function tableRowTypes(ownerUrl: string): Promise<string> {
  const db = connect(ownerUrl, { pool: { min: 0, max: 1 } });
  try {
    return renderRowTypes(await describeTables(db));
  } finally {
    await db.destroy();
  }
}
