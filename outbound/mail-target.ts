import { parseHost } from '../domain/network/address-policy';
import { resolveGuarded, type OutboundPolicy, type ResolveAll } from './guarded-resolve';

export interface MailTarget {
  /** The checked IP address: SMTP and IMAP clients given an IP literal do no DNS of their own. */
  host: string;
  /** The name a user typed, for TLS (SNI and the certificate check); absent for an IP literal. */
  servername?: string;
}

/**
 * Where a mailbox's SMTP relay or IMAP server really is, through the outbound guard. The mail
 * clients (nodemailer, imapflow) then connect to the checked address and verify the
 * certificate against the name.
 */
export async function mailTarget(host: string, policy: OutboundPolicy, resolveAll?: ResolveAll): Promise<MailTarget> {
  const checked = await resolveGuarded(host, policy, resolveAll);
  const parsed = parseHost(host);
  return parsed.kind === 'name' ? { host: checked.address, servername: parsed.name } : { host: checked.address };
}
