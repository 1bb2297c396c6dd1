import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Problem } from '../problem';

/**
 * Login throttling: every attempt counts against the caller's IP, and failures count against
 * the account, so neither a single client nor a distributed guesser gets far.
 * In-process counters: with several API instances, swap in rate-limiter-flexible's Postgres store.
 */
export interface LoginLimits {
  perIpPerMinute: number;
  failuresPerAccount: number;
  accountWindowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perIpPerMinute: 60, failuresPerAccount: 10, accountWindowSeconds: 900 };

export function createLoginLimiter(limits: LoginLimits = DEFAULT_LOGIN_LIMITS) {
  const perIp = new RateLimiterMemory({ keyPrefix: 'login-ip', points: limits.perIpPerMinute, duration: 60 });
  const perAccount = new RateLimiterMemory({
    keyPrefix: 'login-account',
    points: limits.failuresPerAccount,
    duration: limits.accountWindowSeconds,
  });

  return {
    async admit(ip: string, account: string): Promise<void> {
      await perIp.consume(ip).catch(tooMany);
      const failures = await perAccount.get(account);
      if (failures && failures.remainingPoints <= 0) tooMany(failures);
    },
    async failed(account: string): Promise<void> {
      await perAccount.penalty(account, 1);
    },
    async succeeded(account: string): Promise<void> {
      await perAccount.delete(account);
    },
  };
}

export type LoginLimiter = ReturnType<typeof createLoginLimiter>;

function tooMany(result: unknown): never {
  const seconds = result instanceof RateLimiterRes ? Math.ceil(result.msBeforeNext / 1000) : 60;
  throw new Problem(429, 'rate-limited', 'Too many login attempts', { detail: `Try again in ${seconds} s.` }, {
    'Retry-After': String(seconds),
  });
}
