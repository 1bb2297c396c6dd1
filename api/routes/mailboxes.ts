import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/failure-classes';
import { secretContext, type ImapSettings, type SmtpSettings } from '../../db/mailbox-row';
import { deleteMailbox, findMailbox, insertMailbox, listMailboxes, mailboxAddressInUse, updateMailbox, type MailboxSettings, type StoredMailbox } from '../../db/mailbox-store';
import { userEmail } from '../../db/member-directory';
import { withTenant } from '../../db/tenant';
import { fromHeader, transportFor } from '../../outbound/smtp-transport';
import { mailboxPollClient } from '../../clients/mailbox-poll-client';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { created } from '../created';
import { runningEmailChannel, type EmailApi } from '../email/running-channel';
import { smtpTestProblem } from '../email/smtp-test-problem';
import { Problem, found, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { CreateMailboxBody, MailboxIdParams, MailboxSchema, PatchMailboxBody, TestMessageBody, type ImapInput, type SmtpInput } from '../schemas/mailboxes';

/** The API view of a mailbox: settings without secrets (only whether a password is set). */
function view(row: StoredMailbox): z.infer<typeof MailboxSchema> {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    inboundMode: row.inbound_mode,
    imap: row.imap ? { ...row.imap, hasPassword: row.imap_password_enc !== null } : null,
    smtp: row.smtp ? { ...row.smtp, hasPassword: row.smtp_password_enc !== null } : null,
    acknowledge: row.acknowledge,
    ackSubject: row.ack_subject,
    ackBody: row.ack_body,
    imapLastUid: Number(row.imap_last_uid),
    createdAt: row.created_at.toISOString(),
  };
}

const addressTaken = (address: string) =>
  new Problem(409, 'mailbox-address-taken', 'That address already belongs to a mailbox', { detail: `${address} is in use.`, errors: [{ pointer: '/address', message: 'Already in use.' }] });

const ADMIN = ['owner', 'admin'] as const;
/** The stored settings of a request's IMAP or SMTP block: everything but the password, which is sealed apart. */
const imapSettings = (imap: z.infer<typeof ImapInput>): ImapSettings => ({ host: imap.host, port: imap.port, tls: imap.tls, username: imap.username, folder: imap.folder });
const smtpSettings = (smtp: z.infer<typeof SmtpInput>): SmtpSettings => ({ host: smtp.host, port: smtp.port, tls: smtp.tls, username: smtp.username });

const mailboxes = routeGroup({ tag: 'mailboxes', access: ADMIN });

/** Mailboxes: the email channel's configuration. */
export function mailboxRoutes(deps: ApiDeps) {
  const { db } = deps;
  const email = () => runningEmailChannel(deps);

  const seal = (channel: EmailApi, mailbox: { org_id: string; id: string }, purpose: 'smtp' | 'imap', password: string | null | undefined) =>
    password === undefined ? undefined : password === null ? null : channel.secrets.encrypt(password, secretContext(mailbox, purpose));

  /** Keeps the mailbox's IMAP polling workflow in step with its settings. */
  const polling = mailboxPollClient(deps);
  const syncPolling = (channel: EmailApi, row: StoredMailbox, restart: boolean) =>
    polling.sync({ orgId: row.org_id, mailboxId: row.id, imap: row.inbound_mode === 'imap' }, { restart, listenMs: channel.imapListenMs });

  const list = mailboxes.get('/mailboxes', {
    operationId: 'listMailboxes', summary: "The organization's mailboxes (credentials are never returned)",
    responses: { 200: { description: 'Mailboxes', schema: z.object({ data: z.array(MailboxSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => listMailboxes(trx, auth.orgId));
      return { status: 200, body: { data: rows.map(view) } };
    },
  });

  const create = mailboxes.post('/mailboxes', {
    operationId: 'createMailbox', summary: 'Add a mailbox: its address, how mail comes in (SMTP or IMAP polling) and how replies go out',
    body: CreateMailboxBody,
    responses: { 201: { description: 'Created', schema: MailboxSchema } },
    async handler({ auth, body }) {
      const channel = email();
      const key = { org_id: auth.orgId, id: randomUUID() };
      const row = await withTenant(db, auth, async (trx) => {
        const inserted = await insertMailbox(trx, key, {
          name: body.name,
          address: body.address,
          inbound_mode: body.inboundMode,
          imap: body.imap ? imapSettings(body.imap) : null,
          imap_password_enc: seal(channel, key, 'imap', body.imap?.password) ?? null,
          smtp: body.smtp ? smtpSettings(body.smtp) : null,
          smtp_password_enc: seal(channel, key, 'smtp', body.smtp?.password) ?? null,
          acknowledge: body.acknowledge,
          ack_subject: body.ackSubject,
          ack_body: body.ackBody,
        });
        if (!inserted) throw addressTaken(body.address);
        await auditCaller(trx, auth, { action: 'mailbox.created', entityType: 'mailbox', entityId: key.id, data: { address: body.address } });
        return inserted;
      });
      await syncPolling(channel, row, false);
      return created(`/api/v1/mailboxes/${row.id}`, view(row));
    },
  });

  const show = mailboxes.get('/mailboxes/{id}', {
    operationId: 'getMailbox', summary: 'One mailbox', params: MailboxIdParams,
    responses: { 200: { description: 'The mailbox', schema: MailboxSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: view(found(await withTenant(db, auth, (trx) => findMailbox(trx, auth.orgId, params.id)), 'Mailbox')) };
    },
  });

  const patch = mailboxes.patch('/mailboxes/{id}', {
    operationId: 'updateMailbox', summary: 'Change a mailbox; a password absent from the body is kept, null clears it',
    params: MailboxIdParams, body: PatchMailboxBody,
    responses: { 200: { description: 'The mailbox', schema: MailboxSchema } },
    async handler({ auth, params, body }) {
      const channel = email();
      const { row, restart } = await withTenant(db, auth, async (trx) => {
        const before = await findMailbox(trx, auth.orgId, params.id);
        if (!before) throw notFound('Mailbox');
        const imap = body.imap === undefined ? before.imap : body.imap;
        const mode = body.inboundMode ?? before.inbound_mode;
        if (mode === 'imap' && !imap) throw new Problem(400, 'validation', 'The request is not valid', { errors: [{ pointer: '/imap', message: 'IMAP settings are required to poll IMAP.' }] });
        const changes: Partial<MailboxSettings> = {};
        if (body.name !== undefined) changes.name = body.name;
        if (body.address !== undefined) changes.address = body.address;
        if (body.inboundMode !== undefined) changes.inbound_mode = body.inboundMode;
        if (body.acknowledge !== undefined) changes.acknowledge = body.acknowledge;
        if (body.ackSubject !== undefined) changes.ack_subject = body.ackSubject;
        if (body.ackBody !== undefined) changes.ack_body = body.ackBody;
        if (body.imap !== undefined) {
          changes.imap = body.imap ? imapSettings(body.imap) : null;
          const sealed = body.imap ? seal(channel, before, 'imap', body.imap.password) : null;
          if (sealed !== undefined) changes.imap_password_enc = sealed;
        }
        if (body.smtp !== undefined) {
          changes.smtp = body.smtp ? smtpSettings(body.smtp) : null;
          const sealed = body.smtp ? seal(channel, before, 'smtp', body.smtp.password) : null;
          if (sealed !== undefined) changes.smtp_password_enc = sealed;
        }
        if (body.address !== undefined && body.address !== before.address && (await mailboxAddressInUse(trx, body.address))) throw addressTaken(body.address);
        let after: StoredMailbox | undefined;
        try {
          after = await updateMailbox(trx, auth.orgId, params.id, changes);
        } catch (error) {
          if (isUniqueViolation(error)) throw addressTaken(body.address ?? before.address);
          throw error;
        }
        await auditCaller(trx, auth, { action: 'mailbox.updated', entityType: 'mailbox', entityId: params.id, data: { fields: Object.keys(body) } });
        return { row: after!, restart: body.imap !== undefined || body.inboundMode !== undefined };
      });
      await syncPolling(channel, row, restart);
      return { status: 200, body: view(row) };
    },
  });

  const remove = mailboxes.delete('/mailboxes/{id}', {
    operationId: 'deleteMailbox', summary: 'Delete a mailbox (its mail stays on its tickets); stops its IMAP polling',
    params: MailboxIdParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params }) {
      const channel = email();
      const row = await withTenant(db, auth, async (trx) => {
        const found = await findMailbox(trx, auth.orgId, params.id);
        if (!found) throw notFound('Mailbox');
        await deleteMailbox(trx, auth.orgId, params.id);
        await auditCaller(trx, auth, { action: 'mailbox.deleted', entityType: 'mailbox', entityId: params.id, data: { address: found.address } });
        return found;
      });
      await syncPolling(channel, { ...row, inbound_mode: 'smtp' }, true);
      return { status: 204 };
    },
  });

  const test = mailboxes.post('/mailboxes/{id}/test', {
    operationId: 'testMailbox', summary: "Send a test message through the mailbox's outbound SMTP (to the caller unless `to` is given)",
    params: MailboxIdParams, body: TestMessageBody,
    responses: { 200: { description: 'Sent', schema: z.object({ sent: z.literal(true), to: z.string(), messageId: z.string() }) } },
    async handler({ auth, params, body }) {
      const channel = email();
      const { row, me } = await withTenant(db, auth, async (trx) => ({
        row: await findMailbox(trx, auth.orgId, params.id),
        me: await userEmail(trx, auth.userId),
      }));
      if (!row) throw notFound('Mailbox');
      if (!row.smtp) throw new Problem(422, 'mailbox-no-outbound', 'The mailbox has no outbound SMTP settings');
      const to = body.to ?? me;
      if (!to) throw new Problem(422, 'validation', 'No address to send to', { errors: [{ pointer: '/to', message: 'Required.' }] });
      try {
        const transport = await transportFor(row, channel.secrets, channel.outbound);
        const info = await transport.sendMail({
          from: fromHeader(row), to, subject: `Keel test message from ${row.name}`,
          text: `This is a test message from the Keel mailbox ${row.address}. Outbound mail works.`,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        transport.close();
        return { status: 200, body: { sent: true as const, to, messageId: String(info.messageId).replace(/^<|>$/g, '') } };
      } catch (error) {
        throw smtpTestProblem(error);
      }
    },
  });

  return [list, create, show, patch, remove, test];
}
