import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveTenantUrls, extractHostUrls, normalizeAdminUrl, normalizeHostUrl } from '../../src/core/tenancy/tenantUrls';

const contoso = {
  tenantName: 'contoso',
  adminUrl: 'https://contoso-admin.sharepoint.com',
  rootUrl: 'https://contoso.sharepoint.com',
  mySiteHost: 'https://contoso-my.sharepoint.com',
};

describe('deriveTenantUrls: any form in, all three URLs out', () => {
  const table: Array<[string, string]> = [
    ['contoso', 'name'],
    ['  Contoso  ', 'name'],
    ['CONTOSO.onmicrosoft.com', 'onmicrosoft'],
    ['https://contoso.onmicrosoft.com/', 'onmicrosoft'],
    ['https://contoso-admin.sharepoint.com', 'admin'],
    ['https://Contoso-Admin.SharePoint.com/', 'admin'],
    ['contoso-admin.sharepoint.com', 'admin'],
    ['https://contoso-my.sharepoint.com/', 'my'],
    [' https://CONTOSO-MY.sharepoint.com ', 'my'],
    ['https://contoso.sharepoint.com', 'root'],
    ['contoso.sharepoint.com/', 'root'],
  ];
  for (const [input, kind] of table) {
    it(`${JSON.stringify(input)} → contoso (${kind})`, () => {
      const r = deriveTenantUrls(input);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(r.value, { ...contoso, kind });
    });
  }

  it('keeps a satellite prefix chosen by the admin', () => {
    const r = deriveTenantUrls('https://ContosoEUR-admin.sharepoint.com');
    assert.ok(r.ok);
    assert.equal(r.value.mySiteHost, 'https://contosoeur-my.sharepoint.com');
  });

  const rejected: Array<[string, RegExp, RegExp?]> = [
    ['', /Enter a tenant name/],
    ['http://contoso-admin.sharepoint.com', /uses http:/, /^Use https:\/\/contoso-admin\.sharepoint\.com$/],
    ['ftp://contoso.sharepoint.com', /uses ftp:/],
    ['https://contoso.sharepoint.com/sites/hr', /has a path or query \('\/sites\/hr'\)/, /^Use https:\/\/contoso\.sharepoint\.com$/],
    ['https://contoso-admin.sharepoint.com/?a=1', /path or query/],
    ['https://contoso.com', /not a SharePoint Online tenant name or URL/, /Vanity domains/],
    ['contoso.sharepoint.com.evil.net', /not a SharePoint Online/],
    ['https://contoso-admin.sharepoint.us', /US Government .* not supported/],
    ['https://contoso.sharepoint.cn', /China \(21Vianet\) .* not supported/],
    ['contoso.onmicrosoft.us', /US Government/],
    ['https://contoso.sharepoint.de', /Germany/],
    ['https://con_toso.sharepoint.com', /not a SharePoint Online tenant host/],
    ['https://contoso-files.sharepoint.com', /not a SharePoint Online tenant host/],
  ];
  for (const [input, error, hint] of rejected) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      const r = deriveTenantUrls(input);
      assert.equal(r.ok, false);
      if (r.ok) return;
      assert.match(r.error, error);
      if (hint) assert.match(r.hint ?? '', hint);
    });
  }
});

describe('admin and host URL normalisation', () => {
  it('accepts only an admin URL as admin URL, and says which one it should be', () => {
    assert.deepEqual(normalizeAdminUrl('https://Contoso-Admin.sharepoint.com/'), {
      ok: true,
      value: 'https://contoso-admin.sharepoint.com',
    });
    const r = normalizeAdminUrl('https://contoso.sharepoint.com');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : (r.hint ?? ''), /https:\/\/contoso-admin\.sharepoint\.com/);
  });

  it('refuses the admin URL as host URL, naming the engine error', () => {
    const r = normalizeHostUrl('https://fabrikam-admin.sharepoint.com');
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost/);
    assert.deepEqual(normalizeHostUrl('HTTPS://FABRIKAM-MY.SHAREPOINT.COM/'), { ok: true, value: 'https://fabrikam-my.sharepoint.com' });
  });
});

describe('extractHostUrls from pasted Get-SPOCrossTenantHostUrl output', () => {
  it('finds the host in a plain line', () => {
    assert.deepEqual(extractHostUrls('https://contoso-my.sharepoint.com/\r\n'), ['https://contoso-my.sharepoint.com']);
  });
  it('finds it in a verbose blob, -my hosts first, duplicates removed', () => {
    const blob = `VERBOSE: Connecting to https://contoso-admin.sharepoint.com
PartnerCrossTenantHostUrl : https://A830edad9050849mnaus093022-my.sharepoint.com/
VERBOSE: done (https://a830edad9050849mnaus093022-my.sharepoint.com)`;
    assert.deepEqual(extractHostUrls(blob), [
      'https://a830edad9050849mnaus093022-my.sharepoint.com',
      'https://contoso-admin.sharepoint.com',
    ]);
  });
  it('returns nothing for text without SharePoint URLs', () => {
    assert.deepEqual(extractHostUrls('Get-SPOCrossTenantHostUrl : The term is not recognized'), []);
  });
});
