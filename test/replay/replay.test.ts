import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { EncryptionCodec } from '../../workers/payload-codec';
import { TEST_PAYLOAD_KEY, workflowBundle } from '../helpers/test-stack';

const HISTORIES = path.join(import.meta.dirname, 'histories');
/** The id each history ran under (a ticket names its SLA clocks after itself); others use the file name. */
const WORKFLOW_IDS = path.join(import.meta.dirname, 'workflow-ids.json');

describe('recorded ticket histories replay on the current workflow code', () => {
  it('every recorded history replays without a non-determinism error', async () => {
    const files = (await readdir(HISTORIES)).filter((file) => file.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const ids = JSON.parse(await readFile(WORKFLOW_IDS, 'utf8')) as Record<string, string>;
    const fileOf = new Map(files.map((file) => [ids[file] ?? file, file]));
    const histories = await Promise.all(
      files.map(async (file) => ({ workflowId: ids[file] ?? file, history: historyFromJSON(JSON.parse(await readFile(path.join(HISTORIES, file), 'utf8'))) })),
    );
    const results: { file: string; error: string | null }[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), dataConverter: { payloadCodecs: [new EncryptionCodec(TEST_PAYLOAD_KEY, 'keel-1')] } },
      histories,
    )) {
      results.push({ file: fileOf.get(result.workflowId) ?? result.workflowId, error: result.error ? String(result.error) : null });
    }
    expect(results).toEqual(files.map((file) => ({ file, error: null })));
  });
});
