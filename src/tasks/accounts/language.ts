import { z } from 'zod';
import { NotFoundError } from '../../shared/errors.js';
import type { AccountsDeps } from './types.js';

/** The languages the web app speaks (its message catalogs: src/ui/src/i18n). */
export const userLanguages = ['en', 'cs'] as const;
/** A web-app language of a user. */
export type UserLanguage = (typeof userLanguages)[number];

/** Body of `PUT /api/v1/auth/me/language`. */
export const setLanguageSchema = z.strictObject({ language: z.enum(userLanguages) });

const isLanguage = (v: string | null | undefined): v is UserLanguage =>
  (userLanguages as readonly (string | null | undefined)[]).includes(v);

/** The user's chosen language, or null when none was chosen (or the stored one is unknown). */
export async function getUserLanguage(
  deps: AccountsDeps,
  userId: string,
): Promise<UserLanguage | null> {
  const row = await deps.db
    .selectFrom('users')
    .select('language')
    .where('id', '=', userId)
    .executeTakeFirst();
  return isLanguage(row?.language) ? row.language : null;
}

/** Saves the user's language; a user that is gone (or disabled) is a NotFoundError. */
export async function setUserLanguage(
  deps: AccountsDeps,
  userId: string,
  language: UserLanguage,
): Promise<UserLanguage> {
  const result = await deps.db
    .updateTable('users')
    .set({ language })
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError('This user does not exist.');
  return language;
}
