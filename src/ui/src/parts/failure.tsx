import type { JSX } from 'preact';
import { useI18n } from '../i18n/i18n.js';

/**
 * Why a publication failed: one plain sentence with what to try, and the connector's own
 * (technical, English) reason folded away for whoever helps her.
 */
export function FailureReason({ error }: { error: string | null }): JSX.Element {
  const { t } = useI18n();
  return (
    <span class="meta failure">
      {t('pubFailedHint')} <a href="#/clients">{t('navClients')}</a>
      {error && (
        <details>
          <summary>{t('technicalDetails')}</summary>
          <span class="pre">{error}</span>
        </details>
      )}
    </span>
  );
}
