/**
 * Which client a message belongs to when one agency mailbox serves several clients: routes on
 * the recipient (To, Cc, Delivered-To — a client's address forwarded to the agency keeps it)
 * and the sender. The first matching route wins; no match leaves the message unassigned for
 * the secretary. A mailbox of one client needs no routes.
 */
import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../shared/errors.js';
import type { ParsedMail } from './parse.js';
import { addressMatches, isAddressPattern } from './rules.js';

/** One route: a message for one of `recipients` and (if given) from one of `senders`. */
export const mailRouteSchema = z.object({
  clientId: z.string().min(1),
  recipients: z.array(z.string()).optional(),
  senders: z.array(z.string()).optional(),
});

/** The routes of an agency mailbox, in order. */
export const mailRoutesSchema = z.array(mailRouteSchema);

/** One validated route. */
export type MailRoute = z.infer<typeof mailRouteSchema>;

/** Parses routes; a ValidationError names each wrong field. */
export function parseMailRoutes(input: unknown): MailRoute[] {
  const result = mailRoutesSchema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
  }));
  throw new ValidationError('mail routes are invalid', details);
}

/** Routes that can never match, or that match every message. */
export function checkMailRoutes(routes: readonly MailRoute[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  routes.forEach((route, i) => {
    const at = `${i}`;
    if (!route.recipients && !route.senders) {
      issues.push({
        path: at,
        message: `the route to ${route.clientId} has no recipients or senders: it takes every message`,
      });
    }
    for (const field of ['recipients', 'senders'] as const) {
      const list = route[field];
      if (list?.length === 0)
        issues.push({
          path: `${at}.${field}`,
          message: `the ${field} list is empty: this route can never match`,
        });
      list?.forEach((pattern, j) => {
        if (!isAddressPattern(pattern)) {
          issues.push({
            path: `${at}.${field}.${j}`,
            message: `"${pattern}" is not an address (name@example.com) or a domain (@example.com): it can never match`,
          });
        }
      });
    }
  });
  return issues;
}

/** The client of a message and why, or undefined (unassigned). */
export function routeMail(
  routes: readonly MailRoute[],
  mail: Pick<ParsedMail, 'from' | 'to' | 'cc' | 'deliveredTo'>,
): { clientId: string; reason: string } | undefined {
  const recipients = [
    ...mail.to.map((a) => a.address),
    ...mail.cc.map((a) => a.address),
    ...mail.deliveredTo,
  ];
  for (const route of routes) {
    if (!route.recipients && !route.senders) continue; // reported by checkMailRoutes
    const recipient = route.recipients
      ? recipients.find((r) => route.recipients?.some((p) => addressMatches(p, r)))
      : undefined;
    if (route.recipients && recipient === undefined) continue;
    const sender = route.senders
      ? mail.from.find((f) => route.senders?.some((p) => addressMatches(p, f.address)))
      : undefined;
    if (route.senders && sender === undefined) continue;
    const why = [
      recipient ? `sent to ${recipient}` : undefined,
      sender ? `from ${sender.address}` : undefined,
    ];
    return { clientId: route.clientId, reason: why.filter(Boolean).join(' and ') };
  }
  return undefined;
}
