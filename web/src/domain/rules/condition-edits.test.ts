import { describe, expect, it } from 'vitest';
import { addChild, moveChild, removeNode, replaceNode, setChildren, setGroupKind } from './condition-edits';
import { nodeAt } from './condition-nodes';
import { priority, subject, tags, tree } from './test-trees';

describe('condition tree edits', () => {
  it('finds nodes by pointer', () => {
    expect(nodeAt(tree(), '')).toEqual(tree());
    expect(nodeAt(tree(), '/all/1/any/0')).toEqual(priority);
    expect(nodeAt(tree(), '/all/1/any/1/not')).toEqual(tags);
    expect(nodeAt(tree(), '/all/7')).toBeUndefined();
  });

  it('adds to all/any groups and to a not by joining its node in an all', () => {
    expect(addChild(tree(), '', tags)).toEqual({ all: [subject, { any: [priority, { not: tags }] }, tags] });
    expect(nodeAt(addChild(tree(), '/all/1', subject), '/all/1')).toEqual({ any: [priority, { not: tags }, subject] });
    expect(nodeAt(addChild(tree(), '/all/1/any/1', subject), '/all/1/any/1')).toEqual({ not: { all: [tags, subject] } });
    expect(() => addChild(tree(), '/all/0', tags)).toThrow(/not a group/);
  });

  it('removes leaves and groups without touching the original; removing the node of a not removes the not', () => {
    const original = tree();
    expect(removeNode(original, '/all/0')).toEqual({ all: [{ any: [priority, { not: tags }] }] });
    expect(removeNode(original, '/all/1/any/1/not')).toEqual({ all: [subject, { any: [priority] }] });
    expect(removeNode(original, '/all/1')).toEqual({ all: [subject] });
    expect(removeNode(original, '')).toEqual({ all: [] });
    expect(original).toEqual(tree());
  });

  it('keeps untouched subtrees by identity, so their keys survive an edit', () => {
    const original = tree();
    const edited = replaceNode(original, '/all/0', { ...subject, value: 'refund please' });
    expect(nodeAt(edited, '/all/1')).toBe(nodeAt(original, '/all/1'));
    expect(nodeAt(edited, '/all/0')).toEqual({ ...subject, value: 'refund please' });
  });

  it('moves a child within its group, and ignores moves out of range', () => {
    expect(moveChild(tree(), '', 0, 1)).toEqual({ all: [{ any: [priority, { not: tags }] }, subject] });
    expect(moveChild(tree(), '/all/1', 1, 0)).toEqual({ all: [subject, { any: [{ not: tags }, priority] }] });
    expect(moveChild(tree(), '', 0, 5)).toEqual(tree());
    expect(setChildren(tree(), '/all/1', [tags])).toEqual({ all: [subject, { any: [tags] }] });
  });

  it('switches group kinds: all ↔ any keep children, not wraps several in an all and unwraps again', () => {
    expect(setGroupKind(tree(), '', 'any')).toEqual({ any: [subject, { any: [priority, { not: tags }] }] });
    expect(setGroupKind(tree(), '', 'not')).toEqual({ not: tree() });
    expect(setGroupKind({ all: [subject] }, '', 'not')).toEqual({ not: subject });
    expect(setGroupKind({ not: { all: [subject, tags] } }, '', 'any')).toEqual({ any: [subject, tags] });
    expect(setGroupKind({ not: subject }, '', 'all')).toEqual({ all: [subject] });
  });
});
