import type { Db } from '../../../db/connection';
import { seedAccounts } from './accounts';
import { demoClient } from './client';
import { seedDesk, type DeskSeed } from './desk';
import { seedField, type FieldSeed } from './field';

export { DEMO_LOGINS, DEMO_PASSWORD } from './accounts';

export type DemoSeed = { outcome: 'already-seeded' } | { outcome: 'seeded'; seconds: number; desk: DeskSeed; field: FieldSeed };

/**
 * Seeds a demo organization through the public API, so every ticket and work order is a real
 * workflow with a real history. Running it twice leaves the first seed in place. Only the
 * organization and its owner are written directly: sign-up through the API waits for a mailed link.
 */
export async function seedDemo(
  baseUrl: string, db: Db, invitationToken: (email: string) => string | null, progress: (line: string) => void = () => {},
  options: { tickets?: number } = {},
): Promise<DemoSeed> {
  const started = Date.now();
  const log = (line: string) => progress(`${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`);
  const accounts = await seedAccounts(demoClient(baseUrl), db, invitationToken);
  if (accounts === 'already-seeded') return { outcome: 'already-seeded' };
  log('accounts seeded');
  const desk = await seedDesk(accounts, log, options.tickets);
  log(`${desk.tickets.length} tickets seeded`);
  const visit = desk.tickets.find((ticket) => ticket.tags.includes('onsite') && ticket.status === 'open')?.number ?? null;
  const field = await seedField(accounts, desk.contacts, visit);
  log('field service seeded');
  return { outcome: 'seeded', seconds: (Date.now() - started) / 1000, desk, field };
}

/** The demo's contents in a few lines, for the launcher to print. */
export function describeDemo(seed: Extract<DemoSeed, { outcome: 'seeded' }>): string[] {
  const { desk, field } = seed;
  const byStatus = (counts: Record<string, number>) => Object.entries(counts).map(([status, count]) => `${count} ${status}`).join(', ');
  const ticketCounts: Record<string, number> = {};
  for (const ticket of desk.tickets) ticketCounts[ticket.status] = (ticketCounts[ticket.status] ?? 0) + 1;
  return [
    `${desk.tickets.length} tickets (${byStatus(ticketCounts)}), 2 SLA policies, ${desk.rules} rules, 3 teams, ${desk.macros} macros, ${desk.mailboxes.created} mailboxes`,
    `${field.technicians} technicians, ${field.assets} assets, ${field.plans} maintenance plans, work orders: ${byStatus(field.workOrders)}`,
    `dispatch proposal for ${field.dispatch.date} waiting for approval (${field.dispatch.assigned} jobs assigned)`,
  ];
}
