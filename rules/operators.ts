import { Operator } from 'json-rules-engine';
import type { OperatorName } from './catalogue';
import { MAX_MATCHED_TEXT, checkPattern } from './safe-pattern';

type Evaluate = (fact: unknown, value: unknown) => boolean;

/** Strings compare case-insensitively; everything else strictly. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function contains(fact: unknown, value: unknown): boolean {
  if (typeof fact === 'string') return typeof value === 'string' && fact.toLowerCase().includes(value.toLowerCase());
  if (Array.isArray(fact)) return fact.some((item) => same(item, value));
  return false;
}

function isEmpty(fact: unknown): boolean {
  return fact === undefined || fact === null || fact === '' || (Array.isArray(fact) && fact.length === 0);
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const compare = (test: (a: number, b: number) => boolean): Evaluate => (a, b) => isNumber(a) && isNumber(b) && test(a, b);

interface Change {
  from: unknown;
  to: unknown;
}
const isChange = (fact: unknown): fact is Change => typeof fact === 'object' && fact !== null && 'to' in fact;
/** A side of a change matches a value: equal scalars, or (for tags) a list that has it. */
const sideHas = (side: unknown, value: unknown) => (Array.isArray(side) ? contains(side, value) : same(side, value));

const EVALUATORS: Record<OperatorName, Evaluate> = {
  equal: same,
  notEqual: (a, b) => !same(a, b),
  in: (a, b) => asList(b).some((item) => same(a, item)),
  notIn: (a, b) => !asList(b).some((item) => same(a, item)),
  contains,
  notContains: (a, b) => !contains(a, b),
  matches: (a, b) => {
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    const pattern = checkPattern(b);
    return pattern.ok && pattern.regex.test(a.slice(0, MAX_MATCHED_TEXT));
  },
  greaterThan: compare((a, b) => a > b),
  greaterThanInclusive: compare((a, b) => a >= b),
  lessThan: compare((a, b) => a < b),
  lessThanInclusive: compare((a, b) => a <= b),
  isEmpty,
  isNotEmpty: (a) => !isEmpty(a),
  changed: (a) => isChange(a),
  changedTo: (a, b) => isChange(a) && sideHas(a.to, b),
  changedFrom: (a, b) => isChange(a) && sideHas(a.from, b),
};

/** Keel's operators, replacing json-rules-engine's defaults of the same names. */
export const KEEL_OPERATORS: readonly Operator[] = Object.entries(EVALUATORS).map(
  ([name, evaluate]) => new Operator(name, (fact: unknown, value: unknown) => evaluate(fact, value)),
);

export function evaluateOperator(name: OperatorName, fact: unknown, value: unknown): boolean {
  return EVALUATORS[name](fact, value);
}
