import type { Knex } from 'knex';
import { enableTenantIsolation } from './tenant-isolation';

/**
 * Field service: technicians, assets, parts stock, maintenance plans, and the read model of
 * work-order workflows (work orders, their timeline, parts used, attachments, reports).
 *
 * Work orders and their events are written only by the work-order workflow's activities;
 * technicians, assets, inventory and plans are configuration data written by plain CRUD.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE technicians (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      user_id uuid NOT NULL REFERENCES users(id),
      -- [{ "skill": "hvac", "level": 1..5 }]
      skills jsonb NOT NULL DEFAULT '[]',
      -- [{ "name": "F-gas", "number": "...", "expiresOn": "2027-01-31" }]
      certifications jsonb NOT NULL DEFAULT '[]',
      home_lat double precision,
      home_lng double precision,
      -- Weekly shifts: { "mon": [["08:00","16:00"]], ... } in the technician's time zone.
      shifts jsonb NOT NULL DEFAULT '{}',
      time_zone text NOT NULL DEFAULT 'UTC',
      -- [{ "from": "2026-12-24", "to": "2026-12-26", "reason": "..." }]
      time_off jsonb NOT NULL DEFAULT '[]',
      van_location_id uuid,
      active boolean NOT NULL DEFAULT true,
      last_lat double precision,
      last_lng double precision,
      last_seen_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, user_id)
    );

    -- Where a technician was: a track of location pings, newest last.
    CREATE TABLE technician_positions (
      org_id uuid NOT NULL,
      technician_id uuid NOT NULL,
      recorded_at timestamptz NOT NULL,
      lat double precision NOT NULL,
      lng double precision NOT NULL,
      accuracy_m double precision,
      PRIMARY KEY (org_id, technician_id, recorded_at),
      FOREIGN KEY (org_id, technician_id) REFERENCES technicians(org_id, id) ON DELETE CASCADE
    );

    CREATE TABLE assets (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      contact_id uuid,
      company_id uuid,
      site_address text,
      site_lat double precision,
      site_lng double precision,
      model text,
      serial text,
      installed_on date,
      warranty_ends_on date,
      parent_id uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, serial),
      FOREIGN KEY (org_id, contact_id) REFERENCES contacts(org_id, id),
      FOREIGN KEY (org_id, company_id) REFERENCES companies(org_id, id),
      FOREIGN KEY (org_id, parent_id) REFERENCES assets(org_id, id)
    );

    -- Where parts are kept: a van (one technician's) or a depot.
    CREATE TABLE stock_locations (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('van', 'depot')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, name)
    );

    CREATE TABLE inventory_items (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      sku text NOT NULL,
      name text NOT NULL,
      unit text NOT NULL DEFAULT 'pcs',
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      UNIQUE (org_id, sku)
    );

    CREATE TABLE inventory_stock (
      org_id uuid NOT NULL,
      item_id uuid NOT NULL,
      location_id uuid NOT NULL,
      quantity numeric NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, item_id, location_id),
      FOREIGN KEY (org_id, item_id) REFERENCES inventory_items(org_id, id),
      FOREIGN KEY (org_id, location_id) REFERENCES stock_locations(org_id, id)
    );

    CREATE TABLE maintenance_plans (
      org_id uuid NOT NULL REFERENCES organizations(id),
      id uuid NOT NULL,
      asset_id uuid NOT NULL,
      name text NOT NULL,
      rrule text NOT NULL,
      -- ["Check filter", "Measure pressure", ...]
      checklist jsonb NOT NULL DEFAULT '[]',
      required_skills jsonb NOT NULL DEFAULT '[]',
      duration_minutes integer NOT NULL CHECK (duration_minutes > 0),
      paused boolean NOT NULL DEFAULT false,
      schedule_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, asset_id) REFERENCES assets(org_id, id)
    );

    CREATE TABLE work_order_counters (
      org_id uuid PRIMARY KEY REFERENCES organizations(id),
      last_number integer NOT NULL DEFAULT 0
    );

    -- Which work order a request (Idempotency-Key) or a maintenance run already created.
    CREATE TABLE work_order_requests (
      org_id uuid NOT NULL REFERENCES organizations(id),
      key text NOT NULL,
      request_hash text NOT NULL,
      work_order_number integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, key)
    );

    -- The read model of work-order workflows: written only by their activities.
    CREATE TABLE work_orders (
      org_id uuid NOT NULL REFERENCES organizations(id),
      number integer NOT NULL,
      title text NOT NULL,
      description text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('created','scheduled','dispatched','en_route','on_site','completed','signed_off','cancelled','on_hold')),
      priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
      source text NOT NULL CHECK (source IN ('direct','ticket','maintenance')),
      ticket_number integer,
      asset_id uuid,
      plan_id uuid,
      technician_id uuid,
      window_start timestamptz,
      window_end timestamptz,
      duration_minutes integer NOT NULL DEFAULT 60,
      required_skills jsonb NOT NULL DEFAULT '[]',
      eta_at timestamptz,
      arrived_at timestamptz,
      completed_at timestamptz,
      signed_off_at timestamptz,
      time_on_site_seconds integer,
      -- [{ "id": "c1", "label": "...", "done": false, "note": null }]
      checklist jsonb NOT NULL DEFAULT '[]',
      signature_attachment_id uuid,
      signer_name text,
      signature_waived_reason text,
      version integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, number),
      FOREIGN KEY (org_id, ticket_number) REFERENCES tickets(org_id, number),
      FOREIGN KEY (org_id, asset_id) REFERENCES assets(org_id, id),
      FOREIGN KEY (org_id, plan_id) REFERENCES maintenance_plans(org_id, id) ON DELETE SET NULL (plan_id),
      FOREIGN KEY (org_id, technician_id) REFERENCES technicians(org_id, id)
    );
    CREATE INDEX work_orders_list_idx ON work_orders (org_id, status, number DESC);
    CREATE INDEX work_orders_technician_idx ON work_orders (org_id, technician_id, window_start);
    CREATE INDEX work_orders_asset_idx ON work_orders (org_id, asset_id, number DESC);
    CREATE INDEX work_orders_ticket_idx ON work_orders (org_id, ticket_number);

    CREATE TABLE work_order_events (
      org_id uuid NOT NULL,
      work_order_number integer NOT NULL,
      seq integer NOT NULL,
      part integer NOT NULL DEFAULT 0,
      type text NOT NULL,
      actor_id uuid,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, work_order_number, seq, part),
      FOREIGN KEY (org_id, work_order_number) REFERENCES work_orders(org_id, number)
    );

    -- Parts used: one row per line the technician recorded; its id makes the stock change once.
    CREATE TABLE work_order_parts (
      org_id uuid NOT NULL,
      work_order_number integer NOT NULL,
      line_id text NOT NULL,
      item_id uuid NOT NULL,
      location_id uuid NOT NULL,
      quantity numeric NOT NULL CHECK (quantity > 0),
      created_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, work_order_number, line_id),
      FOREIGN KEY (org_id, work_order_number) REFERENCES work_orders(org_id, number),
      FOREIGN KEY (org_id, item_id) REFERENCES inventory_items(org_id, id),
      FOREIGN KEY (org_id, location_id) REFERENCES stock_locations(org_id, id)
    );

    CREATE TABLE work_order_notes (
      org_id uuid NOT NULL,
      work_order_number integer NOT NULL,
      id text NOT NULL,
      body text NOT NULL,
      author_id uuid,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (org_id, work_order_number, id),
      FOREIGN KEY (org_id, work_order_number) REFERENCES work_orders(org_id, number)
    );

    -- Photos and signatures: uploaded by the API before the workflow references them, so no
    -- image bytes pass through workflow history.
    CREATE TABLE work_order_attachments (
      org_id uuid NOT NULL,
      id uuid NOT NULL,
      work_order_number integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('photo', 'signature')),
      content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg')),
      caption text,
      bytes bytea NOT NULL,
      uploaded_by uuid,
      attached boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, id),
      FOREIGN KEY (org_id, work_order_number) REFERENCES work_orders(org_id, number)
    );

    CREATE TABLE work_order_reports (
      org_id uuid NOT NULL,
      work_order_number integer NOT NULL,
      pdf bytea NOT NULL,
      rating_token text NOT NULL,
      mailed_to text,
      mailed_at timestamptz,
      rating integer CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, work_order_number),
      UNIQUE (rating_token),
      FOREIGN KEY (org_id, work_order_number) REFERENCES work_orders(org_id, number)
    );
  `);
  await enableTenantIsolation(knex, [
    'technicians', 'technician_positions', 'assets', 'stock_locations', 'inventory_items', 'inventory_stock',
    'maintenance_plans', 'work_order_counters', 'work_order_requests', 'work_orders', 'work_order_events',
    'work_order_parts', 'work_order_notes', 'work_order_attachments', 'work_order_reports',
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS work_order_reports, work_order_attachments, work_order_notes, work_order_parts,
      work_order_events, work_orders, work_order_requests, work_order_counters, maintenance_plans,
      inventory_stock, inventory_items, stock_locations, assets, technician_positions, technicians
  `);
}
