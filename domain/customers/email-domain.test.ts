import { describe, expect, it } from 'vitest';
import { EMAIL_DOMAIN, emailDomain } from './email-domain';

describe('email domains', () => {
  it('takes the part after the last @, lower-cased', () => {
    expect(emailDomain('Ann@Acme.COM')).toBe('acme.com');
    expect(emailDomain('"a@b"@mail.acme.co.uk')).toBe('mail.acme.co.uk');
    expect(emailDomain('no-domain@')).toBeNull();
    expect(emailDomain('nobody')).toBeNull();
  });

  it('accepts host names of two labels or more, and nothing else', () => {
    for (const good of ['acme.com', 'mail.acme.co.uk', 'x-1.example', '1und1.de']) expect(EMAIL_DOMAIN.test(good)).toBe(true);
    for (const bad of ['acme', 'Acme.com', '-acme.com', 'acme-.com', 'acme..com', '@acme.com', 'acme.com.', 'ac me.com', '*.acme.com']) expect(EMAIL_DOMAIN.test(bad)).toBe(false);
  });
});
