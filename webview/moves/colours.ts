/** The theme's chart colours per move category (light, dark and high-contrast themes define them). */
import type { MoveCategory } from '../../src/core/moves/moveCategory';

export const CATEGORY_COLOUR_VARIABLES: Record<MoveCategory, string> = {
  success: '--vscode-charts-green',
  failed: '--vscode-charts-red',
  refused: '--vscode-errorForeground',
  stopped: '--vscode-disabledForeground',
  inProgress: '--vscode-charts-blue',
  rescheduled: '--vscode-charts-purple',
  readyToTrigger: '--vscode-terminal-ansiCyan',
  scheduled: '--vscode-charts-yellow',
  notStarted: '--vscode-charts-orange',
  unknown: '--vscode-descriptionForeground',
  notQueued: '--vscode-editorWidget-border',
};

const FALLBACK = '#888888';

/** The colour a variable has in the current theme. */
export function themeColour(category: MoveCategory): string {
  return getComputedStyle(document.body).getPropertyValue(CATEGORY_COLOUR_VARIABLES[category]).trim() || FALLBACK;
}
