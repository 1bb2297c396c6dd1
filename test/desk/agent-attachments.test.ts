import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, signupOrg, type Org } from '../helpers/api-client';
import { createMailbox, eventually, sinkRelay, startEmailStack, startSink, uniqueAddress, type EmailStack, type Sink } from '../email/helpers';

/** Small, so the size limit is cheap to cross. */
const MAX_BYTES = 64 * 1024;

let stack: EmailStack;
let sink: Sink;
let org: Org;
let other: Org;

beforeAll(async () => {
  sink = await startSink();
  stack = await startEmailStack({ settings: { maxAttachmentBytes: MAX_BYTES } });
  org = await signupOrg(stack.url);
  other = await signupOrg(stack.url);
  await createMailbox(org, { name: 'Support', address: uniqueAddress('support'), inboundMode: 'smtp', acknowledge: false, smtp: sinkRelay(sink) });
});

afterAll(async () => {
  await stack?.stop();
  await sink?.stop();
});

/** Uploads a file the way the console does: the body is the file, its type the Content-Type. */
async function upload(api: Org['api'], number: number, content: Buffer, contentType: string, filename: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${stack.url}/api/v1/tickets/${number}/attachments?filename=${encodeURIComponent(filename)}`, {
    method: 'POST', body: content, headers: { 'content-type': contentType, authorization: `Bearer ${api.token}`, ...headers },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function download(api: Org['api'], number: number, id: string) {
  const response = await fetch(`${stack.url}/api/v1/tickets/${number}/attachments/${id}`, { headers: { authorization: `Bearer ${api.token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function openTicket(api: Org['api'], email = `customer-${randomUUID().slice(0, 8)}@customer.example`): Promise<number> {
  const created = await api.post('/tickets', { subject: `Broken screen ${randomUUID().slice(0, 6)}`, description: 'see photo', channel: 'api', requester: { email } });
  expect(created.status).toBe(201);
  return created.body.number;
}

const replies = async (api: Org['api'], number: number) =>
  ((await api.get(`/tickets/${number}/timeline?limit=200`)).body.data as { type: string; data: Record<string, any> }[]).filter((event) => event.type === 'replied');

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(2000)]);

describe('agent attachments', () => {
  it('uploads a file, sends it with a public reply: shown on the timeline, downloadable, and mailed to the requester', async () => {
    const number = await openTicket(org.api);
    const uploaded = await upload(org.api, number, PNG, 'image/png', 'screen.png');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toEqual({ id: expect.any(String), filename: 'screen.png', contentType: 'image/png', size: PNG.length });
    expect(uploaded.headers.get('location')).toBe(`/api/v1/tickets/${number}/attachments/${uploaded.body.id}`);
    const pdf = Buffer.from('%PDF-1.4 invoice');
    const invoice = await upload(org.api, number, pdf, 'application/pdf', 'ignored.pdf', {});
    expect(invoice.status).toBe(201);

    const replied = await org.api.post(`/tickets/${number}/replies`, { body: 'Here is what we found.', visibility: 'public', attachmentIds: [uploaded.body.id, invoice.body.id] });
    expect(replied.status).toBe(200);

    const [reply] = await replies(org.api, number);
    expect(reply?.data).toEqual({
      body: 'Here is what we found.', visibility: 'public',
      attachments: [
        { id: uploaded.body.id, filename: 'screen.png', contentType: 'image/png', size: PNG.length },
        { id: invoice.body.id, filename: 'ignored.pdf', contentType: 'application/pdf', size: pdf.length },
      ],
    });

    const image = await download(org.api, number, uploaded.body.id);
    expect(image.status).toBe(200);
    expect(image.bytes.equals(PNG)).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toMatch(/^inline; filename="screen.png"/);
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const file = await download(org.api, number, invoice.body.id);
    expect(file.bytes.equals(pdf)).toBe(true);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="ignored.pdf"/);

    const mail = await eventually(async () => sink.messages.find((message) => message.text?.includes('Here is what we found.')), 'the mailed reply');
    expect(mail.attachments.map((attachment) => [attachment.filename, attachment.contentType])).toEqual([['screen.png', 'image/png'], ['ignored.pdf', 'application/pdf']]);
    expect(mail.attachments[0]?.content.equals(PNG)).toBe(true);
  });

  it("never mails an internal note's attachments", async () => {
    const number = await openTicket(org.api);
    const secret = await upload(org.api, number, Buffer.from('internal only'), 'text/plain', 'notes-internal.txt');
    const noted = await org.api.post(`/tickets/${number}/replies`, { body: 'Customer is on the old firmware.', visibility: 'internal', attachmentIds: [secret.body.id] });
    expect(noted.status).toBe(200);
    expect((await replies(org.api, number))[0]?.data.attachments).toEqual([{ id: secret.body.id, filename: 'notes-internal.txt', contentType: 'text/plain', size: 13 }]);

    // A public reply after it goes out with only its own file.
    const shared = await upload(org.api, number, Buffer.from('public steps'), 'text/plain', 'steps.txt');
    await org.api.post(`/tickets/${number}/replies`, { body: `Please follow the steps ${number}.`, visibility: 'public', attachmentIds: [shared.body.id] });
    const mail = await eventually(async () => sink.messages.find((message) => message.text?.includes(`Please follow the steps ${number}.`)), 'the public reply');
    expect(mail.attachments.map((attachment) => attachment.filename)).toEqual(['steps.txt']);
    expect(sink.messages.some((message) => message.attachments.some((attachment) => attachment.filename === 'notes-internal.txt'))).toBe(false);
    expect(sink.messages.some((message) => message.text?.includes('old firmware'))).toBe(false);
  });

  it('refuses files over the email size limit (413) and types email refuses (415), saying why', async () => {
    const number = await openTicket(org.api);
    const big = await upload(org.api, number, Buffer.alloc(MAX_BYTES + 1, 1), 'application/octet-stream', 'dump.bin');
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(big.body.detail).toBe('dump.bin is larger than 64 KB, the most an attachment may be.');
    expect((await upload(org.api, number, Buffer.alloc(MAX_BYTES, 1), 'application/octet-stream', 'exactly.bin')).status).toBe(201);

    const exe = await upload(org.api, number, Buffer.from('MZ'), 'application/octet-stream', 'setup.exe');
    expect(exe.status).toBe(415);
    expect(exe.body.detail).toContain('setup.exe');
    expect((await upload(org.api, number, Buffer.from('alert(1)'), 'application/javascript', 'notes.txt')).status).toBe(415);
    expect((await upload(org.api, number, Buffer.from('x'), 'not a type', 'a.txt')).status).toBe(415);
    // A name from Content-Disposition when the query has none.
    const named = await fetch(`${stack.url}/api/v1/tickets/${number}/attachments`, {
      method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain', 'content-disposition': `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt`, authorization: `Bearer ${org.api.token}` },
    });
    expect(named.status).toBe(201);
    expect(((await named.json()) as { filename: string }).filename).toBe('résumé.txt');
  });

  it('refuses an attachment id used already or uploaded to another ticket (422), and changes nothing', async () => {
    const number = await openTicket(org.api);
    const elsewhere = await openTicket(org.api);
    const file = await upload(org.api, number, Buffer.from('once'), 'text/plain', 'once.txt');
    const foreign = await upload(org.api, elsewhere, Buffer.from('other'), 'text/plain', 'other.txt');
    expect((await org.api.post(`/tickets/${number}/replies`, { body: 'First', visibility: 'internal', attachmentIds: [file.body.id] })).status).toBe(200);

    const reused = await org.api.post(`/tickets/${number}/replies`, { body: 'Again', visibility: 'internal', attachmentIds: [file.body.id] });
    expect(reused.status).toBe(422);
    expect(reused.body.type).toContain('unknown-attachment');
    const crossed = await org.api.post(`/tickets/${number}/replies`, { body: 'Crossed', visibility: 'internal', attachmentIds: [foreign.body.id] });
    expect(crossed.status).toBe(422);
    expect(crossed.body.errors[0].pointer).toBe('/attachmentIds');
    expect((await org.api.post(`/tickets/${number}/replies`, { body: 'Many', attachmentIds: Array.from({ length: 11 }, () => randomUUID()) })).status).toBe(400);
    expect((await replies(org.api, number)).map((reply) => reply.data.body)).toEqual(['First']);
    // The foreign upload was not taken by the refused reply: its own ticket can still send it.
    expect((await org.api.post(`/tickets/${elsewhere}/replies`, { body: 'Mine', visibility: 'internal', attachmentIds: [foreign.body.id] })).status).toBe(200);
  });

  it('keeps uploads to the org: another org gets 404 on the ticket and the file; a dispatcher may not upload (403)', async () => {
    const number = await openTicket(org.api);
    const file = await upload(org.api, number, Buffer.from('private'), 'text/plain', 'private.txt');
    await org.api.post(`/tickets/${number}/replies`, { body: 'Attached', visibility: 'internal', attachmentIds: [file.body.id] });

    expect((await upload(other.api, number, Buffer.from('x'), 'text/plain', 'x.txt')).status).toBe(404);
    expect((await download(other.api, number, file.body.id)).status).toBe(404);
    const theirs = await openTicket(other.api);
    expect((await download(other.api, theirs, file.body.id)).status).toBe(404);
    expect((await other.api.post(`/tickets/${theirs}/replies`, { body: 'Steal', visibility: 'internal', attachmentIds: [file.body.id] })).status).toBe(422);

    const dispatcher = await addMember(org, 'dispatcher');
    expect((await upload(dispatcher.api, number, Buffer.from('x'), 'text/plain', 'x.txt')).status).toBe(403);
    // Dispatchers read tickets, so they may download what was sent.
    expect((await download(dispatcher.api, number, file.body.id)).status).toBe(200);
    const agent = await addMember(org, 'agent');
    expect((await upload(agent.api, number, Buffer.from('x'), 'text/plain', 'x.txt')).status).toBe(201);
  });
});
