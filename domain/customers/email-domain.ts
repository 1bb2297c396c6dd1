/**
 * Email domains as companies hold them: lower case, dot-separated labels of letters, digits
 * and inner hyphens, at least two labels (`acme.com`, `mail.acme.co.uk`). The same rule is a
 * CHECK on `company_domains`, so what passes here is what the table takes.
 */
export const EMAIL_DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;
export const EMAIL_DOMAIN_MAX = 253;

/** The domain of an address, lower-cased (`Ann@Acme.COM` → `acme.com`); null when it has none. */
export function emailDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return null;
  return address.slice(at + 1).toLowerCase();
}
