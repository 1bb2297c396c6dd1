/**
 * The outbound guard: every connection Keel opens to an address a user chose (a rule's
 * webhook, a mailbox's SMTP relay or IMAP server) resolves the host here, checks every
 * address it resolves to, and then connects to the address that was checked, never to the
 * name again, so a DNS answer that changes between the check and the connect (rebinding)
 * cannot move it.
 *
 * A top-level folder of its own because both `api/` (the mailbox test message) and
 * `activities/` (webhooks, mail delivery, IMAP polling) need it, and neither may import the
 * other's code; it imports only `domain/` and Node built-ins. What counts as a private
 * address is pure and lives in `domain/network/address-policy.ts`.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isAllowedAddress, parseHost, type OutboundPolicy } from '../domain/network/address-policy';

export type { OutboundPolicy } from '../domain/network/address-policy';

/** Why a target was refused; the message names the host a user typed, never a remote answer. */
export class OutboundRefused extends Error {
  constructor(readonly host: string, readonly reason: 'private-address' | 'invalid-host') {
    super(reason === 'private-address' ? `refused: ${host} is a private or reserved address` : `refused: ${host} is not a valid host`);
    this.name = 'OutboundRefused';
  }
}

export interface CheckedAddress {
  address: string;
  family: 4 | 6;
}

/** `dns.lookup` with every address; injectable so tests can play a rebinding resolver. */
export type ResolveAll = (name: string) => Promise<LookupAddress[]>;

const systemResolveAll: ResolveAll = (name) =>
  new Promise((resolve, reject) => dnsLookup(name, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * Resolves `host` and returns the one address to connect to. Every address the name resolves
 * to must be allowed: a name with one public and one private address is refused, or a
 * client that tries the next address on failure could still reach the private one.
 */
export async function resolveGuarded(host: string, policy: OutboundPolicy, resolveAll: ResolveAll = systemResolveAll): Promise<CheckedAddress> {
  const parsed = parseHost(host);
  if (parsed.kind === 'invalid') throw new OutboundRefused(host, 'invalid-host');
  const candidates: CheckedAddress[] = parsed.kind === 'ip'
    ? [{ address: parsed.address, family: parsed.family }]
    : (await resolveAll(parsed.name)).map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  if (candidates.length === 0 || !candidates.every((candidate) => isAllowedAddress(candidate.address, policy))) {
    throw new OutboundRefused(host, 'private-address');
  }
  return candidates[0]!;
}

/** A `lookup` for `net`/`tls`/`http` that answers only the checked address, whatever it is asked. */
export function pinnedLookup(checked: CheckedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: checked.address, family: checked.family }]);
    else callback(null, checked.address, checked.family);
  };
}
