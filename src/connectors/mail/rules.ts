/**
 * Client rules: which senders or words make a message urgent (urgent mail is forwarded to the
 * client at once; the rest waits for the secretary). Rules are validated with zod for shape,
 * and `checkMailRules` reports every rule that can never match (or would match everything),
 * so a typo does not silently stop urgent mail.
 */
import { z } from 'zod';
import { ValidationError, type FieldIssue } from '../../shared/errors.js';
import type { MailAddress } from './parse.js';

/**
 * One rule. It matches when the sender is one of `senders` (if given) and one of `words` is in
 * the text (if given). Senders: a full address (`boss@bakery.example`) or a domain
 * (`@supplier.example` or `supplier.example`, subdomains included). Words: whole words or
 * phrases, case and accents ignored ("havarie" finds "Havárie").
 */
export const urgentRuleSchema = z.object({
  name: z.string().trim().min(1),
  senders: z.array(z.string()).optional(),
  words: z.array(z.string()).optional(),
  /** Where words are looked for; default `anywhere` (subject and body). */
  where: z.enum(['subject', 'body', 'anywhere']).default('anywhere'),
});

/** The mail rules of one client. */
export const clientMailRulesSchema = z.object({
  urgent: z.array(urgentRuleSchema).default([]),
  /** Where urgent mail is forwarded (the client's own address); without it nothing is forwarded. */
  forwardUrgentTo: z.email().optional(),
});

/** Validated rules of a client. */
export type ClientMailRules = z.infer<typeof clientMailRulesSchema>;
/** One validated urgent rule. */
export type UrgentRule = z.infer<typeof urgentRuleSchema>;

/** A rule that cannot work as written. */
export interface RuleProblem {
  /** Dotted path, e.g. `urgent.1.senders.0`. */
  path: string;
  rule: string;
  message: string;
}

/** Parses rules; a ValidationError names each field of the wrong shape. */
export function parseClientMailRules(input: unknown): ClientMailRules {
  const result = clientMailRulesSchema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldIssue[] = result.error.issues.map((i) => ({
    path: i.path.join('.'),
    message: i.message,
  }));
  throw new ValidationError('client mail rules are invalid', details);
}

const ADDRESS = /^[^\s@]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;
const DOMAIN = /^@?[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** Lowercase, accents removed: "Havárie" → "havarie". */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Every rule that can never match, or matches every message; empty when all is well. */
export function checkMailRules(rules: ClientMailRules): RuleProblem[] {
  const problems: RuleProblem[] = [];
  rules.urgent.forEach((rule, index) => {
    const at = (field: string): string => `urgent.${index}${field ? `.${field}` : ''}`;
    const add = (path: string, message: string): void => {
      problems.push({ path, rule: rule.name, message });
    };
    if (rule.senders === undefined && rule.words === undefined) {
      add(at(''), 'has neither senders nor words: it would make every message urgent');
    }
    if (rule.senders?.length === 0)
      add(at('senders'), 'the sender list is empty: this rule can never match');
    if (rule.words?.length === 0)
      add(at('words'), 'the word list is empty: this rule can never match');
    rule.senders?.forEach((sender, i) => {
      const s = sender.trim();
      if (!isAddressPattern(s)) {
        add(
          at(`senders.${i}`),
          `"${sender}" is not an address (name@example.com) or a domain (@example.com): it can never match`,
        );
      }
    });
    rule.words?.forEach((word, i) => {
      if (!/[\p{L}\p{N}]/u.test(word)) {
        add(at(`words.${i}`), `"${word}" has no letters or digits: it can never match`);
      }
    });
  });
  return problems;
}

/** Whether `pattern` is an address or a domain (anything else can never match). */
export function isAddressPattern(pattern: string): boolean {
  const p = pattern.trim();
  return ADDRESS.test(p) || DOMAIN.test(p);
}

/** `address` is the address `pattern`, or at the domain `pattern` (`@x.example`/`x.example`, subdomains too). */
export function addressMatches(pattern: string, address: string): boolean {
  const p = pattern.trim().toLowerCase();
  const a = address.toLowerCase();
  if (ADDRESS.test(p)) return p === a;
  if (!DOMAIN.test(p)) return false;
  const domain = p.replace(/^@/, '');
  const own = a.split('@')[1] ?? '';
  return own === domain || own.endsWith(`.${domain}`);
}

function wordFound(word: string, text: string): boolean {
  const folded = foldText(word.trim())
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  if (folded === '') return false;
  return new RegExp(`(?<![\\p{L}\\p{N}])${folded}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** Why a message is urgent: one line per matching rule. */
export interface UrgencyVerdict {
  urgent: boolean;
  reasons: string[];
}

/** Applies the urgent rules to a message. */
export function judgeUrgency(
  rules: ClientMailRules,
  mail: { from: readonly MailAddress[]; subject: string; text: string },
): UrgencyVerdict {
  const subject = foldText(mail.subject);
  const body = foldText(mail.text);
  const reasons: string[] = [];
  for (const rule of rules.urgent) {
    if (rule.senders === undefined && rule.words === undefined) continue; // reported by checkMailRules
    const sender = rule.senders
      ? mail.from.find((f) => rule.senders?.some((p) => addressMatches(p, f.address)))
      : undefined;
    if (rule.senders && !sender) continue;
    const haystack =
      rule.where === 'subject' ? subject : rule.where === 'body' ? body : `${subject}\n${body}`;
    const word = rule.words?.find((w) => wordFound(w, haystack));
    if (rule.words && word === undefined) continue;
    const parts = [
      sender ? `sender ${sender.address}` : undefined,
      word !== undefined
        ? `the word "${word}" in the ${rule.where === 'anywhere' ? 'message' : rule.where}`
        : undefined,
    ].filter(Boolean);
    reasons.push(`rule "${rule.name}": ${parts.join(' and ')}`);
  }
  return { urgent: reasons.length > 0, reasons };
}
