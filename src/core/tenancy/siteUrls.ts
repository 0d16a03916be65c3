/**
 * Site URLs that come from files (redirect inventories, removal lists): accepted only as https URLs
 * on the SharePoint hosts of the geography they were listed for, in one line, with no credentials.
 * Anything else (file:, vscode:, command:, another host, a URL with a line break in it) is refused,
 * so it can neither become a tree node that opens it nor a removal target.
 */
import { hostsOfAdminUrl } from './tenantUrls';

const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

/** The URL as given (trailing slashes dropped) when it is safe for a geography with this admin URL; otherwise undefined. */
export function siteUrlOfGeography(url: string, adminUrl: string): string | undefined {
  if (url.length > 2000 || UNSAFE.test(url)) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return undefined;
  if (!hostsOfAdminUrl(adminUrl).includes(parsed.origin.toLowerCase())) return undefined;
  return url.replace(/\/+$/, '');
}
