/**
 * Result files: every generated script writes one JSON document into the results folder.
 * Envelope + one `data` shape per kind; version 1. PowerShell's ConvertTo-Json writes $null for
 * missing values, so optional fields accept null. Documented in docs/results.md; the JSON Schema
 * file schemas/onedrive-migration-result.schema.json is generated from here.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Type } from '../json/typeBuilders';
import { COMPATIBILITY_STATUSES, TRUST_VERIFICATION_RESULTS, UTC_PATTERN } from '../plan/planSchema';

export const RESULT_SCHEMA_ID = 'onedrive-migration-result';
export const RESULT_SCHEMA_VERSION = 1;

const str = (description?: string) => Type.String(description ? { description } : {});
const opt = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));
const utc = (description: string) =>
  Type.String({ pattern: UTC_PATTERN, utcTime: true, description, patternErrorMessage: 'Expected an ISO 8601 UTC time ending in Z.' });
const partner = {
  partnerGeography: str('Geography code of the partner (the other side of the pair).'),
  partnerHostUrl: str("The partner's cross-tenant host URL used in the command."),
};
const enumOf = (values: readonly string[], description: string) => Type.String({ enum: [...values], description });

export const RESULT_DATA_SCHEMAS = {
  hostUrl: Type.Object({
    hostUrl: str('Value returned by Get-SPOCrossTenantHostUrl, normalised.'),
    raw: opt(str('Raw command output.')),
    allowedDataLocations: opt(str('Raw output of Get-SPOMultiGeoCompanyAllowedDataLocation (default geography only).')),
  }),
  trustRequest: Type.Object({
    pairs: Type.Array(
      Type.Object({ ...partner, requestedAt: utc('When Set-SPOCrossTenantRelationship ran.'), ok: Type.Boolean(), error: opt(str()) }),
    ),
  }),
  trustVerification: Type.Object({
    pairs: Type.Array(
      Type.Object({
        ...partner,
        result: enumOf([...TRUST_VERIFICATION_RESULTS, 'Unknown'], 'Verification state.'),
        verifiedAt: utc('When it ran.'),
        raw: opt(str()),
        error: opt(str('Why the verification failed, when it threw.')),
      }),
    ),
  }),
  trustRemoval: Type.Object({
    pairs: Type.Array(
      Type.Object({
        ...partner,
        removedAt: utc('When Remove-SPOCrossTenantRelationship ran.'),
        ok: Type.Boolean(),
        error: opt(str()),
        resultAfter: opt(str()),
      }),
    ),
  }),
  compatibility: Type.Object({
    pairs: Type.Array(
      Type.Object({
        ...partner,
        status: enumOf([...COMPATIBILITY_STATUSES, 'Unknown'], 'Compatibility status.'),
        checkedAt: utc('When it ran.'),
        raw: opt(str()),
        error: opt(str('Why the check failed, when it threw.')),
      }),
    ),
  }),
  queuedMoves: Type.Object({
    batch: str('Batch name.'),
    ...partner,
    validationOnly: Type.Boolean(),
    refused: opt(str('Why nothing was queued (trust not GoodToProceed, compatibility Incompatible).')),
    pendingBefore: opt(Type.Integer({ description: 'Moves already pending for this source geography.' })),
    interrupted: opt(
      Type.Boolean({
        description: 'Read from the journal of a run that did not finish: the entries are those recorded before it stopped.',
      }),
    ),
    entries: Type.Array(
      Type.Object({
        source: str('Source UPN.'),
        target: str('Target UPN.'),
        status: enumOf(['queued', 'validated', 'failed', 'skipped'], 'What happened to this user.'),
        at: utc('When.'),
        error: opt(str()),
      }),
    ),
  }),
  moveState: Type.Object({
    entries: Type.Array(
      Type.Object({
        sourceUserPrincipalName: opt(str()),
        targetUserPrincipalName: opt(str()),
        state: opt(str()),
        moveJobId: opt(str()),
        sourceSiteUrl: opt(str()),
        targetSiteUrl: opt(str()),
        timeStamp: opt(str()),
        error: opt(str()),
        partnerHostUrl: str(),
      }),
    ),
  }),
  moveStop: Type.Object({
    entries: Type.Array(Type.Object({ source: str(), at: utc('When.'), ok: Type.Boolean(), stateBefore: opt(str()), error: opt(str()) })),
  }),
  redirectSites: Type.Object({
    includesPersonalSites: Type.Boolean({ description: 'Whether OneDrive (personal) redirect sites were included.' }),
    sites: Type.Array(Type.Object({ url: str(), template: opt(str()), lastModified: opt(str()) })),
  }),
  redirectRemoval: Type.Object({
    entries: Type.Array(Type.Object({ url: str(), at: utc('When.'), ok: Type.Boolean(), error: opt(str()) })),
  }),
  identityMapUpload: Type.Object({
    path: str('Path of the uploaded file.'),
    sha256: str('SHA-256 of the uploaded file.'),
    rows: Type.Integer(),
    snapshot: opt(str('Copy of the uploaded map, next to this result.')),
    spotChecks: Type.Array(
      Type.Object({ kind: enumOf(['User', 'Group'], 'Row type.'), key: str(), found: Type.Boolean(), detail: opt(str()) }),
    ),
  }),
  precreation: Type.Object({
    users: Type.Array(
      Type.Object({
        target: str('Target UPN or guest e-mail.'),
        status: enumOf(['exists', 'created', 'invited', 'failed', 'skipped'], 'Outcome.'),
        objectId: opt(str()),
        error: opt(str()),
      }),
    ),
    groups: Type.Array(
      Type.Object({
        source: str('Source group object ID.'),
        mappedTarget: str('Target object ID in the map.'),
        status: enumOf(['exists', 'created', 'failed', 'skipped'], 'Outcome.'),
        objectId: opt(str()),
        error: opt(str()),
      }),
    ),
  }),
  targetOneDriveCheck: Type.Object({
    checkedUsers: Type.Integer(),
    conflicts: Type.Array(Type.Object({ target: str('Target UPN.'), url: str('Existing OneDrive URL.') })),
  }),
  migrateBackCheck: Type.Object({
    entries: Type.Array(
      Type.Object({
        source: str('UPN moving back.'),
        redirectUrl: opt(str('Redirect site in the way, if any.')),
        conflict: Type.Boolean(),
      }),
    ),
  }),
} as const;

export type ResultKind = keyof typeof RESULT_DATA_SCHEMAS;
export const RESULT_KINDS = Object.keys(RESULT_DATA_SCHEMAS) as ResultKind[];
export type ResultData<K extends ResultKind> = Static<(typeof RESULT_DATA_SCHEMAS)[K]>;

export const ResultEnvelopeSchema = Type.Object({
  schema: Type.Literal(RESULT_SCHEMA_ID),
  version: Type.Literal(RESULT_SCHEMA_VERSION),
  kind: Type.String({ enum: RESULT_KINDS, description: 'What the result reports.' }),
  side: Type.String({ enum: ['source', 'target'], description: 'Which admin ran the script.' }),
  tenant: str('Tenant name the script ran against.'),
  geography: str('Geography code it ran against.'),
  adminUrl: str('Admin URL it connected to.'),
  createdAt: utc('When the result was written.'),
  data: Type.Object({}),
});

export type ResultEnvelope = Omit<Static<typeof ResultEnvelopeSchema>, 'kind' | 'side' | 'data'> & {
  side: 'source' | 'target';
};
export type MigrationResult = { [K in ResultKind]: ResultEnvelope & { kind: K; data: ResultData<K> } }[ResultKind];

/** The result JSON Schema document (one branch per kind), as written to disk. */
export function resultJsonSchema(): Record<string, unknown> {
  const envelope = JSON.parse(JSON.stringify(ResultEnvelopeSchema)) as { properties: Record<string, unknown>; required: string[] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'OneDrive cross-tenant migration result (version 1)',
    oneOf: RESULT_KINDS.map((kind) => ({
      type: 'object',
      required: envelope.required,
      properties: { ...envelope.properties, kind: { const: kind }, data: JSON.parse(JSON.stringify(RESULT_DATA_SCHEMAS[kind])) as unknown },
    })),
  };
}
