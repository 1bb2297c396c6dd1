import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (mailbox passwords, TOTP secrets): AES-256-GCM under a key from the
 * environment (`KEEL_MAIL_KEY`), bound to the record they belong to (associated data), so a
 * ciphertext copied to another record's row does not decrypt. Shared by `api/` and
 * `activities/`, which may not import each other.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The sealing key must be 32 bytes.');
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [SEALED_PREFIX.slice(0, -1), iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  decrypt(sealed: string, context: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown credential format.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

/** Every sealed value starts with this (a base32 TOTP secret never does: it has no lower case or colon). */
export const SEALED_PREFIX = 'v1:';

/** The associated data that binds a sealed TOTP secret to its user. */
export const totpContext = (userId: string): string => `totp:${userId}`;
