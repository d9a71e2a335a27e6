/** English words of history lines in sentences. */
export const enHistory = {};
