/**
 * `npm run bench:email [-- --messages N --concurrency C --data DIR --json PATH]`
 *
 * Inbound email, end to end: N messages (the sample corpus: `--data DIR`, else ../shared/data/email
 * when present, else the vendored test/fixtures/email; bounces
 * left out, each copy with its own Message-ID and sender) sent over real SMTP sessions to
 * Keel's listener at concurrency C; each counts when the ticket it opened is readable through
 * the API (GET /tickets/{n}, the number taken from the 250 reply). In the same run, over the
 * same bytes, the baseline: bare mailparser `simpleParser` throughput. Prints a summary and
 * writes JSON with both and their ratio. Timing is reported, never asserted; correctness is
 * checked (every message must be a ticket with its subject).
 */
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { parseEmail } from '../channels/email/parse';
import { PROJECT_ROOT } from '../bin/lib/config';
import { startEphemeralServices } from '../bin/lib/ephemeral-services';
import { writeBenchReport } from './bench-report';
import { BENCH_APP_PASSWORD, startBenchStack } from './bench-stack';
import { fetchApi, signUpBenchOrg } from './bench-api';
import { measure, type Summary } from './latency';
import { sampleDataDir } from './sample-data';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '300' }, concurrency: { type: 'string', default: '10' }, data: { type: 'string' }, json: { type: 'string' } },
});
const N = Number(values.messages);
const C = Number(values.concurrency);
const CORPUS = sampleDataDir(PROJECT_ROOT, 'email', values.data);

/** Copy `i` of a sample: its own Message-ID and sender, everything else byte for byte. */
function variant(raw: Buffer, i: number): Buffer {
  const text = raw.toString('latin1');
  const split = text.search(/\r?\n\r?\n/);
  const head = split >= 0 ? text.slice(0, split) : text;
  const rest = split >= 0 ? text.slice(split) : '\r\n\r\n';
  const kept = head.replace(/^(message-id|from|sender|return-path):.*(\r?\n[ \t].*)*(\r?\n|$)/gim, '');
  return Buffer.from(`Message-ID: <bench-${i}@bench.keel.test>\r\nFrom: Bench Sender ${i} <sender-${i}@bench.example>\r\n${kept.replace(/^\r?\n/, '')}${rest}`, 'latin1');
}

async function corpus(): Promise<Buffer[]> {
  const files = (await readdir(CORPUS)).filter((file) => file.endsWith('.eml')).sort();
  const samples: Buffer[] = [];
  for (const file of files) {
    const raw = await readFile(path.join(CORPUS, file));
    if ((await parseEmail(raw)).noise?.noise !== 'bounce') samples.push(raw);
  }
  return samples;
}

async function main(): Promise<void> {
  const samples = await corpus();
  const messages = Array.from({ length: N }, (_, i) => variant(samples[i % samples.length]!, i));

  // Baseline first, on a quiet machine: mailparser alone over the same bytes.
  const parse = await measure(N, 1, async (i) => { await simpleParser(messages[i]!); });

  const services = await startEphemeralServices(BENCH_APP_PASSWORD);
  const stack = await startBenchStack(services, {
    taskQueue: 'bench-email',
    email: { mailKey: Buffer.alloc(32, 5), storageDir: path.join(os.tmpdir(), `keel-bench-mail-${process.pid}`), smtpPort: 0, settings: { senderCap: 1_000_000 } },
  });
  try {
    const keel = await benchKeel(stack.url, stack.smtpPort!, messages);
    const report = {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      params: { messages: N, concurrency: C, corpus: path.relative(PROJECT_ROOT, CORPUS), samples: samples.length, bytes: messages.reduce((sum, message) => sum + message.length, 0) },
      keel: { smtpToTicketVisible: keel },
      baseline: { mailparserParse: parse },
      ratios: { keelVsParse: Math.round((keel.opsPerSec / parse.opsPerSec) * 10_000) / 10_000 },
    };
    const out = await writeBenchReport('email', report, values.json);
    console.log(`\nbench:email — ${N} messages (${samples.length} samples from ${path.relative(PROJECT_ROOT, CORPUS)}), concurrency ${C}`);
    console.log('measure'.padEnd(30), 'msg/s'.padStart(8), 'p50'.padStart(8), 'p95'.padStart(8), 'p99'.padStart(8), 'max'.padStart(8), '(ms)');
    for (const [name, s] of [['keel SMTP → ticket visible', keel], ['mailparser parse only', parse]] as const) {
      console.log(name.padEnd(30), ...[s.opsPerSec, s.p50, s.p95, s.p99, s.max].map((v) => String(v).padStart(8)));
    }
    console.log('ratio (keel / parse):', report.ratios.keelVsParse);
    console.log(`\nJSON written to ${out}`);
  } finally {
    await stack.stop();
    await services.stop();
  }
}

async function benchKeel(baseUrl: string, smtpPort: number, messages: Buffer[]): Promise<Summary> {
  const call = fetchApi(baseUrl);
  const token = await signUpBenchOrg(call);
  const address = 'support@bench.keel.test';
  await call('POST', '/mailboxes', token, { name: 'Bench', address, inboundMode: 'smtp', acknowledge: false });

  const transports = Array.from({ length: C }, () => nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 }));
  const numbers = new Set<number>();
  try {
    const summary = await measure(messages.length, C, async (i) => {
      const info = await transports[i % C]!.sendMail({ envelope: { from: `sender-${i}@bench.example`, to: [address] }, raw: messages[i]! });
      const number = Number(/ticket #(\d+)/.exec(info.response)?.[1]);
      if (!Number.isInteger(number)) throw new Error(`message ${i} did not open a ticket: ${info.response}`);
      const ticket = await call('GET', `/tickets/${number}`, token);
      if (ticket.channel !== 'email' || !ticket.subject) throw new Error(`ticket #${number} is not an email ticket with a subject`);
      numbers.add(number);
    });
    if (numbers.size !== messages.length) throw new Error(`expected ${messages.length} tickets, got ${numbers.size}`);
    return summary;
  } finally {
    for (const transport of transports) transport.close();
  }
}

await main();
