/** A value a condition compares against. */
export type ConditionValue = string | number | boolean | null | (string | number)[];

/** One comparison: a fact, an operator, and (for most operators) a value. */
export interface ConditionLeaf {
  fact: string;
  operator: string;
  value?: ConditionValue;
}

/** json-rules-engine's boolean groups, nested freely. */
export type ConditionNode =
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | ConditionLeaf;

export type ConditionGroup = Exclude<ConditionNode, ConditionLeaf>;

export function isLeaf(node: ConditionNode): node is ConditionLeaf {
  return 'fact' in node;
}

/** Every leaf with its JSON pointer (relative to the conditions root), depth first. */
export function leavesOf(node: ConditionNode, pointer = ''): { leaf: ConditionLeaf; pointer: string }[] {
  if (isLeaf(node)) return [{ leaf: node, pointer }];
  if ('all' in node) return node.all.flatMap((child, i) => leavesOf(child, `${pointer}/all/${i}`));
  if ('any' in node) return node.any.flatMap((child, i) => leavesOf(child, `${pointer}/any/${i}`));
  return leavesOf(node.not, `${pointer}/not`);
}
