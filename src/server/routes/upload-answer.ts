import { z } from 'zod';
import type { RefusedReason } from '../multipart.js';
import { uploadAnswer } from '../answers/content.js';

/**
 * The answer of a per-file upload (images for texts, files for replies), for the OpenAPI
 * document: the stored files in the order sent and each refused one with its reason.
 */
export function uploadAnswerSchemas(
  reasons: readonly [RefusedReason, ...RefusedReason[]],
  stored: string,
) {
  const refused = z.array(
    z.object({
      index: z.number().int().describe('place of the file among those sent, from 0'),
      filename: z.string().describe('the name it was sent with'),
      reason: z.enum(reasons),
      message: z.string(),
    }),
  );
  const answer = z.object({
    items: z
      .array(uploadAnswer)
      .describe(`the stored ${stored}, in the order sent (refused files left out)`),
    refused,
  });
  return { refused, answer };
}
