/**
 * Messages between the extension host and its webviews. Shared by both sides; everything a
 * webview sends is untrusted input, so the host only acts on what `parseChecklistMessage` accepts.
 */
import type { ChecklistItem, ChecklistProgress } from '../src/core/checklist/checklist';
import { SHOW_MOVES_COMMAND, STEP_COMMANDS } from '../src/core/views/stepCommands';

/** Host → checklist webview. */
export type ChecklistHostMessage = { type: 'state'; items: ChecklistItem[]; progress: ChecklistProgress; hasPlan: boolean };

/** Checklist webview → host. */
export type ChecklistViewMessage = { type: 'ready' } | { type: 'tick'; id: string; done: boolean } | { type: 'run'; command: string };

/** Commands a checklist link may run: the steps and their explanations, nothing else. */
export const CHECKLIST_COMMANDS: readonly string[] = [...STEP_COMMANDS, 'onedriveMigration.explainErrorCode', SHOW_MOVES_COMMAND];

/** Validates a message from the webview; undefined means "ignore it". */
export function parseChecklistMessage(value: unknown): ChecklistViewMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return Object.keys(m).length === 1 ? { type: 'ready' } : undefined;
    case 'tick':
      return typeof m.id === 'string' && /^[\w.>\- ]{1,200}$/.test(m.id) && typeof m.done === 'boolean' && Object.keys(m).length === 3
        ? { type: 'tick', id: m.id, done: m.done }
        : undefined;
    case 'run':
      return typeof m.command === 'string' && CHECKLIST_COMMANDS.includes(m.command) && Object.keys(m).length === 2
        ? { type: 'run', command: m.command }
        : undefined;
    default:
      return undefined;
  }
}
