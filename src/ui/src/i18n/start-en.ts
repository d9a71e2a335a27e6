/** English words of first start, sign-in and private links. */
export const enStart = {};
