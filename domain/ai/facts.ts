// The console's rule types import this, so it imports no model package.
/** The `ai.*` rule facts: an abstained task is null, so no rule acts on a guess. */
export interface AiFacts {
  category: string | null;
  priority: string | null;
  team: string | null;
  sentiment: string | null;
  language: string | null;
  /** The category's confidence, or the sentiment's for an org without a category model. */
  confidence: number | null;
}

export const NO_AI_FACTS: AiFacts = { category: null, priority: null, team: null, sentiment: null, language: null, confidence: null };
