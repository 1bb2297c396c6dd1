import { http, ok } from '../api/client';

/** A customer's rating of a visit, reached through the mailed link (organization id and token, no login). */
export function useVisitRating(link: { orgId: string; number: number; token: string }) {
  const path = { number: link.number };
  return {
    load: () => ok(http.GET('/api/v1/work-orders/{number}/rating', { params: { path, query: { orgId: link.orgId, token: link.token } } })),
    rate: (rating: number, comment: string | null) =>
      ok(http.POST('/api/v1/work-orders/{number}/rating', { params: { path }, body: { orgId: link.orgId, token: link.token, rating, comment } })),
  };
}
