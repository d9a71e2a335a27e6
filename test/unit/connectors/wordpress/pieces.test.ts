import { describe, expect, it } from 'vitest';
import { restUrl } from '../../../../src/connectors/wordpress/discovery.js';
import { uploadName } from '../../../../src/connectors/wordpress/media.js';
import { publishStatusOf, toWpDateGmt } from '../../../../src/connectors/wordpress/publish.js';
import { decodeEntities } from '../../../../src/connectors/wordpress/terms.js';
import { causes } from '../../../../src/connectors/wordpress/verify-causes.js';
import { errorFromAnswer } from '../../../../src/connectors/wordpress/client.js';

describe('REST URLs', () => {
  it('writes routes pretty or as ?rest_route= for plain permalinks', () => {
    expect(
      restUrl('https://ex.com', 'pretty', '/wp/v2/posts', {
        slug: 'a b',
        page: 2,
        skip: undefined,
      }),
    ).toBe('https://ex.com/wp-json/wp/v2/posts?slug=a+b&page=2');
    expect(restUrl('https://ex.com/blog', 'query', '/wp/v2/posts', { slug: 'x' })).toBe(
      'https://ex.com/blog/?rest_route=%2Fwp%2Fv2%2Fposts&slug=x',
    );
    expect(restUrl('https://ex.com', 'pretty', '/')).toBe('https://ex.com/wp-json/');
  });
});

describe('publishing helpers', () => {
  it('sends dates as UTC without a zone (date_gmt) and maps statuses', () => {
    expect(toWpDateGmt(new Date('2031-05-17T08:30:00+02:00'))).toBe('2031-05-17T06:30:00');
    expect(publishStatusOf('publish')).toBe('published');
    expect(publishStatusOf('future')).toBe('scheduled');
    expect(publishStatusOf('pending')).toBe('draft');
  });

  it('names uploads after their content, so the same bytes get the same slug', () => {
    const a = uploadName({
      filename: 'Läden Foto.JPG',
      contentType: 'image/jpeg',
      data: new Uint8Array([1]),
    });
    const again = uploadName({
      filename: 'Läden Foto.JPG',
      contentType: 'image/jpeg',
      data: new Uint8Array([1]),
    });
    const other = uploadName({
      filename: 'Läden Foto.JPG',
      contentType: 'image/jpeg',
      data: new Uint8Array([2]),
    });
    expect(a.slug).toMatch(/^laden-foto-[0-9a-f]{12}$/);
    expect(a.filename).toBe(`${a.slug}.jpg`);
    expect(again).toEqual(a);
    expect(other.slug).not.toBe(a.slug);
  });

  it('decodes the entities WordPress puts in term names', () => {
    expect(decodeEntities('Food &amp; Drink &#8211; &quot;fresh&quot; &#x2713;')).toBe(
      'Food & Drink – "fresh" ✓',
    );
  });
});

describe('errors from WordPress answers', () => {
  it('carry method, URL without credentials, status and WordPress code; retryable only for 429/5xx', () => {
    const answer = new Response(null, { status: 403 });
    const error = errorFromAnswer(
      'POST',
      'https://user:pw@ex.com/wp-json/wp/v2/pages/12',
      answer,
      '{"code":"rest_cannot_edit","message":"<strong>Error:</strong> Sorry"}',
      0,
    );
    expect(error.message).toBe(
      'POST https://ex.com/wp-json/wp/v2/pages/12 → 403 rest_cannot_edit: Error: Sorry',
    );
    expect(error).toMatchObject({
      code: 'remote_forbidden',
      status: 403,
      remoteCode: 'rest_cannot_edit',
      retryable: false,
    });
    const limited = errorFromAnswer(
      'GET',
      'https://ex.com/x',
      new Response(null, { status: 429, headers: { 'retry-after': '3' } }),
      'not json',
      0,
    );
    expect(limited).toMatchObject({
      code: 'remote_rate_limited',
      retryable: true,
      retryAfterMs: 3000,
      remoteCode: undefined,
    });
  });

  it('upload refusals fail at once, except the month folder two uploads made at the same moment', () => {
    const sideload = (message: string) =>
      errorFromAnswer(
        'POST',
        'https://ex.com/wp-json/wp/v2/media',
        new Response(null, { status: 500 }),
        JSON.stringify({ code: 'rest_upload_sideload_error', message }),
        0,
      ).retryable;
    expect(sideload('Sorry, you are not allowed to upload this file type.')).toBe(false);
    expect(
      sideload(
        'Unable to create directory wp-content/uploads/2026/12. Is its parent directory writable by the server?',
      ),
    ).toBe(true);
    // Translated: the folder it names is what tells.
    expect(sideload('Nelze vytvořit adresář wp-content/uploads/2027/01.')).toBe(true);
  });
});

describe('verify causes', () => {
  it('say what to fix, and spot a login password stored instead of an Application Password', () => {
    expect(causes.wrongPassword('ed', 'abcd EFGH ijkl MNOP qrst UVWX').message).not.toContain(
      'login password',
    );
    expect(causes.wrongPassword('ed', 'hunter2!').message).toContain('login password');
    expect(causes.wrongPassword('ed', 'hunter2!').message).not.toContain('hunter2');
    expect(causes.appPasswordsUnavailable('http://ex.com').message).toContain('HTTPS');
    expect(causes.appPasswordsUnavailable('https://ex.com').message).toContain('disabled');
    expect(causes.authorizationStripped('https://ex.com').fix).toContain('HTTP_AUTHORIZATION');
  });
});
