import type { ConditionGroup, ConditionLeaf, ConditionNode } from '../../api/types';
import { pointerTokens } from './json-pointer';

/** Reading a condition tree: what a node is, its children, and the node at a pointer. */
export type GroupKind = 'all' | 'any' | 'not';

export function isLeaf(node: ConditionNode): node is ConditionLeaf {
  return typeof node === 'object' && node !== null && 'fact' in node;
}

export function groupKind(group: ConditionGroup): GroupKind {
  return 'all' in group ? 'all' : 'any' in group ? 'any' : 'not';
}

export function childrenOf(group: ConditionGroup): ConditionNode[] {
  if ('all' in group) return group.all;
  if ('any' in group) return group.any;
  return [group.not];
}

export function childPointer(groupPointer: string, group: ConditionGroup, index: number): string {
  const kind = groupKind(group);
  return kind === 'not' ? `${groupPointer}/not` : `${groupPointer}/${kind}/${index}`;
}

export function nodeAt<T = ConditionNode>(root: unknown, pointer: string): T | undefined {
  let node: unknown = root;
  for (const token of pointerTokens(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(token)] : (node as Record<string, unknown>)[token];
  }
  return node as T | undefined;
}
