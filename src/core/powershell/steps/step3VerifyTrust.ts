/** Step 3: each side verifies the trust with every partner geography (Test-/Verify- name detection). */
import type { GeneratorInput, StepOutput } from '../generatorTypes';
import { EXIT_WAITING } from '../psHelpers';
import { connectLines, indent } from '../scriptDocument';
import type { Geography } from '../../plan/planSchema';
import { contextOf, geoSuffix, pairedGeographies, partnersLiteral, scriptFile, type PartnerHost } from '../stepContext';

/** Connects, then opens a loop over the partners with the verification cmdlet resolved (steps 3 and 7). */
export function partnerLoopHeader(geo: Geography, where: string, partners: readonly PartnerHost[]): string[] {
  return [
    ...connectLines(geo.adminUrl, where),
    '$verifyTrustCmdlet = Get-TrustVerifyCommandName',
    '$pairs = New-Object -TypeName System.Collections.Generic.List[object]',
    partnersLiteral(partners),
    'foreach ($partner in $partners) {',
  ];
}

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
  for (const { side, geo, partners: known, partnerRole, where } of pairedGeographies(input, { step: 3, action: 'verifyTrust' }, out)) {
    const lines: string[] = [
      ...partnerLoopHeader(geo, where, known),
      ...indent([
        '# One partner that cannot be verified does not stop the checks of the others.',
        '$errorText = $null',
        'try {',
        ...indent(verifyTrustLines(partnerRole, '$partner.HostUrl')),
        '} catch {',
        ...indent(["$state = 'Unknown'", '$raw = $null', '$errorText = $_.Exception.Message']),
        '}',
        "$pairs.Add([ordered]@{ partnerGeography = $partner.Geography; partnerHostUrl = $partner.HostUrl; result = $state; verifiedAt = [DateTime]::UtcNow.ToString('o'); raw = $raw; error = $errorText })",
        "$colour = if ($state -eq 'GoodToProceed') { 'Green' } else { 'Yellow' }",
        "Write-Host ('{0} -> {1}{2}' -f $partner.HostUrl, $state, $(if ($null -ne $errorText) { ': ' + $errorText } else { '' })) -ForegroundColor $colour",
      ]),
      '}',
      "Write-MigrationResult -Kind 'trustVerification' -Data ([ordered]@{ pairs = $pairs })",
      "$notReady = @($pairs | Where-Object -FilterScript { $_.result -ne 'GoodToProceed' })",
      'if ($notReady.Count -gt 0) {',
      ...indent([
        "Write-Host 'NotEstablished: run step 2 here. NotEstablishedByPartner: the partner must run step 2. DormantByPartner: wait for the 7-day period. CouldNotContactPartner or Unknown: retry, check the URL.' -ForegroundColor Yellow",
        "Write-Host ('{0} of {1} trusts are not GoodToProceed yet: run this script again later.' -f $notReady.Count, $pairs.Count) -ForegroundColor Yellow",
        `exit ${EXIT_WAITING}`,
      ]),
      '}',
      "Write-Host 'Every trust of this geography is GoodToProceed.' -ForegroundColor Green",
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
        { action: 'verifyTrust', geography: geo.code },
      ),
    );
  }
  return out;
}
