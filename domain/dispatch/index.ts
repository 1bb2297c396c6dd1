/** Dispatch: the day's work orders and technicians as a routing problem, proposals, edits and diffs. */
export * from './types';
export { dayOrigin, nextDay, toInstant, toSeconds } from './clock';
export { shiftOn, zonedInstant, type TimeOff, type WeeklyShifts } from './shifts';
export { isStarted, toRoutingProblem, warmStart, type DispatchProblem, type ProblemOptions } from './problem';
export { assignmentOf, evaluateAssignment, proposalFromPlan, type Evaluation } from './proposal';
export { MAX_EDITS, applyEdits, editsProblem } from './edits';
export { diffProposals, type ProposalChange } from './diff';
export { REGION_PATTERN, REGION_PATTERN_SOURCE, dispatchWorkflowId, parsePlanId, planIdOf } from './plan-id';
