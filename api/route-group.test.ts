import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ACCESS } from './auth/roles';
import { route } from './route';
import { routeGroup } from './route-group';

const Params = z.object({ id: z.uuid() });
const handler = async () => ({ status: 204 });

describe('routeGroup', () => {
  const macros = routeGroup({ tag: 'macros', access: ACCESS.workTickets });

  it('declares the same route as route() with the tag and access written out', () => {
    const grouped = macros.delete('/macros/{id}', { operationId: 'deleteMacro', summary: 'Delete a macro', params: Params, responses: { 204: { description: 'Deleted' } }, handler });
    const written = route({
      method: 'delete', path: '/macros/{id}', tag: 'macros', access: ACCESS.workTickets,
      operationId: 'deleteMacro', summary: 'Delete a macro', params: Params, responses: { 204: { description: 'Deleted' } }, handler,
    });
    expect(grouped).toEqual(written);
  });

  it("lets a route name its own access instead of the group's", () => {
    const open = macros.get('/macros/shared', { access: 'public', operationId: 'listSharedMacros', summary: 'Shared', responses: { 204: { description: 'None' } }, handler });
    expect(open.access).toBe('public');
    expect(open.tag).toBe('macros');
    expect(open.method).toBe('get');
  });
});
