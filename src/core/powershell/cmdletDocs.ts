/**
 * Documentation derived from the cmdlet catalogue: syntax lines, snippets (every cross-tenant
 * cmdlet with all its parameters, enum values as choices) and hover text for .ps1 files.
 */
import { CMDLETS, findCmdlet, type CmdletSpec, type ParameterSpec } from './cmdletCatalogue';

export function isCrossTenantCmdlet(c: CmdletSpec): boolean {
  return /CrossTenant|TenantIdentityMap/.test(c.name);
}

function parameterSyntax(p: ParameterSpec): string {
  const value = p.type === 'SwitchParameter' ? '' : ` <${p.values ? p.values.join('|') : p.type}>`;
  return p.mandatory ? `-${p.name}${value}` : `[-${p.name}${value}]`;
}

export function cmdletSyntax(c: CmdletSpec): string {
  return [c.name, ...c.parameters.map(parameterSyntax)].join(' ');
}

const EXAMPLE_VALUES: Record<string, string> = {
  PartnerCrossTenantHostUrl: 'https://fabrikam-my.sharepoint.com',
  TargetCrossTenantHostUrl: 'https://fabrikam-my.sharepoint.com',
  SourceUserPrincipalName: 'alice@contoso.com',
  TargetUserPrincipalName: 'alice@fabrikam.com',
  TargetUserUpn: 'alice@fabrikam.com',
  TargetUserEmail: 'alice@fabrikam.com',
  SourceUserKey: 'alice@contoso.com',
  IdentityMapPath: 'C:\\\\migration\\\\identity-map.csv',
  PreferredMoveBeginDate: "([datetime]'2026-12-05T22:00:00Z').ToUniversalTime()",
  PreferredMoveEndDate: "([datetime]'2026-12-06T06:00:00Z').ToUniversalTime()",
  OldSiteUrl: 'https://contoso-my.sharepoint.com/personal/alice_contoso_com',
  NewSiteUrl: 'https://fabrikam-my.sharepoint.com/personal/alice_fabrikam_com',
};

/** Escapes text for a snippet placeholder ($, }, \ and, inside choices, , and |). */
function snippetText(text: string, inChoice = false): string {
  const escaped = text.replace(/[\\$}]/g, (c) => `\\${c}`);
  return inChoice ? escaped.replace(/[,|]/g, (c) => `\\${c}`) : escaped;
}

export interface Snippet {
  prefix: string;
  body: string[];
  description: string;
}

export function buildSnippets(): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  for (const c of CMDLETS.filter(isCrossTenantCmdlet)) {
    let tab = 0;
    const parts = [c.name];
    for (const p of c.parameters) {
      tab++;
      if (p.type === 'SwitchParameter') parts.push(`\${${tab}:-${p.name}}`);
      else if (p.values) {
        // 'None' is never what an admin wants here: offer it last.
        const preferred = [...p.values.filter((v) => v !== 'None'), ...p.values.filter((v) => v === 'None')];
        parts.push(`-${p.name} \${${tab}|${preferred.map((v) => snippetText(v, true)).join(',')}|}`);
      } else parts.push(`-${p.name} \${${tab}:${snippetText(EXAMPLE_VALUES[p.name] ?? `<${p.name}>`)}}`);
    }
    out[c.name] = {
      prefix: c.name,
      body: [parts.join(' ')],
      description: `${c.synopsis}${c.documented ? '' : " (not in Microsoft's cmdlet reference)"}`,
    };
  }
  return out;
}

function parameterRow(p: ParameterSpec): string {
  const values = p.values ? p.values.map((v) => `\`${v}\``).join(', ') : `\`${p.type}\``;
  return `| \`-${p.name}\`${p.mandatory ? ' (required)' : ''} | ${values} | ${(p.description ?? '').replace(/\|/g, '\\|')} |`;
}

export function cmdletHoverMarkdown(c: CmdletSpec): string {
  const lines = [`**${c.name}** — ${c.synopsis}`, '', '```powershell', cmdletSyntax(c), '```'];
  if (c.parameters.length) lines.push('', '| Parameter | Values | Notes |', '| --- | --- | --- |', ...c.parameters.map(parameterRow));
  lines.push('', `Module \`${c.module}\` · source ${c.source}${c.documented ? '' : " · not in Microsoft's current cmdlet reference"}`);
  return lines.join('\n');
}

export function parameterHoverMarkdown(c: CmdletSpec, p: ParameterSpec): string {
  const values = p.values ? `\n\nAccepted values: ${p.values.map((v) => `\`${v}\``).join(', ')}` : '';
  return `**-${p.name}** \`${p.type}\`${p.mandatory ? ' (required)' : ''} of ${c.name}${p.description ? `\n\n${p.description}` : ''}${values}`;
}

/**
 * What to show when hovering at `character` of `line` in a PowerShell file: a cmdlet of the
 * catalogue, or one of its parameters (the nearest cmdlet to the left on the same line).
 */
export function hoverAt(line: string, character: number): { markdown: string; start: number; end: number } | undefined {
  const word = /[A-Za-z][\w-]*/g;
  let m: RegExpExecArray | null;
  while ((m = word.exec(line))) {
    const start = m.index;
    const end = start + m[0].length;
    const isParameter = line[start - 1] === '-';
    if (character < (isParameter ? start - 1 : start) || character > end) continue;
    if (!isParameter) {
      const c = findCmdlet(m[0]);
      return c ? { markdown: cmdletHoverMarkdown(c), start, end } : undefined;
    }
    const left = line.slice(0, start - 1);
    const cmdlets = [...left.matchAll(/[A-Za-z]+-[A-Za-z]+/g)].map((x) => findCmdlet(x[0])).filter((c): c is CmdletSpec => !!c);
    const owner = cmdlets.at(-1);
    const p = owner?.parameters.find((x) => x.name.toLowerCase() === m![0].toLowerCase());
    return owner && p ? { markdown: parameterHoverMarkdown(owner, p), start: start - 1, end } : undefined;
  }
  return undefined;
}
