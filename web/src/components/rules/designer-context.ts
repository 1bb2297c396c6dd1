import type { SelectOption as NaiveSelectOption } from 'naive-ui';
import type { InjectionKey } from 'vue';
import type { ConditionNode, FactDescriptor, OperatorDescriptor } from '../../api/types';
import type { GroupKind } from '../../domain/rules/condition-nodes';
import type { Problem } from '../../domain/rules/problem-places';

export type SelectOption = NaiveSelectOption & { label: string; value: string };

/**
 * What the nested condition editors share with the designer page: the catalogue, picker
 * options, the current problems, and the edits (each replaces the draft's tree).
 */
export interface DesignerContext {
  facts(): readonly FactDescriptor[];
  operators(): readonly OperatorDescriptor[];
  agents(): SelectOption[];
  teams(): SelectOption[];
  problems(): readonly Problem[];
  replace(pointer: string, node: ConditionNode): void;
  remove(pointer: string): void;
  add(groupPointer: string, node: ConditionNode): void;
  addGroup(groupPointer: string, kind: GroupKind): void;
  setKind(pointer: string, kind: GroupKind): void;
  setChildren(groupPointer: string, children: ConditionNode[]): void;
  move(groupPointer: string, from: number, to: number): void;
}

export const DESIGNER: InjectionKey<DesignerContext> = Symbol('rule-designer');
