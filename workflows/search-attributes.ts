import { defineSearchAttributeKey, type SearchAttributePair } from '@temporalio/common';

/**
 * Keel's custom search attributes. A namespace holds at most 10 Keyword attributes on every
 * persistence, so each one here must earn its place.
 */
export const OrgId = defineSearchAttributeKey('OrgId', 'KEYWORD');
export const EntityType = defineSearchAttributeKey('EntityType', 'KEYWORD');
export const Status = defineSearchAttributeKey('Status', 'KEYWORD');
export const Priority = defineSearchAttributeKey('Priority', 'KEYWORD');
export const AssigneeId = defineSearchAttributeKey('AssigneeId', 'KEYWORD');

/** Name and dev-server type of each attribute, for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTES = [OrgId, EntityType, Status, Priority, AssigneeId].map((key) => ({
  name: key.name,
  type: 'Keyword' as const,
}));

/** A new entity's attributes as its workflow starts: whose it is, what it is, its first status, its priority. */
export function openingAttributes(entity: { orgId: string; type: string; status: string; priority: string }): SearchAttributePair[] {
  return [
    { key: OrgId, value: entity.orgId },
    { key: EntityType, value: entity.type },
    { key: Status, value: entity.status },
    { key: Priority, value: entity.priority },
  ];
}
