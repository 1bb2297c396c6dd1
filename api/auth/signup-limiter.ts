import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Problem } from '../problem';

/**
 * Throttling of the public requests that mail an address (sign-ups, password-reset links):
 * per IP (a script creating accounts or probing addresses) and per address (mail-bombing
 * someone). Both answer the same 429 whether the address has an account or not, so the limit
 * tells nothing about who has one. Each kind of request counts on its own, with the same limits.
 */
export interface SignupLimits {
  perIpPerHour: number;
  perEmailPerHour: number;
}

export const DEFAULT_SIGNUP_LIMITS: SignupLimits = { perIpPerHour: 20, perEmailPerHour: 5 };

const KINDS = {
  signup: { prefix: 'signup', title: 'Too many sign-ups' },
  'password-reset': { prefix: 'password-reset', title: 'Too many password-reset requests' },
} as const;

export function createSignupLimiter(overrides: Partial<SignupLimits> = {}, kind: keyof typeof KINDS = 'signup') {
  const limits = { ...DEFAULT_SIGNUP_LIMITS, ...overrides };
  const { prefix, title } = KINDS[kind];
  const perIp = new RateLimiterMemory({ keyPrefix: `${prefix}-ip`, points: limits.perIpPerHour, duration: 3600 });
  const perEmail = new RateLimiterMemory({ keyPrefix: `${prefix}-email`, points: limits.perEmailPerHour, duration: 3600 });
  const tooMany = (result: unknown): never => {
    const seconds = result instanceof RateLimiterRes ? Math.max(1, Math.ceil(result.msBeforeNext / 1000)) : 3600;
    throw new Problem(429, 'rate-limited', title, { detail: `Try again in ${seconds} s.` }, { 'Retry-After': String(seconds) });
  };
  return {
    async admit(ip: string, email: string): Promise<void> {
      await perIp.consume(ip).catch(tooMany);
      await perEmail.consume(email).catch(tooMany);
    },
  };
}
