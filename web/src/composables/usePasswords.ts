import { http, ok } from '../api/client';

/**
 * Password calls: asking for a reset link (the answer is the same whether or not the address
 * has an account), following it, and changing the password while signed in.
 */
export function usePasswords() {
  return {
    requestReset: (email: string) => ok(http.POST('/api/v1/auth/password-reset', { body: { email } })),
    confirmReset: (token: string, password: string) => ok(http.POST('/api/v1/auth/password-reset/confirm', { body: { token, password } })),
    change: (currentPassword: string, newPassword: string) => ok(http.POST('/api/v1/auth/password', { body: { currentPassword, newPassword } })),
  };
}
