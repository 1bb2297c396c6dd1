import type { FactDescriptor, FactType, OperatorDescriptor } from '../../api/types';

/** The catalogue's facts and operators as the fact picker and the operator list offer them. */
const CUSTOM_PREFIXES = ['ticket.fields.', 'change.fields.'] as const;

/** The catalogue entry a leaf's fact falls under: `ticket.fields.plan` is `ticket.fields.*`. */
export function factEntryPath(fact: string): string {
  for (const prefix of CUSTOM_PREFIXES) if (fact.startsWith(prefix)) return `${prefix}*`;
  return fact;
}

export function customKeyOf(fact: string): string | null {
  for (const prefix of CUSTOM_PREFIXES) if (fact.startsWith(prefix)) return fact.slice(prefix.length);
  return null;
}

export function withCustomKey(fact: string, key: string): string {
  const entry = factEntryPath(fact);
  return entry.endsWith('.*') ? `${entry.slice(0, -1)}${key.trim()}` : fact;
}

/** A defined custom field has its own entry (`ticket.fields.plan`); any other key falls under `ticket.fields.*`. */
export function describeFact(facts: readonly FactDescriptor[], fact: string): FactDescriptor | undefined {
  const exact = facts.find((descriptor) => descriptor.path === fact);
  if (exact) return exact;
  const entry = factEntryPath(fact);
  return facts.find((descriptor) => descriptor.path === entry);
}

/** The fact picker's entry for a leaf's fact: its own when the catalogue has it, else its wildcard entry. */
export function pickerPath(facts: readonly FactDescriptor[], fact: string): string {
  return describeFact(facts, fact)?.path ?? factEntryPath(fact);
}

/** The type a value editor edits: a change fact compares values of its `of` type. */
export function valueType(fact: FactDescriptor): Exclude<FactType, 'change'> {
  return fact.type === 'change' ? fact.of ?? 'text' : fact.type;
}

export function operatorsFor(operators: readonly OperatorDescriptor[], fact: FactDescriptor | undefined): OperatorDescriptor[] {
  return fact ? operators.filter((operator) => operator.types.includes(fact.type)) : [];
}

/** Grouped options for the fact picker, in the catalogue's order. */
export function factGroups(facts: readonly FactDescriptor[]): { group: string; facts: FactDescriptor[] }[] {
  const groups: { group: string; facts: FactDescriptor[] }[] = [];
  for (const fact of facts) {
    const existing = groups.find((g) => g.group === fact.group);
    if (existing) existing.facts.push(fact);
    else groups.push({ group: fact.group, facts: [fact] });
  }
  return groups;
}
