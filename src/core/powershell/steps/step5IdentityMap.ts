/**
 * Step 5: the target uploads the WHOLE identity map to EVERY target geography (each upload
 * replaces the previous map) and spot-checks a few entries; the source checks compatibility
 * with every target geography it pairs with.
 */
import type { GeneratorInput, StepOutput } from '../generatorTypes';
import { EXIT_WAITING } from '../psHelpers';
import { psString } from '../quote';
import { connectLines, indent } from '../scriptDocument';
import { contextOf, describeGeography, geoSuffix, pairedGeographies, partnersLiteral, scriptFile } from '../stepContext';

export function buildStep5(input: GeneratorInput): StepOutput {
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  buildUploads(input, out);
  buildCompatibilityChecks(input, out);
  return out;
}

function buildUploads(input: GeneratorInput, out: StepOutput): void {
  const { plan } = input;
  for (const geo of plan.target.geographies) {
    const where = describeGeography(plan, 'target', geo);
    out.files.push(
      scriptFile(
        input,
        {
          step: 5,
          side: 'target',
          title: `Step 5 - Upload the identity map (${where})`,
          runsOn: where,
          purpose: [
            'Uploads the identity map with Add-SPOTenantIdentityMap. Every upload REPLACES the whole map on this geography,',
            'so the file must hold every user and group of the whole migration, and it must be uploaded to every target geography.',
            'Then looks up a few random users and groups with Get-SPOTenantIdentityMappingUser/-Group as a spot check,',
            'and keeps a copy of what was uploaded next to the result (the extension compares the next upload with it).',
          ],
          needs: [
            'The identity map CSV closed in Excel (an open file cannot be uploaded).',
            'SharePoint Administrator on the target tenant.',
          ],
          destructive: true,
          resultsPath: input.paths.resultsFromScripts,
          context: contextOf(plan, 'target', geo),
          parameters: [
            `[string]$IdentityMapPath = (Join-Path -Path $PSScriptRoot -ChildPath ${psString(input.paths.identityMapFromScripts)})`,
            '[ValidateRange(0, 100)][int]$SpotChecks = 5',
          ],
          body: [
            '$fullPath = (Resolve-Path -LiteralPath $IdentityMapPath).ProviderPath',
            "# Excel locks open files: fail early with a clear message instead of the cmdlet's.",
            'try {',
            ...indent(["$stream = [System.IO.File]::Open($fullPath, 'Open', 'Read', 'None')", '$stream.Close()']),
            '} catch {',
            ...indent(["throw ('Close {0} (is it open in Excel?) and run again: {1}' -f $fullPath, $_.Exception.Message)"]),
            '}',
            "$rows = @(Import-Csv -LiteralPath $fullPath -Encoding UTF8 -Header 'Type', 'SourceTenantId', 'Source', 'Target', 'NameOrEmail', 'ObjectType')",
            "if ($rows.Count -eq 0) { throw 'The identity map is empty.' }",
            "if (@('User', 'Group') -notcontains $rows[0].Type) { throw ('The first row starts with {0}: remove the header row (the map must not have one).' -f $rows[0].Type) }",
            ...connectLines(geo.adminUrl, where),
            "if (-not $PSCmdlet.ShouldProcess($MigrationAdminUrl, ('Upload {0} identity-map rows, replacing the current map' -f $rows.Count))) {",
            ...indent([
              'if ($WhatIfPreference) { return }',
              "Write-Warning -Message 'The upload was declined: the map on this geography is unchanged. The source admin must not queue moves until it is uploaded.'",
              `exit ${EXIT_WAITING}`,
            ]),
            '}',
            'Add-SPOTenantIdentityMap -IdentityMapPath $fullPath',
            '$hash = (Get-FileHash -LiteralPath $fullPath -Algorithm SHA256).Hash.ToLowerInvariant()',
            '$resultsPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ResultsFolder)',
            '$null = [System.IO.Directory]::CreateDirectory($resultsPath)',
            "$snapshotName = 'identity-map-uploaded-{0}-{1}.csv' -f $MigrationGeography, [DateTime]::UtcNow.ToString('yyyyMMddHHmmss', [System.Globalization.CultureInfo]::InvariantCulture)",
            '[System.IO.File]::Copy($fullPath, [System.IO.Path]::Combine($resultsPath, $snapshotName), $true)',
            '$checks = New-Object -TypeName System.Collections.Generic.List[object]',
            "$users = @($rows | Where-Object -FilterScript { $_.Type -eq 'User' })",
            "$groups = @($rows | Where-Object -FilterScript { $_.Type -eq 'Group' })",
            'if ($SpotChecks -gt 0 -and $users.Count -gt 0) {',
            ...indent([
              'foreach ($row in @(Get-Random -InputObject $users -Count ([Math]::Min($SpotChecks, $users.Count)))) {',
              ...indent([
                '$entry = @(Get-SPOTenantIdentityMappingUser -Field SourceUserKey -Value $row.Source)',
                "$checks.Add([ordered]@{ kind = 'User'; key = $row.Source; found = ($entry.Count -gt 0); detail = (($entry | Out-String).Trim()) })",
              ]),
              '}',
            ]),
            '}',
            'if ($SpotChecks -gt 0 -and $groups.Count -gt 0) {',
            ...indent([
              'foreach ($row in @(Get-Random -InputObject $groups -Count ([Math]::Min($SpotChecks, $groups.Count)))) {',
              ...indent([
                '$entry = @(Get-SPOTenantIdentityMappingGroup -Field SourceGroupObjectId -Value $row.Source)',
                "$checks.Add([ordered]@{ kind = 'Group'; key = $row.Source; found = ($entry.Count -gt 0); detail = (($entry | Out-String).Trim()) })",
              ]),
              '}',
            ]),
            '}',
            'foreach ($check in $checks) {',
            ...indent([
              "if (-not $check.found) { Write-Warning -Message ('Spot check: {0} {1} is not in the uploaded map.' -f $check.kind, $check.key) }",
            ]),
            '}',
            "Write-MigrationResult -Kind 'identityMapUpload' -Data ([ordered]@{ path = $fullPath; sha256 = $hash; rows = $rows.Count; snapshot = $snapshotName; spotChecks = $checks })",
            '$missing = @($checks | Where-Object -FilterScript { -not $_.found }).Count',
            'if ($missing -gt 0) {',
            ...indent([
              "Write-Warning -Message ('{0} spot checks did not find their entry: the upload may not have taken. Check it, then run this script again.' -f $missing)",
              `exit ${EXIT_WAITING}`,
            ]),
            '}',
            "Write-Host ('{0} rows uploaded to {1}; {2} spot checks passed.' -f $rows.Count, $MigrationAdminUrl, $checks.Count) -ForegroundColor Green",
          ],
        },
        `05-upload-identity-map${geoSuffix(geo.code)}.ps1`,
        { action: 'uploadIdentityMap', geography: geo.code },
      ),
    );
  }
}

function buildCompatibilityChecks(input: GeneratorInput, out: StepOutput): void {
  const { plan } = input;
  for (const { geo, partners: known, where } of pairedGeographies(input, { step: 5, action: 'checkCompatibility' }, out, ['source'])) {
    out.files.push(
      scriptFile(
        input,
        {
          step: 5,
          side: 'source',
          title: `Step 5 - Check compatibility (${where})`,
          runsOn: where,
          purpose: [
            `Runs Get-SPOCrossTenantCompatibilityStatus against ${known.map((k) => k.geography).join(', ')}.`,
            'Compatible or Warning: go ahead. Incompatible: wait (Microsoft says up to 48 hours) and check again; then contact support.',
            'Check again right before queueing any batch.',
          ],
          needs: ['The trust verified (step 3).', 'SharePoint Administrator on the source tenant.'],
          resultsPath: input.paths.resultsFromScripts,
          context: contextOf(plan, 'source', geo),
          helpers: ['compatibility'],
          body: [
            ...connectLines(geo.adminUrl, where),
            '$pairs = New-Object -TypeName System.Collections.Generic.List[object]',
            partnersLiteral(known),
            'foreach ($partner in $partners) {',
            ...indent([
              '$errorText = $null',
              'try {',
              ...indent([
                '$raw = (Get-SPOCrossTenantCompatibilityStatus -PartnerCrossTenantHostUrl $partner.HostUrl | Out-String).Trim()',
                '$status = ConvertTo-CompatibilityStatus -Text $raw',
              ]),
              '} catch {',
              ...indent(["$status = 'Unknown'", '$raw = $null', '$errorText = $_.Exception.Message']),
              '}',
              "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; status = $status; checkedAt = [DateTime]::UtcNow.ToString('o'); raw = $raw; error = $errorText })",
              "$colour = if ($status -eq 'Incompatible' -or $status -eq 'Unknown') { 'Red' } else { 'Green' }",
              "Write-Host ('{0} -> {1}' -f $partner.HostUrl, $status) -ForegroundColor $colour",
            ]),
            '}',
            "Write-MigrationResult -Kind 'compatibility' -Data ([ordered]@{ pairs = $pairs })",
            "$blocked = @($pairs | Where-Object -FilterScript { $_.status -eq 'Incompatible' -or $_.status -eq 'Unknown' })",
            'if ($blocked.Count -gt 0) {',
            ...indent([
              "Write-Warning -Message ('{0} partner(s) are Incompatible or could not be checked: wait (up to 48 hours) and run this script again; then contact Microsoft support.' -f $blocked.Count)",
              `exit ${EXIT_WAITING}`,
            ]),
            '}',
          ],
        },
        `05-check-compatibility${geoSuffix(geo.code)}.ps1`,
        { action: 'checkCompatibility', geography: geo.code },
      ),
    );
  }
}
