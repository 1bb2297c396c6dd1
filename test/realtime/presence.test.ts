import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlMessage } from '../../domain/realtime/messages';
import { addMember, newTicket, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { TestSocket } from '../helpers/ws-client';
import { startTwoApiProcesses, stopTwoApiProcesses } from './two-api-processes';

let stack: TestStack;
/** A second API process on the same database: presence reaches it only through NOTIFY. */
let other: TestStack;
let orgA: Org;
let orgB: Org;
const sockets: TestSocket[] = [];

async function open(baseUrl: string, token: string | null): Promise<TestSocket> {
  const socket = await TestSocket.open(baseUrl, token);
  sockets.push(socket);
  return socket;
}

/** The latest roster a socket was told for `ticket`: who, and who types. */
function roster(socket: TestSocket, ticket: number): string[] | undefined {
  const told = socket.controls().filter((m): m is Extract<ControlMessage, { type: 'presence' }> => m.type === 'presence' && m.ticket === ticket).at(-1);
  return told?.members.map((member) => `${member.userId}${member.typing ? ' typing' : ''}`);
}

beforeAll(async () => {
  ({ stack, other, orgA, orgB } = await startTwoApiProcesses());
});
afterAll(() => stopTwoApiProcesses({ stack, other }, sockets));

describe('presence on a ticket', () => {
  it('two agents on different API processes see each other viewing and typing, and leaving', async () => {
    const number = (await orgA.api.post('/tickets', newTicket({ subject: 'presence' }))).body.number;
    const second = await addMember(orgA, 'agent');
    const ann = await open(stack.url, orgA.api.token);
    const bob = await open(other.url, second.api.token);
    ann.send({ type: 'presence', ticket: number, activity: 'viewing' });
    bob.send({ type: 'presence', ticket: number, activity: 'viewing' });
    const both = [orgA.owner.id, second.id].sort();
    await expect.poll(() => roster(ann, number)).toEqual(both);
    await expect.poll(() => roster(bob, number)).toEqual(both);

    bob.send({ type: 'presence', ticket: number, activity: 'typing' });
    await expect.poll(() => roster(ann, number)).toContain(`${second.id} typing`);

    await bob.close();
    await expect.poll(() => roster(ann, number)).toEqual([orgA.owner.id]);
  });

  it('an agent of org B on the same ticket number hears nothing of org A, and may not announce what it cannot read', async () => {
    const number = (await orgA.api.post('/tickets', newTicket({ subject: 'A-secret presence' }))).body.number;
    const ann = await open(stack.url, orgA.api.token);
    const eve = await open(other.url, orgB.api.token);
    eve.send({ type: 'presence', ticket: number, activity: 'viewing' });
    await expect.poll(() => roster(eve, number)).toEqual([orgB.owner.id]);
    ann.send({ type: 'presence', ticket: number, activity: 'typing' });
    await expect.poll(() => roster(ann, number)).toEqual([`${orgA.owner.id} typing`]);
    // A sentinel of org B on A's process, announced after A's typing: once it reaches B's
    // process, A's notice has too, and was kept to org A.
    const bAgent = await addMember(orgB, 'agent');
    const sentinel = await open(stack.url, bAgent.api.token);
    sentinel.send({ type: 'presence', ticket: number, activity: 'viewing' });
    await expect.poll(() => roster(eve, number)).toEqual([orgB.owner.id, bAgent.id].sort());
    expect(JSON.stringify(eve.messages)).not.toContain(orgA.owner.id);
    expect(JSON.stringify(ann.messages)).not.toContain(bAgent.id);

    const technician = await addMember(orgB, 'technician');
    const tech = await open(other.url, technician.api.token);
    tech.send({ type: 'presence', ticket: number, activity: 'viewing' });
    await expect.poll(() => tech.controls().map((m) => m.type === 'error' && m.error)).toEqual(['forbidden-topic']);
  });
});
