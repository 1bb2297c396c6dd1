import type { Knex } from 'knex';
import { fn } from 'objection';
import { Asset } from './models';
import type { AssetsRow } from './table-rows.generated';

/** The asset registry: installed equipment at customer sites, with its contact's name and address. */
export type AssetRow = Omit<AssetsRow, 'org_id' | 'updated_at' | 'installed_on' | 'warranty_ends_on'> & {
  contact_email: string | null;
  contact_name: string | null;
  /** Days as YYYY-MM-DD (read with to_char, so no time zone shifts them). */
  installed_on: string | null;
  warranty_ends_on: string | null;
};

/** What a request sets on an asset (dates as YYYY-MM-DD). */
export type AssetColumns = Partial<Pick<Asset, 'name' | 'contact_id' | 'company_id' | 'site_address' | 'site_lat' | 'site_lng' | 'model' | 'serial' | 'parent_id'>> & {
  installed_on?: string | null;
  warranty_ends_on?: string | null;
};

function assets(trx: Knex.Transaction, orgId: string) {
  return Asset.query(trx).alias('a')
    .leftJoinRelated('contact', { alias: 'c' })
    .where('a.org_id', orgId)
    .select(
      'a.id', 'a.name', 'a.contact_id', 'c.email as contact_email', 'c.name as contact_name', 'a.company_id', 'a.site_address', 'a.site_lat', 'a.site_lng',
      'a.model', 'a.serial', trx.raw(`to_char(a.installed_on, 'YYYY-MM-DD') as installed_on`), trx.raw(`to_char(a.warranty_ends_on, 'YYYY-MM-DD') as warranty_ends_on`),
      'a.parent_id', 'a.created_at',
    )
    .castTo<AssetRow[]>();
}

export async function findAsset(trx: Knex.Transaction, orgId: string, id: string): Promise<AssetRow | undefined> {
  return assets(trx, orgId).andWhere('a.id', id).first().castTo<AssetRow | undefined>();
}

export async function assetExists(trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  return (await trx('assets').where({ org_id: orgId, id }).first('id')) !== undefined;
}

/**
 * A page of assets by name (then id), after the given key: matching `search` in name, model
 * or serial, and children of `parentId` when given. One row more than asked shows there are more.
 */
export async function listAssets(
  trx: Knex.Transaction,
  orgId: string,
  filter: { search?: string | undefined; parentId?: string | undefined; after: { name: string; id: string } | null; limit: number },
): Promise<AssetRow[]> {
  const builder = assets(trx, orgId);
  if (filter.search) {
    const like = `%${filter.search.replace(/[%_\\]/g, (char) => `\\${char}`)}%`;
    builder.andWhere((where) => where.whereILike('a.name', like).orWhereILike('a.model', like).orWhereILike('a.serial', like));
  }
  if (filter.parentId) builder.andWhere('a.parent_id', filter.parentId);
  if (filter.after) builder.andWhereRaw('(a.name, a.id) > (?, ?::uuid)', [filter.after.name, filter.after.id]);
  return builder.orderBy([{ column: 'a.name' }, { column: 'a.id' }]).limit(filter.limit + 1);
}

export async function insertAsset(trx: Knex.Transaction, orgId: string, id: string, columns: AssetColumns): Promise<void> {
  await Asset.query(trx).insert({ org_id: orgId, id, ...columns });
}

/** False when the org has no such asset. */
export async function patchAsset(trx: Knex.Transaction, orgId: string, id: string, columns: AssetColumns): Promise<boolean> {
  return (await Asset.query(trx).where({ org_id: orgId, id }).patch({ ...columns, updated_at: fn.now() })) > 0;
}
