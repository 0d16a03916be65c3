/**
 * The plan file (`onedrive-migration.json`): its TypeScript types AND its JSON Schema come from
 * these TypeBox definitions, so the two cannot drift. `npm run build` writes the schema file
 * (schemas/onedrive-migration.schema.json) from here; a unit test fails when it is stale.
 *
 * Objects allow additional properties on purpose: fields this version does not know survive a
 * rewrite (the validator only warns about likely typos).
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Type } from '../json/typeBuilders';
import { GEOGRAPHY_CODES } from '../tenancy/geographies';

export const PLAN_FILE_NAME = 'onedrive-migration.json';
export const PLAN_SCHEMA_ID = 'https://onedrive-migration.local/schemas/onedrive-migration.schema.json';

const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** ISO 8601 in UTC, as PowerShell's `ToString('o')` writes it (fraction optional). */
export const UTC_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,7})?)?Z$';

const utc = (description: string) =>
  Type.String({
    pattern: UTC_PATTERN,
    // Checked by the plan validator: a real date and time, not only its shape (2026-02-30 is refused).
    utcTime: true,
    description,
    patternErrorMessage: 'Use an ISO 8601 UTC time ending in Z, e.g. 2026-12-01T22:00:00Z.',
  });

const geographyRef = (description: string) => Type.String({ minLength: 1, description });

export const TRUST_VERIFICATION_RESULTS = [
  'NotEstablished',
  'NotEstablishedByPartner',
  'DormantByPartner',
  'CouldNotContactPartner',
  'GoodToProceed',
] as const;
export type TrustVerificationResult = (typeof TRUST_VERIFICATION_RESULTS)[number];

export const COMPATIBILITY_STATUSES = ['Compatible', 'Warning', 'Incompatible'] as const;
export type CompatibilityStatus = (typeof COMPATIBILITY_STATUSES)[number];

/** Union of every move state name the engine or the docs use (domain.md §1.7). */
export const MOVE_STATES = [
  'NotStarted',
  'Scheduled',
  'Queued',
  'ReadyToTrigger',
  'InProgress',
  'Rescheduled',
  'Success',
  'Failed',
  'Stopped',
  'NotSupported',
  'Completed',
] as const;
export type MoveState = (typeof MOVE_STATES)[number];

const stringEnum = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>(Type.String({ enum: [...values], description }));

export const GeographySchema = Type.Object(
  {
    code: Type.String({
      enum: [...GEOGRAPHY_CODES],
      description: "Multi-Geo location code (NAM, EUR, APC, …) or 'default' for a single-geo tenant.",
    }),
    default: Type.Optional(Type.Boolean({ description: 'The central (default) geography of a Multi-Geo tenant.' })),
    adminUrl: Type.String({
      minLength: 1,
      description:
        'SharePoint admin URL of this geography, e.g. https://contoso-admin.sharepoint.com (satellites use the prefix chosen by the admin, e.g. https://contosoeur-admin.sharepoint.com).',
    }),
    hostUrl: Type.Optional(
      Type.String({
        description:
          'Cross-tenant host URL from Get-SPOCrossTenantHostUrl run on this geography (normally the -my host). Filled in by the step 1 result.',
      }),
    ),
  },
  { description: 'One SharePoint geography (treat each one as a separate tenant).' },
);

export const TenantSchema = Type.Object({
  name: Type.String({ minLength: 1, description: "Tenant name: the 'contoso' in contoso.onmicrosoft.com / contoso-admin.sharepoint.com." }),
  displayName: Type.Optional(Type.String({ description: 'Organisation name shown in the UI.' })),
  tenantId: Type.Optional(
    Type.String({
      pattern: GUID_PATTERN,
      description: 'Entra tenant ID (a GUID). Optional until known; the identity map needs the source tenant ID.',
      patternErrorMessage:
        'A tenant ID is a GUID such as 11111111-2222-3333-4444-555555555555 (Entra admin center → Overview → Tenant ID).',
    }),
  ),
  geographies: Type.Array(GeographySchema, { minItems: 1, description: 'Every geography of this tenant that takes part.' }),
});

export const TrustDirectionSchema = Type.Object(
  {
    requestedAt: Type.Optional(utc('When this side ran Set-SPOCrossTenantRelationship (starts the 7-day dormant period).')),
    lastVerifiedAt: Type.Optional(utc('When this side last ran Verify-/Test-SPOCrossTenantRelationship.')),
    lastResult: Type.Optional(stringEnum(TRUST_VERIFICATION_RESULTS, 'Result of the last verification on this side.')),
    removedAt: Type.Optional(utc('When this side ran Remove-SPOCrossTenantRelationship.')),
  },
  { description: 'What one side (the source or the target admin) did and saw for this geography pair.' },
);

export const CompatibilitySchema = Type.Object({
  status: stringEnum(COMPATIBILITY_STATUSES, 'Result of Get-SPOCrossTenantCompatibilityStatus run on the source geography.'),
  checkedAt: utc('When the compatibility was checked.'),
});

export const TrustPairSchema = Type.Object(
  {
    sourceGeography: geographyRef('Source geography code.'),
    targetGeography: geographyRef('Target geography code.'),
    source: Type.Optional(TrustDirectionSchema),
    target: Type.Optional(TrustDirectionSchema),
    compatibility: Type.Optional(CompatibilitySchema),
  },
  { description: 'The two-way trust between one source geography and one target geography.' },
);

export const BatchUserSchema = Type.Union(
  [
    Type.String({ minLength: 1, description: 'Source UPN; the target UPN comes from the identity map.' }),
    Type.Object({
      source: Type.String({ minLength: 1, description: 'Source user principal name.' }),
      target: Type.Optional(Type.String({ minLength: 1, description: 'Target user principal name (defaults to the identity map).' })),
    }),
  ],
  { description: 'A user whose OneDrive moves in this batch.' },
);

export const BatchSchema = Type.Object({
  name: Type.String({ minLength: 1, description: 'Unique batch name (used in script file names).' }),
  sourceGeography: geographyRef('Source geography the OneDrives live in.'),
  targetGeography: geographyRef('Target geography they move to (its host URL is the -TargetCrossTenantHostUrl).'),
  users: Type.Array(BatchUserSchema, { description: 'At most 4,000 per source geography can be queued at once.' }),
  preferredBeginUtc: Type.Optional(utc('Preferred start (best effort, UTC).')),
  preferredEndUtc: Type.Optional(utc('Preferred completion (best effort, UTC).')),
  retryOf: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'The batch whose failed users this batch queues again (its queue script retries them without -RetryFailed).',
    }),
  ),
});

export const MoveRecordSchema = Type.Object({
  state: Type.String({ description: 'Last known move state (NotStarted, Scheduled, InProgress, Success, Failed, …).' }),
  updatedAt: utc('Time of the result this state came from.'),
  queuedAt: Type.Optional(utc('When the move was queued.')),
  targetUser: Type.Optional(Type.String()),
  sourceGeography: Type.Optional(Type.String()),
  targetGeography: Type.Optional(Type.String()),
  sourceSiteUrl: Type.Optional(Type.String()),
  targetSiteUrl: Type.Optional(Type.String()),
  error: Type.Optional(Type.String({ description: 'Error text reported by the engine.' })),
  errorCode: Type.Optional(Type.String({ description: 'MnA error code found in the error text.' })),
  validation: Type.Optional(
    Type.Object({ at: utc('When the validation-only pass ran.'), passed: Type.Boolean(), error: Type.Optional(Type.String()) }),
  ),
});

export const IdentityMapUploadSchema = Type.Object({
  uploadedAt: utc('When the map was uploaded to this target geography.'),
  sha256: Type.String(),
  rows: Type.Integer({ minimum: 0 }),
  snapshot: Type.Optional(Type.String({ description: 'Copy of the uploaded map in the results folder.' })),
});

export const PlanSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    $comment: Type.Optional(Type.String({ description: 'A note for whoever reads the file; the tool ignores it.' })),
    version: Type.Literal(1, { description: 'Plan format version.' }),
    name: Type.Optional(Type.String({ description: 'Project name.' })),
    source: TenantSchema,
    target: TenantSchema,
    trusts: Type.Optional(Type.Array(TrustPairSchema, { description: 'One entry per (source geography, target geography) pair in use.' })),
    identityMap: Type.Optional(
      Type.String({ description: 'Path of the identity-map CSV, relative to this file. Default identity-map.csv.' }),
    ),
    identityMapUploads: Type.Optional(
      Type.Record(Type.String(), IdentityMapUploadSchema, { description: 'Last upload per target geography (from results).' }),
    ),
    batches: Type.Optional(Type.Array(BatchSchema)),
    moves: Type.Optional(
      Type.Record(Type.String(), MoveRecordSchema, { description: 'Move state per source UPN (lower case), folded in from results.' }),
    ),
    postMigration: Type.Optional(
      Type.Object({
        redirectSitesToRemove: Type.Optional(Type.Array(Type.String(), { description: 'Redirect site URLs chosen for removal.' })),
        migrateBackUsers: Type.Optional(
          Type.Array(Type.String(), { description: 'Source UPNs planned to move back (redirect-conflict check).' }),
        ),
      }),
    ),
    checklist: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Object({ done: Type.Boolean(), at: utc('When it was ticked or unticked.'), note: Type.Optional(Type.String()) }),
        { description: 'Manual ticks of checklist items that cannot be derived from the plan or the results.' },
      ),
    ),
    limits: Type.Optional(
      Type.Object({
        maxQueuedPerSourceGeography: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: 4000,
            description: 'Queue limit per source geography (Microsoft: 4,000; leave headroom if SharePoint site moves share the queue).',
          }),
        ),
      }),
    ),
    output: Type.Optional(
      Type.Object({
        scripts: Type.Optional(Type.String({ description: 'Folder for generated scripts, relative to this file. Default scripts.' })),
        results: Type.Optional(Type.String({ description: 'Folder the scripts write result JSON into. Default results.' })),
      }),
    ),
  },
  { $id: PLAN_SCHEMA_ID, title: 'OneDrive cross-tenant migration plan' },
);

export type Plan = Static<typeof PlanSchema>;
export type Tenant = Static<typeof TenantSchema>;
export type Geography = Static<typeof GeographySchema>;
export type TrustPair = Static<typeof TrustPairSchema>;
export type TrustDirection = Static<typeof TrustDirectionSchema>;
export type Batch = Static<typeof BatchSchema>;
export type BatchUser = Static<typeof BatchUserSchema>;
export type MoveRecord = Static<typeof MoveRecordSchema>;
export type Side = 'source' | 'target';
export const SIDES: readonly Side[] = ['source', 'target'];

export const DEFAULT_QUEUE_LIMIT = 4000;
export const DEFAULT_IDENTITY_MAP = 'identity-map.csv';
export const DEFAULT_SCRIPTS_FOLDER = 'scripts';
export const DEFAULT_RESULTS_FOLDER = 'results';

/** The JSON Schema document as written to disk (TypeBox symbols dropped). */
export function planJsonSchema(): Record<string, unknown> {
  return toPlainSchema(PlanSchema);
}

export function toPlainSchema(schema: TSchema): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...plain };
}
