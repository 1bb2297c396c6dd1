import { route, type Access, type Method, type RouteSpec, type Schema } from './route';

/** A route of a group: its own path and operation; the tag always, and the access unless it says otherwise, from the group. */
export type GroupedRouteSpec<B extends Schema, Q extends Schema, P extends Schema, R extends Access> =
  Omit<RouteSpec<B, Q, P, R>, 'method' | 'path' | 'tag' | 'access'> & { access?: R };

/**
 * The routes of one module: every one shares its OpenAPI tag and, most of the time, who may
 * call it, so those are said once (`const macros = routeGroup({ tag: 'macros', access: ACCESS.workTickets })`)
 * and each route names only what is its own (`macros.get('/macros', { operationId, … })`).
 * What comes out is a plain `route()`, so the router and the OpenAPI builder see no difference.
 */
export function routeGroup<G extends Access>(shared: { tag: string; access: G }) {
  const at = (method: Method) =>
    // R falls back to the group's access when the route names none, so its handler's `auth` is typed from the group.
    <B extends Schema, Q extends Schema, P extends Schema, R extends Access = G>(path: string, spec: GroupedRouteSpec<B, Q, P, R>): RouteSpec<B, Q, P, R> =>
      // With no access of its own, R is G (its default), so the group's access is an R.
      route({ ...spec, method, path, tag: shared.tag, access: spec.access ?? (shared.access as Access as R) });
  return { get: at('get'), post: at('post'), put: at('put'), patch: at('patch'), delete: at('delete') };
}
