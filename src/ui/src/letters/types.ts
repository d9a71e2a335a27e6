// The letter shapes the screens use, read from the generated schema (../api/schema.ts): what the
// letter routes answer, as their answer schemas say (the API tests hold them to it).
import type { Answer } from '../api/schema.js';

/** A client's letterhead as listed (no image bytes). */
export type Letterhead = Answer<'/api/v1/clients/{id}/letterheads', 'get'>['items'][number];

/** A template of a recurring letter and its `{{fields}}`. */
export type LetterTemplate = Answer<
  '/api/v1/clients/{id}/letter-templates',
  'get'
>['items'][number];

/** A letter task. */
export type LetterTask = Answer<'/api/v1/letters/{id}', 'get'>;

/** The details of a letter task. */
export type LetterDetails = LetterTask['details'];

/** The recipient of a letter. */
export type Recipient = LetterDetails['recipient'];

/** Where a letter stands with its client. */
export type LetterApproval = NonNullable<LetterDetails['approval']>;

/** How a letter went out. */
export type LetterDelivery = NonNullable<LetterDetails['delivery']>;

/** One letter of the register. */
export type RegisterEntry = Answer<'/api/v1/clients/{id}/letter-register', 'get'>['items'][number];
