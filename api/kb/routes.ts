import type { ApiDeps } from '../deps';
import { articleRoutes } from './article-routes';
import { categoryRoutes } from './category-routes';
import { feedbackRoutes } from './feedback-routes';
import { reportRoutes } from './report-routes';
import { searchRoutes } from './search-routes';
import { suggestionRoutes } from './suggestion-routes';
import { versionRoutes } from './version-routes';

/** The knowledge base's v1 routes (staff) and the help centre's public search and feedback. */
export function knowledgeBaseRoutes(deps: ApiDeps) {
  return [...articleRoutes(deps), ...versionRoutes(deps), ...categoryRoutes(deps), ...searchRoutes(deps), ...feedbackRoutes(deps), ...reportRoutes(deps), ...suggestionRoutes(deps)];
}
