import { computed, ref } from 'vue';
import { ApiError, keelFetch, type ProblemDetails } from '../api/client';
import type { TicketAttachment } from '../api/types';

/** A file on its way into a reply: uploading, uploaded (its id is sent with the reply), or refused and why. */
export interface ComposerFile {
  key: number;
  name: string;
  size: number;
  state: 'uploading' | 'ready' | 'failed';
  id?: string;
  error?: string;
}

/** Uploads one file to the ticket: the request body is the file itself, its type the Content-Type. */
export async function uploadTicketAttachment(ticketNumber: number, file: File, name = file.name): Promise<TicketAttachment> {
  const url = new URL(`/api/v1/tickets/${ticketNumber}/attachments?filename=${encodeURIComponent(name)}`, globalThis.location?.origin ?? 'http://localhost');
  const response = await keelFetch(new Request(url, { method: 'POST', body: file, headers: { 'content-type': file.type || 'application/octet-stream' } }));
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = answer && typeof answer === 'object' && 'title' in answer ? answer as ProblemDetails : { type: 'about:blank', title: `Upload failed (HTTP ${response.status})`, status: response.status };
    throw new ApiError(problem);
  }
  return answer as TicketAttachment;
}

/** A pasted image has no name of its own (or a generic one): it gets one the timeline can show. */
function nameOf(file: File, pasted: boolean): string {
  if (!pasted && file.name) return file.name;
  const extension = file.type.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'png';
  return `pasted-image-${new Date().toISOString().replace(/[:.]/g, '-')}.${extension}`;
}

/** The composer's attachments: each file uploads as soon as it is added; sending takes the uploaded ones. */
export function useReplyAttachments(ticketNumber: () => number) {
  const files = ref<ComposerFile[]>([]);
  let next = 0;

  function add(list: Iterable<File>, pasted = false): void {
    for (const file of list) {
      const entry: ComposerFile = { key: next++, name: nameOf(file, pasted), size: file.size, state: 'uploading' };
      files.value = [...files.value, entry];
      void uploadTicketAttachment(ticketNumber(), file, entry.name).then(
        (stored) => update(entry.key, { state: 'ready', id: stored.id }),
        (error: unknown) => update(entry.key, { state: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
    }
  }

  function update(key: number, change: Partial<ComposerFile>): void {
    files.value = files.value.map((file) => (file.key === key ? { ...file, ...change } : file));
  }

  const remove = (key: number) => { files.value = files.value.filter((file) => file.key !== key); };
  const clear = () => { files.value = []; };
  const uploading = computed(() => files.value.some((file) => file.state === 'uploading'));
  const ids = computed(() => files.value.flatMap((file) => (file.state === 'ready' && file.id ? [file.id] : [])));

  return { files, add, remove, clear, uploading, ids };
}
