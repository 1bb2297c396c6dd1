import type { Db } from '../db/connection';
import { chosenFormId, listFieldDefinitions, listTicketForms } from '../db/custom-fields';
import { withTenant } from '../db/tenant';
import { effectiveForm, solveRequirements, type SolveRequirements } from '../domain/fields/index';

/**
 * What solving a ticket asks of its fields, read for the ticket workflow just before a solve
 * (and only then): the org's field definitions and the ticket's form live in Postgres as
 * configuration, the values in the workflow. Recorded in history, so replay decides the same.
 */
export function createSolveRequirementActivities(db: Db) {
  return {
    async readSolveRequirements({ orgId, number }: { orgId: string; number: number }): Promise<SolveRequirements> {
      return withTenant(db, { orgId }, async (trx) => {
        const definitions = await listFieldDefinitions(trx, orgId);
        // Most orgs require nothing: no form to read.
        if (!definitions.some((definition) => definition.requiredOnSolve)) return { fields: [] };
        return solveRequirements(definitions, effectiveForm(await listTicketForms(trx, orgId), await chosenFormId(trx, orgId, number)));
      });
    },
  };
}

export type SolveRequirementActivities = ReturnType<typeof createSolveRequirementActivities>;
