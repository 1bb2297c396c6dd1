import { createHash, randomUUID } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { appendEvents } from '../../db/event-log';
import { usersWanting } from '../../db/notifications';
import { notificationEvent } from '../../domain/realtime/notification-events';
import { STRICT_OUTBOUND_POLICY, type OutboundPolicy } from '../../domain/network/address-policy';
import { requestGuarded } from '../../outbound/guarded-http';
import { OutboundRefused } from '../../outbound/guarded-resolve';

export interface NotifyInput {
  orgId: string;
  firingId: string;
  ticketNumber: number;
  channel: 'in_app' | 'email';
  userIds: string[];
  message: string;
}

export interface WebhookInput {
  orgId: string;
  firingId: string;
  /** Which webhook action of the firing: with the firing id, the receiver's de-duplication key. */
  index: number;
  url: string;
  method: 'POST' | 'PUT';
  body: string;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The side effects rules ask for. They run as ordinary activities with retries: a webhook
 * endpoint that is down is retried with backoff, and an in-app notification is stored once
 * whatever the number of attempts. Webhooks go through the outbound guard (`outbound/`): a
 * private or reserved target is refused for good, and redirects are not followed (a 3xx is a
 * failed delivery, not retried).
 */
export function createRuleEffectActivities(db: Db, options: { notifySmtpUrl?: string | undefined; outbound?: OutboundPolicy | undefined } = {}) {
  const outbound = options.outbound ?? STRICT_OUTBOUND_POLICY;
  const mailer = options.notifySmtpUrl ? nodemailer.createTransport(options.notifySmtpUrl) : null;

  return {
    async deliverNotification(input: NotifyInput): Promise<void> {
      const recipients = await withTenant(db, { orgId: input.orgId }, async (trx) => {
        const members: { id: string; email: string }[] = await trx('users as u')
          .join('memberships as m', 'm.user_id', 'u.id')
          .where('m.org_id', input.orgId)
          .whereNull('m.deactivated_at')
          .whereIn('u.id', input.userIds)
          .select('u.id', 'u.email');
        // A member who switched rule notifications off for this channel gets none.
        const wanting = new Set(await usersWanting(trx, input.orgId, members.map((m) => m.id), 'rule', input.channel));
        const users = members.filter((m) => wanting.has(m.id));
        if (users.length === 0) return [];
        const delivery = input.channel === 'in_app' ? 'stored' : mailer ? 'sent' : 'skipped';
        const inserted: { id: string; user_id: string }[] = await trx('notifications')
          .insert(users.map((user) => ({
            org_id: input.orgId, id: randomUUID(), user_id: user.id, channel: input.channel, message: input.message,
            ticket_number: input.ticketNumber, firing_id: input.firingId, delivery,
          })))
          .onConflict(['org_id', 'firing_id', 'user_id', 'channel']).ignore()
          .returning(['id', 'user_id']);
        const at = new Date().toISOString();
        const { channel, message, ticketNumber } = input;
        await appendEvents(trx, input.orgId, inserted.map((row) => notificationEvent({ id: row.id, userId: row.user_id, channel, message, ticketNumber }, at)));
        return users.filter((user) => inserted.some((row) => row.user_id === user.id));
      });
      if (input.channel !== 'email' || !mailer || recipients.length === 0) return;
      await mailer.sendMail({
        to: recipients.map((user) => user.email),
        subject: `[Keel] Ticket #${input.ticketNumber}`,
        text: input.message,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },

    async callWebhook(input: WebhookInput): Promise<{ status: number }> {
      const deliveryId = `${input.firingId}:${input.index}`;
      const attempt = Context.current().info.attempt;
      let status: number | null = null;
      let error: string | null = null;
      let refused = false;
      try {
        ({ status } = await requestGuarded(input.url, {
          method: input.method,
          headers: { 'content-type': 'application/json', 'user-agent': 'Keel-Webhooks/1', 'x-keel-delivery': deliveryId },
          body: input.body,
          timeoutMs: WEBHOOK_TIMEOUT_MS,
        }, outbound));
      } catch (caught) {
        refused = caught instanceof OutboundRefused;
        error = (caught as Error).message;
      }
      await withTenant(db, { orgId: input.orgId }, async (trx) => {
        await trx('webhook_deliveries')
          .insert({ org_id: input.orgId, id: uuidFor(deliveryId), firing_id: input.firingId, url: input.url, attempts: attempt, response_status: status, error, delivered_at: status !== null && status < 300 ? new Date() : null })
          .onConflict(['org_id', 'id'])
          .merge(['attempts', 'response_status', 'error', 'delivered_at', 'updated_at']);
      });
      if (status !== null && status >= 200 && status < 300) return { status };
      if (refused) throw ApplicationFailure.nonRetryable(error ?? 'refused', 'WebhookRefused');
      // Redirects are not followed, and 4xx other than 408/429 will not get better by retrying.
      if (status !== null && status >= 300 && status < 500 && status !== 408 && status !== 429) {
        throw ApplicationFailure.nonRetryable(`Webhook answered ${status}`, 'WebhookRejected');
      }
      throw ApplicationFailure.retryable(error ?? `Webhook answered ${status}`, 'WebhookFailed');
    },
  };
}

export type RuleEffectActivities = ReturnType<typeof createRuleEffectActivities>;

/** A stable uuid per delivery (name-based, from a hash), so every attempt updates the same row. */
function uuidFor(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
