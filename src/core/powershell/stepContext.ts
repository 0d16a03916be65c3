/** Shared helpers for the step builders: file names, geography facts, script assembly. */
import { hostUrlOf, pairsOfGeography, type GeographyPair } from '../plan/planQueries';
import { SIDES, type Geography, type Plan, type Side } from '../plan/planSchema';
import { SINGLE_GEO_CODE } from '../tenancy/geographies';
import { normalizeAdminUrl } from '../tenancy/tenantUrls';
import type { GeneratedFile, GenerationAction, GeneratorInput, StepOutput } from './generatorTypes';
import { psString } from './quote';
import { renderScript, type ScriptSpec } from './scriptDocument';

export function stepPrefix(step: number): string {
  return String(step).padStart(2, '0');
}

/** `-NAM` for Multi-Geo, nothing for a single-geo tenant. */
export function geoSuffix(code: string): string {
  return code === SINGLE_GEO_CODE ? '' : `-${code}`;
}

export function sideLabel(side: Side): string {
  return side === 'source' ? 'source' : 'target';
}

export function describeGeography(plan: Plan, side: Side, geo: Geography): string {
  const where = geo.code === SINGLE_GEO_CODE ? '' : ` geography ${geo.code}`;
  return `${sideLabel(side)} tenant ${plan[side].name}${where} (${geo.adminUrl})`;
}

/** The other side's host URL for each pair of this geography, or the pairs still missing one. */
export function partnerHosts(plan: Plan, side: Side, geo: Geography): { known: PartnerHost[]; missing: string[] } {
  const known: PartnerHost[] = [];
  const missing: string[] = [];
  for (const pair of pairsOfGeography(plan, side, geo.code)) {
    const partnerSide: Side = side === 'source' ? 'target' : 'source';
    const partnerCode = side === 'source' ? pair.targetGeography : pair.sourceGeography;
    const partner = plan[partnerSide].geographies.find((g) => g.code === partnerCode);
    const url = hostUrlOf(partner);
    if (url) known.push({ pair, geography: partnerCode, hostUrl: url });
    else missing.push(partnerCode);
  }
  return { known, missing };
}

export interface PartnerHost {
  pair: GeographyPair;
  geography: string;
  hostUrl: string;
}

export function scriptFile(
  input: GeneratorInput,
  spec: ScriptSpec,
  name: string,
  scope: { action: GenerationAction; geography?: string; batch?: string },
): GeneratedFile {
  return {
    path: `${spec.side}/${name}`,
    content: renderScript(spec, input.provenance),
    kind: 'script',
    side: spec.side,
    step: spec.step,
    title: spec.title,
    bom: true,
    ...scope,
  };
}

export function contextOf(plan: Plan, side: Side, geo: Geography): { tenant: string; geography: string; adminUrl: string } {
  const url = normalizeAdminUrl(geo.adminUrl);
  return { tenant: plan[side].name, geography: geo.code, adminUrl: url.ok ? url.value : geo.adminUrl.trim() };
}

export function partnerMissingMessage(plan: Plan, side: Side, missing: readonly string[]): string {
  const partner: Side = side === 'source' ? 'target' : 'source';
  return `Host URL of ${partner} geograph${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')} (${plan[partner].name}) is not in the plan yet: run the ${partner} admin's step 1 script and import its result.`;
}

/** A geography that pairs with at least one partner whose host URL is known. */
export interface PairedGeography {
  side: Side;
  geo: Geography;
  partners: PartnerHost[];
  /** The -PartnerRole value: the PARTNER's role (Target when run on the source, Source on the target). */
  partnerRole: 'Source' | 'Target';
  where: string;
}

/** One geography's partners, recording in `out` the ones whose host URL is still unknown. */
export function pairedGeography(
  plan: Plan,
  side: Side,
  geo: Geography,
  scope: { step: number; action: GenerationAction },
  out: StepOutput,
  onlyPair?: GeneratorInput['onlyPair'],
): PairedGeography | undefined {
  const all = partnerHosts(plan, side, geo);
  // With onlyPair, this geography must be the pair's own, and only the pair's partner counts.
  const partnerInScope = (partnerCode: string) =>
    !onlyPair ||
    ((side === 'source' ? onlyPair.sourceGeography : onlyPair.targetGeography) === geo.code &&
      partnerCode === (side === 'source' ? onlyPair.targetGeography : onlyPair.sourceGeography));
  const known = all.known.filter((k) => partnerInScope(k.geography));
  const missing = all.missing.filter(partnerInScope);
  if (missing.length) out.blocked.push({ side, ...scope, geography: geo.code, message: partnerMissingMessage(plan, side, missing) });
  if (known.length === 0) return undefined;
  return { side, geo, partners: known, partnerRole: side === 'source' ? 'Target' : 'Source', where: describeGeography(plan, side, geo) };
}

export function pairedGeographies(
  input: GeneratorInput,
  scope: { step: number; action: GenerationAction },
  out: StepOutput,
  sides: readonly Side[] = SIDES,
): PairedGeography[] {
  const { plan } = input;
  return sides
    .flatMap((side) => plan[side].geographies.map((geo) => pairedGeography(plan, side, geo, scope, out, input.onlyPair)))
    .filter((p): p is PairedGeography => !!p);
}

/** `$partners = @(@{ Geography = 'NAM'; HostUrl = '…' }, …)`, the list a script loops over. */
export function partnersLiteral(partners: readonly PartnerHost[]): string {
  return `$partners = @(${partners.map((k) => `@{ Geography = ${psString(k.geography)}; HostUrl = ${psString(k.hostUrl)} }`).join(', ')})`;
}
