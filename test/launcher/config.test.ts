import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../bin/lib/config';
import { stackOptionsFrom } from '../../bin/lib/stack-options';

// The environment is read once, through one schema: a mistyped setting stops start-up with
// the variable's name instead of quietly meaning the default.
// Every secret given, so reading the options writes no generated one to the data directory.
const SECRETS = { JWT_SECRET: 'x'.repeat(32), KEEL_PAYLOAD_KEY: Buffer.alloc(32, 1).toString('base64'), KEEL_MAIL_KEY: Buffer.alloc(32, 2).toString('base64') };

describe('configuration (bin/lib/config.ts)', () => {
  it('runs the lean workflow threads unless KEEL_WORKFLOW_THREADS asks for the SDK\'s', () => {
    expect(stackOptionsFrom(loadEnv(SECRETS)).workflowThreads).toBe('lean');
    expect(stackOptionsFrom(loadEnv({ ...SECRETS, KEEL_WORKFLOW_THREADS: 'sdk' })).workflowThreads).toBe('sdk');
  });

  it('refuses an unknown value, naming the variable', () => {
    expect(() => loadEnv({ KEEL_WORKFLOW_THREADS: 'fast' })).toThrow(/KEEL_WORKFLOW_THREADS/);
    expect(() => loadEnv({ KEEL_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/KEEL_MAX_CACHED_WORKFLOWS/);
  });
});
