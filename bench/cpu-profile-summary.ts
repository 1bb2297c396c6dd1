/**
 * `npx tsx bench/cpu-profile-summary.ts FILE.cpuprofile… [--top N] [--window FROM,TO]`
 *
 * Reads a V8 CPU profile (`node --cpu-prof`, or a benchmark's `--profile`) and prints where the
 * thread's time went: busy and idle time, self time by package (or Keel folder), the top
 * functions by self time, and the inclusive time of every function whose name or file matches
 * one of Keel's hot-path markers below. `--window` keeps the samples between two instants of
 * the profile's clock, in microseconds (a benchmark's `phasesMonotonicUs`: one phase alone).
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' }, window: { type: 'string' } } });
const TOP = Number(values.top);
const [FROM, TO] = values.window ? values.window.split(',').map(Number) : [-Infinity, Infinity];

/** Inclusive time of these: Keel's steps of a command, and the libraries they lean on. */
const MARKERS: [string, RegExp][] = [
  ['auth: verifyAccessToken (jose)', /^verifyAccessToken$/],
  ['auth: session check', /^sessionActive$|auth\/session-check/],
  ['zod parse', /^(safeParse|parse|_parse)$/],
  ['withTenant', /^withTenant$/],
  ['knex: query compile', /^(toSQL|_compile|toNative)$/],
  ['pg: parse result', /^(parseRow|handleDataRow|parse)$/],
  ['temporal client: update', /^(executeUpdate|startUpdate|_startUpdateHandler|executeUpdateWithStart|_updateWithStart)$/],
  ['payload codec', /^(encode|decode)$/],
  ['JSON.stringify/parse', /^(stringify|parse)$/],
];

function pkgOf(url: string): string {
  if (url === '') return '(native / vm)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return url;
  const keel = /\/(api|activities|workflows|db|domain|clients|workers|bench|bin|rules|outbound|channels)\//.exec(url);
  if (keel) return `keel ${keel[1]}/`;
  return url.includes('workflow-bundle') ? 'workflow bundle' : url.split('/').slice(-2).join('/');
}

async function summarise(file: string): Promise<void> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let at = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < (FROM ?? -Infinity) || at > (TO ?? Infinity)) return;
    total += delta / 1000;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const idleNames = new Set(['(idle)', '(program)']);
  let idle = 0;
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, ms] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') { idle += ms; continue; }
    const name = `${functionName || '(anonymous)'} ${idleNames.has(functionName) ? '' : `${pkgOf(url)}:${lineNumber + 1}`}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const pkg = functionName.startsWith('(') ? functionName : pkgOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  // Inclusive time: a node's self time plus its subtree's, counted once per marker on each path.
  const inclusive = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  for (const [id, ms] of self) {
    const hit = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      for (const [label, pattern] of MARKERS) {
        if (!hit.has(label) && (pattern.test(node.callFrame.functionName) || pattern.test(node.callFrame.url))) hit.add(label);
      }
    }
    for (const label of hit) inclusive.set(label, (inclusive.get(label) ?? 0) + ms);
  }
  const busy = total - idle;
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1)} %`.padStart(7);
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(9);
  console.log(`\n# ${file}\nwall ${fmt(total)}, busy ${fmt(busy)}, idle ${fmt(idle)}`);
  console.log('\nself time by package / folder (share of busy):');
  for (const [name, ms] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(fmt(ms), pct(ms), ' ', name);
  console.log(`\ntop ${TOP} functions by self time:`);
  for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(fmt(ms), pct(ms), ' ', name);
  console.log('\ninclusive time of hot-path markers:');
  for (const [label] of MARKERS) console.log(fmt(inclusive.get(label) ?? 0), pct(inclusive.get(label) ?? 0), ' ', label);
}

for (const file of positionals) await summarise(file);
