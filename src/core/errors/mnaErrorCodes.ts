/** The OneDrive engine's error codes (domain.md §7.2, [ERR]) with causes and fixes, for `explain` and move states. */
export interface ErrorExplanation {
  code: string;
  meaning: string;
  fix: string;
  /** The step to go back to. */
  step?: number;
  confirmed: boolean;
}

const E = (code: string, meaning: string, fix: string, step?: number, confirmed = true): ErrorExplanation =>
  step === undefined ? { code, meaning, fix, confirmed } : { code, meaning, fix, step, confirmed };

export const ERROR_CODES: readonly ErrorExplanation[] = [
  E(
    'FeatureIsNotEnabled',
    '"The Cross-Tenant content move feature is not enabled for this tenant."',
    'Check the Cross Tenant User Data Migration licences; if they are in place, open a Microsoft support ticket to enable the feature.',
    2,
  ),
  E(
    'MnAOdbUsersAreNotLicensed',
    'Neither the source nor the target user has the Cross Tenant User Data Migration licence.',
    'Assign the licence to the source or the target user (either is enough), then queue the move again.',
    6,
  ),
  E(
    'MnASiteMoveTargetUrlHasWriteConflict',
    'The target already has a OneDrive for this user (the user signed in, or Request-SPOPersonalSite or Graph /drive provisioned it).',
    'Remove the empty target OneDrive (or map the user to another target), restrict OneDrive creation on the target, and queue again.',
    4,
  ),
  E(
    'MnAIdentityMapEntryDoesNotExistsForSourceUPN',
    'The identity map on the target has no row for this source UPN.',
    'Add the user to the identity map and upload the WHOLE map again to every target geography.',
    5,
  ),
  E(
    'MnAIdentityMapEntryTooManyForSourceUPN',
    'The identity map has more than one row for this source UPN.',
    'Keep one row per source principal (mapping is one-to-one) and upload the whole map again.',
    5,
  ),
  E(
    'MnAIdentityMapEntryDoesNotMatchRequest',
    'The target UPN given to Start-SPOCrossTenantUserContentMove differs from the identity map.',
    'Use the target UPN of the map in the batch (or fix the map and upload it again).',
    5,
  ),
  E(
    'MnAOdbForSourceUPNDoesNotExist',
    'The source user has no OneDrive (never provisioned).',
    'Nothing to move: drop the user from the batch, or provision the source OneDrive first if content is expected.',
    6,
  ),
  E(
    'MnAOdbForSourceUPNDoesNotExistYet',
    'The source user has no OneDrive yet.',
    'Drop the user from the batch, or wait until the source OneDrive exists.',
    6,
  ),
  E(
    'MnAOdbFailedToGetUrlForSourceUPN',
    'The engine could not find the source OneDrive URL for this user.',
    'Check that the source OneDrive exists and that its owner is this user.',
    6,
  ),
  E(
    'MnAOdbOwnerUrlMismatch',
    "The OneDrive's site owner does not match the user.",
    'Make the real user the owner of the OneDrive (one OneDrive per owner), then queue again.',
    5,
  ),
  E(
    'MnAPartnersFarmsAreIncompatible',
    'Compatibility between the two tenants is Incompatible.',
    'Wait (up to 48 hours), check compatibility again (step 5), then contact Microsoft support.',
    5,
  ),
  E(
    'MnABYOKEnabledOnSourceTenant',
    'The source tenant uses Customer Key (service encryption with Microsoft Purview Customer Key).',
    'Cross-tenant OneDrive migration is not possible while Customer Key is enabled on the source.',
    1,
  ),
  E(
    'MnATargetUrlNotValidForRename',
    'A path would exceed 400 characters after merging with the target URL.',
    'Shorten folder/file paths (find them with Find-SPOCrossTenantLongFilePathsForSiteRename) or use a shorter target UPN.',
    6,
  ),
  E(
    'MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost',
    'TargetCrossTenantHostUrl is wrong (the admin URL was given).',
    'Use the -my host URL returned by Get-SPOCrossTenantHostUrl on the target geography.',
    1,
  ),
  E(
    'MnATargetSideEnvironmentHasConditionsThatBlockTheMove',
    'Something on the target side blocks the move.',
    'Engine-side: open a Microsoft support ticket with the move details.',
    6,
  ),
  E('MnAPartnersOnTheSameFarm', 'Source and target are on the same SharePoint farm.', 'Engine-side: open a Microsoft support ticket.', 6),
  E(
    'MnAMoveJobCreationFailed',
    'The engine could not create the move job.',
    'Retry later; if it persists, open a Microsoft support ticket.',
    6,
  ),
  E('MnAMoveJobWasNotCreated', 'The move job was not created.', 'Retry later; if it persists, open a Microsoft support ticket.', 6),
  E(
    'MnATrustNoSetupForPartner',
    'There is no cross-tenant relationship with this partner.',
    'Run step 2 on both sides for this geography pair and verify it (step 3).',
    2,
  ),
  E(
    'MnAReverseTrustNeedsRequiredPartnerRole',
    'The cmdlet needs the partner role.',
    'Pass -PartnerRole (the role of the PARTNER: Target on the source, Source on the target).',
    2,
  ),
  E(
    'MnATrustWrongCmdletUsage',
    'The cmdlet cannot be used with a partner that has this relationship role.',
    'Check that the command runs on the right side (moves start on the source only).',
    2,
  ),
  E('MnATargetUpnIsInvalid', 'The target UPN is not valid.', 'Fix the target UPN in the identity map and in the batch.', 5),
  E('MnATargetUserDoesNotExist', 'The target user does not exist.', 'Create the target user (step 4) before queueing the move.', 4),
  E(
    'MnATargetUserIsNotSpoEnabled',
    'The target user has no SharePoint/OneDrive licence.',
    'Assign the target user a licence that includes OneDrive.',
    4,
  ),
  E(
    'MnATargetDomainIsAlreadyInSourceSiteUsers',
    "The source OneDrive contains users whose UPN uses the target tenant's domain.",
    'Check for a vanity domain present on both sides; clean up those users or contact support.',
    5,
  ),
  E(
    'MnASiteMoveIsInprogressOrFinished',
    'Another move for the same source URL is in progress or has finished.',
    'Check the move state; for a move back, remove the redirect site first (step 7).',
    7,
  ),
  E(
    '-161',
    'Source OneDrive LockState is ReadOnly (community finding).',
    'Unlock the source OneDrive (Set-SPOSite -LockState Unlock), then queue again.',
    6,
    false,
  ),
  E(
    '-102',
    'Source OneDrive LockState is NoAccess, usually the user lost the licence that includes OneDrive (community finding).',
    'Assign a SharePoint Plan 1/2 licence to the source user, then queue again.',
    6,
    false,
  ),
];

const byCode = new Map(ERROR_CODES.map((e) => [e.code.toLowerCase(), e]));

export function explainErrorCode(code: string): ErrorExplanation | undefined {
  return byCode.get(code.trim().toLowerCase());
}

/** Codes that look like the given one, for "did you mean" answers. */
export function similarErrorCodes(code: string, limit = 3): string[] {
  const needle = code.trim().toLowerCase().replace(/^mna/, '');
  if (!needle) return [];
  return ERROR_CODES.filter((e) => e.code.toLowerCase().includes(needle) || needle.includes(e.code.toLowerCase().replace(/^mna/, '')))
    .slice(0, limit)
    .map((e) => e.code);
}

/** The first known code mentioned in an error text (move states carry free text). Longest codes win ties. */
export function findErrorCode(text: string): string | undefined {
  const codes = [...ERROR_CODES].sort((a, b) => b.code.length - a.code.length);
  for (const e of codes) {
    if (/^-\d+$/.test(e.code)) {
      if (new RegExp(`(^|[^\\d-])${e.code}(?!\\d)`).test(text)) return e.code;
    } else if (text.includes(e.code)) return e.code;
  }
  if (/target tenant has a conflict/i.test(text)) return 'MnASiteMoveTargetUrlHasWriteConflict';
  if (/content move feature is not enabled/i.test(text)) return 'FeatureIsNotEnabled';
  return undefined;
}
