/**
 * One runbook per side: runs that side's scripts in step order and stops where the other side
 * must act first, printing what they must do and how to resume (-FromStep N).
 */
import type { Side } from '../plan/planSchema';
import type { BlockedScript, GeneratedFile } from './generatorTypes';
import { EXIT_WAITING } from './psHelpers';
import { psString } from './quote';
import { EOL, commentText } from './scriptDocument';

/** Scripts run on demand, never by the runbook. */
export const ON_DEMAND_SCRIPTS = ['06-stop-move', '07-remove-redirect-sites', '07-check-migrate-back'];

const HANDOFFS: Record<Side, Record<number, string>> = {
  source: {
    1: "Send your step 1 result files to the target admin and import theirs (each side needs the other side's host URLs), then regenerate the scripts.",
    2: 'The target admin must request the trust too (their step 2). The trust stays dormant for up to 7 days after both requests.',
    3: 'The target admin now pre-creates users and groups (step 4) and uploads the identity map to every target geography (step 5). Wait for them.',
    6: 'Every batch is done (see the summaries above; failed users are listed in the result files). Step 7 removes the trust on this side once you have checked them; the target admin removes theirs.',
  },
  target: {
    1: "Send your step 1 result files to the source admin and import theirs (each side needs the other side's host URLs), then regenerate the scripts.",
    2: 'The source admin must request the trust too (their step 2). The trust stays dormant for up to 7 days after both requests.',
    5: 'Tell the source admin that the map is uploaded everywhere: they check compatibility and queue the batches. Follow the moves with step 6.',
    6: 'Wait until the source admin reports that every batch is done (run the 06-export-move-state scripts to follow the moves). Step 7 removes the trust.',
  },
};

/** Within a step, read-only exports run before the queue scripts, so every stop leaves fresh move states behind. */
const RUN_FIRST = ['06-export-move-state'];

export function runbookFile(
  side: Side,
  files: readonly GeneratedFile[],
  blocked: readonly BlockedScript[],
  provenance: string,
): GeneratedFile {
  const first = (f: GeneratedFile) => (RUN_FIRST.some((p) => fileName(f).startsWith(p)) ? 0 : 1);
  const scripts = files
    .filter((f) => f.side === side && f.kind === 'script' && !ON_DEMAND_SCRIPTS.some((p) => fileName(f).startsWith(p)))
    .sort((a, b) => a.step - b.step || first(a) - first(b)); // stable: otherwise the order the builders chose
  const stages: string[] = [];
  for (let step = 1; step <= 7; step++) {
    for (const f of scripts.filter((s) => s.step === step)) {
      stages.push(`[ordered]@{ Step = ${step}; Script = ${psString(fileName(f))}; Stop = $null }`);
    }
    const stops = blocked.filter((b) => b.side === side && b.step === step);
    if (stops.length) {
      const why = `Some step ${step} scripts could not be generated yet: ${stops.map((b) => b.message).join(' ')}`;
      stages.push(`[ordered]@{ Step = ${step}; Script = $null; Stop = ${psString(why)}; Resume = ${step} }`);
    }
    const handoff = HANDOFFS[side][step];
    if (handoff) stages.push(`[ordered]@{ Step = ${step}; Script = $null; Stop = ${psString(handoff)}; Resume = ${step + 1} }`);
  }
  const who = side === 'source' ? 'SOURCE' : 'TARGET';
  const lines = [
    `# Runbook for the ${who} admin: runs this side's scripts in step order.`,
    '# It stops where the other organisation must act first, or where a script waits (a dormant trust, a batch under way,',
    '# users to create), and tells you how to resume, e.g. .\\RUNBOOK.ps1 -FromStep 3. Everything it prints also goes to a',
    '# transcript next to it (RUNBOOK-<time>.log). Exit code: 0 finished, 2 stopped to wait, 1 a script failed.',
    `# On-demand scripts are not run from here: ${ON_DEMAND_SCRIPTS.join(', ')}.`,
    `# ${commentText(provenance)} Review every script before you run it.`,
    '#Requires -Version 5.1',
    '[CmdletBinding()]',
    'param(',
    '    [ValidateRange(1, 7)][int]$FromStep = 1,',
    '    [ValidateRange(1, 7)][int]$ToStep = 7',
    ')',
    'Set-StrictMode -Version Latest',
    "$ErrorActionPreference = 'Stop'",
    '$stages = @(',
    ...stages.map((s, i) => `    ${s}${i < stages.length - 1 ? ',' : ''}`),
    ')',
    "$transcript = Join-Path -Path $PSScriptRoot -ChildPath ('RUNBOOK-{0}.log' -f [DateTime]::UtcNow.ToString('yyyyMMdd\\THHmmss\\Z', [System.Globalization.CultureInfo]::InvariantCulture))",
    '$transcribing = $false',
    'try { $null = Start-Transcript -LiteralPath $transcript; $transcribing = $true } catch { Write-Verbose -Message $_.Exception.Message }',
    '$code = 0',
    'foreach ($stage in $stages) {',
    '    if ($stage.Step -lt $FromStep -or $stage.Step -gt $ToStep) { continue }',
    '    if ($null -ne $stage.Stop) {',
    "        Write-Host ''",
    '        Write-Host $stage.Stop -ForegroundColor Yellow',
    "        Write-Host ('Then run: .\\RUNBOOK.ps1 -FromStep {0}' -f $stage.Resume) -ForegroundColor Yellow",
    `        $code = ${EXIT_WAITING}`,
    '        break',
    '    }',
    "    Write-Host ('==> Step {0}: {1}' -f $stage.Step, $stage.Script) -ForegroundColor Cyan",
    '    $global:LASTEXITCODE = 0',
    '    try {',
    '        & (Join-Path -Path $PSScriptRoot -ChildPath $stage.Script)',
    '    } catch {',
    "        Write-Host ('Step {0} failed in {1}: {2}' -f $stage.Step, $stage.Script, $_.Exception.Message) -ForegroundColor Red",
    "        Write-Host ('Fix the cause, then run: .\\RUNBOOK.ps1 -FromStep {0}' -f $stage.Step) -ForegroundColor Yellow",
    '        $code = 1',
    '        break',
    '    }',
    `    if ($LASTEXITCODE -eq ${EXIT_WAITING}) {`,
    "        Write-Host ''",
    "        Write-Host ('Step {0} is waiting: {1} says why above.' -f $stage.Step, $stage.Script) -ForegroundColor Yellow",
    "        Write-Host ('Then run: .\\RUNBOOK.ps1 -FromStep {0}' -f $stage.Step) -ForegroundColor Yellow",
    `        $code = ${EXIT_WAITING}`,
    '        break',
    '    }',
    '    if ($LASTEXITCODE -ne 0) {',
    "        Write-Host ('Step {0}: {1} ended with exit code {2}. Fix the cause, then run: .\\RUNBOOK.ps1 -FromStep {0}' -f $stage.Step, $stage.Script, $LASTEXITCODE) -ForegroundColor Red",
    '        $code = 1',
    '        break',
    '    }',
    '}',
    "if ($code -eq 0) { Write-Host 'Runbook finished.' -ForegroundColor Green }",
    'if ($transcribing) { try { $null = Stop-Transcript } catch { Write-Verbose -Message $_.Exception.Message } }',
    'exit $code',
  ];
  return {
    path: `${side}/RUNBOOK.ps1`,
    content: lines.join(EOL) + EOL,
    kind: 'runbook',
    action: 'runbook',
    side,
    step: 0,
    title: `Runbook for the ${side} admin`,
    bom: true,
  };
}

export function fileName(file: GeneratedFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}
