import type { ConditionLeaf, ConditionValue, FactDescriptor, OperatorDescriptor } from '../../api/types';
import { describeFact, operatorsFor, valueType } from './facts';

/** A condition leaf fitted to its fact and operator: defaults, and what survives a change of either. */
export function defaultValue(fact: FactDescriptor | undefined, operator: OperatorDescriptor | undefined): ConditionValue | undefined {
  if (!fact || !operator || operator.value === 'none') return undefined;
  if (operator.value === 'list') return [];
  if (operator.value === 'pattern') return '';
  switch (valueType(fact)) {
    case 'enum': return fact.options?.[0] ?? '';
    case 'number': return 0;
    case 'duration': return 3600;
    case 'boolean': return true;
    default: return '';
  }
}

function reshape(value: ConditionValue | undefined, shape: OperatorDescriptor['value']): ConditionValue | undefined {
  if (shape === 'none') return undefined;
  if (shape === 'list') {
    if (Array.isArray(value)) return value;
    return value === undefined || value === null || value === '' || typeof value === 'boolean' ? [] : [value];
  }
  if (Array.isArray(value)) return value[0] ?? '';
  return value;
}

/** A leaf with a new fact: the operator stays when it fits the new fact, the value when its type does. */
export function withFact(leaf: ConditionLeaf, fact: string, facts: readonly FactDescriptor[], operators: readonly OperatorDescriptor[]): ConditionLeaf {
  const before = describeFact(facts, leaf.fact);
  const after = describeFact(facts, fact);
  const fitting = operatorsFor(operators, after);
  const operator = fitting.find((o) => o.name === leaf.operator) ?? fitting[0];
  const sameType = before && after && before.type === after.type && valueType(before) === valueType(after) && before.options === after.options;
  const value = sameType && operator?.name === leaf.operator ? leaf.value : defaultValue(after, operator);
  return compactLeaf({ fact, operator: operator?.name ?? leaf.operator, value });
}

/** A leaf with a new operator: the value is kept where the shapes allow it. */
export function withOperator(leaf: ConditionLeaf, name: string, facts: readonly FactDescriptor[], operators: readonly OperatorDescriptor[]): ConditionLeaf {
  const before = operators.find((o) => o.name === leaf.operator);
  const after = operators.find((o) => o.name === name);
  if (!after) return { ...leaf, operator: name };
  let value: ConditionValue | undefined;
  if (after.value === 'none') value = undefined;
  else if (!before || before.value === 'none' || (before.value === 'pattern') !== (after.value === 'pattern')) value = defaultValue(describeFact(facts, leaf.fact), after);
  else value = reshape(leaf.value, after.value);
  return compactLeaf({ fact: leaf.fact, operator: name, value });
}

function compactLeaf(leaf: ConditionLeaf): ConditionLeaf {
  return leaf.value === undefined ? { fact: leaf.fact, operator: leaf.operator } : leaf;
}

export function newLeaf(facts: readonly FactDescriptor[], operators: readonly OperatorDescriptor[]): ConditionLeaf {
  const fact = facts.find((f) => f.path === 'ticket.subject') ?? facts[0];
  if (!fact) return { fact: 'ticket.subject', operator: 'contains', value: '' };
  const preferred = operatorsFor(operators, fact).find((o) => o.name === 'contains')?.name ?? '';
  return withFact({ fact: fact.path, operator: preferred }, fact.path, facts, operators);
}
