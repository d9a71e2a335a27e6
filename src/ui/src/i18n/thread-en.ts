/** English words of the thread: request, text, approval, live. */
export const enThread = {};
