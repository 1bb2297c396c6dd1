import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../../bin/lib/demo-seed';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { freePort, waitForPort } from '../../bin/lib/free-port';
import { ApiClient } from '../helpers/api-client';

/** The CLI `npm start`'s `tsx bin/keel.ts start` runs. */
const TSX_CLI = path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');

interface Launch {
  child: ChildProcess;
  output: () => string;
}

/** `keel start --demo` as a user runs it, in its own data directory and ports. */
async function launch(env: Record<string, string>): Promise<Launch> {
  // As `npm start` runs it: under tsx's CLI, whose parent process relays the signal to the child.
  const child = spawn(process.execPath, [TSX_CLI, 'bin/keel.ts', 'start', '--demo'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const deadline = Date.now() + 150_000;
  while (!/Demo organization (created|already there)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`keel start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`keel start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { child, output: () => output };
}

async function stop(launched: Launch): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => launched.child.once('exit', (code) => resolve(code)));
  launched.child.kill('SIGINT');
  return exited;
}

async function isListening(port: number): Promise<boolean> {
  return waitForPort(port, '127.0.0.1', 300).then(() => true, () => false);
}

let dataDir = '';
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('brings the stack up with a demo org, stops every child on Ctrl-C, and keeps data across restarts', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'keel-start-'));
    await chmod(dataDir, 0o755);
    const ports = { web: await freePort(), pg: await freePort(), temporal: await freePort(), ui: await freePort() };
    const env = {
      KEEL_DATA_DIR: dataDir,
      // The launcher is under test here, not the demo's size (test/launcher/demo-seed.test.ts seeds it whole).
      KEEL_DEMO_TICKETS: '24',
      PORT: String(ports.web),
      EMBEDDED_PG_PORT: String(ports.pg),
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.ui),
      SMTP_PORT: String(await freePort()),
    };

    const first = await launch(env);
    expect(first.output()).toContain(`http://localhost:${ports.web}/api/docs`);
    expect(first.output()).toContain('Demo organization created');
    const api = new ApiClient(`http://127.0.0.1:${ports.web}`);
    expect((await api.get('/healthz')).body).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
    const admin = DEMO_LOGINS[0];
    const login = await api.post('/auth/login', { email: admin.email, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const tickets = await api.as(login.body.accessToken).get('/tickets');
    expect(tickets.body.data.length).toBeGreaterThanOrEqual(6);
    const statuses = new Set(tickets.body.data.map((ticket: { status: string }) => ticket.status));
    expect(statuses.size).toBeGreaterThanOrEqual(3);
    const console = await fetch(`http://127.0.0.1:${ports.web}/tickets`);
    expect(await console.text()).toContain('<div id="app">');

    expect(await stop(first)).toBe(0);
    for (const port of Object.values(ports)) expect({ port, listening: await isListening(port) }).toEqual({ port, listening: false });

    const second = await launch(env);
    expect(second.output()).toContain('Demo organization already there');
    const again = await api.post('/auth/login', { email: admin.email, password: DEMO_PASSWORD });
    expect(again.status).toBe(200);
    const client = api.as(again.body.accessToken);
    const open = tickets.body.data.find((ticket: { status: string }) => ticket.status !== 'solved' && ticket.status !== 'closed');
    // The ticket's workflow survived the restart (Temporal's SQLite file) and still takes commands.
    const solved = await client.post(`/tickets/${open.number}/status`, { status: 'solved' });
    expect(solved.status).toBe(200);
    expect(solved.body.status).toBe('solved');
    expect(await stop(second)).toBe(0);
  }, 400_000);
});
