import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Mailbox, MailboxBody } from '../api/types';
import { writeThenReload } from './write-then-reload';

/** The org's mailboxes, as the admin settings page edits and tests them. */
export const useMailboxesStore = defineStore('mailboxes', () => {
  const mailboxes = ref<Mailbox[]>([]);

  async function load(): Promise<void> {
    mailboxes.value = (await ok(http.GET('/api/v1/mailboxes'))).data;
  }

  /** Creates (no id) or changes a mailbox; a password left out keeps the stored one. */
  const save = (id: string | null, mailbox: MailboxBody): Promise<Mailbox> =>
    writeThenReload(ok(id ? http.PATCH('/api/v1/mailboxes/{id}', { params: { path: { id } }, body: mailbox }) : http.POST('/api/v1/mailboxes', { body: mailbox })), load);
  const remove = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/mailboxes/{id}', { params: { path: { id } } })), load);

  /** Sends a test message through the mailbox's relay (to the admin when `to` is empty). */
  const sendTest = (id: string, to: string) => ok(http.POST('/api/v1/mailboxes/{id}/test', { params: { path: { id } }, body: to ? { to } : {} }));

  return { mailboxes, load, save, remove, sendTest };
});
