import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Problem } from '../problem';

/**
 * Login throttling that slows guessers down without locking anyone out.
 *
 * - Every attempt counts against the caller's IP (`perIpPerMinute`).
 * - Failures are counted per account *and IP*, and per IP across accounts: past a few free
 *   ones, each further failure blocks that key for a doubling delay (429 with Retry-After), up
 *   to `maxDelaySeconds`. An attacker hammering an account from one place slows only
 *   themselves: the owner logging in from elsewhere is not affected.
 * - A global ceiling per account (`failuresPerAccount` per `accountWindowSeconds`, from all
 *   IPs together) stops a distributed guesser: 100 an hour is at most 2,400 guesses a day, on
 *   passwords that must pass the common-password blocklist. Past it, only IPs that logged in
 *   to the account successfully in the last 14 days still get through (with their own limits).
 *
 * In-process counters: with several API instances, swap in rate-limiter-flexible's Postgres store.
 */
export interface LoginLimits {
  perIpPerMinute: number;
  /** Consecutive failures on one account from one IP before the delays start. */
  freeFailuresPerAccountIp: number;
  /** Failures from one IP over all accounts before the delays start. */
  freeFailuresPerIp: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** How long failures are remembered (per account+IP and per IP). */
  failureWindowSeconds: number;
  failuresPerAccount: number;
  accountWindowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perIpPerMinute: 60,
  freeFailuresPerAccountIp: 5,
  freeFailuresPerIp: 30,
  firstDelaySeconds: 5,
  maxDelaySeconds: 900,
  failureWindowSeconds: 3600,
  failuresPerAccount: 100,
  accountWindowSeconds: 3600,
};

// 14 days: the in-memory store's timers cannot exceed 2^31 ms (24.8 days).
const TRUSTED_IP_SECONDS = 14 * 24 * 3600;

export function createLoginLimiter(overrides: Partial<LoginLimits> = {}) {
  const limits = { ...DEFAULT_LOGIN_LIMITS, ...overrides };
  const perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: limits.perIpPerMinute, duration: 60 });
  const accountIp = backoff('login-account-ip', limits.freeFailuresPerAccountIp, limits);
  const ipFailures = backoff('login-ip-failures', limits.freeFailuresPerIp, limits);
  const perAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: limits.failuresPerAccount, duration: limits.accountWindowSeconds });
  const trusted = new RateLimiterMemory({ keyPrefix: 'login-trusted', points: 1, duration: TRUSTED_IP_SECONDS });
  const pair = (ip: string, account: string) => `${account}\n${ip}`;

  return {
    /** Throws a 429 problem when this attempt must wait; call before checking the password. */
    async admit(ip: string, account: string): Promise<void> {
      await perIp.consume(ip).catch(tooMany);
      await ipFailures.check(ip);
      await accountIp.check(pair(ip, account));
      const failures = await perAccount.get(account);
      if (failures && failures.remainingPoints <= 0 && !(await trusted.get(pair(ip, account)))) tooMany(failures);
    },
    async failed(ip: string, account: string): Promise<void> {
      await Promise.all([ipFailures.fail(ip), accountIp.fail(pair(ip, account)), perAccount.penalty(account, 1)]);
    },
    async succeeded(ip: string, account: string): Promise<void> {
      await Promise.all([accountIp.clear(pair(ip, account)), perAccount.delete(account), trusted.set(pair(ip, account), 1, TRUSTED_IP_SECONDS)]);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

/** Failures of one key; past `free` of them, each further one blocks the key for a doubling delay. */
function backoff(prefix: string, free: number, limits: LoginLimits) {
  const failures = new RateLimiterMemory({ keyPrefix: `${prefix}-count`, points: free, duration: limits.failureWindowSeconds });
  const blocks = new RateLimiterMemory({ keyPrefix: `${prefix}-block`, points: 1, duration: limits.maxDelaySeconds });
  return {
    async check(key: string): Promise<void> {
      const blocked = await blocks.get(key);
      if (blocked && blocked.remainingPoints <= 0 && blocked.msBeforeNext > 0) tooMany(blocked);
    },
    async fail(key: string): Promise<void> {
      const count = await failures.penalty(key, 1);
      const over = count.consumedPoints - free;
      if (over > 0) await blocks.block(key, Math.min(limits.maxDelaySeconds, limits.firstDelaySeconds * 2 ** (over - 1)));
    },
    async clear(key: string): Promise<void> {
      await Promise.all([failures.delete(key), blocks.delete(key)]);
    },
  };
}

function tooMany(result: unknown): never {
  const seconds = result instanceof RateLimiterRes ? Math.max(1, Math.ceil(result.msBeforeNext / 1000)) : 60;
  throw new Problem(429, 'rate-limited', 'Too many login attempts', { detail: `Try again in ${seconds} s.` }, {
    'Retry-After': String(seconds),
  });
}
