import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Companies and contacts become records staff manage (issue 17). A company has any number of
 * email domains, each unique in the org (lower case), so a new contact whose address is on one
 * joins that company; the single `companies.domain` becomes its first domain. Companies get
 * notes; contacts a phone and the `designated` flag (sees all of the company's tickets in the
 * portal). A company's domains go with it; a company that contacts, assets or SLA policies
 * still name is refused deletion by the API, so no foreign key here cascades past domains.
 */
// knex.raw reads a bare `?` as a binding: the pattern's optional groups are written `\\?`.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE company_domains (
      org_id uuid NOT NULL REFERENCES organizations(id),
      domain citext NOT NULL CHECK (domain::text = lower(domain::text) AND domain ~ '^[a-z0-9]([a-z0-9-]*[a-z0-9])\\?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])\\?)+$' AND length(domain) <= 253),
      company_id uuid NOT NULL,
      position integer NOT NULL DEFAULT 0,
      PRIMARY KEY (org_id, domain),
      FOREIGN KEY (org_id, company_id) REFERENCES companies(org_id, id) ON DELETE CASCADE
    );
    CREATE INDEX company_domains_company_idx ON company_domains (org_id, company_id, position);
    INSERT INTO company_domains (org_id, domain, company_id, position)
      SELECT org_id, lower(domain::text), id, 0 FROM companies WHERE domain IS NOT NULL;
    ALTER TABLE companies DROP COLUMN domain;
    ALTER TABLE companies ADD COLUMN notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000);
    ALTER TABLE companies ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX companies_name_idx ON companies (org_id, name, id);

    ALTER TABLE contacts ADD COLUMN phone text CHECK (length(phone) <= 40);
    ALTER TABLE contacts ADD COLUMN designated boolean NOT NULL DEFAULT false;
    ALTER TABLE contacts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX contacts_company_idx ON contacts (org_id, company_id, email) WHERE company_id IS NOT NULL;
  `);
  await enableTenantIsolation(knex, ['company_domains']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX contacts_company_idx;
    ALTER TABLE contacts DROP COLUMN updated_at, DROP COLUMN designated, DROP COLUMN phone;
    DROP INDEX companies_name_idx;
    ALTER TABLE companies DROP COLUMN updated_at, DROP COLUMN notes;
    ALTER TABLE companies ADD COLUMN domain citext;
    UPDATE companies co SET domain = (SELECT d.domain FROM company_domains d WHERE d.org_id = co.org_id AND d.company_id = co.id ORDER BY d.position LIMIT 1);
    ALTER TABLE companies ADD CONSTRAINT companies_org_id_domain_key UNIQUE (org_id, domain);
    DROP TABLE company_domains;
  `);
}
