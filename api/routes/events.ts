import { readEvents } from '../../db/event-log';
import { readableTopics } from '../../db/event-topics';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { topicReader } from '../realtime/topic-reader';
import { routeGroup } from '../route-group';
import { EventPage, ListEventsQuery } from '../schemas/events';

const events = routeGroup({ tag: 'events', access: ACCESS.staff });

/** The org's event log over HTTP: what the WebSocket at /api/v1/ws sends, paged by `seq`. */
export function eventRoutes(deps: ApiDeps) {
  const list = events.get('/events', {
    operationId: 'listEvents', summary: "The org's events after a seq, oldest first (those the caller's role may read)",
    query: ListEventsQuery,
    responses: { 200: { description: 'Events', schema: EventPage } },
    async handler({ auth, query }) {
      const data = await withTenant(deps.db, auth, (trx) => readEvents(trx, auth.orgId, query.after, query.limit, readableTopics(topicReader(auth))));
      const last = data.at(-1);
      return { status: 200, body: { data, nextCursor: data.length === query.limit && last ? String(last.seq) : null } };
    },
  });
  return [list];
}
