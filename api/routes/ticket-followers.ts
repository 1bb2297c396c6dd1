import type { Knex } from 'knex';
import { memberRole } from '../../db/member-directory';
import { withTenant } from '../../db/tenant';
import { addFollower, listFollowers, removeFollower } from '../../db/ticket-followers';
import { relatedTicket } from '../../db/ticket-relations';
import { ACCESS, type Auth } from '../auth/roles';
import { auditCaller } from '../caller-audit';
import type { ApiDeps } from '../deps';
import { Problem, forbidden, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema } from '../schemas/common';
import { FollowBody, FollowerParams, FollowersSchema } from '../schemas/ticket-followers';
import { TicketNumberParams } from '../schemas/tickets';

const tickets = routeGroup({ tag: 'tickets', access: ACCESS.workTickets });

/** Who may follow a ticket: the members notified of tickets (db/notifications.ts's roles). */
const FOLLOWER_ROLES: readonly string[] = ACCESS.workTickets;
/** Who may make someone else follow a ticket, or stop them. */
const MANAGE_OTHERS: readonly string[] = ACCESS.manageMembers;

const problems = {
  403: { description: 'An agent adding or removing someone other than themselves', schema: ProblemSchema },
  404: { description: 'No such ticket in this organization', schema: ProblemSchema },
};

/** Agents follow themselves; owners and admins choose for anyone. */
function mayChoose(auth: Auth, userId: string): void {
  if (userId !== auth.userId && !MANAGE_OTHERS.includes(auth.role)) throw forbidden('Only owners and admins add or remove followers other than themselves.');
}

async function ticketFound(trx: Knex.Transaction, auth: Auth, number: number) {
  const ticket = await relatedTicket(trx, auth.orgId, number);
  if (!ticket) throw notFound(`Ticket #${number}`);
  return ticket;
}

/**
 * Followers: members told of a ticket's replies, notes, customer replies, status and
 * assignment changes (`followed` notifications). Plain rows beside the ticket rather than a
 * workflow command: following changes nothing about the ticket itself, only who hears of it.
 */
export function ticketFollowerRoutes({ db }: ApiDeps) {
  const list = tickets.get('/tickets/{number}/followers', {
    access: ACCESS.readTickets,
    operationId: 'listTicketFollowers', summary: "The ticket's followers, first follower first",
    params: TicketNumberParams,
    responses: { 200: { description: 'Followers', schema: FollowersSchema }, 404: problems[404] },
    async handler({ auth, params }) {
      const data = await withTenant(db, auth, async (trx) => {
        await ticketFound(trx, auth, params.number);
        return listFollowers(trx, auth.orgId, params.number);
      });
      return { status: 200, body: { data } };
    },
  });

  const follow = tickets.post('/tickets/{number}/followers', {
    operationId: 'followTicket', summary: 'Make a member follow the ticket (yourself; owners and admins: any active member who works tickets); following twice changes nothing',
    params: TicketNumberParams, body: FollowBody,
    responses: {
      200: { description: "The ticket's followers after the change", schema: FollowersSchema },
      ...problems,
      409: { description: 'The ticket was merged into another (`ticket-merged` names which): follow that one', schema: ProblemSchema },
      422: { description: 'Not an active member of this organization who works tickets', schema: ProblemSchema },
    },
    async handler({ auth, params, body }) {
      mayChoose(auth, body.userId);
      const data = await withTenant(db, auth, async (trx) => {
        const ticket = await ticketFound(trx, auth, params.number);
        if (ticket.mergedInto !== null) {
          throw new Problem(409, 'ticket-merged', 'The ticket was merged into another', { detail: `Ticket #${params.number} was merged into #${ticket.mergedInto}.`, mergedInto: ticket.mergedInto });
        }
        const role = await memberRole(trx, auth.orgId, body.userId);
        if (!role || !FOLLOWER_ROLES.includes(role)) {
          throw new Problem(422, 'not-a-ticket-member', 'Not a member who works tickets', {
            errors: [{ pointer: '/userId', message: role ? `A ${role} does not work tickets, so cannot follow one.` : 'Not an active member of this organization.' }],
          });
        }
        if (await addFollower(trx, auth.orgId, params.number, body.userId, auth.userId)) {
          await auditCaller(trx, auth, { action: 'ticket.follower_added', entityType: 'ticket', entityId: params.number, data: { userId: body.userId } });
        }
        return listFollowers(trx, auth.orgId, params.number);
      });
      return { status: 200, body: { data } };
    },
  });

  const unfollow = tickets.delete('/tickets/{number}/followers/{userId}', {
    operationId: 'unfollowTicket', summary: 'Stop a member following the ticket (yourself; owners and admins: anyone); a member who does not follow it changes nothing',
    params: FollowerParams,
    responses: { 200: { description: "The ticket's followers after the change", schema: FollowersSchema }, ...problems },
    async handler({ auth, params }) {
      mayChoose(auth, params.userId);
      const data = await withTenant(db, auth, async (trx) => {
        await ticketFound(trx, auth, params.number);
        if (await removeFollower(trx, auth.orgId, params.number, params.userId)) {
          await auditCaller(trx, auth, { action: 'ticket.follower_removed', entityType: 'ticket', entityId: params.number, data: { userId: params.userId } });
        }
        return listFollowers(trx, auth.orgId, params.number);
      });
      return { status: 200, body: { data } };
    },
  });

  return [list, follow, unfollow];
}
