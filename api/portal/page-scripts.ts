/**
 * The few lines of script the portal's pages run. Reading needs none (lists and conversations
 * are rendered on the server); forms send JSON to the portal API, since the API takes JSON
 * bodies only, and the magic-link and rating tokens ride in the URL fragment, which only a
 * script can read (a fragment is never sent to a server, so it is never logged).
 */

/** `postJson(path, body)` → the Response; `formJson(form)` → the form's fields; `show(id, text)`. */
const HELPERS = `
const api = document.body.dataset.api;
async function postJson(path, body) {
  return fetch(api + path, { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(body) });
}
function show(id, text) { document.getElementById(id).textContent = text; }
async function problem(response) { try { const p = await response.json(); return p.detail || p.title; } catch { return 'Something went wrong (' + response.status + ')'; } }
function filesOf(input) {
  return Promise.all([...input.files].map((file) => new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ filename: file.name, contentType: file.type || 'application/octet-stream', content: String(reader.result).split(',')[1] || '' });
    reader.onerror = reject;
    reader.readAsDataURL(file);
  })));
}
`;

export const SIGN_IN_ASK = `${HELPERS}
document.getElementById('ask').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await postJson('/sign-in-links', { email: event.target.email.value });
  show('status', response.ok ? 'Check your mail: we sent you a link to sign in.' : await problem(response));
});`;

export const SIGN_IN_USE = `${HELPERS}
(async () => {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  history.replaceState(null, '', location.pathname);
  if (!token) return show('status', 'This link is incomplete: ask for a new one.');
  const response = await postJson('/sessions', { token });
  if (response.ok) location.assign(document.body.dataset.home + '/requests');
  else show('status', await problem(response));
})();`;

/** Deflection: while the subject is typed, the org's published articles that match it. */
export const NEW_REQUEST = `${HELPERS}
const subject = document.getElementById('subject');
let timer = null;
subject.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(async () => {
    const q = subject.value.trim();
    const list = document.getElementById('suggestions');
    list.replaceChildren();
    if (q.length < 3) return;
    const response = await fetch(document.body.dataset.search + '?limit=5&q=' + encodeURIComponent(q));
    if (!response.ok) return;
    for (const hit of (await response.json()).data) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = document.body.dataset.help + '/articles/' + hit.id + '-' + (hit.slug || '');
      link.textContent = hit.title;
      link.target = '_blank';
      item.append(link);
      list.append(item);
    }
    document.getElementById('deflection').hidden = list.children.length === 0;
  }, 300);
});
document.getElementById('request').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const response = await postJson('/requests', { subject: form.subject.value, description: form.description.value, attachments: await filesOf(form.files) });
  if (response.ok) location.assign(document.body.dataset.home + '/requests/' + (await response.json()).number);
  else show('status', await problem(response));
});`;

export const REPLY = `${HELPERS}
const reply = document.getElementById('reply');
if (reply) reply.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const response = await postJson('/requests/' + form.dataset.number + '/replies', { body: form.body.value, attachments: await filesOf(form.files) });
  if (response.ok) { show('status', 'Sent.'); setTimeout(() => location.reload(), 800); }
  else show('status', await problem(response));
});
const solve = document.getElementById('solve');
if (solve) solve.addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await postJson('/requests/' + event.target.dataset.number + '/solve', {});
  if (response.ok) { show('solve-status', 'Marked solved. Thank you!'); setTimeout(() => location.reload(), 800); }
  else show('solve-status', await problem(response));
});
${rateHandler('null')}`;

/** The rating page the mailed or shown link opens: its token is in the fragment. */
export const RATE_BY_LINK = `${HELPERS}
const token = new URLSearchParams(location.hash.slice(1)).get('token');
${rateHandler('token')}`;

function rateHandler(token: string): string {
  return `
const rate = document.getElementById('rate');
if (rate) rate.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const body = { rating: event.submitter.value, comment: form.comment.value.trim() || null };
  if (${token}) body.token = ${token};
  const response = await postJson('/requests/' + form.dataset.number + '/rating', body);
  show('rate-status', response.ok ? 'Thank you for your rating.' : await problem(response));
  if (response.ok) form.querySelectorAll('button').forEach((button) => { button.disabled = true; });
});`;
}
