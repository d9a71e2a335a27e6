/** The letter functions that send mail, bound to the mail desk's context and outbox. */
import type { Actor } from '../context.js';
import type { MailContext } from '../mail/context.js';
import type { MailOutbox } from '../mail/outbox.js';
import { dictationFromMail } from './mail-dictation.js';
import { markPosted, queueLetter, resendLetter, type SendLetterInput } from './send.js';

/** Creates the letter sending of one mail desk. */
export function createLetterSending(ctx: MailContext, outbox: Pick<MailOutbox, 'wake'>) {
  return {
    /** Numbers the letter, makes its PDF and queues it; the outbox sends it. */
    send: async (taskId: string, input: SendLetterInput, who: Actor) => {
      const letter = await queueLetter(ctx, taskId, input, who);
      outbox.wake();
      return letter;
    },
    /** Records a letter printed and posted on a day. */
    post: (taskId: string, input: { postedOn: string }, who: Actor) =>
      markPosted(ctx.deps, taskId, input, who),
    /** Adds the voice messages of the mail a letter answers to the letter's dictation. */
    dictationFromMail: (taskId: string, who: Actor) => dictationFromMail(ctx, taskId, who),
    /** A failed or unsure letter: the same message again, or (`arrived`) only its Sent copy. */
    resend: async (taskId: string, input: { answer: 'send-again' | 'arrived' }) => {
      const queued = await resendLetter(ctx, taskId, input);
      outbox.wake();
      return queued;
    },
  };
}

/** The letter sending of a mail desk. */
export type LetterSending = ReturnType<typeof createLetterSending>;
