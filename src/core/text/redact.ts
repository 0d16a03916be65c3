/** Removes secrets from text before it is logged: bearer tokens, JWTs, passwords and secrets in key=value form. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, '[redacted token]')
    .replace(/\b(access_token|refresh_token|id_token|client_secret|password|secret)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1$2[redacted]');
}
