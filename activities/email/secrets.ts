import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Mailbox credentials at rest: AES-256-GCM under a key from the environment (`KEEL_MAIL_KEY`),
 * bound to the mailbox they belong to (associated data), so a ciphertext copied to another
 * mailbox's row does not decrypt.
 */
export class MailSecrets {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The mail key must be 32 bytes.');
  }

  encrypt(plain: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
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
