/** English words of letters (issue 20); the letter screens are still to come (docs/letters.md). */
export const enLetters = {
  'kind.letter': 'Letter',
};
