/**
 * PowerShell helper functions that generated scripts include (only those they use). They are
 * written for Windows PowerShell 5.1 and PowerShell 7 alike: no `??`, no ternaries.
 * Output of the undocumented cmdlets is read defensively (domain.md §1.4, §1.7: shapes UNCONFIRMED).
 */
import { TRUST_VERIFICATION_RESULTS } from '../plan/planSchema';
import { RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION } from '../results/resultSchema';
import { psStringArray } from './quote';

export type HelperName = 'result' | 'journal' | 'utc' | 'property' | 'personalUrl' | 'verify' | 'compatibility' | 'moveReport';

interface Helper {
  needs?: readonly HelperName[];
  lines: readonly string[];
}

export { PENDING_MOVE_STATES } from '../plan/moveStates';

/** Exit code of a script that stopped on purpose: it waits for the partner, for time, or for the admin (the runbook stops there). */
export const EXIT_WAITING = 2;

export const HELPERS: Record<HelperName, Helper> = {
  result: {
    lines: [
      '# Result files: written atomically (temp file, then rename), UTF-8 without BOM, times in UTC, file names in the',
      '# invariant culture (a Thai or Arabic calendar would stamp other years). A -WhatIf run writes nothing.',
      'function New-MigrationResultEnvelope {',
      '    param([Parameter(Mandatory = $true)][string]$Kind, [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Data)',
      '    $now = [DateTime]::UtcNow',
      '    $result = [ordered]@{',
      `        schema = '${RESULT_SCHEMA_ID}'`,
      `        version = ${RESULT_SCHEMA_VERSION}`,
      '        kind = $Kind',
      '        side = $MigrationSide',
      '        tenant = $MigrationTenant',
      '        geography = $MigrationGeography',
      '        adminUrl = $MigrationAdminUrl',
      "        createdAt = $now.ToString('o')",
      '        data = $Data',
      '    }',
      '    $folder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ResultsFolder)',
      '    $null = [System.IO.Directory]::CreateDirectory($folder)',
      "    $stamp = $now.ToString('yyyyMMdd\\THHmmssfff\\Z', [System.Globalization.CultureInfo]::InvariantCulture)",
      "    $fileName = '{0}-{1}-{2}-{3}.json' -f $MigrationSide, $MigrationGeography, $Kind, $stamp",
      '    return @{ Result = $result; Path = [System.IO.Path]::Combine($folder, $fileName) }',
      '}',
      '',
      'function Write-MigrationResult {',
      '    param(',
      '        [Parameter(Mandatory = $true)][string]$Kind,',
      '        [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Data',
      '    )',
      "    if ($WhatIfPreference) { Write-Host ('What if: the {0} result file is not written.' -f $Kind); return }",
      '    $envelope = New-MigrationResultEnvelope -Kind $Kind -Data $Data',
      "    $temp = $envelope.Path + '.tmp'",
      '    $json = ConvertTo-Json -InputObject $envelope.Result -Depth 10',
      '    [System.IO.File]::WriteAllText($temp, $json, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))',
      '    [System.IO.File]::Delete($envelope.Path)',
      '    [System.IO.File]::Move($temp, $envelope.Path)',
      "    Write-Host ('Result written to {0}' -f $envelope.Path) -ForegroundColor Green",
      '}',
    ],
  },
  journal: {
    needs: ['result'],
    lines: [
      '# A journal next to the result: its first line is the result, each entry follows on a line of its own, flushed at',
      '# once, so a run that is interrupted (window closed, process killed) still leaves a record of every call it made.',
      '# The import reads a journal like a result; the finished run replaces it with the result file.',
      'function Open-MigrationJournal {',
      '    param([Parameter(Mandatory = $true)][string]$Kind, [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Data)',
      '    if ($WhatIfPreference) { return $null }',
      '    $envelope = New-MigrationResultEnvelope -Kind $Kind -Data $Data',
      "    $path = $envelope.Path + '.journal'",
      '    $writer = New-Object -TypeName System.IO.StreamWriter -ArgumentList $path, $false, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false)',
      '    $writer.AutoFlush = $true',
      '    $writer.WriteLine((ConvertTo-Json -InputObject $envelope.Result -Depth 10 -Compress))',
      '    return @{ Writer = $writer; Path = $path }',
      '}',
      '',
      'function Add-MigrationJournalEntry {',
      '    param($Journal, [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Entry)',
      '    if ($null -ne $Journal) { $Journal.Writer.WriteLine((ConvertTo-Json -InputObject $Entry -Depth 5 -Compress)) }',
      '}',
      '',
      'function Close-MigrationJournal {',
      '    param($Journal)',
      '    if ($null -eq $Journal) { return }',
      '    $Journal.Writer.Dispose()',
      '    [System.IO.File]::Delete($Journal.Path)',
      '}',
    ],
  },
  utc: {
    lines: [
      '# Parses an ISO 8601 UTC time into a DateTime of kind Utc (the move cmdlets expect UTC).',
      'function ConvertTo-UtcDateTime {',
      '    param([Parameter(Mandatory = $true)][string]$Value)',
      '    $styles = [System.Globalization.DateTimeStyles]::AdjustToUniversal -bor [System.Globalization.DateTimeStyles]::AssumeUniversal',
      '    return [DateTime]::Parse($Value, [System.Globalization.CultureInfo]::InvariantCulture, $styles)',
      '}',
    ],
  },
  property: {
    lines: [
      '# Reads the first non-empty property of several candidate names (output shapes are undocumented).',
      'function Get-FirstPropertyValue {',
      '    param($InputObject, [string[]]$Name)',
      '    if ($null -eq $InputObject) { return $null }',
      '    foreach ($candidate in $Name) {',
      '        $property = $InputObject.PSObject.Properties[$candidate]',
      "        if ($null -ne $property -and $null -ne $property.Value -and [string]$property.Value -ne '') { return [string]$property.Value }",
      '    }',
      '    return $null',
      '}',
    ],
  },
  personalUrl: {
    lines: [
      "# A OneDrive's URL: the UPN in lower case with '.', '@', ',' and spaces replaced by '_' (a number may follow on conflicts).",
      'function Get-PersonalSiteUrl {',
      '    param([Parameter(Mandatory = $true)][string]$HostUrl, [Parameter(Mandatory = $true)][string]$UserPrincipalName)',
      "    return $HostUrl.TrimEnd([char]47).ToLowerInvariant() + '/personal/' + ($UserPrincipalName.ToLowerInvariant() -replace '[.@, ]', '_')",
      '}',
    ],
  },
  verify: {
    lines: [
      '# Newer modules call it Test-SPOCrossTenantRelationship, older ones Verify-SPOCrossTenantRelationship.',
      'function Get-TrustVerifyCommandName {',
      "    if (Get-Command -Name 'Test-SPOCrossTenantRelationship' -ErrorAction SilentlyContinue) { return 'Test-SPOCrossTenantRelationship' }",
      "    return 'Verify-SPOCrossTenantRelationship'",
      '}',
      '',
      '# The result may be a string or an object: match the documented state names in its text.',
      'function ConvertTo-TrustState {',
      '    param([AllowEmptyString()][string]$Text)',
      `    foreach ($state in ${psStringArray(TRUST_VERIFICATION_RESULTS)}) {`,
      "        if ($Text -match ('\\b' + $state + '\\b')) { return $state }",
      '    }',
      "    return 'Unknown'",
      '}',
    ],
  },
  compatibility: {
    lines: [
      '# Compatible and Warning may proceed; Incompatible must wait (Microsoft: up to 48 hours).',
      'function ConvertTo-CompatibilityStatus {',
      '    param([AllowEmptyString()][string]$Text)',
      "    foreach ($status in @('Incompatible', 'Compatible', 'Warning')) {",
      "        if ($Text -match ('\\b' + $status + '\\b')) { return $status }",
      '    }',
      "    return 'Unknown'",
      '}',
    ],
  },
  moveReport: {
    needs: ['property'],
    lines: [
      '# One entry per move reported for a partner. The output shape is undocumented: the names below are the known ones.',
      '# An object without a readable state, or with neither a source UPN nor a source site URL, stops the script: guessing',
      '# would queue users twice or break the queue limit. -Verbose shows the raw property names.',
      'function Get-MoveStateReport {',
      '    param([Parameter(Mandatory = $true)][string]$PartnerHostUrl)',
      '    $entries = New-Object -TypeName System.Collections.Generic.List[object]',
      '    foreach ($item in @(Get-SPOCrossTenantUserContentMoveState -PartnerCrossTenantHostUrl $PartnerHostUrl)) {',
      '        if ($null -eq $item) { continue }',
      "        $names = (@($item.PSObject.Properties | ForEach-Object -Process { $_.Name }) -join ', ')",
      "        Write-Verbose -Message ('Move state properties: ' + $names)",
      '        $entry = [ordered]@{',
      "            sourceUserPrincipalName = Get-FirstPropertyValue -InputObject $item -Name @('SourceUserPrincipalName', 'SourceUserUpn', 'UserPrincipalName', 'SourceUser')",
      "            targetUserPrincipalName = Get-FirstPropertyValue -InputObject $item -Name @('TargetUserPrincipalName', 'TargetUserUpn', 'TargetUser')",
      "            state = Get-FirstPropertyValue -InputObject $item -Name @('MoveState', 'State', 'Status')",
      "            moveJobId = Get-FirstPropertyValue -InputObject $item -Name @('MoveJobId', 'JobId', 'SiteMoveId')",
      "            sourceSiteUrl = Get-FirstPropertyValue -InputObject $item -Name @('SourceSiteUrl', 'SourceUrl')",
      "            targetSiteUrl = Get-FirstPropertyValue -InputObject $item -Name @('TargetSiteUrl', 'TargetUrl')",
      "            timeStamp = Get-FirstPropertyValue -InputObject $item -Name @('TimeStamp', 'LastModified', 'StartTime')",
      "            error = Get-FirstPropertyValue -InputObject $item -Name @('ErrorMessage', 'Error', 'ErrorDescription', 'FailureReason')",
      '            partnerHostUrl = $PartnerHostUrl',
      '        }',
      '        if ($null -eq $entry.state -or ($null -eq $entry.sourceUserPrincipalName -and $null -eq $entry.sourceSiteUrl)) {',
      "            throw ('Cannot read the output of Get-SPOCrossTenantUserContentMoveState (its objects have the properties: {0}). Nothing was changed. Please report these property names.' -f $names)",
      '        }',
      '        $entries.Add($entry)',
      '    }',
      '    return $entries',
      '}',
    ],
  },
};
