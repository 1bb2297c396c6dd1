import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api, useTokenStore } from '../api/client';
import type { Organization, Session, User } from '../api/types';

const STORAGE_KEY = 'keel.session';

/** Who is signed in, with tokens kept in localStorage so a reload stays signed in. */
export const useSessionStore = defineStore('session', () => {
  const saved = load();
  const accessToken = ref<string | null>(saved?.accessToken ?? null);
  const refreshToken = ref<string | null>(saved?.refreshToken ?? null);
  const user = ref<User | null>(saved?.user ?? null);
  const organization = ref<Organization | null>(saved?.organization ?? null);
  const signedIn = computed(() => accessToken.value !== null && user.value !== null);

  function persist(): void {
    if (accessToken.value && refreshToken.value && user.value && organization.value) {
      const session: Session = { accessToken: accessToken.value, refreshToken: refreshToken.value, user: user.value, organization: organization.value };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  }

  function start(session: Session): void {
    accessToken.value = session.accessToken;
    refreshToken.value = session.refreshToken;
    user.value = session.user;
    organization.value = session.organization;
    persist();
  }

  function clear(): void {
    accessToken.value = refreshToken.value = null;
    user.value = organization.value = null;
    persist();
  }

  useTokenStore({
    accessToken: () => accessToken.value,
    refreshToken: () => refreshToken.value,
    update(tokens) {
      accessToken.value = tokens.accessToken;
      refreshToken.value = tokens.refreshToken;
      persist();
    },
    expired: clear,
  });

  async function signup(input: { organization: string; name: string; email: string; password: string }): Promise<void> {
    start(await api<Session>('POST', '/auth/signup', input));
  }

  async function login(input: { email: string; password: string; otp?: string; organization?: string }): Promise<void> {
    start(await api<Session>('POST', '/auth/login', input));
  }

  async function logout(): Promise<void> {
    const token = refreshToken.value;
    clear();
    if (token) await api('POST', '/auth/logout', { refreshToken: token }).catch(() => undefined);
  }

  return { user, organization, signedIn, signup, login, logout };
});

function load(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}
