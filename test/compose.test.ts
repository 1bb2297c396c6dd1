import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, chown, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../bin/lib/config';
import { freePort } from '../bin/lib/free-port';
import { GENERATED_SECRETS } from '../bin/lib/serve-preflight';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { serviceEnvironment } from './helpers/compose-interpolation';
import { finalStage, hardLinkNodeModules, readOnlyImageFiles } from './helpers/image-files';
import { TEST_APP_DB_PASSWORD } from './helpers/services';
import { runAsUser, unprivilegedUser, type RunAs } from './helpers/unprivileged-user';
import { QUEUE_ROLES } from '../workflows/task-queues';

/** The worker pools: `keel-worker` (core) and one service per other task-queue role. */
const WORKER_SERVICES = ['keel-worker', ...QUEUE_ROLES.filter((role) => role !== 'core').map((role) => `keel-worker-${role}`)];

/** Docker does not run here: these check the structure a user of temporal-compose.yml relies on. */
interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  user?: string;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: unknown };
}

const compose = parse(await readFile(path.join(PROJECT_ROOT, 'temporal-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
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

/**
 * What an operator exports before `docker compose up`: the keys the file requires (and nothing
 * else, so every other value is the file's own default).
 */
const OPERATOR = {
  JWT_SECRET: randomBytes(48).toString('base64'),
  KEEL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
  KEEL_MAIL_KEY: randomBytes(32).toString('base64'),
};

/** The environment compose gives a service: the image's ENV, then the file's, interpolated. */
function composeEnvironment(name: string): Record<string, string> {
  return { ...finalStage(dockerfile).env, ...serviceEnvironment(services[name]?.environment, OPERATOR) };
}

describe('the keel services of temporal-compose.yml', () => {
  it('require every key a local install would generate, and give the data directory a volume shared by the API and the worker', () => {
    for (const name of ['keel-api', 'keel-worker']) {
      const service = services[name]!;
      for (const { variable } of GENERATED_SECRETS) {
        expect(String(service.environment?.[variable]), `${name}: ${variable}`).toMatch(new RegExp(`^\\$\\{${variable}:\\?`));
        expect(() => serviceEnvironment(service.environment, { ...OPERATOR, [variable]: undefined }), `${name} without ${variable}`).toThrow(variable);
      }
      const dataDir = composeEnvironment(name).KEEL_DATA_DIR;
      expect(dataDir, name).toMatch(/^\//);
      const mount = service.volumes?.find((volume) => volume.split(':')[1] === dataDir);
      expect(mount, `${name} mounts a volume at ${dataDir}`).toBeTruthy();
      expect(Object.keys(compose.volumes ?? {}), name).toContain(mount!.split(':')[0]);
      expect(service.user, name).toMatch(/^(?!root$|0$)\w+/);
    }
    expect(services['keel-api']?.volumes).toEqual(services['keel-worker']?.volumes);
  });

  it('publishes every port the API listens on', () => {
    const env = composeEnvironment('keel-api');
    const published = (services['keel-api']?.ports ?? []).map((port) => port.split(':').at(-1));
    expect(published).toContain(env.PORT);
    expect(published).toContain(env.SMTP_PORT);
  });
});

describe('keel api and keel worker with exactly the compose environment', () => {
  const user = unprivilegedUser();
  const children: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  let app: string;
  beforeAll(async () => { app = await imageFiles(); });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const cleanup of cleanups) await cleanup();
  });

  /** A fresh, empty data volume that only the user the services run as may write. */
  async function dataVolume(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'keel-volume-'));
    if (user.ids) await chown(dir, user.ids.uid, user.ids.gid);
    await chmod(dir, 0o700);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  /** The image's files, read-only, reachable by the user the services run as. */
  async function imageFiles(): Promise<string> {
    const files = await readOnlyImageFiles(PROJECT_ROOT, finalStage(dockerfile));
    cleanups.push(files.remove);
    const probe = `require('fs').accessSync(${JSON.stringify(path.join(files.dir, 'node_modules', 'tsx', 'package.json'))})`;
    if (!runAsUser(user, probe).ok) await hardLinkNodeModules(files.dir);
    expect(runAsUser(user, probe).output).toBe('');
    return files.dir;
  }

  it(`answer /healthz and poll, as a non-root user on a read-only application folder (runs as: ${user.name})`, async () => {
    // The precondition the compose file depends on: nothing can be written into the application.
    const write = runAsUser(user, `require('fs').writeFileSync(${JSON.stringify(path.join(app, 'probe'))}, 'x')`);
    expect(write.ok).toBe(false);
    expect(write.output).toMatch(/EACCES|EPERM|EROFS/);

    const volume = await dataVolume();
    const [port, smtpPort] = [await freePort(), await freePort()];
    // Only where things are is replaced: the test's own Postgres (the app role's password
    // belongs to it) and Temporal, ports free on this shared machine, loopback, the volume, and
    // a task queue of this test's own on the shared Temporal server.
    const addresses = (env: Record<string, string>) => {
      for (const key of ['DATABASE_URL', 'KEEL_APP_DB_PASSWORD', 'TEMPORAL_ADDRESS', 'HOST', 'PORT', 'SMTP_PORT', 'KEEL_DATA_DIR']) expect(env, `compose sets ${key}`).toHaveProperty(key);
      return {
        ...env, DATABASE_URL: inject('databaseUrl'), KEEL_APP_DB_PASSWORD: TEST_APP_DB_PASSWORD, TEMPORAL_ADDRESS: inject('temporalAddress'),
        HOST: '127.0.0.1', PORT: String(port), SMTP_PORT: String(smtpPort), KEEL_DATA_DIR: volume, KEEL_TASK_QUEUE: `compose-${randomUUID()}`,
      };
    };
    const apiEnv = addresses(composeEnvironment('keel-api'));
    const api = startService(services['keel-api']!, app, apiEnv, user);
    children.push(api.child);
    await api.until(async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200, 'GET /healthz answered 200');
    expect(await smtpGreeting(smtpPort)).toMatch(/^220 /);

    // The worker after the API: both run migrations on start, which is not what this checks.
    const worker = startService(services['keel-worker']!, app, addresses(composeEnvironment('keel-worker')), user);
    children.push(worker.child);
    await worker.until(async () => worker.output().includes('keel worker polling'), 'the worker polls its task queue');

    for (const service of [api, worker]) expect(await service.stop()).toBe(0);
    // The keys came from the environment: nothing was generated into the volume.
    expect((await readdir(volume)).filter((file) => GENERATED_SECRETS.some((secret) => secret.file === file))).toEqual([]);
  }, 300_000);

  it('refuse to start, saying what to set and mount, without the keys or a writable data directory', async () => {
    // What the compose file used to give: no keys it requires now, no data volume.
    const { JWT_SECRET, KEEL_PAYLOAD_KEY, KEEL_MAIL_KEY, KEEL_DATA_DIR, ...rest } = composeEnvironment('keel-api');
    expect([JWT_SECRET, KEEL_PAYLOAD_KEY, KEEL_MAIL_KEY, KEEL_DATA_DIR].every(Boolean)).toBe(true);
    expect(rest.NODE_ENV).toBe('production');
    const where = { DATABASE_URL: inject('databaseUrl'), TEMPORAL_ADDRESS: inject('temporalAddress') };
    const runs = [
      // Outside production, keys are generated when the data directory can keep them: here it cannot.
      ...(['keel-api', 'keel-worker'] as const).map((name) => ({ name, run: startService(services[name]!, app, { ...rest, ...where, NODE_ENV: 'development' }, user) })),
      // In production a writable volume is no excuse: every process would generate keys of its own.
      { name: 'production', run: startService(services['keel-api']!, app, { ...rest, ...where, KEEL_DATA_DIR: await dataVolume() }, user) },
    ];
    children.push(...runs.map(({ run }) => run.child));
    const codes = await Promise.all(runs.map(({ run }) => run.exited()));
    expect(codes).toEqual([1, 1, 1]);
    for (const { name, run } of runs) {
      expect(run.output(), name).not.toMatch(/^\s+at /m);
      for (const { variable } of GENERATED_SECRETS) expect(run.output(), name).toContain(`${variable} is not set`);
    }
    for (const { run } of runs.slice(0, 2)) expect(run.output()).toContain(`KEEL_DATA_DIR (${path.join(app, '.data')}) is not writable`);
    expect(runs[2]!.run.output()).toContain('KEEL_MAIL_KEY is not set, and in production (NODE_ENV=production) it is never generated');
  }, 240_000);
});

interface RunningService {
  child: ChildProcess;
  output(): string;
  /** Polls `ready` until it holds; fails with the process's output if it exits first or takes over 3 minutes. */
  until(ready: () => Promise<boolean>, what: string): Promise<void>;
  exited(): Promise<number | null>;
  /** SIGTERM, as `docker compose stop` sends; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The service's command, in the image's WORKDIR, with only this environment (and a PATH). */
function startService(service: Service, app: string, env: Record<string, string>, user: RunAs): RunningService {
  const command = Array.isArray(service.command) ? service.command : String(service.command).split(/\s+/);
  expect(command[0]).toBe('node');
  const child = spawn(process.execPath, command.slice(1), {
    cwd: app,
    env: { PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user.ids ?? {}),
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => output,
    async until(ready, what) {
      const deadline = Date.now() + 180_000;
      while (!(await ready())) {
        if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${what}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`not ready (${what}) after 3 minutes:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    exited: () => exit,
    async stop() {
      child.kill('SIGTERM');
      return exit;
    },
  };
}

/** The first line the SMTP listener sends. */
function smtpGreeting(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', (chunk) => {
      socket.end('QUIT\r\n');
      resolve(chunk.toString());
    });
    socket.once('error', reject);
  });
}

