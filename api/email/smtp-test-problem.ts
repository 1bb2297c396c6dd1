import { OutboundRefused } from '../../outbound/guarded-resolve';
import { Problem } from '../problem';

/** nodemailer's codes for a relay that could not be reached or spoken to. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL', 'EGREETING']);

/**
 * The answer to a failed test message. It names the kind of failure and nothing the remote
 * server said: echoing its banner or reply would turn the endpoint into a probe of whatever
 * answers on a host and port.
 */
export function smtpTestProblem(error: unknown): Problem {
  if (error instanceof OutboundRefused) {
    return new Problem(422, 'outbound-address-refused', 'Refused: the SMTP host is a private or reserved address', {
      errors: [{ pointer: '/smtp/host', message: error.reason === 'invalid-host' ? 'Not a valid host.' : 'Private, loopback, link-local and reserved addresses are refused.' }],
    });
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'EAUTH') return new Problem(502, 'smtp-auth-failed', 'Authentication failed', { detail: 'The SMTP server refused the username or password.' });
  if (typeof code === 'string' && UNREACHABLE.has(code)) {
    return new Problem(502, 'smtp-unreachable', 'Could not connect', { detail: 'No SMTP conversation could be held with the configured host and port.' });
  }
  return new Problem(502, 'smtp-failed', 'The SMTP server did not take the message');
}
