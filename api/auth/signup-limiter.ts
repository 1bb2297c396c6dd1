import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Problem } from '../problem';

/**
 * Sign-up throttling: per IP (a script creating accounts) and per address (mail-bombing
 * someone with confirmation mail). Both answer the same 429 whether the address is taken
 * or not, so the limit tells nothing about who has an account.
 */
export interface SignupLimits {
  perIpPerHour: number;
  perEmailPerHour: number;
}

export const DEFAULT_SIGNUP_LIMITS: SignupLimits = { perIpPerHour: 20, perEmailPerHour: 5 };

export function createSignupLimiter(overrides: Partial<SignupLimits> = {}) {
  const limits = { ...DEFAULT_SIGNUP_LIMITS, ...overrides };
  const perIp = new RateLimiterMemory({ keyPrefix: 'signup-ip', points: limits.perIpPerHour, duration: 3600 });
  const perEmail = new RateLimiterMemory({ keyPrefix: 'signup-email', points: limits.perEmailPerHour, duration: 3600 });
  return {
    async admit(ip: string, email: string): Promise<void> {
      await perIp.consume(ip).catch(tooMany);
      await perEmail.consume(email).catch(tooMany);
    },
  };
}

function tooMany(result: unknown): never {
  const seconds = result instanceof RateLimiterRes ? Math.max(1, Math.ceil(result.msBeforeNext / 1000)) : 3600;
  throw new Problem(429, 'rate-limited', 'Too many sign-ups', { detail: `Try again in ${seconds} s.` }, { 'Retry-After': String(seconds) });
}
