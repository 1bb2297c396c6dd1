import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { connect, type Db } from '../../db/connection';
import { signupOrg, type Org } from '../helpers/api-client';
import { createMailbox, eventually, send, startEmailStack, timeline, uniqueAddress, type EmailStack } from './helpers';

// Vendored with its origins and licences (test/fixtures/SOURCES.md): a clone needs nothing beside it.
const CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/email');

let stack: EmailStack;
let org: Org;
let owner: Db;
let mailbox: { id: string; address: string };

beforeAll(async () => {
  stack = await startEmailStack();
  org = await signupOrg(stack.url);
  mailbox = await createMailbox(org, { name: 'Corpus', address: uniqueAddress('corpus'), inboundMode: 'smtp' });
  // Read as the owner (bypasses RLS) to see every row the channel wrote, stored HTML included.
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 2 } });
});

afterAll(async () => {
  await owner?.destroy();
  await stack?.stop();
});

interface Row { message_id: string; status: string; kind: string; ticket_number: number | null; opened_ticket: boolean; html_body: string | null }

describe('the sample corpus (test/fixtures/email)', () => {
  it('makes every message a ticket or a threaded reply with a subject and a body (bounces recorded), and stores no script', async () => {
    const files = (await readdir(CORPUS)).filter((file) => file.endsWith('.eml')).sort();
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const raw = await readFile(path.join(CORPUS, file));
      await send(stack.smtpPort, { envelope: { from: 'corpus-sender@example.net', to: [mailbox.address] }, raw });
    }
    // The same bytes again change nothing.
    await send(stack.smtpPort, { envelope: { from: 'corpus-sender@example.net', to: [mailbox.address] }, raw: await readFile(path.join(CORPUS, files[0]!)) });

    const rows: Row[] = await owner('email_messages').where({ org_id: org.orgId, direction: 'in' }).select('message_id', 'status', 'kind', 'ticket_number', 'opened_ticket', 'html_body');
    expect(rows).toHaveLength(files.length);
    const bounces = rows.filter((row) => row.kind === 'bounce');
    expect(bounces.length).toBeGreaterThanOrEqual(1);
    for (const bounce of bounces) expect(bounce).toMatchObject({ status: 'ignored', ticket_number: null });

    for (const row of rows.filter((candidate) => candidate.kind !== 'bounce')) {
      expect(row.status).toBe('delivered');
      expect(row.ticket_number).not.toBeNull();
      const ticket = await eventually(async () => {
        const response = await org.api.get(`/tickets/${row.ticket_number}`);
        return response.status === 200 && response.body;
      }, `ticket #${row.ticket_number}`);
      expect(ticket.channel).toBe('email');
      expect(ticket.subject.trim().length).toBeGreaterThan(0);
      if (row.opened_ticket) {
        expect(ticket.description.trim().length).toBeGreaterThan(0);
      } else {
        const events = await timeline(org.api, row.ticket_number!);
        const reply = events.find((event) => event.type === 'customer_replied' && event.data.email?.messageId === row.message_id);
        expect(reply?.data.body.trim().length).toBeGreaterThan(0);
      }
    }

    const stored = [
      ...rows.map((row) => row.html_body ?? ''),
      ...(await owner('tickets').where('org_id', org.orgId).pluck('description')),
      ...(await owner('ticket_events').where('org_id', org.orgId).select(owner.raw('data::text AS data')).then((events) => events.map((event: { data: string }) => event.data))),
    ];
    for (const text of stored) expect(text).not.toMatch(/<\s*script|javascript:|\bon(error|load|click)\s*=/i);
    // Non-ASCII subjects were decoded, not left as encoded words.
    const subjects: string[] = await owner('tickets').where('org_id', org.orgId).pluck('subject');
    expect(subjects.some((subject) => subject.includes('=?'))).toBe(false);
  });
});
