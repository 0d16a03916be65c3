/**
 * PowerShell helper functions that generated scripts include (only those they use). They are
 * written for Windows PowerShell 5.1 and PowerShell 7 alike: no `??`, no ternaries.
 * Output of the undocumented cmdlets is read defensively (domain.md §1.4, §1.7: shapes UNCONFIRMED).
 */
import { TRUST_VERIFICATION_RESULTS } from '../plan/planSchema';
import { RESULT_SCHEMA_ID, RESULT_SCHEMA_VERSION } from '../results/resultSchema';
import { psStringArray } from './quote';

export type HelperName = 'result' | 'utc' | 'property' | 'verify' | 'compatibility' | 'moveReport';

interface Helper {
  needs?: readonly HelperName[];
  lines: readonly string[];
}

export const PENDING_MOVE_STATES = ['NotStarted', 'Scheduled', 'Queued', 'ReadyToTrigger', 'InProgress', 'Rescheduled'] as const;

export const HELPERS: Record<HelperName, Helper> = {
  result: {
    lines: [
      '# Writes a result file atomically (temp file, then rename), UTF-8 without BOM, times in UTC.',
      'function Write-MigrationResult {',
      '    param(',
      '        [Parameter(Mandatory = $true)][string]$Kind,',
      '        [Parameter(Mandatory = $true)][System.Collections.IDictionary]$Data',
      '    )',
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
      '    if (-not (Test-Path -LiteralPath $ResultsFolder)) { $null = New-Item -ItemType Directory -Path $ResultsFolder -Force }',
      "    $stamp = $now.ToString('yyyyMMdd') + 'T' + $now.ToString('HHmmssfff') + 'Z'",
      "    $fileName = '{0}-{1}-{2}-{3}.json' -f $MigrationSide, $MigrationGeography, $Kind, $stamp",
      '    $path = Join-Path -Path $ResultsFolder -ChildPath $fileName',
      "    $temp = $path + '.tmp'",
      '    $json = ConvertTo-Json -InputObject $result -Depth 10',
      '    [System.IO.File]::WriteAllText($temp, $json, (New-Object -TypeName System.Text.UTF8Encoding -ArgumentList $false))',
      '    Move-Item -LiteralPath $temp -Destination $path -Force',
      "    Write-Host ('Result written to {0}' -f $path) -ForegroundColor Green",
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
      '# One entry per move reported for a partner, read defensively; -Verbose shows the raw property names.',
      'function Get-MoveStateReport {',
      '    param([Parameter(Mandatory = $true)][string]$PartnerHostUrl)',
      '    $entries = New-Object -TypeName System.Collections.Generic.List[object]',
      '    foreach ($item in @(Get-SPOCrossTenantUserContentMoveState -PartnerCrossTenantHostUrl $PartnerHostUrl)) {',
      '        if ($null -eq $item) { continue }',
      "        Write-Verbose -Message ('Move state properties: ' + (($item.PSObject.Properties | ForEach-Object -Process { $_.Name }) -join ', '))",
      '        $entries.Add([ordered]@{',
      "            sourceUserPrincipalName = Get-FirstPropertyValue -InputObject $item -Name @('SourceUserPrincipalName', 'SourceUserUpn', 'UserPrincipalName', 'SourceUser')",
      "            targetUserPrincipalName = Get-FirstPropertyValue -InputObject $item -Name @('TargetUserPrincipalName', 'TargetUserUpn', 'TargetUser')",
      "            state = Get-FirstPropertyValue -InputObject $item -Name @('MoveState', 'State', 'Status')",
      "            moveJobId = Get-FirstPropertyValue -InputObject $item -Name @('MoveJobId', 'JobId', 'SiteMoveId')",
      "            sourceSiteUrl = Get-FirstPropertyValue -InputObject $item -Name @('SourceSiteUrl', 'SourceUrl')",
      "            targetSiteUrl = Get-FirstPropertyValue -InputObject $item -Name @('TargetSiteUrl', 'TargetUrl')",
      "            timeStamp = Get-FirstPropertyValue -InputObject $item -Name @('TimeStamp', 'LastModified', 'StartTime')",
      "            error = Get-FirstPropertyValue -InputObject $item -Name @('ErrorMessage', 'Error', 'ErrorDescription', 'FailureReason')",
      '            partnerHostUrl = $PartnerHostUrl',
      '        })',
      '    }',
      '    return $entries',
      '}',
    ],
  },
};
