/** Values a template may use: `{{ticket.number}}`, `{{requester.name}}`, … */
export type TemplateValues = Record<string, Record<string, string | number | null>>;

export const TEMPLATE_PLACEHOLDERS = ['ticket.number', 'ticket.subject', 'requester.name', 'requester.email', 'mailbox.name', 'mailbox.address'] as const;

/** Replaces `{{group.name}}` placeholders; unknown placeholders are left as written. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{\{\s*([a-z]+)\.([a-zA-Z]+)\s*\}\}/g, (whole, group: string, name: string) => {
    const value = values[group]?.[name];
    return value === undefined ? whole : value === null ? '' : String(value);
  });
}

export const DEFAULT_ACK_SUBJECT = 'We received your request: {{ticket.subject}} [#{{ticket.number}}]';
export const DEFAULT_ACK_BODY = `Hello {{requester.name}},

thank you for writing to {{mailbox.name}}. Your request is ticket #{{ticket.number}}; we will answer as soon as we can.
Reply to this message to add to it.`;
