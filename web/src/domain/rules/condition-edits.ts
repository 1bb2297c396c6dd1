import type { ConditionGroup, ConditionNode } from '../../api/types';
import { childrenOf, groupKind, isLeaf, nodeAt, type GroupKind } from './condition-nodes';
import { carryKey } from './editor-keys';
import { pointerTokens } from './json-pointer';

/**
 * Editing a condition tree without mutating it: each edit rebuilds the path from the root to
 * the node it changes and keeps every other subtree by identity (so editors keep their keys).
 */

/** Rebuilds the path from the root to `pointer`, replacing that node by `change(node)`; null removes it. */
function updateAt(node: ConditionNode, path: string[], change: (node: ConditionNode) => ConditionNode | null): ConditionNode | null {
  if (path.length === 0) return carryKey(node, change(node));
  const [key, ...rest] = path;
  if (key === 'not' && !isLeaf(node) && 'not' in node) {
    const child = updateAt(node.not, rest, change);
    // A `not` without its one child means nothing: it goes too.
    return child === null ? null : carryKey(node, { not: child });
  }
  if ((key === 'all' || key === 'any') && !isLeaf(node) && key in node) {
    const list = (node as Record<string, ConditionNode[]>)[key]!;
    const index = Number(rest[0]);
    const target = list[index];
    if (!Number.isInteger(index) || target === undefined) throw new Error(`No condition at /${path.join('/')}`);
    const child = updateAt(target, rest.slice(1), change);
    const next = child === null ? list.filter((_, i) => i !== index) : list.map((item, i) => (i === index ? child : item));
    return carryKey(node, key === 'all' ? { all: next } : { any: next });
  }
  throw new Error(`No condition at /${path.join('/')}`);
}

function updateRoot(root: ConditionGroup, pointer: string, change: (node: ConditionNode) => ConditionNode | null): ConditionGroup {
  const next = updateAt(root, pointerTokens(pointer), change);
  if (next === null) return { all: [] };
  return isLeaf(next) ? { all: [next] } : next;
}

export function replaceNode(root: ConditionGroup, pointer: string, node: ConditionNode): ConditionGroup {
  return updateRoot(root, pointer, () => node);
}

/** Removes a node; the root itself cannot go, it empties instead. */
export function removeNode(root: ConditionGroup, pointer: string): ConditionGroup {
  if (pointer === '') return { all: [] };
  return updateRoot(root, pointer, () => null);
}

/** Appends a child to a group. A `not` holds one node: the new one joins it in an `all`. */
export function addChild(root: ConditionGroup, groupPointer: string, child: ConditionNode): ConditionGroup {
  return updateRoot(root, groupPointer, (node) => {
    if (isLeaf(node)) throw new Error(`${groupPointer || '/'} is a condition, not a group`);
    if ('all' in node) return { all: [...node.all, child] };
    if ('any' in node) return { any: [...node.any, child] };
    if (!isLeaf(node.not) && !('not' in node.not)) return { not: addChildToGroup(node.not, child) };
    return { not: { all: [node.not, child] } };
  });
}

function addChildToGroup(group: ConditionGroup, child: ConditionNode): ConditionGroup {
  if ('all' in group) return { all: [...group.all, child] };
  if ('any' in group) return { any: [...group.any, child] };
  return { all: [group, child] };
}

/** Replaces a group's children (drag and drop hands over the reordered list). */
export function setChildren(root: ConditionGroup, groupPointer: string, children: ConditionNode[]): ConditionGroup {
  return updateRoot(root, groupPointer, (node) => {
    if (isLeaf(node)) throw new Error(`${groupPointer || '/'} is a condition, not a group`);
    const kind = groupKind(node);
    if (kind === 'not') return children[0] ? { not: children[0] } : { all: [] };
    return kind === 'all' ? { all: [...children] } : { any: [...children] };
  });
}

export function moveChild(root: ConditionGroup, groupPointer: string, from: number, to: number): ConditionGroup {
  const group = nodeAt<ConditionNode>(root, groupPointer);
  if (!group || isLeaf(group)) throw new Error(`${groupPointer || '/'} is not a group`);
  const children = [...childrenOf(group)];
  if (from < 0 || from >= children.length || to < 0 || to >= children.length) return root;
  const [moved] = children.splice(from, 1);
  children.splice(to, 0, moved!);
  return setChildren(root, groupPointer, children);
}

/** all ↔ any keep their children; `not` negates one node, so several children are kept in an `all`. */
export function setGroupKind(root: ConditionGroup, pointer: string, kind: GroupKind): ConditionGroup {
  return updateRoot(root, pointer, (node) => {
    if (isLeaf(node)) throw new Error(`${pointer || '/'} is a condition, not a group`);
    if (groupKind(node) === kind) return node;
    const children = childrenOf(node);
    if (kind === 'not') return { not: children.length === 1 ? children[0]! : { all: children } };
    // Leaving a `not` whose child is a group lifts that group's children rather than nesting it.
    const lifted = 'not' in node && !isLeaf(node.not) && !('not' in node.not) ? childrenOf(node.not) : children;
    return kind === 'all' ? { all: lifted } : { any: lifted };
  });
}

export function newGroup(kind: GroupKind, first: ConditionNode): ConditionGroup {
  if (kind === 'not') return { not: first };
  return kind === 'all' ? { all: [first] } : { any: [first] };
}
