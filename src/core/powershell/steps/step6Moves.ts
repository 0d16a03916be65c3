/**
 * Step 6: queue the moves batch by batch (source), export move states (either side), stop a move
 * (source). A batch is data (a CSV the script loops over), never thousands of unrolled lines.
 * The queue script refuses to start unless compatibility is Compatible/Warning and the trust
 * verifies GoodToProceed, and it only fills the free slots of the 4,000-move queue of its
 * source geography (shared by every partner), so re-running it is safe.
 */
import { isUserRow } from '../../identity/identityMapRows';
import { batchSlug, batchUserSource, batchUserTarget, findGeography, hostUrlOf, queueLimit } from '../../plan/planQueries';
import { SIDES, type Batch, type Plan } from '../../plan/planSchema';
import { upnKey } from '../../plan/principalNames';
import { csvLine } from '../../text/csvField';
import type { GeneratedFile, GeneratorInput, StepOutput } from '../generatorTypes';
import { PENDING_MOVE_STATES } from '../psHelpers';
import { psString, psStringArray } from '../quote';
import { EOL, connectLines, indent } from '../scriptDocument';
import { contextOf, describeGeography, geoSuffix, pairedGeographies, partnerHosts, partnerMissingMessage, scriptFile } from '../stepContext';
import { verifyTrustLines } from './step3VerifyTrust';

export function buildStep6(input: GeneratorInput): StepOutput {
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  const targets = targetUpnLookup(input);
  for (const batch of input.plan.batches ?? []) buildBatch(input, batch, targets, out);
  buildStateExports(input, out);
  buildStopMove(input, out);
  return out;
}

function targetUpnLookup(input: GeneratorInput): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of input.identityMap ?? []) if (isUserRow(row)) map.set(upnKey(row.source), row.target);
  return map;
}

function buildBatch(input: GeneratorInput, batch: Batch, targets: Map<string, string>, out: StepOutput): void {
  const { plan } = input;
  const sourceGeo = findGeography(plan, 'source', batch.sourceGeography);
  const targetGeo = findGeography(plan, 'target', batch.targetGeography);
  if (!sourceGeo || !targetGeo) return; // validation reports unknown geographies
  const targetHost = hostUrlOf(targetGeo);
  if (!targetHost) {
    out.blocked.push({ side: 'source', step: 6, geography: sourceGeo.code, message: `Batch '${batch.name}': ${partnerMissingMessage(plan, 'source', [targetGeo.code])}` });
    return;
  }
  const rows: string[] = [];
  const unmapped: string[] = [];
  for (const user of batch.users) {
    const source = batchUserSource(user);
    const target = batchUserTarget(user) ?? targets.get(upnKey(source));
    if (target) rows.push(csvLine([source, target]));
    else unmapped.push(source);
  }
  if (unmapped.length) {
    const shown = unmapped.slice(0, 5).join(', ') + (unmapped.length > 5 ? ` and ${unmapped.length - 5} more` : '');
    out.blocked.push({ side: 'source', step: 6, geography: sourceGeo.code, message: `Batch '${batch.name}': no target UPN for ${shown}. Add them to the identity map (or give "target" in the batch).` });
    return;
  }
  warnAboutRecordedState(plan, batch, out);

  const slug = batchSlug(batch.name);
  const csvName = `06-queue-${slug}.csv`;
  const data: GeneratedFile = {
    path: `source/${csvName}`,
    content: [csvLine(['SourceUserPrincipalName', 'TargetUserPrincipalName']), ...rows].join(EOL) + EOL,
    kind: 'data',
    side: 'source',
    step: 6,
    title: `Users of batch ${batch.name}`,
    geography: sourceGeo.code,
    bom: true,
  };
  const where = describeGeography(plan, 'source', sourceGeo);
  const allPartners = partnerHosts(plan, 'source', sourceGeo).known.map((k) => k.hostUrl);
  const window = windowArguments(batch);
  const start = `Start-SPOCrossTenantUserContentMove -SourceUserPrincipalName $row.SourceUserPrincipalName -TargetUserPrincipalName $row.TargetUserPrincipalName -TargetCrossTenantHostUrl $TargetHostUrl${window.arguments} -ValidationOnly:$ValidationOnly`;
  const entry = (status: string, error: string) =>
    `$entries.Add([ordered]@{ source = $row.SourceUserPrincipalName; target = $row.TargetUserPrincipalName; status = ${status}; at = [DateTime]::UtcNow.ToString('o'); error = ${error} })`;
  const body: string[] = [
    `$BatchName = ${psString(batch.name)}`,
    `$TargetGeography = ${psString(targetGeo.code)}`,
    `$TargetHostUrl = ${psString(targetHost)}`,
    '# Every partner of this source geography: the queue limit is shared between them.',
    `$PartnerHostUrls = ${psStringArray(allPartners.length ? allPartners : [targetHost])}`,
    `$PendingStates = ${psStringArray(PENDING_MOVE_STATES)}`,
    ...window.setup,
    '$rows = @(Import-Csv -LiteralPath $BatchCsv -Encoding UTF8)',
    ...connectLines(sourceGeo.adminUrl, where),
    '',
    '# Pre-flight: never queue against an Incompatible partner or a trust that is not GoodToProceed.',
    '$compatibilityRaw = (Get-SPOCrossTenantCompatibilityStatus -PartnerCrossTenantHostUrl $TargetHostUrl | Out-String).Trim()',
    '$compatibility = ConvertTo-CompatibilityStatus -Text $compatibilityRaw',
    '$verifyTrustCmdlet = Get-TrustVerifyCommandName',
    ...verifyTrustLines('Target', '$TargetHostUrl'),
    '$refused = $null',
    "if ($compatibility -eq 'Incompatible') { $refused = 'Compatibility is Incompatible: wait (up to 48 hours), check again with step 5, then contact Microsoft support.' }",
    "elseif ($compatibility -eq 'Unknown') { $refused = 'Could not read the compatibility status: ' + $compatibilityRaw }",
    "elseif ($state -ne 'GoodToProceed') { $refused = ('The trust with {0} is {1}, not GoodToProceed: finish steps 2 and 3 on both sides.' -f $TargetHostUrl, $state) }",
    'if ($null -ne $refused) {',
    ...indent([
      "Write-MigrationResult -Kind 'queuedMoves' -Data ([ordered]@{ batch = $BatchName; partnerGeography = $TargetGeography; partnerHostUrl = $TargetHostUrl; validationOnly = [bool]$ValidationOnly; refused = $refused; pendingBefore = $null; entries = @() })",
      'throw $refused',
    ]),
    '}',
    '',
    '# Queue capacity, and what is already queued (so a re-run does not queue anyone twice).',
    '$pending = 0',
    '$known = @{}',
    'foreach ($partnerHostUrl in $PartnerHostUrls) {',
    ...indent([
      'foreach ($move in @(Get-MoveStateReport -PartnerHostUrl $partnerHostUrl)) {',
      ...indent([
        'if ($PendingStates -contains $move.state) { $pending++ }',
        'if ($move.sourceUserPrincipalName) { $known[$move.sourceUserPrincipalName.ToLowerInvariant()] = $move.state }',
      ]),
      '}',
    ]),
    '}',
    '$free = $MaxQueued - $pending',
    "Write-Host ('{0} moves pending for this source geography; {1} free slots.' -f $pending, [Math]::Max($free, 0))",
    '',
    '$entries = New-Object -TypeName System.Collections.Generic.List[object]',
    '$index = 0',
    'foreach ($row in $rows) {',
    ...indent([
      '$index++',
      "Write-Progress -Activity ('Batch ' + $BatchName) -Status $row.SourceUserPrincipalName -PercentComplete ([int](100 * $index / $rows.Count))",
      '$key = $row.SourceUserPrincipalName.ToLowerInvariant()',
      "if (-not $ValidationOnly -and $known.ContainsKey($key) -and @('Failed', 'Stopped') -notcontains $known[$key]) {",
      ...indent([entry("'skipped'", "('already ' + $known[$key])"), 'continue']),
      '}',
      'if (-not $ValidationOnly -and $free -le 0) {',
      ...indent([entry("'skipped'", "'queue full: run this script again when moves have completed'"), 'continue']),
      '}',
      'try {',
      ...indent([start, "$status = if ($ValidationOnly) { 'validated' } else { 'queued' }", entry('$status', '$null'), 'if (-not $ValidationOnly) { $free-- }']),
      '} catch {',
      ...indent([entry("'failed'", '$_.Exception.Message'), "Write-Warning -Message ('{0}: {1}' -f $row.SourceUserPrincipalName, $_.Exception.Message)"]),
      '}',
    ]),
    '}',
    "Write-Progress -Activity ('Batch ' + $BatchName) -Completed",
    "Write-MigrationResult -Kind 'queuedMoves' -Data ([ordered]@{ batch = $BatchName; partnerGeography = $TargetGeography; partnerHostUrl = $TargetHostUrl; validationOnly = [bool]$ValidationOnly; refused = $null; pendingBefore = $pending; entries = $entries })",
    "$done = @($entries | Where-Object -FilterScript { $_.status -eq 'queued' -or $_.status -eq 'validated' }).Count",
    "Write-Host ('{0} of {1} users {2}; see the result file for the others.' -f $done, $rows.Count, $(if ($ValidationOnly) { 'validated' } else { 'queued' })) -ForegroundColor Green",
  ];
  out.files.push(data);
  out.files.push(
    scriptFile(
      input,
      {
        step: 6,
        side: 'source',
        title: `Step 6 - Queue batch '${batch.name}' (${where} to target ${targetGeo.code})`,
        runsOn: where,
        purpose: [
          `Queues the ${rows.length} OneDrive move(s) of batch '${batch.name}' (${csvName}) to ${targetHost}.`,
          window.description,
          'Refuses to start when compatibility is Incompatible or the trust is not GoodToProceed. Fills only the free',
          'slots of the queue of this source geography; users already queued are skipped, so running it again is safe.',
          'Use -ValidationOnly for a validation pass that moves nothing.',
        ],
        needs: [
          'Trust GoodToProceed on both sides (step 3), the identity map uploaded to every target geography (step 5).',
          'Cross Tenant User Data Migration licences assigned; target users exist without a OneDrive (step 4).',
        ],
        resultsPath: input.paths.resultsFromScripts,
        context: contextOf(plan, 'source', sourceGeo),
        helpers: ['verify', 'compatibility', 'moveReport', ...(window.setup.length ? (['utc'] as const) : [])],
        parameters: [
          `[string]$BatchCsv = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(csvName)})`,
          '[switch]$ValidationOnly',
          `[ValidateRange(1, 4000)][int]$MaxQueued = ${queueLimit(plan)}`,
        ],
        body,
      },
      `06-queue-${slug}.ps1`,
      sourceGeo.code,
    ),
  );
}

function windowArguments(batch: Batch): { setup: string[]; arguments: string; description: string } {
  const setup: string[] = [];
  let args = '';
  if (batch.preferredBeginUtc) {
    setup.push(`$PreferredBegin = ConvertTo-UtcDateTime -Value ${psString(batch.preferredBeginUtc)}`);
    args += ' -PreferredMoveBeginDate $PreferredBegin';
  }
  if (batch.preferredEndUtc) {
    setup.push(`$PreferredEnd = ConvertTo-UtcDateTime -Value ${psString(batch.preferredEndUtc)}`);
    args += ' -PreferredMoveEndDate $PreferredEnd';
  }
  const description =
    batch.preferredBeginUtc || batch.preferredEndUtc
      ? `Preferred window (UTC, best effort, not a guarantee): ${batch.preferredBeginUtc ?? 'now'} to ${batch.preferredEndUtc ?? 'open end'}.`
      : 'No preferred window: the moves run when slots become available.';
  return { setup, arguments: args, description };
}

function warnAboutRecordedState(plan: Plan, batch: Batch, out: StepOutput): void {
  const trust = (plan.trusts ?? []).find((t) => t.sourceGeography === batch.sourceGeography && t.targetGeography === batch.targetGeography);
  const pair = `${batch.sourceGeography} → ${batch.targetGeography}`;
  if (trust?.compatibility?.status === 'Incompatible') {
    out.warnings.push(`Batch '${batch.name}': compatibility ${pair} was Incompatible at ${trust.compatibility.checkedAt}; the queue script will refuse until it is not.`);
  }
  for (const side of SIDES) {
    const result = trust?.[side]?.lastResult;
    if (result !== 'GoodToProceed') {
      out.warnings.push(`Batch '${batch.name}': the ${side} side of trust ${pair} is ${result ?? 'not verified'}; the queue script will refuse until it verifies GoodToProceed.`);
      break;
    }
  }
}

function buildStateExports(input: GeneratorInput, out: StepOutput): void {
  const { plan } = input;
  for (const { side, geo, partners: known, where } of pairedGeographies(input, 6, out)) {
    out.files.push(
      scriptFile(
        input,
        {
          step: 6,
          side,
          title: `Step 6 - Export move states (${where})`,
          runsOn: where,
          purpose: [
            `Reads Get-SPOCrossTenantUserContentMoveState for every partner (${known.map((k) => k.geography).join(', ')}) and writes every`,
            'move with its state and error text. Run it as often as you like; the extension folds the states into the plan.',
          ],
          needs: ['SharePoint Administrator on this tenant.'],
          resultsPath: input.paths.resultsFromScripts,
          context: contextOf(plan, side, geo),
          helpers: ['moveReport'],
          body: [
            ...connectLines(geo.adminUrl, where),
            `$PartnerHostUrls = ${psStringArray(known.map((k) => k.hostUrl))}`,
            '$entries = New-Object -TypeName System.Collections.Generic.List[object]',
            'foreach ($partnerHostUrl in $PartnerHostUrls) {',
            ...indent(['foreach ($move in @(Get-MoveStateReport -PartnerHostUrl $partnerHostUrl)) { $entries.Add($move) }']),
            '}',
            '$counts = @{}',
            "foreach ($move in $entries) { $name = [string]$move.state; if ($name -eq '') { $name = 'Unknown' }; $counts[$name] = 1 + [int]$counts[$name] }",
            "foreach ($name in $counts.Keys) { Write-Host ('{0,-16} {1}' -f $name, $counts[$name]) }",
            "Write-MigrationResult -Kind 'moveState' -Data ([ordered]@{ entries = $entries })",
          ],
        },
        `06-export-move-state${geoSuffix(geo.code)}.ps1`,
        geo.code,
      ),
    );
  }
}

function buildStopMove(input: GeneratorInput, out: StepOutput): void {
  const { plan } = input;
  for (const geo of plan.source.geographies) {
    const { known } = partnerHosts(plan, 'source', geo);
    if (known.length === 0) continue;
    const where = describeGeography(plan, 'source', geo);
    out.files.push(
      scriptFile(
        input,
        {
          step: 6,
          side: 'source',
          title: `Step 6 - Stop queued moves (${where})`,
          runsOn: where,
          purpose: [
            'Cancels the queued move of each given user with Stop-SPOCrossTenantUserContentMove, after confirmation.',
            'A move that is InProgress, Rescheduled or Success cannot be stopped: the script checks the state first.',
            `Example: .\\06-stop-move${geoSuffix(geo.code)}.ps1 -SourceUserPrincipalName alice@contoso.com, bob@contoso.com`,
          ],
          needs: ['SharePoint Administrator on the source tenant.'],
          destructive: true,
          resultsPath: input.paths.resultsFromScripts,
          context: contextOf(plan, 'source', geo),
          helpers: ['property'],
          parameters: ['[Parameter(Mandatory = $true)][string[]]$SourceUserPrincipalName'],
          body: [
            ...connectLines(geo.adminUrl, where),
            `$PartnerHostUrls = ${psStringArray(known.map((k) => k.hostUrl))}`,
            '$entries = New-Object -TypeName System.Collections.Generic.List[object]',
            'foreach ($upn in $SourceUserPrincipalName) {',
            ...indent([
              '$stateBefore = $null',
              'foreach ($partnerHostUrl in $PartnerHostUrls) {',
              ...indent([
                'try {',
                ...indent([
                  '$report = @(Get-SPOCrossTenantUserContentMoveState -PartnerCrossTenantHostUrl $partnerHostUrl -SourceUserPrincipalName $upn)',
                  "if ($report.Count -gt 0) { $stateBefore = Get-FirstPropertyValue -InputObject $report[0] -Name @('MoveState', 'State', 'Status'); break }",
                ]),
                '} catch { Write-Verbose -Message $_.Exception.Message }',
              ]),
              '}',
              "if (@('InProgress', 'Rescheduled', 'Success') -contains $stateBefore) {",
              ...indent([
                "$message = ('The move of {0} is {1} and can no longer be stopped.' -f $upn, $stateBefore)",
                'Write-Warning -Message $message',
                "$entries.Add([ordered]@{ source = $upn; at = [DateTime]::UtcNow.ToString('o'); ok = $false; stateBefore = $stateBefore; error = $message })",
                'continue',
              ]),
              '}',
              "if (-not $PSCmdlet.ShouldProcess($upn, ('Stop the cross-tenant OneDrive move (state: {0})' -f $stateBefore))) { continue }",
              'try {',
              ...indent([
                'Stop-SPOCrossTenantUserContentMove -SourceUserPrincipalName $upn',
                "$entries.Add([ordered]@{ source = $upn; at = [DateTime]::UtcNow.ToString('o'); ok = $true; stateBefore = $stateBefore; error = $null })",
              ]),
              '} catch {',
              ...indent(["$entries.Add([ordered]@{ source = $upn; at = [DateTime]::UtcNow.ToString('o'); ok = $false; stateBefore = $stateBefore; error = $_.Exception.Message })"]),
              '}',
            ]),
            '}',
            "Write-MigrationResult -Kind 'moveStop' -Data ([ordered]@{ entries = $entries })",
          ],
        },
        `06-stop-move${geoSuffix(geo.code)}.ps1`,
        geo.code,
      ),
    );
  }
}
