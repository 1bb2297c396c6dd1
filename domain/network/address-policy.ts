/**
 * Which IP addresses Keel may connect to on a user's behalf (webhooks, a mailbox's SMTP relay
 * or IMAP server). Pure: no DNS, no sockets. The resolving, pinning connector is in
 * `outbound/`; this module only says what an address is.
 *
 * Parsing is left to the WHATWG URL host parser (built into Node and every browser): it
 * accepts exactly the spellings an HTTP client or `getaddrinfo` would (`2130706433`,
 * `0x7f.1`, `0177.0.0.1`, `127.1`, `[::ffff:127.0.0.1]`) and gives them one canonical form,
 * so the ranges below are checked on what a connection would really reach.
 */

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

export interface OutboundPolicy {
  /**
   * Also allow loopback and private networks (RFC 1918, CGNAT 100.64/10, IPv6 unique-local):
   * for development and tests. Link-local (the cloud metadata address 169.254.169.254 among
   * them), unspecified, multicast and reserved addresses stay refused even then.
   */
  allowPrivateNetworks: boolean;
}

export const STRICT_OUTBOUND_POLICY: OutboundPolicy = { allowPrivateNetworks: false };

export type HostLiteral =
  | { kind: 'ip'; address: string; family: 4 | 6 }
  | { kind: 'name'; name: string }
  | { kind: 'invalid' };

/** A host as a user typed it: an IP address in any spelling, a DNS name, or neither. */
export function parseHost(host: string): HostLiteral {
  const trimmed = host.trim();
  if (trimmed === '' || /[\s/?#@\\]/.test(trimmed)) return { kind: 'invalid' };
  // A bare IPv6 address (`::1`) needs brackets to be a URL host.
  const bracketed = trimmed.includes(':') && !trimmed.startsWith('[') ? `[${trimmed}]` : trimmed;
  let hostname: string;
  try {
    hostname = new URL(`http://${bracketed}/`).hostname;
  } catch {
    return { kind: 'invalid' };
  }
  if (hostname.startsWith('[')) return { kind: 'ip', address: hostname.slice(1, -1), family: 6 };
  if (parseIpv4(hostname) !== null) return { kind: 'ip', address: hostname, family: 4 };
  return hostname === '' ? { kind: 'invalid' } : { kind: 'name', name: hostname };
}

/** What an address (as `dns.lookup` returns it, or any spelling `parseHost` accepts) is. */
export function classifyAddress(address: string): AddressClass {
  const parsed = parseHost(address);
  if (parsed.kind !== 'ip') return 'reserved';
  if (parsed.family === 4) return classifyIpv4(parseIpv4(parsed.address)!);
  const value = parseIpv6(parsed.address);
  return value === null ? 'reserved' : classifyIpv6(value);
}

/** May Keel connect to this address under the policy? */
export function isAllowedAddress(address: string, policy: OutboundPolicy): boolean {
  const kind = classifyAddress(address);
  if (kind === 'public') return true;
  return policy.allowPrivateNetworks && (kind === 'loopback' || kind === 'private');
}

interface Range<T> { base: T; prefix: number; kind: AddressClass }

const v4 = (dotted: string, prefix: number, kind: AddressClass): Range<number> => ({ base: parseIpv4(dotted)!, prefix, kind });

// Most specific first: the first range that contains the address decides.
const IPV4_RANGES: readonly Range<number>[] = [
  v4('0.0.0.0', 32, 'unspecified'),
  v4('0.0.0.0', 8, 'reserved'), // "this network"
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'private'), // carrier-grade NAT (shared address space)
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'), // includes the cloud metadata address 169.254.169.254
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'), // IETF protocol assignments
  v4('192.0.2.0', 24, 'reserved'), // documentation
  v4('192.88.99.0', 24, 'reserved'), // 6to4 relay anycast
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'reserved'), // benchmarking
  v4('198.51.100.0', 24, 'reserved'), // documentation
  v4('203.0.113.0', 24, 'reserved'), // documentation
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'), // future use, and the broadcast address
];

function classifyIpv4(value: number): AddressClass {
  for (const range of IPV4_RANGES) {
    const mask = range.prefix === 0 ? 0 : (~0 << (32 - range.prefix)) >>> 0;
    if (((value & mask) >>> 0) === range.base) return range.kind;
  }
  return 'public';
}

const v6 = (text: string, prefix: number, kind: AddressClass): Range<bigint> => ({ base: parseIpv6(text)!, prefix, kind });

const IPV6_RANGES: readonly Range<bigint>[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('fc00::', 7, 'private'), // unique-local
  v6('fe80::', 10, 'link-local'),
  v6('ff00::', 8, 'multicast'),
  v6('2001:db8::', 32, 'reserved'), // documentation
  v6('2001::', 23, 'reserved'), // IETF protocol assignments, Teredo among them
  v6('3fff::', 20, 'reserved'), // documentation
];

/** Prefixes whose addresses carry an IPv4 address the packet ends up at: judged by that one. */
const EMBEDDED_IPV4: readonly { base: bigint; prefix: number; shift: bigint }[] = [
  { base: parseIpv6('::ffff:0:0')!, prefix: 96, shift: 0n }, // IPv4-mapped
  { base: parseIpv6('64:ff9b::')!, prefix: 96, shift: 0n }, // NAT64 well-known prefix
  { base: parseIpv6('2002::')!, prefix: 16, shift: 80n }, // 6to4
];

const GLOBAL_UNICAST = v6('2000::', 3, 'public');

function classifyIpv6(value: bigint): AddressClass {
  for (const embedded of EMBEDDED_IPV4) {
    if (inRange(value, embedded.base, embedded.prefix)) return classifyIpv4(Number((value >> embedded.shift) & 0xffffffffn));
  }
  for (const range of IPV6_RANGES) {
    if (inRange(value, range.base, range.prefix)) return range.kind;
  }
  // Only 2000::/3 is allocated for global unicast; the rest (IPv4-compatible ::/96,
  // site-local fec0::/10, discard 100::/64, local-use NAT64 …) is reserved.
  return inRange(value, GLOBAL_UNICAST.base, GLOBAL_UNICAST.prefix) ? 'public' : 'reserved';
}

function inRange(value: bigint, base: bigint, prefix: number): boolean {
  const shift = BigInt(128 - prefix);
  return value >> shift === base >> shift;
}

/** A canonical dotted quad (as the URL parser writes it) to its 32-bit value. */
function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)) return null;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

/** An IPv6 address without brackets or zone (canonical or not) to its 128-bit value. */
function parseIpv6(text: string): bigint | null {
  let canonical: string;
  try {
    canonical = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return null;
  }
  const [head = '', tail] = canonical.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return null;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.reduce((value, group) => (value << 16n) | BigInt(Number.parseInt(group, 16)), 0n);
}
