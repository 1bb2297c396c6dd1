import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where attachment bytes live. Keys are opaque, chosen by the caller, path-safe. */
export interface AttachmentStore {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
}

/** The default store: files under a directory (`$KEEL_DATA_DIR/attachments`). */
export class LocalDiskStore implements AttachmentStore {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[a-zA-Z0-9/_-]+$/.test(key) || key.includes('..')) throw new Error(`Bad attachment key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, content: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content, { mode: 0o600 });
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.file(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }
}

/** Types never stored: executables and scripts a customer's mail should not deliver to an agent. */
const BLOCKED_TYPES = [
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-executable', 'application/x-sh',
  'application/x-bat', 'application/javascript', 'text/javascript', 'application/x-ms-installer', 'application/vnd.microsoft.portable-executable',
];
const BLOCKED_EXTENSIONS = /\.(exe|scr|bat|cmd|com|pif|js|jse|vbs|vbe|wsf|msi|ps1|jar|lnk|hta|cpl)$/i;

export interface AttachmentLimits {
  maxBytes: number;
}

/** Why an attachment is refused, or null when it may be stored. */
export function refuseAttachment(filename: string, contentType: string, size: number, limits: AttachmentLimits): string | null {
  if (size > limits.maxBytes) return `larger than ${limits.maxBytes} bytes`;
  if (BLOCKED_TYPES.includes(contentType.toLowerCase()) || BLOCKED_EXTENSIONS.test(filename)) return 'blocked file type';
  return null;
}
