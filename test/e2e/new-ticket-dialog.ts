import type { Page } from 'playwright-core';

/**
 * Creates a ticket through the queue's New ticket dialog, as an agent would, and answers its
 * number once the console has opened the new ticket's page.
 */
export async function createTicketInDialog(
  page: Page,
  ticket: { subject: string; description: string; requesterEmail: string; requesterName?: string },
): Promise<number> {
  await page.getByTestId('new-ticket').click();
  await page.getByTestId('ticket-subject').fill(ticket.subject);
  await page.getByTestId('ticket-description').fill(ticket.description);
  await page.getByTestId('ticket-requester-email').fill(ticket.requesterEmail);
  if (ticket.requesterName !== undefined) await page.getByTestId('ticket-requester-name').fill(ticket.requesterName);
  await page.getByTestId('ticket-create').click();
  await page.waitForURL(/\/tickets\/\d+$/);
  return Number(page.url().split('/').pop());
}
