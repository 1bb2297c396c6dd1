import { describe, expect, it } from 'vitest';
import { classifyAddress, isAllowedAddress, parseHost, type AddressClass } from './address-policy';

const STRICT = { allowPrivateNetworks: false };
const DEV = { allowPrivateNetworks: true };

const TABLE: [string, AddressClass][] = [
  // IPv4, in the spellings an HTTP client or getaddrinfo accepts
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['2130706433', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'private'],
  ['100.127.255.255', 'private'],
  ['169.254.169.254', 'link-local'],
  ['0xa9.0xfe.0xa9.0xfe', 'link-local'],
  ['0.0.0.0', 'unspecified'],
  ['0', 'unspecified'],
  ['0.1.2.3', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['8.8.8.8', 'public'],
  ['172.32.0.1', 'public'],
  ['100.128.0.1', 'public'],
  ['93.184.215.14', 'public'],
  // IPv6
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'link-local'],
  ['febf::1', 'link-local'],
  ['fc00::1', 'private'],
  ['fd12:3456:789a::1', 'private'],
  ['ff02::1', 'multicast'],
  ['fec0::1', 'reserved'],
  ['::127.0.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001::1', 'reserved'],
  ['2606:4700:4700::1111', 'public'],
  ['2a00:1450:4001::200e', 'public'],
  // IPv4-mapped, NAT64 and 6to4 forms are judged by the IPv4 address they carry
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['[::ffff:169.254.169.254]', 'link-local'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:8.8.8.8', 'public'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b::808:808', 'public'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:c0a8:101::1', 'private'],
  ['2002:808:808::1', 'public'],
  // Not an address at all: never allowed
  ['fe80::1%eth0', 'reserved'],
  ['example.com', 'reserved'],
  ['', 'reserved'],
];

describe('classifying outbound addresses', () => {
  it.each(TABLE)('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('allows only public addresses by default', () => {
    const allowed = TABLE.filter(([address]) => isAllowedAddress(address, STRICT)).map(([, kind]) => kind);
    expect(new Set(allowed)).toEqual(new Set(['public']));
  });

  it('with private networks allowed, admits loopback and private but never link-local (metadata), multicast or reserved', () => {
    for (const [address, kind] of TABLE) {
      expect(isAllowedAddress(address, DEV), address).toBe(kind === 'public' || kind === 'loopback' || kind === 'private');
    }
    expect(isAllowedAddress('169.254.169.254', DEV)).toBe(false);
  });
});

describe('parsing a host a user typed', () => {
  it('gives IP spellings their canonical form and keeps names as names', () => {
    expect(parseHost('2130706433')).toEqual({ kind: 'ip', address: '127.0.0.1', family: 4 });
    expect(parseHost('0x7f.1')).toEqual({ kind: 'ip', address: '127.0.0.1', family: 4 });
    expect(parseHost('::ffff:127.0.0.1')).toEqual({ kind: 'ip', address: '::ffff:7f00:1', family: 6 });
    expect(parseHost('Mail.Example.COM')).toEqual({ kind: 'name', name: 'mail.example.com' });
    expect(parseHost('localhost')).toEqual({ kind: 'name', name: 'localhost' });
  });

  it('refuses what is neither', () => {
    for (const host of ['', ' ', 'a b', 'user@host', 'host/path', 'host:25', '[::1', '1.2.3.4.5', '1.2.3.256', 'foo.0x7f']) {
      expect(parseHost(host), host).toEqual({ kind: 'invalid' });
    }
  });
});
