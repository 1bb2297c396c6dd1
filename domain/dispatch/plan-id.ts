/**
 * A plan's public id is an opaque encoding of its date and region; the workflow id adds the
 * caller's org, so a client can never name another org's plan.
 */

export const REGION_PATTERN_SOURCE = '^[a-z0-9][a-z0-9-]{0,39}$';
export const REGION_PATTERN = new RegExp(REGION_PATTERN_SOURCE);
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function dispatchWorkflowId(orgId: string, date: string, region: string): string {
  return `${orgId}/dispatch/${date}/${region}`;
}

export function planIdOf(date: string, region: string): string {
  return base64url(`${date}/${region}`);
}

export function parsePlanId(id: string): { date: string; region: string } | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) return null;
  const text = fromBase64url(id);
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const date = text.slice(0, slash);
  const region = text.slice(slash + 1);
  if (!DATE_PATTERN.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || !REGION_PATTERN.test(region)) return null;
  return { date, region };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

// Plain code rather than Buffer/btoa: domain code also runs in the workflow sandbox and the browser.
function base64url(text: string): string {
  const bytes = [...text].map((c) => c.charCodeAt(0) & 0xff);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = [18, 12, 6, 0].map((shift) => ALPHABET[(n >> shift) & 63]!);
    out += chars.slice(0, Math.min(4, bytes.length - i + 1)).join('');
  }
  return out;
}

function fromBase64url(id: string): string {
  let out = '';
  for (let i = 0; i < id.length; i += 4) {
    const group = id.slice(i, i + 4);
    const n = [...group.padEnd(4, 'A')].reduce((acc, c) => (acc << 6) | Math.max(0, ALPHABET.indexOf(c)), 0);
    const bytes = [(n >> 16) & 255, (n >> 8) & 255, n & 255].slice(0, group.length - 1);
    out += String.fromCharCode(...bytes);
  }
  return out;
}
