/**
 * Stable keys for nodes and actions across edits, so an editor keeps its focus while its
 * node is replaced: untouched parts keep their identity, and a node rebuilt in the same
 * place inherits the key of the one it replaces.
 */
const keys = new WeakMap<object, number>();
let nextKey = 1;

export function keyOf(item: object): number {
  let key = keys.get(item);
  if (key === undefined) {
    key = nextKey++;
    keys.set(item, key);
  }
  return key;
}

export function carryKey<T extends object | null>(from: object, to: T): T {
  if (to !== null && to !== from && !keys.has(to)) keys.set(to, keyOf(from));
  return to;
}
