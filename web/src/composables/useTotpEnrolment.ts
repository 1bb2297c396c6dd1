import { http, ok } from '../api/client';

/** Two-factor enrolment calls: a secret for an authenticator app, then a first code to confirm it. */
export function useTotpEnrolment() {
  return {
    enroll: () => ok(http.POST('/api/v1/auth/totp/enroll')),
    verify: (otp: string) => ok(http.POST('/api/v1/auth/totp/verify', { body: { otp } })),
  };
}
