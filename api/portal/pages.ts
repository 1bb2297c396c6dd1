import type { Context, Next } from 'koa';
import { escapeHtml as e } from '../../domain/kb/escape-html';
import type { ApiDeps } from '../deps';
import { layout } from '../help-centre/layout';
import { helpCentreOrg, type HelpCentreOrg } from '../../db/help-centre';
import { Problem } from '../problem';
import { NEW_REQUEST, RATE_BY_LINK, REPLY, SIGN_IN_ASK, SIGN_IN_USE } from './page-scripts';
import { findPortalCustomer, type PortalCustomer } from './portal-org';
import { listRequests, requestDetail } from './requests';

const PATHS = {
  home: /^\/portal\/([^/]+)\/?$/,
  signIn: /^\/portal\/([^/]+)\/sign-in$/,
  requests: /^\/portal\/([^/]+)\/requests$/,
  newRequest: /^\/portal\/([^/]+)\/requests\/new$/,
  request: /^\/portal\/([^/]+)\/requests\/([0-9]{1,9})$/,
  rate: /^\/portal\/([^/]+)\/requests\/([0-9]{1,9})\/rate$/,
};
type Page = keyof typeof PATHS;
/** Pages a customer sees only signed in; the others (sign-in, the rating link) work without a session. */
const SIGNED_IN: ReadonlySet<Page> = new Set(['requests', 'newRequest', 'request']);

interface PageContext {
  org: HelpCentreOrg;
  home: string;
  customer: PortalCustomer | null;
  number: number;
}

/**
 * The customer portal at /portal/{orgSlug}: server-rendered pages in the help centre's layout
 * (the same org, slug lookup and look), so a customer moves between reading articles and their
 * requests on one site. Lists and conversations are rendered here and read without script;
 * forms post JSON to the portal API (`api/portal/routes.ts`), which does every check again.
 */
export function portalPages(deps: ApiDeps) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' || !ctx.path.startsWith('/portal/')) return next();
    const match = (Object.entries(PATHS) as [Page, RegExp][]).map(([page, pattern]) => [page, pattern.exec(ctx.path)] as const).find(([, m]) => m);
    if (!match) return next();
    const [page, groups] = match;
    const org = await helpCentreOrg(deps.db, decodeURIComponent(groups![1]!));
    if (!org) return next();
    const home = `${deps.publicUrl.replace(/\/$/, '')}/portal/${encodeURIComponent(org.slug)}`;
    const customer = await findPortalCustomer(deps.db, ctx, org);
    if (SIGNED_IN.has(page) && !customer) return ctx.redirect(home);
    if (page === 'home' && customer) return ctx.redirect(`${home}/requests`);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('X-Robots-Tag', 'noindex');
    ctx.type = 'text/html; charset=utf-8';
    try {
      ctx.body = await render(deps, page, { org, home, customer, number: Number(groups![2] ?? 0) });
      ctx.status = 200;
    } catch (error) {
      if (!(error instanceof Problem) || error.body.status !== 404) throw error;
      ctx.status = 404;
      ctx.body = shell(org, home, 'Not found', `<h1>Request not found</h1><p><a href="${e(home)}/requests">Your requests</a></p>`);
    }
  };
}

async function render(deps: ApiDeps, page: Page, at: PageContext): Promise<string> {
  const { org, home, customer, number } = at;
  switch (page) {
    case 'home':
      return shell(org, home, 'Sign in', `<h1>Sign in to ${e(org.name)} support</h1>
<p>We mail you a link that signs you in: no password needed.</p>
<form id="ask"><label>Your email address <input type="email" name="email" required autocomplete="email"></label> <button>Mail me a link</button></form>
<p id="status" role="status"></p>`, SIGN_IN_ASK);
    case 'signIn':
      return shell(org, home, 'Signing in', `<h1>Signing you in…</h1><p id="status" role="status"></p><p><a href="${e(home)}">Ask for a new link</a></p>`, SIGN_IN_USE);
    case 'requests': {
      const requests = await listRequests(deps, customer!);
      // A designated contact sees their company's requests too: say whose each is.
      const company = requests.some((request) => !request.mine);
      const rows = requests.map((request) => `<tr><td><a href="${e(home)}/requests/${request.number}">#${request.number} ${e(request.subject)}</a></td>${company ? `<td>${request.mine ? 'You' : e(request.requester.name ?? request.requester.email)}</td>` : ''}<td>${e(statusWord(request.status))}</td><td>${e(request.updatedAt.slice(0, 10))}</td></tr>`).join('');
      return shell(org, home, 'Your requests', `<h1>${company ? 'Your and your company\'s requests' : 'Your requests'}</h1><p><a href="${e(home)}/requests/new">Submit a new request</a> · signed in as ${e(customer!.contact.email)}</p>
${requests.length === 0 ? '<p>You have no requests yet.</p>' : `<table><thead><tr><th>Request</th>${company ? '<th>Requested by</th>' : ''}<th>Status</th><th>Updated</th></tr></thead><tbody>${rows}</tbody></table>`}`);
    }
    case 'newRequest':
      return shell(org, home, 'New request', `<h1>Submit a request</h1>
<form id="request">
<p><label>Subject<br><input id="subject" name="subject" required maxlength="500" autocomplete="off" size="60"></label></p>
<aside id="deflection" hidden><h2>These articles may answer it</h2><ul id="suggestions"></ul></aside>
<p><label>Description<br><textarea name="description" required rows="8" cols="60"></textarea></label></p>
<p><label>Attachments <input type="file" name="files" multiple></label></p>
<p><button>Submit</button></p></form><p id="status" role="status"></p>`, NEW_REQUEST,
      { search: `/api/v1/help/${encodeURIComponent(org.slug)}/search`, help: `/help/${encodeURIComponent(org.slug)}` });
    case 'request': {
      const request = await requestDetail(deps, customer!, number);
      const customerWord = request.mine ? 'You' : 'Customer';
      const messages = request.messages.map((message) => `<article class="${message.from}"><p><strong>${message.from === 'customer' ? customerWord : e(org.name)}</strong> · ${e(message.at.slice(0, 16).replace('T', ' '))}</p><p style="white-space:pre-wrap">${e(message.body)}</p></article>`).join('');
      const solvable = request.mine && request.status !== 'closed' && request.status !== 'solved';
      const solve = solvable ? `<form id="solve" data-number="${number}"><p><button>My request is solved</button></p></form><p id="solve-status" role="status"></p>` : '';
      const reply = request.status === 'closed' ? '<p>This request is closed.</p>'
        : `<form id="reply" data-number="${number}"><p><label>Reply<br><textarea name="body" required rows="5" cols="60"></textarea></label></p><p><label>Attachments <input type="file" name="files" multiple></label></p><p><button>Send</button></p></form><p id="status" role="status"></p>`;
      return shell(org, home, `#${number} ${request.subject}`, `<p><a href="${e(home)}/requests">← Your requests</a></p>
<h1>#${number} ${e(request.subject)}</h1>${request.mine ? '' : `<p>Requested by ${e(request.requester.name ?? request.requester.email)}</p>`}<p>Status: ${e(statusWord(request.status))}${request.status === 'solved' ? ' (a reply reopens it)' : ''}</p>${messages}${ratingBlock(request.rating, request.ratingLink !== null, number)}${solve}${reply}`, REPLY);
    }
    case 'rate':
      return shell(org, home, `Rate request #${number}`, `<h1>How did we do on request #${number}?</h1>${ratingBlock(null, true, number)}`, RATE_BY_LINK);
  }
}

function ratingBlock(rating: { rating: string; comment: string | null } | null, rateable: boolean, number: number): string {
  if (rating) return `<section><h2>Your rating</h2><p>${rating.rating === 'good' ? 'Good' : 'Bad'}${rating.comment ? `: ${e(rating.comment)}` : ''}</p></section>`;
  if (!rateable) return '';
  return `<section><h2>How did we do?</h2><form id="rate" data-number="${number}"><p><label>Comment (optional)<br><textarea name="comment" rows="3" cols="60" maxlength="2000"></textarea></label></p>
<p><button name="rating" value="good">👍 Good</button> <button name="rating" value="bad">👎 Bad</button></p></form><p id="rate-status" role="status"></p></section>`;
}

const STATUS_WORDS: Record<string, string> = { new: 'Received', open: 'In progress', pending: 'Waiting for you', on_hold: 'On hold', solved: 'Solved', closed: 'Closed' };
const statusWord = (status: string) => STATUS_WORDS[status] ?? status;

/** A portal page in the help centre's layout; the body's data attributes tell its script where the API is. */
function shell(org: HelpCentreOrg, home: string, title: string, main: string, script?: string, data: Record<string, string> = {}): string {
  const help = home.replace('/portal/', '/help/');
  const attributes = { api: `/api/v1/portal/${encodeURIComponent(org.slug)}`, home, ...data };
  const body = Object.entries(attributes).map(([name, value]) => ` data-${name}="${e(value)}"`).join('');
  const html = layout(org, help, { title: `${title} · ${org.name} support`, description: `${org.name} customer portal`, canonical: `${home}` }, main);
  return html.replace('<body>', `<body${body}>`).replace('</main>', `</main>${script ? `<script type="module">${script}</script>` : ''}`);
}
