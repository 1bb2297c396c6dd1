import type { Knex } from 'knex';

/** One column of a table in the `public` schema, as Postgres describes it. */
export interface ColumnDescription {
  name: string;
  /** The type's name in `pg_type` (`text`, `int4`, `_text` for `text[]`, an enum's name, …). */
  udtName: string;
  nullable: boolean;
  /** The values a one-column `CHECK (col = ANY (ARRAY[…]))` or an enum type allows, if any. */
  allowedValues?: readonly string[];
}

export interface TableDescription {
  name: string;
  columns: ColumnDescription[];
}

/** Knex's own bookkeeping: not Keel's data. */
const IGNORED_TABLES = new Set(['knex_migrations', 'knex_migrations_lock']);

/**
 * Reads every table of the `public` schema with its columns in declaration order, through a
 * connection that can see the catalogue (the owner's). This is the schema the migrations make;
 * db/schema/row-types.ts turns it into the row types the models use.
 */
export async function describeTables(db: Knex): Promise<TableDescription[]> {
  const columns = await db.raw<{ rows: { table_name: string; column_name: string; udt_name: string; is_nullable: 'YES' | 'NO' }[] }>(`
    select c.table_name, c.column_name, c.udt_name, c.is_nullable
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
     order by c.table_name, c.ordinal_position`);
  const allowed = await allowedValuesByColumn(db);
  const tables = new Map<string, TableDescription>();
  for (const row of columns.rows) {
    if (IGNORED_TABLES.has(row.table_name)) continue;
    const table = tables.get(row.table_name) ?? { name: row.table_name, columns: [] };
    tables.set(row.table_name, table);
    const values = allowed.get(`${row.table_name}.${row.column_name}`) ?? allowed.get(`enum:${row.udt_name}`);
    table.columns.push({ name: row.column_name, udtName: row.udt_name, nullable: row.is_nullable === 'YES', ...(values ? { allowedValues: values } : {}) });
  }
  return [...tables.values()];
}

/** Enum labels by `enum:<type>`, and one-column check lists by `<table>.<column>`. */
async function allowedValuesByColumn(db: Knex): Promise<Map<string, readonly string[]>> {
  const found = new Map<string, readonly string[]>();
  const enums = await db.raw<{ rows: { type_name: string; labels: string[] }[] }>(`
    select t.typname as type_name, array_agg(e.enumlabel order by e.enumsortorder) as labels
      from pg_enum e join pg_type t on t.oid = e.enumtypid group by t.typname`);
  for (const row of enums.rows) found.set(`enum:${row.type_name}`, row.labels);
  const checks = await db.raw<{ rows: { table_name: string; column_name: string; definition: string }[] }>(`
    select rel.relname as table_name, att.attname as column_name, pg_get_constraintdef(con.oid) as definition
      from pg_constraint con
      join pg_class rel on rel.oid = con.conrelid
      join pg_namespace ns on ns.oid = rel.relnamespace and ns.nspname = 'public'
      join pg_attribute att on att.attrelid = rel.oid and att.attnum = con.conkey[1]
     where con.contype = 'c' and array_length(con.conkey, 1) = 1
     order by rel.relname, att.attname, con.conname`);
  for (const row of checks.rows) {
    const values = listedValues(row.definition, row.column_name);
    if (values) found.set(`${row.table_name}.${row.column_name}`, values);
  }
  return found;
}

/**
 * The literals of `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`, the form knex's
 * `enu()` and `check…In` produce; undefined for any other check (a range, an expression).
 */
export function listedValues(definition: string, column: string): readonly string[] | undefined {
  const match = /^CHECK \(\(\(?"?(\w+)"?\)?(?:::text)? = ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)\)\)$/.exec(definition);
  if (!match || match[1] !== column) return undefined;
  const literals = [...match[2]!.matchAll(/'((?:[^']|'')*)'::[\w ]+/g)].map((literal) => literal[1]!.replaceAll("''", "'"));
  return literals.length > 0 ? literals : undefined;
}
