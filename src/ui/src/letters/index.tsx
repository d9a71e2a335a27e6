/**
 * The letter screens (issue 20): their props and route. The screens and their words are a
 * chunk of their own (screen.tsx, loaded by src/ui/src/screens/screens.tsx when one opens or
 * the browser is idle), so the first screen's JavaScript stays within its budget.
 */
import type { Api } from '../api/client.js';

/** Props of the letters screen. */
export interface LettersProps {
  api: Api;
  clientId: string;
  /** The client's letterheads and register, a new letter, or one letter. */
  view: 'overview' | 'new' | 'letter';
  /** The letter (view `letter`) or the mail/call task it is written from (view `new`). */
  id?: string | undefined;
}

/** `#/letters/<client>[/new[/<task>] | /l/<letter>]` → the screen's props. */
export function lettersRoute(route: string[]): Omit<LettersProps, 'api'> | undefined {
  const [, clientId, part, id] = route;
  if (!clientId) return undefined;
  if (part === 'new') return { clientId, view: 'new', id };
  if (part === 'l' && id) return { clientId, view: 'letter', id };
  return { clientId, view: 'overview' };
}
