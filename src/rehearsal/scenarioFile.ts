/** Reading a scenario file (hand-written, so untrusted): known fields of the right types, or a clear message. */
import type { Scenario } from '../simulator/scenario';

const STRING_LISTS = ['unlicensedUsers', 'sourceUsersWithoutOneDrive', 'targetOneDrives', 'extraSourceUsers'] as const;
const RECORDS = { failingUsers: 'string', slowUsers: 'number', rescheduledUsers: 'number', compatibility: 'string' } as const;

export function readScenario(text: string, file: string, defaults: { start: string }): { scenario?: Scenario; error?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { error: `${file}: not JSON: ${(e as Error).message}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: `${file}: a scenario is a JSON object.` };
  const v = value as Record<string, unknown>;
  const known = new Set([
    'start',
    'outputShape',
    'targetUsersExist',
    'targetGroupsExist',
    'moveMinutes',
    'silentSide',
    'cmdletFaults',
    ...STRING_LISTS,
    ...Object.keys(RECORDS),
  ]);
  for (const k of Object.keys(v))
    if (!known.has(k)) return { error: `${file}: unknown field '${k}'. Known fields: ${[...known].join(', ')}.` };
  const scenario: Scenario = { start: defaults.start };
  if (v.start !== undefined) {
    if (typeof v.start !== 'string' || Number.isNaN(Date.parse(v.start))) return { error: `${file}: 'start' must be an ISO 8601 time.` };
    scenario.start = new Date(v.start).toISOString();
  }
  if (v.outputShape !== undefined) {
    if (v.outputShape !== 'documented' && v.outputShape !== 'alternative' && v.outputShape !== 'unrecognised')
      return { error: `${file}: 'outputShape' is documented, alternative or unrecognised.` };
    scenario.outputShape = v.outputShape;
  }
  for (const k of ['targetUsersExist', 'targetGroupsExist'] as const) {
    if (v[k] === undefined) continue;
    if (typeof v[k] !== 'boolean') return { error: `${file}: '${k}' must be true or false.` };
    scenario[k] = v[k];
  }
  if (v.moveMinutes !== undefined) {
    if (typeof v.moveMinutes !== 'number' || !(v.moveMinutes > 0 && v.moveMinutes <= 100_000))
      return { error: `${file}: 'moveMinutes' must be a number of minutes from 1 to 100000.` };
    scenario.moveMinutes = v.moveMinutes;
  }
  if (v.silentSide !== undefined) {
    if (v.silentSide !== 'source' && v.silentSide !== 'target') return { error: `${file}: 'silentSide' is source or target.` };
    scenario.silentSide = v.silentSide;
  }
  for (const k of STRING_LISTS) {
    if (v[k] === undefined) continue;
    if (!Array.isArray(v[k]) || !(v[k] as unknown[]).every((x) => typeof x === 'string'))
      return { error: `${file}: '${k}' must be a list of UPNs.` };
    scenario[k] = v[k] as string[];
  }
  for (const [k, type] of Object.entries(RECORDS) as Array<[keyof typeof RECORDS, string]>) {
    if (v[k] === undefined) continue;
    const r = v[k];
    if (!r || typeof r !== 'object' || Array.isArray(r) || !Object.values(r).every((x) => typeof x === type))
      return { error: `${file}: '${k}' must map names to ${type}s.` };
    (scenario as unknown as Record<string, unknown>)[k] = r;
  }
  if (v.cmdletFaults !== undefined) {
    const ok =
      Array.isArray(v.cmdletFaults) &&
      v.cmdletFaults.every(
        (f) =>
          f &&
          typeof f === 'object' &&
          typeof (f as { cmdlet?: unknown }).cmdlet === 'string' &&
          Number.isInteger((f as { onCall?: unknown }).onCall),
      );
    if (!ok)
      return {
        error: `${file}: 'cmdletFaults' is a list of { "cmdlet": "Start-SPOCrossTenantUserContentMove", "onCall": 3, "message": "…" }.`,
      };
    scenario.cmdletFaults = v.cmdletFaults as Scenario['cmdletFaults'];
  }
  return { scenario };
}
