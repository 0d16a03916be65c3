/** Step 3: each side verifies the trust with every partner geography (Test-/Verify- name detection). */
import { SIDES } from '../../plan/planSchema';
import type { GeneratorInput, StepOutput } from '../generatorTypes';
import { psString } from '../quote';
import { connectLines, indent } from '../scriptDocument';
import { contextOf, describeGeography, geoSuffix, partnerHosts, partnerMissingMessage, scriptFile } from '../stepContext';

/** Lines that verify one partner into `$state` / `$raw` (shared with step 6's pre-flight). */
export function verifyTrustLines(partnerRole: 'Source' | 'Target', hostUrlExpression: string): string[] {
  return [
    `$raw = (& $verifyTrustCmdlet -Scenario MnA -PartnerRole ${partnerRole} -PartnerCrossTenantHostUrl ${hostUrlExpression} | Out-String).Trim()`,
    '$state = ConvertTo-TrustState -Text $raw',
  ];
}

export function buildStep3(input: GeneratorInput): StepOutput {
  const { plan } = input;
  const out: StepOutput = { files: [], blocked: [], warnings: [] };
  for (const side of SIDES) {
    const partnerRole = side === 'source' ? 'Target' : 'Source';
    for (const geo of plan[side].geographies) {
      const { known, missing } = partnerHosts(plan, side, geo);
      if (missing.length) out.blocked.push({ side, step: 3, geography: geo.code, message: partnerMissingMessage(plan, side, missing) });
      if (known.length === 0) continue;
      const where = describeGeography(plan, side, geo);
      const lines: string[] = [
        ...connectLines(geo.adminUrl, where),
        '$verifyTrustCmdlet = Get-TrustVerifyCommandName',
        '$pairs = New-Object -TypeName System.Collections.Generic.List[object]',
        `$partners = @(${known.map((k) => `@{ Geography = ${psString(k.geography)}; HostUrl = ${psString(k.hostUrl)} }`).join(', ')})`,
        'foreach ($partner in $partners) {',
        ...indent([
          ...verifyTrustLines(partnerRole, '$partner.HostUrl'),
          "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; result = $state; verifiedAt = [DateTime]::UtcNow.ToString('o'); raw = $raw })",
          "$colour = if ($state -eq 'GoodToProceed') { 'Green' } else { 'Yellow' }",
          "Write-Host ('{0} -> {1}' -f $partner.HostUrl, $state) -ForegroundColor $colour",
        ]),
        '}',
        "Write-MigrationResult -Kind 'trustVerification' -Data ([ordered]@{ pairs = $pairs })",
        "Write-Host 'NotEstablished: run step 2 here. NotEstablishedByPartner: the partner must run step 2. DormantByPartner: wait for the 7-day period. CouldNotContactPartner: retry, check the URL.'",
      ];
      out.files.push(
        scriptFile(
          input,
          {
            step: 3,
            side,
            title: `Step 3 - Verify trust (${where})`,
            runsOn: where,
            purpose: [
              `Verifies the trust with ${known.map((k) => k.geography).join(', ')} using Test-SPOCrossTenantRelationship or, on older modules, Verify-SPOCrossTenantRelationship.`,
              'GoodToProceed on both sides is required before any move is queued.',
            ],
            needs: ['Both sides ran step 2.', 'SharePoint Administrator on this tenant.'],
            resultsPath: input.paths.resultsFromScripts,
            context: contextOf(plan, side, geo),
            helpers: ['verify'],
            body: lines,
          },
          `03-verify-trust${geoSuffix(geo.code)}.ps1`,
          geo.code,
        ),
      );
    }
  }
  return out;
}
