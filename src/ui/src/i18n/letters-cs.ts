/** České texty dopisů (issue 20); obrazovky dopisů teprve přijdou (docs/letters.md). */
export const csLetters = {
  'kind.letter': 'Dopis',
};
