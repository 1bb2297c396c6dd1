import type { ApiDeps } from '../deps';
import { articleRoutes } from './article-routes';
import { categoryRoutes } from './category-routes';
import { searchRoutes } from './search-routes';
import { versionRoutes } from './version-routes';

/** The knowledge base's v1 routes (staff) and the help centre's public search. */
export function knowledgeBaseRoutes(deps: ApiDeps) {
  return [...articleRoutes(deps), ...versionRoutes(deps), ...categoryRoutes(deps), ...searchRoutes(deps)];
}
