import { CancelledFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { createDispatchOptimizerActivities } from '../../activities/dispatch-optimizer';
import type { DispatchSnapshot, Proposal } from '../../domain/dispatch/index';
import { DATE, at } from './fixtures';

const snapshot: DispatchSnapshot = {
  date: DATE, region: 'default',
  technicians: ['a', 'b'].map((id, i) => ({ id, userId: `u-${id}`, name: id, skills: ['hvac'], home: { lat: 52.3 + i / 10, lng: 4.9 }, shift: { start: at('08:00'), end: at('16:00') } })),
  workOrders: Array.from({ length: 12 }, (_, i) => ({
    number: i + 1, title: `WO ${i + 1}`, priority: 'normal' as const, status: 'created', location: { lat: 52.28 + (i % 6) / 40, lng: 4.85 + Math.floor(i / 6) / 20 },
    durationMinutes: 30, requiredSkills: ['hvac'], windows: [], technicianId: null, scheduled: null,
  })),
};

// Each run boots a thread that loads the routing code (through tsx): seconds on a busy machine.
describe('the optimizer activity', { timeout: 30_000 }, () => {
  it('heartbeats its progress while it searches and gives up when cancelled', async () => {
    const env = new MockActivityEnvironment();
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => {
      beats.push(details);
      if (beats.length === 3) env.cancel();
    });
    const { optimizeDispatch } = createDispatchOptimizerActivities();
    const run = env.run(optimizeDispatch, { snapshot, locks: {}, current: null, timeLimitMs: 60_000, seed: 1 });
    await expect(run).rejects.toBeInstanceOf(CancelledFailure);
    expect(beats.length).toBeGreaterThanOrEqual(3);
    expect(beats[0]).toMatchObject({ iteration: expect.any(Number), elapsedMs: expect.any(Number) });
  });

  it('searches in a worker thread, never on the event loop the activity (and ticket workflows) run on', async () => {
    const env = new MockActivityEnvironment();
    const beats: { threadId: number }[] = [];
    env.on('heartbeat', (details: { threadId: number }) => { beats.push(details); });
    const proposal: Proposal = await env.run(createDispatchOptimizerActivities().optimizeDispatch, { snapshot, locks: {}, current: null, timeLimitMs: 600, seed: 2 });
    expect(proposal.summary.assigned).toBe(12);
    expect(beats.length).toBeGreaterThan(0);
    expect(new Set(beats.map((beat) => beat.threadId))).not.toContain(threadId);
  });

  it('places every job within a short budget and keeps a locked job with its technician', async () => {
    const { optimizeDispatch } = createDispatchOptimizerActivities();
    const once: Proposal = await new MockActivityEnvironment().run(optimizeDispatch, { snapshot, locks: { 3: 'b' }, current: null, timeLimitMs: 300, seed: 5 });
    expect(once.summary.assigned).toBe(12);
    expect(once.routes.find((r) => r.technicianId === 'b')!.stops.map((s) => s.workOrderNumber)).toContain(3);
  });
});
