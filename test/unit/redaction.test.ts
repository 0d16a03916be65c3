import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { psString } from '../../src/core/powershell/quote';
import { redactSecrets } from '../../src/core/text/redact';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const R = '[redacted]';

/** input → exact output */
const CASES: readonly (readonly [string, string])[] = [
  // Already handled before issue 9 (test/unit/viewHelpers.test.ts has these too)
  [`Authorization: Bearer ${JWT}`, `Authorization: Bearer ${R}`],
  [`token ${JWT} end`, 'token [redacted token] end'],
  ['client_secret=abc123&x=1 password: "hunter2"', `client_secret=${R}&x=1 password: "${R}"`],
  // HTTP headers
  ['Authorization: Basic dXNlcjpwYXNzd29yZA==', `Authorization: Basic ${R}`],
  ['authorization: bearer EwB4A8l6BAAU7p9QDpi/D7xJLwsTgCg3TskyTaQAAQ', `authorization: bearer ${R}`],
  [
    'GET /x HTTP/1.1\r\nAuthorization: SharedKey acct:Zm9vYmFy\r\nAccept: */*',
    `GET /x HTTP/1.1\r\nAuthorization: SharedKey ${R}\r\nAccept: */*`,
  ],
  [
    '{"headers": {"Authorization": "Bearer abc.def-ghi", "Accept": "application/json"}}',
    `{"headers": {"Authorization": "Bearer ${R}", "Accept": "application/json"}}`,
  ],
  ['@{ Authorization = "Basic YWxpY2U6czNjcmV0" }', `@{ Authorization = "Basic ${R}" }`],
  ['proxy sent Basic YWxpY2VAY29udG9zby5jb206aHVudGVyMg== upstream', `proxy sent Basic ${R} upstream`],
  ['Cookie: FedAuth=77u/PD94bWwgdmVyc2lvbj0iMS4wIj8+; rtFa=AbCdEf+GhIj/kl==', `Cookie: FedAuth=${R}; rtFa=${R}`],
  [
    'Set-Cookie: FedAuth=77u/PD94bWw=; expires=Wed, 01 Jan 2031 00:00:00 GMT; path=/; secure; HttpOnly',
    `Set-Cookie: FedAuth=${R}; expires=Wed, 01 Jan 2031 00:00:00 GMT; path=/; secure; HttpOnly`,
  ],
  ['cookies: rtFa=abc123; SPOIDCRL=def456', `cookies: rtFa=${R}; SPOIDCRL=${R}`],
  ['x-api-key: 0123456789abcdef', `x-api-key: ${R}`],
  ['Ocp-Apim-Subscription-Key: 0123456789abcdef', `Ocp-Apim-Subscription-Key: ${R}`],
  // PowerShell parameters
  [
    "Connect-PnPOnline -Url https://contoso.sharepoint.com -ClientId 3f2c -ClientSecret 'a b c' -Tenant contoso.onmicrosoft.com",
    `Connect-PnPOnline -Url https://contoso.sharepoint.com -ClientId 3f2c -ClientSecret '${R}' -Tenant contoso.onmicrosoft.com`,
  ],
  ['-ClientSecret "a `"b`" c" -Force', `-ClientSecret "${R}" -Force`],
  ['-ClientSecret \u2018a b c\u2019 -Force', `-ClientSecret \u2018${R}\u2019 -Force`],
  ['-ClientSecret \u201Ca b c\u201D -Force', `-ClientSecret \u201C${R}\u201D -Force`],
  ["-ClientSecret 'it''s a secret' -Force", `-ClientSecret '${R}' -Force`],
  ['Connect-Service -UserName admin -Password abc123 -Force', `Connect-Service -UserName admin -Password ${R} -Force`],
  ['-Password:abc123', `-Password:${R}`],
  [
    "-CertificatePassword (ConvertTo-SecureString 'p w' -AsPlainText -Force)",
    `-CertificatePassword (ConvertTo-SecureString '${R}' -AsPlainText -Force)`,
  ],
  ['$pw = ConvertTo-SecureString -String "p w" -AsPlainText -Force', `$pw = ConvertTo-SecureString -String "${R}" -AsPlainText -Force`],
  [
    "$body = @{ client_secret = 'a b'; scope = 'https://graph.microsoft.com/.default' }",
    `$body = @{ client_secret = '${R}'; scope = 'https://graph.microsoft.com/.default' }`,
  ],
  ["$env:CLIENT_SECRET = 'abc'", `$env:CLIENT_SECRET = '${R}'`],
  ['m365 login --authType secret --appId 3f2c --secret abc123', `m365 login --authType secret --appId 3f2c --secret ${R}`],
  ['az ad sp create --client-secret abc123 --years 1', `az ad sp create --client-secret ${R} --years 1`],
  // JSON and colon forms
  ['{"clientSecret": "a b c", "tenant": "contoso"}', `{"clientSecret": "${R}", "tenant": "contoso"}`],
  ["{'apiKey': 'a\\'b c', 'region': 'eu'}", `{'apiKey': '${R}', 'region': 'eu'}`],
  ['{\\"client_secret\\":\\"a b\\",\\"scope\\":\\"x\\"}', `{\\"client_secret\\":\\"${R}\\",\\"scope\\":\\"x\\"}`],
  [
    '{"refresh_token":"0.AXoA-abc","token_type":"Bearer","expires_in":3599}',
    `{"refresh_token":"${R}","token_type":"Bearer","expires_in":3599}`,
  ],
  ['clientSecret: abc123', `clientSecret: ${R}`],
  ['ClientSecret           : abc123', `ClientSecret           : ${R}`],
  ['apiKey => abc123', `apiKey => ${R}`],
  // Query strings and forms
  ['client_id=3f2c&client_secret=abc~123&grant_type=client_credentials', `client_id=3f2c&client_secret=${R}&grant_type=client_credentials`],
  [
    'https://contoso.sharepoint.com/_forms/spsredirect.aspx?code=0.AXoA-abc_def&state=12345',
    `https://contoso.sharepoint.com/_forms/spsredirect.aspx?code=${R}&state=12345`,
  ],
  [
    'https://app/cb#access_token=abc&token_type=Bearer&id_token=def&expires_in=3599',
    `https://app/cb#access_token=${R}&token_type=Bearer&id_token=${R}&expires_in=3599`,
  ],
  ['grant_type=refresh_token&refresh_token=abc&scope=offline_access', `grant_type=refresh_token&refresh_token=${R}&scope=offline_access`],
  [
    'https://x/api?token=abc123&api_key=k1&apikey=k2&pwd=p1&passwd=p2&password=p3&secret=s1',
    `https://x/api?token=${R}&api_key=${R}&apikey=${R}&pwd=${R}&passwd=${R}&password=${R}&secret=${R}`,
  ],
  [
    'https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2030-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=Ab%2Bcd%2Fef%3D&x=1',
    `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2030-01-01T00%3A00%3A00Z&sr=b&sp=r&sig=${R}&x=1`,
  ],
  // URL-encoded
  ['login?next=%2Fhome%3Fpassword%3Dsecret%26lang%3Den', `login?next=%2Fhome%3Fpassword%3D${R}%26lang%3Den`],
  ['body=client_id%3D3f2c%26client_secret%3Dabc%257E1%26scope%3Dx', `body=client_id%3D3f2c%26client_secret%3D${R}%26scope%3Dx`],
  [
    'state=1&redirect=https%3A%2F%2Fapp%2Fcb%3Fcode%3D0.AXoA%26session_state%3Ds',
    `state=1&redirect=https%3A%2F%2Fapp%2Fcb%3Fcode%3D${R}%26session_state%3Ds`,
  ],
  ['r=%7B%22password%22%3A%22abc%20def%22%7D', `r=%7B%22password%22%3A%22${R}%22%7D`],
  // Connection strings
  [
    'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Ab+cd/ef==;EndpointSuffix=core.windows.net',
    `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${R};EndpointSuffix=core.windows.net`,
  ],
  [
    'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=Ab+cd=',
    `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=root;SharedAccessKey=${R}`,
  ],
  [
    'Server=tcp:sql;Database=db;User ID=u;Password=p@ss w,rd&1;Encrypt=True',
    `Server=tcp:sql;Database=db;User ID=u;Password=${R};Encrypt=True`,
  ],
  ['Server=sql;Uid=u;Pwd="a;b""c";Encrypt=True', `Server=sql;Uid=u;Pwd="${R}";Encrypt=True`],
  // JWTs and PEM blocks
  [`id: ${JWT}, next`, 'id: [redacted token], next'],
  [`"value":"${JWT}"`, '"value":"[redacted token]"'],
  [
    'key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\ndone',
    `key:\n-----BEGIN PRIVATE KEY-----${R}-----END PRIVATE KEY-----\ndone`,
  ],
  [
    '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,AB12\n\nMIIE\n-----END RSA PRIVATE KEY-----',
    `-----BEGIN RSA PRIVATE KEY-----${R}-----END RSA PRIVATE KEY-----`,
  ],
  [
    '"pem": "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEE\\n-----END EC PRIVATE KEY-----\\n"',
    `"pem": "-----BEGIN EC PRIVATE KEY-----${R}-----END EC PRIVATE KEY-----\\n"`,
  ],
  ['-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0w (truncated)', `-----BEGIN ENCRYPTED PRIVATE KEY-----${R}`],
  // Left alone
  ['nothing secret here', 'nothing secret here'],
  ['error code 42', 'error code 42'],
  ['MnACrossTenantCode=42; ErrorCode=InvalidRequest', 'MnACrossTenantCode=42; ErrorCode=InvalidRequest'],
  ['exit code=1', 'exit code=1'],
  [
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}',
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}',
  ],
  [
    'moving alice@contoso.com to https://fabrikam-my.sharepoint.com/personal/alice_fabrikam_com?web=1',
    'moving alice@contoso.com to https://fabrikam-my.sharepoint.com/personal/alice_fabrikam_com?web=1',
  ],
  [
    'hasPassword: false, passwordNeverExpires: True, secretName: my-app, AccessKeyId=AKIA1',
    'hasPassword: false, passwordNeverExpires: True, secretName: my-app, AccessKeyId=AKIA1',
  ],
  ['-Password $null -Force', '-Password $null -Force'],
  ['Bearer authentication failed; Basic settings unchanged', 'Bearer authentication failed; Basic settings unchanged'],
  [
    'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent is the client secret value',
    'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent is the client secret value',
  ],
  ['-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----', '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----'],
  ['Enter password:', 'Enter password:'],
  ['step 6: queued 20 moves (token refresh in 3599 s)', 'step 6: queued 20 moves (token refresh in 3599 s)'],
];

describe('log redaction (issue 9)', () => {
  it(`redacts every form in the table (${CASES.length} cases) and leaves the rest readable`, () => {
    assert.ok(CASES.length >= 40);
    for (const [input, expected] of CASES) assert.equal(redactSecrets(input), expected, `input: ${JSON.stringify(input)}`);
  });

  it('is idempotent on the table', () => {
    for (const [, expected] of CASES) assert.equal(redactSecrets(expected), expected, `input: ${JSON.stringify(expected)}`);
  });

  describe('random secrets never reach the output', () => {
    // Printable ASCII without whitespace, 8–40 characters.
    const secret = fc.string({
      unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 8,
      maxLength: 40,
    });

    // Each template embeds the secret the way its syntax carries it; the test asserts that neither the
    // secret nor that embedded form is in the output.
    const query = (s: string) => new URLSearchParams({ v: s }).toString().slice(2);
    const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
    const base64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
    const json = (s: string) => JSON.stringify(s).slice(1, -1);
    const jsSingle = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    const psDouble = (s: string) => s.replace(/[`"$]/g, '`$&');
    const psSmart = (s: string) => `\u2018${s.replace(/['\u2018-\u201B]/g, '$&$&')}\u2019`;
    /** A bare argument when PowerShell would read it as one, else a single-quoted string. */
    const psArg = (s: string) => (/^[A-Za-z0-9][A-Za-z0-9._~+/=@#%^*!?:-]*$/.test(s) ? s : psString(s));
    /** ADO.NET: quoted (double quotes doubled) when the value has `;` or a quote. */
    const ado = (s: string) => (/[;'"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    /** YAML: a plain scalar when it starts with a letter or digit, else single-quoted. */
    const yaml = (s: string) => (/^[A-Za-z0-9]/.test(s) ? s : `'${s.replace(/'/g, "''")}'`);
    const jwt = (s: string) =>
      `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.${base64url(JSON.stringify({ sub: s, aud: 'https://graph.microsoft.com' }))}.${base64url(s)}`;
    const pem = (s: string, label: string) =>
      `-----BEGIN ${label}-----\n${(base64(s).match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----`;

    const TEMPLATES: Record<string, (s: string) => { input: string; embedded: string[] }> = {
      'query password': (s) => ({
        input: `https://login.example.com/cb?user=alice%40contoso.com&password=${query(s)}&x=1`,
        embedded: [query(s)],
      }),
      'form client_secret': (s) => ({
        input: `grant_type=client_credentials&client_id=3f2c&client_secret=${query(s)}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
        embedded: [query(s)],
      }),
      'query code': (s) => ({
        input: `https://contoso.sharepoint.com/_forms/spsredirect.aspx?code=${query(s)}&state=12345&session_state=abc`,
        embedded: [query(s)],
      }),
      'fragment access_token': (s) => ({
        input: `https://app/cb#access_token=${query(s)}&token_type=Bearer&expires_in=3599`,
        embedded: [query(s)],
      }),
      'refresh_token / id_token / token': (s) => ({
        input: `refresh_token=${query(s)}&id_token=${query(s)}&token=${query(s)}`,
        embedded: [query(s)],
      }),
      'pwd / passwd / secret / api_key': (s) => ({
        input: `?pwd=${query(s)}&passwd=${query(s)}&secret=${query(s)}&api_key=${query(s)}&apiKey=${query(s)}`,
        embedded: [query(s)],
      }),
      'SAS sig': (s) => ({
        input: `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&se=2030-01-01&sp=r&sig=${query(s)}&x=1`,
        embedded: [query(s)],
      }),
      'URL-encoded password%3D': (s) => ({
        input: `state=1&redirect_uri=${query(`https://app/cb?password=${query(s)}&next=1`)}`,
        embedded: [query(query(s))],
      }),
      'URL-encoded client_secret%3D': (s) => ({
        input: `body=${query(`client_id=3f2c&client_secret=${query(s)}`)}`,
        embedded: [query(query(s))],
      }),
      AccountKey: (s) => ({
        input: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${base64(s)};EndpointSuffix=core.windows.net`,
        embedded: [base64(s)],
      }),
      'connection string Password': (s) => ({
        input: `Server=tcp:sql;Database=db;User ID=u;Password=${ado(s)};Encrypt=True`,
        embedded: [ado(s)],
      }),
      'connection string Pwd': (s) => ({ input: `Driver={ODBC Driver 18};Server=sql;Uid=u;Pwd=${ado(s)}`, embedded: [ado(s)] }),
      JSON: (s) => ({
        input: JSON.stringify({ tenant: 'contoso.onmicrosoft.com', clientSecret: s, apiKey: s, password: s }),
        embedded: [json(s)],
      }),
      'JSON, single quotes': (s) => ({ input: `{ 'apiKey': '${jsSingle(s)}', 'region': 'eu' }`, embedded: [jsSingle(s)] }),
      'JSON inside a JSON string': (s) => ({
        input: JSON.stringify({ body: JSON.stringify({ client_secret: s }) }),
        embedded: [json(json(s))],
      }),
      YAML: (s) => ({ input: `tenant: contoso\nclientSecret: ${yaml(s)}\nregion: eu`, embedded: [yaml(s)] }),
      'PowerShell single-quoted': (s) => ({
        input: `Connect-PnPOnline -Url https://contoso.sharepoint.com -ClientId 3f2c -ClientSecret ${psString(s)} -Tenant contoso.onmicrosoft.com`,
        embedded: [psString(s)],
      }),
      'PowerShell double-quoted': (s) => ({
        input: `Connect-PnPOnline -ClientSecret "${psDouble(s)}" -Tenant contoso`,
        embedded: [psDouble(s)],
      }),
      'PowerShell smart quotes': (s) => ({
        input: `Connect-PnPOnline -ClientSecret ${psSmart(s)} -Tenant contoso`,
        embedded: [psSmart(s)],
      }),
      'PowerShell -Password': (s) => ({ input: `Connect-Service -UserName admin -Password ${psArg(s)} -Force`, embedded: [psArg(s)] }),
      'PowerShell ConvertTo-SecureString': (s) => ({
        input: `Export-PfxCertificate -Cert $c -CertificatePassword (ConvertTo-SecureString ${psString(s)} -AsPlainText -Force)`,
        embedded: [psString(s)],
      }),
      'PowerShell hashtable': (s) => ({
        input: `$body = @{ client_secret = ${psString(s)}; scope = 'https://graph.microsoft.com/.default' }`,
        embedded: [psString(s)],
      }),
      'CLI --secret': (s) => ({
        input: `m365 login --authType secret --appId 3f2c --secret ${psArg(s)} --tenant contoso`,
        embedded: [psArg(s)],
      }),
      'Authorization: Bearer': (s) => ({
        input: `GET /v1.0/me HTTP/1.1\r\nHost: graph.microsoft.com\r\nAuthorization: Bearer ${s}\r\nAccept: */*`,
        embedded: [],
      }),
      'Authorization: Basic': (s) => ({ input: `Authorization: Basic ${base64(`admin:${s}`)}`, embedded: [base64(`admin:${s}`)] }),
      'Authorization: Basic (raw)': (s) => ({ input: `Authorization: Basic ${s}`, embedded: [] }),
      'Basic outside a header': (s) => ({
        input: `proxy sent Basic ${base64(`alice@contoso.com:${s}`)} upstream`,
        embedded: [base64(`alice@contoso.com:${s}`)],
      }),
      Cookie: (s) => ({ input: `Cookie: FedAuth=${query(s)}; rtFa=${query(s)}; WSS_FullScreenMode=false`, embedded: [query(s)] }),
      'Set-Cookie': (s) => ({
        input: `Set-Cookie: FedAuth=${query(s)}; expires=Wed, 01 Jan 2031 00:00:00 GMT; path=/; secure; HttpOnly`,
        embedded: [query(s)],
      }),
      'FedAuth / rtFa without a header': (s) => ({ input: `cookies FedAuth=${query(s)}; rtFa=${query(s)}`, embedded: [query(s)] }),
      JWT: (s) => ({ input: `token ${jwt(s)} end`, embedded: [jwt(s).split('.')[1]!, base64url(s)] }),
      PEM: (s) => ({
        input: `key:\n${pem(s, 'PRIVATE KEY')}\n${pem(s, 'RSA PRIVATE KEY')}\n${pem(s, 'ENCRYPTED PRIVATE KEY')}`,
        embedded: base64(s).match(/.{1,64}/g) ?? [],
      }),
    };

    for (const [name, template] of Object.entries(TEMPLATES)) {
      it(name, () => {
        fc.assert(
          fc.property(secret, (s) => {
            const { input, embedded } = template(s);
            const output = redactSecrets(input);
            for (const form of [s, ...embedded])
              assert.ok(!output.includes(form), `${JSON.stringify(form)} is still in ${JSON.stringify(output)}`);
            assert.equal(redactSecrets(output), output, 'redacting twice changes nothing');
          }),
        );
      });
    }
  });

  it('is linear: 1 MB lines and 100,000 near misses take well under a second each', () => {
    const inputs: Record<string, string> = {
      "1 MB of 'a'": 'a'.repeat(1 << 20),
      "1 MB of '='": '='.repeat(1 << 20),
      "1 MB of '%'": '%'.repeat(1 << 20),
      "1 MB of '\"'": '"'.repeat(1 << 20),
      '1 MB of backslashes': '\\'.repeat(1 << 20),
      'a-a-a-… (1 MB)': 'a-'.repeat(1 << 19),
      'password × 100,000': 'password'.repeat(100_000),
      '"password " × 100,000': 'password '.repeat(100_000),
      '"-Password" × 100,000': '-Password'.repeat(100_000),
      '"password%3" × 100,000': 'password%3'.repeat(100_000),
      '"code " × 100,000': 'code '.repeat(100_000),
      '"Bearer " × 100,000': 'Bearer '.repeat(100_000),
      '"Basic " × 100,000': 'Basic '.repeat(100_000),
      '"eyJ" × 100,000': 'eyJ'.repeat(100_000),
      '"-----BEGIN " × 100,000': '-----BEGIN '.repeat(100_000),
      '"Authorization" × 100,000': 'Authorization'.repeat(100_000),
    };
    for (const [name, input] of Object.entries(inputs)) {
      const started = performance.now();
      const output = redactSecrets(input);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
      assert.equal(output, input, `${name}: nothing to redact`);
    }
    // Near misses that do have values: still one pass.
    for (const [name, input] of Object.entries({
      '"password:" × 100,000': 'password:'.repeat(100_000),
      '"-Password " × 100,000': '-Password '.repeat(100_000),
      '"\\"password\\": \\"" × 100,000': '"password": "'.repeat(100_000),
      '";pwd=" × 100,000': ';pwd='.repeat(100_000),
      '"%26code%3D" × 100,000': '%26code%3D'.repeat(100_000),
      '"Authorization: " × 100,000': 'Authorization: '.repeat(100_000),
      '"-----BEGIN PRIVATE KEY-----" × 40,000': '-----BEGIN PRIVATE KEY-----'.repeat(40_000),
    })) {
      const started = performance.now();
      redactSecrets(input);
      const elapsed = performance.now() - started;
      assert.ok(elapsed < 1000, `${name}: ${elapsed.toFixed(0)} ms`);
    }
  });
});
