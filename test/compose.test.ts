import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../bin/lib/config';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { QUEUE_ROLES } from '../workflows/task-queues';

/** The worker pools: `keel-worker` (core) and one service per other task-queue role. */
const WORKER_SERVICES = ['keel-worker', ...QUEUE_ROLES.filter((role) => role !== 'core').map((role) => `keel-worker-${role}`)];

/** Docker does not run here: these check the structure a user of temporal-compose.yml relies on. */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
}

const compose = parse(await readFile(path.join(PROJECT_ROOT, 'temporal-compose.yml'), 'utf8')) as { services: Record<string, Service> };
const services = compose.services;
const dockerfile = await readFile(path.join(PROJECT_ROOT, 'Dockerfile'), 'utf8');

describe('temporal-compose.yml', () => {
  it('has the production-shaped services', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['keel-api', 'keel-migrate', ...WORKER_SERVICES, 'postgres', 'temporal', 'temporal-schema', 'temporal-setup', 'temporal-ui'].sort(),
    );
  });

  it('pins every image to a version (no latest, no bare name)', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      expect(service.image, name).toMatch(/^[\w./-]+:(?!latest$)[\w.-]*\d[\w.-]*$/);
    }
  });

  it('gives every long-running service a health check', () => {
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'keel-api', ...WORKER_SERVICES]) {
      expect(services[name]?.healthcheck?.test, name).toBeTruthy();
    }
  });

  it('orders start-up with conditions on services that exist', () => {
    const conditions = new Set(['service_healthy', 'service_completed_successfully']);
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(services), `${name} → ${dependency}`).toContain(dependency);
        expect(conditions.has(condition), `${name} → ${dependency}: ${condition}`).toBe(true);
      }
    }
    expect(services.temporal?.depends_on?.['temporal-schema']?.condition).toBe('service_completed_successfully');
    expect(services['keel-api']?.depends_on?.['keel-migrate']?.condition).toBe('service_completed_successfully');
    expect(services['keel-worker']?.depends_on?.['temporal-setup']?.condition).toBe('service_completed_successfully');
  });

  it('sets Temporal up on Postgres with its own schema tool', () => {
    expect(services.temporal?.environment?.DB).toBe('postgres12');
    const schema = String(services['temporal-schema']?.command);
    expect(schema).toContain('temporal-sql-tool --db temporal update-schema');
    expect(schema).toContain('temporal-sql-tool --db temporal_visibility update-schema');
  });

  it('registers exactly Keel’s search attributes, as Keywords', () => {
    const setup = String(services['temporal-setup']?.command);
    const names = /for name in ([\w ]+); do/.exec(setup)?.[1]?.trim().split(/\s+/) ?? [];
    expect(names.sort()).toEqual(SEARCH_ATTRIBUTES.map((attribute) => attribute.name).sort());
    expect(setup).toContain('--type Keyword');
  });

  it('runs api and worker from one build, pointed at the temporal service', () => {
    const api = services['keel-api'];
    const worker = services['keel-worker'];
    expect(api?.build).toEqual(worker?.build);
    expect(api?.image).toBe(worker?.image);
    expect(api?.command).toContain('api');
    expect(worker?.command).toContain('worker');
    for (const service of [api, worker]) {
      expect(service?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(service?.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
    }
  });
});

describe('worker pools in temporal-compose.yml', () => {
  it('runs one separately scalable service per task-queue role, each polling only its own', () => {
    const polled = WORKER_SERVICES.map((name) => {
      const command = services[name]?.command;
      expect(Array.isArray(command), name).toBe(true);
      const args = command as string[];
      expect(args.slice(-2, -1), name).toEqual(['--queues']);
      return args.at(-1)?.split(',');
    });
    // Every role is served, by exactly one service.
    expect(polled.flat().sort()).toEqual([...QUEUE_ROLES].sort());
    for (const name of WORKER_SERVICES) {
      expect(services[name]?.image, name).toBe(services['keel-api']?.image);
      expect(services[name]?.environment?.TEMPORAL_ADDRESS, name).toBe('temporal:7233');
      expect(services[name]?.depends_on?.['temporal-setup']?.condition, name).toBe('service_completed_successfully');
    }
  });
});

describe('Dockerfile', () => {
  it('pins its base image, runs as a non-root user and checks its health', () => {
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((match) => match[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases.filter((image) => image && !['deps', 'build'].includes(image))) expect(base).toMatch(/:\d+\.\d+\.\d+/);
    expect(dockerfile).toMatch(/^USER\s+(?!root)\w+/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK\s/m);
    expect(dockerfile).toMatch(/npm ci/);
  });
});
