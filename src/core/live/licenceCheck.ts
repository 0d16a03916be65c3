/**
 * Licences of the migration add-on, read live: a move needs the Cross Tenant User Data Migration
 * licence on its source user or its target user (either is enough). The SKU is configurable: its
 * identifiers come from a third-party source (UNCONFIRMED; domain.md §1.1).
 */
export const DEFAULT_MIGRATION_SKU = 'Cross_tenant_user_data_migration';

export interface LicensedUser {
  userPrincipalName: string;
  /** SKU IDs of the licences assigned to the user. */
  skuIds: readonly string[];
}

export interface LicenceCheck {
  /** The SKU found in the tenants' subscriptions (its ID), when either has it. */
  skuId?: string;
  checked: number;
  /** Source UPNs whose move has the licence on neither side. */
  unlicensed: string[];
}

export function licenceCheck(
  moves: ReadonlyArray<{ source: string; target?: string }>,
  sourceUsers: readonly LicensedUser[],
  targetUsers: readonly LicensedUser[],
  skuIds: readonly string[],
): LicenceCheck {
  const sku = new Set(skuIds.map((s) => s.toLowerCase()));
  const licensed = (users: readonly LicensedUser[]) =>
    new Set(users.filter((u) => u.skuIds.some((s) => sku.has(s.toLowerCase()))).map((u) => u.userPrincipalName.toLowerCase()));
  const source = licensed(sourceUsers);
  const target = licensed(targetUsers);
  const unlicensed = moves
    .filter((m) => !source.has(m.source.toLowerCase()) && !(m.target && target.has(m.target.toLowerCase())))
    .map((m) => m.source);
  return { ...(skuIds[0] ? { skuId: skuIds[0] } : {}), checked: moves.length, unlicensed };
}
