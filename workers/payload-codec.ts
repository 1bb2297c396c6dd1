import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
// A CommonJS package: Node's ESM loader only offers its default export.
import proto from '@temporalio/proto';

const { Payload: PayloadMessage } = proto.temporal.api.common.v1;

const ENCODING = 'binary/encrypted';
const CIPHER = 'aes-256-gcm';
const encoder = new TextEncoder();

/**
 * Encrypts every payload with AES-256-GCM before it leaves the process, so the Temporal server
 * (and its UI, and its database) only ever stores ciphertext of tickets' personal data.
 * Payloads without the `binary/encrypted` marker pass through on decode, which keeps
 * histories written before the codec readable.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly key: Buffer, private readonly keyId: string) {
    if (key.length !== 32) throw new Error('The payload key must be 32 bytes (base64 of 32 random bytes).');
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv(CIPHER, this.key, iv);
      const plain = PayloadMessage.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: encoder.encode(ENCODING), 'encryption-key-id': encoder.encode(this.keyId) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const encoding = payload.metadata?.encoding;
      if (!encoding || Buffer.from(encoding).toString() !== ENCODING) return payload;
      const sealed = Buffer.from(payload.data ?? new Uint8Array());
      const decipher = createDecipheriv(CIPHER, this.key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(sealed.length - 16));
      const plain = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
      return PayloadMessage.decode(plain);
    });
  }
}
