import type { enHistory } from './history-en.js';

/** Czech words of history lines in sentences (the type asks for every English key). */
export const csHistory: Record<keyof typeof enHistory, string> = {};
