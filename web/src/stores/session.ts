import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok, useTokenStore } from '../api/client';
import type { Organization, Session, User } from '../api/types';

const STORAGE_KEY = 'keel.session';

/** What the console keeps in localStorage: the short-lived access token and who it is for. */
type StoredSession = Session;

/**
 * Who is signed in. The access token (minutes) and the person are kept in localStorage so a
 * reload stays signed in; the refresh token never reaches script: the API keeps it in an
 * HttpOnly, SameSite=Strict cookie that only the auth routes receive.
 */
export const useSessionStore = defineStore('session', () => {
  const saved = load();
  const accessToken = ref<string | null>(saved?.accessToken ?? null);
  const user = ref<User | null>(saved?.user ?? null);
  const organization = ref<Organization | null>(saved?.organization ?? null);
  const signedIn = computed(() => accessToken.value !== null && user.value !== null);

  function persist(): void {
    if (accessToken.value && user.value && organization.value) {
      const session: StoredSession = { accessToken: accessToken.value, user: user.value, organization: organization.value };
      localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  }

  function start(session: Session): void {
    accessToken.value = session.accessToken;
    user.value = session.user;
    organization.value = session.organization;
    persist();
  }

  function clear(): void {
    accessToken.value = null;
    user.value = organization.value = null;
    persist();
  }

  useTokenStore({
    accessToken: () => accessToken.value,
    update(tokens) {
      accessToken.value = tokens.accessToken;
      persist();
    },
    expired: clear,
  });

  /** Asks for a workspace: the API mails a confirmation link (the answer is the same whether or not the address has an account). */
  async function signup(input: { organization: string; name: string; email: string; password: string }): Promise<void> {
    await ok(http.POST('/api/v1/auth/signup', { body: input }));
  }

  /** Follows the mailed link: creates the workspace and signs in. */
  async function confirmSignup(token: string): Promise<void> {
    start(await ok(http.POST('/api/v1/auth/signup/confirm', { body: { token } })));
  }

  async function login(input: { email: string; password: string; otp?: string; organization?: string }): Promise<void> {
    start(await ok(http.POST('/api/v1/auth/login', { body: input })));
  }

  async function logout(): Promise<void> {
    clear();
    // The cookie names the session to end; the API clears it.
    await ok(http.POST('/api/v1/auth/logout', { body: {} })).catch(() => undefined);
  }

  return { user, organization, signedIn, signup, confirmSignup, login, logout };
});

function load(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const { accessToken, user, organization } = JSON.parse(raw) as StoredSession;
    // Sessions saved by older consoles also held the refresh token: drop it from storage.
    const session = { accessToken, user, organization };
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    return session;
  } catch {
    return null;
  }
}
