import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Custom fields (issue 16, item 5): typed field definitions per org, ticket forms that choose
 * which of them a kind of ticket shows, and the form chosen for a ticket. The values stay in
 * `tickets.fields`, keyed by the definition's key: the key is immutable (a trigger refuses a
 * change), so rules, views and values that name it never go stale. A field is archived rather
 * than deleted, so tickets keep the values it had.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE field_definitions (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
      type text NOT NULL CHECK (type IN ('text', 'number', 'date', 'select', 'multi_select', 'checkbox', 'user', 'company')),
      options jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(options) = 'array'),
      required_on_solve boolean NOT NULL DEFAULT false,
      condition jsonb,
      position integer NOT NULL DEFAULT 0,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, key)
    );
    CREATE FUNCTION field_key_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.key <> OLD.key OR NEW.type <> OLD.type THEN
        RAISE EXCEPTION 'a field''s key and type cannot change' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER field_definitions_key_immutable BEFORE UPDATE ON field_definitions
      FOR EACH ROW EXECUTE FUNCTION field_key_immutable();

    CREATE TABLE ticket_forms (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      field_keys text[] NOT NULL DEFAULT '{}',
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id)
    );
    CREATE UNIQUE INDEX ticket_forms_name_idx ON ticket_forms (org_id, lower(name));
    CREATE UNIQUE INDEX ticket_forms_default_idx ON ticket_forms (org_id) WHERE is_default;

    CREATE TABLE ticket_form_choices (
      org_id uuid NOT NULL REFERENCES organizations(id),
      ticket_number integer NOT NULL,
      form_id uuid NOT NULL,
      chosen_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, ticket_number),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number),
      FOREIGN KEY (org_id, form_id) REFERENCES ticket_forms(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX ticket_form_choices_form_idx ON ticket_form_choices (org_id, form_id);
  `);
  await enableTenantIsolation(knex, ['field_definitions', 'ticket_forms', 'ticket_form_choices']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS ticket_form_choices, ticket_forms, field_definitions;
    DROP FUNCTION IF EXISTS field_key_immutable();
  `);
}
