import { expect } from 'vitest';
import { planIdOf } from '../../domain/dispatch/index';
import { addMember, signupOrg, type ApiClient } from '../helpers/api-client';
import { until } from '../helpers/eventually';
import { expectStatus } from '../helpers/expect-status';
import { startTestStack, type TestStack } from '../helpers/test-stack';

export { expectStatus, until };

/**
 * A Monday: the technicians below work Mondays 08:00–16:00 UTC. Still ahead: a plan for a day
 * already over ends as soon as it is committed.
 */
export const DATE = '2030-12-02';
export const at = (time: string) => `${DATE}T${time}:00.000Z`;

export interface DispatchOrg {
  orgId: string;
  dispatcher: ApiClient;
  dispatcherEmail: string;
  technicianApi: ApiClient;
  /** North (home 52.40, 4.90) and south (home 52.30, 4.90). */
  north: string;
  south: string;
  /** One located asset per site, by name. */
  site(lat: number, lng: number): Promise<string>;
  workOrder(title: string, options?: { lat?: number; lng?: number; priority?: string; durationMinutes?: number; skills?: string[] }): Promise<number>;
}

/** A new org with a dispatcher and two HVAC technicians, one north and one south of Amsterdam. */
export async function setUpDispatchOrg(url: string): Promise<DispatchOrg> {
  const org = await signupOrg(url);
  const dispatcherMember = await addMember(org, 'dispatcher');
  const dispatcher = dispatcherMember.api;
  const technician = async (lat: number): Promise<{ id: string; api: ApiClient }> => {
    const member = await addMember(org, 'technician');
    const body = await expectStatus(
      dispatcher.post('/technicians', { userId: member.id, skills: [{ skill: 'hvac', level: 3 }], home: { lat, lng: 4.9 }, shifts: { mon: [['08:00', '16:00']] }, timeZone: 'UTC' }),
      201,
    );
    return { id: body.id as string, api: member.api };
  };
  const north = await technician(52.4);
  const south = await technician(52.3);
  const site = async (lat: number, lng: number) => (await expectStatus(dispatcher.post('/assets', { name: `Site ${lat},${lng}`, site: { lat, lng } }), 201)).id as string;
  return {
    orgId: org.orgId, dispatcher, dispatcherEmail: dispatcherMember.email, technicianApi: north.api, north: north.id, south: south.id, site,
    async workOrder(title, options = {}) {
      const assetId = await site(options.lat ?? 52.35, options.lng ?? 4.9);
      const body = await expectStatus(
        dispatcher.post('/work-orders', { title, assetId, priority: options.priority ?? 'normal', durationMinutes: options.durationMinutes ?? 45, requiredSkills: options.skills ?? ['hvac'] }),
        201,
      );
      return body.number as number;
    },
  };
}

export const planPath = (region = 'default') => `/dispatch/plans/${planIdOf(DATE, region)}`;

/** Starts the day's plan and waits for its proposal. */
export async function proposePlan(api: ApiClient, body: Record<string, unknown> = {}) {
  const started = await expectStatus(api.post('/dispatch/plans', { date: DATE, timeLimitSeconds: 0.5, ...body }), 201);
  expect(started.id).toBe(planIdOf(DATE, (body.region as string | undefined) ?? 'default'));
  return until(() => expectStatus(api.get(`/dispatch/plans/${started.id}`), 200), (plan) => plan.status === 'proposed');
}

export function routeOf(plan: any, technicianId: string): number[] {
  return (plan.proposal.routes.find((r: any) => r.technicianId === technicianId)?.stops ?? []).map((s: any) => s.workOrderNumber);
}

/** A test stack with a dispatch org on it (see setUpDispatchOrg). */
export async function startDispatchStack(): Promise<{ stack: TestStack; org: DispatchOrg }> {
  const stack = await startTestStack();
  return { stack, org: await setUpDispatchOrg(stack.url) };
}
