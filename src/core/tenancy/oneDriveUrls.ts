/** OneDrive (personal site) URLs, derived the way SharePoint names them (SPO-DOCS list-onedrive-urls). */

/** `https://contoso-my.sharepoint.com/personal/alice_contoso_com` for alice@contoso.com: '.', '@', ',' and spaces become '_'. A number may be appended on conflicts. */
export function personalSiteUrl(hostUrl: string, upn: string): string {
  return `${hostUrl.trim().replace(/\/+$/, '').toLowerCase()}/personal/${upn
    .trim()
    .toLowerCase()
    .replace(/[.@, ]/g, '_')}`;
}
