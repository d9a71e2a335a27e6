/** The answers about a client's call settings and recorded calls (see tasks.ts for why). */
import { z } from 'zod';
import { callReasonCodes } from '../../connectors/calls/index.js';
import { taskAnswer } from './tasks.js';

/** The stretches of a weekday the client can be reached, `HH:mm` (`24:00` as an end). */
const day = z.array(z.object({ from: z.string(), to: z.string() }));

/** A client's call settings: when reachable, who goes through, how messages reach the client. */
export const callSettingsAnswer = z.object({
  clientId: z.string(),
  profile: z.object({
    availability: z.object({
      timezone: z.string(),
      weekly: z.object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day }),
      unreachable: z.array(
        z.object({ from: z.string(), to: z.string(), reason: z.string().optional() }),
      ),
    }),
    forwarding: z.array(
      z.object({
        name: z.string(),
        callers: z.array(z.string()).optional(),
        topics: z.array(z.string()).optional(),
        anyCaller: z.boolean().optional(),
        outsideHours: z.boolean(),
      }),
    ),
  }),
  delivery: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('at-once') }),
    z.object({
      mode: z.literal('digest'),
      timezone: z.string(),
      time: z.string().describe('local `HH:mm`'),
    }),
  ]),
  notifyTo: z.string().optional().describe('where messages go; absent: the client’s e-mail'),
  mailboxId: z.string().optional(),
  lines: z.array(z.string()).describe('the client’s phone numbers, to match webhook events'),
});

/** Saved settings and the forwarding rules that can never match. */
export const savedCallSettingsAnswer = z.object({
  settings: callSettingsAnswer,
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});

/** Forward the call now or take a message, and why. */
export const callDecisionAnswer = z.object({
  action: z.enum(['forward', 'take-message']),
  why: z.object({
    code: z.enum(callReasonCodes),
    rule: z.string().optional(),
    match: z
      .object({ by: z.enum(['any-caller', 'caller', 'topic']), value: z.string().optional() })
      .optional(),
    range: z.string().optional().describe('the weekly range the call fell in, `09:00–17:00`'),
    until: z.string().optional(),
    note: z.string().optional(),
    next: z.string().optional().describe('next reachable; absent: not within three weeks'),
    timezone: z.string().optional(),
  }),
  rule: z.string().optional(),
});

/** A recorded call: its task and the decision. */
export const callAnswer = z.object({ task: taskAnswer, decision: callDecisionAnswer });
