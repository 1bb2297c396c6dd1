import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../workers/payload-codec';
import { TEST_PAYLOAD_KEY, workflowBundle } from '../helpers/test-stack';

const HISTORIES = path.join(import.meta.dirname, 'histories');

describe('recorded ticket histories replay on the current workflow code', () => {
  it('every recorded history replays without a non-determinism error', async () => {
    const files = (await readdir(HISTORIES)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(4);
    const histories = await Promise.all(
      files.map(async (file) => ({ workflowId: file, history: historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES, file), 'utf8'))) })),
    );
    const results: { file: string; error: string | null }[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), dataConverter: { payloadCodecs: [new EncryptionCodec(TEST_PAYLOAD_KEY, 'keel-1')] } },
      histories,
    )) {
      results.push({ file: result.workflowId, error: result.error ? String(result.error) : null });
    }
    expect(results).toEqual(files.map((file) => ({ file, error: null })));
  });
});
