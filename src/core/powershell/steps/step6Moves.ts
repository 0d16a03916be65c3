/**
 * Step 6: queue the moves batch by batch (source), export move states (either side), stop a move
 * (source). A batch is data (a CSV the script loops over), never thousands of unrolled lines.
 * The queue script refuses to start unless compatibility is Compatible/Warning and the trust
 * verifies GoodToProceed, and it only fills the free slots of the 4,000-move queue of its
 * source geography (shared by every partner), so re-running it is safe.
 */
import { isUserRow } from '../../identity/identityMapRows';
import { batchSlug, batchUserSource, batchUserTarget, findGeography, hostUrlOf, oneDriveHostOf, queueLimit } from '../../plan/planQueries';
import { SIDES, type Batch, type Geography, type Plan } from '../../plan/planSchema';
import { upnKey } from '../../plan/principalNames';
import { csvLine } from '../../text/csvField';
import type { GeneratedFile, GeneratorInput, StepOutput } from '../generatorTypes';
import { EXIT_WAITING, PENDING_MOVE_STATES } from '../psHelpers';
import { isStoppableState } from '../../plan/moveStates';
import { psString, psStringArray } from '../quote';
import { EOL, connectLines, indent } from '../scriptDocument';
import {
  contextOf,
  describeGeography,
  geoSuffix,
  pairedGeographies,
  partnerHosts,
  partnerMissingMessage,
  scriptFile,
} from '../stepContext';
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
    out.blocked.push({
      side: 'source',
      step: 6,
      action: 'queueBatch',
      geography: sourceGeo.code,
      batch: batch.name,
      message: `Batch '${batch.name}': ${partnerMissingMessage(plan, 'source', [targetGeo.code])}`,
    });
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
    out.blocked.push({
      side: 'source',
      step: 6,
      action: 'queueBatch',
      geography: sourceGeo.code,
      batch: batch.name,
      message: `Batch '${batch.name}': no target UPN for ${shown}. Add them to the identity map (or give "target" in the batch).`,
    });
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
    action: 'queueBatch',
    title: `Users of batch ${batch.name}`,
    geography: sourceGeo.code,
    batch: batch.name,
    bom: true,
  };
  const where = describeGeography(plan, 'source', sourceGeo);
  const allPartners = partnerHosts(plan, 'source', sourceGeo).known.map((k) => k.hostUrl);
  const window = windowArguments(batch);
  const start = `$outcome = @(Start-SPOCrossTenantUserContentMove -SourceUserPrincipalName $row.SourceUserPrincipalName -TargetUserPrincipalName $row.TargetUserPrincipalName -TargetCrossTenantHostUrl $TargetHostUrl${window.arguments} -ValidationOnly:$ValidationOnly)`;
  const entry = (status: string, error: string) => `Add-QueueEntry -Row $row -Status ${status} -Detail ${error}`;
  const body: string[] = [
    ...(batch.retryOf
      ? [
          `# A retry of the failed users of batch ${psString(batch.retryOf)}: they failed before, so they are queued again.`,
          '$RetryFailed = [switch]::Present',
        ]
      : []),
    `$BatchName = ${psString(batch.name)}`,
    `$TargetGeography = ${psString(targetGeo.code)}`,
    `$TargetHostUrl = ${psString(targetHost)}`,
    `$SourceHostUrl = ${psString(oneDriveHostOf(sourceGeo))}`,
    '# Every partner of this source geography: the queue limit is shared between them.',
    `$PartnerHostUrls = ${psStringArray(allPartners.length ? allPartners : [targetHost])}`,
    `$PendingStates = ${psStringArray(PENDING_MOVE_STATES)}`,
    ...window.setup,
    '$rows = @(Import-Csv -LiteralPath $BatchCsv -Encoding UTF8)',
    ...connectLines(sourceGeo.adminUrl, where),
    '',
    '# Pre-flight: never queue against an Incompatible partner or a trust that is not GoodToProceed.',
    '$refused = $null',
    'try {',
    ...indent([
      '$compatibilityRaw = (Get-SPOCrossTenantCompatibilityStatus -PartnerCrossTenantHostUrl $TargetHostUrl | Out-String).Trim()',
      '$compatibility = ConvertTo-CompatibilityStatus -Text $compatibilityRaw',
      '$verifyTrustCmdlet = Get-TrustVerifyCommandName',
      ...verifyTrustLines('Target', '$TargetHostUrl'),
    ]),
    '} catch {',
    ...indent(["$refused = 'The pre-flight checks failed: ' + $_.Exception.Message"]),
    '}',
    'if ($null -eq $refused) {',
    ...indent([
      "if ($compatibility -eq 'Incompatible') { $refused = 'Compatibility is Incompatible: wait (up to 48 hours), check again with step 5, then contact Microsoft support.' }",
      "elseif ($compatibility -eq 'Unknown') { $refused = 'Could not read the compatibility status: ' + $compatibilityRaw }",
      "elseif ($state -ne 'GoodToProceed') { $refused = ('The trust with {0} is {1}, not GoodToProceed: finish steps 2 and 3 on both sides.' -f $TargetHostUrl, $state) }",
    ]),
    '}',
    'if ($null -ne $refused) {',
    ...indent([
      "Write-MigrationResult -Kind 'queuedMoves' -Data ([ordered]@{ batch = $BatchName; partnerGeography = $TargetGeography; partnerHostUrl = $TargetHostUrl; validationOnly = [bool]$ValidationOnly; refused = $refused; pendingBefore = $null; entries = @() })",
      'Write-Warning -Message $refused',
      "Write-Host ('Nothing was queued for batch {0}. Run this script again once that is resolved.' -f $BatchName) -ForegroundColor Yellow",
      `exit ${EXIT_WAITING}`,
    ]),
    '}',
    '',
    'function Get-MoveStateRank {',
    ...indent([
      'param([string]$State)',
      'if ($PendingStates -contains $State) { return 3 }',
      "if ($State -eq 'Success') { return 2 }",
      'return 1',
    ]),
    '}',
    '# What is already queued or done (by UPN, or by OneDrive URL when the report has no UPN) and the free queue slots.',
    '$pending = 0',
    '$known = @{}',
    'foreach ($partnerHostUrl in $PartnerHostUrls) {',
    ...indent([
      'foreach ($move in @(Get-MoveStateReport -PartnerHostUrl $partnerHostUrl)) {',
      ...indent([
        'if ($PendingStates -contains $move.state) { $pending++ }',
        '# A user moved before may be listed more than once: a move under way counts first, then Success, then the rest.',
        'foreach ($name in @($move.sourceUserPrincipalName, $move.sourceSiteUrl)) {',
        ...indent([
          'if (-not $name) { continue }',
          '$name = $name.TrimEnd([char]47).ToLowerInvariant()',
          'if (-not $known.ContainsKey($name) -or (Get-MoveStateRank -State $move.state) -gt (Get-MoveStateRank -State $known[$name])) { $known[$name] = $move.state }',
        ]),
        '}',
      ]),
      '}',
    ]),
    '}',
    '$free = $MaxQueued - $pending',
    "Write-Host ('{0} moves pending for this source geography; {1} free slots.' -f $pending, [Math]::Max($free, 0))",
    '',
    '$entries = New-Object -TypeName System.Collections.Generic.List[object]',
    "$journal = Open-MigrationJournal -Kind 'queuedMoves' -Data ([ordered]@{ batch = $BatchName; partnerGeography = $TargetGeography; partnerHostUrl = $TargetHostUrl; validationOnly = [bool]$ValidationOnly; refused = $null; pendingBefore = $pending; entries = @() })",
    'function Add-QueueEntry {',
    ...indent([
      'param($Row, [string]$Status, $Detail)',
      "$item = [ordered]@{ source = $Row.SourceUserPrincipalName; target = $Row.TargetUserPrincipalName; status = $Status; at = [DateTime]::UtcNow.ToString('o'); error = $Detail }",
      '$entries.Add($item)',
      'Add-MigrationJournalEntry -Journal $journal -Entry $item',
    ]),
    '}',
    '$counts = @{ queued = 0; validated = 0; failed = 0; waiting = 0; done = 0; failedBefore = 0 }',
    '$index = 0',
    'foreach ($row in $rows) {',
    ...indent([
      '$index++',
      "Write-Progress -Activity ('Batch ' + $BatchName) -Status $row.SourceUserPrincipalName -PercentComplete ([int](100 * $index / $rows.Count))",
      "if ($index % 500 -eq 0) { Write-Host ('{0} of {1} users handled ...' -f $index, $rows.Count) }",
      '$before = $null',
      '$key = $row.SourceUserPrincipalName.ToLowerInvariant()',
      '$siteKey = Get-PersonalSiteUrl -HostUrl $SourceHostUrl -UserPrincipalName $row.SourceUserPrincipalName',
      'if ($known.ContainsKey($key)) { $before = $known[$key] } elseif ($known.ContainsKey($siteKey)) { $before = $known[$siteKey] }',
      'if (-not $ValidationOnly -and $null -ne $before) {',
      ...indent([
        "if ($before -eq 'Success') { $counts.done++; " + entry("'skipped'", "'already Success'") + '; continue }',
        'if ($PendingStates -contains $before) { $counts.waiting++; ' + entry("'skipped'", "('already ' + $before)") + '; continue }',
        'if (-not $RetryFailed) {',
        ...indent([
          '$counts.failedBefore++',
          entry("'skipped'", "('previously ' + $before + ': run again with -RetryFailed to queue it again')"),
          'continue',
        ]),
        '}',
      ]),
      '}',
      'if (-not $ValidationOnly -and $free -le 0) {',
      ...indent(['$counts.waiting++', entry("'skipped'", "'queue full: run this script again when moves have completed'"), 'continue']),
      '}',
      'try {',
      ...indent([
        start,
        'if ($ValidationOnly) {',
        ...indent([
          '# The outcome is an object (unconfirmed shape); a failed validation does not throw.',
          '$first = $outcome | Select-Object -First 1',
          "$verdict = Get-FirstPropertyValue -InputObject $first -Name @('ValidationState', 'Result', 'State', 'Status')",
          "$detail = Get-FirstPropertyValue -InputObject $first -Name @('ErrorMessage', 'Error', 'ValidationMessage', 'Message')",
          "if ($verdict -match '^(Success|Succeeded|Passed|Valid)$') { $counts.validated++; " + entry("'validated'", '$null') + ' }',
          "elseif ($verdict -match '^(Fail|Failed|Failure|Invalid)') { $counts.failed++; " +
            entry("'failed'", '$detail') +
            "; Write-Warning -Message ('{0}: validation failed: {1}' -f $row.SourceUserPrincipalName, $detail) }",
          'else {',
          ...indent([
            "$names = if ($null -eq $first) { 'no output' } else { (@($first.PSObject.Properties | ForEach-Object -Process { $_.Name }) -join ', ') }",
            "$message = ('Could not read the validation result (properties: {0}); counted as failed.' -f $names)",
            '$counts.failed++',
            entry("'failed'", '$message'),
            "Write-Warning -Message ('{0}: {1}' -f $row.SourceUserPrincipalName, $message)",
          ]),
          '}',
        ]),
        '} else {',
        ...indent(['$counts.queued++', entry("'queued'", '$null'), '$free--']),
        '}',
      ]),
      '} catch {',
      ...indent([
        '$counts.failed++',
        entry("'failed'", '$_.Exception.Message'),
        "Write-Warning -Message ('{0}: {1}' -f $row.SourceUserPrincipalName, $_.Exception.Message)",
      ]),
      '}',
    ]),
    '}',
    "Write-Progress -Activity ('Batch ' + $BatchName) -Completed",
    "Write-MigrationResult -Kind 'queuedMoves' -Data ([ordered]@{ batch = $BatchName; partnerGeography = $TargetGeography; partnerHostUrl = $TargetHostUrl; validationOnly = [bool]$ValidationOnly; refused = $null; pendingBefore = $pending; entries = $entries })",
    'Close-MigrationJournal -Journal $journal',
    'if ($ValidationOnly) {',
    ...indent([
      "Write-Host ('Batch {0}: {1} of {2} users validated, {3} failed validation (see the warnings above).' -f $BatchName, $counts.validated, $rows.Count, $counts.failed) -ForegroundColor Green",
      'exit 0',
    ]),
    '}',
    "Write-Host ('Batch {0}: {1} queued now, {2} already under way, {3} done, {4} failed now, {5} failed earlier (not retried).' -f $BatchName, $counts.queued, $counts.waiting, $counts.done, $counts.failed, $counts.failedBefore) -ForegroundColor Green",
    "if ($counts.failed -gt 0) { Write-Warning -Message ('{0} user(s) of batch {1} could not be queued (see above). Fix the cause, or take them out of the batch, then run this script again.' -f $counts.failed, $BatchName) }",
    'if ($counts.queued + $counts.waiting -gt 0) {',
    ...indent([
      "Write-Host ('Batch {0} is under way. Follow it with the 06-export-move-state scripts; run this script (or the runbook from step 6) again when it is done, to queue what is left or the next batch.' -f $BatchName) -ForegroundColor Yellow",
      `exit ${EXIT_WAITING}`,
    ]),
    '}',
    `if ($counts.failed -gt 0) { exit ${EXIT_WAITING} }`,
    "Write-Host ('Batch {0} is complete.' -f $BatchName) -ForegroundColor Green",
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
          'slots of the queue of this source geography; users already queued or moved are skipped, so running it again is',
          batch.retryOf
            ? `safe. It retries failed users of batch '${batch.retryOf}' (fix their cause first). Use -ValidationOnly for a pass that moves nothing.`
            : 'safe. Failed users are queued again only with -RetryFailed. Use -ValidationOnly for a pass that moves nothing.',
          `Exit code ${EXIT_WAITING} while the batch is under way (the runbook stops there), 0 once every user is done or failed.`,
        ],
        needs: [
          'Trust GoodToProceed on both sides (step 3), the identity map uploaded to every target geography (step 5).',
          'Cross Tenant User Data Migration licences assigned; target users exist without a OneDrive (step 4).',
        ],
        resultsPath: input.paths.resultsFromScripts,
        context: contextOf(plan, 'source', sourceGeo),
        helpers: ['verify', 'compatibility', 'moveReport', 'journal', 'personalUrl', ...(window.setup.length ? (['utc'] as const) : [])],
        parameters: [
          `[string]$BatchCsv = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(csvName)})`,
          '[switch]$ValidationOnly',
          '[switch]$RetryFailed',
          `[ValidateRange(1, 4000)][int]$MaxQueued = ${queueLimit(plan)}`,
        ],
        body,
      },
      `06-queue-${slug}.ps1`,
      { action: 'queueBatch', geography: sourceGeo.code, batch: batch.name },
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
  const scope = { step: 6, action: 'queueBatch', side: 'source', geography: batch.sourceGeography, batch: batch.name } as const;
  if (trust?.compatibility?.status === 'Incompatible') {
    out.warnings.push({
      ...scope,
      message: `Batch '${batch.name}': compatibility ${pair} was Incompatible at ${trust.compatibility.checkedAt}; the queue script will refuse until it is not.`,
    });
  }
  for (const side of SIDES) {
    const result = trust?.[side]?.lastResult;
    if (result !== 'GoodToProceed') {
      out.warnings.push({
        ...scope,
        message: `Batch '${batch.name}': the ${side} side of trust ${pair} is ${result ?? 'not verified'}; the queue script will refuse until it verifies GoodToProceed.`,
      });
      break;
    }
  }
}

function buildStateExports(input: GeneratorInput, out: StepOutput): void {
  const { plan } = input;
  for (const { side, geo, partners: known, where } of pairedGeographies(input, { step: 6, action: 'exportMoveStates' }, out)) {
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
            "if ($entries.Count -eq 0) { Write-Host 'No moves reported for these partners yet.' }",
            "foreach ($name in @($counts.Keys | Sort-Object)) { Write-Host ('{0,-16} {1}' -f $name, $counts[$name]) }",
            "Write-MigrationResult -Kind 'moveState' -Data ([ordered]@{ entries = $entries })",
          ],
        },
        `06-export-move-state${geoSuffix(geo.code)}.ps1`,
        { action: 'exportMoveStates', geography: geo.code },
      ),
    );
  }
}

function buildStopMove(input: GeneratorInput, out: StepOutput): void {
  const { plan } = input;
  for (const geo of plan.source.geographies) {
    const { known } = partnerHosts(plan, 'source', geo);
    if (known.length === 0) continue;
    out.files.push(
      stopMoveScript(
        input,
        geo,
        known.map((k) => k.hostUrl),
        {
          fileName: `06-stop-move${geoSuffix(geo.code)}.ps1`,
          title: `Step 6 - Stop queued moves (${describeGeography(plan, 'source', geo)})`,
          usage: `Example: .\\06-stop-move${geoSuffix(geo.code)}.ps1 -SourceUserPrincipalName alice@contoso.com, bob@contoso.com`,
          parameter: '[Parameter(Mandatory = $true)][string[]]$SourceUserPrincipalName',
        },
      ),
    );
    // Per batch, its moves still waiting (Scheduled, NotStarted): the list is data beside the script.
    for (const batch of (plan.batches ?? []).filter((b) => b.sourceGeography === geo.code)) {
      const waiting = batch.users.map(batchUserSource).filter((u) => isStoppableState(plan.moves?.[upnKey(u)]?.state));
      if (!waiting.length) continue;
      const slug = batchSlug(batch.name);
      const csvName = `06-stop-${slug}.csv`;
      out.files.push({
        path: `source/${csvName}`,
        content: [csvLine(['SourceUserPrincipalName']), ...waiting.map((u) => csvLine([u]))].join(EOL) + EOL,
        kind: 'data',
        side: 'source',
        step: 6,
        action: 'stopMoves',
        title: `Moves of batch ${batch.name} still waiting`,
        geography: geo.code,
        batch: batch.name,
        bom: true,
      });
      out.files.push(
        stopMoveScript(
          input,
          geo,
          known.map((k) => k.hostUrl),
          {
            fileName: `06-stop-move-${slug}.ps1`,
            title: `Step 6 - Stop the waiting moves of batch '${batch.name}' (${describeGeography(plan, 'source', geo)})`,
            usage: `Stops the ${waiting.length} move(s) of batch '${batch.name}' that were still waiting when it was generated (${csvName}).`,
            parameter: `[string[]]$SourceUserPrincipalName = @(Import-Csv -LiteralPath (Join-Path -Path $PSScriptRoot -ChildPath ${psString(csvName)}) -Encoding UTF8 | ForEach-Object -Process { $_.SourceUserPrincipalName })`,
          },
          batch.name,
        ),
      );
    }
  }
}

interface StopVariant {
  fileName: string;
  title: string;
  usage: string;
  parameter: string;
}

function stopMoveScript(
  input: GeneratorInput,
  geo: Geography,
  partnerHostUrls: string[],
  variant: StopVariant,
  batch?: string,
): GeneratedFile {
  const { plan } = input;
  const where = describeGeography(plan, 'source', geo);
  return scriptFile(
    input,
    {
      step: 6,
      side: 'source',
      title: variant.title,
      runsOn: where,
      purpose: [
        'Cancels the queued move of each given user with Stop-SPOCrossTenantUserContentMove, after confirmation.',
        'A move that is InProgress, Rescheduled or Success cannot be stopped: the script checks the state first.',
        variant.usage,
      ],
      needs: ['SharePoint Administrator on the source tenant.'],
      destructive: true,
      resultsPath: input.paths.resultsFromScripts,
      context: contextOf(plan, 'source', geo),
      helpers: ['property'],
      parameters: [variant.parameter],
      body: [
        ...connectLines(geo.adminUrl, where),
        `$PartnerHostUrls = ${psStringArray(partnerHostUrls)}`,
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
          ...indent([
            "$entries.Add([ordered]@{ source = $upn; at = [DateTime]::UtcNow.ToString('o'); ok = $false; stateBefore = $stateBefore; error = $_.Exception.Message })",
          ]),
          '}',
        ]),
        '}',
        "Write-MigrationResult -Kind 'moveStop' -Data ([ordered]@{ entries = $entries })",
      ],
    },
    variant.fileName,
    { action: 'stopMoves', geography: geo.code, ...(batch ? { batch } : {}) },
  );
}
