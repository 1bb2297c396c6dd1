import type { Db } from '../../db/connection';

export interface HelpCentreOrg {
  id: string;
  name: string;
  slug: string;
}

/** The org whose help centre a public URL names, found before any tenant is set (migration 012's function). */
export async function helpCentreOrg(db: Db, slug: string): Promise<HelpCentreOrg | null> {
  const result = await db.raw('SELECT id, name, slug FROM help_centre_org(?)', [slug]);
  return result.rows[0] ?? null;
}
