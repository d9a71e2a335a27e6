import { describe, expect, it } from 'vitest';
import {
  RemoteError,
  SitedeskError,
  ValidationError,
  safeUrl,
} from '../../../src/shared/errors.js';

describe('errors', () => {
  it('says what was done to what, with status and remote code', () => {
    const cause = new Error('socket hang up');
    const error = new RemoteError(
      'remote_rejected',
      {
        method: 'PUT',
        url: 'https://site.test/wp-json/wp/v2/pages/12',
        status: 403,
        remoteCode: 'rest_cannot_edit',
      },
      'Sorry, you are not allowed to edit this post.',
      { cause },
    );
    expect(error.message).toBe(
      'PUT https://site.test/wp-json/wp/v2/pages/12 → 403 rest_cannot_edit: Sorry, you are not allowed to edit this post.',
    );
    expect(error).toBeInstanceOf(SitedeskError);
    expect(error.code).toBe('remote_rejected');
    expect(error.cause).toBe(cause);
    expect(error.name).toBe('RemoteError');
    expect(error.retryable).toBe(false);
  });

  it('never keeps credentials in the URL', () => {
    expect(safeUrl('https://admin:secret@site.test/x?key=abc&page=2')).toBe(
      'https://site.test/x?key=***&page=2',
    );
    expect(safeUrl('not a url //user:pw@host')).toBe('not a url //host');
    const error = new RemoteError(
      'remote_unreachable',
      { method: 'GET', url: 'https://u:p4ss@site.test/' },
      'timed out',
      { retryable: true },
    );
    expect(error.message).not.toContain('p4ss');
    expect(error.retryable).toBe(true);
  });

  it('carries field details on validation errors', () => {
    const error = new ValidationError('Site settings are not valid', [
      { path: 'settings.url', message: 'must be an https URL' },
    ]);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([{ path: 'settings.url', message: 'must be an https URL' }]);
  });
});
