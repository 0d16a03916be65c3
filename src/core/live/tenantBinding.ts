/**
 * Source and target must stay two tenants: every token's `tid` is checked against the plan. A plan
 * without a tenant ID for that role gets it from the first token (offered as a plan edit); a token
 * from another tenant, or from the other role's tenant, is refused with what to do.
 */
import type { Plan } from '../plan/planSchema';
import type { TenantRole } from './liveTypes';

export type TenantBinding = { ok: true; fill?: string } | { ok: false; message: string };

const other = (role: TenantRole): TenantRole => (role === 'source' ? 'target' : 'source');

export function checkTenantBinding(plan: Plan, role: TenantRole, tid: string | undefined): TenantBinding {
  const name = (r: TenantRole) => `${r} tenant ${plan[r].name}`;
  if (!tid) return { ok: false, message: `The sign-in for the ${name(role)} returned a token without a tenant ID; sign in again.` };
  const expected = plan[role].tenantId?.toLowerCase();
  const partner = plan[other(role)].tenantId?.toLowerCase();
  if (expected && expected !== tid)
    return {
      ok: false,
      message: `The account signed in to tenant ${tid}, but the plan's ${name(role)} is ${expected}. Sign in with an admin account of ${plan[role].name}.`,
    };
  if (partner === tid)
    return {
      ok: false,
      message: `The account signed in to tenant ${tid}, which is the plan's ${name(other(role))}: source and target must be two tenants. Sign in with an admin account of ${plan[role].name}.`,
    };
  return expected ? { ok: true } : { ok: true, fill: tid };
}
