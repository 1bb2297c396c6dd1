import { describe, expect, it } from 'vitest';
import { addChild, moveChild, replaceNode } from './condition-edits';
import { nodeAt } from './condition-nodes';
import { keyOf } from './editor-keys';
import { priority, tags, tree } from './test-trees';

describe('keys for editors', () => {
  it('a node rebuilt in place, and its ancestors, keep their keys; siblings keep theirs', () => {
    const original = tree();
    const before = { group: keyOf(nodeAt(original, '/all/1')!), leaf: keyOf(nodeAt(original, '/all/1/any/0')!), first: keyOf(nodeAt(original, '/all/0')!) };
    const edited = replaceNode(original, '/all/1/any/0', { ...priority, value: 'urgent' });
    expect(keyOf(nodeAt(edited, '/all/1')!)).toBe(before.group);
    expect(keyOf(nodeAt(edited, '/all/1/any/0')!)).toBe(before.leaf);
    expect(keyOf(nodeAt(edited, '/all/0')!)).toBe(before.first);
    const moved = moveChild(edited, '', 0, 1);
    expect(keyOf(nodeAt(moved, '/all/1')!)).toBe(before.first);
    expect(keyOf(nodeAt(addChild(moved, '', tags), '/all/2')!)).not.toBe(before.first);
  });
});
