/**
 * One generated PowerShell file: header (what, where, who, needs), #Requires, param block,
 * strict mode, the helper functions it uses, then its body. Every script follows DESIGN.md §4;
 * the step builders only supply the parts that differ.
 */
import type { Side } from '../plan/planSchema';
import { HELPERS, type HelperName } from './psHelpers';
import { normalizeAdminUrl } from '../tenancy/tenantUrls';
import { psString } from './quote';

export const EOL = '\r\n';
export const SPO_MODULE = 'Microsoft.Online.SharePoint.PowerShell';

export interface ScriptSpec {
  step: number;
  /** Instead of "Step N of 7" in the header, for scripts that are not a migration step (live mode's setup). */
  stepLabel?: string;
  side: Side;
  title: string;
  /** Where it must run: tenant, geography and admin URL (or "Microsoft Graph" for step 4). */
  runsOn: string;
  purpose: readonly string[];
  needs: readonly string[];
  modules?: readonly string[];
  /** Destructive scripts ask for confirmation per action (-WhatIf / -Confirm work too). */
  destructive?: boolean;
  /** Not destructive, but accepts -WhatIf for a dry run. */
  supportsWhatIf?: boolean;
  /** Extra param() entries, already valid PowerShell. */
  parameters?: readonly string[];
  /** Relative path from the script's folder to the results folder; omit when nothing is written. */
  resultsPath?: string;
  /** Variables describing where the script runs, read by Write-MigrationResult. */
  context?: { tenant: string; geography: string; adminUrl: string };
  helpers?: readonly HelperName[];
  body: readonly string[];
}

/** Comment text cannot end a comment or break a line. */
export function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

export function renderScript(spec: ScriptSpec, provenance: string): string {
  const lines: string[] = [];
  const who = spec.side === 'source' ? 'SOURCE' : 'TARGET';
  lines.push(`# ${commentText(spec.title)}`);
  lines.push(`# ${commentText(spec.stepLabel ?? `Step ${spec.step} of 7`)}. Run by the ${who} admin on: ${commentText(spec.runsOn)}`);
  lines.push('#');
  for (const p of spec.purpose) lines.push(`# ${commentText(p)}`);
  if (spec.needs.length) {
    lines.push('#');
    lines.push('# Needs:');
    for (const n of spec.needs) lines.push(`#   - ${commentText(n)}`);
  }
  if (spec.resultsPath !== undefined) {
    lines.push('#');
    lines.push('# Writes a result JSON into the results folder; the extension (or `onedrive-migration import`)');
    lines.push('# reads it back into the plan. If you run this for another organisation, send them that file.');
  }
  lines.push('#');
  lines.push(`# ${commentText(provenance)} Review it before you run it.`);
  lines.push('#Requires -Version 5.1');
  for (const m of spec.modules ?? [SPO_MODULE]) lines.push(`#Requires -Modules ${m}`);
  lines.push(
    spec.destructive
      ? "[CmdletBinding(SupportsShouldProcess = $true, ConfirmImpact = 'High')]"
      : spec.supportsWhatIf
        ? '[CmdletBinding(SupportsShouldProcess = $true)]'
        : '[CmdletBinding()]',
  );
  const params = [
    ...(spec.resultsPath !== undefined
      ? [`[string]$ResultsFolder = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(spec.resultsPath)})`]
      : []),
    ...(spec.parameters ?? []),
  ];
  if (params.length) {
    lines.push('param(');
    params.forEach((p, i) => lines.push(`    ${p}${i < params.length - 1 ? ',' : ''}`));
    lines.push(')');
  } else lines.push('param()');
  lines.push('Set-StrictMode -Version Latest');
  lines.push("$ErrorActionPreference = 'Stop'");
  if (spec.context) {
    lines.push(`$MigrationSide = ${psString(spec.side)}`);
    lines.push(`$MigrationTenant = ${psString(spec.context.tenant)}`);
    lines.push(`$MigrationGeography = ${psString(spec.context.geography)}`);
    lines.push(`$MigrationAdminUrl = ${psString(spec.context.adminUrl)}`);
  }
  const helpers = new Set<HelperName>(spec.helpers ?? []);
  if (spec.resultsPath !== undefined) helpers.add('result');
  for (const name of orderedHelpers(helpers)) {
    lines.push('');
    lines.push(...HELPERS[name].lines);
  }
  lines.push('');
  lines.push(...spec.body);
  return lines.join(EOL) + EOL;
}

function orderedHelpers(names: Set<HelperName>): HelperName[] {
  const all = new Set<HelperName>();
  const add = (n: HelperName) => {
    for (const dep of HELPERS[n].needs ?? []) add(dep);
    all.add(n);
  };
  for (const n of names) add(n);
  return (Object.keys(HELPERS) as HelperName[]).filter((n) => all.has(n));
}

/** Indents PowerShell lines by `levels` × 4 spaces. */
export function indent(lines: readonly string[], levels = 1): string[] {
  const pad = '    '.repeat(levels);
  return lines.map((l) => (l === '' ? l : pad + l));
}

/** The lines that connect to one admin URL (the label names it) (one SPO connection per session, so every block reconnects). */
export function connectLines(adminUrl: string, label: string): string[] {
  // The canonical form (trimmed, lower case, no trailing slash): never a hand-typed variant.
  const url = normalizeAdminUrl(adminUrl);
  return [
    `Write-Host ${psString(`Connecting to ${label} ...`)}`,
    `Connect-SPOService -Url ${psString(url.ok ? url.value : adminUrl.trim())}`,
  ];
}
