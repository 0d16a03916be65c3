import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TrustPair } from '../../src/core/plan/planSchema';
import { describeDirection, directionStatus, dormantUntil, formatDuration, pairStatus } from '../../src/core/trust/trustState';

const NOW = new Date('2026-11-23T12:00:00Z');
const pair = (p: Partial<TrustPair>): TrustPair => ({ sourceGeography: 'NAM', targetGeography: 'NAM', ...p });

describe('trust state of a geography pair', () => {
  it('not requested on either side', () => {
    const s = pairStatus(pair({}), NOW);
    assert.deepEqual([s.source.kind, s.target.kind, s.usable], ['notRequested', 'notRequested', false]);
    assert.equal(describeDirection(s.source), 'not requested');
  });

  it('one side requested: it waits for the partner, with the date', () => {
    const p = pair({ source: { requestedAt: '2026-11-20T10:00:00Z' } });
    assert.equal(describeDirection(directionStatus(p, 'source', NOW)), 'requested on 2026-11-20, waiting for the partner');
    assert.equal(directionStatus(p, 'target', NOW).kind, 'notRequested');
    assert.equal(dormantUntil(p), undefined);
  });

  it('both requested: dormant for 7 days after the LATER request, with the time left', () => {
    const p = pair({ source: { requestedAt: '2026-11-20T10:00:00Z' }, target: { requestedAt: '2026-11-20T11:45:00Z' } });
    assert.equal(dormantUntil(p), '2026-11-27T11:45:00Z');
    const s = directionStatus(p, 'target', NOW);
    assert.equal(s.kind, 'dormant');
    assert.equal(describeDirection(s), 'dormant, usable in 3d 23h');
    assert.equal(pairStatus(p, NOW).usableAt, '2026-11-27T11:45:00Z');
  });

  it('after the 7 days without a verification: verify now', () => {
    const p = pair({ source: { requestedAt: '2026-11-01T10:00:00Z' }, target: { requestedAt: '2026-11-02T10:00:00Z' } });
    assert.equal(directionStatus(p, 'source', NOW).kind, 'readyToVerify');
  });

  it('GoodToProceed on both sides makes the pair usable', () => {
    const good = { requestedAt: '2026-11-02T10:00:00Z', lastVerifiedAt: '2026-11-10T09:00:00Z', lastResult: 'GoodToProceed' as const };
    const s = pairStatus(
      pair({ source: good, target: good, compatibility: { status: 'Compatible', checkedAt: '2026-11-12T08:00:00Z' } }),
      NOW,
    );
    assert.equal(s.usable, true);
    assert.equal(s.compatibility?.status, 'Compatible');
    assert.equal(pairStatus(pair({ source: good, target: { requestedAt: good.requestedAt } }), NOW).usable, false);
  });

  it('a verification older than a new request is stale', () => {
    const p = pair({
      source: { requestedAt: '2026-11-22T10:00:00Z', lastVerifiedAt: '2026-11-10T09:00:00Z', lastResult: 'GoodToProceed' },
    });
    assert.equal(directionStatus(p, 'source', NOW).kind, 'waitingForPartner');
  });

  it('CouldNotContactPartner and DormantByPartner are shown as verified', () => {
    assert.equal(
      describeDirection(
        directionStatus(
          pair({
            source: { requestedAt: '2026-11-20T10:00:00Z', lastVerifiedAt: '2026-11-21T10:00:00Z', lastResult: 'CouldNotContactPartner' },
          }),
          'source',
          NOW,
        ),
      ),
      'CouldNotContactPartner',
    );
    assert.equal(
      describeDirection(
        directionStatus(
          pair({ source: { requestedAt: '2026-11-20T10:00:00Z', lastVerifiedAt: '2026-11-21T10:00:00Z', lastResult: 'DormantByPartner' } }),
          'source',
          NOW,
        ),
      ),
      'dormant (partner within its 7 days)',
    );
  });

  it('removed wins over everything', () => {
    const p = pair({
      target: {
        requestedAt: '2026-11-02T10:00:00Z',
        lastResult: 'GoodToProceed',
        lastVerifiedAt: '2026-11-10T09:00:00Z',
        removedAt: '2026-11-22T08:00:00Z',
      },
    });
    assert.equal(describeDirection(directionStatus(p, 'target', NOW)), 'removed on 2026-11-22');
  });

  it('formats durations', () => {
    assert.deepEqual(
      [
        formatDuration(30_000),
        formatDuration(12 * 60_000),
        formatDuration(3 * 3600_000),
        formatDuration(5 * 3600_000 + 12 * 60_000),
        formatDuration(2 * 86400_000),
        formatDuration(3 * 86400_000 + 4 * 3600_000),
      ],
      ['less than a minute', '12m', '3h', '5h 12m', '2d', '3d 4h'],
    );
  });
});
