import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestGuarded } from '../../outbound/guarded-http';
import { OutboundRefused, resolveGuarded, type ResolveAll } from '../../outbound/guarded-resolve';
import { mailTarget } from '../../outbound/mail-target';

const STRICT = { allowPrivateNetworks: false };
const DEV = { allowPrivateNetworks: true };
const POST = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: '{"hello":true}', timeoutMs: 5_000 };

interface Receiver { port: number; hits: string[]; server: Server }

/** A loopback HTTP server that records the paths it is asked for; `/go` redirects to `target`. */
async function receiver(redirectTo?: () => string): Promise<Receiver> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    req.resume();
    if (req.url === '/go' && redirectTo) res.writeHead(307, { location: redirectTo() }).end('moved, see the secret banner');
    else res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits, server };
}

let target: Receiver;
let redirector: Receiver;
beforeAll(async () => {
  target = await receiver();
  redirector = await receiver(() => `http://127.0.0.1:${target.port}/private`);
});
afterAll(async () => {
  for (const { server } of [target, redirector]) await new Promise<void>((resolve) => server.close(() => resolve()));
});

const refused = { name: 'OutboundRefused', reason: 'private-address' };

describe('the outbound guard', () => {
  it('refuses a request to loopback in every spelling, before any connection, unless private networks are allowed', async () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '0177.0.0.1', '[::ffff:127.0.0.1]', 'localhost']) {
      await expect(requestGuarded(`http://${host}:${target.port}/strict`, POST, STRICT), host).rejects.toMatchObject(refused);
    }
    expect(target.hits).not.toContain('/strict');
    expect(await requestGuarded(`http://127.0.0.1:${target.port}/dev`, POST, DEV)).toEqual({ status: 200 });
    expect(target.hits).toContain('/dev');
  });

  it('refuses the metadata address even with private networks allowed', async () => {
    await expect(requestGuarded('http://169.254.169.254/latest/meta-data/', POST, DEV)).rejects.toBeInstanceOf(OutboundRefused);
  });

  it('checks what a name resolves to: localhost is refused, and so is a name with any private address', async () => {
    await expect(resolveGuarded('localhost', STRICT)).rejects.toMatchObject(refused);
    const mixed: ResolveAll = async () => [{ address: '93.184.215.14', family: 4 }, { address: '10.0.0.7', family: 4 }];
    await expect(resolveGuarded('mixed.example', STRICT, mixed)).rejects.toMatchObject(refused);
    const mapped: ResolveAll = async () => [{ address: '::ffff:169.254.169.254', family: 6 }];
    await expect(resolveGuarded('mapped.example', STRICT, mapped)).rejects.toMatchObject(refused);
    const publicOnly: ResolveAll = async () => [{ address: '93.184.215.14', family: 4 }];
    expect(await resolveGuarded('public.example', STRICT, publicOnly)).toEqual({ address: '93.184.215.14', family: 4 });
  });

  it('connects to the address it checked: a second DNS answer (rebinding) is never asked for', async () => {
    // The name exists nowhere but in this resolver, whose later answers would point elsewhere.
    let calls = 0;
    const rebinding: ResolveAll = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.255.255.1', family: 4 }]);
    expect(await requestGuarded(`http://rebind.invalid:${target.port}/pinned`, POST, DEV, rebinding)).toEqual({ status: 200 });
    expect(calls).toBe(1);
    expect(target.hits).toContain('/pinned');
  });

  it('does not follow redirects: a 307 to a private address is the answer, and the private address is never reached', async () => {
    expect(await requestGuarded(`http://127.0.0.1:${redirector.port}/go`, POST, DEV)).toEqual({ status: 307 });
    expect(redirector.hits).toContain('/go');
    expect(target.hits).not.toContain('/private');
  });

  it('gives mail clients the checked address and keeps the name for TLS', async () => {
    await expect(mailTarget('localhost', STRICT)).rejects.toMatchObject(refused);
    await expect(mailTarget('2130706433', STRICT)).rejects.toMatchObject(refused);
    await expect(mailTarget('smtp host', STRICT)).rejects.toMatchObject({ reason: 'invalid-host' });
    const local = await mailTarget('localhost', DEV);
    expect(['127.0.0.1', '::1']).toContain(local.host);
    expect(local.servername).toBe('localhost');
    expect(await mailTarget('0x7f.1', DEV)).toEqual({ host: '127.0.0.1' });
  });
});
