import { onBeforeUnmount, onMounted } from 'vue';

export type ShortcutMap = Record<string, (event: KeyboardEvent) => void>;

function typing(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element && (element.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));
}

/**
 * Single-key shortcuts for the component's lifetime. Keys are ignored while the user types in
 * a field, except Escape; `mod+Enter` works everywhere.
 */
export function useShortcuts(shortcuts: ShortcutMap): void {
  const onKey = (event: KeyboardEvent) => {
    const key = (event.ctrlKey || event.metaKey) && event.key === 'Enter' ? 'mod+Enter' : event.key;
    const handler = shortcuts[key];
    if (!handler) return;
    if (key !== 'mod+Enter' && key !== 'Escape' && (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey)) return;
    event.preventDefault();
    handler(event);
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}

export const SHORTCUT_HELP: { keys: string; action: string }[] = [
  { keys: 'j / k', action: 'Next / previous ticket in the queue' },
  { keys: 'Enter', action: 'Open the selected ticket' },
  { keys: 'x', action: 'Tick the selected ticket for a bulk action' },
  { keys: 'c', action: 'New ticket' },
  { keys: '/', action: 'Search' },
  { keys: 'r', action: 'Reply (in a ticket)' },
  { keys: 'n', action: 'Internal note' },
  { keys: 'm', action: 'Apply a macro (in a ticket)' },
  { keys: 'a', action: 'Assign to me' },
  { keys: 's', action: 'Solve' },
  { keys: 'o', action: 'Open' },
  { keys: 'Ctrl/⌘ + Enter', action: 'Send the reply' },
  { keys: 'Esc', action: 'Back to the queue' },
  { keys: '?', action: 'This help' },
];
