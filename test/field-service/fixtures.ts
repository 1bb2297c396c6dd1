import { deflateSync } from 'node:zlib';
import { addMember, type ApiClient, type Member, type Org } from '../helpers/api-client';
import { expectStatus } from '../helpers/expect-status';
import { startOrgStack, type OrgStack } from '../helpers/org-stack';

export { expectStatus };

/** A solid-colour RGB PNG of the given size: a stand-in for a photo or a drawn signature. */
export function pngOf(width: number, height: number, rgb: [number, number, number] = [20, 40, 160]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(data: Buffer): number {
  let crc = ~0;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

export const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

export interface FieldOrg {
  dispatcher: Member;
  technician: Member & { technicianId: string };
  vanId: string;
  itemId: string;
  assetId: string;
}

/** A dispatcher, a technician with a van holding 10 filters, and an asset at a customer site. */
export async function setUpFieldOrg(org: Org, customerEmail = 'site-owner@example.com'): Promise<FieldOrg> {
  const dispatcher = await addMember(org, 'dispatcher');
  const member = await addMember(org, 'technician');
  const d: ApiClient = dispatcher.api;
  const van = await expectStatus(d.post('/inventory/locations', { name: `Van ${member.id.slice(0, 6)}`, kind: 'van' }), 201);
  const technician = await expectStatus(
    d.post('/technicians', {
      userId: member.id,
      skills: [{ skill: 'HVAC', level: 3 }],
      certifications: [{ name: 'F-gas', expiresOn: '2020-01-01' }, { name: 'First aid', expiresOn: '2099-01-01' }],
      home: { lat: 52.37, lng: 4.89 },
      // Every day, long hours: the suites schedule visits on whatever day they run.
      shifts: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['07:00', '20:00']]])),
      timeZone: 'Europe/Amsterdam',
      vanLocationId: van.id,
    }),
    201,
  );
  const item = await expectStatus(d.post('/inventory/items', { sku: `FLT-${member.id.slice(0, 6)}`, name: 'Air filter F7' }), 201);
  await expectStatus(d.request('PUT', '/inventory/stock', { itemId: item.id, locationId: van.id, quantity: 10 }), 204);
  // The asset's contact receives the service report.
  const ticket = await expectStatus(org.api.post('/tickets', { subject: 'Seed contact', description: 'x', requester: { email: customerEmail, name: 'Site Owner' } }), 201);
  const asset = await expectStatus(
    d.post('/assets', {
      name: 'Rooftop AC unit', contactId: ticket.requester.id, siteAddress: 'Damrak 1, Amsterdam', site: { lat: 52.376, lng: 4.897 },
      model: 'RTU-40', serial: `SN-${member.id}`, installedOn: '2021-04-01', warrantyEndsOn: '2099-04-01',
    }),
    201,
  );
  return { dispatcher, technician: { ...member, technicianId: technician.id }, vanId: van.id, itemId: item.id, assetId: asset.id };
}

/** A test stack whose organization is set up for field service (see setUpFieldOrg). */
export async function startFieldStack(): Promise<OrgStack & { field: FieldOrg }> {
  const started = await startOrgStack();
  return { ...started, field: await setUpFieldOrg(started.org) };
}
