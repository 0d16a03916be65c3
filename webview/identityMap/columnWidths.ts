/** The grid's column widths: the defaults, and fitting them to the editor's width (no DOM: unit-tested). */

// #, Type, Source tenant ID, Source, Target, E-mail / name, User / group type. The tenant ID is the
// same GUID on every row: narrow by default (its tooltip and resizing show it all).
export const DEFAULT_WIDTHS = [64, 92, 110, 250, 250, 230, 130];
/** Columns that give way when the editor is narrower than the default layout: Source, Target, E-mail. */
const FLEXIBLE = [3, 4, 5];
const FLEXIBLE_MIN = 150;

/** The default widths, the flexible columns narrowed (not below FLEXIBLE_MIN) so the grid fits `available` pixels. */
export function fitToWidth(defaults: readonly number[], available: number): number[] {
  const widths = [...defaults];
  const excess = widths.reduce((a, b) => a + b, 0) - available;
  if (!(available > 0) || excess <= 0) return widths;
  const room = FLEXIBLE.reduce((sum, i) => sum + Math.max(0, widths[i]! - FLEXIBLE_MIN), 0);
  if (!room) return widths;
  const take = Math.min(excess, room);
  // Each flexible column gives in proportion to what it can give; past that the grid scrolls sideways.
  for (const i of FLEXIBLE) widths[i] = widths[i]! - Math.floor((take * Math.max(0, widths[i]! - FLEXIBLE_MIN)) / room);
  return widths;
}
