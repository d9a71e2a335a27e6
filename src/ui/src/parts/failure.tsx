import type { JSX } from 'preact';
import { useI18n } from '../i18n/i18n.js';
import { causeSentence, fixedUnderSites, readFailure } from './publish-cause.js';

/**
 * Why a publication failed: its cause and what to do, in her language (issue 14), with the
 * connector's own technical text (method, URL, status, remote code) folded under Details for
 * whoever helps her. `timeZone` (the client's) words the time of the next attempt.
 */
export function FailureReason({
  error,
  timeZone,
}: {
  error: string | null;
  timeZone?: string;
}): JSX.Element {
  const { t, lang, dateTime } = useI18n();
  // The client's zone when the screen knows it, else this computer's — always named.
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const when = (iso: string): string =>
    Math.abs(Date.parse(iso) - Date.now()) < 12 * 3_600_000
      ? new Intl.DateTimeFormat(lang === 'cs' ? 'cs-CZ' : 'en-GB', {
          hour: '2-digit',
          minute: '2-digit',
          timeZone: zone,
          timeZoneName: 'short',
        }).format(new Date(iso))
      : dateTime(iso, zone);
  const failure = error ? readFailure(error) : undefined;
  const cause = failure?.cause ?? 'unknown';
  return (
    <span class="meta failure" data-cause={cause}>
      {failure ? causeSentence(failure, t, when) : t('cause.unknown')}
      {fixedUnderSites.has(cause) && (
        <>
          {' '}
          <a href="#/clients">{t('navClients')}</a>
        </>
      )}
      {failure?.detail && (
        <details>
          <summary>{t('technicalDetails')}</summary>
          <span class="pre">{failure.detail}</span>
        </details>
      )}
    </span>
  );
}
