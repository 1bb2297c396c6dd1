import type { TopicReader } from '../../domain/realtime/topics';
import { ACCESS, type Auth } from '../auth/roles';

/** What a member's role lets them read of the event log. */
export function topicReader(auth: Auth): TopicReader {
  return {
    userId: auth.userId,
    readsTickets: (ACCESS.readTickets as readonly string[]).includes(auth.role),
    readsDispatch: (ACCESS.dispatch as readonly string[]).includes(auth.role),
  };
}
