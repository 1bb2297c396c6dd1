import type { Knex } from 'knex';
import type { Db } from './connection';
import { isUniqueViolation } from './failure-classes';

/**
 * Invitations to join an organisation, stored with a hash of their mailed token. An open
 * invitation is neither accepted nor revoked (it may have lapsed); accepting one is single use.
 */

export interface InvitationRow {
  id: string;
  email: string;
  name: string;
  role: string;
  invited_by: string;
  expires_at: Date;
  created_at: Date;
}

const COLUMNS = ['id', 'email', 'name', 'role', 'invited_by', 'expires_at', 'created_at'];

const openInvitations = (trx: Knex.Transaction, orgId: string) =>
  trx('invitations').where({ org_id: orgId }).whereNull('accepted_at').whereNull('revoked_at');

/** The invitation a token hash opens, whatever its state, with its org's name (SECURITY DEFINER: the caller has no tenant yet). */
export async function invitationByToken(db: Db, tokenHash: string) {
  const { rows } = await db.raw<{ rows: { org_id: string; id: string; org_name: string; email: string; name: string; role: string; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }[] }>(
    'SELECT * FROM invitation_by_token(?)', [tokenHash],
  );
  return rows[0];
}

/** A page of open invitations, newest first, after the given cursor; one more than asked shows there are more. */
export async function listOpenInvitations(
  trx: Knex.Transaction,
  orgId: string,
  page: { after: { c: string; id: string } | null; limit: number },
): Promise<InvitationRow[]> {
  const builder = openInvitations(trx, orgId).select<InvitationRow[]>(COLUMNS);
  if (page.after) builder.whereRaw('(created_at, id) < (?, ?)', [page.after.c, page.after.id]);
  return builder.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.limit + 1);
}

/** Revokes the address's open invitation in the org, if it has one (a new one replaces it). */
export async function revokeOpenInvitationsFor(trx: Knex.Transaction, orgId: string, email: string): Promise<void> {
  await openInvitations(trx, orgId).andWhere({ email }).update({ revoked_at: trx.fn.now() });
}

/** Revokes the open invitation; false when there is none with this id. */
export async function revokeOpenInvitation(trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  return (await openInvitations(trx, orgId).andWhere({ id }).update({ revoked_at: trx.fn.now() })) > 0;
}

/** The new invitation; undefined when another open invitation for the address was stored meanwhile (the unique index refused this one). */
export async function insertInvitation(
  trx: Knex.Transaction,
  row: { org_id: string; id: string; email: string; name: string; role: string; token_hash: string; invited_by: string; expires_at: Date },
): Promise<InvitationRow | undefined> {
  let rows: InvitationRow[];
  try {
    rows = await trx('invitations').insert(row).returning<InvitationRow[]>(COLUMNS);
  } catch (error) {
    if (isUniqueViolation(error)) return undefined;
    throw error;
  }
  const [inserted] = rows;
  if (!inserted) throw new Error('invitation not inserted');
  return inserted;
}

/** Marks the invitation accepted by the user if it is still open and unexpired; false when it is not (only one acceptance can flip it). */
export async function acceptOpenInvitation(trx: Knex.Transaction, orgId: string, id: string, userId: string): Promise<boolean> {
  const accepted = await trx('invitations').where({ org_id: orgId, id })
    .whereNull('accepted_at').whereNull('revoked_at').andWhere('expires_at', '>', trx.fn.now())
    .update({ accepted_at: trx.fn.now(), accepted_by: userId });
  return accepted > 0;
}
