import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { TicketFollower } from '../api/types';

/** The members following a ticket, and following or unfollowing it (for yourself, or anyone as an owner or admin). */
export function useTicketFollowers(number: () => number) {
  const followers = ref<TicketFollower[]>([]);
  const path = () => ({ path: { number: number() } });

  async function load(): Promise<void> {
    followers.value = (await ok(http.GET('/api/v1/tickets/{number}/followers', { params: path() }))).data;
  }

  async function follow(userId: string): Promise<void> {
    followers.value = (await ok(http.POST('/api/v1/tickets/{number}/followers', { params: path(), body: { userId } }))).data;
  }

  async function unfollow(userId: string): Promise<void> {
    followers.value = (await ok(http.DELETE('/api/v1/tickets/{number}/followers/{userId}', { params: { path: { number: number(), userId } } }))).data;
  }

  return { followers, load, follow, unfollow };
}
