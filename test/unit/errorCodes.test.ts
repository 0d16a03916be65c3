import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, explainErrorCode, findErrorCode, similarErrorCodes } from '../../src/core/errors/mnaErrorCodes';

describe('MnA error codes', () => {
  it('covers every code of domain.md §7.2', () => {
    for (const code of [
      'FeatureIsNotEnabled',
      'MnAOdbUsersAreNotLicensed',
      'MnASiteMoveTargetUrlHasWriteConflict',
      'MnAIdentityMapEntryDoesNotExistsForSourceUPN',
      'MnAIdentityMapEntryTooManyForSourceUPN',
      'MnAIdentityMapEntryDoesNotMatchRequest',
      'MnAOdbForSourceUPNDoesNotExist',
      'MnAOdbForSourceUPNDoesNotExistYet',
      'MnAOdbFailedToGetUrlForSourceUPN',
      'MnAPartnersFarmsAreIncompatible',
      'MnABYOKEnabledOnSourceTenant',
      'MnATargetUrlNotValidForRename',
      'MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost',
      'MnATargetSideEnvironmentHasConditionsThatBlockTheMove',
      'MnAPartnersOnTheSameFarm',
      'MnAMoveJobCreationFailed',
      'MnAMoveJobWasNotCreated',
      '-161',
      '-102',
    ]) {
      assert.ok(explainErrorCode(code), code);
    }
    assert.equal(new Set(ERROR_CODES.map((e) => e.code.toLowerCase())).size, ERROR_CODES.length, 'no duplicates');
  });

  it('marks community findings as unconfirmed', () => {
    assert.equal(explainErrorCode('-161')!.confirmed, false);
    assert.equal(explainErrorCode('MnAOdbUsersAreNotLicensed')!.confirmed, true);
  });

  it('finds the most specific code in free text', () => {
    assert.equal(findErrorCode('Error: MnAOdbForSourceUPNDoesNotExistYet (retry later)'), 'MnAOdbForSourceUPNDoesNotExistYet');
    assert.equal(findErrorCode('Move failed with error -161 (LockState)'), '-161');
    assert.equal(findErrorCode('took -1610 ms'), undefined);
    assert.equal(findErrorCode('The Cross-Tenant content move feature is not enabled for this tenant.'), 'FeatureIsNotEnabled');
    assert.equal(findErrorCode('all good'), undefined);
  });

  it('suggests similar codes', () => {
    assert.deepEqual(similarErrorCodes('IdentityMapEntry'), [
      'MnAIdentityMapEntryDoesNotExistsForSourceUPN',
      'MnAIdentityMapEntryTooManyForSourceUPN',
      'MnAIdentityMapEntryDoesNotMatchRequest',
    ]);
    assert.deepEqual(similarErrorCodes(''), []);
  });
});
