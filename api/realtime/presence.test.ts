import { describe, expect, it } from 'vitest';
import type { ControlMessage } from '../../domain/realtime/messages';
import { PresenceHub, type PresenceViewer } from './presence';

const orgA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const orgB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const ann = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const eve = '33333333-3333-4333-8333-333333333333';

function viewer(orgId: string, userId: string): PresenceViewer & { heard: ControlMessage[] } {
  const heard: ControlMessage[] = [];
  return { orgId, userId, heard, tell: (message) => heard.push(message) };
}

/** Two processes whose notices reach each other, as NOTIFY delivers them, on a clock the test moves. */
function twoProcesses() {
  let now = 1_000_000;
  const hubs: PresenceHub[] = [];
  const publish = (payload: string) => { for (const hub of hubs) hub.heard(payload); };
  hubs.push(new PresenceHub(publish, () => now), new PresenceHub(publish, () => now));
  return { hubs: hubs as [PresenceHub, PresenceHub], tick: (ms: number) => { now += ms; } };
}

const last = (v: { heard: ControlMessage[] }) => v.heard.at(-1);

describe('presence', () => {
  it('tells a ticket’s viewers on every process who is viewing and typing, and when they leave', () => {
    const { hubs: [one, two], tick } = twoProcesses();
    const a = viewer(orgA, ann);
    const b = viewer(orgA, bob);
    one.announce(a, { type: 'presence', ticket: 7, activity: 'viewing' });
    two.announce(b, { type: 'presence', ticket: 7, activity: 'viewing' });
    expect(last(a)).toEqual({ type: 'presence', ticket: 7, members: [{ userId: ann, typing: false }, { userId: bob, typing: false }] });
    expect(last(b)).toEqual(last(a));
    two.announce(b, { type: 'presence', ticket: 7, activity: 'typing' });
    expect(last(a)).toEqual({ type: 'presence', ticket: 7, members: [{ userId: ann, typing: false }, { userId: bob, typing: true }] });
    // Typing stops on its own when no new keystroke renews it.
    tick(7_000);
    one.sweep();
    expect(last(a)).toEqual({ type: 'presence', ticket: 7, members: [{ userId: ann, typing: false }, { userId: bob, typing: false }] });
    two.disconnect(b);
    expect(last(a)).toEqual({ type: 'presence', ticket: 7, members: [{ userId: ann, typing: false }] });
  });

  it('a viewer in another org hears nothing of the ticket with the same number, and silent viewers expire', () => {
    const { hubs: [one, two], tick } = twoProcesses();
    const a = viewer(orgA, ann);
    const e = viewer(orgB, eve);
    one.announce(a, { type: 'presence', ticket: 7, activity: 'viewing' });
    two.announce(e, { type: 'presence', ticket: 7, activity: 'typing' });
    expect(a.heard.flatMap((m) => (m.type === 'presence' ? m.members.map((x) => x.userId) : []))).not.toContain(eve);
    expect(e.heard.flatMap((m) => (m.type === 'presence' ? m.members.map((x) => x.userId) : []))).not.toContain(ann);
    tick(46_000);
    two.announce(e, { type: 'presence', ticket: 8, activity: 'viewing' });
    one.sweep();
    expect(one.members(orgA, 7)).toEqual([]);
  });

  it('ignores notices it cannot read', () => {
    const { hubs: [one] } = twoProcesses();
    one.heard('not json');
    one.heard(JSON.stringify({ process: 'x', socket: 's', orgId: orgA, ticket: -1, userId: ann, activity: 'viewing' }));
    expect(one.members(orgA, 7)).toEqual([]);
  });
});
