import { describe, expect, it } from 'vitest';
import {
  composeReply,
  replyReferences,
  replySubject,
} from '../../../../src/connectors/mail/reply.js';
import { messageIds, threadKey } from '../../../../src/connectors/mail/thread.js';
import { parseMail } from '../../../../src/connectors/mail/parse.js';

describe('threading', () => {
  it('reads Message-IDs with and without brackets', () => {
    expect(messageIds('<a@x> <b@y>\r\n <c@z>')).toEqual(['a@x', 'b@y', 'c@z']);
    expect(messageIds('a@x, b@y')).toEqual(['a@x', 'b@y']);
    expect(messageIds(undefined)).toEqual([]);
  });

  it('keys a thread by its root: References first, then In-Reply-To, then own id (case folded)', () => {
    expect(threadKey({ messageId: 'c@x', inReplyTo: 'b@x', references: ['A@x', 'b@x'] })).toBe(
      'a@x',
    );
    expect(threadKey({ messageId: 'c@x', inReplyTo: 'b@x', references: [] })).toBe('b@x');
    expect(threadKey({ messageId: 'C@x', inReplyTo: undefined, references: [] })).toBe('c@x');
  });

  it('writes Re: once and builds References per RFC 5322', () => {
    expect(replySubject('Order')).toBe('Re: Order');
    expect(replySubject('RE: Order')).toBe('RE: Order');
    expect(replySubject('AW: Bestellung')).toBe('AW: Bestellung');
    expect(replySubject('Odp: objednávka')).toBe('Odp: objednávka');
    expect(replySubject('Reply needed')).toBe('Re: Reply needed');
    expect(replyReferences({ messageId: 'c', inReplyTo: 'b', references: ['a', 'b'] })).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(replyReferences({ messageId: 'c', inReplyTo: 'b', references: [] })).toEqual(['b', 'c']);
    expect(replyReferences({ messageId: undefined, inReplyTo: undefined, references: [] })).toEqual(
      [],
    );
  });

  it('replies to Reply-To, and to everyone else as Cc when asked', async () => {
    const parent = await parseMail(
      'From: a@x.example\r\nReply-To: list@x.example\r\nTo: shop@bakery.example, c@x.example\r\nCc: d@x.example\r\nSubject: hi\r\nMessage-ID: <p@x>\r\n\r\nbody\r\n',
    );
    const reply = composeReply(parent, {
      from: { address: 'shop@bakery.example', name: '' },
      text: 'ok',
      replyAll: true,
    });
    expect(reply.to.map((a) => a.address)).toEqual(['list@x.example']);
    expect(reply.cc?.map((a) => a.address)).toEqual(['c@x.example', 'd@x.example']);
    expect(reply.inReplyTo).toBe('p@x');
    expect(reply.text).toBe('ok\n\na@x.example wrote:\n> body\n');
  });

  it('quotes the parent below the reply, nesting earlier quotes, unless told not to', async () => {
    const parent = await parseMail(
      'From: Jana <jana@x.example>\r\nDate: Mon, 04 May 2026 07:05:00 +0000\r\nSubject: hi\r\n\r\nWhen do you open?\r\n> earlier\r\n',
    );
    const from = { address: 'shop@bakery.example', name: '' };
    expect(composeReply(parent, { from, text: 'At 7.\n' }).text).toBe(
      'At 7.\n\nOn Mon, 04 May 2026 07:05:00 GMT, Jana <jana@x.example> wrote:\n> When do you open?\n>> earlier\n',
    );
    expect(composeReply(parent, { from, text: 'At 7.', quote: false }).text).toBe('At 7.');
  });
});
