import { describe, expect, it } from 'vitest';
import { remoteCodeForStatus } from '../../../../src/connectors/http/status.js';

describe('remoteCodeForStatus', () => {
  it('gives every connector the same word for the same answer', () => {
    const table: [number, string][] = [
      [301, 'remote_redirected'],
      [308, 'remote_redirected'],
      [400, 'remote_invalid'],
      [401, 'remote_unauthorized'],
      [403, 'remote_forbidden'],
      [404, 'remote_not_found'],
      [409, 'remote_conflict'],
      [413, 'remote_invalid'],
      [422, 'remote_invalid'],
      [429, 'remote_rate_limited'],
      [500, 'remote_server_error'],
      [503, 'remote_server_error'],
    ];
    expect(table.map(([status]) => [status, remoteCodeForStatus(status)])).toEqual(table);
  });
});
