/**
 * Directory objects the matcher works on, from any source: CSV files exported from the Entra
 * admin center now, Microsoft Graph in live mode later (same shapes as Graph's user and group).
 */
import Papa from 'papaparse';
import { problem, type Problem } from '../json/problem';

export interface DirectoryUser {
  id?: string;
  userPrincipalName: string;
  mail?: string;
  displayName?: string;
  /** Member or Guest. */
  userType?: string;
  employeeId?: string;
  onPremisesImmutableId?: string;
  proxyAddresses?: string[];
  otherMails?: string[];
  /** 1-based line in the export, for messages. */
  line?: number;
}

export interface DirectoryGroup {
  id: string;
  displayName?: string;
  mailNickname?: string;
  /** Contains 'Unified' for a Microsoft 365 group. */
  groupTypes?: string[];
  securityEnabled?: boolean;
  line?: number;
}

/** The one interface matching reads through (CSV exports, Graph). */
export interface DirectorySource {
  users(): Promise<DirectoryUser[]>;
  groups(): Promise<DirectoryGroup[]>;
}

const norm = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');
const USER_COLUMNS: Record<
  keyof Omit<DirectoryUser, 'line' | 'proxyAddresses' | 'otherMails'> | 'proxyAddresses' | 'otherMails',
  string[]
> = {
  id: ['id', 'objectid'],
  userPrincipalName: ['userprincipalname', 'upn', 'signinname'],
  mail: ['mail', 'email', 'emailaddress', 'primarysmtpaddress'],
  displayName: ['displayname', 'name'],
  userType: ['usertype'],
  employeeId: ['employeeid'],
  onPremisesImmutableId: ['onpremisesimmutableid', 'immutableid'],
  proxyAddresses: ['proxyaddresses', 'emailaddresses'],
  otherMails: ['othermails', 'alternateemailaddress', 'alternateemailaddresses'],
};
const GROUP_COLUMNS = {
  id: ['id', 'objectid'],
  displayName: ['displayname', 'name', 'groupname'],
  mailNickname: ['mailnickname', 'alias'],
  groupTypes: ['grouptypes', 'grouptype'],
  securityEnabled: ['securityenabled'],
};

function csvRecords(text: string): {
  headers: Map<string, string>;
  records: Array<{ line: number; values: Record<string, string> }>;
  problems: Problem[];
} {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<Record<string, string>>(clean, { header: true, skipEmptyLines: 'greedy' });
  const headers = new Map((result.meta.fields ?? []).map((f) => [norm(f), f]));
  // A one-column file has no delimiter to detect: papaparse's notice about that is not an error.
  const problems = result.errors
    .filter((e) => e.type !== 'Delimiter')
    .slice(0, 20)
    .map((e) => problem('error', 'directory.csv', [], `Line ${(e.row ?? 0) + 2}: ${e.message}.`));
  return { headers, records: result.data.map((values, i) => ({ line: i + 2, values })), problems };
}

function pick(headers: Map<string, string>, values: Record<string, string>, aliases: readonly string[]): string | undefined {
  for (const a of aliases) {
    const h = headers.get(a);
    const v = h ? values[h]?.trim() : undefined;
    if (v) return v;
  }
  return undefined;
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(/[;|,\s]+/)
        .map((x) => x.replace(/^smtp:/i, '').trim())
        .filter(Boolean)
    : undefined;

export function readUsersCsv(text: string, file = 'users.csv'): { users: DirectoryUser[]; problems: Problem[] } {
  const { headers, records, problems } = csvRecords(text);
  if (!USER_COLUMNS.userPrincipalName.some((a) => headers.has(a))) {
    return {
      users: [],
      problems: [
        ...problems,
        problem(
          'error',
          'directory.columns',
          [],
          `${file} has no userPrincipalName column.`,
          'Export users from the Entra admin center (Users > Download users), or from Graph with userPrincipalName.',
        ),
      ],
    };
  }
  const users: DirectoryUser[] = [];
  for (const { line, values } of records) {
    const upn = pick(headers, values, USER_COLUMNS.userPrincipalName);
    if (!upn) continue;
    const u: DirectoryUser = { userPrincipalName: upn, line };
    for (const key of ['id', 'mail', 'displayName', 'userType', 'employeeId', 'onPremisesImmutableId'] as const) {
      const v = pick(headers, values, USER_COLUMNS[key]);
      if (v) u[key] = v;
    }
    const proxies = list(pick(headers, values, USER_COLUMNS.proxyAddresses));
    if (proxies) u.proxyAddresses = proxies;
    const others = list(pick(headers, values, USER_COLUMNS.otherMails));
    if (others) u.otherMails = others;
    users.push(u);
  }
  return { users, problems };
}

export function readGroupsCsv(text: string, file = 'groups.csv'): { groups: DirectoryGroup[]; problems: Problem[] } {
  const { headers, records, problems } = csvRecords(text);
  if (!GROUP_COLUMNS.id.some((a) => headers.has(a))) {
    return {
      groups: [],
      problems: [
        ...problems,
        problem(
          'error',
          'directory.columns',
          [],
          `${file} has no id / objectId column.`,
          'Export groups from the Entra admin center (Groups > Download groups), or from Graph with id.',
        ),
      ],
    };
  }
  const groups: DirectoryGroup[] = [];
  for (const { line, values } of records) {
    const id = pick(headers, values, GROUP_COLUMNS.id);
    if (!id) continue;
    const g: DirectoryGroup = { id, line };
    const displayName = pick(headers, values, GROUP_COLUMNS.displayName);
    if (displayName) g.displayName = displayName;
    const nick = pick(headers, values, GROUP_COLUMNS.mailNickname);
    if (nick) g.mailNickname = nick;
    const types = pick(headers, values, GROUP_COLUMNS.groupTypes);
    // Graph writes "Unified"; the admin center's export writes "Microsoft 365".
    if (types) g.groupTypes = /unified|microsoft 365|office 365/i.test(types) ? ['Unified'] : [];
    const security = pick(headers, values, GROUP_COLUMNS.securityEnabled);
    if (security) g.securityEnabled = /^true|yes|1$/i.test(security);
    groups.push(g);
  }
  return { groups, problems };
}

/** A directory read from exported CSV files. */
export function csvDirectory(texts: { users?: string; groups?: string }): DirectorySource & { problems: Problem[] } {
  const users = texts.users !== undefined ? readUsersCsv(texts.users) : { users: [], problems: [] };
  const groups = texts.groups !== undefined ? readGroupsCsv(texts.groups) : { groups: [], problems: [] };
  return { users: async () => users.users, groups: async () => groups.groups, problems: [...users.problems, ...groups.problems] };
}
