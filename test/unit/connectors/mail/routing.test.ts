import { describe, expect, it } from 'vitest';
import {
  checkMailRoutes,
  parseMailRoutes,
  routeMail,
} from '../../../../src/connectors/mail/routing.js';
import { parseMail } from '../../../../src/connectors/mail/parse.js';

const routes = parseMailRoutes([
  { clientId: 'bakery', recipients: ['shop@bakery.example', 'agency+bakery@agency.example'] },
  { clientId: 'garage', senders: ['@parts-supplier.example'], recipients: ['@agency.example'] },
  { clientId: 'garage', recipients: ['garage.example'] },
]);

describe('routing an agency mailbox', () => {
  it('routes by recipient, by Delivered-To of forwarded mail, and by sender with recipient', async () => {
    const forwarded = await parseMail(
      'Delivered-To: desk@agency.example\r\nX-Original-To: <shop@bakery.example>\r\nFrom: a@x.example\r\nTo: desk@agency.example\r\nSubject: s\r\n\r\nb\r\n',
    );
    expect(forwarded.deliveredTo).toEqual(['desk@agency.example', 'shop@bakery.example']);
    expect(routeMail(routes, forwarded)).toEqual({
      clientId: 'bakery',
      reason: 'sent to shop@bakery.example',
    });

    const supplier = await parseMail(
      'From: x@eu.parts-supplier.example\r\nTo: desk@agency.example\r\nSubject: s\r\n\r\nb\r\n',
    );
    expect(routeMail(routes, supplier)).toEqual({
      clientId: 'garage',
      reason: 'sent to desk@agency.example and from x@eu.parts-supplier.example',
    });
    const cc = await parseMail(
      'From: a@x.example\r\nTo: b@y.example\r\nCc: Service <service@garage.example>\r\nSubject: s\r\n\r\nb\r\n',
    );
    expect(routeMail(routes, cc)?.clientId).toBe('garage');
  });

  it('leaves a message no route matches unassigned', async () => {
    const stray = await parseMail(
      'From: a@x.example\r\nTo: desk@agency.example\r\nSubject: s\r\n\r\nb\r\n',
    );
    expect(routeMail(routes, stray)).toBeUndefined();
  });

  it('reports routes that can never match or take everything', () => {
    expect(
      checkMailRoutes(
        parseMailRoutes([
          { clientId: 'a' },
          { clientId: 'b', recipients: [], senders: ['bakery'] },
        ]),
      ),
    ).toEqual([
      { path: '0', message: 'the route to a has no recipients or senders: it takes every message' },
      { path: '1.recipients', message: 'the recipients list is empty: this route can never match' },
      {
        path: '1.senders.0',
        message:
          '"bakery" is not an address (name@example.com) or a domain (@example.com): it can never match',
      },
    ]);
    expect(checkMailRoutes(routes)).toEqual([]);
  });
});
