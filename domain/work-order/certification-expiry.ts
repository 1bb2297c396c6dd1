/** Certifications expiring within this many days are flagged `expiring`. */
export const EXPIRY_WARNING_DAYS = 30;

export type CertificationExpiry = 'valid' | 'expiring' | 'expired' | 'none';

/** Where a certification stands on `today` (both `YYYY-MM-DD`): no date never expires. */
export function expiryOf(expiresOn: string | null, today: string): CertificationExpiry {
  if (expiresOn === null) return 'none';
  if (expiresOn < today) return 'expired';
  const warnUntil = new Date(Date.parse(`${today}T00:00:00Z`) + EXPIRY_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  return expiresOn <= warnUntil ? 'expiring' : 'valid';
}
