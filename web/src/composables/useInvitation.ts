import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { PublicInvitation, RequestBody } from '../api/types';

/** An invitation as its link shows it (no session needed), and accepting it. */
export function useInvitation(token: () => string) {
  const invitation = ref<PublicInvitation | null>(null);
  const path = () => ({ path: { token: token() } });

  async function load(): Promise<void> {
    invitation.value = await ok(http.GET('/api/v1/invitations/{token}', { params: path() }));
  }
  /** Joins the org: a new login gets its name and password; a signed-in one sends nothing. */
  async function accept(body: RequestBody<'acceptInvitation'> = {}): Promise<void> {
    await ok(http.POST('/api/v1/invitations/{token}/accept', { params: path(), body }));
  }

  return { invitation, load, accept };
}
