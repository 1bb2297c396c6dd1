import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { startOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
let other: Org;
beforeAll(async () => {
  ({ stack, org } = await startOrgStack());
  other = await signupOrg(stack.url);
});
afterAll(async () => {
  await stack?.stop();
});

/** A ticket with the agent's public reply (when given), then solved (when asked). */
async function ticket(on: Org, subject: string, description: string, reply: string | null, solve = true): Promise<number> {
  const created = await on.api.post('/tickets', newTicket({ subject, description }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const number = created.body.number as number;
  if (reply) expect((await on.api.post(`/tickets/${number}/replies`, { body: reply, visibility: 'public' })).status).toBe(200);
  if (solve) expect((await on.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);
  return number;
}

describe('suggested replies from similar solved tickets', () => {
  it('ranks solved tickets by the rarer words they share, with the reply that answered each, and only the caller org’s', async () => {
    const jam = await ticket(org, 'Paper jam in the printer', 'The printer on floor 2 shows a paper jam in tray 2.', 'Open tray 2, pull the jammed sheet out gently, close the tray.');
    await ticket(org, 'Cannot reset my password', 'The password reset email never arrives in the printer room either.', 'We re-sent the reset link; check your spam folder.');
    const silent = await ticket(org, 'Paper jam in the printer tray', 'Paper jam, tray 2, floor 2 printer.', null);
    const open = await ticket(org, 'Printer paper jam again', 'Tray 2 paper jam on the floor 2 printer.', 'Looking into it.', false);
    await ticket(other, 'Paper jam in the printer tray 2', 'Paper jam on floor 2, tray 2.', 'Another org’s answer.');
    for (let i = 0; i < 4; i += 1) await ticket(org, `Invoice question ${i}`, 'Where is my invoice for this month?', 'Invoices are under Billing.');

    const asked = await ticket(org, 'Paper jam again', 'The printer has a paper jam in tray 2 again.', null, false);
    const similar = await org.api.get(`/tickets/${asked}/similar?limit=5`);
    expect(similar.status, JSON.stringify(similar.body)).toBe(200);
    const found = similar.body.data as { number: number; subject: string; status: string; score: number; reply: { body: string } }[];

    expect(found[0]).toMatchObject({ number: jam, status: 'solved', reply: { body: 'Open tray 2, pull the jammed sheet out gently, close the tray.' } });
    const numbers = found.map((t) => t.number);
    // Not itself, not an open ticket, not one solved without an answer; never another org's.
    expect(numbers).not.toContain(asked);
    expect(numbers).not.toContain(open);
    expect(numbers).not.toContain(silent);
    expect(found.map((t) => t.reply.body)).not.toContain('Another org’s answer.');
    // Sharing only "printer" ranks below sharing "paper jam tray"; tickets sharing no word are absent.
    expect(found.map((t) => t.subject)).not.toContain('Invoice question 0');
    const scores = found.map((t) => t.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers 404 for a ticket the org does not have', async () => {
    const other404 = await ticket(other, 'Only in the other org', 'Nothing here.', null, false);
    const missing = await org.api.get(`/tickets/${other404 + 1000}/similar`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});
