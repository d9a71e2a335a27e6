/** Stable sitedesk codes for an HTTP answer that is not a success, shared by every connector. */
export type RemoteStatusCode =
  | 'remote_redirected'
  | 'remote_invalid'
  | 'remote_unauthorized'
  | 'remote_forbidden'
  | 'remote_not_found'
  | 'remote_conflict'
  | 'remote_rate_limited'
  | 'remote_server_error';

/**
 * The code for a status: the same words whichever kind of site answered, so the runner, the
 * UI and scripts read one vocabulary; the site's own error code stays in `remoteCode`.
 * Any other 4xx means the site refused the request as it was sent (`remote_invalid`).
 */
export function remoteCodeForStatus(status: number): RemoteStatusCode {
  if (status >= 300 && status < 400) return 'remote_redirected';
  if (status === 401) return 'remote_unauthorized';
  if (status === 403) return 'remote_forbidden';
  if (status === 404) return 'remote_not_found';
  if (status === 409) return 'remote_conflict';
  if (status === 429) return 'remote_rate_limited';
  if (status >= 500) return 'remote_server_error';
  return 'remote_invalid';
}
