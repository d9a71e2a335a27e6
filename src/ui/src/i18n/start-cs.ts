import type { enStart } from './start-en.js';

/** Czech words of first start, sign-in and private links (the type asks for every English key). */
export const csStart: Record<keyof typeof enStart, string> = {};
