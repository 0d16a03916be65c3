/** Step 1: connect to each geography and record its cross-tenant host URL (both sides). */
import { SIDES, type Plan } from '../../plan/planSchema';
import type { GeneratorInput, StepOutput } from '../generatorTypes';
import { connectLines } from '../scriptDocument';
import { contextOf, describeGeography, geoSuffix, scriptFile } from '../stepContext';

export function buildStep1(input: GeneratorInput): StepOutput {
  const { plan } = input;
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  for (const side of SIDES) {
    for (const geo of plan[side].geographies) {
      const where = describeGeography(plan, side, geo);
      out.files.push(
        scriptFile(
          input,
          {
            step: 1,
            side,
            title: `Step 1 - Connect and get the cross-tenant host URL (${where})`,
            runsOn: where,
            purpose: [
              'Connects to this geography (treat every geography as a separate tenant) and reads its',
              'cross-tenant host URL with Get-SPOCrossTenantHostUrl. The partner admin needs this URL for the trust.',
            ],
            needs: ['SharePoint Administrator (or Global Administrator) on this tenant.', 'The latest SharePoint Online Management Shell.'],
            resultsPath: input.paths.resultsFromScripts,
            context: contextOf(plan, side, geo),
            body: body(plan, geo.default === true || plan[side].geographies.length === 1, connectLines(geo.adminUrl, where)),
          },
          `01-connect${geoSuffix(geo.code)}.ps1`,
          { action: 'connect', geography: geo.code },
        ),
      );
    }
  }
  return out;
}

function body(_plan: Plan, isDefault: boolean, connect: string[]): string[] {
  return [
    ...connect,
    '$hostUrlOutput = (Get-SPOCrossTenantHostUrl | Out-String).Trim()',
    "$match = [regex]::Match($hostUrlOutput, 'https://[A-Za-z0-9.-]+\\.sharepoint\\.com')",
    "if (-not $match.Success) { throw ('Get-SPOCrossTenantHostUrl returned no SharePoint URL: ' + $hostUrlOutput) }",
    '$hostUrl = $match.Value.ToLowerInvariant()',
    "Write-Host ('Cross-tenant host URL: {0}' -f $hostUrl) -ForegroundColor Cyan",
    '$allowedDataLocations = $null',
    ...(isDefault
      ? [
          '# The central geography can list the Multi-Geo locations (fails harmlessly on single-geo tenants).',
          'try { $allowedDataLocations = (Get-SPOMultiGeoCompanyAllowedDataLocation | Out-String).Trim() } catch { Write-Verbose -Message $_.Exception.Message }',
        ]
      : []),
    "Write-MigrationResult -Kind 'hostUrl' -Data ([ordered]@{ hostUrl = $hostUrl; raw = $hostUrlOutput; allowedDataLocations = $allowedDataLocations })",
  ];
}
