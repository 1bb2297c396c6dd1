import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Invitation, Member, MemberRole, Page } from '../api/types';
import { useMembersStore } from './members';

/** Reads every page of a keyset-paged list. */
async function allPages<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    all.push(...page.data);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * The members page's state: everyone in the org (deactivated members too) and the open
 * invitations. Each change answers the member as the server left them, which replaces the
 * row here; the assignee lists (the members store) are reloaded so they follow.
 */
export const useMemberAdminStore = defineStore('member-admin', () => {
  const members = ref<Member[]>([]);
  const invitations = ref<Invitation[]>([]);
  const loaded = ref(false);

  async function load(): Promise<void> {
    const [everyone, open] = await Promise.all([
      allPages((cursor) => ok(http.GET('/api/v1/users', { params: { query: { status: 'all', limit: 200, ...(cursor && { cursor }) } } }))),
      allPages((cursor) => ok(http.GET('/api/v1/invitations', { params: { query: { limit: 200, ...(cursor && { cursor }) } } }))),
    ]);
    members.value = everyone;
    invitations.value = open;
    loaded.value = true;
  }

  function replace(member: Member): Member {
    members.value = members.value.map((row) => (row.id === member.id ? member : row));
    void useMembersStore().load(true);
    return member;
  }

  const setRole = async (id: string, role: MemberRole) =>
    replace(await ok(http.POST('/api/v1/users/{id}/role', { params: { path: { id } }, body: { role } })));
  const deactivate = async (id: string) => replace(await ok(http.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })));
  const reactivate = async (id: string) => replace(await ok(http.POST('/api/v1/users/{id}/reactivate', { params: { path: { id } } })));
  /** Mails the member a single-use link to set a new password. */
  const sendPasswordReset = async (id: string): Promise<void> => {
    await ok(http.POST('/api/v1/users/{id}/password-reset', { params: { path: { id } } }));
  };

  async function invite(body: { email: string; name: string; role: MemberRole }): Promise<Invitation> {
    const invitation = await ok(http.POST('/api/v1/invitations', { body }));
    invitations.value = [invitation, ...invitations.value.filter((row) => row.email !== invitation.email)];
    return invitation;
  }

  async function revoke(id: string): Promise<void> {
    await ok(http.POST('/api/v1/invitations/{id}/revoke', { params: { path: { id } } }));
    invitations.value = invitations.value.filter((row) => row.id !== id);
  }

  return { sendPasswordReset, members, invitations, loaded, load, setRole, deactivate, reactivate, invite, revoke };
});
