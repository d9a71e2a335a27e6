import type { JSX } from 'preact';
import { useI18n } from '../i18n/i18n.js';

/**
 * The mark of a mail with attachments in a list row: a paper clip drawn inline and the count,
 * named in her language for screen readers and on hover. Not the 📎 emoji: it needs an emoji
 * font, and machines without one (headless Chromium here, many office PCs) show an empty box.
 */
export function AttachmentMark({ count }: { count: number }): JSX.Element {
  const { t } = useI18n();
  const label = t('listAttachments', { n: count });
  return (
    <span class="attachment-mark" role="img" aria-label={label} title={label}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path
          d="M11 4.5 6 9.5a1.3 1.3 0 0 0 1.9 1.9l5.2-5.2a2.6 2.6 0 0 0-3.7-3.7L4.2 7.7a3.9 3.9 0 0 0 5.5 5.5l4-4"
          fill="none"
          stroke="currentColor"
          stroke-width="1.5"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      </svg>
      {count}
    </span>
  );
}
